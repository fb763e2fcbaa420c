import { expect } from "chai";
import * as pulumi from "@pulumi/pulumi";
import { RecordedResource } from "../../testing/mock-aws";
import { mocks, ofType, rejectionMessage, resetProgram, settled, testFunction, thrownMessage, urnOf, valueOf } from "../helpers/pulumi";
import { isNotFound } from "../../components/alias-routing";
import { startingCount } from "../../components/utilization";
import { FixedConcurrency, LambdaWarmer, UtilizationScaling, WarmAlias, WarmAliasArgs, versionReadinessProblem } from "../../components";
import { validateAliasName, validateVersionNumber } from "../../components/function-reference";

const COMPONENT = "lambda-concurrency:index:WarmAlias";
const FIXED = "lambda-concurrency:index:FixedConcurrency";
const CONFIG = "aws:lambda/provisionedConcurrencyConfig:ProvisionedConcurrencyConfig";
const TARGET = "aws:appautoscaling/target:Target";
const ALIAS = "aws:lambda/alias:Alias";

describe("WarmAlias", () => {
    beforeEach(resetProgram);

    it("provisions the version, reads its allocated count back, then routes the alias to it", async () => {
        const fn = testFunction("orders", { publish: true });
        const warm = new WarmAlias("live", { functionName: fn.name, aliasName: "live", functionVersion: fn.version, provisionedConcurrentExecutions: 4 });
        const resources = await settled();
        const ours = resources.filter((r) => (r.urn.includes("WarmAlias") || r.parent?.includes("WarmAlias")) && r.read !== true);
        expect(ours.map((r) => [r.type, r.name, r.parent, r.custom])).to.deep.equal([
            [COMPONENT, "live", undefined, false],
            [FIXED, "live-v1", urnOf(COMPONENT, "live"), false],
            [CONFIG, "live-v1", urnOf(FIXED, "live-v1", COMPONENT), true],
            [TARGET, "live-v1-target", urnOf(FIXED, "live-v1", COMPONENT), true],
            [ALIAS, "live", urnOf(COMPONENT, "live"), true],
        ]);
        const config = ofType(resources, CONFIG)[0];
        const physical = await valueOf(fn.name);
        expect(config.inputs).to.deep.equal({ functionName: physical, qualifier: "1", provisionedConcurrentExecutions: 4, skipDestroy: false });
        // The read of the configuration (Resource.get, no registration of its own) found it as created.
        // The read of what Lambda allocated (Resource.get): a child of the component, after the configuration.
        const reads = resources.filter((r) => r.read === true);
        expect(reads.map((r) => [r.type, r.name, r.parent, r.id, r.state.provisionedConcurrentExecutions])).to.deep.equal([
            [CONFIG, "live-v1-allocated", urnOf(COMPONENT, "live"), `${physical},1`, 4],
        ]);
        expect(reads[0].dependencies).to.include(config.urn);
        const alias = ofType(resources, ALIAS)[0];
        expect(alias.inputs).to.deep.equal({ name: "live", functionName: physical, functionVersion: "1" });
        // The alias waits for the configuration (its version comes from it): Pulumi orders the move after READY.
        expect(alias.propertyDependencies?.functionVersion).to.include(config.urn);
        expect(await valueOf(warm.liveVersion)).to.equal("1");
        expect(await valueOf(warm.functionName)).to.equal(physical);
        expect(await valueOf(warm.aliasArn)).to.equal(alias.state.arn);
        expect(await valueOf(warm.config.apply((c) => c.qualifier))).to.equal("1");
        expect(await valueOf(warm.target.apply((t) => t.resourceId))).to.equal(`function:${physical}:1`);
    });

    it("refuses at construction an alias name that is a version or $LATEST, a version that is an alias or $LATEST, and a count below 1", () => {
        const badAlias = (value: string): string =>
            `WarmAlias "live": aliasName "${value}" is not a valid alias name: 1 to 128 letters, digits, hyphens and underscores, not only digits (those name versions)`;
        const badVersion = (value: string): string =>
            `WarmAlias "live": functionVersion must be a published version number such as "3" (the function's version output with publish: true), got "${value}"`;
        const cases: [Partial<WarmAliasArgs>, string][] = [
            [{ aliasName: "7" }, badAlias("7")],
            [{ aliasName: "$LATEST" }, badAlias("$LATEST")],
            [{ functionVersion: "$LATEST" }, badVersion("$LATEST")],
            [{ functionVersion: "live" }, badVersion("live")],
            [{ provisionedConcurrentExecutions: 0 }, 'WarmAlias "live": provisionedConcurrentExecutions must be at least 1, got 0'],
        ];
        for (const [args, message] of cases) {
            resetProgram();
            const make = (): WarmAlias =>
                new WarmAlias("live", { functionName: "orders", aliasName: "live", functionVersion: "3", provisionedConcurrentExecutions: 2, ...args });
            expect(thrownMessage(make), JSON.stringify(args)).to.equal(message);
        }
    });

    it("checks a version given as an Output when it resolves, before anything reaches AWS", async () => {
        const warm = new WarmAlias("live", { functionName: "orders", aliasName: "live", functionVersion: pulumi.output("$LATEST"), provisionedConcurrentExecutions: 2 });
        expect(await rejectionMessage(valueOf(warm.liveVersion))).to.equal(
            'WarmAlias "live": functionVersion must be a published version number such as "3" (the function\'s version output with publish: true), got "$LATEST"',
        );
        const resources = await settled();
        expect(resources.filter((r) => r.custom).map((r) => r.type)).to.deep.equal([]);
    });

    it("claims the alias: a FixedConcurrency or a warmer on the same alias is refused at construction", () => {
        new WarmAlias("live", { functionName: "orders", aliasName: "live", functionVersion: "3", provisionedConcurrentExecutions: 2 });
        expect(thrownMessage(() => new FixedConcurrency("other", { functionName: "orders", qualifier: "live", provisionedConcurrentExecutions: 1 }))).to.equal(
            'FixedConcurrency "other": FixedConcurrency "other" and WarmAlias "live" both give provisioned concurrency to function "orders" qualifier "live"; AWS keeps one provisioned concurrency configuration per version or alias, so they would overwrite each other. Keep one of them; if one of them is already deployed, give the one you keep its name, so that Pulumi takes over its resources instead of deleting them (README, "Changing your mind").',
        );
        expect(
            thrownMessage(() => new LambdaWarmer("pings", { targets: [{ functionName: "orders", qualifier: "live", concurrency: 2 }], schedule: "rate(5 minutes)" })),
        ).to.match(/^LambdaWarmer "pings": LambdaWarmer "pings" warms function "orders" qualifier "live", whose provisioned concurrency WarmAlias "live" manages/);
    });
});

describe("WarmAlias: taking over a component of its name", () => {
    beforeEach(resetProgram);

    it("refuses a provisioned concurrency component of its name beside it, whichever comes first", () => {
        new WarmAlias("api", { functionName: "orders", aliasName: "live", functionVersion: "3", provisionedConcurrentExecutions: 2 });
        expect(thrownMessage(() => new UtilizationScaling("api", { functionName: "orders", qualifier: "blue", minCapacity: 1, maxCapacity: 5 }))).to.equal(
            'UtilizationScaling "api": the name "api" is already the name of a WarmAlias in this program; a UtilizationScaling takes over a deployed WarmAlias of the same name (so that swapping one for the other keeps the capacity), so the two cannot share a name. Give one of them another name',
        );
        resetProgram();
        new FixedConcurrency("api", { functionName: "orders", qualifier: "blue", provisionedConcurrentExecutions: 1 });
        expect(thrownMessage(() => new WarmAlias("api", { functionName: "orders", aliasName: "live", functionVersion: "3", provisionedConcurrentExecutions: 2 }))).to.equal(
            'WarmAlias "api": the name "api" is already the name of a FixedConcurrency in this program; a WarmAlias takes over a deployed FixedConcurrency of the same name (so that swapping one for the other keeps the capacity), so the two cannot share a name. Give one of them another name',
        );
    });

    it("its FixedConcurrency aliases the same-named components beside the WarmAlias, and they alias it back", async () => {
        new WarmAlias("api", { functionName: "orders", aliasName: "live", functionVersion: "3", provisionedConcurrentExecutions: 2 });
        const inner = ofType(await settled(), FIXED)[0];
        for (const type of [FIXED, "lambda-concurrency:index:ScheduledConcurrency", "lambda-concurrency:index:UtilizationScaling"]) {
            expect(inner.options.aliases, type).to.include(urnOf(type, "api"));
        }
        resetProgram();
        new UtilizationScaling("api", { functionName: "orders", qualifier: "3", minCapacity: 1, maxCapacity: 5 });
        const scaling = ofType(await settled(), "lambda-concurrency:index:UtilizationScaling")[0];
        // Either child of a WarmAlias: a FixedConcurrency, or with scaling, a UtilizationScaling.
        expect(scaling.options.aliases).to.include(urnOf(FIXED, "api-v3", COMPONENT));
        expect(scaling.options.aliases).to.include(urnOf("lambda-concurrency:index:UtilizationScaling", "api-v3", COMPONENT));
    });
});

describe("WarmAlias with scaling: each version follows the load, and a new one starts with the live count", () => {
    const SCALING = "lambda-concurrency:index:UtilizationScaling";
    const POLICY = "aws:appautoscaling/policy:Policy";
    const ALIAS_TOKEN = "aws:lambda/getAlias:getAlias";
    beforeEach(resetProgram);

    /** A deploy of version `version` of function "orders" under alias "live", scaling 2 to 20 (a program of its own). */
    function deploy(version: string): WarmAlias {
        return new WarmAlias("live", { functionName: "orders", aliasName: "live", functionVersion: version, scaling: { minCapacity: 2, maxCapacity: 20 } });
    }

    /**
     * What the mocks deployed, kept while the claims of the program are forgotten (a new process, as the next `pulumi
     * up`), with Application Auto Scaling having set `count` on the live version's configuration meanwhile.
     */
    async function nextDeploy(count: number): Promise<void> {
        const deployed = (await settled()).filter((r) => r.read !== true);
        ofType(deployed, CONFIG)[0].state.provisionedConcurrentExecutions = count;
        resetProgram();
        mocks.resources.push(...deployed);
    }

    it("on a first deploy (no alias yet): a UtilizationScaling on the version, at the minimum in force, then the alias", async () => {
        const warm = deploy("1");
        const resources = await settled();
        const ours = resources.filter((r) => r.read !== true && r.type !== ALIAS_TOKEN);
        expect(ours.map((r) => [r.type, r.name, r.parent])).to.deep.equal([
            [COMPONENT, "live", undefined],
            [SCALING, "live-v1", urnOf(COMPONENT, "live")],
            [CONFIG, "live-v1", urnOf(SCALING, "live-v1", COMPONENT)],
            [TARGET, "live-v1-target", urnOf(SCALING, "live-v1", COMPONENT)],
            [POLICY, "live-v1-tracking", urnOf(SCALING, "live-v1", COMPONENT)],
            [ALIAS, "live", urnOf(COMPONENT, "live")],
        ]);
        expect(ofType(resources, CONFIG)[0].inputs).to.deep.equal({ functionName: "orders", qualifier: "1", provisionedConcurrentExecutions: 2, skipDestroy: false });
        expect(ofType(resources, TARGET)[0].inputs).to.include({ minCapacity: 2, maxCapacity: 20, resourceId: "function:orders:1" });
        // It asked AWS which version the alias routes to (none: Lambda's not found), and read no live count.
        expect(mocks.calls.filter((c) => c.token === ALIAS_TOKEN).map((c) => c.inputs)).to.deep.equal([{ functionName: "orders", name: "live" }]);
        expect(resources.filter((r) => r.read === true).map((r) => r.name)).to.deep.equal(["live-v1-allocated"]);
        expect(ofType(resources, ALIAS)[0].inputs).to.deep.equal({ name: "live", functionName: "orders", functionVersion: "1" });
        expect(warm.policy).to.not.equal(undefined);
        expect(await valueOf(warm.policy!.apply((p) => p.resourceId))).to.equal("function:orders:1");
        expect(await valueOf(warm.scheduledActions!)).to.deep.equal([]);
    });

    it("a new version starts with what Lambda has allocated on the live one, read from AWS, kept inside the bounds in force", async () => {
        deploy("1");
        await nextDeploy(7);
        deploy("2");
        const resources = await settled();
        const read = resources.filter((r) => r.read === true && r.name === "live-live");
        expect(read.map((r) => [r.type, r.id, r.parent, r.state.provisionedConcurrentExecutions])).to.deep.equal([[CONFIG, "orders,1", urnOf(COMPONENT, "live"), 7]]);
        const configs = ofType(resources, CONFIG).filter((r) => r.read !== true && r.inputs.qualifier === "2");
        expect(configs.map((r) => r.inputs.provisionedConcurrentExecutions)).to.deep.equal([7]);

        // Above the maximum in force: the maximum; below the minimum: the minimum.
        for (const [live, expected] of [
            [35, 20],
            [1, 2],
        ]) {
            resetProgram();
            deploy("1");
            await nextDeploy(live);
            deploy("2");
            const created = ofType(await settled(), CONFIG).filter((r) => r.read !== true && r.inputs.qualifier === "2");
            expect(created.map((r) => r.inputs.provisionedConcurrentExecutions), `live ${live}`).to.deep.equal([expected]);
        }
    });

    it("the same version again reads no live count: its configuration's count stays Application Auto Scaling's", async () => {
        deploy("1");
        await nextDeploy(7);
        deploy("1");
        const resources = await settled();
        // The alias's routing (a canary to take over?), and the readback: no live count.
        expect(resources.filter((r) => r.read === true).map((r) => r.name)).to.deep.equal(["live-routing", "live-v1-allocated"]);
        // The readback gate asks for the minimum in force (2), which the 7 allocated pass: no stop.
        expect(ofType(resources, ALIAS).filter((r) => r.read !== true).map((r) => r.inputs.functionVersion)).to.deep.equal(["1", "1"]);
    });

    it("refuses both a count and scaling, neither, and scaling that is not an object, naming the arguments", () => {
        const base = { functionName: "orders", aliasName: "live", functionVersion: "1" };
        expect(thrownMessage(() => new WarmAlias("a", { ...base, provisionedConcurrentExecutions: 3, scaling: { maxCapacity: 9 } }))).to.equal(
            'WarmAlias "a": give provisionedConcurrentExecutions (a fixed count) or scaling (a count that follows the load), not both: with scaling, set its minCapacity to the count you would have fixed',
        );
        expect(thrownMessage(() => new WarmAlias("b", base))).to.equal(
            'WarmAlias "b": provisionedConcurrentExecutions or scaling is required: how many environments the live version keeps initialized (e.g. provisionedConcurrentExecutions: 5), or bounds that follow the load (e.g. scaling: { maxCapacity: 20 })',
        );
        expect(thrownMessage(() => new WarmAlias("c", { ...base, scaling: 20 as unknown as WarmAliasArgs["scaling"] }))).to.equal(
            'WarmAlias "c": scaling must be an object with at least maxCapacity, got 20',
        );
        expect(thrownMessage(() => new WarmAlias("d", { ...base, scaling: {} as WarmAliasArgs["scaling"] & object }))).to.equal(
            'WarmAlias "d" scaling: maxCapacity is required: it is the most provisioned environments a burst may scale to (and pay for)',
        );
    });

    it("checks the scaling's values as UtilizationScaling does, named as WarmAlias arguments", () => {
        const scaled = (scaling: WarmAliasArgs["scaling"]): string =>
            thrownMessage(() => new WarmAlias("e", { functionName: "orders", aliasName: "live", functionVersion: "1", scaling }));
        expect(scaled({ maxCapacity: 5, targetUtilization: 70 })).to.equal('WarmAlias "e" scaling: targetUtilization must be between 0.1 and 0.9, got 70 (a fraction: did you mean 0.7?)');
        resetProgram();
        expect(scaled({ minCapacity: 0, maxCapacity: 5 })).to.match(/^WarmAlias "e" scaling: minCapacity must be at least 1, got 0: at 0 Application Auto Scaling deletes the provisioned/);
    });

    it("an alias that cannot be read (access denied) stops the deployment as a failed step: nothing is registered, nothing starts at the minimum", async () => {
        const message = "getting Lambda alias: operation error Lambda: GetAlias, https response error StatusCode: 403, AccessDeniedException: not authorized";
        const call = mocks.call.bind(mocks);
        mocks.call = (args) => {
            if (args.token === ALIAS_TOKEN) throw Object.assign(new Error(message), { details: message });
            return call(args);
        };
        try {
            const warm = deploy("2");
            const problem =
                `WarmAlias "live": could not read how alias "live" of function "orders" routes (GetAlias), so nothing changes: ${message}. ` +
                "The deploying role needs lambda:GetAlias on the alias; run `pulumi up` again once it can read it.";
            // The configuration's registration fails on its count, which waits for the read; every output after it too.
            expect(await rejectionMessage(valueOf(warm.config.provisionedConcurrentExecutions))).to.equal(problem);
            expect(await rejectionMessage(valueOf(warm.liveVersion))).to.equal(problem);
            const resources = await settled();
            expect(ofType(resources, CONFIG).filter((r) => r.read !== true)).to.deep.equal([]);
            expect(ofType(resources, ALIAS)).to.deep.equal([]);
            // The read that cannot succeed, which fails the step so that the engine deletes nothing (stop-deployment.ts).
            expect(resources.filter((r) => r.read === true).map((r) => [r.name, r.id])).to.deep.equal([["live-routing-unread", "orders,live-routing-unread"]]);
        } finally {
            mocks.call = call;
        }
    });

    it("starts a configuration at the carried count kept inside the bounds in force, or at the minimum (pure)", () => {
        expect(startingCount({ min: 2, max: 20 }, undefined)).to.equal(2);
        expect(startingCount({ min: 2, max: 20 }, 7)).to.equal(7);
        expect(startingCount({ min: 2, max: 20 }, 35)).to.equal(20);
        expect(startingCount({ min: 2, max: 20 }, 0)).to.equal(2);
        expect(startingCount({ min: 5, max: 5 }, 9)).to.equal(5);
    });

    it("tells Lambda's not found from other failures by its error code", () => {
        expect(isNotFound(new Error("getting Lambda alias: operation error Lambda: GetAlias, https response error StatusCode: 404, ResourceNotFoundException: Alias not found"))).to.equal(true);
        expect(isNotFound(new Error("getting Lambda alias: operation error Lambda: GetAlias, https response error StatusCode: 403, AccessDeniedException: not authorized"))).to.equal(false);
        expect(isNotFound("ResourceNotFoundException")).to.equal(true);
    });
});

describe("WarmAlias: the readiness of a version (pure)", () => {
    const state = { label: 'WarmAlias "live"', functionName: "orders", version: "8", aliasName: "live", requested: 10 };

    it("passes a version with every environment asked for allocated", () => {
        expect(versionReadinessProblem({ ...state, allocated: 10 })).to.equal(undefined);
        expect(versionReadinessProblem({ ...state, allocated: 12 })).to.equal(undefined);
    });

    it("stops a version with fewer, saying what happened, where to look and how to roll on", () => {
        expect(versionReadinessProblem({ ...state, allocated: 0 })).to.equal(
            'WarmAlias "live": version 8 of function "orders" has 0 of its 10 provisioned environments ready, so alias "live" stays on the version it routes to now. ' +
                "Lambda could not initialize the version, or has not finished: `aws lambda get-provisioned-concurrency-config --function-name orders --qualifier 8` " +
                "shows its Status and StatusReason (the function's logs show an initialization error). Fix the function and run `pulumi up` again: the new " +
                "version goes live once its environments are ready, and the configuration of this one is deleted then.",
        );
        expect(versionReadinessProblem({ ...state, allocated: 9 })).to.match(/has 9 of its 10 provisioned environments ready/);
    });

    it("names versions and aliases as Lambda takes them", () => {
        expect(validateVersionNumber("12", "functionVersion")).to.equal(undefined);
        expect(validateVersionNumber("012", "functionVersion")).to.match(/got "012"$/);
        expect(validateVersionNumber(3, "functionVersion")).to.equal('functionVersion must be a string (a published version number such as "3"), got 3');
        expect(validateAliasName("live-2_b", "aliasName")).to.equal(undefined);
        expect(validateAliasName("a".repeat(129), "aliasName")).to.match(/is not a valid alias name/);
        expect(validateAliasName("", "aliasName")).to.match(/^aliasName "" is not a valid alias name/);
    });
});

describe("WarmAlias with a canary: a new version takes a share of the traffic first, both versions provisioned", () => {
    const ALIAS_TOKEN = "aws:lambda/getAlias:getAlias";
    beforeEach(resetProgram);
    afterEach(() => {
        mocks.awsView = undefined;
    });

    /** AWS as the next `up` finds it: alias "live" of "orders" on `version`, with `weights`, and what is allocated. */
    function awsHolds(version: string | undefined, weights?: Record<string, number>, allocated: Record<string, number> = {}): void {
        mocks.awsView = {
            aliasVersion: (fn, alias) => (fn === "orders" && alias === "live" ? version : undefined),
            aliasWeights: (fn, alias) => (fn === "orders" && alias === "live" ? weights : undefined),
            allocated: (fn, qualifier) => (fn === "orders" ? allocated[qualifier] : undefined),
        };
    }

    function deploy(version: string, canary?: WarmAliasArgs["canary"]): WarmAlias {
        return new WarmAlias("live", { functionName: "orders", aliasName: "live", functionVersion: version, provisionedConcurrentExecutions: 4, canary });
    }

    /** The configurations and targets the program declares, by name: [name, qualifier, count, retained]. */
    function capacityOf(resources: RecordedResource[]): [string, unknown, unknown, boolean][] {
        return resources
            .filter((r) => r.read !== true && (r.type === CONFIG || r.type === TARGET))
            .map((r): [string, unknown, unknown, boolean] => [
                r.name,
                r.type === CONFIG ? r.inputs.qualifier : r.inputs.resourceId,
                r.type === CONFIG ? r.inputs.provisionedConcurrentExecutions : r.inputs.minCapacity,
                r.options.retainOnDelete,
            ])
            .sort(([a], [b]) => a.localeCompare(b));
    }

    function aliasInputs(resources: RecordedResource[]): Record<string, unknown>[] {
        return ofType(resources, ALIAS)
            .filter((r) => r.read !== true)
            .map((r) => r.inputs);
    }

    it("ships a new version as a canary: the live version stays, the new one is provisioned, read back, then weighted", async () => {
        awsHolds("1", undefined, { "1": 4 });
        const warm = deploy("2", { weight: 0.1 });
        const resources = await settled();
        expect(capacityOf(resources)).to.deep.equal([
            ["live-v1", "1", 4, false],
            ["live-v1-target", "function:orders:1", 4, false],
            ["live-v2", "2", 4, false],
            ["live-v2-target", "function:orders:2", 4, false],
        ]);
        expect(ofType(resources, FIXED).map((r) => [r.name, r.parent]).sort()).to.deep.equal([
            ["live-v1", urnOf(COMPONENT, "live")],
            ["live-v2", urnOf(COMPONENT, "live")],
        ]);
        // The alias's routing was read (GetAlias), then each version's allocation.
        const reads = resources.filter((r) => r.read === true);
        expect(reads[0].type).to.equal(ALIAS);
        expect(reads.map((r) => [r.type, r.name, r.id]).sort()).to.deep.equal([
            [ALIAS, "live-routing", "arn:aws:lambda:us-east-1:123456789012:function:orders:live"],
            [CONFIG, "live-v1-allocated", "orders,1"],
            [CONFIG, "live-v2-allocated", "orders,2"],
        ]);
        expect(aliasInputs(resources)).to.deep.equal([
            { name: "live", functionName: "orders", functionVersion: "1", routingConfig: { additionalVersionWeights: { "2": 0.1 } } },
        ]);
        // The weight waits for the canary's configuration (through its readback): Pulumi routes after READY.
        const canaryConfig = resources.find((r) => r.type === CONFIG && r.name === "live-v2" && r.read !== true)!;
        expect(ofType(resources, ALIAS).find((r) => r.read !== true)!.propertyDependencies?.routingConfig).to.include(canaryConfig.urn);
        expect(await valueOf(warm.liveVersion)).to.equal("1");
        expect(await valueOf(warm.canaryVersion)).to.equal("2");
    });

    it("gives the canary its own count when canary.provisionedConcurrentExecutions is set", async () => {
        awsHolds("1", undefined, { "1": 4 });
        deploy("2", { weight: 0.25, provisionedConcurrentExecutions: 2 });
        const resources = await settled();
        expect(capacityOf(resources).filter(([name]) => name.startsWith("live-v2"))).to.deep.equal([
            ["live-v2", "2", 2, false],
            ["live-v2-target", "function:orders:2", 2, false],
        ]);
        expect(aliasInputs(resources)[0].routingConfig).to.deep.equal({ additionalVersionWeights: { "2": 0.25 } });
    });

    it("promotes when the canary is left out: the canary's version keeps its configuration, now with the live count, and takes all traffic", async () => {
        // Lambda's count once the put of the live count (4) on the canary's 2 is READY.
        awsHolds("1", { "2": 0.1 }, { "1": 4, "2": 4 });
        const warm = deploy("2");
        const resources = await settled();
        // Version 1's configuration is no longer declared: Pulumi deletes it after the alias moved.
        expect(capacityOf(resources)).to.deep.equal([
            ["live-v2", "2", 4, false],
            ["live-v2-target", "function:orders:2", 4, false],
        ]);
        expect(resources.filter((r) => r.read !== true && r.type !== ALIAS_TOKEN).map((r) => r.options.ignoreChanges ?? [])).to.deep.equal(
            resources.filter((r) => r.read !== true && r.type !== ALIAS_TOKEN).map(() => []),
        );
        // The alias moves once the readback finds the live count (4) allocated on version 2.
        const liveConfig = resources.find((r) => r.type === CONFIG && r.name === "live-v2" && r.read !== true)!;
        expect(ofType(resources, ALIAS).find((r) => r.read !== true)!.propertyDependencies?.functionVersion).to.include(liveConfig.urn);
        expect(aliasInputs(resources)).to.deep.equal([{ name: "live", functionName: "orders", functionVersion: "2" }]);
        expect(await valueOf(warm.liveVersion)).to.equal("2");
        expect(await valueOf(warm.canaryVersion)).to.equal(undefined);
    });

    it("abandons a canary for a newer one: the live version stays, the canary configuration moves to the new version", async () => {
        awsHolds("1", { "2": 0.1 }, { "1": 4, "2": 4 });
        deploy("3", { weight: 0.1 });
        const resources = await settled();
        expect(capacityOf(resources)).to.deep.equal([
            ["live-v1", "1", 4, false],
            ["live-v1-target", "function:orders:1", 4, false],
            ["live-v3", "3", 4, false],
            ["live-v3-target", "function:orders:3", 4, false],
        ]);
        expect(aliasInputs(resources)[0]).to.deep.include({ functionVersion: "1", routingConfig: { additionalVersionWeights: { "3": 0.1 } } });
    });

    it("rolls back to the live version: the canary is left out (Pulumi deletes it after the alias stops routing to it)", async () => {
        awsHolds("1", { "2": 0.1 }, { "1": 4, "2": 4 });
        const warm = deploy("1", { weight: 0.1 });
        const resources = await settled();
        expect(capacityOf(resources)).to.deep.equal([
            ["live-v1", "1", 4, false],
            ["live-v1-target", "function:orders:1", 4, false],
        ]);
        expect(aliasInputs(resources)).to.deep.equal([{ name: "live", functionName: "orders", functionVersion: "1" }]);
        expect(await valueOf(warm.canaryVersion)).to.equal(undefined);
    });

    it("on a first deploy there is nothing to share the traffic with: the version takes it all", async () => {
        const warm = deploy("1", { weight: 0.1 });
        const resources = await settled();
        expect(capacityOf(resources).map(([name, qualifier]) => [name, qualifier])).to.deep.equal([
            ["live-v1", "1"],
            ["live-v1-target", "function:orders:1"],
        ]);
        expect(mocks.calls.filter((c) => c.token === ALIAS_TOKEN).length).to.equal(1);
        expect(aliasInputs(resources)).to.deep.equal([{ name: "live", functionName: "orders", functionVersion: "1" }]);
        expect(await valueOf(warm.liveVersion)).to.equal("1");
    });

    it("a canary that fails to initialize stops the deployment before the alias sends it anything", async () => {
        awsHolds("1", undefined, { "1": 4, "2": 0 });
        const warm = deploy("2", { weight: 0.1 });
        const problem = versionReadinessProblem({ label: 'WarmAlias "live"', functionName: "orders", version: "2", aliasName: "live", requested: 4, allocated: 0 });
        expect(await rejectionMessage(valueOf(warm.canaryVersion))).to.equal(problem);
        const resources = await settled();
        expect(aliasInputs(resources)).to.deep.equal([]);
        // The impossible read that fails the step, so that the engine deletes nothing.
        expect(resources.filter((r) => r.read === true).map((r) => [r.name, r.id])).to.deep.include(["live-v2-not-ready", "orders,2-not-ready"]);
    });

    it("says what the up does with a canary: none on a first deploy, a promotion, a canary dropped", async () => {
        const said: string[] = [];
        const [log, error] = [console.log, console.error];
        console.log = console.error = (...args: unknown[]): void => void said.push(args.map(String).join(" "));
        try {
            deploy("1", { weight: 0.1 });
            await settled();
            resetProgram();
            awsHolds("1", { "2": 0.1 }, { "1": 4, "2": 4 });
            deploy("2");
            await settled();
            resetProgram();
            deploy("3", { weight: 0.1 });
            await settled();
        } finally {
            [console.log, console.error] = [log, error];
        }
        expect(said.filter((line) => line.includes('WarmAlias "live"')).map((line) => line.slice(line.indexOf('WarmAlias "live"')))).to.deep.equal([
            'WarmAlias "live": no version is live yet, so version 1 takes all invocations; the canary weight applies from the next version',
            'WarmAlias "live": promoting canary version 2: it takes all invocations, keeping its environments',
            'WarmAlias "live": canary version 2 is dropped: its environments are deleted once the alias no longer routes to it',
        ]);
    });

    it("refuses a canary that is not an object, lacks a weight, has a weight outside (0, 1) or a count below 1, or lacks its count with scaling", () => {
        const base = { functionName: "orders", aliasName: "live", functionVersion: "2" };
        const refused = (args: Partial<WarmAliasArgs>): string => {
            resetProgram();
            return thrownMessage(() => new WarmAlias("c", { ...base, provisionedConcurrentExecutions: 4, ...args }));
        };
        expect(refused({ canary: 0.1 as unknown as WarmAliasArgs["canary"] })).to.equal('WarmAlias "c": canary must be an object with a weight (e.g. canary: { weight: 0.1 }), got 0.1');
        expect(refused({ canary: {} as WarmAliasArgs["canary"] })).to.equal(
            'WarmAlias "c": canary.weight is required: the share of invocations the new version takes (e.g. canary: { weight: 0.1 })',
        );
        expect(refused({ canary: { weight: 1 } })).to.equal(
            'WarmAlias "c": canary.weight must be a number greater than 0 and less than 1 (the share of invocations the new version takes, e.g. 0.1 for 10%), got 1; to send it all traffic, leave the canary out',
        );
        expect(refused({ canary: { weight: 0.1, provisionedConcurrentExecutions: 0 } })).to.equal('WarmAlias "c": canary.provisionedConcurrentExecutions must be at least 1, got 0');
        expect(refused({ provisionedConcurrentExecutions: undefined, scaling: { maxCapacity: 9 }, canary: { weight: 0.1 } })).to.equal(
            'WarmAlias "c": with scaling, canary.provisionedConcurrentExecutions is required: the canary\'s own fixed count while it runs (the live version\'s moves with the load), e.g. canary: { weight: 0.1, provisionedConcurrentExecutions: 2 }',
        );
    });

    describe("with scaling", () => {
        const SCALING = "lambda-concurrency:index:UtilizationScaling";
        const scaled = (version: string, canary?: WarmAliasArgs["canary"]): WarmAlias =>
            new WarmAlias("live", { functionName: "orders", aliasName: "live", functionVersion: version, scaling: { minCapacity: 2, maxCapacity: 20 }, canary });
        const options = (resources: RecordedResource[], name: string): [string, unknown][] =>
            resources.filter((r) => r.read !== true && r.name === name && r.type === CONFIG).map((r) => [r.name, r.options.ignoreChanges]);

        it("ships a canary beside a live version that scales: the live version keeps its UtilizationScaling, the canary gets its own fixed count", async () => {
            awsHolds("1", undefined, { "1": 7, "2": 3 });
            const warm = scaled("2", { weight: 0.1, provisionedConcurrentExecutions: 3 });
            const resources = await settled();
            expect(ofType(resources, SCALING).map((r) => r.name)).to.deep.equal(["live-v1"]);
            expect(ofType(resources, FIXED).map((r) => r.name)).to.deep.equal(["live-v2"]);
            // The live version's count stays Application Auto Scaling's (declared at the minimum, ignored).
            expect(capacityOf(resources)).to.deep.equal([
                ["live-v1", "1", 2, false],
                ["live-v1-target", "function:orders:1", 2, false],
                ["live-v2", "2", 3, false],
                ["live-v2-target", "function:orders:2", 3, false],
            ]);
            expect(options(resources, "live-v1")).to.deep.equal([["live-v1", ["provisionedConcurrentExecutions"]]]);
            expect(aliasInputs(resources)).to.deep.equal([
                { name: "live", functionName: "orders", functionVersion: "1", routingConfig: { additionalVersionWeights: { "2": 0.1 } } },
            ]);
            expect(await valueOf(warm.canaryVersion)).to.equal("2");
        });

        it("promotes the canary to scaling: a UtilizationScaling takes over its configuration and target, and sets both versions' count there before the alias moves", async () => {
            awsHolds("1", { "2": 0.1 }, { "1": 7, "2": 3 });
            const warm = scaled("2");
            const resources = await settled();
            const [promoted] = ofType(resources, SCALING);
            expect(promoted.name).to.equal("live-v2");
            // The canary's FixedConcurrency of the same name, taken over (swaps.ts).
            expect(promoted.options.aliases).to.include(urnOf(FIXED, "live-v2", COMPONENT));
            // What serves the alias's traffic now, read from AWS (7 on version 1, the canary's 3), set on version 2 at
            // this up (no ignoreChanges), in the bounds.
            expect(resources.filter((r) => r.read === true && ["live-live", "live-canary"].includes(r.name)).map((r) => [r.name, r.id])).to.deep.equal([
                ["live-live", "orders,1"],
                ["live-canary", "orders,2"],
            ]);
            expect(capacityOf(resources)).to.deep.equal([
                ["live-v2", "2", 10, false],
                ["live-v2-target", "function:orders:2", 2, false],
            ]);
            expect(options(resources, "live-v2")).to.deep.equal([["live-v2", []]]);
            const config = resources.find((r) => r.type === CONFIG && r.name === "live-v2" && r.read !== true)!;
            expect(ofType(resources, ALIAS).find((r) => r.read !== true)!.propertyDependencies?.functionVersion).to.include(config.urn);
            expect(aliasInputs(resources)).to.deep.equal([{ name: "live", functionName: "orders", functionVersion: "2" }]);
            expect(await valueOf(warm.liveVersion)).to.equal("2");
        });

        it("after the promotion, the count is Application Auto Scaling's again: declared at the minimum, ignored", async () => {
            awsHolds("2", undefined, { "2": 9 });
            scaled("2");
            const resources = await settled();
            expect(options(resources, "live-v2")).to.deep.equal([["live-v2", ["provisionedConcurrentExecutions"]]]);
            expect(resources.filter((r) => r.read === true).map((r) => r.name)).to.deep.equal(["live-routing", "live-v2-allocated"]);
        });
    });
});
