import { expect } from "chai";
import { createHash } from "crypto";
import { AwsError, AwsModel, leftovers, missingInAws, objectKeys, provisionedConcurrency } from "./aws-model";
import { DeploymentError, EngineError, destroy, inheritedChildAlias, refresh, up } from "./engine";
import {
    component,
    declare,
    lambdaAlias,
    lambdaFunction,
    pcConfig,
    scalableTarget,
    scheduledAction,
    trackingPolicy,
    urnOf,
} from "./fixtures";
import { DeclaredResource, OperationResult, StackState, TYPES, emptyState } from "./types";

const FIXED = "lambda-concurrency:index:FixedConcurrency";
const UTILIZATION = "lambda-concurrency:index:UtilizationScaling";

const fn = lambdaFunction("api");
const live = lambdaAlias("api-live", fn, "live");
// Two aliases of one version can't both allocate provisioned concurrency (Lambda developer guide), so blue points at 2.
const blue = lambdaAlias("api-blue", fn, "blue", "2");

/** The stack after a first `up` of `declared` (the function alone) and a new published version: api has 1 and 2. */
function published(aws: AwsModel, declared: DeclaredResource = fn): StackState {
    const first = deploy(emptyState(), [declared], aws);
    aws.publishVersion(String(declared.inputs.name));
    return first.state;
}

/** What FixedConcurrency declares: the component and its configuration, named after it. */
function fixed(
    name: string,
    options: { count?: number; qualifier?: string; type?: string; aliases?: string[] } & Partial<Parameters<typeof pcConfig>[1]> = {},
): DeclaredResource[] {
    const { count, qualifier, type, aliases, ...rest } = options;
    const parent = component(type ?? FIXED, name, { aliases });
    const alias = (qualifier ?? "live") === "live" ? live : blue;
    const config = pcConfig(name, {
        functionName: "api",
        qualifier: qualifier ?? "live",
        count: count ?? 5,
        parent: parent.urn,
        dependsOn: [fn.urn, alias.urn],
        ...rest,
    });
    return [parent, config];
}

/** What UtilizationScaling declares: the component, `<name>-target` and `<name>-tracking`. */
function utilization(
    name: string,
    options: { qualifier?: string; aliases?: string[]; targetDeleteBeforeReplace?: boolean; schedule?: boolean } = {},
): DeclaredResource[] {
    const parent = component(UTILIZATION, name, { aliases: options.aliases });
    const qualifier = options.qualifier ?? "live";
    const target = scalableTarget(`${name}-target`, {
        resourceId: `function:api:${qualifier}`,
        min: 1,
        max: 5,
        parent: parent.urn,
        dependsOn: [qualifier === "live" ? live.urn : blue.urn],
        deleteBeforeReplace: options.targetDeleteBeforeReplace,
    });
    const policy = trackingPolicy(`${name}-tracking`, target, { policyName: "tracking", parent: parent.urn });
    const resources = [parent, target, policy];
    if (options.schedule === true) {
        resources.push(
            scheduledAction(`${name}-day`, target, {
                actionName: "day",
                schedule: "cron(0 8 * * ? *)",
                min: 3,
                max: 5,
                parent: parent.urn,
                dependsOn: [policy.urn],
            }),
        );
    }
    return resources;
}

function urns(result: OperationResult | StackState): string[] {
    const state = "resources" in result ? result : result.state;
    return state.resources.map((r) => r.urn);
}

/** Runs `up` and fails the test on an AWS error. */
function deploy(state: StackState, program: DeclaredResource[], aws: AwsModel): OperationResult {
    const result = up(state, program, aws);
    if (result.error !== undefined) {
        throw result.error;
    }
    return result;
}

function thrownBy(fn: () => unknown): Error {
    try {
        fn();
    } catch (error) {
        if (error instanceof Error) {
            return error;
        }
    }
    throw new Error("expected an error, but nothing was thrown");
}

const [fixedApi, pcApi] = fixed("api");
const programA = [fn, live, ...fixed("api")];

describe("lifecycle model: engine", () => {
    describe("up", () => {
        it("creates in registration order; a component makes no AWS call", () => {
            const aws = new AwsModel();
            const result = deploy(emptyState(), programA, aws);
            expect(result.steps).to.deep.equal([
                { op: "create", urn: fn.urn, awsCalls: ["CreateFunction(api)"] },
                { op: "create", urn: live.urn, awsCalls: ["CreateAlias(api,live,1)"] },
                { op: "create", urn: fixedApi.urn, awsCalls: [] },
                { op: "create", urn: pcApi.urn, awsCalls: ["PutProvisionedConcurrencyConfig(api,live,5)"] },
            ]);
            expect(urns(result)).to.deep.equal([fn.urn, live.urn, fixedApi.urn, pcApi.urn]);
            expect(result.state.resources[3].id).to.equal("api,live");
            expect(result.state.resources[3].outputs.provisionedConcurrentExecutions).to.equal(5);
            expect(provisionedConcurrency(aws)).to.deep.equal([{ functionName: "api", qualifier: "live", count: 5 }]);
        });

        it("updates in place a key that does not force a replacement, and leaves the rest the same", () => {
            const aws = new AwsModel();
            const a = deploy(emptyState(), programA, aws);
            const b = deploy(a.state, [fn, live, ...fixed("api", { count: 8 })], aws);
            expect(b.steps).to.deep.equal([
                { op: "same", urn: fn.urn, awsCalls: [] },
                { op: "same", urn: live.urn, awsCalls: [] },
                { op: "same", urn: fixedApi.urn, awsCalls: [] },
                { op: "update", urn: pcApi.urn, awsCalls: ["PutProvisionedConcurrencyConfig(api,live,8)"] },
            ]);
            expect(b.state.resources[3].inputs.provisionedConcurrentExecutions).to.equal(8);
            expect(provisionedConcurrency(aws)).to.deep.equal([{ functionName: "api", qualifier: "live", count: 8 }]);
        });

        it("ignoreChanges keeps the old value and never diffs; without it, refresh then up puts the program's count back", () => {
            const ignoring = [fn, live, ...fixed("api", { count: 5, ignoreChanges: ["provisionedConcurrentExecutions"] })];
            const aws = new AwsModel();
            const a = deploy(emptyState(), ignoring, aws);
            // Something else (Application Auto Scaling) moves the count to 9.
            aws.update(TYPES.provisionedConcurrencyConfig, "api,live", {}, { provisionedConcurrentExecutions: 9 });
            const refreshed = refresh(a.state, aws);
            expect(refreshed.steps).to.deep.equal([
                { op: "same", urn: fn.urn, awsCalls: ["GetFunction(api)"] },
                { op: "same", urn: live.urn, awsCalls: ["GetAlias(api,live)"] },
                { op: "refresh-updated", urn: pcApi.urn, awsCalls: ["GetProvisionedConcurrencyConfig(api,live)"] },
            ]);
            const b = deploy(refreshed.state, [fn, live, ...fixed("api", { count: 2, ignoreChanges: ["provisionedConcurrentExecutions"] })], aws);
            expect(b.steps.map((s) => s.op)).to.deep.equal(["same", "same", "same", "same"]);
            expect(b.state.resources[3].inputs.provisionedConcurrentExecutions).to.equal(9);
            expect(provisionedConcurrency(aws)[0].count).to.equal(9);

            const plain = deploy(refreshed.state, [fn, live, ...fixed("api", { count: 2 })], aws);
            expect(plain.steps[3]).to.deep.equal({
                op: "update",
                urn: pcApi.urn,
                awsCalls: ["PutProvisionedConcurrencyConfig(api,live,2)"],
            });
        });

        it("replaces create-before-delete: the replacement at its registration, the old one deleted after everything", () => {
            const aws = new AwsModel();
            const a = deploy(published(aws), [fn, live, blue, ...fixed("api")], aws);
            const b = deploy(a.state, [fn, live, blue, ...fixed("api", { qualifier: "blue" })], aws);
            expect(b.steps).to.deep.equal([
                { op: "same", urn: fn.urn, awsCalls: [] },
                { op: "same", urn: live.urn, awsCalls: [] },
                { op: "same", urn: blue.urn, awsCalls: [] },
                { op: "same", urn: fixedApi.urn, awsCalls: [] },
                { op: "create-replacement", urn: pcApi.urn, awsCalls: ["PutProvisionedConcurrencyConfig(api,blue,5)"] },
                { op: "delete-replaced", urn: pcApi.urn, awsCalls: ["DeleteProvisionedConcurrencyConfig(api,live)"] },
            ]);
            expect(b.state.resources.map((r) => r.outputs.qualifier ?? r.urn)).to.deep.equal([fn.urn, live.urn, blue.urn, fixedApi.urn, "blue"]);
            expect(provisionedConcurrency(aws)).to.deep.equal([{ functionName: "api", qualifier: "blue", count: 5 }]);
        });

        it("replaces delete-before-replace: the old one deleted at the registration, then the replacement", () => {
            const aws = new AwsModel();
            const a = deploy(published(aws), [fn, live, blue, ...fixed("api", { deleteBeforeReplace: true })], aws);
            const b = deploy(a.state, [fn, live, blue, ...fixed("api", { qualifier: "blue", deleteBeforeReplace: true })], aws);
            expect(b.steps.slice(4)).to.deep.equal([
                { op: "delete-replaced", urn: pcApi.urn, awsCalls: ["DeleteProvisionedConcurrencyConfig(api,live)"] },
                { op: "create-replacement", urn: pcApi.urn, awsCalls: ["PutProvisionedConcurrencyConfig(api,blue,5)"] },
            ]);
            expect(provisionedConcurrency(aws)).to.deep.equal([{ functionName: "api", qualifier: "blue", count: 5 }]);
        });

        it("delete-before-replace first deletes the dependents whose replace-forcing inputs come from the replaced resource", () => {
            const aws = new AwsModel();
            const a = deploy(published(aws), [fn, live, blue, ...utilization("load", { targetDeleteBeforeReplace: true })], aws);
            const program = [fn, live, blue, ...utilization("load", { qualifier: "blue", targetDeleteBeforeReplace: true })];
            const b = deploy(a.state, program, aws);
            const [, target, policy] = program.slice(3);
            expect(b.steps.slice(4)).to.deep.equal([
                { op: "delete-replaced", urn: policy.urn, awsCalls: ["DeleteScalingPolicy(function:api:live,tracking)"] },
                { op: "delete-replaced", urn: target.urn, awsCalls: ["DeregisterScalableTarget(function:api:live)"] },
                {
                    op: "create-replacement",
                    urn: target.urn,
                    awsCalls: ["RegisterScalableTarget(function:api:blue,1,5)", "AAS:PutProvisionedConcurrencyConfig(api,blue,1)"],
                },
                { op: "create-replacement", urn: policy.urn, awsCalls: ["PutScalingPolicy(function:api:blue,tracking)"] },
            ]);
            // Deregistering leaves the old alias's capacity billing (aws-cdk#31507).
            expect(provisionedConcurrency(aws)).to.deep.equal([
                { functionName: "api", qualifier: "blue", count: 1 },
                { functionName: "api", qualifier: "live", count: 1 },
            ]);
        });

        it("deletes removed resources last, in reverse dependency order, children before parents", () => {
            const aws = new AwsModel();
            const scaling = utilization("load", { schedule: true });
            const a = deploy(emptyState(), [fn, live, ...scaling], aws);
            const before = objectKeys(aws);
            const b = deploy(a.state, [fn, live, ...fixed("api", { count: 2 })], aws);
            const [load, target, policy, day] = scaling;
            expect(b.steps).to.deep.equal([
                { op: "same", urn: fn.urn, awsCalls: [] },
                { op: "same", urn: live.urn, awsCalls: [] },
                { op: "create", urn: fixedApi.urn, awsCalls: [] },
                { op: "create", urn: pcApi.urn, awsCalls: ["PutProvisionedConcurrencyConfig(api,live,2)"] },
                { op: "delete", urn: day.urn, awsCalls: ["DeleteScheduledAction(function:api:live,day)"] },
                { op: "delete", urn: policy.urn, awsCalls: ["DeleteScalingPolicy(function:api:live,tracking)"] },
                { op: "delete", urn: target.urn, awsCalls: ["DeregisterScalableTarget(function:api:live)"] },
                { op: "delete", urn: load.urn, awsCalls: [] },
            ]);
            expect(leftovers(aws, before)).to.deep.equal([]);
            expect(urns(b)).to.deep.equal([fn.urn, live.urn, fixedApi.urn, pcApi.urn]);
        });

        it("a renamed component without aliases: the new configuration is put, then the old one's delete wipes it", () => {
            const aws = new AwsModel();
            const a = deploy(emptyState(), programA, aws);
            const [renamed, renamedPc] = fixed("api2");
            const b = deploy(a.state, [fn, live, renamed, renamedPc], aws);
            expect(b.steps.slice(2)).to.deep.equal([
                { op: "create", urn: renamed.urn, awsCalls: [] },
                { op: "create", urn: renamedPc.urn, awsCalls: ["PutProvisionedConcurrencyConfig(api,live,5)"] },
                { op: "delete", urn: pcApi.urn, awsCalls: ["DeleteProvisionedConcurrencyConfig(api,live)"] },
                { op: "delete", urn: fixedApi.urn, awsCalls: [] },
            ]);
            expect(provisionedConcurrency(aws)).to.deep.equal([]);
            expect(missingInAws(b.state, aws).map((r) => r.urn)).to.deep.equal([renamedPc.urn]);
        });

        it("a renamed scaling component without aliases: the old target's deregistration takes the new policy with it", () => {
            const aws = new AwsModel();
            const a = deploy(emptyState(), [fn, live, ...utilization("load")], aws);
            const renamed = utilization("load2");
            const b = deploy(a.state, [fn, live, ...renamed], aws);
            const [, oldTarget, oldPolicy] = utilization("load");
            expect(b.steps.slice(5).map((s) => [s.op, s.urn, s.awsCalls])).to.deep.equal([
                ["delete", oldPolicy.urn, ["DeleteScalingPolicy(function:api:live,tracking)"]],
                ["delete", oldTarget.urn, ["DeregisterScalableTarget(function:api:live)"]],
                ["delete", a.state.resources[2].urn, []],
            ]);
            expect(missingInAws(b.state, aws).map((r) => r.urn)).to.deep.equal([renamed[1].urn, renamed[2].urn]);
            expect(provisionedConcurrency(aws)).to.deep.equal([{ functionName: "api", qualifier: "live", count: 1 }]);
        });

        it("matches a renamed resource through its own alias: same, no AWS call, new URN in the state", () => {
            const aws = new AwsModel();
            const a = deploy(emptyState(), programA, aws);
            const renamed = pcConfig("api-warm", {
                functionName: "api",
                qualifier: "live",
                count: 5,
                parent: fixedApi.urn,
                dependsOn: [fn.urn, live.urn],
                aliases: [pcApi.urn],
            });
            const b = deploy(a.state, [fn, live, fixedApi, renamed], aws);
            expect(b.steps[3]).to.deep.equal({ op: "same", urn: renamed.urn, awsCalls: [] });
            expect(urns(b)).to.deep.equal([fn.urn, live.urn, fixedApi.urn, renamed.urn]);
            expect(aws.calls).to.deep.equal(["CreateFunction(api)", "CreateAlias(api,live,1)", "PutProvisionedConcurrencyConfig(api,live,5)"]);
        });

        it("children inherit their parent's type alias", () => {
            const aws = new AwsModel();
            const [oldParent, oldPc] = fixed("api", { type: "old-package:index:Warm" });
            const a = deploy(emptyState(), [fn, live, oldParent, oldPc], aws);
            const [parent, child] = fixed("api", { aliases: [oldParent.urn] });
            expect(child.urn).to.not.equal(oldPc.urn);
            const b = deploy(a.state, [fn, live, parent, child], aws);
            expect(b.steps.map((s) => [s.op, s.urn, s.awsCalls.length])).to.deep.equal([
                ["same", fn.urn, 0],
                ["same", live.urn, 0],
                ["same", parent.urn, 0],
                ["same", child.urn, 0],
            ]);
        });

        it("children named after a renamed parent inherit its alias with the old name as prefix", () => {
            const aws = new AwsModel();
            const oldScaling = utilization("api");
            const a = deploy(emptyState(), [fn, live, ...oldScaling], aws);
            const renamed = utilization("api2", { aliases: [oldScaling[0].urn] });
            expect(renamed.map((r) => r.name)).to.deep.equal(["api2", "api2-target", "api2-tracking"]);
            const b = deploy(a.state, [fn, live, ...renamed], aws);
            expect(b.steps.map((s) => s.op)).to.deep.equal(["same", "same", "same", "same", "same"]);
            expect(urns(b)).to.deep.equal([fn.urn, live.urn, ...renamed.map((r) => r.urn)]);
            expect(aws.scalingOf("function:api:live").policies).to.deep.equal(["tracking"]);
        });

        it("a parent's alias chain reaches grandchildren", () => {
            const aws = new AwsModel();
            const outer = (name: string, aliases?: string[]): DeclaredResource[] => {
                const service = component("my:index:Service", name, { aliases });
                const inner = component(FIXED, `${name}-warm`, { parent: service.urn });
                const config = pcConfig(`${name}-warm`, {
                    functionName: "api",
                    qualifier: "live",
                    count: 3,
                    parent: inner.urn,
                    dependsOn: [fn.urn, live.urn],
                });
                return [service, inner, config];
            };
            const old = outer("svc");
            expect(old[2].urn).to.equal(
                "urn:pulumi:test::proj::my:index:Service$lambda-concurrency:index:FixedConcurrency$aws:lambda/provisionedConcurrencyConfig:ProvisionedConcurrencyConfig::svc-warm",
            );
            const a = deploy(emptyState(), [fn, live, ...old], aws);
            const b = deploy(a.state, [fn, live, ...outer("app", [old[0].urn])], aws);
            expect(b.steps.map((s) => s.op)).to.deep.equal(["same", "same", "same", "same", "same"]);
            expect(aws.calls.filter((c) => c.includes("ProvisionedConcurrency"))).to.deep.equal(["PutProvisionedConcurrencyConfig(api,live,3)"]);
        });

        it("refuses two resources claiming one old resource through aliases, as the engine does", () => {
            const aws = new AwsModel();
            const a = deploy(emptyState(), programA, aws);
            const claim = (name: string): DeclaredResource =>
                pcConfig(name, { functionName: "api", qualifier: "live", count: 5, parent: fixedApi.urn, aliases: [pcApi.urn] });
            const [b, c] = [claim("b"), claim("c")];
            expect(thrownBy(() => up(a.state, [fn, live, fixedApi, b, c], aws)).message).to.equal(
                `Duplicate resource alias '${pcApi.urn}' applied to resource with URN '${c.urn}' conflicting with resource with URN '${b.urn}'`,
            );
            const error = thrownBy(() => up(a.state, [fn, live, fixedApi, b, pcApi], aws));
            expect(error).to.be.instanceOf(EngineError);
            expect(error.message).to.equal(
                `Duplicate resource URN '${pcApi.urn}' conflicting with alias on resource with URN '${b.urn}'`,
            );
            expect(thrownBy(() => up(a.state, [fn, live, fixedApi, pcApi, b], aws)).message).to.equal(
                `Duplicate resource alias '${pcApi.urn}' applied to resource with URN '${b.urn}' conflicting with resource with URN '${b.urn}'`,
            );
            expect(thrownBy(() => up(emptyState(), [fn, fn], aws)).message).to.equal(
                `Duplicate resource URN '${fn.urn}'; try giving it a unique name`,
            );
        });

        it("stops at a Put over the function's reserved concurrency; steps done stay done, the old configuration stays", () => {
            const reservedFn = lambdaFunction("api", { reservedConcurrentExecutions: 10 });
            const aws = new AwsModel();
            const a = deploy(published(aws, reservedFn), [reservedFn, live, blue, ...fixed("api", { count: 8 })], aws);
            const moved = [reservedFn, live, blue, ...fixed("api", { count: 8, qualifier: "blue" })];
            const b = up(a.state, moved, aws);
            expect(b.error).to.be.instanceOf(DeploymentError);
            expect(b.error?.message).to.equal(
                `create-replacement ${pcApi.urn} failed: PutProvisionedConcurrencyConfig: InvalidParameterValueException: Requested Provisioned Concurrency should not be greater than the reservedConcurrentExecution for function`,
            );
            expect(b.steps.map((s) => s.op)).to.deep.equal(["same", "same", "same", "same"]);
            expect(b.state.resources.map((r) => [r.urn, r.outputs.qualifier, r.pendingDelete])).to.deep.equal([
                [reservedFn.urn, undefined, undefined],
                [live.urn, undefined, undefined],
                [blue.urn, undefined, undefined],
                [fixedApi.urn, undefined, undefined],
                [pcApi.urn, "live", undefined],
            ]);
            expect(provisionedConcurrency(aws)).to.deep.equal([{ functionName: "api", qualifier: "live", count: 8 }]);

            // Delete-before-replace makes room first.
            const c = deploy(b.state, [reservedFn, live, blue, ...fixed("api", { count: 8, qualifier: "blue", deleteBeforeReplace: true })], aws);
            expect(c.steps.slice(4).map((s) => s.awsCalls)).to.deep.equal([
                ["DeleteProvisionedConcurrencyConfig(api,live)"],
                ["PutProvisionedConcurrencyConfig(api,blue,8)"],
            ]);
        });

        it("gives the replacement of an auto-named resource a new name, creates it first, and deletes the old one by its name", () => {
            const aws = new AwsModel();
            aws.addFunction("orders", { versions: ["1"], aliases: { live: "1", blue: "1" } });
            const policy = (resourceId: string): DeclaredResource =>
                declare(TYPES.scalingPolicy, "api-tracking", {
                    inputs: { policyType: "StepScaling", serviceNamespace: "lambda", scalableDimension: "lambda:function:ProvisionedConcurrency", resourceId },
                    computed: { name: "api-tracking-1a2b3c4" },
                    id: "api-tracking-1a2b3c4",
                });
            const target = (resourceId: string): DeclaredResource => scalableTarget("api-target", { resourceId, min: 0, max: 0 });
            const a = deploy(emptyState(), [target("function:orders:blue"), policy("function:orders:blue")], aws);
            const b = deploy(a.state, [target("function:orders:live"), policy("function:orders:live")], aws);
            // sha1("<urn>#2") (its second creation), first 7 hex characters: the model's stand-in for the provider's
            // random suffix.
            const renamed = `api-tracking-${createHash("sha1").update(`${urnOf(TYPES.scalingPolicy, "api-tracking")}#2`).digest("hex").slice(0, 7)}`;
            expect(b.steps.map((s) => [s.op, s.awsCalls, s.autoName])).to.deep.equal([
                ["create-replacement", ["RegisterScalableTarget(function:orders:live,0,0)"], undefined],
                ["create-replacement", [`PutScalingPolicy(function:orders:live,${renamed})`], renamed],
                ["delete-replaced", ["DeleteScalingPolicy(function:orders:blue,api-tracking-1a2b3c4)"], undefined],
                ["delete-replaced", ["DeregisterScalableTarget(function:orders:blue)"], undefined],
            ]);
            expect(b.state.creations).to.deep.equal({ [urnOf(TYPES.scalingPolicy, "api-tracking")]: 2 });
        });

        it("replaces delete-first a resource whose name the program gave (the provider's choice), unless the program says otherwise", () => {
            const aws = new AwsModel();
            aws.addFunction("orders", { versions: ["1"], aliases: { live: "1", blue: "1" } });
            const action = (resourceId: string, options: { deleteBeforeReplace?: boolean } = {}): DeclaredResource =>
                declare(TYPES.scheduledAction, "api-day", {
                    inputs: { name: "day", serviceNamespace: "lambda", scalableDimension: "lambda:function:ProvisionedConcurrency", resourceId, schedule: "cron(0 8 * * ? *)" },
                    ...options,
                });
            const targets = [scalableTarget("blue", { resourceId: "function:orders:blue", min: 0, max: 0 }), scalableTarget("live", { resourceId: "function:orders:live", min: 0, max: 0 })];
            const a = deploy(emptyState(), [...targets, action("function:orders:blue")], aws);
            const b = deploy(a.state, [...targets, action("function:orders:live")], aws);
            expect(b.steps.filter((s) => s.op !== "same").map((s) => [s.op, s.awsCalls])).to.deep.equal([
                ["delete-replaced", ["DeleteScheduledAction(function:orders:blue,day)"]],
                ["create-replacement", ["PutScheduledAction(function:orders:live,day)"]],
            ]);
            const c = deploy(b.state, [...targets, action("function:orders:blue", { deleteBeforeReplace: false })], aws);
            expect(c.steps.filter((s) => s.op !== "same").map((s) => [s.op, s.awsCalls])).to.deep.equal([
                ["create-replacement", ["PutScheduledAction(function:orders:blue,day)"]],
                ["delete-replaced", ["DeleteScheduledAction(function:orders:live,day)"]],
            ]);
        });

        it("keeps a resource deleted by a delete-before-replace as pending replacement when the create fails, and recreates it next time", () => {
            const aws = new AwsModel();
            aws.addFunction("orders", { versions: ["1"], aliases: { live: "1", blue: "1" } });
            const action = (resourceId: string): DeclaredResource =>
                declare(TYPES.scheduledAction, "api-day", {
                    inputs: { name: "day", serviceNamespace: "lambda", scalableDimension: "lambda:function:ProvisionedConcurrency", resourceId, schedule: "cron(0 8 * * ? *)" },
                });
            const targets = [scalableTarget("blue", { resourceId: "function:orders:blue", min: 0, max: 0 }), scalableTarget("live", { resourceId: "function:orders:live", min: 0, max: 0 })];
            const a = deploy(emptyState(), [...targets, action("function:orders:blue")], aws);
            aws.failNext("create", TYPES.scheduledAction, new AwsError("PutScheduledAction", "ThrottlingException", "Rate exceeded"));
            const failed = up(a.state, [...targets, action("function:orders:live")], aws);
            expect(failed.error?.message).to.equal(`create-replacement ${urnOf(TYPES.scheduledAction, "api-day")} failed: PutScheduledAction: ThrottlingException: Rate exceeded`);
            const pending = failed.state.resources.filter((r) => r.type === TYPES.scheduledAction);
            expect(pending.map((r) => [r.pendingReplacement, r.inputs.resourceId])).to.deep.equal([[true, "function:orders:blue"]]);
            expect(aws.scalingOf("function:orders:blue").scheduledActions).to.deep.equal([]);
            // A refresh does not read it; the next up only creates (its delete already ran); a destroy after a removal only drops it.
            const refreshed = refresh(failed.state, aws);
            expect(refreshed.steps.find((s) => s.urn === pending[0].urn)).to.deep.equal({ op: "same", urn: pending[0].urn, awsCalls: [] });
            const next = up(refreshed.state, [...targets, action("function:orders:live")], aws);
            expect(next.steps.filter((s) => s.op !== "same").map((s) => [s.op, s.awsCalls])).to.deep.equal([["create-replacement", ["PutScheduledAction(function:orders:live,day)"]]]);
            const again = up(failed.state, targets, new AwsModel());
            expect(again.steps.filter((s) => s.op !== "same").map((s) => [s.op, s.awsCalls])).to.deep.equal([["remove-pending-replace", []]]);
            expect(destroy(failed.state, aws).steps.find((s) => s.urn === pending[0].urn)).to.deep.equal({ op: "remove-pending-replace", urn: pending[0].urn, awsCalls: [] });
        });

        it("retainOnDelete drops a removed resource from the state without calling AWS", () => {
            const aws = new AwsModel();
            const before = objectKeys(aws);
            const a = deploy(emptyState(), [fn, live, ...fixed("api", { retainOnDelete: true })], aws);
            const b = deploy(a.state, [fn, live], aws);
            expect(b.steps.slice(2)).to.deep.equal([
                { op: "delete", urn: pcApi.urn, awsCalls: [] },
                { op: "delete", urn: fixedApi.urn, awsCalls: [] },
            ]);
            expect(urns(b)).to.deep.equal([fn.urn, live.urn]);
            expect(leftovers(aws, before).map((o) => o.key)).to.deep.equal([
                "lambda:alias:api:live",
                "lambda:function:api",
                "lambda:provisioned-concurrency:api:live",
            ]);
        });
    });

    describe("refresh", () => {
        it("removes a configuration that vanished from AWS; the next up creates it again", () => {
            const aws = new AwsModel();
            const a = deploy(emptyState(), programA, aws);
            aws.removeProvisionedConcurrencyOutOfBand("api", "live");
            const refreshed = refresh(a.state, aws);
            expect(refreshed.steps).to.deep.equal([
                { op: "same", urn: fn.urn, awsCalls: ["GetFunction(api)"] },
                { op: "same", urn: live.urn, awsCalls: ["GetAlias(api,live)"] },
                { op: "refresh-removed", urn: pcApi.urn, awsCalls: ["GetProvisionedConcurrencyConfig(api,live)"] },
            ]);
            expect(urns(refreshed)).to.deep.equal([fn.urn, live.urn, fixedApi.urn]);
            const b = deploy(refreshed.state, programA, aws);
            expect(b.steps[3]).to.deep.equal({ op: "create", urn: pcApi.urn, awsCalls: ["PutProvisionedConcurrencyConfig(api,live,5)"] });
        });

        it("reads a target's bounds as a scheduled action left them, so the next up registers the program's again", () => {
            const aws = new AwsModel();
            const a = deploy(emptyState(), [fn, live, ...utilization("load", { schedule: true })], aws);
            aws.runScheduledAction("function:api:live", "day");
            const refreshed = refresh(a.state, aws);
            const target = refreshed.state.resources[3];
            expect([target.inputs.minCapacity, target.inputs.maxCapacity]).to.deep.equal([3, 5]);
            const b = deploy(refreshed.state, [fn, live, ...utilization("load", { schedule: true })], aws);
            expect(b.steps[3]).to.deep.equal({ op: "update", urn: target.urn, awsCalls: ["RegisterScalableTarget(function:api:live,1,5)"] });
            expect(provisionedConcurrency(aws)[0].count).to.equal(3);
        });
    });

    describe("destroy", () => {
        it("deletes everything in reverse dependency order and leaves nothing", () => {
            const aws = new AwsModel();
            const before = objectKeys(aws);
            const a = deploy(emptyState(), programA, aws);
            const result = destroy(a.state, aws);
            expect(result.steps).to.deep.equal([
                { op: "delete", urn: pcApi.urn, awsCalls: ["DeleteProvisionedConcurrencyConfig(api,live)"] },
                { op: "delete", urn: live.urn, awsCalls: ["DeleteAlias(api,live)"] },
                { op: "delete", urn: fixedApi.urn, awsCalls: [] },
                { op: "delete", urn: fn.urn, awsCalls: ["DeleteFunction(api)"] },
            ]);
            expect(result.state).to.deep.equal(emptyState());
            expect(leftovers(aws, before)).to.deep.equal([]);
        });
    });

    describe("inheritedChildAlias", () => {
        it("renames a child named after its parent, under the parent's old URN", () => {
            const child = {
                urn: "urn:pulumi:stackname::projectname::awsx:ec2:Vpc$aws:s3/bucket:Bucket::newapp-function",
                type: "aws:s3/bucket:Bucket",
                name: "newapp-function",
                parent: "urn:pulumi:stackname::projectname::awsx:ec2:Vpc::newapp",
            };
            expect(
                inheritedChildAlias(child, child.type, child.name, "newapp", "urn:pulumi:stackname::projectname::awsx:ec2:Vpc::app"),
            ).to.equal("urn:pulumi:stackname::projectname::awsx:ec2:Vpc$aws:s3/bucket:Bucket::app-function");
        });

        it("qualifies the type the way the program's own URNs do (the SDK mock monitor uses the parent's type only)", () => {
            const child = {
                urn: "urn:pulumi:test::proj::b:index:Inner$aws:s3/bucket:Bucket::x",
                type: "aws:s3/bucket:Bucket",
                name: "x",
                parent: "urn:pulumi:test::proj::a:index:Outer$b:index:Inner::inner",
            };
            expect(inheritedChildAlias(child, child.type, "x", "inner", "urn:pulumi:test::proj::a:index:Old$b:index:Inner::old")).to.equal(
                "urn:pulumi:test::proj::b:index:Inner$aws:s3/bucket:Bucket::x",
            );
        });
    });
});
