// The engine-facing side of every component, which decides how Pulumi creates, replaces and deletes: registerOutputs
// called once, and for every child its dependencies (dependsOn and the resources its inputs come from) and its
// replacement options (deleteBeforeReplace, ignoreChanges, aliases, retainOnDelete), exactly.
import { expect } from "chai";
import { FixedConcurrency, LambdaWarmer, ScheduleArgs, ScheduledConcurrency, UtilizationScaling } from "../../components";
import { RecordedResource } from "../../testing/mock-aws";
import { mocks, resetProgram, settled, urnOf } from "../helpers/pulumi";

const FIXED = "lambda-concurrency:index:FixedConcurrency";
const SCHEDULED = "lambda-concurrency:index:ScheduledConcurrency";
const UTILIZATION = "lambda-concurrency:index:UtilizationScaling";
const WARMER = "lambda-concurrency:index:LambdaWarmer";
const WARM = "lambda-concurrency:index:WarmAlias";
/** The FixedConcurrency or UtilizationScaling inside a WarmAlias, which each of the three components takes over (swaps.ts). */
const IN_WARM_ALIAS = [`lambda-concurrency:index:WarmAlias$${FIXED}`, `lambda-concurrency:index:WarmAlias$${UTILIZATION}`];

const CONFIG = "aws:lambda/provisionedConcurrencyConfig:ProvisionedConcurrencyConfig";
const TARGET = "aws:appautoscaling/target:Target";
const ACTION = "aws:appautoscaling/scheduledAction:ScheduledAction";
const POLICY = "aws:appautoscaling/policy:Policy";
const W = {
    role: "aws:iam/role:Role",
    logGroup: "aws:cloudwatch/logGroup:LogGroup",
    rolePolicy: "aws:iam/rolePolicy:RolePolicy",
    policy: "aws:iam/policy:Policy",
    attachment: "aws:iam/rolePolicyAttachment:RolePolicyAttachment",
    fn: "aws:lambda/function:Function",
    invokeConfig: "aws:lambda/functionEventInvokeConfig:FunctionEventInvokeConfig",
    rule: "aws:cloudwatch/eventRule:EventRule",
    permission: "aws:lambda/permission:Permission",
    target: "aws:cloudwatch/eventTarget:EventTarget",
    invocation: "aws:lambda/invocation:Invocation",
};

const SCHEDULES: ScheduleArgs[] = [
    { name: "day", schedule: "cron(0 8 * * ? *)", capacity: 10 },
    { name: "night", schedule: "cron(0 18 * * ? *)", capacity: 2 },
];

/** What the engine sees of one child: type, name, options, and its dependencies as "type name", sorted. */
interface ChildView {
    type: string;
    name: string;
    deleteBeforeReplace: boolean;
    /** Whether the component set deleteBeforeReplace (true or false), overriding the provider's choice. */
    deleteBeforeReplaceDefined: boolean;
    ignoreChanges: string[];
    aliases: string[];
    retainOnDelete: boolean;
    dependsOn: string[];
}

function childrenOf(resources: RecordedResource[], componentType: string, componentName: string): ChildView[] {
    const parent = urnOf(componentType, componentName);
    const byUrn = new Map(resources.map((r) => [r.urn, r]));
    return resources
        .filter((r) => r.parent === parent)
        .map((r) => ({
            type: r.type,
            name: r.name,
            ...r.options,
            dependsOn: r.dependencies
                .map((urn) => {
                    const dependency = byUrn.get(urn);
                    return dependency === undefined ? urn : `${dependency.type} ${dependency.name}`;
                })
                .sort(),
        }))
        .sort((a, b) => `${a.type} ${a.name}`.localeCompare(`${b.type} ${b.name}`));
}

/**
 * A child as expected. A provisioned concurrency configuration always says whether it is replaced delete-first (its
 * component passes deleteOldConfigurationFirst, default false); other children set the option only to say true.
 */
function child(type: string, name: string, dependsOn: string[], options: Partial<ChildView> = {}): ChildView {
    const defined = type === CONFIG || options.deleteBeforeReplace === true;
    return {
        type,
        name,
        deleteBeforeReplace: false,
        deleteBeforeReplaceDefined: defined,
        ignoreChanges: [],
        aliases: [],
        retainOnDelete: false,
        dependsOn: [...dependsOn].sort(),
        ...options,
    };
}

/**
 * `children` with the aliases a child of a provisioned concurrency component of `componentType` names itself: its URN
 * under each of the other two types, and under either child of a WarmAlias of its component's name, which the
 * component aliases (child-aliases.ts, swaps.ts).
 */
function underSwapAliases(componentType: string, children: ChildView[]): ChildView[] {
    const others = [FIXED, SCHEDULED, UTILIZATION].filter((t) => t !== componentType);
    return children.map((c) => ({ ...c, aliases: [...others.map((other) => urnOf(c.type, c.name, other)), ...IN_WARM_ALIAS.map((parent) => urnOf(c.type, c.name, parent))] }));
}

function sorted(children: ChildView[]): ChildView[] {
    return [...children].sort((a, b) => `${a.type} ${a.name}`.localeCompare(`${b.type} ${b.name}`));
}

describe("registerOutputs", () => {
    beforeEach(resetProgram);

    it("is called exactly once by each of the four components", async () => {
        new FixedConcurrency("fixed", { functionName: "orders", qualifier: "live", provisionedConcurrentExecutions: 2 });
        new ScheduledConcurrency("clock", { functionName: "orders", qualifier: "blue", schedules: SCHEDULES });
        new UtilizationScaling("load", { functionName: "orders", qualifier: "green", maxCapacity: 10, schedules: SCHEDULES });
        new LambdaWarmer("warm", { targets: [{ functionName: "api" }], prewarm: true });
        await settled();
        expect([...mocks.outputRegistrations].sort()).to.deep.equal(
            [
                [urnOf(FIXED, "fixed"), 1],
                [urnOf(SCHEDULED, "clock"), 1],
                [urnOf(UTILIZATION, "load"), 1],
                [urnOf(WARMER, "warm"), 1],
            ].sort(),
        );
    });
});

describe("the dependencies and replacement options of every child", () => {
    beforeEach(resetProgram);

    it("FixedConcurrency: one configuration, replaced create-first unless asked to delete first, and its target after it", async () => {
        new FixedConcurrency("fixed", { functionName: "orders", qualifier: "live", provisionedConcurrentExecutions: 2 });
        new FixedConcurrency("tight", { functionName: "orders", qualifier: "blue", provisionedConcurrentExecutions: 2, deleteOldConfigurationFirst: true });
        const resources = await settled();
        expect(childrenOf(resources, FIXED, "fixed")).to.deep.equal(
            underSwapAliases(FIXED, sorted([child(CONFIG, "fixed", []), child(TARGET, "fixed-target", [`${CONFIG} fixed`])])),
        );
        expect(childrenOf(resources, FIXED, "tight")).to.deep.equal(
            underSwapAliases(FIXED, sorted([child(CONFIG, "tight", [], { deleteBeforeReplace: true }), child(TARGET, "tight-target", [`${CONFIG} tight`])])),
        );
    });

    it("ScheduledConcurrency: the configuration (count left to scaling), the target after it, the actions one after the other", async () => {
        new ScheduledConcurrency("clock", { functionName: "orders", qualifier: "live", schedules: SCHEDULES });
        new ScheduledConcurrency("tight", { functionName: "orders", qualifier: "blue", schedules: SCHEDULES, deleteOldConfigurationFirst: true });
        const resources = await settled();
        const owned = { ignoreChanges: ["provisionedConcurrentExecutions"] };
        expect(childrenOf(resources, SCHEDULED, "clock")).to.deep.equal(
            underSwapAliases(SCHEDULED, sorted([
                child(CONFIG, "clock", [], owned),
                child(TARGET, "clock-target", [`${CONFIG} clock`]),
                child(ACTION, "clock-day", [`${TARGET} clock-target`]),
                child(ACTION, "clock-night", [`${TARGET} clock-target`, `${ACTION} clock-day`]),
            ])),
        );
        expect(childrenOf(resources, SCHEDULED, "tight").find((c) => c.type === CONFIG)).to.deep.equal(
            underSwapAliases(SCHEDULED, [child(CONFIG, "tight", [], { ...owned, deleteBeforeReplace: true })])[0],
        );
    });

    it("UtilizationScaling: the configuration, the target after it, the policy on the target, the actions after the policy", async () => {
        new UtilizationScaling("load", { functionName: "orders", qualifier: "live", maxCapacity: 10, schedules: SCHEDULES });
        new UtilizationScaling("tight", { functionName: "orders", qualifier: "blue", maxCapacity: 10, deleteOldConfigurationFirst: true });
        const resources = await settled();
        const owned = { ignoreChanges: ["provisionedConcurrentExecutions"] };
        expect(childrenOf(resources, UTILIZATION, "load")).to.deep.equal(
            underSwapAliases(UTILIZATION, sorted([
                child(CONFIG, "load", [], owned),
                child(TARGET, "load-target", [`${CONFIG} load`]),
                child(POLICY, "load-tracking", [`${TARGET} load-target`]),
                child(ACTION, "load-day", [`${TARGET} load-target`, `${POLICY} load-tracking`]),
                child(ACTION, "load-night", [`${TARGET} load-target`, `${ACTION} load-day`]),
            ])),
        );
        expect(childrenOf(resources, UTILIZATION, "tight")).to.deep.equal(
            underSwapAliases(UTILIZATION, sorted([
                child(CONFIG, "tight", [], { ...owned, deleteBeforeReplace: true }),
                child(TARGET, "tight-target", [`${CONFIG} tight`]),
                child(POLICY, "tight-tracking", [`${TARGET} tight-target`]),
            ])),
        );
    });

    it("the provisioned concurrency components take over each other's resources through aliases; the warmer has none", async () => {
        new FixedConcurrency("fixed", { functionName: "orders", qualifier: "live", provisionedConcurrentExecutions: 2 });
        new ScheduledConcurrency("clock", { functionName: "orders", qualifier: "blue", schedules: SCHEDULES });
        new UtilizationScaling("load", { functionName: "orders", qualifier: "green", maxCapacity: 10 });
        new LambdaWarmer("warm", { targets: [{ functionName: "api" }] });
        const components = (await settled()).filter((r) => !r.custom).map((r) => [r.type, r.name, r.options.aliases, r.options.deleteBeforeReplace, r.options.ignoreChanges, r.dependencies]);
        expect(components.sort()).to.deep.equal(
            [
                [FIXED, "fixed", [urnOf(SCHEDULED, "fixed"), urnOf(UTILIZATION, "fixed"), urnOf(FIXED, "fixed", WARM), urnOf(UTILIZATION, "fixed", WARM)], false, [], []],
                [SCHEDULED, "clock", [urnOf(FIXED, "clock"), urnOf(UTILIZATION, "clock"), urnOf(FIXED, "clock", WARM), urnOf(UTILIZATION, "clock", WARM)], false, [], []],
                [UTILIZATION, "load", [urnOf(FIXED, "load"), urnOf(SCHEDULED, "load"), urnOf(FIXED, "load", WARM), urnOf(UTILIZATION, "load", WARM)], false, [], []],
                [WARMER, "warm", [], false, [], []],
            ].sort(),
        );
    });

    const warmerChildren = (name: string, fitted: (type: string) => boolean): ChildView[] => {
        const replaceFirst = (type: string): Partial<ChildView> => ({ deleteBeforeReplace: fitted(type) });
        return sorted([
            child(W.role, `${name}-role`, [], replaceFirst(W.role)),
            child(W.logGroup, `${name}-logs`, [], replaceFirst(W.logGroup)),
            child(W.rolePolicy, `${name}-logs`, [`${W.logGroup} ${name}-logs`, `${W.role} ${name}-role`], replaceFirst(W.rolePolicy)),
            child(W.policy, `${name}-invoke-0`, [], replaceFirst(W.policy)),
            child(W.attachment, `${name}-invoke-0`, [`${W.policy} ${name}-invoke-0`, `${W.role} ${name}-role`]),
            // The function waits for its role's permissions (dependsOn) and takes the role and log group as inputs.
            child(
                W.fn,
                name,
                [`${W.rolePolicy} ${name}-logs`, `${W.attachment} ${name}-invoke-0`, `${W.logGroup} ${name}-logs`, `${W.role} ${name}-role`],
                replaceFirst(W.fn),
            ),
            child(W.invokeConfig, name, [`${W.fn} ${name}`]),
            child(W.rule, `${name}-schedule`, [], replaceFirst(W.rule)),
            child(W.permission, `${name}-schedule`, [`${W.fn} ${name}`, `${W.rule} ${name}-schedule`], replaceFirst(W.permission)),
            child(W.target, `${name}-plan-0`, [`${W.fn} ${name}`, `${W.rule} ${name}-schedule`]),
            child(W.invocation, `${name}-prewarm-0`, [`${W.fn} ${name}`]),
        ]);
    };

    it("LambdaWarmer: each child after what it needs, replaced create-first under provider-made names", async () => {
        new LambdaWarmer("warm", { targets: [{ functionName: "api" }], prewarm: true });
        expect(childrenOf(await settled(), WARMER, "warm")).to.deep.equal(warmerChildren("warm", () => false));
    });

    it("LambdaWarmer with a long name: the children it names itself are replaced delete-first, the others create-first", async () => {
        // 125 characters: too long for the provider's auto-names of the role, function and rule (64), the role policy
        // and managed policy (128) and the permission's statement id (100); the log group (512) keeps its auto-name.
        const name = "w".repeat(125);
        new LambdaWarmer(name, { targets: [{ functionName: "api" }], prewarm: true });
        const named = new Set([W.role, W.rolePolicy, W.policy, W.fn, W.rule, W.permission]);
        expect(childrenOf(await settled(), WARMER, name)).to.deep.equal(warmerChildren(name, (type) => named.has(type)));
    });
});
