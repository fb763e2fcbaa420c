// UtilizationScaling's defaults and the checks of its tracking, in a module of their own with no Pulumi import, so
// that the advisor (which must not load @pulumi/*) models exactly the component the package builds, and the policy
// pack (policy/) checks hand-written scaling policies with the same rules.
import { ValidationResult, describeValue } from "./function-reference";

/**
 * The utilization UtilizationScaling tracks by default: 70% of the provisioned environments busy (the Lambda developer
 * guide's provisioned concurrency example sets "TargetValue": 0.7; George Mao's example policy for
 * ProvisionedConcurrencyUtilization, gist georgmao/195845b63af0adb287cec8fb92b0c20b, 2020, too).
 */
export const DEFAULT_TARGET_UTILIZATION = 0.7;

/**
 * The statistic UtilizationScaling tracks by default: Maximum, because per minute the Average misses the bursts that
 * cause cold starts (Lambda developer guide, "Configuring provisioned concurrency": "Functions that experience quick
 * bursts of traffic may not trigger these alarms").
 */
export const DEFAULT_UTILIZATION_STATISTIC = "Maximum" as const;

/**
 * Whether UtilizationScaling scales in when the function is idle, by default: no. Lambda emits no utilization without
 * requests, target tracking needs unbroken datapoints, so the capacity stays where it was until traffic returns
 * (`scaleInWhenIdle: true` fills the gaps with 0; see utilizationMetric).
 */
export const DEFAULT_SCALE_IN_WHEN_IDLE = false;

/**
 * The target utilizations UtilizationScaling accepts: 0.1 to 0.9. Application Auto Scaling's Lambda utilization is a
 * fraction (the Lambda developer guide's provisioned concurrency example sets "TargetValue": 0.7); below 0.1 nearly
 * every environment idles, above 0.9 the scale-out alarm (3 minutes above target) fires only after requests spill over.
 */
export const TARGET_UTILIZATION_RANGE: Readonly<{ min: number; max: number }> = { min: 0.1, max: 0.9 };

/**
 * Checks a target utilization against `range` (by default {@link TARGET_UTILIZATION_RANGE}); `argument` names it in
 * the message.
 */
export function validateTargetUtilization(
    value: unknown,
    range: Readonly<{ min: number; max: number }> = TARGET_UTILIZATION_RANGE,
    argument = "targetUtilization",
): ValidationResult {
    if (typeof value !== "number" || !Number.isFinite(value)) {
        return `${argument} must be a number between ${range.min} and ${range.max}, got ${describeValue(value)}`;
    }
    if (value < range.min || value > range.max) {
        // 10 to 90 is the sane range written as a percentage, as target tracking takes it for other services (ECS's
        // ECSServiceAverageCPUUtilization target is e.g. 75), while Lambda's utilization is a ratio (the Lambda
        // developer guide's provisioned concurrency example sets "TargetValue": 0.7). toPrecision trims the binary
        // noise of the division (33.3 / 100 is 0.33299999999999996).
        const asFraction = value >= 10 && value <= 90 ? ` (a fraction: did you mean ${Number((value / 100).toPrecision(12))}?)` : "";
        return `${argument} must be between ${range.min} and ${range.max}, got ${value}${asFraction}`;
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
