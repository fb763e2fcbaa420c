// Each component built for a program in another language: run-plugin started against a fresh checkout as Pulumi's
// Node.js language host starts it, Construct called over gRPC with inputs as a Pulumi YAML program sends them (plain
// values; in a preview, output values without a value for what is not known yet; resource outputs with their
// dependencies), children registered with a stand-in engine (tests/helpers/plugin-host.ts). One plugin process serves
// every test here, as one serves a whole deployment; component names differ so that the package's one-owner-per-alias
// registry, which lives as long as the process, sees them as one program's components.
import { expect } from "chai";
import * as fs from "fs";
import {
    claimQualifier,
    OwnershipRegistry,
    ownershipKey,
} from "../../components/ownership";
import { validateCapacity, validateFunctionName, validateQualifier, validateStatistic, validateTargetUtilization } from "../../components";
import { validateArchitecture } from "../../components/warmer-plan";
import {
    ACCOUNT,
    CallError,
    Constructed,
    ConstructCall,
    FakeEngine,
    PluginProcess,
    RESOURCE_SIG,
    Registration,
    SIG_KEY,
    STACK_URN,
    UNKNOWN,
    freshCheckout,
    knownOutput,
    unknownOutput,
    urnOf,
} from "../helpers/plugin-host";

const FIXED = "lambda-concurrency:index:FixedConcurrency";
/** A function that the consumer's program declares, as its URN. */
const FUNCTION_URN = urnOf("aws:lambda/function:Function", "api");
const ALIAS_URN = urnOf("aws:lambda/alias:Alias", "api-live");

/** A resource reference in a Construct answer: what a program in another language gets for a child resource. */
function referenceTo(value: unknown): string {
    const ref = value as Record<string, unknown>;
    expect(ref[SIG_KEY], JSON.stringify(value)).to.equal(RESOURCE_SIG);
    return ref.urn as string;
}

describe("the components over gRPC (Construct, from a fresh checkout)", function () {
    this.timeout(120_000);
    let checkout: ReturnType<typeof freshCheckout>;
    let engine: FakeEngine;
    let plugin: PluginProcess;

    before(async () => {
        checkout = freshCheckout();
        engine = new FakeEngine();
        plugin = await PluginProcess.start(checkout.packageDir, checkout.consumer, engine, await engine.start());
    });

    after(() => {
        plugin?.stop();
        engine?.stop();
        checkout?.remove();
    });

    /** Constructs a component; returns the answer and what was registered for it, by type and name. */
    async function construct(call: ConstructCall): Promise<Constructed & { children: Map<string, Registration>; component: Registration }> {
        const result = await plugin.construct(call);
        const under = engine.registrationsUnder(result.urn);
        const component = under.find((r) => r.urn === result.urn);
        expect(component, `the component ${result.urn} was registered`).to.not.equal(undefined);
        const children = new Map(under.filter((r) => r !== component).map((r) => [`${r.type}::${r.name}`, r]));
        // A healthy component logs no error to the engine.
        expect(engine.errors().filter((entry) => entry.urn.endsWith(`::${call.name}`) || entry.message.includes(`"${call.name}"`))).to.deep.equal([]);
        return { ...result, children, component: component! };
    }

    /** The gRPC error a Construct fails with. */
    async function constructError(call: ConstructCall): Promise<CallError> {
        try {
            await plugin.construct(call);
        } catch (error) {
            return error as CallError;
        }
        throw new Error(`Construct of ${call.type} "${call.name}" succeeded`);
    }

    function child(children: Map<string, Registration>, type: string, name: string): Registration {
        const found = children.get(`${type}::${name}`);
        expect(found, `${type} "${name}" among ${[...children.keys()].join(", ")}`).to.not.equal(undefined);
        return found!;
    }

    it("is a provider that accepts resources, secrets and output values (Configure), as the engine needs for components", async () => {
        expect(await plugin.configure()).to.deep.equal({ acceptSecrets: true, acceptResources: true, acceptOutputs: true });
        // The schema's first build happens at the first GetSchema or Construct; it is not held against any test below.
        await plugin.getSchema();
    });

    describe("FixedConcurrency", () => {
        it("update: one provisioned concurrency configuration under the component, and its outputs", async () => {
            const result = await construct({
                type: "FixedConcurrency",
                name: "fixed-orders",
                inputs: { functionName: "orders", qualifier: "live", provisionedConcurrentExecutions: 3 },
            });
            expect(result.urn).to.equal(urnOf(FIXED, "fixed-orders"));
            expect(result.component).to.include({ type: FIXED, custom: false, parent: STACK_URN });
            expect([...result.children.keys()]).to.deep.equal([
                "aws:lambda/provisionedConcurrencyConfig:ProvisionedConcurrencyConfig::fixed-orders",
                "aws:appautoscaling/target:Target::fixed-orders-target",
            ]);
            const config = child(result.children, "aws:lambda/provisionedConcurrencyConfig:ProvisionedConcurrencyConfig", "fixed-orders");
            expect(config.parent).to.equal(result.urn);
            expect(config.inputs).to.deep.equal({ functionName: "orders", qualifier: "live", provisionedConcurrentExecutions: 3, skipDestroy: false });
            expect(referenceTo(result.state.config)).to.equal(config.urn);
            const target = child(result.children, "aws:appautoscaling/target:Target", "fixed-orders-target");
            expect(target.inputs).to.deep.include({ resourceId: "function:orders:live", minCapacity: 3, maxCapacity: 3 });
            expect(referenceTo(result.state.target)).to.equal(target.urn);
            expect(result.state).to.include({ functionName: "orders", qualifier: "live", provisionedConcurrentExecutions: 3 });
        });

        it("update: an ARN from another resource's output reaches AWS as the plain name, and keeps its dependency", async () => {
            const arn = `arn:aws:lambda:us-east-1:${ACCOUNT}:function:billing`;
            const result = await construct({
                type: "FixedConcurrency",
                name: "fixed-billing",
                inputs: { functionName: knownOutput(arn, FUNCTION_URN), qualifier: "7", provisionedConcurrentExecutions: 1 },
            });
            const config = child(result.children, "aws:lambda/provisionedConcurrencyConfig:ProvisionedConcurrencyConfig", "fixed-billing");
            expect(config.inputs).to.include({ functionName: "billing", qualifier: "7" });
            expect(config.propertyDependencies.functionName).to.include(FUNCTION_URN);
            expect(result.state.functionName).to.equal("billing");
            expect(result.stateDependencies.functionName).to.include(FUNCTION_URN);
        });

        it("preview: a function and alias not created yet are unknown, and the configuration is still planned", async () => {
            const result = await construct({
                type: "FixedConcurrency",
                name: "fixed-preview",
                preview: true,
                inputs: { functionName: unknownOutput(FUNCTION_URN), qualifier: unknownOutput(ALIAS_URN), provisionedConcurrentExecutions: 2 },
            });
            const config = child(result.children, "aws:lambda/provisionedConcurrencyConfig:ProvisionedConcurrencyConfig", "fixed-preview");
            // skipDestroy is known: it takes only false, whatever the qualifier (replacement.ts).
            expect(config.inputs).to.deep.equal({ functionName: UNKNOWN, qualifier: UNKNOWN, provisionedConcurrentExecutions: 2, skipDestroy: false });
            expect(config.propertyDependencies.functionName).to.include(FUNCTION_URN);
            expect(config.propertyDependencies.qualifier).to.include(ALIAS_URN);
            expect(referenceTo(result.state.config)).to.equal(config.urn);
            expect(result.state).to.include({ functionName: UNKNOWN, qualifier: UNKNOWN, provisionedConcurrentExecutions: 2 });
        });
    });

    describe("ScheduledConcurrency", () => {
        const inputs = {
            functionName: "reports",
            qualifier: "live",
            timezone: "Europe/Paris",
            schedules: [
                { name: "day", schedule: "cron(0 8 * * ? *)", capacity: 10 },
                { name: "night", schedule: "cron(0 20 * * ? *)", capacity: 1 },
            ],
        };

        it("update: the configuration, its scalable target and one scheduled action per schedule, in order", async () => {
            const result = await construct({ type: "ScheduledConcurrency", name: "reports", inputs });
            const config = child(result.children, "aws:lambda/provisionedConcurrencyConfig:ProvisionedConcurrencyConfig", "reports");
            const target = child(result.children, "aws:appautoscaling/target:Target", "reports-target");
            const day = child(result.children, "aws:appautoscaling/scheduledAction:ScheduledAction", "reports-day");
            const night = child(result.children, "aws:appautoscaling/scheduledAction:ScheduledAction", "reports-night");
            expect(result.children.size).to.equal(4);
            for (const registration of [config, target, day, night]) {
                expect(registration.parent).to.equal(result.urn);
            }
            expect(target.inputs).to.include({
                serviceNamespace: "lambda",
                scalableDimension: "lambda:function:ProvisionedConcurrency",
                resourceId: "function:reports:live",
            });
            // Registered with the bounds in force now in Paris (registeredCapacity, scalable-target.ts): the day's 10 or
            // the night's 1; the configuration starts there.
            const inForce = target.inputs.minCapacity as number;
            expect([1, 10]).to.include(inForce);
            expect(target.inputs.maxCapacity).to.equal(inForce);
            expect(config.inputs.provisionedConcurrentExecutions).to.equal(inForce);
            // The target after the configuration it scales; the actions one after the other (see scalable-target.ts).
            expect(target.dependencies).to.include(config.urn);
            expect(night.dependencies).to.include(day.urn);
            expect(day.inputs).to.deep.include({
                name: "day",
                schedule: "cron(0 8 * * ? *)",
                timezone: "Europe/Paris",
                resourceId: "function:reports:live",
                scalableTargetAction: { minCapacity: 10, maxCapacity: 10 },
            });
            expect(referenceTo(result.state.config)).to.equal(config.urn);
            expect(referenceTo(result.state.target)).to.equal(target.urn);
            expect((result.state.scheduledActions as unknown[]).map(referenceTo)).to.deep.equal([day.urn, night.urn]);
        });

        it("preview: with the function unknown, every child is still planned", async () => {
            const result = await construct({
                type: "ScheduledConcurrency",
                name: "reports-preview",
                preview: true,
                inputs: { ...inputs, functionName: unknownOutput(FUNCTION_URN) },
            });
            expect([...result.children.keys()].map((key) => key.split("::")[1]).sort()).to.deep.equal(
                ["reports-preview", "reports-preview-day", "reports-preview-night", "reports-preview-target"].sort(),
            );
            const target = child(result.children, "aws:appautoscaling/target:Target", "reports-preview-target");
            expect(target.inputs.resourceId).to.equal(UNKNOWN);
            // The resource id comes from the configuration's outputs (scalable-target.ts), which wait for the function.
            const config = child(result.children, "aws:lambda/provisionedConcurrencyConfig:ProvisionedConcurrencyConfig", "reports-preview");
            expect(target.propertyDependencies.resourceId).to.deep.equal([config.urn]);
            expect(config.propertyDependencies.functionName).to.include(FUNCTION_URN);
        });
    });

    describe("UtilizationScaling", () => {
        it("update: target tracking on the alias's utilization (Average: the predefined metric), inside scheduled bounds", async () => {
            const result = await construct({
                type: "UtilizationScaling",
                name: "api-scaling",
                inputs: {
                    functionName: "api",
                    qualifier: "live",
                    minCapacity: 2,
                    maxCapacity: 20,
                    targetUtilization: 0.6,
                    statistic: "Average",
                    schedules: [{ name: "business-hours", schedule: "cron(0 8 ? * MON-FRI *)", minCapacity: 5, maxCapacity: 20 }],
                },
            });
            const target = child(result.children, "aws:appautoscaling/target:Target", "api-scaling-target");
            const policy = child(result.children, "aws:appautoscaling/policy:Policy", "api-scaling-tracking");
            const action = child(result.children, "aws:appautoscaling/scheduledAction:ScheduledAction", "api-scaling-business-hours");
            expect(result.children.size).to.equal(4);
            expect(policy.inputs).to.deep.include({
                policyType: "TargetTrackingScaling",
                resourceId: "function:api:live",
                targetTrackingScalingPolicyConfiguration: {
                    targetValue: 0.6,
                    predefinedMetricSpecification: { predefinedMetricType: "LambdaProvisionedConcurrencyUtilization" },
                },
            });
            expect(action.dependencies).to.include(policy.urn);
            expect(action.inputs.timezone).to.equal("UTC");
            expect(referenceTo(result.state.policy)).to.equal(policy.urn);
            expect(referenceTo(result.state.target)).to.equal(target.urn);
            expect((result.state.scheduledActions as unknown[]).map(referenceTo)).to.deep.equal([action.urn]);
        });

        it("preview: the defaults (minimum 1, target 0.7, Maximum) with the function unknown", async () => {
            const result = await construct({
                type: "UtilizationScaling",
                name: "api-scaling-preview",
                preview: true,
                inputs: { functionName: unknownOutput(FUNCTION_URN), qualifier: "live", maxCapacity: 8 },
            });
            const target = child(result.children, "aws:appautoscaling/target:Target", "api-scaling-preview-target");
            expect(target.inputs).to.include({ minCapacity: 1, maxCapacity: 8, resourceId: UNKNOWN });
            const policy = child(result.children, "aws:appautoscaling/policy:Policy", "api-scaling-preview-tracking");
            const tracking = policy.inputs.targetTrackingScalingPolicyConfiguration as Record<string, Record<string, unknown>>;
            expect(tracking.targetValue).to.equal(0.7);
            expect(tracking.customizedMetricSpecification).to.include({
                namespace: "AWS/Lambda",
                metricName: "ProvisionedConcurrencyUtilization",
                statistic: "Maximum",
            });
            expect(result.state.scheduledActions).to.deep.equal([]);
        });
    });

    describe("LambdaWarmer", () => {
        it("update: the warmer function from the package's own code, its role, schedule and the targets' invoke policy", async () => {
            const result = await construct({
                type: "LambdaWarmer",
                name: "warmer",
                inputs: { targets: [{ functionName: "webhook", concurrency: 2 }], architecture: "x86_64", schedule: "rate(10 minutes)" },
            });
            const fn = child(result.children, "aws:lambda/function:Function", "warmer");
            expect(fn.inputs).to.include({ runtime: "nodejs24.x", handler: "index.handler", memorySize: 128, timeout: 60 });
            expect(fn.inputs.architectures).to.deep.equal(["x86_64"]);
            // The code is a file of the package folder the plugin runs from.
            const code = JSON.stringify(fn.inputs.code);
            const codePath = /"path":"([^"]+warmer-function\.js)"/.exec(code)?.[1];
            expect(codePath, code).to.be.a("string");
            expect(codePath!.startsWith(checkout.packageDir)).to.equal(true);
            expect(fs.existsSync(codePath!)).to.equal(true);
            const rule = child(result.children, "aws:cloudwatch/eventRule:EventRule", "warmer-schedule");
            expect(rule.inputs).to.include({ scheduleExpression: "rate(10 minutes)", state: "ENABLED" });
            const policy = child(result.children, "aws:iam/policy:Policy", "warmer-invoke-0");
            expect(JSON.parse(policy.inputs.policy as string)).to.deep.include({
                Statement: [
                    {
                        Sid: "InvokeWarmTargets",
                        Effect: "Allow",
                        Action: "lambda:InvokeFunction",
                        Resource: [`arn:aws:lambda:us-east-1:${ACCOUNT}:function:webhook`],
                    },
                ],
            });
            const planTarget = child(result.children, "aws:cloudwatch/eventTarget:EventTarget", "warmer-plan-0");
            expect(JSON.parse(planTarget.inputs.input as string)).to.deep.equal({
                targets: [{ functionName: "webhook", concurrency: 2 }],
                maxParallelism: 50,
            });
            expect(referenceTo(result.state.function)).to.equal(fn.urn);
            expect((result.state.rules as unknown[]).map(referenceTo)).to.deep.equal([rule.urn]);
            expect(result.state.maxPingsInFlight).to.equal(2);
            expect(result.state.prewarmInvocations).to.deep.equal([]);
        });

        it("preview: a target whose name is not known yet, inside the plain list", async () => {
            const result = await construct({
                type: "LambdaWarmer",
                name: "warmer-preview",
                preview: true,
                inputs: { targets: [{ functionName: unknownOutput(FUNCTION_URN), qualifier: "live" }], prewarm: true },
            });
            const policy = child(result.children, "aws:iam/policy:Policy", "warmer-preview-invoke-0");
            expect(policy.inputs.policy).to.equal(UNKNOWN);
            child(result.children, "aws:lambda/invocation:Invocation", "warmer-preview-prewarm-0");
            expect(result.state.maxPingsInFlight).to.equal(UNKNOWN);
        });
    });

    describe("bad inputs come back as the gRPC error of Construct, with the message TypeScript users get", () => {
        const cases: [string, ConstructCall, string][] = [
            [
                "$LATEST",
                { type: "FixedConcurrency", name: "bad-latest", inputs: { functionName: "f1", qualifier: "$LATEST", provisionedConcurrentExecutions: 1 } },
                `FixedConcurrency "bad-latest": ${validateQualifier("$LATEST")}`,
            ],
            [
                "a fraction of a count (the schema's numbers are not integers)",
                { type: "FixedConcurrency", name: "bad-count", inputs: { functionName: "f2", qualifier: "live", provisionedConcurrentExecutions: 2.5 } },
                `FixedConcurrency "bad-count": ${validateCapacity(2.5, "provisionedConcurrentExecutions", 1)}`,
            ],
            [
                "a statistic outside the enum",
                { type: "UtilizationScaling", name: "bad-statistic", inputs: { functionName: "f3", qualifier: "live", maxCapacity: 4, statistic: "Median" } },
                `UtilizationScaling "bad-statistic": ${validateStatistic("Median")}`,
            ],
            [
                "a percentage for a fraction",
                { type: "UtilizationScaling", name: "bad-target", inputs: { functionName: "f4", qualifier: "live", maxCapacity: 4, targetUtilization: 70 } },
                `UtilizationScaling "bad-target": ${validateTargetUtilization(70)}`,
            ],
            [
                "no schedules",
                { type: "ScheduledConcurrency", name: "bad-schedules", inputs: { functionName: "f5", qualifier: "live", schedules: [] } },
                `ScheduledConcurrency "bad-schedules": schedules must list at least one schedule`,
            ],
            [
                "an architecture outside the enum",
                { type: "LambdaWarmer", name: "bad-architecture", inputs: { targets: [{ functionName: "f6" }], architecture: "mips" } },
                `LambdaWarmer "bad-architecture": ${validateArchitecture("mips")}`,
            ],
            [
                "a function name known only from another resource's output (checked when it resolves)",
                {
                    type: "FixedConcurrency",
                    name: "bad-output",
                    inputs: { functionName: knownOutput("no spaces allowed", FUNCTION_URN), qualifier: "live", provisionedConcurrentExecutions: 1 },
                },
                `FixedConcurrency "bad-output": ${validateFunctionName("no spaces allowed")}`,
            ],
        ];
        for (const [what, call, message] of cases) {
            it(what, async () => {
                const error = await constructError(call);
                expect(error.details).to.equal(message);
                // 2 is gRPC's UNKNOWN: the engine reports the message of the failed Construct as the resource's error.
                expect(error.code).to.equal(2);
            });
        }

        it("a check that fails on an output's value is also logged as an error of the component, as `pulumi up` shows it", async () => {
            const name = "bad-output-logged";
            const error = await constructError({
                type: "FixedConcurrency",
                name,
                inputs: { functionName: knownOutput("not/a/name", FUNCTION_URN), qualifier: "live", provisionedConcurrentExecutions: 1 },
            });
            const message = `FixedConcurrency "${name}": ${validateFunctionName("not/a/name")}`;
            expect(error.details).to.equal(message);
            // The log arrives on its own, a moment after the failed Construct.
            const logged = { severity: 3, message, urn: urnOf(FIXED, name) };
            for (let waited = 0; waited < 5000 && !engine.errors().some((entry) => entry.urn === logged.urn); waited += 50) {
                await new Promise((resolve) => setTimeout(resolve, 50));
            }
            expect(engine.errors()).to.deep.include(logged);
        });

        it("two components of one program on one alias, each in its own Construct: the second is refused, naming both", async () => {
            await construct({
                type: "FixedConcurrency",
                name: "shared-fixed",
                inputs: { functionName: "shared", qualifier: "live", provisionedConcurrentExecutions: 1 },
            });
            const error = await constructError({
                type: "UtilizationScaling",
                name: "shared-scaling",
                inputs: { functionName: "shared", qualifier: "live", maxCapacity: 4 },
            });
            // What the TypeScript program with both components gets (ownership.ts).
            const registry = new OwnershipRegistry();
            const key = ownershipKey("shared", "live", "default");
            claimQualifier(registry, key, { componentType: "FixedConcurrency", name: "shared-fixed", kind: "provisioned-concurrency-config" }, "shared", "live");
            const expected = claimQualifier(
                registry,
                key,
                { componentType: "UtilizationScaling", name: "shared-scaling", kind: "scalable-target" },
                "shared",
                "live",
            );
            expect(error.details).to.equal(`UtilizationScaling "shared-scaling": ${expected}`);
        });
    });
});
