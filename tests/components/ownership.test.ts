// The one-owner registry, the swap aliases and the name claims, the function-home check, and the replacement rules:
// pure functions (the swap aliases' URNs under the tests' mocks).
import { expect } from "chai";
import * as sdkState from "@pulumi/pulumi/runtime/state";
import { OwnershipRegistry, QualifierOwner, claimQualifier, ownershipKey, programOwnershipRegistry } from "../../components/ownership";
import * as pulumi from "@pulumi/pulumi";
import { PROVISIONED_CONCURRENCY_COMPONENT_TYPES, WARM_ALIAS_TYPE, claimComponentName, warmAliasTakeoverAliases, withSwapAliases } from "../../components/swaps";
import { TEST_PROJECT, TEST_STACK, valueOf } from "../helpers/pulumi";
import { namesHome, validateFunctionHome } from "../../components/function-home";
import { validateReplacementChoice, validateSkipDestroy } from "../../components/replacement";

const KEEP_DEPLOYED =
    'if one of them is already deployed, give the one you keep its name, so that Pulumi takes over its resources instead of deleting them (README, "Changing your mind")';

describe("ownershipKey and claimQualifier", () => {
    const fixedA: QualifierOwner = { componentType: "FixedConcurrency", name: "a", kind: "provisioned-concurrency-config" };
    const fixedB: QualifierOwner = { componentType: "FixedConcurrency", name: "b", kind: "provisioned-concurrency-config" };
    const scaling: QualifierOwner = { componentType: "UtilizationScaling", name: "s", kind: "scalable-target" };
    const scheduled: QualifierOwner = { componentType: "ScheduledConcurrency", name: "t", kind: "scalable-target" };
    const warmerW: QualifierOwner = { componentType: "LambdaWarmer", name: "w", kind: "warm-up-pings" };
    const warmerV: QualifierOwner = { componentType: "LambdaWarmer", name: "v", kind: "warm-up-pings" };

    it("files one key per provider scope, plain function name and qualifier; no qualifier is $LATEST", () => {
        expect(ownershipKey("my-function", "live", "default")).to.equal("default|my-function|live");
        expect(ownershipKey("my-function", "live", "scope-2")).to.equal("scope-2|my-function|live");
        expect(ownershipKey("my-function", undefined, "default")).to.equal("default|my-function|$LATEST");
        expect(ownershipKey("my-function", "$LATEST", "default")).to.equal("default|my-function|$LATEST");
    });

    it("accepts the first claim and different qualifiers", () => {
        const registry = new OwnershipRegistry();
        expect(claimQualifier(registry, "default|f|live", fixedA, "f", "live")).to.equal(undefined);
        expect(claimQualifier(registry, "default|f|2", fixedB, "f", "2")).to.equal(undefined);
        expect([...registry.qualifiers.keys()]).to.deep.equal(["default|f|live", "default|f|2"]);
    });

    it("lets the same component claim again, as when a program runs a second time in one process", () => {
        const registry = new OwnershipRegistry();
        expect(claimQualifier(registry, "k", fixedA, "f", "live")).to.equal(undefined);
        expect(claimQualifier(registry, "k", { ...fixedA }, "f", "live")).to.equal(undefined);
        expect(claimQualifier(registry, "k", { ...fixedA, componentType: "ScheduledConcurrency", kind: "scalable-target" }, "f", "live")).to.match(
            /^ScheduledConcurrency "a" and FixedConcurrency "a" both manage/,
        );
    });

    it("names both components when two fixed configurations meet, and says how to keep what is deployed", () => {
        const registry = new OwnershipRegistry();
        claimQualifier(registry, "k", fixedA, "f", "live");
        expect(claimQualifier(registry, "k", fixedB, "f", "live")).to.equal(
            `FixedConcurrency "b" and FixedConcurrency "a" both give provisioned concurrency to function "f" qualifier "live"; AWS keeps one provisioned concurrency configuration per version or alias, so they would overwrite each other. Keep one of them; ${KEEP_DEPLOYED}.`,
        );
    });

    it("tells how to combine two scalable targets without deleting the deployed one", () => {
        const registry = new OwnershipRegistry();
        claimQualifier(registry, "k", scheduled, "f", "live");
        expect(claimQualifier(registry, "k", scaling, "f", "live")).to.equal(
            `UtilizationScaling "s" and ScheduledConcurrency "t" both scale function "f" qualifier "live"; Application Auto Scaling keeps one scalable target per version or alias, so they would overwrite each other. Use one UtilizationScaling with the schedules; ${KEEP_DEPLOYED}.`,
        );
    });

    it("refuses a fixed configuration beside a scalable target", () => {
        const registry = new OwnershipRegistry();
        claimQualifier(registry, "k", fixedA, "f", "live");
        expect(claimQualifier(registry, "k", scaling, "f", "live")).to.equal(
            `UtilizationScaling "s" and FixedConcurrency "a" both manage the provisioned concurrency of function "f" qualifier "live"; a scalable target sets the provisioned concurrency itself, so it would fight a fixed configuration. Use ScheduledConcurrency or UtilizationScaling alone (minCapacity is the fixed floor); ${KEEP_DEPLOYED}.`,
        );
    });

    it("refuses warming a qualifier with provisioned concurrency, whichever comes first, naming both", () => {
        const expected =
            'LambdaWarmer "w" warms function "f" qualifier "live", whose provisioned concurrency FixedConcurrency "a" manages: provisioned environments are always initialized and need no warming, and pings would occupy them, push real requests into spillover and raise the utilization that scaling follows. Warm another qualifier of the function, or none.';
        const first = new OwnershipRegistry();
        claimQualifier(first, "k", fixedA, "f", "live");
        expect(claimQualifier(first, "k", warmerW, "f", "live")).to.equal(expected);
        const second = new OwnershipRegistry();
        claimQualifier(second, "k", warmerW, "f", "live");
        expect(claimQualifier(second, "k", fixedA, "f", "live")).to.equal(expected);
        const third = new OwnershipRegistry();
        claimQualifier(third, "k", warmerW, "f", "live");
        expect(claimQualifier(third, "k", scaling, "f", "live")).to.match(/^LambdaWarmer "w" warms function "f" qualifier "live", whose provisioned concurrency UtilizationScaling "s" manages/);
    });

    it("refuses two warmers on one function and qualifier", () => {
        const registry = new OwnershipRegistry();
        claimQualifier(registry, "k", warmerW, "f", undefined);
        expect(claimQualifier(registry, "k", warmerV, "f", undefined)).to.equal(
            'LambdaWarmer "v" and LambdaWarmer "w" both warm function "f"; their pings would land on the same environments and each would count the other\'s. List the function in one warmer, with the concurrency you want.',
        );
    });

    it("clear forgets claims and names", () => {
        const registry = new OwnershipRegistry();
        claimQualifier(registry, "k", fixedA, "f", "live");
        registry.componentNames.set("root|a", "x");
        registry.clear();
        expect(registry.qualifiers.size).to.equal(0);
        expect(registry.componentNames.size).to.equal(0);
    });
});

describe("withSwapAliases", () => {
    const [FIXED, SCHEDULED, UTILIZATION] = PROVISIONED_CONCURRENCY_COMPONENT_TYPES;
    const root = (type: string, name: string) => `urn:pulumi:${TEST_STACK}::${TEST_PROJECT}::${type}::${name}`;
    /** The aliases with each parent URN Output resolved, to compare. */
    const resolved = (aliases: readonly pulumi.Input<string | pulumi.Alias>[] | undefined) =>
        Promise.all(
            (aliases ?? []).map(async (a) =>
                typeof a === "object" && a !== null && "parent" in a && pulumi.Output.isInstance(a.parent)
                    ? {
                          ...a,
                          ...(pulumi.Output.isInstance(a.name) ? { name: await valueOf(a.name as pulumi.Output<string>) } : {}),
                          parent: await valueOf(a.parent as pulumi.Output<string>),
                      }
                    : a,
            ),
        );

    it("aliases a component to the same-named component of the two other types, and to a same-named WarmAlias's child for its qualifier, of either type", async () => {
        expect(await resolved(withSwapAliases(UTILIZATION, "api", "7", undefined).aliases)).to.deep.equal([
            { type: FIXED },
            { type: SCHEDULED },
            { name: "api-v7", type: FIXED, parent: root(WARM_ALIAS_TYPE, "api") },
            { name: "api", type: FIXED, parent: root(WARM_ALIAS_TYPE, "api") },
            { name: "api-v7", type: UTILIZATION, parent: root(WARM_ALIAS_TYPE, "api") },
            { name: "api", type: UTILIZATION, parent: root(WARM_ALIAS_TYPE, "api") },
        ]);
        expect(await resolved(withSwapAliases(FIXED, "api", pulumi.output("12"), {}).aliases)).to.deep.equal([
            { type: SCHEDULED },
            { type: UTILIZATION },
            { name: "api-v12", type: FIXED, parent: root(WARM_ALIAS_TYPE, "api") },
            { name: "api", type: FIXED, parent: root(WARM_ALIAS_TYPE, "api") },
            { name: "api-v12", type: UTILIZATION, parent: root(WARM_ALIAS_TYPE, "api") },
            { name: "api", type: UTILIZATION, parent: root(WARM_ALIAS_TYPE, "api") },
        ]);
    });

    it("keeps the user's options and aliases, and extends a rename to the other types and to a WarmAlias of the old name", async () => {
        const opts = { protect: true, aliases: [{ name: "old" }, "urn:pulumi:s::p::x::y", { name: "older", type: "my:index:Thing" }] };
        const result = withSwapAliases(SCHEDULED, "api", "3", opts);
        expect(result.protect).to.equal(true);
        expect(await resolved(result.aliases)).to.deep.equal([
            { name: "old" },
            "urn:pulumi:s::p::x::y",
            { name: "older", type: "my:index:Thing" },
            { type: FIXED },
            { type: UTILIZATION },
            { name: "old", type: FIXED },
            { name: "old", type: UTILIZATION },
            { name: "api-v3", type: FIXED, parent: root(WARM_ALIAS_TYPE, "api") },
            { name: "api", type: FIXED, parent: root(WARM_ALIAS_TYPE, "api") },
            { name: "api-v3", type: UTILIZATION, parent: root(WARM_ALIAS_TYPE, "api") },
            { name: "api", type: UTILIZATION, parent: root(WARM_ALIAS_TYPE, "api") },
            { name: "old-v3", type: FIXED, parent: root(WARM_ALIAS_TYPE, "old") },
            { name: "old", type: FIXED, parent: root(WARM_ALIAS_TYPE, "old") },
            { name: "old-v3", type: UTILIZATION, parent: root(WARM_ALIAS_TYPE, "old") },
            { name: "old", type: UTILIZATION, parent: root(WARM_ALIAS_TYPE, "old") },
        ]);
        expect(opts.aliases).to.have.length(3);
    });
});

describe("warmAliasTakeoverAliases", () => {
    const [FIXED, SCHEDULED, UTILIZATION] = PROVISIONED_CONCURRENCY_COMPONENT_TYPES;

    it("names the same-named component of each of the three types beside the WarmAlias, and those of the names it aliases", () => {
        const aliases = warmAliasTakeoverAliases("api", { aliases: [{ name: "old" }, { name: "typed", type: "my:index:Thing" }, "urn:pulumi:s::p::x::y"] });
        expect(aliases).to.deep.equal([
            { name: "api", type: FIXED, parent: undefined },
            { name: "api", type: SCHEDULED, parent: undefined },
            { name: "api", type: UTILIZATION, parent: undefined },
            { name: "old", type: FIXED, parent: undefined },
            { name: "old", type: SCHEDULED, parent: undefined },
            { name: "old", type: UTILIZATION, parent: undefined },
        ]);
        // Set, though undefined: Pulumi reads it as "no parent", as a top-level component has.
        expect(aliases.every((a) => Object.prototype.hasOwnProperty.call(a, "parent"))).to.equal(true);
    });
});

describe("claimComponentName", () => {
    const [FIXED, , UTILIZATION] = PROVISIONED_CONCURRENCY_COMPONENT_TYPES;

    it("refuses one name for two provisioned concurrency component types under one parent", () => {
        const registry = new OwnershipRegistry();
        expect(claimComponentName(registry, undefined, "api", FIXED)).to.equal(undefined);
        expect(claimComponentName(registry, undefined, "api", FIXED)).to.equal(undefined);
        expect(claimComponentName(registry, undefined, "other", UTILIZATION)).to.equal(undefined);
        expect(claimComponentName(registry, undefined, "api", UTILIZATION)).to.equal(
            'the name "api" is already the name of a FixedConcurrency in this program; a UtilizationScaling takes over a deployed FixedConcurrency of the same name (so that swapping one for the other keeps the capacity), so the two cannot share a name. Give one of them another name',
        );
    });
});

describe("validateFunctionHome", () => {
    const HOME = { partition: "aws", region: "us-east-1", accountId: "123456789012" };

    it("accepts plain names and ARNs of the provider's account, region and partition", () => {
        expect(validateFunctionHome("api", HOME)).to.equal(undefined);
        expect(validateFunctionHome("arn:aws:lambda:us-east-1:123456789012:function:api:7", HOME)).to.equal(undefined);
        expect(validateFunctionHome("123456789012:function:api", HOME)).to.equal(undefined);
        expect(namesHome("api")).to.equal(false);
        expect(namesHome("123456789012:function:api")).to.equal(true);
        expect(namesHome("arn:aws:lambda:us-east-1:123456789012:function:api")).to.equal(true);
    });

    it("refuses another region and account, naming both", () => {
        expect(validateFunctionHome("arn:aws:lambda:eu-west-1:999999999999:function:api:7", HOME)).to.equal(
            'functionName "arn:aws:lambda:eu-west-1:999999999999:function:api:7" is a function of account 999999999999, region eu-west-1, but this component\'s AWS provider works in account 123456789012, region us-east-1; AWS would look the function up by name in account 123456789012, region us-east-1 and configure another function, or none. Give the component a provider for account 999999999999, region eu-west-1 (opts.provider), or name a function of account 123456789012, region us-east-1',
        );
    });

    it("refuses another account given by a partial ARN, and another partition", () => {
        expect(validateFunctionHome("999999999999:function:api", HOME, "targets[0].functionName")).to.match(
            /^targets\[0\]\.functionName "999999999999:function:api" is a function of account 999999999999, but this component's AWS provider works in account 123456789012, region us-east-1;/,
        );
        expect(validateFunctionHome("arn:aws-cn:lambda:us-east-1:123456789012:function:api", HOME)).to.match(
            /is a function of account 123456789012, region us-east-1, partition aws-cn, but this component's AWS provider works in account 123456789012, region us-east-1, partition aws;/,
        );
    });
});

describe("validateSkipDestroy and validateReplacementChoice", () => {
    it("refuses skipDestroy: true whatever the qualifier (a replacement would keep the old configuration billing), accepts false", () => {
        expect(validateSkipDestroy(false)).to.equal(undefined);
        expect(validateSkipDestroy(true)).to.equal(
            'skipDestroy cannot be true: the AWS provider skips the delete on every replacement as well as on destroy, so moving the configuration to another alias, version or function would leave the old one\'s provisioned environments allocated and billed, with nothing in the program to remove them. To keep the environments when you destroy the stack, remove the configuration from the stack\'s state first (pulumi state delete with its URN), then destroy',
        );
        expect(validateSkipDestroy("yes")).to.equal('skipDestroy must be true or false, got "yes"');
    });

    it("takes deleteOldConfigurationFirst as a plain boolean, false by default", () => {
        expect(validateReplacementChoice(undefined)).to.deep.equal({ value: false });
        expect(validateReplacementChoice(true)).to.deep.equal({ value: true });
        expect(validateReplacementChoice(1)).to.deep.equal({ error: "deleteOldConfigurationFirst must be true or false, got 1" });
    });
});

describe("programOwnershipRegistry: one registry per program run", () => {
    // What the SDK does for each run: a store of its own (runtime/state.js, withLocalStorage), in which the Automation
    // API's inline program sets its root stack resource (runtime/stack.js, Stack.initialize -> setStackResource), and
    // a plugin's Construct sets none (provider/server.js).
    const sdk = sdkState as unknown as { withLocalStorage<T>(callback: () => T): T; setStackResource(stack: object | undefined): void };
    const run = <T>(stack: object | undefined, body: () => Promise<T>): Promise<T> =>
        sdk.withLocalStorage(async () => {
            sdk.setStackResource(stack);
            return body();
        });

    it("gives each inline program run its own registry, the same one within a run (across awaits)", async () => {
        const [first, firstAgain] = await run({ name: "stack of run 1" }, async () => {
            const registry = programOwnershipRegistry();
            await Promise.resolve();
            return [registry, programOwnershipRegistry()];
        });
        const second = await run({ name: "stack of run 2" }, () => Promise.resolve(programOwnershipRegistry()));
        expect(first).to.equal(firstAgain);
        expect(first).to.not.equal(second);
        expect(first).to.not.equal(programOwnershipRegistry());
    });

    it("gives the Constructs of a plugin (no stack resource) the process's registry, so they see each other's claims", async () => {
        const outside = programOwnershipRegistry();
        const construct1 = await run(undefined, () => Promise.resolve(programOwnershipRegistry()));
        const construct2 = await run(undefined, () => Promise.resolve(programOwnershipRegistry()));
        expect(construct1).to.equal(outside);
        expect(construct2).to.equal(outside);
    });
});
