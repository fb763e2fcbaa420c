import { expect } from "chai";
import * as pulumi from "@pulumi/pulumi";
import { ofType, rejectionMessage, resetProgram, settled, testFunction, thrownMessage, urnOf, valueOf } from "../helpers/pulumi";
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
            [FIXED, "live", urnOf(COMPONENT, "live"), false],
            [CONFIG, "live", urnOf(FIXED, "live", COMPONENT), true],
            [TARGET, "live-target", urnOf(FIXED, "live", COMPONENT), true],
            [ALIAS, "live", urnOf(COMPONENT, "live"), true],
        ]);
        const config = ofType(resources, CONFIG)[0];
        const physical = await valueOf(fn.name);
        expect(config.inputs).to.deep.equal({ functionName: physical, qualifier: "1", provisionedConcurrentExecutions: 4, skipDestroy: false });
        // The read of the configuration (Resource.get, no registration of its own) found it as created.
        // The read of what Lambda allocated (Resource.get): a child of the component, after the configuration.
        const reads = resources.filter((r) => r.read === true);
        expect(reads.map((r) => [r.type, r.name, r.parent, r.id, r.state.provisionedConcurrentExecutions])).to.deep.equal([
            [CONFIG, "live-allocated", urnOf(COMPONENT, "live"), `${physical},1`, 4],
        ]);
        expect(reads[0].dependencies).to.include(config.urn);
        const alias = ofType(resources, ALIAS)[0];
        expect(alias.inputs).to.deep.equal({ name: "live", functionName: physical, functionVersion: "1" });
        // The alias waits for the configuration (its version comes from it): Pulumi orders the move after READY.
        expect(alias.propertyDependencies?.functionVersion).to.include(config.urn);
        expect(await valueOf(warm.liveVersion)).to.equal("1");
        expect(await valueOf(warm.functionName)).to.equal(physical);
        expect(await valueOf(warm.aliasArn)).to.equal(alias.state.arn);
        expect(await valueOf(warm.config.qualifier)).to.equal("1");
        expect(await valueOf(warm.target.resourceId)).to.equal(`function:${physical}:1`);
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
        expect(scaling.options.aliases).to.include(urnOf(FIXED, "api", COMPONENT));
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
