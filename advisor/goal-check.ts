/**
 * The goal applied to simulation results: the budgets it allows over the period (cold starts, requests over the p99
 * goal), whether a result meets it (over the period and in every clock hour), how far one is from it, and its words.
 */
import { Goal } from "./advice";
import { DEFAULT_GOAL_COLD_START_FRACTION } from "./defaults";
import { everyHourMeets, HourlyGoal, hourlyExcess, hourlyTotals, HourTotals, worstHour } from "./hourly";
import { SimulationResult } from "./simulator";

export class GoalCheck {
    readonly goal: Goal;
    /** Requests allowed to meet a cold start (or be throttled) over the period: Infinity without such a goal. */
    readonly coldBudget: number;
    /** Requests allowed over the p99 goal (or throttled) over the period: Infinity without a p99 goal. */
    readonly slowBudget: number;
    private readonly hourlyGoal: HourlyGoal;

    /** The goal (default: at most 0.1% cold starts) for a period of `requests` requests (undefined: not known yet). */
    constructor(
        goal: Goal | undefined,
        private readonly startMinuteOfWeek: number,
        requests?: number,
    ) {
        const given = goal ?? {};
        this.goal =
            given.maxColdStartFraction === undefined && given.maxP99Ms === undefined && given.maxColdStartsPerHour === undefined
                ? { maxColdStartFraction: DEFAULT_GOAL_COLD_START_FRACTION }
                : given;
        const known = requests !== undefined;
        this.coldBudget =
            known && this.goal.maxColdStartFraction !== undefined ? Math.floor(this.goal.maxColdStartFraction * requests + 1e-9) : Infinity;
        this.slowBudget = known && this.goal.maxP99Ms !== undefined ? requests - Math.ceil(0.99 * requests - 1e-9) : Infinity;
        this.hourlyGoal = { maxColdStartsPerHour: this.goal.maxColdStartsPerHour, p99EveryHour: this.goal.maxP99Ms !== undefined };
    }

    /** The same goal with the budgets of a period of `requests` requests. */
    forRequests(requests: number): GoalCheck {
        return new GoalCheck(this.goal, this.startMinuteOfWeek, requests);
    }

    /** Throttled requests count against the goal like cold starts (and as slow requests for a p99 goal): they fail. */
    meets(result: SimulationResult): boolean {
        return (
            !result.stoppedEarly &&
            result.coldStarts + result.throttled <= this.coldBudget &&
            result.slowRequests <= this.slowBudget &&
            (!this.hasHourlyGoal() || everyHourMeets(this.hours(result), this.hourlyGoal))
        );
    }

    /** How far a result is from the goal: at most 1 when it meets it. */
    excess(result: SimulationResult): number {
        let excess = 0;
        if (Number.isFinite(this.coldBudget)) excess = Math.max(excess, (result.coldStarts + result.throttled) / Math.max(1, this.coldBudget));
        if (Number.isFinite(this.slowBudget)) excess = Math.max(excess, result.slowRequests / Math.max(1, this.slowBudget));
        if (this.hasHourlyGoal()) excess = Math.max(excess, hourlyExcess(this.hours(result), this.hourlyGoal));
        return excess;
    }

    hasHourlyGoal(): boolean {
        return this.hourlyGoal.maxColdStartsPerHour !== undefined || this.hourlyGoal.p99EveryHour === true;
    }

    /** Whether the p99 goal holds in every hour (then each hour's slow requests are checked too). */
    p99EveryHour(): boolean {
        return this.hourlyGoal.p99EveryHour === true;
    }

    /** The result's clock hours, with their requests, cold starts and slow requests. */
    hours(result: SimulationResult): HourTotals[] {
        return hourlyTotals(result.series, this.startMinuteOfWeek);
    }

    /** The clock hour with the most cold starts (with a p99 goal: the most requests over it). */
    worstHour(result: SimulationResult): HourTotals | undefined {
        return worstHour(this.hours(result), this.hourlyGoal);
    }

    /** e.g. "at most 0.01% cold starts and at most 2 cold starts in any hour". */
    describe(): string {
        const parts: string[] = [];
        if (this.goal.maxColdStartFraction !== undefined) parts.push(`at most ${formatPercent(this.goal.maxColdStartFraction)} cold starts`);
        const perHour = this.goal.maxColdStartsPerHour;
        if (perHour !== undefined) parts.push(`at most ${perHour} cold start${perHour === 1 ? "" : "s"} in any hour`);
        if (this.goal.maxP99Ms !== undefined) parts.push(`p99 at most ${this.goal.maxP99Ms} ms in every hour`);
        return parts.join(" and ");
    }
}

/** A fraction as a percentage with enough digits for small goals: 0.001 -> "0.1%", 0.00012 -> "0.012%". */
export function formatPercent(fraction: number): string {
    const percent = fraction * 100;
    if (percent === 0) return "0%";
    if (percent >= 10) return `${percent.toFixed(1)}%`;
    const digits = Math.min(6, Math.max(1, 1 - Math.floor(Math.log10(percent))));
    return `${Number(percent.toFixed(digits))}%`;
}
