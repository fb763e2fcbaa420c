import { expect } from "chai";
import * as pulumi from "@pulumi/pulumi";
import { Alias } from "@pulumi/aws/lambda";
import {
    mocks,
    ofType,
    rejectionMessage,
    resetProgram,
    settled,
    testFunction,
    thrownMessage,
    urnOf,
    valueOf,
} from "../helpers/pulumi";
import { autoName } from "../../testing/mock-aws";
import { FixedConcurrency, FixedConcurrencyArgs, ScheduledConcurrency } from "../../components";
// The submodule, not all of @pulumi/aws, which costs about a second to load (DESIGN.md).
import { Provider } from "@pulumi/aws/provider";

const COMPONENT = "lambda-concurrency:index:FixedConcurrency";
const CONFIG = "aws:lambda/provisionedConcurrencyConfig:ProvisionedConcurrencyConfig";
const TARGET = "aws:appautoscaling/target:Target";
const ARN = "arn:aws:lambda:us-east-1:123456789012:function:orders";

describe("FixedConcurrency", () => {
    beforeEach(resetProgram);

    describe("with plain arguments", () => {
        it("creates one ProvisionedConcurrencyConfig and a scalable target holding its count with scaling suspended, named after and parented to the component", async () => {
            const fixed = new FixedConcurrency("orders-pc", {
                functionName: "orders",
                qualifier: "live",
                provisionedConcurrentExecutions: 5,
            });
            const resources = await settled();
            expect(resources.map((r) => [r.type, r.name, r.parent])).to.deep.equal([
                [COMPONENT, "orders-pc", undefined],
                [CONFIG, "orders-pc", urnOf(COMPONENT, "orders-pc")],
                [TARGET, "orders-pc-target", urnOf(COMPONENT, "orders-pc")],
            ]);
            expect(ofType(resources, CONFIG)[0].inputs).to.deep.equal({
                functionName: "orders",
                qualifier: "live",
                provisionedConcurrentExecutions: 5,
                skipDestroy: false,
            });
            // Issue 19, item 4: the suspended state differs from a scaling component's, so a swap always registers
            // the target again and Application Auto Scaling brings the count into 5..5 (scalable-target.ts).
            expect(ofType(resources, TARGET)[0].inputs).to.deep.equal({
                serviceNamespace: "lambda",
                scalableDimension: "lambda:function:ProvisionedConcurrency",
                resourceId: "function:orders:live",
                minCapacity: 5,
                maxCapacity: 5,
                suspendedState: { dynamicScalingInSuspended: true, dynamicScalingOutSuspended: true, scheduledScalingSuspended: true },
            });
            expect(ofType(resources, TARGET)[0].dependencies).to.deep.equal([urnOf(CONFIG, "orders-pc", COMPONENT)]);
            expect(await valueOf(fixed.target.resourceId)).to.equal("function:orders:live");
            expect(await valueOf(fixed.functionName)).to.equal("orders");
            expect(await valueOf(fixed.qualifier)).to.equal("live");
            expect(await valueOf(fixed.provisionedConcurrentExecutions)).to.equal(5);
            expect(await valueOf(fixed.config.id)).to.equal("orders,live");
            expect(await valueOf(fixed.urn)).to.equal(urnOf(COMPONENT, "orders-pc"));
        });

        it("calls registerOutputs exactly once", async () => {
            new FixedConcurrency("once", { functionName: "orders", qualifier: "3", provisionedConcurrentExecutions: 1 });
            await settled();
            expect(mocks.outputRegistrations.get(urnOf(COMPONENT, "once"))).to.equal(1);
        });

        it("passes skipDestroy: false through, as the provider's default", async () => {
            new FixedConcurrency("keep", { functionName: "orders", qualifier: "live", provisionedConcurrentExecutions: 2, skipDestroy: false });
            const [config] = ofType(await settled(), CONFIG);
            expect(config.inputs.skipDestroy).to.equal(false);
        });

        it("refuses skipDestroy: true at construction, on an alias too, saying why and what to do instead", () => {
            expect(
                thrownMessage(
                    () => new FixedConcurrency("keep", { functionName: "orders", qualifier: "live", provisionedConcurrentExecutions: 2, skipDestroy: true }),
                ),
            ).to.equal(
                'FixedConcurrency "keep": skipDestroy cannot be true: the AWS provider skips the delete on every replacement as well as on destroy, so moving the configuration to another alias, version or function would leave the old one\'s provisioned environments allocated and billed, with nothing in the program to remove them. To keep the environments when you destroy the stack, remove the configuration from the stack\'s state first (pulumi state delete with its URN), then destroy',
            );
        });

        it("refuses skipDestroy: true given as an Output, when it resolves, before AWS sees it", async () => {
            const fn = testFunction("kept", { publish: true });
            const fixed = new FixedConcurrency("kept-pc", { functionName: fn.name, qualifier: fn.version, provisionedConcurrentExecutions: 2, skipDestroy: pulumi.output(true) });
            // The SDK may prefix the message with the property it was serializing.
            expect(await rejectionMessage(valueOf(fixed.config.urn))).to.match(/FixedConcurrency "kept-pc": skipDestroy cannot be true: /);
            await settled();
            expect(ofType(mocks.resources, CONFIG)).to.have.length(0);
        });

        it("hands AWS the plain function name for a qualified ARN of the provider's account and region", async () => {
            const fixed = new FixedConcurrency("by-arn", {
                functionName: `${ARN}:live`,
                qualifier: "live",
                provisionedConcurrentExecutions: 2,
            });
            const [config] = ofType(await settled(), CONFIG);
            expect(config.inputs.functionName).to.equal("orders");
            expect(config.inputs.qualifier).to.equal("live");
            expect(await valueOf(fixed.functionName)).to.equal("orders");
            // The ARN's home was checked against the provider's, asked with the component as parent.
            expect(mocks.calls.map((c) => c.token).sort()).to.deep.equal([
                "aws:index/getCallerIdentity:getCallerIdentity",
                "aws:index/getPartition:getPartition",
                "aws:index/getRegion:getRegion",
            ]);
        });

        it("asks the provider nothing when the function is given by name", async () => {
            new FixedConcurrency("by-name", { functionName: "orders", qualifier: "live", provisionedConcurrentExecutions: 2 });
            await settled();
            expect(mocks.calls).to.deep.equal([]);
        });

        it("accepts a partial ARN, handing AWS the plain name", async () => {
            new FixedConcurrency("partial", {
                functionName: "123456789012:function:orders",
                qualifier: "12",
                provisionedConcurrentExecutions: 3,
            });
            const [config] = ofType(await settled(), CONFIG);
            expect(config.inputs.functionName).to.equal("orders");
            expect(config.inputs.qualifier).to.equal("12");
        });

        it("refuses an ARN of another region and account, naming both, before AWS sees it", async () => {
            const fixed = new FixedConcurrency("abroad", {
                functionName: "arn:aws:lambda:eu-west-1:999999999999:function:api",
                qualifier: "7",
                provisionedConcurrentExecutions: 2,
            });
            expect(await rejectionMessage(valueOf(fixed.config.urn))).to.contain(
                'FixedConcurrency "abroad": functionName "arn:aws:lambda:eu-west-1:999999999999:function:api" is a function of account 999999999999, region eu-west-1, but this component\'s AWS provider works in account 123456789012, region us-east-1; AWS would look the function up by name in account 123456789012, region us-east-1 and configure another function, or none. Give the component a provider for account 999999999999, region eu-west-1 (opts.provider), or name a function of account 123456789012, region us-east-1',
            );
            await settled();
            expect(ofType(mocks.resources, CONFIG)).to.have.length(0);
        });

        it("creates the replacement first by default, and deletes first when asked", async () => {
            new FixedConcurrency("overlap", { functionName: "orders", qualifier: "live", provisionedConcurrentExecutions: 2 });
            new FixedConcurrency("tight", { functionName: "orders", qualifier: "7", provisionedConcurrentExecutions: 2, deleteOldConfigurationFirst: true });
            const [overlap, tight] = ofType(await settled(), CONFIG);
            expect(overlap.options.deleteBeforeReplace).to.equal(false);
            expect(tight.options.deleteBeforeReplace).to.equal(true);
            expect(thrownMessage(() => new FixedConcurrency("odd", { functionName: "orders", qualifier: "8", provisionedConcurrentExecutions: 2, deleteOldConfigurationFirst: "yes" as unknown as boolean }))).to.equal(
                'FixedConcurrency "odd": deleteOldConfigurationFirst must be true or false, got "yes"',
            );
        });

        it("takes over a same-named ScheduledConcurrency or UtilizationScaling (aliases), and refuses sharing a name with one", async () => {
            new FixedConcurrency("api", { functionName: "orders", qualifier: "live", provisionedConcurrentExecutions: 2 });
            const [component] = ofType(await settled(), COMPONENT);
            expect(component.options.aliases).to.deep.equal([
                urnOf("lambda-concurrency:index:ScheduledConcurrency", "api"),
                urnOf("lambda-concurrency:index:UtilizationScaling", "api"),
                // The FixedConcurrency or UtilizationScaling inside a WarmAlias of its name, on its way back from a
                // WarmAlias (swaps.ts).
                urnOf(COMPONENT, "api", "lambda-concurrency:index:WarmAlias"),
                urnOf("lambda-concurrency:index:UtilizationScaling", "api", "lambda-concurrency:index:WarmAlias"),
            ]);
            expect(
                thrownMessage(() => new ScheduledConcurrency("api", { functionName: "other", qualifier: "live", schedules: [{ name: "day", schedule: "cron(0 8 * * ? *)", capacity: 1 }] })),
            ).to.equal(
                'ScheduledConcurrency "api": the name "api" is already the name of a FixedConcurrency in this program; a ScheduledConcurrency takes over a deployed FixedConcurrency of the same name (so that swapping one for the other keeps the capacity), so the two cannot share a name. Give one of them another name',
            );
        });

        it("does not change the arguments it was given", async () => {
            const args: FixedConcurrencyArgs = { functionName: `${ARN}:live`, qualifier: "live", provisionedConcurrentExecutions: 2 };
            const copy = { ...args };
            new FixedConcurrency("untouched", args);
            await settled();
            expect(args).to.deep.equal(copy);
        });
    });

    describe("with Output arguments", () => {
        it("gives a published version of a function its environments", async () => {
            const fn = testFunction("api", { publish: true });
            const fixed = new FixedConcurrency("api-pc", {
                functionName: fn.name,
                qualifier: fn.version,
                provisionedConcurrentExecutions: pulumi.output(2),
            });
            const resources = await settled();
            expect(resources.map((r) => [r.type, r.name])).to.deep.equal([
                ["aws:lambda/function:Function", "api"],
                [COMPONENT, "api-pc"],
                [CONFIG, "api-pc"],
                [TARGET, "api-pc-target"],
            ]);
            expect(ofType(resources, CONFIG)[0].inputs).to.deep.equal({
                functionName: autoName("aws:lambda/function:Function", "api"),
                qualifier: "1",
                provisionedConcurrentExecutions: 2,
                skipDestroy: false,
            });
            expect(await valueOf(fixed.functionName)).to.equal(autoName("aws:lambda/function:Function", "api"));
        });

        it("gives an alias its environments, by function ARN", async () => {
            const fn = testFunction("web", { publish: true });
            const alias = new Alias("web-live", { name: "live", functionName: fn.name, functionVersion: fn.version });
            new FixedConcurrency("web-pc", { functionName: fn.arn, qualifier: alias.name, provisionedConcurrentExecutions: 4 });
            const [config] = ofType(await settled(), CONFIG);
            const name = autoName("aws:lambda/function:Function", "web");
            expect(config.inputs).to.deep.equal({
                functionName: name,
                qualifier: "live",
                provisionedConcurrentExecutions: 4,
                skipDestroy: false,
            });
        });

        it("refuses the $LATEST version of an unpublished function when it resolves, naming component and argument", async () => {
            const fn = testFunction("unpublished");
            const fixed = new FixedConcurrency("latest", {
                functionName: fn.name,
                qualifier: fn.version,
                provisionedConcurrentExecutions: 1,
            });
            const message = await rejectionMessage(valueOf(fixed.qualifier));
            expect(message).to.match(
                /FixedConcurrency "latest": qualifier cannot be "\$LATEST": provisioned concurrency needs a published version or an alias/,
            );
            await settled();
            expect(ofType(mocks.resources, CONFIG)).to.have.length(0);
        });

        const outputErrors: [string, Partial<FixedConcurrencyArgs>, string][] = [
            ["functionName", { functionName: pulumi.output("my function") }, 'FixedConcurrency "bad": functionName "my function" is not a valid Lambda function name; use only letters, digits, hyphens and underscores'],
            ["qualifier", { qualifier: pulumi.output("") }, 'FixedConcurrency "bad": qualifier must not be empty; give an alias name or a published version number'],
            ["provisionedConcurrentExecutions", { provisionedConcurrentExecutions: pulumi.output(0) }, 'FixedConcurrency "bad": provisionedConcurrentExecutions must be at least 1, got 0'],
            ["an ARN qualifier", { functionName: pulumi.output(`${ARN}:live`), qualifier: pulumi.output("2") }, `FixedConcurrency "bad": functionName "${ARN}:live" is qualified with "live" but qualifier is "2"; give the unqualified ARN or make them agree`],
        ];
        for (const [what, override, expected] of outputErrors) {
            it(`stops at a bad ${what} once it resolves, before the configuration reaches AWS`, async () => {
                const fixed = new FixedConcurrency("bad", {
                    functionName: "orders",
                    qualifier: "live",
                    provisionedConcurrentExecutions: 1,
                    ...override,
                });
                const message = await rejectionMessage(valueOf(fixed.config.urn));
                expect(message.endsWith(expected), message).to.equal(true);
                await settled();
                expect(mocks.resources.map((r) => r.type)).to.deep.equal([COMPONENT]);
            });
        }
    });

    describe("refuses bad plain arguments at construction", () => {
        const base: FixedConcurrencyArgs = { functionName: "orders", qualifier: "live", provisionedConcurrentExecutions: 2 };
        const cases: [string, Partial<FixedConcurrencyArgs>, string][] = [
            ["$LATEST", { qualifier: "$LATEST" }, 'qualifier cannot be "$LATEST": provisioned concurrency needs a published version or an alias (publish the function with publish: true and use its version, or create an alias)'],
            ["an empty qualifier", { qualifier: "" }, "qualifier must not be empty; give an alias name or a published version number"],
            ["a malformed qualifier", { qualifier: "live/blue" }, 'qualifier "live/blue" is not a valid alias name or version number; alias names use only letters, digits, hyphens and underscores'],
            ["version 0", { qualifier: "0" }, 'qualifier "0" is not a published version number; versions are numbered from 1 without leading zeros'],
            ["a fractional count", { provisionedConcurrentExecutions: 1.5 }, "provisionedConcurrentExecutions must be a whole number, got 1.5"],
            ["a zero count", { provisionedConcurrentExecutions: 0 }, "provisionedConcurrentExecutions must be at least 1, got 0"],
            ["a negative count", { provisionedConcurrentExecutions: -2 }, "provisionedConcurrentExecutions must be at least 1, got -2"],
            ["an empty function name", { functionName: "" }, "functionName must not be empty"],
            ["a malformed function name", { functionName: "orders!" }, 'functionName "orders!" is not a valid Lambda function name; use only letters, digits, hyphens and underscores'],
            ["a too long function name", { functionName: "f".repeat(65) }, `functionName "${"f".repeat(65)}" names a function of 65 characters; Lambda function names are at most 64`],
            ["a malformed ARN", { functionName: "arn:aws:lambda:us-east-1:123:function:orders" }, 'functionName "arn:aws:lambda:us-east-1:123:function:orders" is not a valid Lambda function ARN; expected arn:PARTITION:lambda:REGION:ACCOUNT:function:NAME[:QUALIFIER] or ACCOUNT:function:NAME[:QUALIFIER]'],
            ["an ARN whose qualifier disagrees", { functionName: `${ARN}:blue` }, `functionName "${ARN}:blue" is qualified with "blue" but qualifier is "live"; give the unqualified ARN or make them agree`],
        ];
        for (const [what, override, expected] of cases) {
            it(`refuses ${what}`, () => {
                let error: unknown;
                try {
                    new FixedConcurrency("bad", { ...base, ...override });
                } catch (e) {
                    error = e;
                }
                expect(error).to.be.instanceOf(pulumi.ResourceError);
                expect((error as Error).message).to.equal(`FixedConcurrency "bad": ${expected}`);
            });
        }
    });

    describe("one configuration per function and qualifier", () => {
        it("refuses a second component on the same function and qualifier, naming both", () => {
            new FixedConcurrency("first", { functionName: "orders", qualifier: "live", provisionedConcurrentExecutions: 2 });
            expect(
                thrownMessage(
                    () => new FixedConcurrency("second", { functionName: "orders", qualifier: "live", provisionedConcurrentExecutions: 3 }),
                ),
            ).to.equal(
                'FixedConcurrency "second": FixedConcurrency "second" and FixedConcurrency "first" both give provisioned concurrency to function "orders" qualifier "live"; AWS keeps one provisioned concurrency configuration per version or alias, so they would overwrite each other. Keep one of them; if one of them is already deployed, give the one you keep its name, so that Pulumi takes over its resources instead of deleting them (README, "Changing your mind").',
            );
        });

        it("sees the same function through a qualified and an unqualified ARN", () => {
            new FixedConcurrency("first", { functionName: ARN, qualifier: "live", provisionedConcurrentExecutions: 2 });
            expect(
                thrownMessage(
                    () => new FixedConcurrency("second", { functionName: `${ARN}:live`, qualifier: "live", provisionedConcurrentExecutions: 2 }),
                ),
            ).to.contain('FixedConcurrency "second" and FixedConcurrency "first" both give provisioned concurrency');
        });

        it("accepts the same program run twice in one process (Automation API inline programs)", async () => {
            const program = () => new FixedConcurrency("api-warm", { functionName: "orders", qualifier: "live", provisionedConcurrentExecutions: 2 });
            program();
            await settled();
            resetProgram.recordsOnly();
            program();
            expect(ofType(await settled(), CONFIG).map((r) => r.name)).to.deep.equal(["api-warm"]);
        });

        it("allows other qualifiers and other functions", async () => {
            new FixedConcurrency("a", { functionName: "orders", qualifier: "live", provisionedConcurrentExecutions: 2 });
            new FixedConcurrency("b", { functionName: "orders", qualifier: "7", provisionedConcurrentExecutions: 2 });
            new FixedConcurrency("c", { functionName: "billing", qualifier: "live", provisionedConcurrentExecutions: 2 });
            // Sorted: a version number as qualifier adds an alias that resolves a few turns later, so "b" registers last.
            expect(ofType(await settled(), CONFIG).map((r) => r.name).sort()).to.deep.equal(["a", "b", "c"]);
        });

        it("finds a conflict between Output values when they resolve, failing one of the two", async () => {
            const fn = testFunction("shared", { publish: true });
            const first = new FixedConcurrency("first", { functionName: fn.name, qualifier: fn.version, provisionedConcurrentExecutions: 2 });
            const second = new FixedConcurrency("second", { functionName: fn.name, qualifier: "1", provisionedConcurrentExecutions: 2 });
            const outcomes = await Promise.allSettled([valueOf(first.config.urn), valueOf(second.config.urn)]);
            const failures = outcomes.flatMap((o) => (o.status === "rejected" ? [String((o.reason as Error).message)] : []));
            expect(failures).to.have.length(1);
            const name = autoName("aws:lambda/function:Function", "shared");
            // Whichever resolves second is refused; the message names both either way.
            expect(failures[0]).to.match(
                new RegExp(
                    `FixedConcurrency "(first|second)" and FixedConcurrency "(first|second)" both give provisioned concurrency to function "${name}" qualifier "1"`,
                ),
            );
            expect(failures[0]).to.contain('"first"').and.to.contain('"second"');
        });
    });
});

describe("one configuration per function and qualifier, per AWS provider", () => {
    beforeEach(resetProgram);
    const args: FixedConcurrencyArgs = { functionName: "orders", qualifier: "live", provisionedConcurrentExecutions: 2 };
    const conflict = (second: string, first: string): string =>
        `FixedConcurrency "${second}": FixedConcurrency "${second}" and FixedConcurrency "${first}" both give provisioned concurrency to function "orders" qualifier "live"; AWS keeps one provisioned concurrency configuration per version or alias, so they would overwrite each other. Keep one of them; if one of them is already deployed, give the one you keep its name, so that Pulumi takes over its resources instead of deleting them (README, "Changing your mind").`;

    it("allows the same function and qualifier through two different provider objects, and the default provider", async () => {
        // Providers are told apart by object: each is one account and region (ownership.ts).
        const east = new Provider("east", { region: "us-east-1" });
        const west = new Provider("west", { region: "us-west-2" });
        new FixedConcurrency("east-pc", args, { provider: east });
        new FixedConcurrency("west-pc", args, { provider: west });
        new FixedConcurrency("default-pc", args);
        expect(ofType(await settled(), CONFIG).map((r) => r.name).sort()).to.deep.equal(["default-pc", "east-pc", "west-pc"]);
    });

    it("refuses the same function and qualifier twice through one provider object, given as provider or in providers", () => {
        const east = new Provider("east", { region: "us-east-1" });
        new FixedConcurrency("first", args, { provider: east });
        expect(thrownMessage(() => new FixedConcurrency("second", args, { provider: east }))).to.equal(conflict("second", "first"));
        expect(thrownMessage(() => new FixedConcurrency("third", args, { providers: { aws: east } }))).to.equal(conflict("third", "first"));
    });
});
