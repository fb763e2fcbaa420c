// When a schedule fires: the next occurrences of an expression, in its time zone (daylight saving time included),
// inside its StartTime/EndTime window.
// Sources in brackets are listed in components/schedule.ts.
import { dayOfWeekOf, daysInMonth, instantOfWallClock, steadyOffsetOfDay, wallClockAt } from "./calendar";
import { parseScheduleExpression } from "./parse";
import { CronSchedule, ParsedSchedule, ScheduleError, ScheduleWindow } from "./types";
import { parseTimestamp, validateScheduleTimes, validateTimezone } from "./validate";

/** Whether the day fields select a calendar date. */
function cronSelectsDay(cron: CronSchedule, year: number, month: number, day: number): boolean {
    const dom = cron.dayOfMonth;
    const dim = daysInMonth(year, month);
    switch (dom.kind) {
        case "any":
            break;
        case "days":
            if (!dom.values.includes(day)) return false;
            break;
        case "last":
            if (day !== dim) return false;
            break;
        case "lastWeekday":
            if (day !== nearestWeekday(year, month, dim)) return false;
            break;
        case "nearestWeekday":
            // A day beyond the end of the month (31W in April) selects nothing that month.
            if (dom.day > dim || day !== nearestWeekday(year, month, dom.day)) return false;
            break;
    }
    const dow = cron.dayOfWeek;
    const weekday = dayOfWeekOf(year, month, day);
    switch (dow.kind) {
        case "any":
            return true;
        case "days":
            return dow.values.includes(weekday);
        case "lastOfMonth":
            return weekday === dow.day && day + 7 > dim;
        case "nthOfMonth":
            return weekday === dow.day && Math.ceil(day / 7) === dow.nth;
    }
}

/**
 * The weekday (Monday-Friday) nearest to `day`, without leaving the month [EB cron, "W"]: a Saturday moves to Friday
 * unless it is the 1st (then Monday the 3rd); a Sunday moves to Monday unless it is the last day (then Friday).
 */
function nearestWeekday(year: number, month: number, day: number): number {
    const weekday = dayOfWeekOf(year, month, day);
    if (weekday === 7) return day === 1 ? 3 : day - 1;
    if (weekday === 1) return day === daysInMonth(year, month) ? day - 2 : day + 1;
    return day;
}

function firstAtOrAfter(values: readonly number[], minimum: number): number | undefined {
    return values.find((v) => v >= minimum);
}

/** Cron firings at or after `earliestMs`, in time order, evaluated on the wall clock of `timezone`. */
function* cronFirings(cron: CronSchedule, timezone: string, earliestMs: number): Generator<number> {
    const start = wallClockAt(earliestMs, timezone);
    let year = start.year;
    let month = start.month;
    let day = start.day;
    const seconds = cron.second?.values ?? [0];
    for (;;) {
        const nextYear = firstAtOrAfter(cron.year.values, year);
        if (nextYear === undefined) return;
        if (nextYear !== year) {
            [year, month, day] = [nextYear, 1, 1];
            continue;
        }
        const nextMonth = firstAtOrAfter(cron.month.values, month);
        if (nextMonth === undefined) {
            [year, month, day] = [year + 1, 1, 1];
            continue;
        }
        if (nextMonth !== month) {
            [month, day] = [nextMonth, 1];
            continue;
        }
        if (day > daysInMonth(year, month)) {
            [month, day] = [month + 1, 1];
            if (month > 12) [year, month] = [year + 1, 1];
            continue;
        }
        if (cronSelectsDay(cron, year, month, day)) {
            const steadyOffset = steadyOffsetOfDay(year, month, day, timezone);
            for (const hour of cron.hour.values) {
                for (const minute of cron.minute.values) {
                    for (const second of seconds) {
                        const instant =
                            steadyOffset === undefined
                                ? instantOfWallClock({ year, month, day, hour, minute, second }, timezone)
                                : Date.UTC(year, month - 1, day, hour, minute, second) - steadyOffset;
                        if (instant !== undefined && instant >= earliestMs) yield instant;
                    }
                }
            }
        }
        day += 1;
    }
}

export interface Window {
    readonly startMs?: number;
    readonly endMs?: number;
}

/**
 * All firings of a schedule at or after `earliestMs`, in time order.
 * - rate: every interval from the action's StartTime, or else from `referenceMs` (AWS counts from when the action is
 *   created, which an offline plan cannot know) [AAS examples, "recurring interval"].
 * - cron: [AAS cron] "If you specify a start time, Application Auto Scaling performs the action at this time, and then
 *   performs the action based on the specified recurrence."
 * - both: "If you specify an end time, the action stops repeating after this time" [AAS cron]; a firing exactly at
 *   EndTime still happens.
 * - at: fires once; StartTime/EndTime are documented for recurring schedules only, so they do not apply.
 */
function* firings(
    schedule: ParsedSchedule,
    timezone: string,
    window: Window,
    earliestMs: number,
    referenceMs: number,
): Generator<number> {
    const { startMs, endMs } = window;
    const beforeEnd = (t: number): boolean => endMs === undefined || t <= endMs;
    switch (schedule.kind) {
        case "at": {
            const instant = instantOfWallClock(schedule.dateTime, timezone);
            if (instant !== undefined && instant >= earliestMs) yield instant;
            return;
        }
        case "rate": {
            const origin = startMs ?? referenceMs;
            const firstIndex = startMs === undefined ? 1 : 0;
            let index = Math.max(firstIndex, Math.ceil((earliestMs - origin) / schedule.intervalMs));
            for (;;) {
                const instant = origin + index * schedule.intervalMs;
                if (!beforeEnd(instant)) return;
                yield instant;
                index += 1;
            }
        }
        case "cron": {
            if (startMs !== undefined && startMs >= earliestMs && beforeEnd(startMs)) yield startMs;
            const from = startMs === undefined ? earliestMs : Math.max(earliestMs, startMs);
            for (const instant of cronFirings(schedule, timezone, from)) {
                if (instant === startMs) continue;
                if (!beforeEnd(instant)) return;
                yield instant;
            }
            return;
        }
    }
}

export function requireDate(name: string, value: Date): number {
    if (!(value instanceof Date) || Number.isNaN(value.getTime())) {
        throw new ScheduleError(`${name} must be a valid Date`);
    }
    return value.getTime();
}

export function requireTimezone(timezone: string): void {
    const problem = validateTimezone(timezone);
    if (problem !== undefined) throw new ScheduleError(problem);
}

export function windowOf(options: ScheduleWindow): Window {
    const problem = validateScheduleTimes(options.startTime, options.endTime);
    if (problem !== undefined) throw new ScheduleError(problem);
    return {
        startMs: options.startTime === undefined ? undefined : (parseTimestamp("startTime", options.startTime) as number),
        endMs: options.endTime === undefined ? undefined : (parseTimestamp("endTime", options.endTime) as number),
    };
}

/**
 * The next `count` firing times strictly after `from` of an Application Auto Scaling schedule.
 * cron and at are read on the wall clock of `timezone` (DST: see instantOfWallClock); rate runs from
 * `options.startTime`, or from `from` when there is none. Returns fewer than `count` dates when the schedule ends
 * (at() once, a year field that runs out, an endTime, or a date that never comes such as 30 February).
 */
export function nextOccurrences(
    expression: string,
    from: Date,
    count: number,
    timezone = "UTC",
    options: ScheduleWindow = {},
): Date[] {
    const fromMs = requireDate("from", from);
    if (!Number.isInteger(count) || count < 0) {
        throw new ScheduleError(`count must be a whole number >= 0, got ${count}`);
    }
    requireTimezone(timezone);
    const window = windowOf(options);
    const schedule = parseScheduleExpression(expression);
    const result: Date[] = [];
    if (count === 0) return result;
    for (const instant of firings(schedule, timezone, window, fromMs + 1, fromMs)) {
        result.push(new Date(instant));
        if (result.length === count) break;
    }
    return result;
}

/**
 * Every firing time in [from, to) of an Application Auto Scaling schedule (same rules as nextOccurrences, except that
 * a firing exactly at `from` is included).
 */
export function occurrencesBetween(
    expression: string,
    from: Date,
    to: Date,
    timezone = "UTC",
    options: ScheduleWindow = {},
): Date[] {
    const fromMs = requireDate("from", from);
    const toMs = requireDate("to", to);
    requireTimezone(timezone);
    const window = windowOf(options);
    const schedule = parseScheduleExpression(expression);
    return collectBetween(schedule, timezone, window, fromMs, toMs).map((ms) => new Date(ms));
}

export function collectBetween(
    schedule: ParsedSchedule,
    timezone: string,
    window: Window,
    fromMs: number,
    toMs: number,
): number[] {
    const result: number[] = [];
    for (const instant of firings(schedule, timezone, window, fromMs, fromMs)) {
        if (instant >= toMs) break;
        result.push(instant);
    }
    return result;
}
