// Calendar and time-zone arithmetic for schedules: days of months and weeks, the wall clock of an IANA zone at an
// instant, and the instant of a wall-clock time, with the daylight saving time rule AWS documents. Intl does the
// zone arithmetic, so there is no time zone database to ship or update.
// Sources in brackets are listed in components/schedule.ts.
import { LocalDateTime } from "./types";

export const DAY_MS = 86_400_000;

export function daysInMonth(year: number, month: number): number {
    return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** Day of week of a calendar date, 1-7 with 1 = Sunday (the AWS numbering [EB cron]). */
export function dayOfWeekOf(year: number, month: number, day: number): number {
    return new Date(Date.UTC(year, month - 1, day)).getUTCDay() + 1;
}

export function pad2(n: number): string {
    return String(n).padStart(2, "0");
}

export function pad4(n: number): string {
    return String(n).padStart(4, "0");
}

const wallClockFormatters = new Map<string, Intl.DateTimeFormat>();

function wallClockFormatter(timezone: string): Intl.DateTimeFormat {
    let formatter = wallClockFormatters.get(timezone);
    if (formatter === undefined) {
        formatter = new Intl.DateTimeFormat("en-US", {
            timeZone: timezone,
            hourCycle: "h23",
            year: "numeric",
            month: "numeric",
            day: "numeric",
            hour: "numeric",
            minute: "numeric",
            second: "numeric",
            weekday: "short",
        });
        wallClockFormatters.set(timezone, formatter);
    }
    return formatter;
}

export interface WallClock extends LocalDateTime {
    /** "Mon", "Tue"... */
    readonly weekday: string;
}

/** The wall-clock reading in `timezone` at instant `ms` (seconds resolution). */
export function wallClockAt(ms: number, timezone: string): WallClock {
    const parts: Record<string, string> = {};
    for (const part of wallClockFormatter(timezone).formatToParts(new Date(ms))) {
        parts[part.type] = part.value;
    }
    return {
        year: Number(parts.year),
        month: Number(parts.month),
        day: Number(parts.day),
        hour: Number(parts.hour),
        minute: Number(parts.minute),
        second: Number(parts.second),
        weekday: parts.weekday ?? "",
    };
}

/** The zone's offset from UTC at instant `ms`, in milliseconds (wall clock minus UTC). */
function offsetAt(ms: number, timezone: string): number {
    const wall = wallClockAt(ms, timezone);
    const wholeSecond = Math.floor(ms / 1000) * 1000;
    return Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute, wall.second) - wholeSecond;
}

function sameWallClock(a: LocalDateTime, b: LocalDateTime): boolean {
    return (
        a.year === b.year && a.month === b.month && a.day === b.day &&
        a.hour === b.hour && a.minute === b.minute && a.second === b.second
    );
}

/**
 * The instant at which the wall clock in `timezone` reads `t`.
 * DST rule, as EventBridge Scheduler documents it [EB Scheduler DST] (Application Auto Scaling only says it "adjusts
 * for Daylight Saving Time" [AAS scheduled]): a wall time skipped when clocks go forward does not exist, so nothing
 * fires (returns undefined); a wall time that happens twice when clocks go back fires once, at its first occurrence.
 */
export function instantOfWallClock(t: LocalDateTime, timezone: string): number | undefined {
    const asIfUtc = Date.UTC(t.year, t.month - 1, t.day, t.hour, t.minute, t.second);
    // A day either side of the wall time brackets any transition near it; try both offsets.
    const candidates = new Set([
        asIfUtc - offsetAt(asIfUtc - DAY_MS, timezone),
        asIfUtc - offsetAt(asIfUtc + DAY_MS, timezone),
    ]);
    let earliest: number | undefined;
    for (const candidate of candidates) {
        if (sameWallClock(wallClockAt(candidate, timezone), t) && (earliest === undefined || candidate < earliest)) {
            earliest = candidate;
        }
    }
    return earliest;
}

/**
 * The single UTC offset that holds for every wall time of a local day, or undefined when the offset changes around
 * that day (then each time goes through instantOfWallClock). Saves Intl calls on ordinary days.
 */
export function steadyOffsetOfDay(year: number, month: number, day: number, timezone: string): number | undefined {
    const midnightAsIfUtc = Date.UTC(year, month - 1, day);
    const before = offsetAt(midnightAsIfUtc - DAY_MS, timezone);
    const after = offsetAt(midnightAsIfUtc + 2 * DAY_MS, timezone);
    return before === after ? before : undefined;
}

/** Says why a date and time is not real (month 13, 30 February, hour 24...), or undefined. */
export function dateTimeProblem(t: LocalDateTime): string | undefined {
    const date = `${pad4(t.year)}-${pad2(t.month)}-${pad2(t.day)}`;
    if (t.month < 1 || t.month > 12 || t.day < 1 || t.day > daysInMonth(t.year, t.month)) {
        return `${date} is not a calendar date`;
    }
    if (t.hour > 23) return `hour ${t.hour} is out of range 0-23`;
    if (t.minute > 59) return `minute ${t.minute} is out of range 0-59`;
    if (t.second > 59) return `second ${t.second} is out of range 0-59`;
    return undefined;
}
