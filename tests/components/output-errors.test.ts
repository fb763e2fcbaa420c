// A check that fails on an Output's value must stop the program with the component's own message, exactly, and
// register nothing of the component (components/checked-input.ts says why the SDK lost or rewrote it). These run on
// the pinned SDK; compat/check.sh runs the same failures as programs on every SDK of the peer range.
import { expect } from "chai";
import * as pulumi from "@pulumi/pulumi";
import { Alias } from "@pulumi/aws/lambda";
import { mocks, rejectionMessage, resetProgram, settled, testFunction, urnOf, valueOf } from "../helpers/pulumi";
import { FixedConcurrency, LambdaWarmer, ScheduledConcurrency, UtilizationScaling } from "../../components";
import { OutputCheckError, afterChecks, checkedInput, gateOn, outputAfterChecks, outputsAfterChecks } from "../../components/checked-input";

const FIXED = "lambda-concurrency:index:FixedConcurrency";
const FUNCTION = "aws:lambda/function:Function";
const ALIAS = "aws:lambda/alias:Alias";
const CONFIG = "aws:lambda/provisionedConcurrencyConfig:ProvisionedConcurrencyConfig";
const LATEST =
    'FixedConcurrency "latest": qualifier cannot be "$LATEST": provisioned concurrency needs a published version or an alias (publish the function with publish: true and use its version, or create an alias)';

/** The component used where a test needs one of its own. */
class Probe extends pulumi.ComponentResource {
    constructor(name: string) {
        super("test:index:Probe", name);
    }
}

/** An Output whose value is unknown, as a preview gives for what a resource computes. */
function unknownOutput<T>(): pulumi.Output<T> {
    return pulumi.output(pulumi.unknown) as unknown as pulumi.Output<T>;
}

/** An Output that never settles: a failed registration's outputs on SDKs before 3.257. */
function pendingOutput<T>(): pulumi.Output<T> {
    return pulumi.output(new Promise<T>(() => undefined)) as unknown as pulumi.Output<T>;
}

/** Whether `promise` settles within a few turns of the event loop. */
async function settlesSoon(promise: Promise<unknown>): Promise<boolean> {
    const timeout = new Promise<"pending">((resolve) => setTimeout(() => resolve("pending"), 50));
    return (
        (await Promise.race([
            promise.then(
                () => "settled",
                () => "settled",
            ),
            timeout,
        ])) === "settled"
    );
}

describe("Output-time check failures", () => {
    // What the Node language host logs: every unhandled rejection (cmd/run/run.js, uncaughtHandler).
    let unhandled: unknown[];
    const collect = (reason: unknown): void => {
        unhandled.push(reason);
    };
    beforeEach(() => {
        resetProgram();
        unhandled = [];
        process.on("unhandledRejection", collect);
    });
    afterEach(() => {
        process.off("unhandledRejection", collect);
    });

    /** Waits for the program's registrations and the rejections they leave; returns the types registered. */
    async function registeredTypes(): Promise<string[]> {
        await settled();
        await new Promise((resolve) => setImmediate(resolve));
        return mocks.resources.map((r) => r.type);
    }

    /** Every unhandled rejection: the check's own error, exactly as written, attached to the component. */
    function expectReportedAs(message: string, componentUrn: string): Promise<void> {
        expect(unhandled).to.not.have.length(0);
        return Promise.all(
            unhandled.map(async (reason) => {
                expect(reason).to.be.instanceOf(OutputCheckError);
                const error = reason as OutputCheckError;
                expect(error.message).to.equal(message);
                expect(error.hideStack).to.equal(true);
                expect(await valueOf(error.resource!.urn)).to.equal(componentUrn);
            }),
        ).then(() => undefined);
    }

    describe("OutputCheckError", () => {
        it("keeps its message when the SDK prefixes it, and asks the language host to log the message alone", () => {
            const error = new OutputCheckError('FixedConcurrency "x": qualifier must not be empty', new Probe("probe"));
            // What @pulumi/pulumi 3.246 and later do to an error that rejects a serialized property (runtime/rpc.js).
            error.message = `error serializing property "qualifier": ${error.message}`;
            expect(error.message).to.equal('FixedConcurrency "x": qualifier must not be empty');
            expect(error).to.be.instanceOf(pulumi.ResourceError);
            expect(pulumi.ResourceError.isInstance(error)).to.equal(true);
            expect(error.hideStack).to.equal(true);
            expect(String(error)).to.equal('Error: FixedConcurrency "x": qualifier must not be empty');
            // No frames: the SDK's apply machinery only, and what the language host of 3.143 cannot inspect.
            expect(error.stack).to.equal('Error: FixedConcurrency "x": qualifier must not be empty');
        });
    });

    describe("the gate", () => {
        // Each test's own registrations land before the next test starts recording.
        afterEach(() => settled());

        it("holds a child until the component's checks pass, then gives its dependsOn", async () => {
            const probe = new Probe("probe");
            let release: (value: string) => void = () => undefined;
            gateOn(probe, pulumi.output(new Promise<string>((resolve) => (release = resolve))));
            const dependsOn = afterChecks(probe, [probe]);
            expect(await settlesSoon(dependsOn)).to.equal(false);
            release("ok");
            expect(await dependsOn).to.deep.equal([probe]);
        });

        it("fails a child with the first failed check, also one filed after the child was created", async () => {
            const probe = new Probe("probe");
            const dependsOn = afterChecks(probe);
            const failed = checkedInput(probe, 'Probe "probe"', pulumi.output(0), (v) => (v >= 1 ? undefined : `count must be at least 1, got ${v}`));
            expect(await rejectionMessage(dependsOn)).to.equal('Probe "probe": count must be at least 1, got 0');
            expect(await rejectionMessage(valueOf(failed))).to.equal('Probe "probe": count must be at least 1, got 0');
        });

        it("passes an unknown value, as in a preview, without running the check", async () => {
            const probe = new Probe("probe");
            let ran = false;
            checkedInput(probe, 'Probe "probe"', unknownOutput<string>(), () => {
                ran = true;
                return "never";
            });
            expect(await afterChecks(probe)).to.deep.equal([]);
            expect(ran).to.equal(false);
        });

        it("rejects a component's Output at once, where the child's output it carries would never settle", async () => {
            const probe = new Probe("probe");
            checkedInput(probe, 'Probe "probe"', pulumi.output(""), (v) => (v === "" ? "name must not be empty" : undefined));
            const own = outputAfterChecks(probe, pendingOutput<string>());
            expect(await rejectionMessage(valueOf(own))).to.equal('Probe "probe": name must not be empty');
            const outputs = outputsAfterChecks(probe, { own });
            expect(await rejectionMessage(outputs)).to.equal('Probe "probe": name must not be empty');
        });

        it("gives a component's Output the child's value, secrecy and dependency once the checks pass", async () => {
            const probe = new Probe("probe");
            const fn = testFunction("api", { publish: true });
            const own = outputAfterChecks(probe, pulumi.secret(fn.version));
            expect(await valueOf(own)).to.equal("1");
            expect(await pulumi.isSecret(own)).to.equal(true);
            const resources = await (own as unknown as { allResources(): Promise<Set<pulumi.Resource>> }).allResources();
            expect([...resources]).to.include(fn);
        });
    });

    describe("stops each component with its own message, registering none of its children", () => {
        it("FixedConcurrency on the $LATEST version of an unpublished function", async () => {
            const fn = testFunction("unpublished");
            const fixed = new FixedConcurrency("latest", { functionName: fn.name, qualifier: fn.version, provisionedConcurrentExecutions: 1 });
            // Its own Outputs, its configuration and what the language host logs: the message, as written.
            expect(await rejectionMessage(valueOf(fixed.qualifier))).to.equal(LATEST);
            expect(await rejectionMessage(valueOf(fixed.provisionedConcurrentExecutions))).to.equal(LATEST);
            expect(await rejectionMessage(valueOf(fixed.config.urn))).to.equal(LATEST);
            expect(await registeredTypes()).to.deep.equal([FUNCTION, FIXED]);
            expect(mocks.outputRegistrations.get(urnOf(FIXED, "latest"))).to.equal(undefined);
            await expectReportedAs(LATEST, urnOf(FIXED, "latest"));
        });

        it("FixedConcurrency's own Outputs, exported and read late, leave Node nothing to warn about", async () => {
            const handledLate: unknown[] = [];
            const onHandled = (promise: Promise<unknown>): void => {
                handledLate.push(promise);
            };
            process.on("rejectionHandled", onHandled);
            try {
                const fn = testFunction("unpublished");
                const fixed = new FixedConcurrency("latest", { functionName: fn.name, qualifier: fn.version, provisionedConcurrentExecutions: 1 });
                await registeredTypes();
                // What the SDK does with a stack's exports once the program has run (runtime/stack.js): read them then.
                const exported: pulumi.Output<unknown>[] = [fixed.functionName, fixed.qualifier, fixed.provisionedConcurrentExecutions];
                for (const output of exported) {
                    expect(await rejectionMessage(valueOf(output.apply((v) => v)))).to.equal(LATEST);
                }
                await new Promise((resolve) => setImmediate(resolve));
                expect(handledLate).to.have.length(0);
            } finally {
                process.off("rejectionHandled", onHandled);
            }
        });

        it("FixedConcurrency with skipDestroy: true given as an Output", async () => {
            const fn = testFunction("api", { publish: true });
            const fixed = new FixedConcurrency("pinned", { functionName: fn.name, qualifier: fn.version, provisionedConcurrentExecutions: 2, skipDestroy: pulumi.output(true) });
            const message =
                'FixedConcurrency "pinned": skipDestroy cannot be true: the AWS provider skips the delete on every replacement as well as on destroy, so moving the configuration to another alias, version or function would leave the old one\'s provisioned environments allocated and billed, with nothing in the program to remove them. To keep the environments when you destroy the stack, remove the configuration from the stack\'s state first (pulumi state delete with its URN), then destroy';
            expect(await rejectionMessage(valueOf(fixed.provisionedConcurrentExecutions))).to.equal(message);
            expect(await registeredTypes()).to.deep.equal([FUNCTION, FIXED]);
            await expectReportedAs(message, urnOf(FIXED, "pinned"));
        });

        it("FixedConcurrency on a function ARN of another account, known once it resolves", async () => {
            const arn = "arn:aws:lambda:eu-west-1:999999999999:function:api";
            const fixed = new FixedConcurrency("api-warm", { functionName: pulumi.output(arn), qualifier: "live", provisionedConcurrentExecutions: 5 });
            const message = `FixedConcurrency "api-warm": functionName "${arn}" is a function of account 999999999999, region eu-west-1, but this component's AWS provider works in account 123456789012, region us-east-1; AWS would look the function up by name in account 123456789012, region us-east-1 and configure another function, or none. Give the component a provider for account 999999999999, region eu-west-1 (opts.provider), or name a function of account 123456789012, region us-east-1`;
            expect(await rejectionMessage(valueOf(fixed.functionName))).to.equal(message);
            expect(await registeredTypes()).to.deep.equal([FIXED]);
            await expectReportedAs(message, urnOf(FIXED, "api-warm"));
        });

        it("the second of two FixedConcurrency on one function and version, both given as Outputs; the first goes ahead", async () => {
            const fn = testFunction("shared", { publish: true });
            new FixedConcurrency("first", { functionName: fn.name, qualifier: fn.version, provisionedConcurrentExecutions: 2 });
            const second = new FixedConcurrency("second", { functionName: fn.name, qualifier: fn.version, provisionedConcurrentExecutions: 3 });
            const name = await valueOf(fn.name);
            const message = `FixedConcurrency "second": FixedConcurrency "second" and FixedConcurrency "first" both give provisioned concurrency to function "${name}" qualifier "1"; AWS keeps one provisioned concurrency configuration per version or alias, so they would overwrite each other. Keep one of them; if one of them is already deployed, give the one you keep its name, so that Pulumi takes over its resources instead of deleting them (README, "Changing your mind").`;
            expect(await rejectionMessage(valueOf(second.qualifier))).to.equal(message);
            expect(await registeredTypes()).to.deep.equal([FUNCTION, FIXED, FIXED, CONFIG, "aws:appautoscaling/target:Target"]);
            expect(mocks.resources.filter((r) => r.type === CONFIG || r.type === "aws:appautoscaling/target:Target").map((r) => r.parent)).to.deep.equal([urnOf(FIXED, "first"), urnOf(FIXED, "first")]);
            await expectReportedAs(message, urnOf(FIXED, "second"));
        });

        it("ScheduledConcurrency with bounds given as Outputs that contradict each other", async () => {
            const fn = testFunction("jobs", { publish: true });
            const scheduled = new ScheduledConcurrency("nightly", {
                functionName: fn.name,
                qualifier: fn.version,
                minCapacity: pulumi.output(5),
                maxCapacity: pulumi.output(2),
                schedules: [{ name: "night", schedule: "cron(0 20 * * ? *)", capacity: 2 }],
            });
            const message = 'ScheduledConcurrency "nightly": minCapacity (5) must not be above maxCapacity (2)';
            expect(await rejectionMessage(valueOf(scheduled.target.urn))).to.equal(message);
            const component = "lambda-concurrency:index:ScheduledConcurrency";
            expect(await registeredTypes()).to.deep.equal([FUNCTION, component]);
            expect(mocks.outputRegistrations.get(urnOf(component, "nightly"))).to.equal(undefined);
            await expectReportedAs(message, urnOf(component, "nightly"));
        });

        it("UtilizationScaling with a maximum given as an Output below 1", async () => {
            const fn = testFunction("search", { publish: true });
            const live = new Alias("live", { name: "live", functionName: fn.name, functionVersion: fn.version });
            const scaling = new UtilizationScaling("search-scaling", { functionName: fn.name, qualifier: live.name, maxCapacity: pulumi.output(0) });
            const message =
                'UtilizationScaling "search-scaling": maxCapacity must be at least 1, got 0: at 0 Application Auto Scaling deletes the provisioned concurrency configuration and creates it again at the next higher capacity, outside the stack\'s knowledge once a pulumi refresh has run in between, so that pulumi destroy would leave it billing. Keep 1 environment (about $0.015 an hour per GB of memory, x86 in us-east-1), or use LambdaWarmer for the hours without provisioned concurrency';
            expect(await rejectionMessage(valueOf(scaling.policy.urn))).to.equal(message);
            const component = "lambda-concurrency:index:UtilizationScaling";
            expect(await registeredTypes()).to.deep.equal([FUNCTION, ALIAS, component]);
            await expectReportedAs(message, urnOf(component, "search-scaling"));
        });

        it("LambdaWarmer with a concurrency given as an Output: not even its role or log group is created", async () => {
            const fn = testFunction("admin");
            const warmer = new LambdaWarmer("warmer", { targets: [{ functionName: fn.name, concurrency: pulumi.output(0) }] });
            const message =
                'LambdaWarmer "warmer": targets[0].concurrency must be between 1 and 50 (the warmer sends a target\'s pings at once, at most 50 in flight), got 0';
            expect(await rejectionMessage(valueOf(warmer.maxPingsInFlight))).to.equal(message);
            expect(await rejectionMessage(valueOf(warmer.role.urn))).to.equal(message);
            const component = "lambda-concurrency:index:LambdaWarmer";
            expect(await registeredTypes()).to.deep.equal([FUNCTION, component]);
            await expectReportedAs(message, urnOf(component, "warmer"));
        });
    });
});
