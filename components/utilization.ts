import * as pulumi from "@pulumi/pulumi";
import { childOptions, rememberAliases } from "./child-aliases";
import { Policy, ScheduledAction, Target } from "@pulumi/aws/appautoscaling";
import { ProvisionedConcurrencyConfig } from "@pulumi/aws/lambda";
import type { input } from "@pulumi/aws/types";
import { Dashboard, MetricAlarm } from "@pulumi/aws/cloudwatch";
import { checkedInput, outputsAfterChecks } from "./checked-input";
import { monitorProvisionedConcurrency } from "./monitoring/provisioned";
import { checkedMonitoring } from "./monitoring/resources";
import { Monitoring } from "./monitoring/settings";
import { currentTime } from "./clock";
import { ValidationResult, describeValue } from "./function-reference";
import {
    ResolvedSchedule,
    Schedule,
    checkedTargetBounds,
    createOwnedCapacity,
    createScalableTarget,
    createScheduledActions,
    registeredCapacity,
    validateSchedules,
    weekBounds,
} from "./scalable-target";
import { startProvisionedConcurrencyComponent, withSwapAliases } from "./swaps";
import {
    DEFAULT_SCALE_IN_WHEN_IDLE,
    DEFAULT_TARGET_UTILIZATION,
    DEFAULT_UTILIZATION_STATISTIC,
    validateStatistic,
    validateTargetUtilization,
} from "./utilization-defaults";

// The checks of the tracking live beside the defaults, where the policy pack reads them; exported here as before.
export { validateStatistic, validateTargetUtilization };

export { DEFAULT_SCALE_IN_WHEN_IDLE, DEFAULT_TARGET_UTILIZATION, DEFAULT_UTILIZATION_STATISTIC };
import { CheckedTarget, checkTarget } from "./target";

/**
 * The statistic of ProvisionedConcurrencyUtilization that the scaling alarms watch.
 *
 * A constant object and a type of its values, not a TypeScript `enum`: an `enum`'s type does not accept the plain
 * strings (`statistic: "Average"`) TypeScript programs have always passed, while this union does; and it is the form
 * of string choice the Pulumi Node.js SDK's schema analyzer turns into a schema enum (a union of string literals named
 * by a type alias of `typeof X[keyof typeof X]`, @pulumi/pulumi provider/experimental/analyzer.js,
 * extractEnumMembers), where a bare literal union is refused as "Union types are not supported".
 */
export const UtilizationStatistic = {
    /** The highest utilization within the minute: sees a burst the minute's average hides. */
    Maximum: "Maximum",
    /** The minute's average utilization (the predefined LambdaProvisionedConcurrencyUtilization metric). */
    Average: "Average",
} as const;
/** The statistic of ProvisionedConcurrencyUtilization that the scaling alarms watch: `"Maximum"` or `"Average"`. */
export type UtilizationStatistic = (typeof UtilizationStatistic)[keyof typeof UtilizationStatistic];

/**
 * How provisioned concurrency follows the load: its bounds, the utilization target tracking holds, and scheduled
 * bounds. UtilizationScaling takes these for one qualifier; WarmAlias takes them as `scaling`, for each version it
 * ships.
 */
export interface UtilizationTracking {
    /**
     * The fewest provisioned environments, a whole number. At least 1: with none, Lambda reports no utilization and
     * nothing would ever scale out again. Defaults to 1.
     * @default 1
     */
    minCapacity?: pulumi.Input<number>;
    /** The most provisioned environments, a whole number. Required: it caps what a burst can cost. */
    maxCapacity: pulumi.Input<number>;
    /**
     * The utilization (busy provisioned environments / provisioned environments) to hold, from 0.1 to 0.9. Defaults
     * to 0.7.
     * @default 0.7
     */
    targetUtilization?: pulumi.Input<number>;
    /**
     * How the alarms read the one-minute utilization. `Maximum` sees a burst that the `Average` of the minute hides.
     * Defaults to `Maximum`.
     * @default "Maximum"
     */
    statistic?: UtilizationStatistic;
    /**
     * Experimental: follow the utilization through the metric math `FILL(utilization, 0)`, so that minutes without
     * invocations may count as 0 and an idle function may scale back to the minimum. Without it, target tracking does
     * not scale in while the function gets no traffic (its alarm has no data). AWS documents neither that FILL yields
     * datapoints for a window without any data nor how target tracking treats it, and warns that FILL can keep an
     * alarm stuck when data arrives late; lower the bounds with a schedule for idle times you know of instead.
     * Defaults to false.
     * @default false
     */
    scaleInWhenIdle?: boolean;
    /**
     * Seconds after a scale-in before another scale-in may start, a whole number. Defaults to Application Auto
     * Scaling's own default for Lambda provisioned concurrency (the component sends none).
     */
    scaleInCooldown?: pulumi.Input<number>;
    /**
     * Seconds after a scale-out before another scale-out may start, a whole number. Defaults to Application Auto
     * Scaling's own default for Lambda provisioned concurrency (the component sends none).
     */
    scaleOutCooldown?: pulumi.Input<number>;
    /**
     * Never scale in (scheduled actions still lower the bounds). Defaults to false.
     * @default false
     */
    disableScaleIn?: pulumi.Input<boolean>;
    /**
     * Scheduled bounds on the same target, e.g. 10 to 50 during business hours and 1 to 5 at night; tracking works
     * inside the bounds in force. Each must stay within minCapacity and maxCapacity. Defaults to none: the bounds are
     * minCapacity and maxCapacity at all times.
     */
    schedules?: Schedule[];
    /**
     * The IANA time zone of every schedule that sets none, e.g. `Europe/Paris`. Defaults to UTC.
     * @default "UTC"
     */
    timezone?: string;
}

/** The arguments of {@link UtilizationScaling}. */
export interface UtilizationScalingArgs extends UtilizationTracking {
    /** The function: its name, ARN or partial ARN, as for FixedConcurrency. */
    functionName: pulumi.Input<string>;
    /** The alias name or published version number whose provisioned concurrency follows the load; never `$LATEST`. */
    qualifier: pulumi.Input<string>;
    /**
     * When the configuration is replaced (a new version number, another alias or another function), delete the old
     * configuration before creating the new one, for a function without room for both in its reserved concurrency.
     * Defaults to false.
     * @default false
     */
    deleteOldConfigurationFirst?: boolean;
    /**
     * CloudWatch alarms (spillover, ceiling) and a dashboard; `{}` for the defaults. Defaults to none.
     */
    monitoring?: Monitoring;
}


/**
 * What WarmAlias tells the UtilizationScaling of each version it ships, under this key of the arguments (a symbol: no
 * argument of the component's schema, and not among the inputs Pulumi records for it).
 */
export const WARM_ALIAS_SETTINGS = Symbol("lambda-concurrency: WarmAlias settings");

/** See {@link WARM_ALIAS_SETTINGS}. */
export interface WarmAliasSettings {
    /** How messages name the arguments: `WarmAlias "live" scaling`. */
    readonly label: string;
    /**
     * The count a new configuration starts at, instead of the minimum in force: the live version's, carried to the
     * new one (kept inside the bounds in force). Undefined: the minimum in force.
     */
    readonly startingCapacity: pulumi.Input<number | undefined>;
    /**
     * Set the count to the starting capacity at this `up` even where the configuration exists (a promoted canary's,
     * taken over with the canary's count), instead of leaving it to Application Auto Scaling. Defaults to false.
     */
    readonly setCount?: boolean;
}

/** The count a configuration starts at: `carried` when there is one, kept inside the bounds in force. */
export function startingCount(inForce: { min: number; max: number }, carried: number | undefined): number {
    if (carried === undefined) {
        return inForce.min;
    }
    return Math.min(inForce.max, Math.max(inForce.min, carried));
}

/** Checks a cooldown in seconds: a whole number, 0 or more. */
export function validateCooldown(value: unknown, argument: string): ValidationResult {
    if (typeof value !== "number" || !Number.isInteger(value) || value < 0) {
        return `${argument} must be a whole number of seconds, 0 or more, got ${describeValue(value)}`;
    }
    return undefined;
}

type MetricSpecification = Pick<
    input.appautoscaling.PolicyTargetTrackingScalingPolicyConfiguration,
    "predefinedMetricSpecification" | "customizedMetricSpecification"
>;

/**
 * The metric the target tracking policy follows.
 * - Average: the predefined `LambdaProvisionedConcurrencyUtilization`, the minute's average (Application Auto Scaling
 *   API reference, PredefinedMetricSpecification).
 * - Maximum: a customized metric on AWS/Lambda `ProvisionedConcurrencyUtilization` with the FunctionName and Resource
 *   (`function:qualifier`) dimensions, the series the predefined metric reads, with the Maximum statistic, which sees
 *   a burst inside the minute (customized metrics: TargetTrackingScalingPolicyConfiguration,
 *   CustomizedMetricSpecification; the Lambda developer guide's "Lambda function metrics" lists the dimensions).
 * - scaleInWhenIdle (opt-in): the same series through metric math `FILL(utilization, 0)`. Target tracking accepts
 *   metric math ("Create a target tracking scaling policy for Application Auto Scaling using metric math", Application
 *   Auto Scaling User Guide). What is not documented: that FILL yields a datapoint for a window in which the metric has
 *   no data at all (the CloudWatch User Guide's "Metric math syntax and functions" says only that it fills missing
 *   values, and warns that in an alarm, with data published late, FILL can keep the alarm stuck in OK or ALARM). A
 *   scale-in policy on an alarm over Invocations, the other idle signal, cannot be used: step scaling is "not
 *   supported for ... Lambda" (Application Auto Scaling API reference, ScalingPolicy, PolicyType).
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

/** The arguments of a {@link UtilizationTracking}, checked, with the defaults in place. */
export interface CheckedTracking {
    readonly statistic: UtilizationStatistic;
    readonly scaleInWhenIdle: boolean;
    readonly targetValue: pulumi.Output<number>;
    readonly scaleInCooldown?: pulumi.Output<number>;
    readonly scaleOutCooldown?: pulumi.Output<number>;
    readonly schedules: ResolvedSchedule[];
    readonly bounds: ReturnType<typeof checkedTargetBounds>;
}

/**
 * Checks the tracking arguments as UtilizationScaling takes them: plain values at once, throwing a ResourceError
 * attached to `component` whose message starts with `label`; Outputs when they resolve (checkedInput). WarmAlias calls
 * it at its construction too, as it declares each version's UtilizationScaling only once it has read the alias.
 */
export function checkUtilizationTracking(component: pulumi.Resource, label: string, args: UtilizationTracking): CheckedTracking {
    const fail = (message: string): never => {
        throw new pulumi.ResourceError(`${label}: ${message}`, component);
    };
    if (args.maxCapacity === undefined || args.maxCapacity === null) {
        fail("maxCapacity is required: it is the most provisioned environments a burst may scale to (and pay for)");
    }
    const statistic = args.statistic ?? DEFAULT_UTILIZATION_STATISTIC;
    const statisticProblem = validateStatistic(statistic);
    if (statisticProblem !== undefined) {
        fail(statisticProblem);
    }
    if (args.scaleInWhenIdle !== undefined && typeof args.scaleInWhenIdle !== "boolean") {
        fail(`scaleInWhenIdle must be true or false, got ${describeValue(args.scaleInWhenIdle)}`);
    }
    const scaleInWhenIdle = args.scaleInWhenIdle ?? DEFAULT_SCALE_IN_WHEN_IDLE;
    const targetValue = checkedInput<number>(component, label, args.targetUtilization ?? DEFAULT_TARGET_UTILIZATION, (value) => validateTargetUtilization(value));
    const scaleInCooldown =
        args.scaleInCooldown === undefined ? undefined : checkedInput(component, label, args.scaleInCooldown, (v) => validateCooldown(v, "scaleInCooldown"));
    const scaleOutCooldown =
        args.scaleOutCooldown === undefined ? undefined : checkedInput(component, label, args.scaleOutCooldown, (v) => validateCooldown(v, "scaleOutCooldown"));

    const checked = validateSchedules(args.schedules, { defaultTimezone: args.timezone, required: false });
    const schedules = "error" in checked ? fail(checked.error) : checked.schedules;
    const bounds = checkedTargetBounds(component, label, schedules, args.minCapacity ?? 1, args.maxCapacity);
    return { statistic, scaleInWhenIdle, targetValue, scaleInCooldown, scaleOutCooldown, schedules, bounds };
}

/**
 * Provisioned concurrency that follows the load: the provisioned concurrency configuration of a function's alias or
 * version, created with the minimum in force and then left to Application Auto Scaling; its scalable target; a
 * target tracking policy on its utilization; optionally scheduled bounds. Removing the component releases the capacity.
 */
export class UtilizationScaling extends pulumi.ComponentResource {
    /** The provisioned concurrency configuration the component owns (its count belongs to Application Auto Scaling). */
    public readonly config: ProvisionedConcurrencyConfig;
    /** The scalable target (namespace `lambda`, resource id `function:NAME:QUALIFIER`). */
    public readonly target: Target;
    /** The target tracking scaling policy. */
    public readonly policy: Policy;
    /** The scheduled actions, in the order of `schedules`. */
    public readonly scheduledActions: ScheduledAction[];
    /** The alarms of `monitoring` (none without it). */
    public readonly alarms: MetricAlarm[];
    /** The dashboard of `monitoring`, unless turned off. */
    public readonly dashboard?: Dashboard;

    constructor(name: string, args: UtilizationScalingArgs, opts?: pulumi.ComponentResourceOptions) {
        const type = "lambda-concurrency:index:UtilizationScaling";
        super(type, name, args, withSwapAliases(type, name, args.qualifier, opts));
        rememberAliases(this, type, name, withSwapAliases(type, name, args.qualifier, opts));
        const warmAlias = (args as { [WARM_ALIAS_SETTINGS]?: WarmAliasSettings })[WARM_ALIAS_SETTINGS];
        const label = warmAlias?.label ?? `UtilizationScaling "${name}"`;
        const { registry, deleteOldConfigurationFirst } = startProvisionedConcurrencyComponent(
            this,
            type,
            name,
            opts?.parent,
            args.deleteOldConfigurationFirst,
        );

        const { statistic, scaleInWhenIdle, targetValue, scaleInCooldown, scaleOutCooldown, schedules, bounds } = checkUtilizationTracking(this, label, args);
        const registered = registeredCapacity(schedules, bounds, currentTime());
        const monitoring = checkedMonitoring(this, label, "UtilizationScaling", args.monitoring);
        const ceiling = monitoring?.alarms.ceiling;
        if (ceiling !== undefined) {
            // Checked at once for a plain target, when it resolves for an Output (see checked-input.ts).
            checkedInput<number>(this, label, args.targetUtilization ?? DEFAULT_TARGET_UTILIZATION, (target) =>
                ceiling.threshold <= target
                    ? `monitoring.ceiling.threshold (${ceiling.threshold}) must be above targetUtilization (${target}): target ` +
                      `tracking holds utilization near its target, so the alarm would fire in normal operation`
                    : undefined,
            );
        }

        const target: CheckedTarget = checkTarget(this, { componentType: "UtilizationScaling", name, kind: "scalable-target" }, args, registry);
        const initialCount =
            warmAlias === undefined
                ? registered.initialCount
                : pulumi
                      .all([registered.min, registered.max, warmAlias.startingCapacity])
                      .apply(([min, max, carried]) => startingCount({ min, max }, carried));
        this.config = createOwnedCapacity(this, name, target, initialCount, deleteOldConfigurationFirst, warmAlias?.setCount === true);
        this.target = createScalableTarget(this, name, registered, this.config);
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
            // Registered only once every Output-time check passed, as the children in scalable-target.ts.
            childOptions(this, `${name}-tracking`),
        );
        this.scheduledActions = createScheduledActions(this, name, this.target, schedules, this.policy);
        const monitored = monitorProvisionedConcurrency(this, name, label, monitoring, {
            componentType: "UtilizationScaling",
            functionName: target.functionName,
            qualifier: target.qualifier,
            bounds: weekBounds(schedules, registered, currentTime()),
            targetUtilization: targetValue,
        });
        this.alarms = monitored.alarms;
        this.dashboard = monitored.dashboard;
        this.registerOutputs(
            outputsAfterChecks(this, {
                config: this.config,
                target: this.target,
                policy: this.policy,
                scheduledActions: this.scheduledActions,
                alarms: this.alarms,
                dashboard: this.dashboard,
            }),
        );
    }
}
