/**
 * Each strategy's search for its cheapest parameters that meet the goal, as a generator of simulation requests
 * (simulation-runner.ts): the fixed level, the warmer's pings, the scheduled steps' factor, tracking's minimum (and one
 * candidate whose minimum follows the schedule), and SnapStart, which has nothing to search. Each starts from what the
 * on-demand run predicts (on-demand-profile.ts) and checks it with full simulations.
 */
import { AdviseOptions } from "./advice";
import { Candidate, MakeCandidate } from "./candidate";
import { ComponentArgs, FunctionTarget, rateExpression, ScheduleArgs } from "./component-args";
import { costOptimalLevel } from "./analysis";
import { withSnapStartCharges } from "./cost";
import {
    DEFAULT_TARGET_UTILIZATION,
    DEFAULT_UTILIZATION_STATISTIC,
    DEFAULT_WARMER_INTERVAL_MINUTES,
    EnvironmentBehaviour,
    MINUTE_MS,
} from "./defaults";
import { GoalCheck } from "./goal-check";
import { calibratedGuess } from "./calibrated-guess";
import { LevelSearch, searchLowestLevel } from "./level-search";
import { peakGuess } from "./peak-guess";
import { hourlyNeeds, maxLevel, OnDemandProfile, predictedLevel } from "./on-demand-profile";
import {
    expandBoundsOverPeriod,
    expandOverPeriod,
    groupActions,
    MIN_SCHEDULED_CAPACITY,
    ScheduleCycle,
    ScheduledAction,
    scheduledActions,
    ScheduleStep,
    stepsFromLevels,
} from "./schedule-plan";
import { Search, SimulationRequest } from "./simulation-runner";
import { CapacityPlan, SimulationResult } from "./simulator";
import { SNAPSTART_FUNCTION_ARGS, snapStartPrices } from "./snapstart";

/**
 * Tracking runs are the slowest to bisect (every passing one runs in full): fewer tries. Four after the lowest
 * minimum, which is tried first and fails early when it fails.
 */
const MAX_TRACKING_SIMULATIONS = 5;
/** The warmer search's simulations are "warmer <pings>". */
const WARMER_LABEL = "warmer";
/** The scheduled search's factor moves in steps of 1/32. */
const SCALE_STEPS = 32;

/** What the searches need from the advisor, once the on-demand run has set the goal's budgets. */
export interface SearchContext {
    readonly options: AdviseOptions;
    readonly target: FunctionTarget;
    readonly check: GoalCheck;
    readonly environment: EnvironmentBehaviour;
    readonly breakEven: number;
    readonly cycle: ScheduleCycle;
    readonly candidate: MakeCandidate;
}

export class StrategySearches {
    private readonly options: AdviseOptions;
    private readonly target: FunctionTarget;
    private readonly check: GoalCheck;
    private readonly environment: EnvironmentBehaviour;
    private readonly breakEven: number;
    private readonly cycle: ScheduleCycle;
    private readonly candidate: MakeCandidate;

    constructor(context: SearchContext) {
        this.options = context.options;
        this.target = context.target;
        this.check = context.check;
        this.environment = context.environment;
        this.breakEven = context.breakEven;
        this.cycle = context.cycle;
        this.candidate = context.candidate;
    }

    *fixed(profile: OnDemandProfile): Search<Candidate> {
        const planFor = (level: number): CapacityPlan => ({ initialCapacity: level });
        const argsFor = (level: number): ComponentArgs => ({ ...this.target, provisionedConcurrentExecutions: level });
        const describe = (level: number): string => `${level} provisioned`;
        if (this.options.fixedCapacity !== undefined) {
            const level = this.options.fixedCapacity;
            const result = yield { label: `fixed ${level}`, plan: planFor(level), stopEarly: false };
            return this.candidate("fixed", `${describe(level)} (pinned)`, "FixedConcurrency", argsFor(level), result, 1);
        }
        // Below the cost-optimal level, each unit removed costs more on-demand duration than it saves.
        const costOptimal = Math.max(1, costOptimalLevel(profile.meanConcurrency, this.breakEven));
        const predicted = predictedLevel(profile, this.check);
        // A run in which no request found every provisioned environment busy runs the same with as many as it used.
        const sameDownTo = (level: number, result: SimulationResult): number => (result.spillover === 0 ? result.peakConcurrency : level);
        const found = yield* searchLowestLevel({
            meetsGoal: (result) => this.check.meets(result),
            label: "fixed",
            planFor,
            candidate: Math.max(costOptimal, predicted),
            minLevel: costOptimal,
            maxLevel: maxLevel(profile, this.environment.concurrencyLimit),
            sameDownTo,
            guessBelow: this.guessBelow((level) => profile.cold.atOrAbove(level), true),
            knownToPass: this.noColdStartLevel(profile),
        });
        return this.candidate("fixed", describe(found.level), "FixedConcurrency", argsFor(found.level), found.result, found.simulations);
    }

    /**
     * The warmer search's first simulation when on-demand alone meets the goal (one ping: see warmer()), the one
     * simulation of a search that needs nothing from the on-demand run: adviseInParallel runs it beside that run.
     */
    warmerOpening(): SimulationRequest {
        return { label: `${WARMER_LABEL} 1`, plan: this.warmerPlan(1), stopEarly: true };
    }

    private warmerMinutes(): number {
        return this.options.warmerIntervalMinutes ?? DEFAULT_WARMER_INTERVAL_MINUTES;
    }

    private warmerPlan(pings: number): CapacityPlan {
        return { initialCapacity: 0, warmer: { concurrency: pings, intervalMs: this.warmerMinutes() * MINUTE_MS } };
    }

    *warmer(profile: OnDemandProfile, fixed: Candidate | undefined): Search<Candidate> {
        const minutes = this.warmerMinutes();
        // Pings every few minutes keep the first C environments warm, much as C provisioned ones would: the fixed
        // search's level, when it found one, is a closer start than the on-demand prediction (which counts requests
        // that waited for an init at a ramp as ranks warm capacity never lets happen: see calibrated-guess.ts).
        // When on-demand alone meets the goal, one ping is the likely answer, as the lowest tracking minimum is: the
        // fixed level is then only its cost-optimal floor, which the warmer does not have.
        const candidate = profile.meetsGoal ? 1 : (searchedFixedLevel(fixed) ?? predictedLevel(profile, this.check));
        const found = yield* searchLowestLevel({
            meetsGoal: (result) => this.check.meets(result),
            label: WARMER_LABEL,
            planFor: (level) => this.warmerPlan(level),
            candidate: Math.max(1, candidate),
            minLevel: 1,
            maxLevel: maxLevel(profile, this.environment.concurrencyLimit),
            guessBelow: this.guessBelow((level) => profile.cold.atOrAbove(level), true),
        });
        const schedule = rateExpression(minutes);
        const args: ComponentArgs = { targets: [{ ...this.target, concurrency: found.level }], schedule };
        const configuration = `${found.level} ping${found.level === 1 ? "" : "s"} every ${minutes} min`;
        return this.candidate("warmer", configuration, "LambdaWarmer", args, found.result, found.simulations);
    }

    /**
     * The provisioned level sure to meet a cold-start goal, when the on-demand run measured the demand (per-hour goals):
     * as many environments as requests are ever in flight at once, so that none spills over to on-demand. Not under a
     * p99 goal too, which warm requests can miss at any level.
     */
    private noColdStartLevel(profile: OnDemandProfile): number | undefined {
        return Number.isFinite(this.check.slowBudget) ? undefined : profile.demandPeak;
    }

    /**
     * A passing run's guess at the lowest passing level: under a goal on the period's cold starts, from the on-demand
     * run's prediction of the cold starts left at each level (calibrated-guess.ts); under a per-hour goal, and when
     * the level counts warm environments (`environments`), from the passing run's peak in flight (peak-guess.ts);
     * under both, the higher. None (plain bisection) under a p99 goal, judged on latencies, which neither predicts, nor
     * under a per-hour goal when the level is not a count of environments (the schedule's factor).
     */
    private guessBelow(predicted: (level: number) => number, environments: boolean): LevelSearch["guessBelow"] {
        const check = this.check;
        const perHour = check.goal.maxColdStartsPerHour;
        const byPeriod = Number.isFinite(check.coldBudget);
        const byHour = perHour !== undefined;
        if (Number.isFinite(check.slowBudget) || (byHour && !environments) || (!byPeriod && !byHour)) return undefined;
        return (level, result) => {
            let guess = 0;
            if (byPeriod) {
                const periodGuess = calibratedGuess(predicted, level, result.coldStarts + result.throttled, check.coldBudget, 0);
                if (periodGuess === undefined) return undefined;
                guess = periodGuess;
            }
            if (byHour) {
                const hourGuess = peakGuess(result.peakConcurrency, perHour, level, 0);
                if (hourGuess === undefined) return undefined;
                guess = Math.max(guess, hourGuess);
            }
            return guess;
        };
    }

    /**
     * Hourly levels scaled by `factor` (scheduledLevels), merged into steps. Hours the period never covers (NaN) take
     * an observed hour's level, so they are floored too.
     */
    private scheduledSteps(needs: readonly number[], costOptimal: readonly number[], factor: number): ScheduleStep[] {
        return stepsFromLevels(scheduledLevels(needs, costOptimal, factor));
    }

    private scheduledPlan(steps: ScheduleStep[]): { plan: CapacityPlan; actions: ScheduledAction[] } {
        const actions = scheduledActions(steps, this.cycle, this.leadMinutes());
        const { initialCapacity, capacityActions } = expandOverPeriod(actions, this.cycle, this.options.traffic.periodMs);
        return { plan: { initialCapacity, capacityActions }, actions };
    }

    /**
     * The emitted schedules' time zone: the traffic's week is read on this zone's wall clock (shapes, and the start of
     * a CSV or trace), so each cron names it, and Application Auto Scaling fires it at that wall-clock time in summer
     * and in winter. Nothing for UTC, the components' default.
     */
    private zone(): { timezone?: string } {
        const timezone = this.options.timezone;
        return timezone === undefined || timezone === "UTC" ? {} : { timezone };
    }

    /** Increases are scheduled this many minutes early so that allocation finishes as the step starts. */
    private leadMinutes(): number {
        return Math.ceil(this.environment.allocationDelayMs / MINUTE_MS);
    }

    /**
     * Scheduled: each hour gets what hours of its load need (see hourlyNeeds) times a factor, found like a level: factor
     * = level / 32, from 1 (as predicted) down to 0 (cost-optimal levels only) or up to 2. Every hour gets at least
     * MIN_SCHEDULED_CAPACITY, in the simulated plan and in the emitted schedules alike (both come from the same steps).
     */
    *scheduled(profile: OnDemandProfile): Search<{ candidate: Candidate; steps: ScheduleStep[] }> {
        const { needs, costOptimal } = hourlyNeeds(profile, this.check, this.breakEven, this.cycle);
        const stepsFor = (level: number): ScheduleStep[] => this.scheduledSteps(needs, costOptimal, level / SCALE_STEPS);
        const found = yield* searchLowestLevel({
            meetsGoal: (result) => this.check.meets(result),
            label: "scheduled",
            planFor: (level) => this.scheduledPlan(stepsFor(level)).plan,
            // When on-demand alone meets the goal, the cost-optimal levels (factor 0, at least 1 an hour) are the answer.
            candidate: profile.meetsGoal ? 0 : SCALE_STEPS,
            minLevel: 0,
            maxLevel: 2 * SCALE_STEPS,
            keyFor: (level) => JSON.stringify(stepsFor(level)),
            // Per-hour needs stop at the demand's peak less the allowance (on-demand-profile.ts): a lower bound that is
            // close, so a factor that fails needs a little more, not half as much again.
            stepUp: profile.demandPeak !== undefined ? 1 / 8 : undefined,
            // Each slot's cold starts of rank >= its level: what the on-demand run predicts the schedule leaves.
            guessBelow: this.guessBelow((level) =>
                scheduledLevels(needs, costOptimal, level / SCALE_STEPS).reduce(
                    (sum, slotLevel, slot) => (Number.isNaN(slotLevel) ? sum : sum + profile.coldBySlot[slot].atOrAbove(slotLevel)),
                    0,
                ),
                false,
            ),
        });
        const steps = stepsFor(found.level);
        const { actions } = this.scheduledPlan(steps);
        const schedules: ScheduleArgs[] = groupActions(actions, this.cycle).map((action) => ({
            name: action.name,
            schedule: action.schedule,
            capacity: action.capacity,
            ...this.zone(),
        }));
        const levels = steps.map((step) => step.capacity);
        // A schedule that misses says so in its configuration too, the words that travel into the recommendation's
        // "closest is ..." and into --json, so that it cannot be copied as an answer: it is the closest of those tried
        // (the search steps every hour's level up to twice its prediction, at most MAX_SIMULATIONS_PER_SEARCH runs).
        const why = this.check.meets(found.result) ? "" : ", the closest tried: none meets the goal";
        const configuration =
            (steps.length === 1
                ? `${levels[0]} provisioned, one step`
                : `${Math.min(...levels)}-${Math.max(...levels)} provisioned, ${schedules.length} scheduled actions`) + why;
        return {
            candidate: this.candidate(
                "scheduled",
                configuration,
                "ScheduledConcurrency",
                { ...this.target, schedules },
                found.result,
                found.simulations,
            ),
            steps,
        };
    }

    /**
     * Target tracking as UtilizationScaling does it by default (70% utilization, the Maximum statistic, no scale-in
     * while idle): the lowest minimum capacity that meets the goal (below the fixed level, which always does: tracking
     * never goes under its minimum). See trackingInSchedule for the other candidate; bestTracking picks.
     */
    *tracking(profile: OnDemandProfile, fixed: Candidate | undefined): Search<Candidate> {
        const maxCapacity = this.trackingMaxCapacity(profile);
        const planFor = (minCapacity: number): CapacityPlan => ({
            initialCapacity: minCapacity,
            tracking: {
                targetUtilization: DEFAULT_TARGET_UTILIZATION,
                statistic: DEFAULT_UTILIZATION_STATISTIC,
                minCapacity,
                maxCapacity: Math.max(minCapacity, maxCapacity),
            },
        });
        const fixedLevel = searchedFixedLevel(fixed) ?? Math.max(1, predictedLevel(profile, this.check));
        const found = yield* searchLowestLevel({
            meetsGoal: (result) => this.check.meets(result),
            label: "tracking",
            planFor,
            candidate: profile.meetsGoal ? 1 : Math.max(1, Math.ceil(fixedLevel / 2)),
            minLevel: 1,
            maxLevel: Math.max(fixedLevel, maxLevel(profile, this.environment.concurrencyLimit)),
            maxSimulations: MAX_TRACKING_SIMULATIONS,
            knownToPass: this.noColdStartLevel(profile),
            // Tracking adds capacity as load comes, so its lowest minimum often does: try it before the candidate.
            tryLowestFirst: true,
            failuresRunLong: true,
        });
        const max = Math.max(found.level, maxCapacity);
        return this.candidate(
            "tracking",
            describeTracking(found.level, max),
            "UtilizationScaling",
            this.trackingArgs(found.level, max),
            found.result,
            found.simulations,
        );
    }

    /**
     * When the load follows the clock (the scheduled search found steps of different levels), one more tracking
     * candidate, one simulation: a minimum that follows the scheduled steps at half their level.
     */
    *trackingInSchedule(profile: OnDemandProfile, steps: readonly ScheduleStep[]): Search<Candidate | undefined> {
        if (new Set(steps.map((step) => step.capacity)).size <= 1) return undefined;
        const maxCapacity = this.trackingMaxCapacity(profile);
        // Scheduled minimums are scheduled capacities too: never below MIN_SCHEDULED_CAPACITY.
        const floors = steps.map((step) => ({ startSlot: step.startSlot, capacity: Math.max(MIN_SCHEDULED_CAPACITY, Math.ceil(step.capacity / 2)) }));
        const boundsMax = Math.max(maxCapacity, ...floors.map((floor) => floor.capacity));
        const actions = scheduledActions(floors, this.cycle, this.leadMinutes());
        const { initialMinCapacity, boundsActions } = expandBoundsOverPeriod(actions, this.cycle, this.options.traffic.periodMs, boundsMax);
        const plan: CapacityPlan = {
            initialCapacity: initialMinCapacity,
            tracking: {
                targetUtilization: DEFAULT_TARGET_UTILIZATION,
                statistic: DEFAULT_UTILIZATION_STATISTIC,
                minCapacity: initialMinCapacity,
                maxCapacity: boundsMax,
                boundsActions,
            },
        };
        const result = yield { label: "tracking in schedule", plan, stopEarly: true };
        const minFloor = Math.min(...floors.map((floor) => floor.capacity));
        const schedules = groupActions(actions, this.cycle).map((action) => ({
            name: action.name,
            schedule: action.schedule,
            minCapacity: action.capacity,
            maxCapacity: boundsMax,
            ...this.zone(),
        }));
        return this.candidate(
            "tracking",
            describeTracking(minFloor, boundsMax, ", scheduled minimum"),
            "UtilizationScaling",
            this.trackingArgs(minFloor, boundsMax, schedules),
            result,
            1,
        );
    }

    /** The cheaper tracking candidate that meets the goal; if neither does, the plain search's (its closest). */
    bestTracking(plain: Candidate, inSchedule: Candidate | undefined): Candidate {
        const meeting = [plain, ...(inSchedule ? [inSchedule] : [])].filter((c) => c.meetsGoal).sort((a, b) => a.cost.total - b.cost.total);
        return { ...(meeting[0] ?? plain), simulations: plain.simulations + (inSchedule ? inSchedule.simulations : 0) };
    }

    /** Tracking's maximum: room for the on-demand peak at the target utilization, within the concurrency limit. */
    private trackingMaxCapacity(profile: OnDemandProfile): number {
        const peak = profile.result.peakConcurrency;
        return Math.min(this.environment.concurrencyLimit, Math.max(2, Math.ceil((peak + 1) / DEFAULT_TARGET_UTILIZATION)));
    }

    private trackingArgs(minCapacity: number, maxCapacity: number, schedules?: ScheduleArgs[]): ComponentArgs {
        return {
            ...this.target,
            minCapacity,
            maxCapacity: Math.max(minCapacity, maxCapacity),
            targetUtilization: DEFAULT_TARGET_UTILIZATION,
            statistic: DEFAULT_UTILIZATION_STATISTIC,
            ...(schedules ? { schedules } : {}),
        };
    }

    /**
     * SnapStart: on-demand environments, each restored from the snapshot instead of running the init (the restore
     * takes the init's place, billed as init is). Nothing to search: it has no parameter. It cannot be combined with
     * provisioned concurrency on the same version, so it is compared on its own.
     */
    *snapStart(): Search<Candidate> {
        const snap = this.options.snapStart!;
        const result = yield { label: "snapstart", plan: { initialCapacity: 0 }, stopEarly: false, initMs: snap.restoreMs };
        const candidate = this.candidate("snapstart", `restores of ${snap.restoreMs} ms (${snap.runtime})`, null, SNAPSTART_FUNCTION_ARGS, result, 1);
        const cost = withSnapStartCharges(candidate.cost, result.coldStarts, result.periodMs, this.options.fn.memoryMb, snapStartPrices(snap.runtime));
        return { ...candidate, cost };
    }

}

/** The fixed level when it met the goal (a pinned one may not: then undefined). */
function searchedFixedLevel(fixed: Candidate | undefined): number | undefined {
    return fixed && fixed.meetsGoal && fixed.args && "provisionedConcurrentExecutions" in fixed.args
        ? fixed.args.provisionedConcurrentExecutions
        : undefined;
}

/**
 * Each slot's level at a factor: its need times the factor, never below its cost-optimal level nor below
 * MIN_SCHEDULED_CAPACITY (an hour with no load still keeps 1 environment: at 0 AWS would delete the configuration).
 * NaN for slots the period never covers. Never decreases as the factor grows.
 */
function scheduledLevels(needs: readonly number[], costOptimal: readonly number[], factor: number): number[] {
    return needs.map((need, slot) =>
        Number.isNaN(need) ? NaN : Math.max(MIN_SCHEDULED_CAPACITY, costOptimal[slot], Math.ceil(factor * need - 1e-9)),
    );
}

/** Tracking's configuration in the table, e.g. "2-40 at 70% (Maximum)". */
function describeTracking(min: number, max: number, suffix = ""): string {
    return `${min}-${max} at ${Math.round(DEFAULT_TARGET_UTILIZATION * 100)}% (${DEFAULT_UTILIZATION_STATISTIC})${suffix}`;
}
