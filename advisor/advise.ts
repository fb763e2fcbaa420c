/**
 * The advisor: simulates each strategy on the same requests, finds for each the cheapest parameters that meet the
 * goal, and recommends the cheapest strategy that does, as arguments for this package's components.
 *
 * How the searches stay cheap: one on-demand run records, for every cold start, how many environments were busy
 * (its rank) and in which hour of the cycle it happened. From that, the cold starts left by N warm environments are
 * predicted without simulating (those of rank >= N), and the cost-optimal level follows from the break-even
 * utilization. Each candidate is then verified by a full simulation on the same requests, which stops as soon as the
 * candidate has exceeded the goal; a candidate that fails is stepped up, one that passes is stepped down while it
 * still passes.
 */
import { costOptimalLevel } from "./analysis";
import {
    ComponentArgs,
    ComponentName,
    FunctionTarget,
    PLACEHOLDER_TARGET,
    rateExpression,
    ScheduleArgs,
} from "./component-args";
import { monthlyCost, withSnapStartCharges } from "./cost";
import { SNAPSTART_FUNCTION_ARGS, snapStartPrices } from "./snapstart";
import {
    DEFAULT_ENVIRONMENT,
    DEFAULT_TARGET_UTILIZATION,
    DEFAULT_UTILIZATION_STATISTIC,
    DEFAULT_WARMER,
    DEFAULT_WARMER_INTERVAL_MINUTES,
    EnvironmentBehaviour,
    HOUR_MS,
    MINUTE_MS,
    WarmerBehaviour,
} from "./defaults";
import { hourOffsetMs } from "./hourly";
import { breakEvenUtilization, LambdaPrices, PRICES_READ_ON, PRICES_REGION, pricesFor } from "./pricing";
import {
    expandBoundsOverPeriod,
    expandOverPeriod,
    groupActions,
    ScheduleCycle,
    scheduleCycle,
    ScheduledAction,
    scheduledActions,
    ScheduleStep,
    stepsFromLevels,
} from "./schedule-plan";
import { Candidate } from "./candidate";
import { GoalCheck } from "./goal-check";
import { searchLowestLevel } from "./level-search";
import { hourlyNeeds, maxLevel, OnDemandProfile, predictedLevel, ProfileRecorder } from "./on-demand-profile";
import { recommend } from "./recommend";
import { defaultWorkerCount, SimulationPool } from "./simulation-pool";
import { requestKey, ResultCache, runSearch, runSearchAsync, Search, SimulationRequest, SimulationSettings } from "./simulation-runner";
import { CapacityPlan, SimulationResult, simulate } from "./simulator";
import {
    Advice,
    AdviseOptions,
    ChartData,
    STRATEGY_NAMES,
    StrategyName,
    StrategyReport,
} from "./advice";

export { STRATEGY_NAMES } from "./advice";
export { formatPercent } from "./goal-check";
export type {
    Advice,
    AdviseOptions,
    AdviseProgress,
    Assumptions,
    ChartData,
    FunctionSpec,
    Goal,
    Recommendation,
    StrategyName,
    StrategyReport,
} from "./advice";

type ColdStartObserver = (arrivalMs: number, rank: number, latencyMs: number) => void;

/** Tracking runs are the slowest to bisect (every passing one runs in full): fewer tries. */
const MAX_TRACKING_SIMULATIONS = 4;
/** The scheduled search's factor moves in steps of 1/32. */
const SCALE_STEPS = 32;

/** Runs the comparison in this thread. Deterministic for a given seed. */
export function advise(options: AdviseOptions): Advice {
    return new Advisor(options).run();
}

/**
 * Runs the comparison with the strategies' searches side by side on worker threads (default: one per core, see
 * defaultWorkerCount): the same answer as advise(), sooner on a machine with several cores. With one worker it runs
 * in this thread.
 */
export async function adviseInParallel(options: AdviseOptions, workers = defaultWorkerCount()): Promise<Advice> {
    if (!Number.isInteger(workers) || workers < 1) throw new Error(`workers must be a whole number of at least 1, got ${workers}`);
    if (workers === 1) return advise(options);
    const pool = new SimulationPool(options.traffic, workers);
    try {
        return await new Advisor(options).runSideBySide(pool);
    } finally {
        await pool.close();
    }
}

/** What the searches found, each when it ran. */
interface Findings {
    readonly fixed?: Candidate;
    readonly warmer?: Candidate;
    readonly scheduled?: { readonly candidate: Candidate; readonly steps: ScheduleStep[] };
    readonly tracking?: Candidate;
    readonly snapStart?: Candidate;
}

class Advisor {
    private readonly prices: LambdaPrices;
    private readonly environment: EnvironmentBehaviour;
    private readonly warmer: WarmerBehaviour;
    private check: GoalCheck;
    private readonly seed: number;
    private readonly target: FunctionTarget;
    private readonly binMs: number;
    private readonly cycle: ScheduleCycle;
    private readonly breakEven: number;
    private readonly hourOffsetMs: number;
    private simulations = 0;
    private simulatedRequests = 0;

    constructor(private readonly options: AdviseOptions) {
        this.prices = pricesFor(options.fn.architecture, options.prices);
        this.environment = { ...DEFAULT_ENVIRONMENT, ...options.environment };
        this.warmer = { ...DEFAULT_WARMER, ...options.warmer };
        // The budgets come with the on-demand run's count of requests (profile()).
        this.check = new GoalCheck(options.goal, options.traffic.startMinuteOfWeek);
        this.seed = options.seed ?? 1;
        this.target = options.target ?? PLACEHOLDER_TARGET;
        // One-second bins for short periods (the Compute Blog test lasts 30 s), one-minute bins otherwise.
        this.binMs = options.traffic.periodMs <= 2 * HOUR_MS ? 1000 : MINUTE_MS;
        this.cycle = scheduleCycle(options.traffic.periodMs, options.traffic.startMinuteOfWeek);
        this.breakEven = breakEvenUtilization(this.prices);
        this.hourOffsetMs = hourOffsetMs(options.traffic.startMinuteOfWeek);
    }

    /** The comparison, one simulation at a time in this thread. */
    run(): Advice {
        const want = this.searchesWanted();
        const profile = this.profile();
        const fixed = want.fixed ? this.search(this.searchFixed(profile)) : undefined;
        const warmer = want.warmer ? this.search(this.searchWarmer(profile)) : undefined;
        const scheduled = want.scheduled ? this.search(this.searchScheduled(profile)) : undefined;
        const tracking = want.tracking
            ? this.bestTracking(this.search(this.searchTracking(profile, fixed)), this.search(this.trackingInSchedule(profile, scheduled!.steps)))
            : undefined;
        const snapStart = want.snapStart ? this.search(this.snapStartCandidate()) : undefined;
        return this.advice(profile, { fixed, warmer, scheduled, tracking, snapStart });
    }

    /**
     * The same comparison with the searches side by side, their simulations on the pool's workers. Each search asks
     * for the same simulations as in run() and the reuse rule does not depend on timing, so the answer is the same.
     */
    async runSideBySide(pool: SimulationPool): Promise<Advice> {
        const want = this.searchesWanted();
        // The longest chain is fixed then tracking, next scheduled then tracking in schedule: they go first.
        const [first, second, last] = [0, 1, 2];
        // SnapStart needs nothing from the on-demand run: it starts first, on a worker, while this thread profiles.
        const snapStart = want.snapStart ? this.searchOnPool(pool, this.snapStartCandidate(), last) : undefined;
        const profile = this.profile();
        const fixed = want.fixed ? this.searchOnPool(pool, this.searchFixed(profile), first) : undefined;
        const warmer = want.warmer ? this.searchOnPool(pool, this.searchWarmer(profile), last) : undefined;
        const scheduled = want.scheduled ? this.searchOnPool(pool, this.searchScheduled(profile), second) : undefined;
        const tracking = want.tracking
            ? Promise.all([
                  fixed!.then((found) => this.searchOnPool(pool, this.searchTracking(profile, found), first)),
                  scheduled!.then((found) => this.searchOnPool(pool, this.trackingInSchedule(profile, found.steps), second)),
              ]).then(([plain, inSchedule]) => this.bestTracking(plain, inSchedule))
            : undefined;
        // One Promise.all, so that a failure anywhere rejects once and no other rejection goes unhandled.
        const [fixedFound, warmerFound, scheduledFound, trackingFound, snapStartFound] = await Promise.all([fixed, warmer, scheduled, tracking, snapStart]);
        return this.advice(profile, {
            fixed: fixedFound,
            warmer: warmerFound,
            scheduled: scheduledFound,
            tracking: trackingFound,
            snapStart: snapStartFound,
        });
    }

    /** Which searches run: tracking starts from the fixed level and the scheduled steps, so it needs both. */
    private searchesWanted(): { fixed: boolean; warmer: boolean; scheduled: boolean; tracking: boolean; snapStart: boolean } {
        const wanted = new Set(this.options.strategies ?? STRATEGY_NAMES);
        return {
            fixed: wanted.has("fixed") || wanted.has("tracking"),
            warmer: wanted.has("warmer"),
            scheduled: wanted.has("scheduled") || wanted.has("tracking"),
            tracking: wanted.has("tracking"),
            snapStart: wanted.has("snapstart") && this.options.snapStart !== undefined,
        };
    }

    /** The on-demand run, in this thread (it reports every cold start to the profile), and the goal's budgets from it. */
    private profile(): OnDemandProfile {
        const recorder = new ProfileRecorder(this.cycle, this.hourOffsetMs, this.check.goal.maxP99Ms);
        const result = this.runHere({ label: "on-demand", plan: { initialCapacity: 0 }, stopEarly: false }, recorder.observe);
        this.check = this.check.forRequests(result.requests);
        return recorder.profile(result, this.check);
    }

    private advice(profile: OnDemandProfile, found: Findings): Advice {
        const wanted = new Set(this.options.strategies ?? STRATEGY_NAMES);
        const requests = profile.result.requests;
        const onDemand = this.candidate("on-demand", "no warm capacity", null, null, profile.result, 1);
        const candidates: Candidate[] = [];
        if (wanted.has("on-demand")) candidates.push(onDemand);
        if (found.fixed && wanted.has("fixed")) candidates.push(found.fixed);
        if (found.warmer) candidates.push(found.warmer);
        if (found.scheduled && wanted.has("scheduled")) candidates.push(found.scheduled.candidate);
        if (found.tracking) candidates.push(found.tracking);
        if (found.snapStart) candidates.push(found.snapStart);

        // Report in the documented order, whatever order the searches ran in.
        candidates.sort((a, b) => STRATEGY_NAMES.indexOf(a.name) - STRATEGY_NAMES.indexOf(b.name));
        const recommended = recommend(candidates.length > 0 ? candidates : [onDemand], this.check);
        return {
            assumptions: {
                initMs: this.options.fn.initMs,
                initSource: this.options.initSource ?? "given",
                idleTimeoutMs: this.environment.idleTimeoutMs,
                maxLifetimeMs: this.environment.maxLifetimeMs,
                allocationDelayMs: this.environment.allocationDelayMs,
                scaleUpPer10Seconds: this.environment.scaleUpPer10Seconds,
                concurrencyLimit: this.environment.concurrencyLimit,
                warmerPingHoldMs: this.warmer.pingHoldMs,
                pricesRegion: PRICES_REGION,
                pricesReadOn: PRICES_READ_ON,
                pricesOverridden: this.options.prices !== undefined && Object.keys(this.options.prices).length > 0,
                timezone: this.options.timezone ?? "UTC",
                ...(this.options.snapStart
                    ? { restoreMs: this.options.snapStart.restoreMs, restoreSource: this.options.snapStart.restoreSource }
                    : {}),
            },
            pricing: { architecture: this.options.fn.architecture, breakEvenUtilization: this.breakEven, prices: this.prices },
            goal: this.check.goal,
            periodMs: this.options.traffic.periodMs,
            requests,
            strategies: candidates.map((candidate) => this.report(candidate)),
            recommendation: recommended,
            chart: this.chartData(profile.result, candidates.find((c) => c.name === recommended.strategy) ?? onDemand),
            simulations: this.simulations,
            simulatedRequests: this.simulatedRequests,
        };
    }

    // ---- Running simulations ----

    /** The simulation's input for a request, but for the traffic and the callbacks. */
    private settings(request: SimulationRequest): SimulationSettings {
        return {
            fn: { memoryMb: this.options.fn.memoryMb, initMs: request.initMs ?? this.options.fn.initMs, duration: this.options.fn.duration },
            plan: request.plan,
            seed: this.seed,
            environment: this.environment,
            warmerBehaviour: this.warmer,
            binMs: this.binMs,
            provisionedBillingIncrementMs: this.prices.provisionedBillingIncrementMs,
            // Every run gets the goal's limits: one that may not stop still says when it would have (stopConditionMetAtMs).
            stopWhen: {
                coldStartsAbove: Number.isFinite(this.check.coldBudget) ? this.check.coldBudget : undefined,
                slowRequestsAbove: Number.isFinite(this.check.slowBudget) ? this.check.slowBudget : undefined,
                slowThresholdMs: this.check.goal.maxP99Ms,
                coldStartsPerHourAbove: this.check.goal.maxColdStartsPerHour,
                hourOffsetMs: this.hourOffsetMs,
            },
            runToEnd: !request.stopEarly,
        };
    }

    /** Runs a search in this thread, one simulation at a time. */
    private search<T>(search: Search<T>): T {
        return runSearch(search, (request) => this.simulateHere(request));
    }

    /** A simulation in this thread, or a result of the same plan reused (the rule is in simulation-runner.ts). */
    private simulateHere(request: SimulationRequest): SimulationResult {
        const key = requestKey(request);
        const found = this.results.find(key, request.stopEarly);
        if (found) return found;
        const early = this.results.earlyRun(key);
        if (early && !early.stoppedEarly) return early;
        const result = this.runHere(request);
        this.results.add(key, request.stopEarly, result);
        return result;
    }

    private readonly results = new ResultCache<SimulationResult>();

    private runHere(request: SimulationRequest, onColdStart?: ColdStartObserver): SimulationResult {
        const simulation = ++this.simulations;
        const onProgress = this.options.onProgress;
        const label = request.label;
        const result = simulate({
            ...this.settings(request),
            traffic: this.options.traffic,
            onColdStart,
            onProgress: onProgress ? (fraction) => onProgress({ label, fraction, simulation }) : undefined,
        });
        return this.counted(request, simulation, result);
    }

    /**
     * Runs a search with its simulations on the pool, side by side with the other searches'; its simulations wait
     * behind those of a lower `priority` (the searches others wait for go first).
     */
    private searchOnPool<T>(pool: SimulationPool, search: Search<T>, priority: number): Promise<T> {
        return runSearchAsync(search, (request) => this.simulateOnPool(pool, request, priority));
    }

    /** Like simulateHere, on the pool; a request may share a run still in progress. */
    private simulateOnPool(pool: SimulationPool, request: SimulationRequest, priority: number): Promise<SimulationResult> {
        const key = requestKey(request);
        const found = this.runs.find(key, request.stopEarly);
        if (found) return found;
        const early = this.runs.earlyRun(key);
        const run = early
            ? early.then((result) => (result.stoppedEarly ? this.runOnPool(pool, request, priority) : result))
            : this.runOnPool(pool, request, priority);
        this.runs.add(key, request.stopEarly, run);
        return run;
    }

    private readonly runs = new ResultCache<Promise<SimulationResult>>();

    private async runOnPool(pool: SimulationPool, request: SimulationRequest, priority: number): Promise<SimulationResult> {
        const simulation = ++this.simulations;
        const onProgress = this.options.onProgress;
        const label = request.label;
        const reportProgress = onProgress ? (fraction: number): void => onProgress({ label, fraction, simulation }) : undefined;
        const result = await pool.run(this.settings(request), reportProgress, priority);
        return this.counted(request, simulation, result);
    }

    private counted(request: SimulationRequest, simulation: number, result: SimulationResult): SimulationResult {
        this.simulatedRequests += result.arrivals;
        this.options.onProgress?.({ label: request.label, fraction: 1, simulation });
        return result;
    }

    private candidate(
        name: StrategyName,
        configuration: string,
        component: ComponentName | null,
        args: ComponentArgs | null,
        result: SimulationResult,
        simulations: number,
    ): Candidate {
        return {
            name,
            configuration,
            component,
            args,
            result,
            cost: monthlyCost(result.usage, result.periodMs, this.options.fn.memoryMb, this.prices, this.warmer),
            meetsGoal: this.check.meets(result),
            simulations,
        };
    }

    // ---- Searches ----

    private *searchFixed(profile: OnDemandProfile): Search<Candidate> {
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
        });
        return this.candidate("fixed", describe(found.level), "FixedConcurrency", argsFor(found.level), found.result, found.simulations);
    }

    private *searchWarmer(profile: OnDemandProfile): Search<Candidate> {
        const minutes = this.options.warmerIntervalMinutes ?? DEFAULT_WARMER_INTERVAL_MINUTES;
        const intervalMs = minutes * MINUTE_MS;
        const planFor = (level: number): CapacityPlan => ({ initialCapacity: 0, warmer: { concurrency: level, intervalMs } });
        // Pings every few minutes keep the first C environments warm, much as C provisioned ones would.
        const predicted = predictedLevel(profile, this.check);
        const found = yield* searchLowestLevel({
            meetsGoal: (result) => this.check.meets(result),
            label: "warmer",
            planFor,
            candidate: Math.max(1, predicted),
            minLevel: 1,
            maxLevel: maxLevel(profile, this.environment.concurrencyLimit),
        });
        const schedule = rateExpression(minutes);
        const args: ComponentArgs = { targets: [{ ...this.target, concurrency: found.level }], schedule };
        const configuration = `${found.level} ping${found.level === 1 ? "" : "s"} every ${minutes} min`;
        return this.candidate("warmer", configuration, "LambdaWarmer", args, found.result, found.simulations);
    }

    /** Hourly levels scaled by `factor`, never below each hour's cost-optimal level, merged into steps. */
    private scheduledSteps(needs: readonly number[], costOptimal: readonly number[], factor: number): ScheduleStep[] {
        const levels = needs.map((need, slot) => (Number.isNaN(need) ? NaN : Math.max(costOptimal[slot], Math.ceil(factor * need - 1e-9))));
        return stepsFromLevels(levels);
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
     * = level / 32, from 1 (as predicted) down to 0 (cost-optimal levels only) or up to 2.
     */
    private *searchScheduled(profile: OnDemandProfile): Search<{ candidate: Candidate; steps: ScheduleStep[] }> {
        const { needs, costOptimal } = hourlyNeeds(profile, this.check, this.breakEven, this.cycle);
        const stepsFor = (level: number): ScheduleStep[] => this.scheduledSteps(needs, costOptimal, level / SCALE_STEPS);
        const found = yield* searchLowestLevel({
            meetsGoal: (result) => this.check.meets(result),
            label: "scheduled",
            planFor: (level) => this.scheduledPlan(stepsFor(level)).plan,
            // When on-demand alone meets the goal, the cost-optimal levels (factor 0) are the answer.
            candidate: profile.meetsGoal ? 0 : SCALE_STEPS,
            minLevel: 0,
            maxLevel: 2 * SCALE_STEPS,
            keyFor: (level) => JSON.stringify(stepsFor(level)),
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
        const configuration =
            steps.length === 1
                ? `${levels[0]} provisioned, one step`
                : `${Math.min(...levels)}-${Math.max(...levels)} provisioned, ${schedules.length} scheduled actions`;
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
    private *searchTracking(profile: OnDemandProfile, fixed: Candidate | undefined): Search<Candidate> {
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
        // The searched fixed level (not a pinned one, which may miss the goal), else the predicted one.
        const fixedLevel =
            fixed && fixed.meetsGoal && fixed.args && "provisionedConcurrentExecutions" in fixed.args
                ? fixed.args.provisionedConcurrentExecutions
                : Math.max(1, predictedLevel(profile, this.check));
        const found = yield* searchLowestLevel({
            meetsGoal: (result) => this.check.meets(result),
            label: "tracking",
            planFor,
            candidate: profile.meetsGoal ? 1 : Math.max(1, Math.ceil(fixedLevel / 2)),
            minLevel: 1,
            maxLevel: Math.max(fixedLevel, maxLevel(profile, this.environment.concurrencyLimit)),
            maxSimulations: MAX_TRACKING_SIMULATIONS,
            // Tracking adds capacity as load comes, so its lowest minimum often does: try it right after the candidate.
            tryLowestFirst: true,
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
    private *trackingInSchedule(profile: OnDemandProfile, steps: readonly ScheduleStep[]): Search<Candidate | undefined> {
        if (new Set(steps.map((step) => step.capacity)).size <= 1) return undefined;
        const maxCapacity = this.trackingMaxCapacity(profile);
        const floors = steps.map((step) => ({ startSlot: step.startSlot, capacity: Math.max(1, Math.ceil(step.capacity / 2)) }));
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
    private bestTracking(plain: Candidate, inSchedule: Candidate | undefined): Candidate {
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
    private *snapStartCandidate(): Search<Candidate> {
        const snap = this.options.snapStart!;
        const result = yield { label: "snapstart", plan: { initialCapacity: 0 }, stopEarly: false, initMs: snap.restoreMs };
        const candidate = this.candidate("snapstart", `restores of ${snap.restoreMs} ms (${snap.runtime})`, null, SNAPSTART_FUNCTION_ARGS, result, 1);
        const cost = withSnapStartCharges(candidate.cost, result.coldStarts, result.periodMs, this.options.fn.memoryMb, snapStartPrices(snap.runtime));
        return { ...candidate, cost };
    }

    // ---- The answer ----

    private report(candidate: Candidate): StrategyReport {
        const result = candidate.result;
        return {
            name: candidate.name,
            configuration: candidate.configuration,
            component: candidate.component,
            args: candidate.args,
            requests: result.requests,
            coldStarts: result.coldStarts,
            coldStartFraction: result.coldStarts / Math.max(1, result.requests),
            throttled: result.throttled,
            spillover: result.spillover,
            latencyMs: result.latencyMs,
            monthlyCost: candidate.cost,
            provisionedUtilization: result.provisionedUtilization,
            peakConcurrency: result.peakConcurrency,
            meetsGoal: candidate.meetsGoal,
            worstHour: this.check.worstHour(result) ?? null,
            simulations: candidate.simulations,
        };
    }

    private chartData(onDemand: SimulationResult, recommended: Candidate): ChartData {
        const series = recommended.result.series;
        return {
            periodMs: onDemand.periodMs,
            startMinuteOfWeek: this.options.traffic.startMinuteOfWeek,
            binMs: onDemand.series.binMs,
            arrivals: onDemand.series.arrivals,
            onDemand: { peakInFlight: onDemand.series.peakInFlight, coldStarts: onDemand.series.coldStarts },
            recommended: {
                name: recommended.name,
                configuration: recommended.configuration,
                peakInFlight: series.peakInFlight,
                coldStarts: series.coldStarts,
                readyCapacity: series.readyCapacity,
            },
        };
    }
}

/** Tracking's configuration in the table, e.g. "2-40 at 70% (Maximum)". */
function describeTracking(min: number, max: number, suffix = ""): string {
    return `${min}-${max} at ${Math.round(DEFAULT_TARGET_UTILIZATION * 100)}% (${DEFAULT_UTILIZATION_STATISTIC})${suffix}`;
}

