// The policy pack on programs built under the testing kit's mocks: the sample programs pass every policy; the
// components' own resources pass; what the components cannot see (a hand-written resource beside them, a choice they
// allow) is reported with the pack's messages. The resources are read as a stack policy reads them after `pulumi up`.
import { expect } from "chai";
import { Alias } from "@pulumi/aws/lambda";
import { ProvisionedConcurrencyConfig } from "@pulumi/aws/lambda";
import { Policy, Target } from "@pulumi/aws/appautoscaling";
import { FixedConcurrency, LambdaWarmer, UtilizationScaling, WarmAlias } from "../../components";
import { SCENARIOS } from "../../programs/scenarios";
import { autoName } from "../../testing/mock-aws";
import { checkResources, fromRecordedResource } from "../../policy";
import { mocks, resetProgram, settled, testFunction } from "../helpers/pulumi";
import { TYPES } from "../helpers/lifecycle/types";

// The provider's type tokens, as the lifecycle model and the AWS stand-in name them.
const {
    function: FUNCTION,
    provisionedConcurrencyConfig: CONFIG,
    scalableTarget: TARGET,
    scalingPolicy: POLICY,
    eventTarget: EVENT_TARGET,
    eventRule: EVENT_RULE,
} = TYPES;

/** The pack's violations on what the program declared, with a budget so that the budget policy runs too. */
async function violations(budget = 50): Promise<{ policy: string; message: string }[]> {
    const resources = (await settled()).map(fromRecordedResource);
    return checkResources(resources, { "lambda-concurrency-monthly-budget": { monthlyBudgetUsd: budget } }).map(({ policy, message }) => ({ policy, message }));
}

describe("policy pack: programs built with the testing kit", () => {
    beforeEach(resetProgram);

    for (const [name, scenario] of Object.entries(SCENARIOS)) {
        it(`the sample program ${name} passes every policy (budget $50 a month)`, async () => {
            scenario.run();
            expect(await violations()).to.deep.equal([]);
        });
    }

    it("a WarmAlias that scales, shipping version 2 while the alias routes to version 1 with 7 allocated: its read of version 1 is not a second manager", async () => {
        mocks.awsView = {
            aliasVersion: (functionName, alias) => (functionName === "orders" && alias === "live" ? "1" : undefined),
            allocated: (functionName, qualifier) => (functionName === "orders" && qualifier === "1" ? 7 : undefined),
        };
        try {
            new WarmAlias("live", { functionName: "orders", aliasName: "live", functionVersion: "2", scaling: { minCapacity: 2, maxCapacity: 20 } });
            const resources = await settled();
            // The read of the live version's configuration is there, and the new version's starts with its 7.
            expect(resources.filter((r) => r.read === true).map((r) => [r.name, r.id])).to.deep.equal([
                ["live-routing", "arn:aws:lambda:us-east-1:123456789012:function:orders:live"],
                ["live-live", "orders,1"],
                ["live-v2-allocated", "orders,2"],
            ]);
            expect(resources.filter((r) => r.type === CONFIG && r.read !== true).map((r) => r.inputs.provisionedConcurrentExecutions)).to.deep.equal([7]);
            expect(await violations()).to.deep.equal([]);
        } finally {
            mocks.awsView = undefined;
        }
    });

    it("a WarmAlias canary, then its promotion: two versions provisioned, then the promoted one alone: no second manager", async () => {
        const holds = (weights: Record<string, number> | undefined): void => {
            mocks.awsView = {
                aliasVersion: (functionName, alias) => (functionName === "orders" && alias === "live" ? "1" : undefined),
                aliasWeights: (functionName, alias) => (functionName === "orders" && alias === "live" ? weights : undefined),
                allocated: (functionName, qualifier) => (functionName === "orders" ? { "1": 3, "2": 3 }[qualifier] : undefined),
            };
        };
        try {
            holds(undefined);
            new WarmAlias("live", { functionName: "orders", aliasName: "live", functionVersion: "2", provisionedConcurrentExecutions: 3, canary: { weight: 0.1 } });
            let resources = await settled();
            expect(resources.filter((r) => r.type === CONFIG && r.read !== true).map((r) => r.inputs.qualifier).sort()).to.deep.equal(["1", "2"]);
            expect(await violations()).to.deep.equal([]);

            resetProgram();
            holds({ "2": 0.1 });
            new WarmAlias("live", { functionName: "orders", aliasName: "live", functionVersion: "2", provisionedConcurrentExecutions: 3 });
            resources = await settled();
            const configs = resources.filter((r) => r.type === CONFIG && r.read !== true);
            expect(configs.map((r) => [r.name, r.inputs.qualifier])).to.deep.equal([["live-v2", "2"]]);
            expect(await violations()).to.deep.equal([]);
        } finally {
            mocks.awsView = undefined;
        }
    });

    it("the business-hours sample is priced from its schedules' week: over a budget of $40, with the figure", async () => {
        SCENARIOS["business-hours"].run();
        const fn = autoName(FUNCTION, "business-fn");
        expect(await violations(40)).to.deep.equal([
            {
                policy: "lambda-concurrency-monthly-budget",
                message: `the stack's provisioned concurrency costs about $47.32 a month at us-east-1 prices, above the budget of $40.00: function "${fn}" qualifier "live" ($47.32: 21.61 environments of 256 MB at most, as tracking may scale up to the maximum, ${CONFIG} "business-hours"). Provision fewer environments or fewer hours (a schedule), or raise this policy's monthlyBudgetUsd.`,
            },
        ]);
    });

    it("a hand-written configuration beside a FixedConcurrency on the same alias: two managers the component cannot see", async () => {
        const fn = testFunction("api-fn", { publish: true });
        const live = new Alias("api-live", { name: "live", functionName: fn.name, functionVersion: fn.version });
        new FixedConcurrency("api-live", { functionName: fn.name, qualifier: live.name, provisionedConcurrentExecutions: 2 });
        new ProvisionedConcurrencyConfig("by-hand", { functionName: fn.name, qualifier: live.name, provisionedConcurrentExecutions: 5 });
        const name = autoName(FUNCTION, "api-fn");
        // The component registers its configuration once its checks passed, after the hand-written one.
        expect(await violations()).to.deep.equal([
            {
                policy: "lambda-concurrency-one-manager",
                message: `${CONFIG} "api-live" and ${CONFIG} "by-hand" both give provisioned concurrency to function "${name}" qualifier "live"; AWS keeps one provisioned concurrency configuration per version or alias, so they would overwrite each other, and destroying either removes the capacity of both. Keep one of them.`,
            },
        ]);
    });

    it("a LambdaWarmer pinging an alias whose provisioned concurrency a hand-written configuration holds", async () => {
        const fn = testFunction("api-fn", { publish: true });
        const live = new Alias("api-live", { name: "live", functionName: fn.name, functionVersion: fn.version });
        new ProvisionedConcurrencyConfig("by-hand", { functionName: fn.name, qualifier: live.name, provisionedConcurrentExecutions: 2 });
        new LambdaWarmer("warmer", { targets: [{ functionName: fn.name, qualifier: live.name, concurrency: 2 }] });
        const name = autoName(FUNCTION, "api-fn");
        expect(await violations()).to.deep.equal([
            {
                policy: "lambda-concurrency-one-manager",
                message: `${EVENT_TARGET} "warmer-plan-0" pings function "${name}" qualifier "live" on the schedule of ${EVENT_RULE} "warmer-schedule", whose provisioned concurrency ${CONFIG} "by-hand" manages: provisioned environments are always initialized and need no warming, and pings would occupy them, push real requests into spillover and raise the utilization that scaling follows. Warm another qualifier of the function, or none.`,
            },
        ]);
    });

    it("UtilizationScaling on the Average: allowed by the component, reported by the advisory policy", async () => {
        const fn = testFunction("api-fn", { publish: true });
        const live = new Alias("api-live", { name: "live", functionName: fn.name, functionVersion: fn.version });
        new UtilizationScaling("api", { functionName: fn.name, qualifier: live.name, minCapacity: 1, maxCapacity: 4, statistic: "Average" });
        expect(await violations()).to.deep.equal([
            {
                policy: "lambda-concurrency-tracking-statistic",
                message: `${POLICY} "api-tracking": target tracking reads the predefined metric LambdaProvisionedConcurrencyUtilization (the minute's Average), which stays under the target through bursts of a few seconds while requests spill over to cold environments. Track ProvisionedConcurrencyUtilization (namespace AWS/Lambda, dimensions FunctionName and Resource = NAME:QUALIFIER) as a customizedMetricSpecification with statistic "Maximum", as UtilizationScaling does by default`,
            },
        ]);
    });

    it("a raw program: a target and a tracking policy with no configuration, on an unpublished function's version", async () => {
        const fn = testFunction("raw-fn");
        const resourceId = fn.name.apply((n) => `function:${n}:1`);
        const target = new Target("raw", {
            serviceNamespace: "lambda",
            scalableDimension: "lambda:function:ProvisionedConcurrency",
            resourceId,
            minCapacity: 1,
            maxCapacity: 5,
        });
        new Policy("raw", {
            serviceNamespace: "lambda",
            scalableDimension: "lambda:function:ProvisionedConcurrency",
            resourceId: target.resourceId,
            policyType: "TargetTrackingScaling",
            targetTrackingScalingPolicyConfiguration: { targetValue: 75, customizedMetricSpecification: { metricName: "ProvisionedConcurrencyUtilization", namespace: "AWS/Lambda", statistic: "Maximum" } },
        });
        const name = autoName(FUNCTION, "raw-fn");
        expect(await violations()).to.deep.equal([
            {
                policy: "lambda-concurrency-target-without-configuration",
                message: `${TARGET} "raw" scales the provisioned concurrency of function "${name}" qualifier "1", but the stack declares no ${CONFIG} on it: Application Auto Scaling creates that configuration itself, and pulumi destroy only deregisters the target, which leaves the provisioned environments allocated and billing. Declare an aws.lambda.ProvisionedConcurrencyConfig on function "${name}" qualifier "1" with ignoreChanges: ["provisionedConcurrentExecutions"] and make the target depend on it, or use ScheduledConcurrency or UtilizationScaling, which do both.`,
            },
            {
                policy: "lambda-concurrency-unpublished-qualifier",
                message: `${TARGET} "raw" provisions function "${name}" qualifier "1", but ${FUNCTION} "raw-fn" does not publish versions (publish is not true), so version 1 is not code this stack deploys. Set publish: true on the function and use its version output as the qualifier, or use an alias that points at it.`,
            },
            {
                policy: "lambda-concurrency-tracking-target-value",
                message: `${POLICY} "raw": targetTrackingScalingPolicyConfiguration.targetValue must be between 0.1 and 0.9, got 75 (a fraction: did you mean 0.75?); set it to a fraction such as 0.7`,
            },
        ]);
    });
});
