// The `monitoring` argument of the four components: what a user may set, the defaults and their reasons, and the
// checks. Pure: no Pulumi resource is made here.
import * as pulumi from "@pulumi/pulumi";
import { breakEvenUtilization, US_EAST_1_PRICES } from "../../aws-facts/pricing";
import { ValidationResult, describeValue } from "../function-reference";
import { closestWord } from "../suggest";

/**
 * One alarm's settings. Every field is optional: the defaults are given at each alarm of {@link Monitoring}.
 *
 * Named without an `Args` suffix for the reason given at Schedule (scalable-target.ts).
 */
export interface AlarmSettings {
    /**
     * False leaves this alarm out (the dashboard still shows its metric). Defaults to true.
     * @default true
     */
    enabled?: boolean;
    /**
     * The value the alarm compares the watched series with: a count, or a utilization as a fraction. Defaults to the
     * alarm's own default, given at each alarm of Monitoring.
     */
    threshold?: number;
    /**
     * The length of one data point, in seconds: a whole number of minutes (60, 120, ... 86400), the resolution of the
     * metrics watched. Defaults to the alarm's own default, given at each alarm of Monitoring.
     */
    periodSeconds?: number;
    /**
     * How many recent data points the alarm looks at. periodSeconds times evaluationPeriods may not exceed a day
     * (86,400 s). Defaults to the alarm's own default, given at each alarm of Monitoring.
     */
    evaluationPeriods?: number;
    /**
     * How many of those must breach for the alarm to fire, 1 to evaluationPeriods. Defaults to the alarm's own
     * default, given at each alarm of Monitoring.
     */
    datapointsToAlarm?: number;
}

/**
 * CloudWatch alarms and a dashboard for a component. Give `{}` for the defaults. An alarm that does not apply to the
 * component it is given to (a `ceiling` on a FixedConcurrency, say) is refused rather than ignored.
 */
export interface Monitoring {
    /**
     * Amazon SNS topic ARNs notified when an alarm fires (`arn:aws:sns:us-east-1:123456789012:on-call`), at most 5.
     * Defaults to none: the alarms change state and show on the dashboard, and notify nobody.
     */
    alarmActions?: pulumi.Input<string>[];
    /** SNS topic ARNs notified when an alarm returns to OK, at most 5. Defaults to none. */
    okActions?: pulumi.Input<string>[];
    /**
     * FixedConcurrency, ScheduledConcurrency, UtilizationScaling: requests that found every provisioned environment
     * busy and ran on demand, possibly cold (ProvisionedConcurrencySpilloverInvocations, Sum). Fires when more than
     * `threshold` spill over. Defaults to threshold 0, in 3 of 5 one-minute periods.
     */
    spillover?: AlarmSettings;
    /**
     * ScheduledConcurrency and UtilizationScaling: the provisioned environments are nearly all busy
     * (ProvisionedConcurrencyUtilization, Maximum, at or above `threshold`) while, for UtilizationScaling, the count is
     * at least the lowest maximum the scalable target has: target tracking would have scaled out by then had it room.
     * The threshold must be above UtilizationScaling's targetUtilization. Defaults to threshold 0.9, in 12 of 15
     * one-minute periods.
     */
    ceiling?: AlarmSettings;
    /**
     * FixedConcurrency: the provisioned environments were busy less than `threshold` of the time, measured as the
     * duration of the invocations they served over the environment-seconds paid for; a day without a single
     * invocation counts as wasted. Defaults to threshold 0.6 (the break-even: below it provisioned concurrency costs
     * more than the same work on demand), over one one-day period.
     */
    lowUtilization?: AlarmSettings;
    /**
     * LambdaWarmer: the warm-up runs reached fewer instances than requested (Requested minus InstancesReached of the
     * warmer's own metrics, summed over its targets, above `threshold`). Defaults to threshold 0, in 3 of 3 periods
     * of the time between two runs.
     */
    warmerShortfall?: AlarmSettings;
    /**
     * LambdaWarmer: pings failed or were throttled, or the warmer function itself failed (the warmer's Errors and
     * Throttles metrics and the warmer function's AWS/Lambda Errors and Throttles, summed, above `threshold`).
     * Defaults to threshold 0, in 2 of 3 periods of the time between two runs.
     */
    warmerFailures?: AlarmSettings;
    /**
     * Create a CloudWatch dashboard for the component. Defaults to true.
     * @default true
     */
    dashboard?: boolean;
}

/** The alarms, by the key that configures them. */
export type AlarmKind = "spillover" | "ceiling" | "lowUtilization" | "warmerShortfall" | "warmerFailures";

/** The components, as the checks name them. */
export type MonitoredComponent = "FixedConcurrency" | "ScheduledConcurrency" | "UtilizationScaling" | "LambdaWarmer";

/** Which alarms each component has. */
export const ALARMS_OF: Readonly<Record<MonitoredComponent, readonly AlarmKind[]>> = {
    FixedConcurrency: ["spillover", "lowUtilization"],
    ScheduledConcurrency: ["spillover", "ceiling"],
    UtilizationScaling: ["spillover", "ceiling"],
    LambdaWarmer: ["warmerShortfall", "warmerFailures"],
};

/** An alarm's settings with every default filled in. */
export interface ResolvedAlarmSettings {
    threshold: number;
    periodSeconds: number;
    evaluationPeriods: number;
    datapointsToAlarm: number;
}

/** What a component's monitoring comes to once checked. */
export interface ResolvedMonitoring {
    alarms: Partial<Record<AlarmKind, ResolvedAlarmSettings>>;
    alarmActions: pulumi.Input<string>[];
    okActions: pulumi.Input<string>[];
    dashboard: boolean;
}

/** The longest span CloudWatch evaluates: "The number of periods multiplied by the period ... cannot exceed one day". */
export const MAX_EVALUATION_SECONDS = 86_400;
/** PutMetricAlarm takes at most 5 AlarmActions and 5 OKActions. */
export const MAX_ACTIONS = 5;

/**
 * The break-even utilization of provisioned concurrency at the advisor's prices (0.6 for both architectures; AWS has
 * quoted "about 60%" since launch), rounded to a percent for the alarm's threshold.
 */
export const BREAK_EVEN_UTILIZATION = Math.round(breakEvenUtilization(US_EAST_1_PRICES.x86_64) * 100) / 100;

/**
 * The defaults. The Lambda metrics have one-minute resolution, so one minute is the shortest period.
 * - spillover, 0 in 3 of 5 minutes: any spilled request is a request that may have met a cold start, which is what
 *   the capacity was bought to prevent; 3 of 5 ignores the single minute of a deploy or a scale-out while still
 *   firing within 5 minutes of a sustained shortage.
 * - ceiling, 0.9 in 12 of 15 minutes: target tracking scales out after 3 minutes above its target (0.7 by default)
 *   and new environments take minutes to allocate; 15 minutes of utilization still at 90% means it could not.
 *   12 of 15 rather than 15 of 15, so that one quieter minute does not hide a shortage.
 * - lowUtilization, break-even over one day: utilization swings within a day; a day is the span an alarm can look at.
 * - warmer alarms: one period per run (the period is the schedule's interval); a warmer is best effort, so a single
 *   short run is no news, three in a row are (shortfall) and two failed runs of three are (failures).
 */
export function defaultAlarmSettings(kind: AlarmKind, warmerPeriodSeconds = 300): ResolvedAlarmSettings {
    switch (kind) {
        case "spillover":
            return { threshold: 0, periodSeconds: 60, evaluationPeriods: 5, datapointsToAlarm: 3 };
        case "ceiling":
            return { threshold: 0.9, periodSeconds: 60, evaluationPeriods: 15, datapointsToAlarm: 12 };
        case "lowUtilization":
            return { threshold: BREAK_EVEN_UTILIZATION, periodSeconds: 86_400, evaluationPeriods: 1, datapointsToAlarm: 1 };
        case "warmerShortfall": {
            const periods = Math.max(1, Math.min(3, Math.floor(MAX_EVALUATION_SECONDS / warmerPeriodSeconds)));
            return { threshold: 0, periodSeconds: warmerPeriodSeconds, evaluationPeriods: periods, datapointsToAlarm: periods };
        }
        case "warmerFailures": {
            const periods = Math.max(1, Math.min(3, Math.floor(MAX_EVALUATION_SECONDS / warmerPeriodSeconds)));
            return { threshold: 0, periodSeconds: warmerPeriodSeconds, evaluationPeriods: periods, datapointsToAlarm: Math.min(2, periods) };
        }
    }
}

/** The threshold's rule for each alarm: a count (0 or more) or a utilization (a fraction above 0, at most 1). */
function thresholdProblem(kind: AlarmKind, value: unknown, at: string): ValidationResult {
    const fraction = kind === "ceiling" || kind === "lowUtilization";
    if (typeof value !== "number" || !Number.isFinite(value)) {
        return `${at} must be a number, got ${describeValue(value)}`;
    }
    if (fraction && (value <= 0 || value > 1)) {
        const hint = value > 1 && value <= 100 ? ` (a fraction: did you mean ${Number((value / 100).toPrecision(12))}?)` : "";
        return `${at} is a utilization: a fraction above 0 and at most 1, got ${value}${hint}`;
    }
    if (!fraction && value < 0) {
        return `${at} is a count: 0 or more, got ${value}`;
    }
    return undefined;
}

const ALARM_SETTING_KEYS = ["enabled", "threshold", "periodSeconds", "evaluationPeriods", "datapointsToAlarm"] as const;
const MONITORING_KEYS = [
    "alarmActions",
    "okActions",
    "spillover",
    "ceiling",
    "lowUtilization",
    "warmerShortfall",
    "warmerFailures",
    "dashboard",
] as const;

/** A key nobody reads, refused with the closest known one: a misspelt setting must not be silently dropped. */
function unknownKeyProblem(value: object, known: readonly string[], at: string): ValidationResult {
    for (const key of Object.keys(value)) {
        if (!known.includes(key)) {
            const near = closestWord(key, known, { ignoreCase: true });
            return `${at} has no setting "${key}"${near === undefined ? `; known: ${known.join(", ")}` : ` (did you mean "${near}"?)`}`;
        }
    }
    return undefined;
}

function wholeNumberProblem(value: unknown, at: string, minimum: number): ValidationResult {
    if (typeof value !== "number" || !Number.isInteger(value) || value < minimum) {
        return `${at} must be a whole number, at least ${minimum}, got ${describeValue(value)}`;
    }
    return undefined;
}

/** Checks one alarm's settings and fills in the defaults. */
export function resolveAlarmSettings(
    kind: AlarmKind,
    given: unknown,
    warmerPeriodSeconds?: number,
): { settings?: ResolvedAlarmSettings } | { error: string } {
    const at = `monitoring.${kind}`;
    const defaults = defaultAlarmSettings(kind, warmerPeriodSeconds);
    if (given === undefined) {
        return { settings: defaults };
    }
    if (given === null || typeof given !== "object" || Array.isArray(given)) {
        return { error: `${at} must be an object of alarm settings (or left out), got ${describeValue(given)}` };
    }
    const unknown = unknownKeyProblem(given, ALARM_SETTING_KEYS, at);
    if (unknown !== undefined) {
        return { error: unknown };
    }
    const s = given as AlarmSettings;
    if (s.enabled !== undefined && typeof s.enabled !== "boolean") {
        return { error: `${at}.enabled must be true or false, got ${describeValue(s.enabled)}` };
    }
    if (s.enabled === false) {
        return {};
    }
    const threshold = s.threshold ?? defaults.threshold;
    const periodSeconds = s.periodSeconds ?? defaults.periodSeconds;
    // A longer period given alone shortens the default evaluation, rather than failing the one-day rule.
    const evaluationPeriods =
        s.evaluationPeriods ?? Math.max(1, Math.min(defaults.evaluationPeriods, Math.floor(MAX_EVALUATION_SECONDS / periodSeconds)));
    const datapointsToAlarm = s.datapointsToAlarm ?? Math.min(defaults.datapointsToAlarm, evaluationPeriods);
    const problem =
        (s.threshold === undefined ? undefined : thresholdProblem(kind, s.threshold, `${at}.threshold`)) ??
        wholeNumberProblem(periodSeconds, `${at}.periodSeconds`, 60) ??
        (periodSeconds % 60 !== 0
            ? `${at}.periodSeconds must be a whole number of minutes (a multiple of 60): the Lambda metrics have one-minute resolution, got ${periodSeconds}`
            : undefined) ??
        (periodSeconds > MAX_EVALUATION_SECONDS ? `${at}.periodSeconds must be at most 86400 (a day), got ${periodSeconds}` : undefined) ??
        wholeNumberProblem(evaluationPeriods, `${at}.evaluationPeriods`, 1) ??
        (periodSeconds * evaluationPeriods > MAX_EVALUATION_SECONDS
            ? `${at}: periodSeconds times evaluationPeriods must be at most 86400 (CloudWatch evaluates at most a day), got ${periodSeconds} x ${evaluationPeriods} = ${periodSeconds * evaluationPeriods}`
            : undefined) ??
        wholeNumberProblem(datapointsToAlarm, `${at}.datapointsToAlarm`, 1) ??
        (datapointsToAlarm > evaluationPeriods
            ? `${at}.datapointsToAlarm (${datapointsToAlarm}) must not be above evaluationPeriods (${evaluationPeriods})`
            : undefined);
    if (problem !== undefined) {
        return { error: problem };
    }
    return { settings: { threshold, periodSeconds, evaluationPeriods, datapointsToAlarm } };
}

/**
 * An SNS topic ARN, the one kind of alarm action the package offers: `arn:PARTITION:sns:REGION:ACCOUNT:TOPIC`, the topic
 * name 1 to 256 letters, digits, hyphens and underscores, `.fifo` allowed at the end (SNS CreateTopic).
 */
export function validateTopicArn(value: unknown, at: string): ValidationResult {
    if (typeof value !== "string") {
        return `${at} must be an SNS topic ARN, got ${describeValue(value)}`;
    }
    const match = /^arn:(aws|aws-cn|aws-us-gov|aws-iso|aws-iso-[a-z]|aws-eusc):sns:([a-z]{2}(-[a-z]+)+-\d+):(\d{12}):([A-Za-z0-9_-]{1,256}(\.fifo)?)$/.exec(value);
    if (match === null) {
        return `${at} must be an SNS topic ARN (arn:aws:sns:REGION:ACCOUNT_ID:TOPIC_NAME), got ${describeValue(value)}`;
    }
    return undefined;
}

/**
 * Checks `monitoring` for a component: undefined when monitoring is off. Plain values only, except the action ARNs
 * (often a topic's Output), which the caller checks when they resolve with {@link validateTopicArn}.
 */
export function resolveMonitoring(
    component: MonitoredComponent,
    given: unknown,
    options: { warmerPeriodSeconds?: number } = {},
): { monitoring?: ResolvedMonitoring } | { error: string } {
    if (given === undefined || given === null) {
        return {};
    }
    if (typeof given !== "object" || Array.isArray(given)) {
        return { error: `monitoring must be an object (give {} for the defaults), got ${describeValue(given)}` };
    }
    const unknown = unknownKeyProblem(given, MONITORING_KEYS, "monitoring");
    if (unknown !== undefined) {
        return { error: unknown };
    }
    const m = given as Monitoring;
    const applicable = ALARMS_OF[component];
    const alarms: Partial<Record<AlarmKind, ResolvedAlarmSettings>> = {};
    for (const kind of ["spillover", "ceiling", "lowUtilization", "warmerShortfall", "warmerFailures"] as const) {
        if (!applicable.includes(kind)) {
            if (m[kind] !== undefined) {
                const owners = (Object.keys(ALARMS_OF) as MonitoredComponent[]).filter((c) => ALARMS_OF[c].includes(kind));
                return { error: `monitoring.${kind} applies to ${listed(owners)}, not to ${component} (its alarms: ${applicable.join(", ")})` };
            }
            continue;
        }
        const resolved = resolveAlarmSettings(kind, m[kind], options.warmerPeriodSeconds);
        if ("error" in resolved) {
            return resolved;
        }
        if (resolved.settings !== undefined) {
            alarms[kind] = resolved.settings;
        }
    }
    const actions = (key: "alarmActions" | "okActions"): pulumi.Input<string>[] | { error: string } => {
        const list: unknown = m[key];
        if (list === undefined) {
            return [];
        }
        if (!Array.isArray(list)) {
            return { error: `monitoring.${key} must be an array of SNS topic ARNs, got ${describeValue(list)}` };
        }
        if (list.length > MAX_ACTIONS) {
            return { error: `monitoring.${key} lists ${list.length} topics; CloudWatch takes at most ${MAX_ACTIONS} per alarm state` };
        }
        for (const [i, arn] of list.entries()) {
            const problem = isPlainString(arn) ? validateTopicArn(arn, `monitoring.${key}[${i}]`) : undefined;
            if (problem !== undefined) {
                return { error: problem };
            }
            if (!isPlainString(arn) && !pulumi.Output.isInstance(arn) && !(arn instanceof Promise)) {
                return { error: validateTopicArn(arn, `monitoring.${key}[${i}]`) as string };
            }
        }
        return list as pulumi.Input<string>[];
    };
    const alarmActions = actions("alarmActions");
    if ("error" in alarmActions) {
        return alarmActions;
    }
    const okActions = actions("okActions");
    if ("error" in okActions) {
        return okActions;
    }
    if (m.dashboard !== undefined && typeof m.dashboard !== "boolean") {
        return { error: `monitoring.dashboard must be true or false, got ${describeValue(m.dashboard)}` };
    }
    return { monitoring: { alarms, alarmActions, okActions, dashboard: m.dashboard ?? true } };
}

/** "A", "A and B", "A, B and C". */
function listed(words: readonly string[]): string {
    return words.length <= 1 ? words.join("") : `${words.slice(0, -1).join(", ")} and ${words[words.length - 1]}`;
}

function isPlainString(value: unknown): value is string {
    return typeof value === "string";
}
