/**
 * The advisor: simulates each strategy on the same requests, finds for each the cheapest parameters that meet the
 * goal, and recommends the cheapest strategy that does, as arguments for this package's components.
 *
 * This file runs the comparison: the on-demand run first (on-demand-profile.ts: what it predicts for the others), then
 * each strategy's search (searches.ts), one simulation at a time in this thread (advise) or side by side on worker
 * threads (adviseInParallel), with one rule for reusing a simulation of the same plan (simulation-runner.ts), then
 * the advice: the table's rows, the recommendation (recommend.ts), the chart's series and the assumptions.
 */
import {
    Advice,
    AdviseOptions,
    ChartData,
    DeployReport,
    STRATEGY_NAMES,
    StrategyReport,
} from "./advice";
import { deployTimes } from "./deploys";
import { Candidate, MakeCandidate } from "./candidate";
import { FunctionTarget, PLACEHOLDER_TARGET } from "./component-args";
import { monthlyCost } from "./cost";
import { DEFAULT_ENVIRONMENT, DEFAULT_WARMER, EnvironmentBehaviour, HOUR_MS, MINUTE_MS, MONTH_MS, WarmerBehaviour } from "./defaults";
import { GoalCheck } from "./goal-check";
import { hourOffsetMs } from "./hourly";
import { MissWatch } from "./miss-watch";
import { OnDemandProfile, ProfileRecorder } from "./on-demand-profile";
import { breakEvenUtilization, gbSeconds, LambdaPrices, PRICES_READ_ON, PRICES_REGION, pricesFor } from "../aws-facts/pricing";
import { recommend } from "./recommend";
import { ScheduleCycle, scheduleCycle, ScheduleStep } from "./schedule-plan";
import { StrategySearches } from "./searches";
import { defaultWorkerCount, SimulationPool } from "./simulation-pool";
import {
    requestKey,
    ResultCache,
    runSearch,
    runSearchAsync,
    Search,
    SimulationRequest,
    SimulationSettings,
    speculativeRunHolds,
} from "./simulation-runner";
import { CapacityPlan, SimulationResult, simulate } from "./simulator";
import { expectedRequestCount } from "./traffic";

type ColdStartObserver = (arrivalMs: number, rank: number, latencyMs: number) => void;

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

/** The minutes after a deploy whose cold starts the deploy report counts. */
const DEPLOY_WINDOW_MINUTES = 10;

/** What the searches found, each when it ran. */
interface Findings {
    /** With deploys: the fixed level's run with the alias moved to each new version at once. */
    readonly movedAtOnce?: SimulationResult;
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
    /** The deploys of the period (deploys.ts), ms from its start. */
    private readonly deploys: number[];

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
        this.deploys = deployTimes(options.traffic.periodMs, options.traffic.startMinuteOfWeek, options.deploysPerDay ?? 0, options.deployHours);
    }

    /** The comparison, one simulation at a time in this thread. */
    run(): Advice {
        const want = this.searchesWanted();
        const profile = this.profile();
        const searches = this.searches();
        const fixed = want.fixed ? this.search(searches.fixed(profile)) : undefined;
        const warmer = want.warmer ? this.search(searches.warmer(profile, fixed)) : undefined;
        const scheduled = want.scheduled ? this.search(searches.scheduled(profile)) : undefined;
        const tracking = want.tracking
            ? searches.bestTracking(this.search(searches.tracking(profile, fixed)), this.search(searches.trackingInSchedule(profile, scheduled!.steps)))
            : undefined;
        const snapStart = want.snapStart ? this.search(searches.snapStart()) : undefined;
        const movedAtOnce = this.movedAtOnceRequest(fixed);
        return this.advice(profile, {
            fixed,
            warmer,
            scheduled,
            tracking,
            snapStart,
            movedAtOnce: movedAtOnce !== undefined ? this.simulateHere(movedAtOnce) : undefined,
        });
    }

    /**
     * With deploys and a fixed level found: the same level with the alias moved to each new version as soon as it is
     * published (its environments not allocated yet), to show what the warm rollout saves.
     */
    private movedAtOnceRequest(fixed: Candidate | undefined): SimulationRequest | undefined {
        const level = fixed?.args && "provisionedConcurrentExecutions" in fixed.args ? fixed.args.provisionedConcurrentExecutions : undefined;
        if (this.deploys.length === 0 || level === undefined) return undefined;
        const plan: CapacityPlan = { initialCapacity: level, deploys: this.deploys.map((atMs) => ({ atMs, warmRollout: false })) };
        return { label: `fixed ${level}, alias moved at once`, plan, stopEarly: false };
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
        const snapStart = want.snapStart ? this.searchOnPool(pool, this.searches().snapStart(), last) : undefined;
        // So does the warmer's opening run when on-demand meets the goal: it goes on a core that would idle (speculate).
        const busyWhileProfiling = 1 + (want.snapStart ? 1 : 0);
        const warmerOpening = want.warmer && busyWhileProfiling < pool.size ? this.speculate(pool, this.searches().warmerOpening(), last) : undefined;
        const profile = this.profile(warmerOpening?.watch);
        warmerOpening?.settle(profile.meetsGoal);
        const searches = this.searches();
        const fixed = want.fixed ? this.searchOnPool(pool, searches.fixed(profile), first) : undefined;
        // The warmer starts from the fixed level when there is one (searches.warmer says why), so it waits for it;
        // not when on-demand alone meets the goal (then it starts at one ping).
        const warmer = !want.warmer
            ? undefined
            : fixed && !profile.meetsGoal
              ? fixed.then((found) => this.searchOnPool(pool, searches.warmer(profile, found), last))
              : this.searchOnPool(pool, searches.warmer(profile, undefined), last);
        const scheduled = want.scheduled ? this.searchOnPool(pool, searches.scheduled(profile), second) : undefined;
        const tracking = want.tracking
            ? Promise.all([
                  fixed!.then((found) => this.searchOnPool(pool, searches.tracking(profile, found), first)),
                  scheduled!.then((found) => this.searchOnPool(pool, searches.trackingInSchedule(profile, found.steps), second)),
              ]).then(([plain, inSchedule]) => searches.bestTracking(plain, inSchedule))
            : undefined;
        const movedAtOnce = fixed?.then((found) => {
            const request = this.movedAtOnceRequest(found);
            return request !== undefined ? this.simulateOnPool(pool, request, last) : undefined;
        });
        // One Promise.all, so that a failure anywhere rejects once and no other rejection goes unhandled.
        const [fixedFound, warmerFound, scheduledFound, trackingFound, snapStartFound, movedAtOnceFound] = await Promise.all([
            fixed,
            warmer,
            scheduled,
            tracking,
            snapStart,
            movedAtOnce,
        ]);
        return this.advice(profile, {
            fixed: fixedFound,
            warmer: warmerFound,
            scheduled: scheduledFound,
            tracking: trackingFound,
            snapStart: snapStartFound,
            movedAtOnce: movedAtOnceFound,
        });
    }

    /**
     * Starts a simulation before the goal's budgets are known (they come with the on-demand run's count of requests),
     * for a search that will ask for it only if on-demand meets the goal. `watch` sees the on-demand run's cold starts
     * and drops the run as soon as on-demand will miss (miss-watch.ts), as it then only slows the on-demand run down;
     * `settle`, once the profile is made, keeps it as that request's result if on-demand meets the goal and the run is
     * the one the request would get (speculativeRunHolds: so the answer is advise()'s), or drops it.
     */
    private speculate(pool: SimulationPool, request: SimulationRequest, priority: number): { watch: ColdStartObserver; settle: (onDemandMeetsGoal: boolean) => void } {
        const job = pool.start(this.settings(request), undefined, priority);
        job.result.catch(() => undefined); // a dropped run's rejection is expected; a kept one's is awaited below
        const missWatch = new MissWatch(this.check.goal, expectedRequestCount(this.options.traffic), this.hourOffsetMs);
        let dropped = false;
        const drop = (): void => {
            if (!dropped) job.cancel();
            dropped = true;
        };
        return {
            watch: (arrivalMs, _rank, latencyMs) => {
                if (!dropped && missWatch.observe(arrivalMs, latencyMs)) drop();
            },
            settle: (onDemandMeetsGoal) => {
                if (!onDemandMeetsGoal || dropped) {
                    drop();
                    return;
                }
                const run = job.result.then((result) =>
                    speculativeRunHolds(result, this.check.meets(result))
                        ? this.counted(request, ++this.simulations, result)
                        : this.runOnPool(pool, request, priority),
                );
                this.runs.add(requestKey(request), true, run);
            },
        };
    }

    /** The strategies' searches, with the goal's budgets as they stand (set by profile()). */
    private searches(): StrategySearches {
        return new StrategySearches({
            options: this.options,
            target: this.target,
            check: this.check,
            environment: this.environment,
            breakEven: this.breakEven,
            cycle: this.cycle,
            candidate: this.candidate,
        });
    }

    /**
     * Which searches run: tracking starts from the fixed level and the scheduled steps, so it needs both (the warmer
     * uses the fixed level when it is there, but does not need it).
     */
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
    private profile(watch?: ColdStartObserver): OnDemandProfile {
        const recorder = new ProfileRecorder(this.cycle, this.hourOffsetMs, this.check.goal.maxP99Ms);
        // A per-hour goal's predictions need the demand's peak (on-demand-profile.ts, demandLevel); it costs a queue.
        const measureDemand = this.check.goal.maxColdStartsPerHour !== undefined;
        const observe: ColdStartObserver = watch
            ? (arrivalMs, rank, latencyMs) => {
                  recorder.observe(arrivalMs, rank, latencyMs);
                  watch(arrivalMs, rank, latencyMs);
              }
            : recorder.observe;
        const result = this.runHere({ label: "on-demand", plan: { initialCapacity: 0 }, stopEarly: false }, observe, measureDemand);
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
            ...(found.fixed !== undefined && found.movedAtOnce !== undefined ? { deploys: this.deployReport(found.fixed, found.movedAtOnce) } : {}),
        };
    }

    /** The deploys' cost and cold starts on the fixed level: with the warm rollout (its own run) and moved at once. */
    private deployReport(fixed: Candidate, movedAtOnce: SimulationResult): DeployReport {
        const level = movedAtOnce.series.configuredCapacity[0];
        const windowed = (result: SimulationResult): number => {
            const { binMs, coldStarts } = result.series;
            let sum = 0;
            for (const atMs of this.deploys) {
                const first = Math.floor(atMs / binMs);
                const last = Math.min(coldStarts.length, Math.ceil((atMs + DEPLOY_WINDOW_MINUTES * MINUTE_MS) / binMs));
                for (let bin = first; bin < last; bin++) sum += coldStarts[bin];
            }
            return sum;
        };
        // Each deploy bills the new version's environments from their creation: the allocation, rounded up to the
        // billing increment, on top of the old version's.
        const increment = this.prices.provisionedBillingIncrementMs;
        const overlapMs = level * this.deploys.length * Math.ceil(this.environment.allocationDelayMs / increment) * increment;
        const overlapPerMonth =
            gbSeconds(overlapMs, this.options.fn.memoryMb) * this.prices.provisionedConcurrencyPerGbSecond * (MONTH_MS / this.options.traffic.periodMs);
        return {
            perDay: this.options.deploysPerDay ?? 0,
            count: this.deploys.length,
            provisioned: level,
            overlapPerMonth,
            coldStartsWarmRollout: windowed(fixed.result),
            coldStartsMovedAtOnce: windowed(movedAtOnce),
            windowMinutes: DEPLOY_WINDOW_MINUTES,
        };
    }

    // ---- Running simulations ----

    /** The simulation's input for a request, but for the traffic and the callbacks. */
    private settings(request: SimulationRequest): SimulationSettings {
        return {
            fn: { memoryMb: this.options.fn.memoryMb, initMs: request.initMs ?? this.options.fn.initMs, duration: this.options.fn.duration },
            plan: this.withDeploys(request.plan),
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

    /** A plan through the period's deploys, with the warm rollout, unless it says how it deploys itself. */
    private withDeploys(plan: CapacityPlan): CapacityPlan {
        if (this.deploys.length === 0 || plan.deploys !== undefined) return plan;
        return { ...plan, deploys: this.deploys.map((atMs) => ({ atMs, warmRollout: true })) };
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

    private runHere(request: SimulationRequest, onColdStart?: ColdStartObserver, measureDemand = false): SimulationResult {
        const simulation = ++this.simulations;
        const onProgress = this.options.onProgress;
        const label = request.label;
        const result = simulate({
            ...this.settings(request),
            traffic: this.options.traffic,
            onColdStart,
            measureDemand,
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

    private readonly candidate: MakeCandidate = (name, configuration, component, args, result, simulations) => ({
        name,
        configuration,
        component,
        args,
        result,
        cost: monthlyCost(result.usage, result.periodMs, this.options.fn.memoryMb, this.prices, this.warmer),
        meetsGoal: this.check.meets(result),
        simulations,
    });

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


