/**
 * Goals per clock hour: the period's requests, cold starts (and throttles) and slow requests hour by hour, whether
 * every hour meets the goal, and the worst hour. A goal over a whole week hides its peak (a warmer can meet 0.01% over
 * the week and still leave dozens of cold starts every weekday at 08:00); users state goals per hour.
 *
 * Hours are clock hours of the week: the period starts `startMinuteOfWeek` minutes after Monday 00:00, so its first
 * hour may be partial (as may its last). A partial hour is an hour like the others: its own requests, its own p99.
 */
import { HOUR_MS, MINUTE_MS } from "./defaults";

/** The per-bin series hourly totals are made of (SimulationResult.series). */
export interface HourlySource {
    readonly binMs: number;
    readonly arrivals: ArrayLike<number>;
    readonly coldStarts: ArrayLike<number>;
    readonly throttled: ArrayLike<number>;
    readonly slowRequests: ArrayLike<number>;
}

/** One clock hour of the period. */
export interface HourTotals {
    /** Where the hour starts, in ms from the period's start (negative for a first hour that began before it). */
    readonly startMs: number;
    readonly requests: number;
    /** Requests that met a cold start or were throttled. */
    readonly coldStarts: number;
    /** Requests over the p99 goal's latency, or throttled (0 without a p99 goal). */
    readonly slowRequests: number;
}

/** How far into its clock hour the period starts, in ms. */
export function hourOffsetMs(startMinuteOfWeek: number): number {
    return (startMinuteOfWeek % 60) * MINUTE_MS;
}

/** The period's clock hours, in order, from per-bin series whose bins start at the period's start. */
export function hourlyTotals(series: HourlySource, startMinuteOfWeek: number): HourTotals[] {
    const offset = hourOffsetMs(startMinuteOfWeek);
    const hours: { startMs: number; requests: number; coldStarts: number; slowRequests: number }[] = [];
    for (let bin = 0; bin < series.arrivals.length; bin++) {
        const index = Math.floor((bin * series.binMs + offset) / HOUR_MS);
        while (hours.length <= index) {
            hours.push({ startMs: hours.length * HOUR_MS - offset, requests: 0, coldStarts: 0, slowRequests: 0 });
        }
        const hour = hours[index];
        hour.requests += series.arrivals[bin];
        hour.coldStarts += series.coldStarts[bin] + series.throttled[bin];
        hour.slowRequests += series.slowRequests[bin];
    }
    return hours;
}

/** How many of `requests` may be slower than the p99 goal while the p99 still meets it. */
export function allowedSlowRequests(requests: number): number {
    return requests - Math.ceil(0.99 * requests - 1e-9);
}

/** The per-hour parts of a goal. */
export interface HourlyGoal {
    /** At most this many requests with a cold start (or throttled) in any clock hour. */
    readonly maxColdStartsPerHour?: number;
    /** The p99 of every clock hour at or under the goal's latency (checked through the slow-request counts). */
    readonly p99EveryHour?: boolean;
}

/** Whether every hour meets the per-hour goal. */
export function everyHourMeets(hours: readonly HourTotals[], goal: HourlyGoal): boolean {
    return hours.every(
        (h) =>
            (goal.maxColdStartsPerHour === undefined || h.coldStarts <= goal.maxColdStartsPerHour) &&
            (goal.p99EveryHour !== true || h.slowRequests <= allowedSlowRequests(h.requests)),
    );
}

/**
 * The worst hour: the most cold starts, or with a p99 goal the most slow requests beyond what the hour's p99 allows
 * (then cold starts break ties); the earliest on a tie. Undefined for a period without requests.
 */
export function worstHour(hours: readonly HourTotals[], goal: HourlyGoal): HourTotals | undefined {
    let worst: HourTotals | undefined;
    const excess = (h: HourTotals): number => (goal.p99EveryHour === true ? h.slowRequests - allowedSlowRequests(h.requests) : 0);
    for (const hour of hours) {
        if (hour.requests === 0) continue;
        if (worst === undefined || excess(hour) > excess(worst) || (excess(hour) === excess(worst) && hour.coldStarts > worst.coldStarts)) {
            worst = hour;
        }
    }
    return worst;
}

/** How far the worst hour is from the per-hour goal: at most 1 when every hour meets it. */
export function hourlyExcess(hours: readonly HourTotals[], goal: HourlyGoal): number {
    let excess = 0;
    for (const h of hours) {
        if (goal.maxColdStartsPerHour !== undefined) excess = Math.max(excess, h.coldStarts / Math.max(1, goal.maxColdStartsPerHour));
        if (goal.p99EveryHour === true) excess = Math.max(excess, h.slowRequests / Math.max(1, allowedSlowRequests(h.requests)));
    }
    return excess;
}
