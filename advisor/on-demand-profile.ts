/**
 * What the on-demand run tells the searches. While it runs, every cold start reports how many environments were busy
 * (its rank) and when it happened; from that, the cold starts left by N warm environments are predicted without
 * simulating (those of rank >= N), over the period, per clock hour and per hour of the schedule cycle, and the
 * cost-optimal levels follow from the run's mean concurrency and the break-even utilization.
 */
import { costOptimalLevel, groupBySimilarLoad, lowestLevelWithin, RankCounts } from "./analysis";
import { HOUR_MS } from "./defaults";
import { GoalCheck } from "./goal-check";
import { allowedSlowRequests, HourTotals } from "./hourly";
import { ScheduleCycle, slotOf } from "./schedule-plan";
import { SimulationResult } from "./simulator";

export interface OnDemandProfile {
    readonly result: SimulationResult;
    /** Whether on-demand alone meets the goal (then every search starts at its cheapest setting). */
    readonly meetsGoal: boolean;
    /** Cold starts by rank, and those slower than the p99 goal by rank. */
    readonly cold: RankCounts;
    readonly slowCold: RankCounts;
    /** The same, per slot of the schedule cycle. */
    readonly coldBySlot: RankCounts[];
    readonly slowColdBySlot: RankCounts[];
    /** Requests slower than the p99 goal that were not cold starts: no strategy removes them. */
    readonly warmSlow: number;
    /** The same by clock hour of the period, with each hour's requests. */
    readonly coldByHour: RankCounts[];
    readonly slowColdByHour: RankCounts[];
    readonly hours: HourTotals[];
    /** Mean concurrency of each bin, and the bins of each slot. */
    readonly meanConcurrency: Float64Array;
    readonly binsBySlot: number[][];
    /** Highest number of busy environments seen in each slot (NaN when the period never covers the slot). */
    readonly peakBySlot: number[];
    /** Under a per-hour goal: the most requests in flight at once had none waited for an init (SimulationResult.demandPeak). */
    readonly demandPeak?: number;
}

/** Collects the cold starts of the on-demand run (`observe` is its onColdStart), then makes the profile. */
export class ProfileRecorder {
    private readonly cold = new RankCounts();
    private readonly slowCold = new RankCounts();
    private readonly coldBySlot: RankCounts[];
    private readonly slowColdBySlot: RankCounts[];
    private readonly coldByHour: RankCounts[] = [];
    private readonly slowColdByHour: RankCounts[] = [];
    private readonly slowThresholdMs: number;

    constructor(
        private readonly cycle: ScheduleCycle,
        private readonly hourOffsetMs: number,
        slowThresholdMs: number | undefined,
    ) {
        this.coldBySlot = Array.from({ length: cycle.slots }, () => new RankCounts());
        this.slowColdBySlot = Array.from({ length: cycle.slots }, () => new RankCounts());
        this.slowThresholdMs = slowThresholdMs ?? Infinity;
    }

    readonly observe = (arrivalMs: number, rank: number, latencyMs: number): void => {
        const slot = slotOf(this.cycle, arrivalMs);
        const hour = Math.floor((arrivalMs + this.hourOffsetMs) / HOUR_MS);
        this.growHours(hour + 1);
        this.cold.add(rank);
        this.coldBySlot[slot].add(rank);
        this.coldByHour[hour].add(rank);
        if (latencyMs > this.slowThresholdMs) {
            this.slowCold.add(rank);
            this.slowColdBySlot[slot].add(rank);
            this.slowColdByHour[hour].add(rank);
        }
    };

    /** The profile of the finished run, judged by `check` (with the budgets of its requests). */
    profile(result: SimulationResult, check: GoalCheck): OnDemandProfile {
        const hours = check.hours(result);
        this.growHours(hours.length);
        const series = result.series;
        const bins = series.arrivals.length;
        const meanConcurrency = new Float64Array(bins);
        const binsBySlot: number[][] = Array.from({ length: this.cycle.slots }, () => []);
        const peakBySlot: number[] = new Array<number>(this.cycle.slots).fill(NaN);
        for (let bin = 0; bin < bins; bin++) {
            const start = bin * series.binMs;
            const width = Math.min(series.binMs, result.periodMs - start);
            meanConcurrency[bin] = width > 0 ? series.busyMs[bin] / width : 0;
            const slot = slotOf(this.cycle, start);
            binsBySlot[slot].push(bin);
            peakBySlot[slot] = Math.max(Number.isNaN(peakBySlot[slot]) ? 0 : peakBySlot[slot], series.peakInFlight[bin]);
        }
        return {
            result,
            meetsGoal: check.meets(result),
            cold: this.cold,
            slowCold: this.slowCold,
            coldBySlot: this.coldBySlot,
            slowColdBySlot: this.slowColdBySlot,
            warmSlow: result.slowRequests - this.slowCold.atOrAbove(0),
            coldByHour: this.coldByHour,
            slowColdByHour: this.slowColdByHour,
            hours,
            meanConcurrency,
            binsBySlot,
            peakBySlot,
            ...(result.demandPeak !== undefined ? { demandPeak: result.demandPeak } : {}),
        };
    }

    private growHours(count: number): void {
        while (this.coldByHour.length < count) {
            this.coldByHour.push(new RankCounts());
            this.slowColdByHour.push(new RankCounts());
        }
    }
}

/** The lowest number of warm environments predicted to meet the goal, over the period and in every clock hour. */
export function predictedLevel(profile: OnDemandProfile, check: GoalCheck): number {
    let level = 0;
    if (Number.isFinite(check.coldBudget)) level = Math.max(level, lowestLevelWithin(profile.cold, check.coldBudget));
    if (Number.isFinite(check.slowBudget)) level = Math.max(level, lowestLevelWithin(profile.slowCold, check.slowBudget - profile.warmSlow));
    for (let hour = 0; hour < profile.hours.length; hour++) level = Math.max(level, hourLevel(profile, check, hour));
    return level;
}

/** The warm environments one clock hour of the on-demand run needs to meet the per-hour goal. */
export function hourLevel(profile: OnDemandProfile, check: GoalCheck, hour: number): number {
    let level = 0;
    const perHour = check.goal.maxColdStartsPerHour;
    if (perHour !== undefined) level = Math.max(level, Math.min(lowestLevelWithin(profile.coldByHour[hour], perHour), demandLevel(profile, perHour)));
    if (check.p99EveryHour()) {
        const totals = profile.hours[hour];
        const warmSlow = totals.slowRequests - profile.slowColdByHour[hour].atOrAbove(0);
        level = Math.max(level, lowestLevelWithin(profile.slowColdByHour[hour], allowedSlowRequests(totals.requests) - warmSlow));
    }
    return level;
}

/**
 * Under a per-hour goal, the most warm environments any hour needs, from the demand's peak (peak-guess.ts): the cold
 * starts' ranks overstate it at a ramp with a slow init, where requests that waited for an init pile up (issue 13's
 * 50 rps week, 4 s init, 2 an hour: ranks up to 122, 27 requests in flight at most, 26 enough).
 */
function demandLevel(profile: OnDemandProfile, perHour: number): number {
    return profile.demandPeak === undefined ? Infinity : Math.max(0, Math.ceil(profile.demandPeak - perHour));
}

/** The most environments worth trying: twice the on-demand peak, within the concurrency limit. */
export function maxLevel(profile: OnDemandProfile, concurrencyLimit: number): number {
    const peak = profile.result.peakConcurrency;
    return Math.max(1, Math.min(concurrencyLimit, Math.max(2 * (peak + 1), peak + 10)));
}

/**
 * What each hour of the cycle needs, pooled over the hours of similar load (see groupBySimilarLoad): the fewest warm
 * environments that leave those hours no more cold starts (or slow requests) than their share of the budget, in
 * proportion to their requests, and at least what the worst clock hour of those hours needs under a per-hour goal; and their
 * cost-optimal level.
 */
export function hourlyNeeds(
    profile: OnDemandProfile,
    check: GoalCheck,
    breakEven: number,
    cycle: ScheduleCycle,
): { needs: number[]; costOptimal: number[] } {
    const totalRequests = Math.max(1, profile.result.requests);
    const slotMeans = profile.binsBySlot.map((bins, slot) => {
        if (Number.isNaN(profile.peakBySlot[slot])) return NaN;
        return bins.reduce((sum, bin) => sum + profile.meanConcurrency[bin], 0) / Math.max(1, bins.length);
    });
    const groupOf = groupBySimilarLoad(slotMeans);
    const groups = Array.from({ length: Math.max(0, ...groupOf) + 1 }, () => ({
        cold: new RankCounts(),
        slowCold: new RankCounts(),
        requests: 0,
        means: [] as number[],
    }));
    groupOf.forEach((group, slot) => {
        if (group < 0) return;
        groups[group].cold.addAll(profile.coldBySlot[slot]);
        groups[group].slowCold.addAll(profile.slowColdBySlot[slot]);
        for (const bin of profile.binsBySlot[slot]) {
            groups[group].requests += profile.result.series.arrivals[bin];
            groups[group].means.push(profile.meanConcurrency[bin]);
        }
    });
    const levels = groups.map((group) => {
        const share = group.requests / totalRequests;
        let need = 0;
        if (Number.isFinite(check.coldBudget)) need = Math.max(need, lowestLevelWithin(group.cold, check.coldBudget * share));
        if (Number.isFinite(check.slowBudget)) need = Math.max(need, lowestLevelWithin(group.slowCold, (check.slowBudget - profile.warmSlow) * share));
        return { need, costOptimal: costOptimalLevel(group.means, breakEven) };
    });
    // Pooled like the budgets: the worst clock hour of a group sets the group's level. Taken hour by hour, a quiet
    // hour between busy ones (no cold start on demand, where the busy hour's environments were still warm) got the
    // cost-optimal level only, so the schedule dropped capacity mid-morning and the hour after paid in cold starts:
    // dozens of steps, and still missing the goal.
    const groupHourNeeds = new Array<number>(groups.length).fill(0);
    if (check.hasHourlyGoal()) {
        profile.hours.forEach((hour, index) => {
            const group = groupOf[slotOf(cycle, Math.max(0, hour.startMs))];
            if (group >= 0) groupHourNeeds[group] = Math.max(groupHourNeeds[group], hourLevel(profile, check, index));
        });
    }
    return {
        needs: groupOf.map((group) => (group < 0 ? NaN : Math.max(levels[group].need, groupHourNeeds[group]))),
        costOptimal: groupOf.map((group) => (group < 0 ? 0 : levels[group].costOptimal)),
    };
}
