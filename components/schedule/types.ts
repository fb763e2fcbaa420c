// The errors and public types of the schedule modules: what a parsed expression looks like, and what callers pass.
// Sources in brackets ([PutScheduledAction], [AAS cron], [EB cron]...) are listed in components/schedule.ts.
/** Thrown for an invalid schedule expression, time zone, time window or timeline input. The message says what and where. */
export class ScheduleError extends Error {
    constructor(message: string) {
        super(message);
        this.name = "ScheduleError";
    }
}

/** The three kinds of schedule expression. */
export type ScheduleKind = "cron" | "rate" | "at";

/**
 * The AWS service that will run a schedule.
 * - `application-autoscaling`: scheduled actions (PutScheduledAction). Takes cron, rate and at; cron may carry a seventh,
 *   leading seconds field [AAS cron, "Exception" paragraph of the awsdocs GitHub version]. Schedule up to 1600 characters.
 * - `eventbridge`: EventBridge rules (PutRule). Takes six-field cron and rate only [EB cron], up to 256 characters
 *   [EB PutRule].
 */
export type ScheduleService = "application-autoscaling" | "eventbridge";

/** Restrictions a caller puts on the expressions it accepts. */
export interface ScheduleExpressionOptions {
    /**
     * The expression kinds accepted.
     * @default ["cron", "rate", "at"] for application-autoscaling, ["cron", "rate"] for eventbridge
     */
    readonly allow?: readonly ScheduleKind[];
    /**
     * The service that will run the schedule.
     * @default "application-autoscaling"
     */
    readonly service?: ScheduleService;
}

/** A cron field that selects plain numbers (minute, hour, month, year, second), with its source text. */
export interface CronValues {
    /** The field as written, e.g. "0/15" or "MON-FRI". */
    readonly text: string;
    /** The selected values, ascending, without duplicates. Months are 1-12, days of week 1-7 with 1 = Sunday. */
    readonly values: readonly number[];
}

/** The day-of-month field. */
export type CronDayOfMonth =
    /** `?`: no constraint; the day-of-week field decides. */
    | { readonly kind: "any"; readonly text: string }
    /** Numbers, ranges, lists, steps or `*` (1-31). */
    | { readonly kind: "days"; readonly text: string; readonly values: readonly number[] }
    /** `L`: the last day of the month. */
    | { readonly kind: "last"; readonly text: string }
    /** `LW`: the last weekday (Monday-Friday) of the month. */
    | { readonly kind: "lastWeekday"; readonly text: string }
    /** `nW`: the weekday nearest to day n, within the same month. */
    | { readonly kind: "nearestWeekday"; readonly text: string; readonly day: number };

/** The day-of-week field (1-7, 1 = Sunday). */
export type CronDayOfWeek =
    /** `?`: no constraint; the day-of-month field decides. */
    | { readonly kind: "any"; readonly text: string }
    /** Numbers, names, ranges, lists or `*`; a lone `L` is the last day of the week, Saturday (7). */
    | { readonly kind: "days"; readonly text: string; readonly values: readonly number[] }
    /** `nL`: the last day n of the month, e.g. `6L` the last Friday. */
    | { readonly kind: "lastOfMonth"; readonly text: string; readonly day: number }
    /** `n#k`: the k-th day n of the month, e.g. `3#2` the second Tuesday. */
    | { readonly kind: "nthOfMonth"; readonly text: string; readonly day: number; readonly nth: number };

/** A parsed `cron(...)` expression. */
export interface CronSchedule {
    readonly kind: "cron";
    readonly expression: string;
    /** Only in the seven-field form that Application Auto Scaling accepts; always a single second. */
    readonly second?: CronValues;
    readonly minute: CronValues;
    readonly hour: CronValues;
    readonly dayOfMonth: CronDayOfMonth;
    readonly month: CronValues;
    readonly dayOfWeek: CronDayOfWeek;
    readonly year: CronValues;
}

/** A parsed `rate(value unit)` expression. */
export interface RateSchedule {
    readonly kind: "rate";
    readonly expression: string;
    readonly value: number;
    readonly unit: "minute" | "hour" | "day";
    /** value x unit in milliseconds; a day is 24 hours [EB Scheduler DST]. */
    readonly intervalMs: number;
}

/** A calendar date and wall-clock time, without a time zone. Month 1-12. */
export interface LocalDateTime {
    readonly year: number;
    readonly month: number;
    readonly day: number;
    readonly hour: number;
    readonly minute: number;
    readonly second: number;
}

/** A parsed `at(yyyy-mm-ddThh:mm:ss)` expression: a wall-clock time in the schedule's time zone [AAS examples]. */
export interface AtSchedule {
    readonly kind: "at";
    readonly expression: string;
    readonly dateTime: LocalDateTime;
}

/** A parsed schedule expression. */
export type ParsedSchedule = CronSchedule | RateSchedule | AtSchedule;

/** The StartTime/EndTime window of a scheduled action, as RFC 3339 timestamps such as "2026-12-01T00:00:00Z". */
export interface ScheduleWindow {
    readonly startTime?: string;
    readonly endTime?: string;
}

/** The type of a value that should have been a string, for messages ("null", "number", "undefined"...). */
export function describeType(value: unknown): string {
    if (value === null) return "null";
    return typeof value;
}
