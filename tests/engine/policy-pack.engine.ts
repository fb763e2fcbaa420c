// The policy pack run by the real CLI: `pulumi preview --policy-pack` on the sample programs (they pass) and on a
// program of raw resources with the mistakes the pack exists for (each reported, with its message, on its resource).
// The pack starts as an analyzer plugin through tests/engine/policy-analyzer.sh (why: see that file).
import { expect } from "chai";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { Policy, ScheduledAction, Target } from "@pulumi/aws/appautoscaling";
import { Alias, Function, ProvisionedConcurrencyConfig } from "@pulumi/aws/lambda";
import { SCENARIOS } from "../../programs/scenarios";
import { PolicyResourceData, RULES, checkResources } from "../../policy";
import { EngineStack, StandInAccount } from "./harness";

const NOON = new Date("2026-12-01T12:00:00Z");
const ANALYZER = path.join(__dirname, "policy-analyzer.sh");
const STACK_URN = "urn:pulumi:dev::engine::";
const lambda = { serviceNamespace: "lambda", scalableDimension: "lambda:function:ProvisionedConcurrency" };

/**
 * The raw program's resources, as the program declares them: [type, name, inputs].
 */
const RAW: [string, string, Record<string, unknown>][] = [
    ["aws:lambda/provisionedConcurrencyConfig:ProvisionedConcurrencyConfig", "latest", { functionName: "orders", qualifier: "$LATEST", provisionedConcurrentExecutions: 2 }],
    ["aws:lambda/provisionedConcurrencyConfig:ProvisionedConcurrencyConfig", "twice-a", { functionName: "payments", qualifier: "live", provisionedConcurrentExecutions: 1 }],
    ["aws:lambda/provisionedConcurrencyConfig:ProvisionedConcurrencyConfig", "twice-b", { functionName: "payments", qualifier: "live", provisionedConcurrentExecutions: 1 }],
    // A function without publish: true and with 1 environment reserved, given 2 on "version 1".
    [
        "aws:lambda/function:Function",
        "unpublished",
        { name: "unpublished", role: "arn:aws:iam::123456789012:role/app", handler: "index.handler", runtime: "nodejs22.x", s3Bucket: "code", s3Key: "app.zip", reservedConcurrentExecutions: 1 },
    ],
    ["aws:lambda/provisionedConcurrencyConfig:ProvisionedConcurrencyConfig", "unpublished-1", { functionName: "unpublished", qualifier: "1", provisionedConcurrentExecutions: 2 }],
    // An alias of the program with weighted routing, given provisioned concurrency.
    ["aws:lambda/alias:Alias", "canary", { functionName: "billing", name: "canary", functionVersion: "2", routingConfig: { additionalVersionWeights: { "3": 0.1 } } }],
    ["aws:lambda/provisionedConcurrencyConfig:ProvisionedConcurrencyConfig", "canary", { functionName: "billing", qualifier: "canary", provisionedConcurrentExecutions: 1 }],
    ["aws:lambda/provisionedConcurrencyConfig:ProvisionedConcurrencyConfig", "kept", { functionName: "orders", qualifier: "3", provisionedConcurrentExecutions: 1, skipDestroy: true }],
    ["aws:appautoscaling/target:Target", "orphan", { ...lambda, resourceId: "function:orders:live", minCapacity: 0, maxCapacity: 5 }],
    [
        "aws:appautoscaling/policy:Policy",
        "average",
        {
            ...lambda,
            resourceId: "function:orders:live",
            policyType: "TargetTrackingScaling",
            targetTrackingScalingPolicyConfiguration: { targetValue: 70, predefinedMetricSpecification: { predefinedMetricType: "LambdaProvisionedConcurrencyUtilization" } },
        },
    ],
    [
        "aws:appautoscaling/scheduledAction:ScheduledAction",
        "nights",
        { ...lambda, resourceId: "function:orders:live", name: "nights/weekends", schedule: "cron(0 20 * * MON-FRI *)", scalableTargetAction: { minCapacity: 1, maxCapacity: 2 } },
    ],
];

function rawProgram(): void {
    for (const [type, name, inputs] of RAW) {
        if (type.includes("provisionedConcurrencyConfig")) new ProvisionedConcurrencyConfig(name, inputs as never);
        else if (type.includes("function:Function")) new Function(name, inputs as never);
        else if (type.includes("alias:Alias")) new Alias(name, inputs as never);
        else if (type.includes("target:Target")) new Target(name, inputs as never);
        else if (type.includes("policy:Policy")) new Policy(name, inputs as never);
        else new ScheduledAction(name, inputs as never);
    }
}

describe("the policy pack under the real engine: pulumi preview --policy-pack", () => {
    it("passes the sample programs", async () => {
        const stack = await EngineStack.create(new StandInAccount());
        try {
            // For comparison: a preview without the pack.
            const plainStart = Date.now();
            const plain = await stack.preview(() => void SCENARIOS.fixed.run(), NOON);
            console.log(`      preview of the fixed sample without the pack: ${((Date.now() - plainStart) / 1000).toFixed(1)} s`);
            expect(plain.error, plain.output).to.equal(undefined);
            for (const [name, scenario] of Object.entries(SCENARIOS)) {
                const started = Date.now();
                const preview = await stack.preview(() => void scenario.run(), NOON, ["--policy-pack", ANALYZER]);
                console.log(`      preview --policy-pack of the ${name} sample: ${((Date.now() - started) / 1000).toFixed(1)} s`);
                expect(preview.error, preview.output).to.equal(undefined);
                expect(preview.policies, preview.output).to.deep.equal([]);
            }
        } finally {
            await stack.remove();
        }
    });

    it("reports each violation of a raw program on its resource, with the policy's description and its message, and fails the preview", async () => {
        const stack = await EngineStack.create(new StandInAccount());
        try {
            const started = Date.now();
            // A monthly budget of $1, in a policy pack configuration as a user passes it.
            const budget = { "lambda-concurrency-monthly-budget": { monthlyBudgetUsd: 1 } };
            const configFile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "policy-config-")), "policy-config.json");
            fs.writeFileSync(configFile, JSON.stringify(budget));
            const preview = await stack.preview(rawProgram, NOON, ["--policy-pack", ANALYZER, "--policy-pack-config", configFile]);
            fs.rmSync(path.dirname(configFile), { recursive: true, force: true });
            console.log(`      preview --policy-pack of the raw program: ${((Date.now() - started) / 1000).toFixed(1)} s`);
            expect(preview.error, preview.output).to.equal("pulumi preview exited with 1");
            // What the rules say of the same resources, offline.
            const resources: PolicyResourceData[] = RAW.map(([type, name, props]) => ({ type, name, urn: `${STACK_URN}${type}::${name}`, props }));
            const expected = checkResources(resources, budget).map((v) => ({
                policyName: v.policy,
                // The engine ends each violation's message with a line break.
                message: `${RULES.find((r) => r.name === v.policy)?.description}\n${v.message}\n`,
                // A violation of the stack as a whole (the budget) is reported on the stack's own resource.
                resourceUrn: v.urn ?? `${STACK_URN}pulumi:pulumi:Stack::engine-dev`,
            }));
            expect(expected.map((v) => v.policyName).sort()).to.deep.equal(
                [
                    "lambda-concurrency-capacity-floor",
                    "lambda-concurrency-monthly-budget",
                    "lambda-concurrency-one-manager",
                    "lambda-concurrency-quota",
                    "lambda-concurrency-unpublished-qualifier",
                    "lambda-concurrency-weighted-alias",
                    "lambda-concurrency-qualifier",
                    "lambda-concurrency-schedule",
                    "lambda-concurrency-schedule",
                    "lambda-concurrency-skip-destroy",
                    "lambda-concurrency-target-without-configuration",
                    "lambda-concurrency-tracking-statistic",
                    "lambda-concurrency-tracking-target-value",
                ].sort(),
            );
            const reported = preview.policies.map(({ policyName, message, resourceUrn }) => ({ policyName, message, ...(resourceUrn === undefined ? {} : { resourceUrn }) }));
            // Sorted by resource too: two resources may get the same message (one-manager names both), and the engine
            // reports the violations in the order its analyses finish.
            const byKey = (v: { policyName: string; message: string; resourceUrn?: string }): string => `${v.policyName} ${v.message} ${v.resourceUrn ?? ""}`;
            expect(reported.sort((a, b) => byKey(a).localeCompare(byKey(b))), preview.output).to.deep.equal(expected.sort((a, b) => byKey(a).localeCompare(byKey(b))));
            expect(preview.policies.find((p) => p.policyName === "lambda-concurrency-qualifier")).to.deep.equal({
                policyPackName: "lambda-concurrency",
                policyName: "lambda-concurrency-qualifier",
                message:
                    'Provisioned concurrency configurations and Application Auto Scaling targets, policies and scheduled actions of Lambda provisioned concurrency name a published version or an alias, never $LATEST.\naws:lambda/provisionedConcurrencyConfig:ProvisionedConcurrencyConfig "latest": qualifier cannot be "$LATEST": provisioned concurrency needs a published version or an alias (publish the function with publish: true and use its version, or create an alias)\n',
                resourceUrn: `${STACK_URN}aws:lambda/provisionedConcurrencyConfig:ProvisionedConcurrencyConfig::latest`,
                enforcementLevel: "mandatory",
            });
            expect(preview.policies.find((p) => p.policyName === "lambda-concurrency-tracking-statistic")?.enforcementLevel).to.equal("advisory");
        } finally {
            await stack.remove();
        }
    });
});
