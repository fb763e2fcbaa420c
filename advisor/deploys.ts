/**
 * When code deploys happen in a simulated week (`--deploys-per-day N`): N a day on the office days, spread evenly over
 * the office hours, on the traffic's wall clock. Teams ship in working hours, which for an office-hours load are the
 * busy ones: the worst case for a deploy. Pure: the advisor turns the times into the simulator's Deploy events.
 */
import { DEFAULT_OFFICE_HOURS, OfficeHours } from "./office-hours";
import { MINUTE_MS } from "./defaults";

const DAY_MS = 24 * 60 * MINUTE_MS;
const WEEK_DAYS = 7;

/** The most deploys a day the advisor takes: one every 10 minutes of a 24-hour day, past which they would overlap. */
export const MAX_DEPLOYS_PER_DAY = 144;

/**
 * The deploys of a period that starts `startMinuteOfWeek` minutes into the week (0 = Monday 00:00 on its wall clock):
 * on each office day, deploy i of N at open + (i + 1/2) / N of the office hours. Milliseconds from the period's
 * start, ascending; those outside the period are left out.
 */
export function deployTimes(periodMs: number, startMinuteOfWeek: number, perDay: number, hours: OfficeHours = DEFAULT_OFFICE_HOURS): number[] {
    if (!Number.isInteger(perDay) || perDay < 0 || perDay > MAX_DEPLOYS_PER_DAY) {
        throw new Error(`deploys per day must be a whole number from 0 to ${MAX_DEPLOYS_PER_DAY}, got ${perDay}`);
    }
    const startMs = startMinuteOfWeek * MINUTE_MS;
    const times: number[] = [];
    const openMs = hours.openMinute * MINUTE_MS;
    const spanMs = (hours.closeMinute - hours.openMinute) * MINUTE_MS;
    for (let day = Math.floor(startMs / DAY_MS); day * DAY_MS < startMs + periodMs; day++) {
        if (!hours.days.includes(day % WEEK_DAYS)) continue;
        for (let i = 0; i < perDay; i++) {
            const at = day * DAY_MS + openMs + ((i + 0.5) * spanMs) / perDay - startMs;
            if (at >= 0 && at < periodMs) times.push(at);
        }
    }
    return times;
}
