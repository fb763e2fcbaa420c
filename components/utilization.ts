import * as pulumi from "@pulumi/pulumi";
import { Policy, ScheduledAction, Target } from "@pulumi/aws/appautoscaling";
import type { input } from "@pulumi/aws/types";
import { ScheduleArgs, checkedTargetBounds, createScalableTarget, createScheduledActions, validateSchedules } from "./scalable-target";
import { CheckedTarget, ValidationResult, checkTarget, checkedInput, describeValue } from "./target";

/** The statistic of ProvisionedConcurrencyUtilization that the scaling alarms watch. */
export type UtilizationStatistic = "Maximum" | "Average";

/** The arguments of {@link UtilizationScaling}. */
export interface UtilizationScalingArgs {
    /** The function: its name, ARN or partial ARN, as for FixedConcurrency. */
    functionName: pulumi.Input<string>;
    /** The alias name or published version number whose provisioned concurrency follows the load; never `$LATEST`. */
    qualifier: pulumi.Input<string>;
    /**
     * The fewest provisioned environments. At least 1: with none, Lambda reports no utilization and nothing would
     * ever scale out again.
     * @default 1
     */
    minCapacity?: pulumi.Input<number>;
    /** The most provisioned environments. Required: it caps what a burst can cost. */
    maxCapacity: pulumi.Input<number>;
    /**
     * The utilization (busy provisioned environments / provisioned environments) to hold, from 0.1 to 0.9.
     * @default 0.7
     */
    targetUtilization?: pulumi.Input<number>;
    /**
     * How the alarms read the one-minute utilization. `Maximum` sees a burst that the `Average` of the minute hides.
     * @default "Maximum"
     */
    statistic?: UtilizationStatistic;
    /**
     * Count a minute without data (no invocations) as utilization 0, so an idle function scales back to minCapacity.
     * Without it the alarms have no data when traffic stops, and provisioned concurrency stays where it was.
     * @default true
     */
    scaleInWhenIdle?: boolean;
    /** Seconds after a scale-in before another scale-in may start. Application Auto Scaling's default applies when unset. */
    scaleInCooldown?: pulumi.Input<number>;
    /** Seconds after a scale-out before another scale-out may start. Application Auto Scaling's default applies when unset. */
    scaleOutCooldown?: pulumi.Input<number>;
    /**
     * Never scale in (scheduled actions still lower the bounds).
     * @default false
     */
    disableScaleIn?: pulumi.Input<boolean>;
    /**
     * Scheduled bounds on the same target, e.g. 10 to 50 during business hours and 1 to 5 at night; tracking works
     * inside the bounds in force. Each must stay within minCapacity and maxCapacity.
     */
    schedules?: ScheduleArgs[];
    /**
     * The IANA time zone of every schedule that sets none.
     * @default "UTC"
     */
    timezone?: string;
}

/** The default target: 70% of the provisioned environments busy (the Pulumi and AWS examples use 0.7 to 0.8). */
export const DEFAULT_TARGET_UTILIZATION = 0.7;

/** Checks a target utilization: Application Auto Scaling's Lambda utilization is a fraction; 0.1 to 0.9 is sane. */
export function validateTargetUtilization(value: unknown): ValidationResult {
    if (typeof value !== "number" || !Number.isFinite(value)) {
        return `targetUtilization must be a number between 0.1 and 0.9, got ${describeValue(value)}`;
    }
    if (value < 0.1 || value > 0.9) {
        return `targetUtilization must be between 0.1 and 0.9, got ${value}`;
    }
    return undefined;
}

/** Checks a cooldown in seconds: a whole number, 0 or more. */
export function validateCooldown(value: unknown, argument: string): ValidationResult {
    if (typeof value !== "number" || !Number.isInteger(value) || value < 0) {
        return `${argument} must be a whole number of seconds, 0 or more, got ${describeValue(value)}`;
    }
    return undefined;
}

/** Checks the statistic. */
export function validateStatistic(value: unknown): ValidationResult {
    if (value !== "Maximum" && value !== "Average") {
        return `statistic must be "Maximum" or "Average", got ${describeValue(value)}`;
    }
    return undefined;
}

type MetricSpecification = Pick<
    input.appautoscaling.PolicyTargetTrackingScalingPolicyConfiguration,
    "predefinedMetricSpecification" | "customizedMetricSpecification"
>;

/**
 * The metric the target tracking policy follows.
 * - Average, not idle-aware: the predefined `LambdaProvisionedConcurrencyUtilization` (the average over the minute).
 * - Maximum: a customized metric on AWS/Lambda `ProvisionedConcurrencyUtilization` with the FunctionName and Resource
 *   (`function:qualifier`) dimensions, the same series the predefined metric reads, with the Maximum statistic.
 * - Idle-aware (scaleInWhenIdle): metric math `FILL(m1, 0)` over that series, so a minute without invocations counts
 *   as 0 utilization and the scale-in alarm keeps getting datapoints. Target tracking accepts metric math in a
 *   customized metric specification ("Create a target tracking scaling policy for Application Auto Scaling using
 *   metric math", Application Auto Scaling User Guide; TargetTrackingMetricDataQuery in the API reference: exactly
 *   one query returns data, ids start with a lower-case letter). FILL is a CloudWatch metric math function ("Metric
 *   math syntax and functions", CloudWatch User Guide).
 */
export function utilizationMetric(
    functionName: pulumi.Input<string>,
    qualifier: pulumi.Input<string>,
    statistic: UtilizationStatistic,
    scaleInWhenIdle: boolean,
): MetricSpecification {
    if (!scaleInWhenIdle && statistic === "Average") {
        return { predefinedMetricSpecification: { predefinedMetricType: "LambdaProvisionedConcurrencyUtilization" } };
    }
    const dimensions = [
        { name: "FunctionName", value: functionName },
        { name: "Resource", value: pulumi.interpolate`${functionName}:${qualifier}` },
    ];
    if (!scaleInWhenIdle) {
        return {
            customizedMetricSpecification: {
                namespace: "AWS/Lambda",
                metricName: "ProvisionedConcurrencyUtilization",
                statistic,
                dimensions,
            },
        };
    }
    return {
        customizedMetricSpecification: {
            metrics: [
                {
                    id: "utilization",
                    metricStat: {
                        metric: { namespace: "AWS/Lambda", metricName: "ProvisionedConcurrencyUtilization", dimensions },
                        stat: statistic,
                    },
                    returnData: false,
                },
                {
                    id: "utilization_or_zero",
                    expression: "FILL(utilization, 0)",
                    label: `ProvisionedConcurrencyUtilization (${statistic}), 0 when idle`,
                    returnData: true,
                },
            ],
        },
    };
}

/**
 * Provisioned concurrency that follows the load: an Application Auto Scaling scalable target on a function's alias
 * or version with a target tracking policy on its utilization, optionally inside scheduled bounds.
 */
export class UtilizationScaling extends pulumi.ComponentResource {
    /** The scalable target (namespace `lambda`, resource id `function:NAME:QUALIFIER`). */
    public readonly target: Target;
    /** The target tracking scaling policy. */
    public readonly policy: Policy;
    /** The scheduled actions, in the order of `schedules`. */
    public readonly scheduledActions: ScheduledAction[];

    constructor(name: string, args: UtilizationScalingArgs, opts?: pulumi.ComponentResourceOptions) {
        super("lambda-concurrency:index:UtilizationScaling", name, args, opts);
        const label = `UtilizationScaling "${name}"`;
        const fail = (message: string): never => {
            throw new pulumi.ResourceError(`${label}: ${message}`, this);
        };

        if (args.maxCapacity === undefined || args.maxCapacity === null) {
            fail("maxCapacity is required: it is the most provisioned environments a burst may scale to (and pay for)");
        }
        const statistic = args.statistic ?? "Maximum";
        const statisticProblem = validateStatistic(statistic);
        if (statisticProblem !== undefined) {
            fail(statisticProblem);
        }
        if (args.scaleInWhenIdle !== undefined && typeof args.scaleInWhenIdle !== "boolean") {
            fail(`scaleInWhenIdle must be true or false, got ${describeValue(args.scaleInWhenIdle)}`);
        }
        const scaleInWhenIdle = args.scaleInWhenIdle ?? true;
        const targetValue = checkedInput(this, label, args.targetUtilization ?? DEFAULT_TARGET_UTILIZATION, validateTargetUtilization);
        const scaleInCooldown =
            args.scaleInCooldown === undefined ? undefined : checkedInput(this, label, args.scaleInCooldown, (v) => validateCooldown(v, "scaleInCooldown"));
        const scaleOutCooldown =
            args.scaleOutCooldown === undefined ? undefined : checkedInput(this, label, args.scaleOutCooldown, (v) => validateCooldown(v, "scaleOutCooldown"));

        const checked = validateSchedules(args.schedules, { defaultTimezone: args.timezone, minimumCapacity: 1, required: false });
        const schedules = "error" in checked ? fail(checked.error) : checked.schedules;
        const bounds = checkedTargetBounds(this, label, schedules, args.minCapacity ?? 1, args.maxCapacity, 1);

        const target: CheckedTarget = checkTarget(this, { componentType: "UtilizationScaling", name, kind: "scalable-target" }, args);
        this.target = createScalableTarget(this, name, target, bounds);
        this.policy = new Policy(
            `${name}-tracking`,
            {
                policyType: "TargetTrackingScaling",
                serviceNamespace: this.target.serviceNamespace,
                resourceId: this.target.resourceId,
                scalableDimension: this.target.scalableDimension,
                targetTrackingScalingPolicyConfiguration: {
                    targetValue,
                    scaleInCooldown,
                    scaleOutCooldown,
                    disableScaleIn: args.disableScaleIn,
                    ...utilizationMetric(target.functionName, target.qualifier, statistic, scaleInWhenIdle),
                },
            },
            { parent: this },
        );
        this.scheduledActions = createScheduledActions(this, name, this.target, schedules, this.policy);
        this.registerOutputs({ target: this.target, policy: this.policy, scheduledActions: this.scheduledActions });
    }
}
