// What each alarm watches, as plain data: the metric or metric math, the statistic, period, threshold, comparison and
// missing-data treatment, and a description that says what it means and what to do. Pure: the component turns a
// spec into an aws.cloudwatch.MetricAlarm (monitoring/resources.ts).
import { chunk } from "../chunk";
import {
    DURATION,
    ERRORS,
    INVOCATIONS,
    MetricId,
    PROVISIONED_EXECUTIONS,
    PROVISIONED_INVOCATIONS,
    SPILLOVER,
    THROTTLES,
    UTILIZATION,
    WARMER_ERRORS,
    WARMER_INSTANCES_REACHED,
    WARMER_REQUESTED,
    WARMER_THROTTLES,
    WarmedTarget,
    functionLambdaMetric,
    qualifiedLambdaMetric,
    warmerMetric,
} from "./metrics";
import { AlarmKind, ResolvedAlarmSettings } from "./settings";

export type ComparisonOperator = "GreaterThanThreshold" | "GreaterThanOrEqualToThreshold" | "LessThanThreshold";
/** notBreaching: no data is good news (no spillover, no failed ping); breaching: no data is the problem itself. */
export type TreatMissingData = "notBreaching" | "breaching";

/** One item of a metric math alarm (PutMetricAlarm Metrics, a MetricDataQuery): a metric, or an expression. */
export interface AlarmQuery {
    id: string;
    label?: string;
    returnData: boolean;
    metric?: MetricId & { stat: string; period: number };
    expression?: string;
}

/** An alarm, whole. Either `metric` (one metric and a statistic) or `queries` (metric math). */
export interface AlarmSpec {
    kind: AlarmKind;
    /** Added to the component's name for the alarm's logical name. */
    suffix: string;
    description: string;
    metric?: MetricId & { stat: string; period: number };
    queries?: AlarmQuery[];
    comparisonOperator: ComparisonOperator;
    threshold: number;
    evaluationPeriods: number;
    datapointsToAlarm: number;
    treatMissingData: TreatMissingData;
}

/**
 * The most metrics one metric math alarm may hold: "A single PutMetricAlarm call can include up to 20 MetricDataQuery
 * structures ... as many as 10 structures that contain a MetricStat parameter" and 10 expressions (CloudWatch API
 * reference, MetricDataQuery; the quotas page: "Alarms based on metric math expressions can have up to 10 metrics").
 */
export const MAX_ALARM_METRICS = 10;

/** A fraction as a percentage for people: 0.9 -> "90%". */
export function percent(fraction: number): string {
    return `${Number((fraction * 100).toPrecision(6))}%`;
}

function minutes(seconds: number): string {
    return seconds % 3600 === 0 ? `${seconds / 3600} h` : `${seconds / 60} min`;
}

function window(s: ResolvedAlarmSettings): string {
    return `${s.datapointsToAlarm} of ${s.evaluationPeriods} periods of ${minutes(s.periodSeconds)}`;
}

/** Requests that found every provisioned environment busy: the cold starts the capacity was bought to prevent. */
export function spilloverAlarm(functionName: string, qualifier: string, s: ResolvedAlarmSettings): AlarmSpec {
    return {
        kind: "spillover",
        suffix: "spillover",
        description:
            `Requests to ${functionName}:${qualifier} found every provisioned environment busy and ran on demand, possibly ` +
            `cold (${SPILLOVER} Sum above ${s.threshold} in ${window(s)}). Raise the provisioned concurrency (or the ` +
            `scalable target's maximum), or scale out earlier with a lower target utilization.`,
        metric: { ...qualifiedLambdaMetric(SPILLOVER, functionName, qualifier), stat: "Sum", period: s.periodSeconds },
        comparisonOperator: "GreaterThanThreshold",
        threshold: s.threshold,
        evaluationPeriods: s.evaluationPeriods,
        datapointsToAlarm: s.datapointsToAlarm,
        treatMissingData: "notBreaching",
    };
}

/**
 * The provisioned environments are nearly all busy and there is no more to scale to.
 *
 * Without `lowestMaximum` (ScheduledConcurrency: nothing scales, the count is what the schedules set): utilization
 * (Maximum) at or above the threshold. With it (UtilizationScaling): metric math, utilization at or above the threshold
 * while the allocated count is at least `lowestMaximum`, the lowest maximum the scalable target has at any time of the
 * week. The allocated count is ProvisionedConcurrentExecutions divided by ProvisionedConcurrencyUtilization (both
 * averaged over the minute), written as a product so that an idle minute (no data, which metric math reads as 0)
 * divides nothing. With a
 * constant maximum this is exactly "at the maximum"; when schedules move the maximum, CloudWatch cannot know the one
 * in force, and a period above the lowest maximum counts only if utilization stayed high for the whole window, which
 * target tracking prevents whenever it has room.
 */
export function ceilingAlarm(functionName: string, qualifier: string, s: ResolvedAlarmSettings, lowestMaximum?: number): AlarmSpec {
    const utilization = qualifiedLambdaMetric(UTILIZATION, functionName, qualifier);
    const base = {
        kind: "ceiling" as const,
        suffix: "ceiling",
        threshold: s.threshold,
        evaluationPeriods: s.evaluationPeriods,
        datapointsToAlarm: s.datapointsToAlarm,
        treatMissingData: "notBreaching" as const,
    };
    if (lowestMaximum === undefined) {
        return {
            ...base,
            description:
                `${functionName}:${qualifier} used at least ${percent(s.threshold)} of its provisioned environments ` +
                `(${UTILIZATION} Maximum, ${window(s)}): the capacity the schedules set is full. Raise the schedule's ` +
                `capacity for these hours, or let UtilizationScaling follow the load.`,
            metric: { ...utilization, stat: "Maximum", period: s.periodSeconds },
            comparisonOperator: "GreaterThanOrEqualToThreshold",
        };
    }
    const floor = lowestMaximum - 0.5;
    return {
        ...base,
        description:
            `${functionName}:${qualifier} used at least ${percent(s.threshold)} of its provisioned environments while ` +
            `holding at least ${lowestMaximum} (the scalable target's lowest maximum), ${window(s)}: target tracking has ` +
            `no room left. Raise maxCapacity (or the schedules' maxCapacity for these hours).`,
        queries: [
            { id: "utilization_max", returnData: false, metric: { ...utilization, stat: "Maximum", period: s.periodSeconds } },
            { id: "utilization_avg", returnData: false, metric: { ...utilization, stat: "Average", period: s.periodSeconds } },
            {
                id: "busy_avg",
                returnData: false,
                metric: { ...qualifiedLambdaMetric(PROVISIONED_EXECUTIONS, functionName, qualifier), stat: "Average", period: s.periodSeconds },
            },
            {
                id: "at_ceiling",
                label: `Utilization at least ${percent(s.threshold)} with at least ${lowestMaximum} environments`,
                returnData: true,
                expression: `IF(utilization_max >= ${s.threshold} AND busy_avg >= ${floor} * utilization_avg, 1, 0)`,
            },
        ],
        // The alarm watches the 0/1 series; the utilization threshold is inside the expression.
        threshold: 1,
        comparisonOperator: "GreaterThanOrEqualToThreshold",
    };
}

/**
 * Provisioned environments paid for and mostly idle: the share of the provisioned environment-time that served
 * invocations. Busy time is the Duration (Sum, ms) of the alias's invocations, scaled by the share of them that ran
 * on provisioned concurrency; paid time is the count times the period. Below break-even, on demand would cost less.
 * Metric math treats a missing value as 0 and drops a point that divides by zero ("Using math expressions with
 * CloudWatch metrics"), so a period without invocations has no data, and is treated as breaching: nobody used what
 * was paid for.
 */
export function lowUtilizationAlarm(functionName: string, qualifier: string, count: number, s: ResolvedAlarmSettings): AlarmSpec {
    const metric = (name: string): MetricId & { stat: string; period: number } => ({
        ...qualifiedLambdaMetric(name, functionName, qualifier),
        stat: "Sum",
        period: s.periodSeconds,
    });
    const paidMs = count * s.periodSeconds * 1000;
    return {
        kind: "lowUtilization",
        suffix: "low-utilization",
        description:
            `The ${count} provisioned environment(s) of ${functionName}:${qualifier} were busy less than ` +
            `${percent(s.threshold)} of the time over ${window(s)}: below break-even, the same work on demand costs ` +
            `less. Lower provisionedConcurrentExecutions, move to ScheduledConcurrency or UtilizationScaling, or check ` +
            `that callers invoke this qualifier.`,
        queries: [
            { id: "duration_ms", returnData: false, metric: metric(DURATION) },
            { id: "provisioned_invocations", returnData: false, metric: metric(PROVISIONED_INVOCATIONS) },
            { id: "invocations", returnData: false, metric: metric(INVOCATIONS) },
            {
                id: "busy_share",
                label: `Share of ${count} provisioned environment(s) in use`,
                returnData: true,
                expression: `duration_ms * (provisioned_invocations / invocations) / ${paidMs}`,
            },
        ],
        comparisonOperator: "LessThanThreshold",
        threshold: s.threshold,
        evaluationPeriods: s.evaluationPeriods,
        datapointsToAlarm: s.datapointsToAlarm,
        treatMissingData: "breaching",
    };
}

/** How many targets one warmer alarm covers: two metrics each, leaving room for the warmer function's own two. */
export const WARMER_TARGETS_PER_ALARM = Math.floor((MAX_ALARM_METRICS - 2) / 2);

function partSuffix(base: string, index: number, parts: number): string {
    return parts === 1 ? base : `${base}-${index}`;
}

/** Instances reached fell below requested, summed over the targets (one alarm per few targets, see above). */
export function warmerShortfallAlarms(warmerName: string, targets: readonly WarmedTarget[], s: ResolvedAlarmSettings): AlarmSpec[] {
    const parts = chunk(targets, WARMER_TARGETS_PER_ALARM);
    return parts.map((part, index) => {
        const requested = part.map((_, i) => `requested_${i}`);
        const reached = part.map((_, i) => `reached_${i}`);
        const which = parts.length === 1 ? "" : ` (targets ${index * WARMER_TARGETS_PER_ALARM + 1} to ${index * WARMER_TARGETS_PER_ALARM + part.length})`;
        return {
            kind: "warmerShortfall",
            suffix: partSuffix("warmer-shortfall", index, parts.length),
            description:
                `The warmer ${warmerName} reached fewer instances than requested${which} (Requested minus InstancesReached ` +
                `above ${s.threshold} in ${window(s)}). A target's reserved concurrency or the account's concurrency may ` +
                `be too low for the pings, the handler may not be wrapped with withWarmup, or the pings' hold may be too ` +
                `short; the warmer's log lines name the target and show sample errors.`,
            queries: [
                ...part.flatMap((target, i) => [
                    { id: requested[i], returnData: false, metric: { ...warmerMetric(WARMER_REQUESTED, target), stat: "Sum", period: s.periodSeconds } },
                    { id: reached[i], returnData: false, metric: { ...warmerMetric(WARMER_INSTANCES_REACHED, target), stat: "Sum", period: s.periodSeconds } },
                ]),
                {
                    id: "shortfall",
                    label: "Instances requested but not reached",
                    returnData: true,
                    expression: `SUM([${requested.join(", ")}]) - SUM([${reached.join(", ")}])`,
                },
            ],
            comparisonOperator: "GreaterThanThreshold",
            threshold: s.threshold,
            evaluationPeriods: s.evaluationPeriods,
            datapointsToAlarm: s.datapointsToAlarm,
            treatMissingData: "notBreaching",
        };
    });
}

/**
 * Pings that failed or were throttled (the warmer's Errors and Throttles per target), and, in the first alarm, the
 * warmer function's own Errors and Throttles (AWS/Lambda): a warmer that does not run reports nothing per target.
 */
export function warmerFailureAlarms(
    warmerName: string,
    warmerFunctionName: string,
    targets: readonly WarmedTarget[],
    s: ResolvedAlarmSettings,
): AlarmSpec[] {
    const parts = chunk(targets, WARMER_TARGETS_PER_ALARM);
    return parts.map((part, index) => {
        const stat = (metric: MetricId): MetricId & { stat: string; period: number } => ({ ...metric, stat: "Sum", period: s.periodSeconds });
        const queries: AlarmQuery[] = part.flatMap((target, i) => [
            { id: `errors_${i}`, returnData: false, metric: stat(warmerMetric(WARMER_ERRORS, target)) },
            { id: `throttles_${i}`, returnData: false, metric: stat(warmerMetric(WARMER_THROTTLES, target)) },
        ]);
        if (index === 0) {
            queries.push(
                { id: "warmer_errors", returnData: false, metric: stat(functionLambdaMetric(ERRORS, warmerFunctionName)) },
                { id: "warmer_throttles", returnData: false, metric: stat(functionLambdaMetric(THROTTLES, warmerFunctionName)) },
            );
        }
        const which = parts.length === 1 ? "" : ` (targets ${index * WARMER_TARGETS_PER_ALARM + 1} to ${index * WARMER_TARGETS_PER_ALARM + part.length})`;
        queries.push({
            id: "failures",
            label: "Failed or throttled pings",
            returnData: true,
            expression: `SUM([${queries.map((q) => q.id).join(", ")}])`,
        });
        return {
            kind: "warmerFailures",
            suffix: partSuffix("warmer-failures", index, parts.length),
            description:
                `Warm-up pings of ${warmerName} failed or were throttled${which}${index === 0 ? ", or the warmer function itself failed" : ""} ` +
                `(sum above ${s.threshold} in ${window(s)}). Throttles: give the target more reserved concurrency or ` +
                `lower the warmer's concurrency. Errors: see ErrorSamples in the warmer's log lines.`,
            queries,
            comparisonOperator: "GreaterThanThreshold",
            threshold: s.threshold,
            evaluationPeriods: s.evaluationPeriods,
            datapointsToAlarm: s.datapointsToAlarm,
            treatMissingData: "notBreaching",
        };
    });
}
