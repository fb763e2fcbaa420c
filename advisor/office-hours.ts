/**
 * Office hours for the business-hours shape: when the peak runs, on the traffic's wall clock. The shape's default
 * (08:00-18:00, Monday to Friday) is one office's; others open at 09:00 or close at 17:30, or work on Saturdays, and
 * writing a CSV by hand for that was the only way before. Parsing is here, with the rules the messages name.
 */

export interface OfficeHours {
    /** Minute of the day the peak starts (0-1439). */
    readonly openMinute: number;
    /** Minute of the day the peak ends, after openMinute (at most 1440, midnight). */
    readonly closeMinute: number;
    /** Days with the peak, 0 = Monday ... 6 = Sunday, ascending. */
    readonly days: readonly number[];
}

export const DEFAULT_OFFICE_HOURS: OfficeHours = { openMinute: 8 * 60, closeMinute: 18 * 60, days: [0, 1, 2, 3, 4] };

const DAY_NAMES = ["MON", "TUE", "WED", "THU", "FRI", "SAT", "SUN"];

/** Whether a minute of the week (0 = Monday 00:00) falls in office hours. */
export function inOfficeHours(hours: OfficeHours, minuteOfWeek: number): boolean {
    const day = Math.floor(minuteOfWeek / 1440) % 7;
    const minute = minuteOfWeek % 1440;
    return hours.days.includes(day) && minute >= hours.openMinute && minute < hours.closeMinute;
}

/**
 * A time of day, "HH:MM" (24-hour clock), as minutes since midnight; "24:00" (midnight at the end of the day) only
 * where `allowMidnightEnd`. Throws a message naming the rule; the caller names the flag.
 */
export function parseClockTime(text: string, allowMidnightEnd: boolean): number {
    const match = /^(\d{1,2}):(\d{2})$/.exec(text.trim());
    const rule = `a time HH:MM from 00:00 to ${allowMidnightEnd ? "24:00" : "23:59"}`;
    if (!match) throw new Error(`must be ${rule}, got "${text}"`);
    const hours = Number(match[1]);
    const minutes = Number(match[2]);
    const total = hours * 60 + minutes;
    if (minutes > 59 || total > (allowMidnightEnd ? 1440 : 1439)) throw new Error(`must be ${rule}, got "${text}"`);
    return total;
}

/**
 * Days of the week: names (MON to SUN) and ranges, comma-separated, e.g. "MON-FRI" or "MON-FRI,SAT"; a range goes
 * forward through the week (FRI-MON is refused: say FRI-SUN,MON). Returns the days, ascending, each once.
 */
export function parseDayList(text: string): number[] {
    const rule = 'must be days MON to SUN, single or as ranges, comma-separated (e.g. "MON-FRI" or "MON-FRI,SAT")';
    const days = new Set<number>();
    for (const part of text.split(",")) {
        const bounds = part.trim().toUpperCase().split("-");
        const indexes = bounds.map((name) => DAY_NAMES.indexOf(name));
        if (bounds.length > 2 || indexes.some((index) => index < 0)) throw new Error(`${rule}, got "${text}"`);
        const [first, last = first] = indexes;
        if (last < first) throw new Error(`${rule}, got "${text}": the range ${part.trim()} goes backwards through the week (Monday first)`);
        for (let day = first; day <= last; day++) days.add(day);
    }
    return [...days].sort((a, b) => a - b);
}

/** Checks that the peak lasts a while: closing must come after opening, on the same day. */
export function officeHours(openMinute: number, closeMinute: number, days: readonly number[]): OfficeHours {
    if (closeMinute <= openMinute) {
        throw new Error(`must be after the opening time (${clock(openMinute)}), got ${clock(closeMinute)}: office hours end on the day they start`);
    }
    return { openMinute, closeMinute, days };
}

function clock(minute: number): string {
    return `${String(Math.floor(minute / 60)).padStart(2, "0")}:${String(minute % 60).padStart(2, "0")}`;
}
