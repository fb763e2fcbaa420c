// The policy pack's rules on raw resources: a hand-written program with each mistake, and the exact messages.
import { expect } from "chai";
import { PolicyResourceData, RULES, checkResources, withDefaults } from "../../policy";
import { TYPES } from "../helpers/lifecycle/types";

const STACK = "urn:pulumi:dev::shop::";
// The provider's type tokens, as the lifecycle model and the AWS stand-in name them.
const {
    function: FUNCTION,
    alias: ALIAS,
    provisionedConcurrencyConfig: CONFIG,
    scalableTarget: TARGET,
    scalingPolicy: POLICY,
    scheduledAction: ACTION,
    eventRule: RULE,
    eventTarget: EVENT_TARGET,
} = TYPES;

function resource(type: string, name: string, props: Record<string, unknown>, extra: Partial<PolicyResourceData> = {}): PolicyResourceData {
    return { type, name, urn: `${STACK}${type}::${name}`, props, ...extra };
}

const scaling = { serviceNamespace: "lambda", scalableDimension: "lambda:function:ProvisionedConcurrency", resourceId: "function:orders:live" };
const fn = resource(FUNCTION, "orders", { name: "orders", publish: true, memorySize: 512, reservedConcurrentExecutions: 50 });
const alias = resource(ALIAS, "live", { name: "live", functionName: "orders", functionVersion: "3" });
const config = resource(CONFIG, "live", { functionName: "orders", qualifier: "live", provisionedConcurrentExecutions: 2 }, { ignoreChanges: ["provisionedConcurrentExecutions"] });
const target = resource(TARGET, "live", { ...scaling, minCapacity: 2, maxCapacity: 10 });
const tracking = resource(POLICY, "live", {
    ...scaling,
    policyType: "TargetTrackingScaling",
    targetTrackingScalingPolicyConfiguration: {
        targetValue: 0.7,
        customizedMetricSpecification: { namespace: "AWS/Lambda", metricName: "ProvisionedConcurrencyUtilization", statistic: "Maximum" },
    },
});
const dayAction = resource(ACTION, "day", {
    ...scaling,
    name: "day",
    schedule: "cron(0 8 ? * MON-FRI *)",
    timezone: "Europe/Paris",
    scalableTargetAction: { minCapacity: 5, maxCapacity: 10 },
});
/** A hand-written UtilizationScaling: every rule passes. */
const HEALTHY = [fn, alias, config, target, tracking, dayAction];

/** The messages one policy reports on `resources`, with `config` as that policy's configuration. */
function messages(policy: string, resources: readonly PolicyResourceData[], config: Record<string, unknown> = {}): string[] {
    return checkResources(resources, { [policy]: config })
        .filter((v) => v.policy === policy)
        .map((v) => v.message);
}

/** The URNs one policy reports on. */
function urns(policy: string, resources: readonly PolicyResourceData[]): (string | undefined)[] {
    return checkResources(resources)
        .filter((v) => v.policy === policy)
        .map((v) => v.urn);
}

const SKIP_DESTROY =
    "skipDestroy cannot be true: the AWS provider skips the delete on every replacement as well as on destroy, so moving the configuration to another alias, version or function would leave the old one's provisioned environments allocated and billed, with nothing in the program to remove them. To keep the environments when you destroy the stack, remove the configuration from the stack's state first (pulumi state delete with its URN), then destroy";
const ZERO =
    "must be at least 1, got 0: at 0 Application Auto Scaling deletes the provisioned concurrency configuration and creates it again at the next higher capacity, outside the stack's knowledge once a pulumi refresh has run in between, so that pulumi destroy would leave it billing. Keep 1 environment (about $0.015 an hour per GB of memory, x86 in us-east-1), or use LambdaWarmer for the hours without provisioned concurrency";

describe("policy pack: the rules on raw resources", () => {
    it("has one policy per rule, each with a unique name, a description and a default enforcement level", () => {
        expect(RULES.map((r) => [r.name, r.kind, r.enforcementLevel])).to.deep.equal([
            ["lambda-concurrency-target-without-configuration", "stack", "mandatory"],
            ["lambda-concurrency-qualifier", "resource", "mandatory"],
            ["lambda-concurrency-unpublished-qualifier", "stack", "mandatory"],
            ["lambda-concurrency-weighted-alias", "stack", "mandatory"],
            ["lambda-concurrency-one-manager", "stack", "mandatory"],
            ["lambda-concurrency-skip-destroy", "stack", "mandatory"],
            ["lambda-concurrency-quota", "stack", "mandatory"],
            ["lambda-concurrency-tracking-statistic", "resource", "advisory"],
            ["lambda-concurrency-tracking-target-value", "resource", "mandatory"],
            ["lambda-concurrency-schedule", "resource", "mandatory"],
            ["lambda-concurrency-capacity-floor", "resource", "mandatory"],
            ["lambda-concurrency-monthly-budget", "stack", "advisory"],
        ]);
        expect(RULES.every((r) => r.description.length > 40)).to.equal(true);
    });

    it("passes a hand-written scaled alias that follows every rule", () => {
        expect(checkResources(HEALTHY)).to.deep.equal([]);
    });

    it("target-without-configuration: a scalable target with no configuration on its qualifier", () => {
        expect(messages("lambda-concurrency-target-without-configuration", [fn, alias, target])).to.deep.equal([
            `${TARGET} "live" scales the provisioned concurrency of function "orders" qualifier "live", but the stack declares no ${CONFIG} on it: Application Auto Scaling creates that configuration itself, and pulumi destroy only deregisters the target, which leaves the provisioned environments allocated and billing. Declare an aws.lambda.ProvisionedConcurrencyConfig on function "orders" qualifier "live" with ignoreChanges: ["provisionedConcurrentExecutions"] and make the target depend on it, or use ScheduledConcurrency or UtilizationScaling, which do both.`,
        ]);
        expect(urns("lambda-concurrency-target-without-configuration", [fn, alias, target])).to.deep.equal([target.urn]);
        // A configuration given by ARN is on the same function.
        const byArn = resource(CONFIG, "live", { ...config.props, functionName: "arn:aws:lambda:us-east-1:123456789012:function:orders" });
        expect(messages("lambda-concurrency-target-without-configuration", [fn, alias, byArn, target])).to.deep.equal([]);
        // A target of another service is none of this pack's business.
        const ecs = resource(TARGET, "ecs", { serviceNamespace: "ecs", scalableDimension: "ecs:service:DesiredCount", resourceId: "service/c/s", minCapacity: 0, maxCapacity: 4 });
        expect(checkResources([ecs])).to.deep.equal([]);
    });

    it("qualifier: a configuration or a target on $LATEST, with the components' message", () => {
        const latest = resource(CONFIG, "latest", { functionName: "orders", qualifier: "$LATEST", provisionedConcurrentExecutions: 2 }, { ignoreChanges: ["provisionedConcurrentExecutions"] });
        const latestTarget = resource(TARGET, "latest", { ...scaling, resourceId: "function:orders:$LATEST", minCapacity: 1, maxCapacity: 1 });
        const fix = 'cannot be "$LATEST": provisioned concurrency needs a published version or an alias (publish the function with publish: true and use its version, or create an alias)';
        expect(messages("lambda-concurrency-qualifier", [fn, latest, latestTarget])).to.deep.equal([
            `${CONFIG} "latest": qualifier ${fix}`,
            `${TARGET} "latest": the qualifier of resourceId "function:orders:$LATEST" ${fix}`,
        ]);
        const unqualified = resource(TARGET, "bare", { ...scaling, resourceId: "function:orders", minCapacity: 1, maxCapacity: 1 });
        expect(messages("lambda-concurrency-qualifier", [unqualified])).to.deep.equal([
            `${TARGET} "bare": the qualifier of resourceId "function:orders" must not be empty; give an alias name or a published version number`,
        ]);
        const notLambda = resource(TARGET, "odd", { ...scaling, resourceId: "orders:live", minCapacity: 1, maxCapacity: 1 });
        expect(messages("lambda-concurrency-qualifier", [notLambda])).to.deep.equal([
            `${TARGET} "odd": resourceId "orders:live" is not a Lambda resource id; Application Auto Scaling takes function:NAME:QUALIFIER, with an alias name or a published version number as the qualifier`,
        ]);
        // A qualifier a preview cannot know yet is not judged.
        expect(messages("lambda-concurrency-qualifier", [resource(CONFIG, "next", { functionName: "orders", provisionedConcurrentExecutions: 2 })])).to.deep.equal([]);
    });

    it("unpublished-qualifier: a version of an unpublished function, or an alias on $LATEST", () => {
        const unpublished = resource(FUNCTION, "orders", { name: "orders", publish: false });
        const v1 = resource(CONFIG, "v1", { functionName: "orders", qualifier: "1", provisionedConcurrentExecutions: 2 });
        expect(messages("lambda-concurrency-unpublished-qualifier", [unpublished, v1])).to.deep.equal([
            `${CONFIG} "v1" provisions function "orders" qualifier "1", but ${FUNCTION} "orders" does not publish versions (publish is not true), so version 1 is not code this stack deploys. Set publish: true on the function and use its version output as the qualifier, or use an alias that points at it.`,
        ]);
        expect(messages("lambda-concurrency-unpublished-qualifier", [fn, v1])).to.deep.equal([]);
        const onLatest = resource(ALIAS, "live", { name: "live", functionName: "orders", functionVersion: "$LATEST" });
        const because = `provisions function "orders" qualifier "live", but ${ALIAS} "live" points at $LATEST, which never gets provisioned concurrency. Publish the function (publish: true) and point the alias at its version output (functionVersion: fn.version).`;
        expect(messages("lambda-concurrency-unpublished-qualifier", [fn, onLatest, config, target])).to.deep.equal([`${CONFIG} "live" ${because}`, `${TARGET} "live" ${because}`]);
    });

    it("weighted-alias: provisioned concurrency on an alias with weighted routing", () => {
        const weighted = resource(ALIAS, "live", { ...alias.props, routingConfig: { additionalVersionWeights: { "4": 0.1 } } });
        const because = `provisions function "orders" qualifier "live", but ${ALIAS} "live" routes part of its traffic to version 4 (routingConfig.additionalVersionWeights); Lambda does not configure provisioned concurrency on an alias with weighted routing. Remove the routingConfig, or provision the versions themselves and move the alias at once (WarmAlias does this).`;
        expect(messages("lambda-concurrency-weighted-alias", [fn, weighted, config, target])).to.deep.equal([`${CONFIG} "live" ${because}`, `${TARGET} "live" ${because}`]);
        const emptyWeights = resource(ALIAS, "live", { ...alias.props, routingConfig: { additionalVersionWeights: {} } });
        expect(messages("lambda-concurrency-weighted-alias", [fn, emptyWeights, config, target])).to.deep.equal([]);
    });

    describe("one-manager", () => {
        it("two configurations on one qualifier, one of them by ARN, reported on the one later by URN", () => {
            const again = resource(CONFIG, "again", { functionName: "arn:aws:lambda:us-east-1:123456789012:function:orders", qualifier: "live", provisionedConcurrentExecutions: 2 });
            expect(messages("lambda-concurrency-one-manager", [fn, alias, config, again, target])).to.deep.equal([
                `${CONFIG} "live" and ${CONFIG} "again" both give provisioned concurrency to function "orders" qualifier "live"; AWS keeps one provisioned concurrency configuration per version or alias, so they would overwrite each other, and destroying either removes the capacity of both. Keep one of them.`,
            ]);
        });

        it("two scalable targets on one qualifier", () => {
            const again = resource(TARGET, "again", { ...scaling, minCapacity: 1, maxCapacity: 3 });
            expect(messages("lambda-concurrency-one-manager", [fn, alias, config, target, again])).to.deep.equal([
                `${TARGET} "live" and ${TARGET} "again" both scale function "orders" qualifier "live"; Application Auto Scaling keeps one scalable target per version or alias, so they would overwrite each other. Keep one target and put every scheduled action and scaling policy on it.`,
            ]);
        });

        it("a configuration that sets its own count beside a target that scales it; not one the target holds", () => {
            const fixedCount = resource(CONFIG, "live", { functionName: "orders", qualifier: "live", provisionedConcurrentExecutions: 2 });
            expect(messages("lambda-concurrency-one-manager", [fn, alias, fixedCount, target])).to.deep.equal([
                `${CONFIG} "live" sets the provisioned concurrency of function "orders" qualifier "live" to 2 while ${TARGET} "live" scales it between 2 and 10; a scalable target sets the provisioned concurrency itself, so it would fight a fixed configuration, and every pulumi up would set the count back. Give the configuration ignoreChanges: ["provisionedConcurrentExecutions"] so that the target decides, or remove the target.`,
            ]);
            // FixedConcurrency's pair: the target holds the count (min = max = count).
            const holder = resource(TARGET, "live", { ...scaling, minCapacity: 2, maxCapacity: 2 });
            expect(messages("lambda-concurrency-one-manager", [fn, alias, fixedCount, holder])).to.deep.equal([]);
        });

        it("scheduled pings on a provisioned qualifier: a qualified ARN as the rule's target, or a LambdaWarmer plan", () => {
            const rule = resource(RULE, "warm", { name: "warm-1234", scheduleExpression: "rate(5 minutes)" });
            const direct = resource(EVENT_TARGET, "warm", { rule: "warm-1234", arn: "arn:aws:lambda:us-east-1:123456789012:function:orders:live" });
            const plan = resource(EVENT_TARGET, "plan", {
                rule: "warm-1234",
                arn: "arn:aws:lambda:us-east-1:123456789012:function:warmer",
                input: JSON.stringify({ targets: [{ functionName: "orders", qualifier: "live", concurrency: 3 }], maxParallelism: 50 }),
            });
            const why = `on the schedule of ${RULE} "warm", whose provisioned concurrency ${CONFIG} "live" manages: provisioned environments are always initialized and need no warming, and pings would occupy them, push real requests into spillover and raise the utilization that scaling follows. Warm another qualifier of the function, or none.`;
            expect(messages("lambda-concurrency-one-manager", [...HEALTHY, rule, direct, plan])).to.deep.equal([
                `${EVENT_TARGET} "warm" pings function "orders" qualifier "live" ${why}`,
                `${EVENT_TARGET} "plan" pings function "orders" qualifier "live" ${why}`,
            ]);
            // Pings on another qualifier, and an event-pattern rule (real traffic), are fine.
            const other = resource(EVENT_TARGET, "warm", { rule: "warm-1234", arn: "arn:aws:lambda:us-east-1:123456789012:function:orders:canary" });
            const pattern = resource(RULE, "warm", { name: "warm-1234", eventPattern: "{}" });
            expect(messages("lambda-concurrency-one-manager", [...HEALTHY, rule, other])).to.deep.equal([]);
            expect(messages("lambda-concurrency-one-manager", [...HEALTHY, pattern, direct])).to.deep.equal([]);
        });
    });

    it("skip-destroy: on a version number, an alias of the stack, or a qualifier that comes from the stack's function", () => {
        const onVersion = resource(CONFIG, "v3", { functionName: "orders", qualifier: "3", provisionedConcurrentExecutions: 2, skipDestroy: true });
        const onAlias = resource(CONFIG, "live", { functionName: "orders", qualifier: "live", provisionedConcurrentExecutions: 2, skipDestroy: true });
        const fromFunction = resource(CONFIG, "next", { functionName: "orders", provisionedConcurrentExecutions: 2, skipDestroy: true }, { propertyDependencies: { qualifier: [fn.urn] } });
        expect(messages("lambda-concurrency-skip-destroy", [fn, alias, onVersion, onAlias, fromFunction])).to.deep.equal([
            `${CONFIG} "v3": ${SKIP_DESTROY} (its qualifier "3" is a version number, which every newly published version replaces).`,
            `${CONFIG} "live": ${SKIP_DESTROY} (its qualifier "live" is an alias this stack declares, which a rename or a move replaces).`,
            `${CONFIG} "next": ${SKIP_DESTROY} (its qualifier comes from ${FUNCTION} "orders", whose new versions replace it).`,
        ]);
        // An alias the stack does not declare is not replaced by it.
        const foreign = resource(CONFIG, "theirs", { functionName: "payments", qualifier: "live", provisionedConcurrentExecutions: 2, skipDestroy: true });
        expect(messages("lambda-concurrency-skip-destroy", [foreign])).to.deep.equal([]);
    });

    describe("quota", () => {
        it("a function's provisioned concurrency above its reserved concurrency, counted at the target's maximum", () => {
            const reserved = resource(FUNCTION, "orders", { name: "orders", publish: true, reservedConcurrentExecutions: 8 });
            expect(messages("lambda-concurrency-quota", [reserved, alias, config, target, tracking])).to.deep.equal([
                `${FUNCTION} "orders" reserves 8 concurrent executions, but its provisioned concurrency comes to 10 at most (10 on qualifier "live"); provisioned concurrency counts towards the function's reserved concurrency, so Lambda would refuse it. Raise reservedConcurrentExecutions to at least 10, or provision less.`,
            ]);
            expect(urns("lambda-concurrency-quota", [reserved, alias, config, target])).to.deep.equal([reserved.urn]);
            // -1 is the provider's "no reserved concurrency".
            const unreserved = resource(FUNCTION, "orders", { name: "orders", publish: true, reservedConcurrentExecutions: -1 });
            expect(messages("lambda-concurrency-quota", [unreserved, alias, config, target])).to.deep.equal([]);
        });

        it("the account's unreserved floor, with a configurable quota", () => {
            const big = resource(FUNCTION, "big", { name: "big", publish: true, reservedConcurrentExecutions: 600 });
            const payments = resource(CONFIG, "payments", { functionName: "payments", qualifier: "live", provisionedConcurrentExecutions: 300 });
            expect(messages("lambda-concurrency-quota", [big, fn, payments])).to.deep.equal([
                `the stack reserves 650 concurrent executions and provisions 300 more on functions without reserved concurrency, 950 in all, above the 900 the account's quota of 1000 allows with 100 left unreserved; Lambda would refuse the configurations past it. Provision or reserve less, or raise the account's quota (Service Quotas, "Concurrent executions") and set this policy's accountConcurrency to it.`,
            ]);
            expect(urns("lambda-concurrency-quota", [big, fn, payments])).to.deep.equal([undefined]);
            expect(messages("lambda-concurrency-quota", [big, fn, payments], { accountConcurrency: 1050 })).to.deep.equal([]);
            expect(messages("lambda-concurrency-quota", [big, fn, payments], { accountConcurrency: 1049 })).to.have.length(1);
            expect(messages("lambda-concurrency-quota", [big, fn, payments], { unreservedFloor: 50 })).to.deep.equal([]);
        });
    });

    it("tracking-statistic: the predefined metric, a customized Average, metric math over the Average", () => {
        const configuration = (c: Record<string, unknown>): PolicyResourceData =>
            resource(POLICY, "avg", { ...scaling, policyType: "TargetTrackingScaling", targetTrackingScalingPolicyConfiguration: { targetValue: 0.7, ...c } });
        const fix =
            'which stays under the target through bursts of a few seconds while requests spill over to cold environments. Track ProvisionedConcurrencyUtilization (namespace AWS/Lambda, dimensions FunctionName and Resource = NAME:QUALIFIER) as a customizedMetricSpecification with statistic "Maximum", as UtilizationScaling does by default';
        expect(messages("lambda-concurrency-tracking-statistic", [configuration({ predefinedMetricSpecification: { predefinedMetricType: "LambdaProvisionedConcurrencyUtilization" } })])).to.deep.equal([
            `${POLICY} "avg": target tracking reads the predefined metric LambdaProvisionedConcurrencyUtilization (the minute's Average), ${fix}`,
        ]);
        expect(messages("lambda-concurrency-tracking-statistic", [configuration({ customizedMetricSpecification: { statistic: "Average" } })])).to.deep.equal([
            `${POLICY} "avg": target tracking reads a customized metric with statistic "Average", ${fix}`,
        ]);
        expect(messages("lambda-concurrency-tracking-statistic", [configuration({ customizedMetricSpecification: { metrics: [{ id: "u", metricStat: { stat: "Average" } }, { id: "f", expression: "FILL(u, 0)" }] } })])).to.deep.equal([
            `${POLICY} "avg": target tracking reads a metric math query over stat "Average", ${fix}`,
        ]);
        expect(messages("lambda-concurrency-tracking-statistic", [tracking])).to.deep.equal([]);
    });

    it("tracking-target-value: outside 0.1-0.9 (the components' check), or the configured range", () => {
        const at = (targetValue: number): PolicyResourceData =>
            resource(POLICY, "pct", { ...scaling, policyType: "TargetTrackingScaling", targetTrackingScalingPolicyConfiguration: { targetValue, customizedMetricSpecification: { statistic: "Maximum" } } });
        expect(messages("lambda-concurrency-tracking-target-value", [at(70)])).to.deep.equal([
            `${POLICY} "pct": targetTrackingScalingPolicyConfiguration.targetValue must be between 0.1 and 0.9, got 70 (a fraction: did you mean 0.7?); set it to a fraction such as 0.7`,
        ]);
        expect(messages("lambda-concurrency-tracking-target-value", [at(0.9)])).to.deep.equal([]);
        expect(messages("lambda-concurrency-tracking-target-value", [at(0.9)], { maxTargetValue: 0.8 })).to.deep.equal([
            `${POLICY} "pct": targetTrackingScalingPolicyConfiguration.targetValue must be between 0.1 and 0.8, got 0.9; set it to a fraction such as 0.7`,
        ]);
    });

    it("schedule: the name, expression, time zone and times Application Auto Scaling refuses, one message each", () => {
        const bad = resource(ACTION, "bad", {
            ...scaling,
            name: "nights/weekends",
            schedule: "cron(0 20 * * MON-FRI *)",
            timezone: "Europe/Berln",
            startTime: "2026-12-01T00:00:00Z",
            endTime: "2026-11-01T00:00:00Z",
            scalableTargetAction: { minCapacity: 1, maxCapacity: 2 },
        });
        expect(messages("lambda-concurrency-schedule", [bad])).to.deep.equal([
            `${ACTION} "bad": scheduled action name "nights/weekends" must not contain ":", "/" or "|" (found "/")`,
            `${ACTION} "bad": schedule: cron(0 20 * * MON-FRI *): day-of-week is "MON-FRI", so day-of-month must be "?", not "*"`,
            `${ACTION} "bad": timezone "Europe/Berln" is not an IANA time zone name; did you mean "Europe/Berlin"?`,
            `${ACTION} "bad": endTime "2026-11-01T00:00:00Z" must be after startTime "2026-12-01T00:00:00Z"`,
        ]);
        expect(messages("lambda-concurrency-schedule", [dayAction])).to.deep.equal([]);
    });

    it("capacity-floor: a target or a scheduled action at 0", () => {
        const zeroTarget = resource(TARGET, "live", { ...scaling, minCapacity: 0, maxCapacity: 10 });
        const zeroAction = resource(ACTION, "night", { ...scaling, name: "night", schedule: "cron(0 20 ? * * *)", scalableTargetAction: { minCapacity: 0, maxCapacity: 0 } });
        expect(messages("lambda-concurrency-capacity-floor", [zeroTarget, zeroAction])).to.deep.equal([
            `${TARGET} "live": minCapacity ${ZERO}`,
            `${ACTION} "night": scalableTargetAction.minCapacity ${ZERO}`,
            `${ACTION} "night": scalableTargetAction.maxCapacity ${ZERO}`,
        ]);
    });

    describe("monthly-budget", () => {
        it("checks nothing until a budget is configured", () => {
            const rule = RULES.find((r) => r.name === "lambda-concurrency-monthly-budget");
            expect(rule?.kind === "stack" ? rule.check(HEALTHY, withDefaults(rule)) : undefined).to.deep.equal([]);
        });

        it("prices a fixed count at the function's memory and architecture", () => {
            const arm = resource(FUNCTION, "orders", { name: "orders", publish: true, memorySize: 1024, architectures: ["arm64"] });
            const fixedCount = resource(CONFIG, "v3", { functionName: "orders", qualifier: "3", provisionedConcurrentExecutions: 4 });
            // 4 environments x 1 GB x 730 h x 3,600 s x $0.0000033334 = $35.04.
            expect(messages("lambda-concurrency-monthly-budget", [arm, fixedCount], { monthlyBudgetUsd: 35 })).to.deep.equal([
                `the stack's provisioned concurrency costs about $35.04 a month at us-east-1 prices, above the budget of $35.00: function "orders" qualifier "3" ($35.04: 4 environments of 1024 MB on average, ${CONFIG} "v3"). Provision fewer environments or fewer hours (a schedule), or raise this policy's monthlyBudgetUsd.`,
            ]);
            expect(messages("lambda-concurrency-monthly-budget", [arm, fixedCount], { monthlyBudgetUsd: 35.05 })).to.deep.equal([]);
        });

        it("prices a schedule's week: 10 environments on weekdays 08:00-20:00 UTC, 2 otherwise", () => {
            const scheduled = resource(TARGET, "live", { ...scaling, minCapacity: 2, maxCapacity: 10 });
            const action = (name: string, schedule: string, capacity: number): PolicyResourceData =>
                resource(ACTION, name, { ...scaling, name, schedule, scalableTargetAction: { minCapacity: capacity, maxCapacity: capacity } });
            const week = [fn, alias, config, scheduled, action("day", "cron(0 8 ? * MON-FRI *)", 10), action("night", "cron(0 20 ? * MON-FRI *)", 2)];
            // (60 h x 10 + 108 h x 2) / 168 h = 4.857 environments; x 0.5 GB x 730 h x 3,600 s x $0.0000041667 = $26.59.
            expect(messages("lambda-concurrency-monthly-budget", week, { monthlyBudgetUsd: 20 })).to.deep.equal([
                `the stack's provisioned concurrency costs about $26.59 a month at us-east-1 prices, above the budget of $20.00: function "orders" qualifier "live" ($26.59: 4.86 environments of 512 MB on average, ${CONFIG} "live"). Provision fewer environments or fewer hours (a schedule), or raise this policy's monthlyBudgetUsd.`,
            ]);
        });
    });
});
