// One-line English descriptions of schedule expressions, for the offline plan and messages.
import { pad2, pad4 } from "./calendar";
import { parseScheduleExpression } from "./parse";
import { CronSchedule } from "./types";

const MONTH_FULL = [
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
] as const;
const DAY_FULL = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"] as const;
const ORDINALS = ["first", "second", "third", "fourth", "fifth"] as const;

function joinWords(items: readonly string[]): string {
    if (items.length <= 1) return items.join("");
    return `${items.slice(0, -1).join(", ")} and ${items[items.length - 1]}`;
}

/** Whether sorted values run without a gap, allowing a wrap from the field's max back to its min. */
function contiguousRun(values: readonly number[], min: number, max: number): { first: number; last: number } | undefined {
    if (values.length < 2) return undefined;
    const gaps: number[] = [];
    for (let i = 1; i < values.length; i++) {
        if ((values[i]) !== (values[i - 1]) + 1) gaps.push(i);
    }
    const first = values[0];
    const last = values[values.length - 1];
    if (gaps.length === 0) return { first, last };
    // One gap and the values touch both ends of the field: a wrapped run such as hours 20-2.
    if (gaps.length === 1 && first === min && last === max) {
        const gap = gaps[0];
        return { first: values[gap], last: values[gap - 1] };
    }
    return undefined;
}

function namedValues(values: readonly number[], names: readonly string[], min: number, max: number): string {
    const run = contiguousRun(values, min, max);
    if (run && values.length >= 3) return `${names[run.first - min]} to ${names[run.last - min]}`;
    return joinWords(values.map((v) => names[v - min]));
}

function numberList(values: readonly number[]): string {
    const run = contiguousRun(values, -1, -1);
    if (run && values.length >= 3) return `${run.first}-${run.last}`;
    return values.join(", ");
}

/** An increment pattern (start, start+step, ... to the end of the field), if the values are one. */
function stepPattern(values: readonly number[], max: number): { start: number; step: number } | undefined {
    if (values.length < 2) return undefined;
    const start = values[0];
    const step = (values[1]) - start;
    for (let i = 1; i < values.length; i++) {
        if ((values[i]) - (values[i - 1]) !== step) return undefined;
    }
    return (values[values.length - 1]) + step > max ? { start, step } : undefined;
}

function describeTimes(cron: CronSchedule): { text: string; fixed: boolean } {
    const minutes = cron.minute.values;
    const hours = cron.hour.values;
    const second = cron.second?.values[0] ?? 0;
    const clock = (h: number, m: number): string => `${pad2(h)}:${pad2(m)}${second === 0 ? "" : `:${pad2(second)}`}`;
    if (minutes.length * hours.length <= 4) {
        const times = hours.flatMap((h) => minutes.map((m) => clock(h, m)));
        return { text: `at ${joinWords(times)}`, fixed: true };
    }
    let minutePart: string;
    const step = stepPattern(minutes, 59);
    if (minutes.length === 60) minutePart = "every minute";
    else if (minutes.length === 1) minutePart = `every hour at minute ${minutes[0]}`;
    else if (step && step.start < step.step) {
        minutePart = step.start === 0 ? `every ${step.step} minutes` : `every ${step.step} minutes from minute ${step.start}`;
    } else minutePart = `at minutes ${numberList(minutes)}`;
    if (hours.length === 24) return { text: minutePart, fixed: false };
    const run = contiguousRun(hours, 0, 23);
    if (run) {
        const firstMinute = minutes[0];
        const lastMinute = minutes[minutes.length - 1];
        return {
            text: `${minutePart} between ${clock(run.first, firstMinute)} and ${clock(run.last, lastMinute)}`,
            fixed: false,
        };
    }
    return { text: `${minutePart} during hours ${hours.join(", ")}`, fixed: false };
}

function describeDays(cron: CronSchedule): string {
    const dom = cron.dayOfMonth;
    const dow = cron.dayOfWeek;
    switch (dom.kind) {
        case "days":
            if (dom.values.length === 31) return "every day";
            return dom.values.length === 1
                ? `on day ${dom.values[0]} of the month`
                : `on days ${numberList(dom.values)} of the month`;
        case "last":
            return "on the last day of the month";
        case "lastWeekday":
            return "on the last weekday of the month";
        case "nearestWeekday":
            return `on the weekday nearest day ${dom.day} of the month`;
        case "any":
            break;
    }
    switch (dow.kind) {
        case "days":
            if (dow.values.length === 7) return "every day";
            return `on ${namedValues(dow.values, DAY_FULL, 1, 7)}`;
        case "lastOfMonth":
            return `on the last ${DAY_FULL[dow.day - 1] as string} of the month`;
        case "nthOfMonth":
            return `on the ${ORDINALS[dow.nth - 1] as string} ${DAY_FULL[dow.day - 1] as string} of the month`;
        case "any":
            return "every day";
    }
}

/**
 * A one-line English description of a schedule expression, e.g. "at 18:00 on Monday to Friday",
 * "every 5 minutes between 08:00 and 17:55 on Monday to Friday", "every 2 hours", "once at 2026-12-01 08:00:00".
 * Times are on the schedule's time zone. Throws a ScheduleError for an invalid expression.
 */
export function describeSchedule(expression: string): string {
    const schedule = parseScheduleExpression(expression);
    switch (schedule.kind) {
        case "rate":
            return schedule.value === 1 ? `every ${schedule.unit}` : `every ${schedule.value} ${schedule.unit}s`;
        case "at": {
            const t = schedule.dateTime;
            return `once at ${pad4(t.year)}-${pad2(t.month)}-${pad2(t.day)} ${pad2(t.hour)}:${pad2(t.minute)}:${pad2(t.second)}`;
        }
        case "cron": {
            const times = describeTimes(schedule);
            const days = describeDays(schedule);
            const parts = [times.text];
            if (!(days === "every day" && !times.fixed)) parts.push(days);
            if (schedule.month.values.length !== 12) {
                parts.push(`in ${namedValues(schedule.month.values, MONTH_FULL, 1, 12)}`);
            }
            const years = schedule.year.values;
            if (years.length !== 2199 - 1970 + 1) {
                const run = contiguousRun(years, -1, -1);
                parts.push(run ? `in ${run.first}-${run.last}` : `in ${years.join(", ")}`);
            }
            return parts.join(" ");
        }
    }
}
