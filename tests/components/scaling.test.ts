// ScheduledConcurrency and UtilizationScaling under the shared mocks, and the pure checks they share.
import { expect } from "chai";
import * as pulumi from "@pulumi/pulumi";
import {
    ResolvedSchedule,
    ScheduleArgs,
    ScheduledConcurrency,
    boundsInForce,
    registeredCapacity,
    ScheduledConcurrencyArgs,
    UtilizationScaling,
    UtilizationScalingArgs,
    FixedConcurrency,
    resolveTargetBounds,
    utilizationMetric,
    validateSchedules,
    validateTargetUtilization,
    validateCooldown,
    validateStatistic,
} from "../../components";
import { autoName } from "../../testing/mock-aws";
import { lastFiringAtOrBefore } from "../../components/schedule";
import { mocks, ofType, rejectionMessage, resetProgram, settled, testFunction, urnOf, valueOf } from "../helpers/pulumi";

/** What a capacity of 0 adds to the rule's message (see LEAST_SCALED_CAPACITY). */
const ZERO_REFUSAL =
    ": at 0 Application Auto Scaling deletes the provisioned concurrency configuration and creates it again at the next higher capacity, outside the stack's knowledge once a pulumi refresh has run in between, so that pulumi destroy would leave it billing. Keep 1 environment (about $0.015 an hour per GB of memory, x86 in us-east-1), or use LambdaWarmer for the hours without provisioned concurrency";

const SCHEDULED = "lambda-concurrency:index:ScheduledConcurrency";
const UTILIZATION = "lambda-concurrency:index:UtilizationScaling";
const TARGET = "aws:appautoscaling/target:Target";
const ACTION = "aws:appautoscaling/scheduledAction:ScheduledAction";
const POLICY = "aws:appautoscaling/policy:Policy";
const CONFIG = "aws:lambda/provisionedConcurrencyConfig:ProvisionedConcurrencyConfig";
const ARN = "arn:aws:lambda:us-east-1:123456789012:function:orders";

const DAY_AND_NIGHT: ScheduleArgs[] = [
    { name: "day", schedule: "cron(0 8 * * ? *)", capacity: 10 },
    { name: "night", schedule: "cron(0 18 * * ? *)", capacity: 2 },
];

function thrown(fn: () => unknown): { error: unknown; message: string } {
    try {
        fn();
    } catch (error) {
        return { error, message: error instanceof Error ? error.message : String(error) };
    }
    throw new Error("expected an error");
}

describe("validateSchedules", () => {
    it("resolves capacity to both bounds and applies the default time zone", () => {
        expect(validateSchedules(DAY_AND_NIGHT, { defaultTimezone: "Europe/Paris", required: true })).to.deep.equal({
            schedules: [
                { name: "day", schedule: "cron(0 8 * * ? *)", minCapacity: 10, maxCapacity: 10, timezone: "Europe/Paris", startTime: undefined, endTime: undefined },
                { name: "night", schedule: "cron(0 18 * * ? *)", minCapacity: 2, maxCapacity: 2, timezone: "Europe/Paris", startTime: undefined, endTime: undefined },
            ],
        });
    });

    it("keeps one-sided bounds, a schedule's own time zone and its window", () => {
        const result = validateSchedules(
            [{ name: "peak", schedule: "at(2026-12-24T18:00:00)", minCapacity: 5, timezone: "America/New_York", startTime: "2026-12-01T00:00:00Z", endTime: "2026-12-31T00:00:00Z" }],
            { required: true },
        );
        expect(result).to.deep.equal({
            schedules: [
                { name: "peak", schedule: "at(2026-12-24T18:00:00)", minCapacity: 5, maxCapacity: undefined, timezone: "America/New_York", startTime: "2026-12-01T00:00:00Z", endTime: "2026-12-31T00:00:00Z" },
            ],
        });
    });

    const cases: [string, ScheduleArgs[] | undefined, string][] = [
        ["no schedules", [], "schedules must list at least one schedule"],
        ["a duplicate name", [DAY_AND_NIGHT[0], { ...DAY_AND_NIGHT[1], name: "day" }], 'schedules[1].name "day" is already the name of schedules[0]; scheduled action names must be unique per scalable target'],
        ["a name AWS rejects", [{ ...DAY_AND_NIGHT[0], name: "day/time" }], 'schedules[0].name: scheduled action name "day/time" must not contain ":", "/" or "|" (found "/")'],
        ["a bad expression", [{ ...DAY_AND_NIGHT[0], schedule: "cron(0 8 * * * *)" }], 'schedules[0] ("day").schedule: cron(0 8 * * * *): day-of-month and day-of-week cannot both be "*"; one of them must be "?"'],
        ["a rate below a minute", [{ ...DAY_AND_NIGHT[0], schedule: "rate(30 seconds)" }], 'schedules[0] ("day").schedule: rate(30 seconds): unit "seconds" is not supported; the smallest rate is 1 minute (units: minute, minutes, hour, hours, day, days)'],
        ["an unknown time zone", [{ ...DAY_AND_NIGHT[0], timezone: "Mars/Olympus" }], 'schedules[0] ("day").timezone: timezone "Mars/Olympus" is not an IANA time zone name (e.g. "UTC", "Europe/Paris", "America/New_York")'],
        ["endTime before startTime", [{ ...DAY_AND_NIGHT[0], startTime: "2026-12-02T00:00:00Z", endTime: "2026-12-01T00:00:00Z" }], 'schedules[0] ("day"): endTime "2026-12-01T00:00:00Z" must be after startTime "2026-12-02T00:00:00Z"'],
        ["a negative capacity", [{ ...DAY_AND_NIGHT[0], capacity: -1 }], 'schedules[0] ("day").capacity must be at least 1, got -1'],
        ["a capacity of 0", [{ ...DAY_AND_NIGHT[0], capacity: 0 }], `schedules[0] ("day").capacity must be at least 1, got 0${ZERO_REFUSAL}`],
        ["a maxCapacity of 0", [{ name: "x", schedule: "rate(1 hour)", maxCapacity: 0 }], `schedules[0] ("x").maxCapacity must be at least 1, got 0${ZERO_REFUSAL}`],
        ["a fractional capacity", [{ ...DAY_AND_NIGHT[0], capacity: 2.5 }], 'schedules[0] ("day").capacity must be a whole number, got 2.5'],
        ["a fractional minCapacity", [{ name: "x", schedule: "rate(1 hour)", minCapacity: 0.5 }], 'schedules[0] ("x").minCapacity must be a whole number, got 0.5'],
        ["capacity with a bound", [{ name: "x", schedule: "rate(1 hour)", capacity: 3, maxCapacity: 4 }], 'schedules[0] ("x") sets capacity (3) and also minCapacity or maxCapacity; capacity sets both bounds, so give one or the other'],
        ["capacity with a minCapacity", [{ name: "x", schedule: "rate(1 hour)", capacity: 3, minCapacity: 2 }], 'schedules[0] ("x") sets capacity (3) and also minCapacity or maxCapacity; capacity sets both bounds, so give one or the other'],
        ["capacity with both bounds, even equal ones", [{ name: "x", schedule: "rate(1 hour)", capacity: 3, minCapacity: 3, maxCapacity: 3 }], 'schedules[0] ("x") sets capacity (3) and also minCapacity or maxCapacity; capacity sets both bounds, so give one or the other'],
        ["no capacity at all", [{ name: "x", schedule: "rate(1 hour)" }], 'schedules[0] ("x") must set capacity, or minCapacity and/or maxCapacity'],
        ["min above max", [{ name: "x", schedule: "rate(1 hour)", minCapacity: 5, maxCapacity: 3 }], 'schedules[0] ("x").minCapacity (5) must not be above its maxCapacity (3)'],
    ];
    for (const [what, schedules, message] of cases) {
        it(`refuses ${what}`, () => {
            expect(validateSchedules(schedules, { required: true })).to.deep.equal({ error: message });
        });
    }

    it("refuses an unknown default time zone", () => {
        expect(validateSchedules(DAY_AND_NIGHT, { defaultTimezone: "Nowhere", required: true })).to.deep.equal({
            error: 'timezone "Nowhere" is not an IANA time zone name (e.g. "UTC", "Europe/Paris", "America/New_York")',
        });
    });
});

describe("registeredCapacity and boundsInForce", () => {
    const resolved = (validateSchedules(DAY_AND_NIGHT, { required: true }) as { schedules: ResolvedSchedule[] }).schedules;
    const envelope = { min: 2, max: 10 };

    it("registers what the schedules have in force, and creates the configuration at its minimum", () => {
        expect(registeredCapacity(resolved, envelope, new Date("2026-12-01T12:00:00Z"))).to.deep.equal({ min: 10, max: 10, initialCount: 10 });
        expect(registeredCapacity(resolved, envelope, new Date("2026-12-01T20:00:00Z"))).to.deep.equal({ min: 2, max: 2, initialCount: 2 });
        // At the instant an action fires, it is in force.
        expect(boundsInForce(resolved, envelope, new Date("2026-12-01T08:00:00Z"))).to.deep.equal({ min: 10, max: 10 });
        expect(boundsInForce([], envelope, new Date("2026-12-01T08:00:00Z"))).to.deep.equal(envelope);
    });

    it("works on Output bounds when they resolve", async () => {
        const registered = registeredCapacity(resolved, { min: pulumi.output(2), max: 10 }, new Date("2026-12-01T20:00:00Z"));
        expect(await valueOf(pulumi.output(registered.min))).to.equal(2);
        expect(await valueOf(pulumi.output(registered.max))).to.equal(2);
        expect(await valueOf(pulumi.output(registered.initialCount))).to.equal(2);
    });
});

describe("resolveTargetBounds", () => {
    const resolved = (validateSchedules(DAY_AND_NIGHT, { required: true }) as { schedules: never[] }).schedules;
    it("defaults to the lowest and highest capacity the schedules use", () => {
        expect(resolveTargetBounds(resolved, undefined, undefined, {})).to.deep.equal({ min: 2, max: 10 });
    });
    it("keeps explicit bounds that contain every schedule", () => {
        expect(resolveTargetBounds(resolved, 0, 20, {})).to.deep.equal({ min: 0, max: 20 });
    });
    it("refuses a schedule outside explicit bounds", () => {
        expect(resolveTargetBounds(resolved, 3, 20, {})).to.deep.equal({
            error: 'schedules[1] ("night") sets minCapacity 2, outside the target\'s bounds 3 to 20; widen minCapacity/maxCapacity or change the schedule',
        });
    });
    it("refuses min above max", () => {
        expect(resolveTargetBounds([], 5, 4, {})).to.deep.equal({ error: "minCapacity (5) must not be above maxCapacity (4)" });
    });
});

describe("ScheduledConcurrency", () => {
    beforeEach(resetProgram);

    it("creates the seed example exactly: a target and cron(0 8 * * ? *) to 10, cron(0 18 * * ? *) to 2", async () => {
        const scheduled = new ScheduledConcurrency("orders-clock", { functionName: "orders", qualifier: "live", schedules: DAY_AND_NIGHT });
        const resources = await settled();
        const parent = urnOf(SCHEDULED, "orders-clock");
        expect(resources.map((r) => [r.type, r.name, r.parent])).to.deep.equal([
            [SCHEDULED, "orders-clock", undefined],
            [CONFIG, "orders-clock", parent],
            [TARGET, "orders-clock-target", parent],
            [ACTION, "orders-clock-day", parent],
            [ACTION, "orders-clock-night", parent],
        ]);
        // The component owns the configuration, so that removing it releases the capacity; created with what the
        // schedules have in force now (12:00 UTC: "day", 10), then left to Application Auto Scaling.
        const [config] = ofType(resources, CONFIG);
        expect(config.inputs).to.deep.equal({ functionName: "orders", qualifier: "live", provisionedConcurrentExecutions: 10, skipDestroy: false });
        expect(config.options).to.deep.equal({
            deleteBeforeReplace: false,
            deleteBeforeReplaceDefined: true,
            ignoreChanges: ["provisionedConcurrentExecutions"],
            // Its name under the component's aliases, so that a retry after a failed swap finds it (child-aliases.ts).
            aliases: [
                urnOf(CONFIG, "orders-clock", "lambda-concurrency:index:FixedConcurrency"),
                urnOf(CONFIG, "orders-clock", UTILIZATION),
                urnOf(CONFIG, "orders-clock", "lambda-concurrency:index:WarmAlias$lambda-concurrency:index:FixedConcurrency"),
                urnOf(CONFIG, "orders-clock", "lambda-concurrency:index:WarmAlias$lambda-concurrency:index:UtilizationScaling"),
            ],
            retainOnDelete: false,
        });
        // The target depends on it, its resource id from the configuration's outputs: Pulumi deletes the target (and
        // with it the actions) first, the capacity last, and with deleteOldConfigurationFirst replaces both.
        expect(ofType(resources, TARGET)[0].dependencies).to.deep.equal([config.urn]);
        expect(ofType(resources, TARGET)[0].propertyDependencies).to.deep.equal({ resourceId: [config.urn] });
        expect(await valueOf(scheduled.config.qualifier)).to.equal("live");
        // Registered with the bounds in force now (12:00 UTC: "day"), not the envelope 2 to 10, so that a later update
        // does not undo what the last scheduled action set.
        expect(ofType(resources, TARGET)[0].inputs).to.deep.equal({
            serviceNamespace: "lambda",
            scalableDimension: "lambda:function:ProvisionedConcurrency",
            resourceId: "function:orders:live",
            minCapacity: 10,
            maxCapacity: 10,
            // Given, not left to the provider: a swap from FixedConcurrency (all suspended) must resume scaling.
            suspendedState: { dynamicScalingInSuspended: false, dynamicScalingOutSuspended: false, scheduledScalingSuspended: false },
        });
        const [day, night] = ofType(resources, ACTION);
        const common = { serviceNamespace: "lambda", scalableDimension: "lambda:function:ProvisionedConcurrency", resourceId: "function:orders:live", timezone: "UTC" };
        expect(day.inputs).to.deep.equal({ ...common, name: "day", schedule: "cron(0 8 * * ? *)", scalableTargetAction: { minCapacity: 10, maxCapacity: 10 } });
        expect(night.inputs).to.deep.equal({ ...common, name: "night", schedule: "cron(0 18 * * ? *)", scalableTargetAction: { minCapacity: 2, maxCapacity: 2 } });
        expect(scheduled.scheduledActions).to.have.length(2);
        expect(await valueOf(scheduled.target.resourceId)).to.equal("function:orders:live");
        // It takes over a same-named FixedConcurrency or UtilizationScaling instead of deleting it.
        expect(ofType(resources, SCHEDULED)[0].options.aliases).to.deep.equal([
            urnOf("lambda-concurrency:index:FixedConcurrency", "orders-clock"),
            urnOf(UTILIZATION, "orders-clock"),
            urnOf("lambda-concurrency:index:FixedConcurrency", "orders-clock", "lambda-concurrency:index:WarmAlias"),
            urnOf(UTILIZATION, "orders-clock", "lambda-concurrency:index:WarmAlias"),
        ]);
        expect(mocks.outputRegistrations.get(parent)).to.equal(1);
    });

    it("uses the function's plain name in the resource id when given an ARN, and passes windows and time zones", async () => {
        new ScheduledConcurrency("by-arn", {
            functionName: `${ARN}:7`,
            qualifier: "7",
            timezone: "Europe/Paris",
            minCapacity: 1,
            maxCapacity: 20,
            schedules: [
                { name: "weekday-mornings", schedule: "cron(0 8 ? * MON-FRI *)", minCapacity: 5, maxCapacity: 20, startTime: "2026-12-01T00:00:00Z", endTime: "2027-01-01T00:00:00Z" },
                { name: "evenings", schedule: "cron(0 20 * * ? *)", maxCapacity: 1, minCapacity: 1, timezone: "America/New_York" },
            ],
        });
        const resources = await settled();
        // In force at Tuesday 12:00 UTC: New York's 20:00 action (1) at 01:00 UTC, then Paris's 08:00 one (5 to 20).
        expect(ofType(resources, TARGET)[0].inputs).to.deep.include({ resourceId: "function:orders:7", minCapacity: 5, maxCapacity: 20 });
        const [mornings, evenings] = ofType(resources, ACTION);
        expect(mornings.inputs).to.deep.include({
            timezone: "Europe/Paris",
            startTime: "2026-12-01T00:00:00Z",
            endTime: "2027-01-01T00:00:00Z",
            scalableTargetAction: { minCapacity: 5, maxCapacity: 20 },
        });
        expect(evenings.inputs).to.deep.include({ timezone: "America/New_York", scalableTargetAction: { minCapacity: 1, maxCapacity: 1 } });
    });

    it("resolves Output function names and versions into the resource id", async () => {
        const fn = testFunction("clocked", { publish: true });
        new ScheduledConcurrency("clocked", { functionName: fn.name, qualifier: fn.version, schedules: DAY_AND_NIGHT });
        const [target] = ofType(await settled(), TARGET);
        expect(target.inputs.resourceId).to.equal(`function:${autoName("aws:lambda/function:Function", "clocked")}:1`);
    });

    const errors: [string, Partial<ScheduledConcurrencyArgs>, string][] = [
        ["min above max", { minCapacity: 12, maxCapacity: 11 }, "minCapacity (12) must not be above maxCapacity (11)"],
        ["a schedule outside the bounds", { maxCapacity: 8 }, 'schedules[0] ("day") sets minCapacity 10, outside the target\'s bounds 2 to 8; widen minCapacity/maxCapacity or change the schedule'],
        ["a fractional bound", { minCapacity: 1.5 }, "minCapacity must be a whole number, got 1.5"],
        ["no schedules", { schedules: [] }, "schedules must list at least one schedule"],
        ["nights at 0", { schedules: [DAY_AND_NIGHT[0], { name: "night", schedule: "cron(0 18 * * ? *)", capacity: 0 }] }, `schedules[1] ("night").capacity must be at least 1, got 0${ZERO_REFUSAL}`],
        ["a minCapacity of 0", { minCapacity: 0 }, `minCapacity must be at least 1, got 0${ZERO_REFUSAL}`],
        ["$LATEST", { qualifier: "$LATEST" }, 'qualifier cannot be "$LATEST": provisioned concurrency needs a published version or an alias (publish the function with publish: true and use its version, or create an alias)'],
        ["a bad function name", { functionName: "my function" }, 'functionName "my function" is not a valid Lambda function name; use only letters, digits, hyphens and underscores'],
    ];
    for (const [what, override, message] of errors) {
        it(`refuses ${what} at construction`, () => {
            const { error, message: actual } = thrown(
                () => new ScheduledConcurrency("bad", { functionName: "orders", qualifier: "live", schedules: DAY_AND_NIGHT, ...override }),
            );
            expect(error).to.be.instanceOf(pulumi.ResourceError);
            expect(actual).to.equal(`ScheduledConcurrency "bad": ${message}`);
        });
    }

    it("checks Output bounds when they resolve", async () => {
        const scheduled = new ScheduledConcurrency("late", {
            functionName: "orders",
            qualifier: "live",
            schedules: DAY_AND_NIGHT,
            maxCapacity: pulumi.output(5),
        });
        const message = await rejectionMessage(valueOf(scheduled.target.maxCapacity));
        expect(message).to.contain(`ScheduledConcurrency "late": schedules[0] ("day") sets minCapacity 10, outside the target's bounds 2 to 5`);
    });
});

describe("UtilizationScaling", () => {
    beforeEach(resetProgram);

    it("tracks 0.7 by default on the Maximum of the documented utilization metric, with no metric math", async () => {
        const scaling = new UtilizationScaling("orders-load", { functionName: "orders", qualifier: "live", maxCapacity: 10 });
        const resources = await settled();
        const parent = urnOf(UTILIZATION, "orders-load");
        expect(resources.map((r) => [r.type, r.name, r.parent])).to.deep.equal([
            [UTILIZATION, "orders-load", undefined],
            [CONFIG, "orders-load", parent],
            [TARGET, "orders-load-target", parent],
            [POLICY, "orders-load-tracking", parent],
        ]);
        const [config] = ofType(resources, CONFIG);
        expect(config.inputs).to.deep.equal({ functionName: "orders", qualifier: "live", provisionedConcurrentExecutions: 1, skipDestroy: false });
        expect(config.options.ignoreChanges).to.deep.equal(["provisionedConcurrentExecutions"]);
        expect(ofType(resources, TARGET)[0].dependencies).to.deep.equal([config.urn]);
        expect(ofType(resources, TARGET)[0].inputs).to.deep.equal({
            serviceNamespace: "lambda",
            scalableDimension: "lambda:function:ProvisionedConcurrency",
            resourceId: "function:orders:live",
            minCapacity: 1,
            maxCapacity: 10,
            // Given, not left to the provider: a swap from FixedConcurrency (all suspended) must resume scaling.
            suspendedState: { dynamicScalingInSuspended: false, dynamicScalingOutSuspended: false, scheduledScalingSuspended: false },
        });
        const dimensions = [
            { name: "FunctionName", value: "orders" },
            { name: "Resource", value: "orders:live" },
        ];
        expect(ofType(resources, POLICY)[0].inputs).to.deep.equal({
            policyType: "TargetTrackingScaling",
            serviceNamespace: "lambda",
            resourceId: "function:orders:live",
            scalableDimension: "lambda:function:ProvisionedConcurrency",
            targetTrackingScalingPolicyConfiguration: {
                targetValue: 0.7,
                customizedMetricSpecification: { namespace: "AWS/Lambda", metricName: "ProvisionedConcurrencyUtilization", statistic: "Maximum", dimensions },
            },
        });
        expect(await valueOf(scaling.policy.policyType)).to.equal("TargetTrackingScaling");
        expect(scaling.scheduledActions).to.deep.equal([]);
        expect(mocks.outputRegistrations.get(parent)).to.equal(1);
    });

    it("uses the predefined metric for Average without idle scale-in, and passes cooldowns and disableScaleIn", async () => {
        new UtilizationScaling("avg", {
            functionName: "orders",
            qualifier: "live",
            minCapacity: 1,
            maxCapacity: 10,
            targetUtilization: 0.8,
            statistic: "Average",
            scaleInWhenIdle: false,
            scaleInCooldown: 300,
            scaleOutCooldown: 0,
            disableScaleIn: true,
        });
        const [policy] = ofType(await settled(), POLICY);
        expect(policy.inputs.targetTrackingScalingPolicyConfiguration).to.deep.equal({
            targetValue: 0.8,
            scaleInCooldown: 300,
            scaleOutCooldown: 0,
            disableScaleIn: true,
            predefinedMetricSpecification: { predefinedMetricType: "LambdaProvisionedConcurrencyUtilization" },
        });
    });

    it("follows FILL(utilization, 0) only when idle scale-in is asked for", async () => {
        new UtilizationScaling("idle", { functionName: "orders", qualifier: "3", maxCapacity: 4, scaleInWhenIdle: true });
        const [policy] = ofType(await settled(), POLICY);
        const dimensions = [
            { name: "FunctionName", value: "orders" },
            { name: "Resource", value: "orders:3" },
        ];
        expect(policy.inputs.targetTrackingScalingPolicyConfiguration).to.deep.equal({
            targetValue: 0.7,
            customizedMetricSpecification: {
                metrics: [
                    {
                        id: "utilization",
                        metricStat: { metric: { namespace: "AWS/Lambda", metricName: "ProvisionedConcurrencyUtilization", dimensions }, stat: "Maximum" },
                        returnData: false,
                    },
                    { id: "utilization_or_zero", expression: "FILL(utilization, 0)", label: "ProvisionedConcurrencyUtilization (Maximum), 0 when idle", returnData: true },
                ],
            },
        });
    });

    it("puts scheduled bounds on the same target, created after the policy, one after the other", async () => {
        const scaling = new UtilizationScaling("hours", {
            functionName: "orders",
            qualifier: "live",
            minCapacity: 1,
            maxCapacity: 50,
            schedules: [
                { name: "business-hours", schedule: "cron(0 8 ? * MON-FRI *)", minCapacity: 10, maxCapacity: 50 },
                { name: "night", schedule: "cron(0 19 ? * MON-FRI *)", minCapacity: 1, maxCapacity: 5 },
            ],
        });
        const resources = await settled();
        expect(resources.map((r) => [r.type, r.name])).to.deep.equal([
            [UTILIZATION, "hours"],
            [CONFIG, "hours"],
            [TARGET, "hours-target"],
            [POLICY, "hours-tracking"],
            [ACTION, "hours-business-hours"],
            [ACTION, "hours-night"],
        ]);
        expect(ofType(resources, ACTION).map((r) => r.inputs.resourceId)).to.deep.equal(["function:orders:live", "function:orders:live"]);
        expect(ofType(resources, ACTION)[1].inputs.scalableTargetAction).to.deep.equal({ minCapacity: 1, maxCapacity: 5 });
        // Registration order is the dependency order here: each action waits for the one before it.
        expect(scaling.scheduledActions).to.have.length(2);
        // Tuesday 12:00 UTC is inside business hours: the configuration starts at their minimum.
        expect(ofType(resources, CONFIG)[0].inputs.provisionedConcurrentExecutions).to.equal(10);
    });

    const errors: [string, Partial<UtilizationScalingArgs>, string][] = [
        ["a missing maxCapacity", { maxCapacity: undefined }, "maxCapacity is required: it is the most provisioned environments a burst may scale to (and pay for)"],
        ["min above max", { minCapacity: 11, maxCapacity: 10 }, "minCapacity (11) must not be above maxCapacity (10)"],
        ["a zero minCapacity", { minCapacity: 0 }, `minCapacity must be at least 1, got 0${ZERO_REFUSAL}`],
        ["a fractional maxCapacity", { maxCapacity: 7.5 }, "maxCapacity must be a whole number, got 7.5"],
        ["a target utilization of 0.95", { targetUtilization: 0.95 }, "targetUtilization must be between 0.1 and 0.9, got 0.95"],
        ["a target utilization of 70", { targetUtilization: 70 }, "targetUtilization must be between 0.1 and 0.9, got 70 (a fraction: did you mean 0.7?)"],
        ["a target utilization of 75", { targetUtilization: 75 }, "targetUtilization must be between 0.1 and 0.9, got 75 (a fraction: did you mean 0.75?)"],
        ["an unknown statistic", { statistic: "p99" as "Maximum" }, 'statistic must be "Maximum" or "Average", got "p99"'],
        ["a negative cooldown", { scaleInCooldown: -1 }, "scaleInCooldown must be a whole number of seconds, 0 or more, got -1"],
        ["a fractional scale-in cooldown", { scaleInCooldown: 1.5 }, "scaleInCooldown must be a whole number of seconds, 0 or more, got 1.5"],
        ["a negative scale-out cooldown", { scaleOutCooldown: -1 }, "scaleOutCooldown must be a whole number of seconds, 0 or more, got -1"],
        ["a fractional scale-out cooldown", { scaleOutCooldown: 1.5 }, "scaleOutCooldown must be a whole number of seconds, 0 or more, got 1.5"],
        ["a misspelt time zone without schedules", { timezone: "Europe/Berln" }, 'timezone "Europe/Berln" is not an IANA time zone name; did you mean "Europe/Berlin"?'],
        ["an unknown time zone without schedules", { timezone: "Mars/Olympus" }, 'timezone "Mars/Olympus" is not an IANA time zone name (e.g. "UTC", "Europe/Paris", "America/New_York")'],
        ["a capacity with a minCapacity in a schedule", { schedules: [{ name: "peak", schedule: "cron(0 8 * * ? *)", capacity: 5, minCapacity: 5 }] }, 'schedules[0] ("peak") sets capacity (5) and also minCapacity or maxCapacity; capacity sets both bounds, so give one or the other'],
        ["a schedule outside the bounds", { schedules: [{ name: "peak", schedule: "cron(0 8 * * ? *)", minCapacity: 20 }] }, 'schedules[0] ("peak") sets minCapacity 20, outside the target\'s bounds 1 to 10; widen minCapacity/maxCapacity or change the schedule'],
        ["a schedule with min above max", { schedules: [{ name: "peak", schedule: "cron(0 8 * * ? *)", minCapacity: 8, maxCapacity: 4 }] }, 'schedules[0] ("peak").minCapacity (8) must not be above its maxCapacity (4)'],
        ["a zero scheduled capacity", { schedules: [{ name: "off", schedule: "cron(0 20 * * ? *)", capacity: 0 }] }, `schedules[0] ("off").capacity must be at least 1, got 0${ZERO_REFUSAL}`],
    ];
    for (const [what, override, message] of errors) {
        it(`refuses ${what} at construction`, () => {
            const { error, message: actual } = thrown(
                () => new UtilizationScaling("bad", { functionName: "orders", qualifier: "live", maxCapacity: 10, ...override }),
            );
            expect(error).to.be.instanceOf(pulumi.ResourceError);
            expect(actual).to.equal(`UtilizationScaling "bad": ${message}`);
        });
    }

    it("checks an Output target utilization when it resolves", async () => {
        const scaling = new UtilizationScaling("late", { functionName: "orders", qualifier: "live", maxCapacity: 10, targetUtilization: pulumi.output(0.05) });
        const message = await rejectionMessage(valueOf(scaling.policy.urn));
        expect(message).to.contain('UtilizationScaling "late": targetUtilization must be between 0.1 and 0.9, got 0.05');
    });
});

describe("one scalable target per function and qualifier", () => {
    beforeEach(resetProgram);

    it("refuses a second scalable target and says how to combine them", () => {
        new ScheduledConcurrency("clock", { functionName: "orders", qualifier: "live", schedules: DAY_AND_NIGHT });
        expect(thrown(() => new UtilizationScaling("load", { functionName: "orders", qualifier: "live", maxCapacity: 10 })).message).to.equal(
            'UtilizationScaling "load": UtilizationScaling "load" and ScheduledConcurrency "clock" both scale function "orders" qualifier "live"; Application Auto Scaling keeps one scalable target per version or alias, so they would overwrite each other. Use one UtilizationScaling with the schedules; if one of them is already deployed, give the one you keep its name, so that Pulumi takes over its resources instead of deleting them (README, "Changing your mind").',
        );
    });

    it("refuses a scalable target beside a FixedConcurrency, either way round", () => {
        new FixedConcurrency("fixed", { functionName: ARN, qualifier: "live", provisionedConcurrentExecutions: 2 });
        expect(thrown(() => new ScheduledConcurrency("clock", { functionName: `${ARN}:live`, qualifier: "live", schedules: DAY_AND_NIGHT })).message).to.equal(
            `ScheduledConcurrency "clock": ScheduledConcurrency "clock" and FixedConcurrency "fixed" both manage the provisioned concurrency of function "${ARN}:live" qualifier "live"; a scalable target sets the provisioned concurrency itself, so it would fight a fixed configuration. Use ScheduledConcurrency or UtilizationScaling alone (minCapacity is the fixed floor); if one of them is already deployed, give the one you keep its name, so that Pulumi takes over its resources instead of deleting them (README, "Changing your mind").`,
        );
        resetProgram();
        new UtilizationScaling("load", { functionName: "orders", qualifier: "3", maxCapacity: 4 });
        expect(thrown(() => new FixedConcurrency("fixed", { functionName: "orders", qualifier: "3", provisionedConcurrentExecutions: 2 })).message).to.equal(
            'FixedConcurrency "fixed": FixedConcurrency "fixed" and UtilizationScaling "load" both manage the provisioned concurrency of function "orders" qualifier "3"; a scalable target sets the provisioned concurrency itself, so it would fight a fixed configuration. Use ScheduledConcurrency or UtilizationScaling alone (minCapacity is the fixed floor); if one of them is already deployed, give the one you keep its name, so that Pulumi takes over its resources instead of deleting them (README, "Changing your mind").',
        );
    });
});

describe("the pure checks of UtilizationScaling", () => {
    it("validateTargetUtilization", () => {
        expect(validateTargetUtilization(0.1)).to.equal(undefined);
        expect(validateTargetUtilization(0.9)).to.equal(undefined);
        expect(validateTargetUtilization(0.09)).to.equal("targetUtilization must be between 0.1 and 0.9, got 0.09");
        expect(validateTargetUtilization(0.91)).to.equal("targetUtilization must be between 0.1 and 0.9, got 0.91");
        expect(validateTargetUtilization(NaN)).to.equal("targetUtilization must be a number between 0.1 and 0.9, got NaN");
    });
    it("validateCooldown and validateStatistic", () => {
        expect(validateCooldown(0, "scaleOutCooldown")).to.equal(undefined);
        expect(validateCooldown(1.5, "scaleOutCooldown")).to.equal("scaleOutCooldown must be a whole number of seconds, 0 or more, got 1.5");
        expect(validateStatistic("Average")).to.equal(undefined);
        expect(validateStatistic("Sum")).to.equal('statistic must be "Maximum" or "Average", got "Sum"');
    });
    it("utilizationMetric chooses the predefined metric only for Average without idle scale-in", () => {
        expect(utilizationMetric("f", "live", "Average", false)).to.deep.equal({
            predefinedMetricSpecification: { predefinedMetricType: "LambdaProvisionedConcurrencyUtilization" },
        });
        expect(Object.keys(utilizationMetric("f", "live", "Average", true))).to.deep.equal(["customizedMetricSpecification"]);
    });
});

describe("targetUtilization written as a percentage", () => {
    it("suggests the fraction for 10 to 90, the percentages of the allowed range", () => {
        const hint = (value: number, fraction: string): string =>
            `targetUtilization must be between 0.1 and 0.9, got ${value} (a fraction: did you mean ${fraction}?)`;
        expect(validateTargetUtilization(70)).to.equal(hint(70, "0.7"));
        expect(validateTargetUtilization(10)).to.equal(hint(10, "0.1"));
        expect(validateTargetUtilization(90)).to.equal(hint(90, "0.9"));
        expect(validateTargetUtilization(33.3)).to.equal(hint(33.3, "0.333"));
        expect(validateTargetUtilization(12.5)).to.equal(hint(12.5, "0.125"));
    });

    it("suggests nothing just outside 10 to 90, or for a fraction out of range", () => {
        for (const value of [9.99, 90.01, 95, 100, 1, 0.95, -70]) {
            expect(validateTargetUtilization(value), String(value)).to.equal(`targetUtilization must be between 0.1 and 0.9, got ${value}`);
        }
    });
});

describe("the time zone of a scaling component without schedules", () => {
    beforeEach(resetProgram);

    it("is checked by validateSchedules when no schedule is given", () => {
        const options = { defaultTimezone: "Europe/Berln", required: false };
        const error = 'timezone "Europe/Berln" is not an IANA time zone name; did you mean "Europe/Berlin"?';
        expect(validateSchedules([], options)).to.deep.equal({ error });
        expect(validateSchedules(undefined, options)).to.deep.equal({ error });
        expect(validateSchedules([], { ...options, defaultTimezone: "Europe/Berlin" })).to.deep.equal({ schedules: [] });
        expect(validateSchedules(undefined, { required: false })).to.deep.equal({ schedules: [] });
        // Where schedules are required, their absence is the first thing to say.
        expect(validateSchedules([], { ...options, required: true })).to.deep.equal({ error: "schedules must list at least one schedule" });
    });

    it("lets UtilizationScaling take a valid time zone without schedules", async () => {
        new UtilizationScaling("berlin", { functionName: "orders", qualifier: "live", maxCapacity: 10, timezone: "Europe/Berlin" });
        expect(ofType(await settled(), ACTION)).to.deep.equal([]);
    });
});

describe("bounds at their limits", () => {
    beforeEach(resetProgram);

    it("accepts equal min and max bounds: in a schedule, for the target, and through both components", async () => {
        const five = validateSchedules([{ name: "flat", schedule: "cron(0 8 * * ? *)", minCapacity: 5, maxCapacity: 5 }], { required: true });
        expect(five).to.deep.equal({
            schedules: [{ name: "flat", schedule: "cron(0 8 * * ? *)", minCapacity: 5, maxCapacity: 5, timezone: "UTC", startTime: undefined, endTime: undefined }],
        });
        const resolved = (five as { schedules: ResolvedSchedule[] }).schedules;
        expect(resolveTargetBounds(resolved, 5, 5, {})).to.deep.equal({ min: 5, max: 5 });
        expect(resolveTargetBounds([], 0, 0, {})).to.deep.equal({ min: 0, max: 0 });

        new UtilizationScaling("pinned", { functionName: "orders", qualifier: "live", minCapacity: 5, maxCapacity: 5 });
        new ScheduledConcurrency("steady", { functionName: "orders", qualifier: "blue", minCapacity: 4, maxCapacity: 4, schedules: [{ name: "all-day", schedule: "cron(0 0 * * ? *)", capacity: 4 }] });
        const resources = await settled();
        const targets = ofType(resources, TARGET).map((t) => [t.name, t.inputs.minCapacity, t.inputs.maxCapacity]);
        expect(targets).to.deep.equal([
            ["pinned-target", 5, 5],
            ["steady-target", 4, 4],
        ]);
        expect(ofType(resources, CONFIG).map((c) => [c.name, c.inputs.provisionedConcurrentExecutions])).to.deep.equal([
            ["pinned", 5],
            ["steady", 4],
        ]);
    });

    it("passes a schedule that sets only maxCapacity as a max alone, and keeps the min", async () => {
        const schedules: ScheduleArgs[] = [
            { name: "day", schedule: "cron(0 8 * * ? *)", maxCapacity: 50 },
            { name: "night", schedule: "cron(0 20 * * ? *)", maxCapacity: 5 },
        ];
        expect(validateSchedules(schedules, { required: false })).to.deep.equal({
            schedules: [
                { name: "day", schedule: "cron(0 8 * * ? *)", minCapacity: undefined, maxCapacity: 50, timezone: "UTC", startTime: undefined, endTime: undefined },
                { name: "night", schedule: "cron(0 20 * * ? *)", minCapacity: undefined, maxCapacity: 5, timezone: "UTC", startTime: undefined, endTime: undefined },
            ],
        });
        new UtilizationScaling("capped", { functionName: "orders", qualifier: "live", minCapacity: 2, maxCapacity: 50, schedules });
        const resources = await settled();
        expect(ofType(resources, ACTION).map((a) => a.inputs.scalableTargetAction)).to.deep.equal([{ maxCapacity: 50 }, { maxCapacity: 5 }]);
        // At 12:00 UTC "day" (08:00) is in force: max 50; the min is the target's own, 2.
        expect(ofType(resources, TARGET)[0].inputs).to.deep.include({ minCapacity: 2, maxCapacity: 50 });
        expect(ofType(resources, CONFIG)[0].inputs.provisionedConcurrentExecutions).to.equal(2);
    });
});

describe("scheduled actions due at the same instant, and the replay of each schedule's last firing", () => {
    beforeEach(resetProgram);

    it("registers what the later of two simultaneous schedules sets, in the order given", async () => {
        const a: ScheduleArgs = { name: "a", schedule: "cron(0 8 * * ? *)", capacity: 4 };
        const b: ScheduleArgs = { name: "b", schedule: "cron(0 8 * * ? *)", capacity: 6 };
        new ScheduledConcurrency("a-then-b", { functionName: "orders", qualifier: "blue", schedules: [a, b] });
        new ScheduledConcurrency("b-then-a", { functionName: "orders", qualifier: "green", schedules: [b, a] });
        const resources = await settled();
        expect(ofType(resources, TARGET).map((t) => [t.name, t.inputs.minCapacity, t.inputs.maxCapacity])).to.deep.equal([
            ["a-then-b-target", 6, 6],
            ["b-then-a-target", 4, 4],
        ]);
        // The actions are also created in that order, each after the one before it.
        const actions = ofType(resources, ACTION).filter((r) => r.name.startsWith("a-then-b"));
        expect(actions.map((r) => r.name)).to.deep.equal(["a-then-b-a", "a-then-b-b"]);
        expect(actions[1].dependencies).to.include(actions[0].urn);
    });

    it("sees each schedule's last firing however long ago: an at() of last year, a monthly cron, a long rate from its StartTime", () => {
        const once = (schedule: string, extra: Partial<ResolvedSchedule> = {}): ResolvedSchedule[] => [
            { name: "once", schedule, minCapacity: 7, maxCapacity: 7, timezone: "UTC", ...extra },
        ];
        const registered = { min: 1, max: 10 };
        const now = new Date("2026-12-01T12:00:00Z");
        expect(boundsInForce(once("at(2026-11-24T11:59:59)"), registered, now)).to.deep.equal({ min: 7, max: 7 });
        expect(boundsInForce(once("at(2025-03-01T00:00:00)"), registered, now)).to.deep.equal({ min: 7, max: 7 });
        expect(boundsInForce(once("at(2026-12-01T12:00:00)"), registered, now)).to.deep.equal({ min: 7, max: 7 });
        expect(boundsInForce(once("at(2026-12-01T12:00:01)"), registered, now)).to.deep.equal(registered);
        // The 15th of each month, last on 2026-11-15; a 30-day rate from 2026-01-01, last on 2026-11-27.
        expect(boundsInForce(once("cron(0 0 15 * ? *)"), registered, now)).to.deep.equal({ min: 7, max: 7 });
        expect(boundsInForce(once("rate(30 days)", { startTime: "2026-01-01T00:00:00Z" }), registered, now)).to.deep.equal({ min: 7, max: 7 });
        // A yearly cron that last ran in January: a later monthly night action does not undo the older one's max.
        const yearAndMonth: ResolvedSchedule[] = [
            { name: "season", schedule: "cron(0 0 1 1 ? *)", minCapacity: 2, maxCapacity: 20, timezone: "UTC" },
            { name: "month-end", schedule: "cron(0 0 L * ? *)", minCapacity: 3, timezone: "UTC" },
        ];
        expect(boundsInForce(yearAndMonth, registered, now)).to.deep.equal({ min: 3, max: 20 });
    });

    it("finds the last firing at or before a time, or none", () => {
        const at = (schedule: string, extra: Partial<ResolvedSchedule> = {}): ResolvedSchedule => ({ name: "s", schedule, timezone: "UTC", ...extra });
        const now = Date.parse("2026-12-01T12:00:00Z");
        expect(lastFiringAtOrBefore(at("cron(0 8 * * ? *)"), now)).to.equal(Date.parse("2026-12-01T08:00:00Z"));
        expect(lastFiringAtOrBefore(at("cron(0 0 1 1 ? *)"), now)).to.equal(Date.parse("2026-01-01T00:00:00Z"));
        expect(lastFiringAtOrBefore(at("cron(0 0 1 1 ? 2019)"), now)).to.equal(Date.parse("2019-01-01T00:00:00Z"));
        expect(lastFiringAtOrBefore(at("at(2026-12-01T12:00:00)"), now)).to.equal(now);
        expect(lastFiringAtOrBefore(at("at(2026-12-01T12:00:01)"), now)).to.equal(undefined);
        expect(lastFiringAtOrBefore(at("cron(0 8 * * ? 2030)"), now)).to.equal(undefined);
        expect(lastFiringAtOrBefore(at("cron(0 8 * * ? *)", { endTime: "2026-06-01T00:00:00Z" }), now)).to.equal(Date.parse("2026-05-31T08:00:00Z"));
    });

    it("applies a window's StartTime given with a negative UTC offset at the instant it denotes, and passes it on as given", async () => {
        // 08:00-05:00 is 13:00 UTC, after now (12:00 UTC): not in force yet. 06:00-05:00 is 11:00 UTC: in force.
        const later = { name: "later", schedule: "cron(0 8 * * ? *)", capacity: 9, startTime: "2026-12-01T08:00:00-05:00" };
        const earlier = { ...later, startTime: "2026-12-01T06:00:00-05:00" };
        new ScheduledConcurrency("not-yet", { functionName: "orders", qualifier: "blue", minCapacity: 1, maxCapacity: 10, schedules: [later] });
        new ScheduledConcurrency("started", { functionName: "orders", qualifier: "green", minCapacity: 1, maxCapacity: 10, schedules: [earlier] });
        const resources = await settled();
        expect(ofType(resources, TARGET).map((t) => [t.name, t.inputs.minCapacity, t.inputs.maxCapacity])).to.deep.equal([
            ["not-yet-target", 1, 10],
            ["started-target", 9, 9],
        ]);
        // The provider converts the offset and compares times as instants, so the string goes to it unchanged.
        expect(ofType(resources, ACTION).map((a) => a.inputs.startTime)).to.deep.equal(["2026-12-01T08:00:00-05:00", "2026-12-01T06:00:00-05:00"]);
    });
});
