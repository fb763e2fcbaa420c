/**
 * A seeded, reproducible discrete-event simulation of Lambda's concurrency model for one function.
 *
 * The model:
 * - each execution environment serves one request at a time;
 * - a request goes to a free provisioned environment if there is one; otherwise (a "spillover" when provisioned
 *   concurrency is configured) to the most recently used idle on-demand environment; otherwise a new environment is
 *   created and the request waits for its init (a cold start);
 * - new on-demand environments are limited by the scale-up rate (a token bucket) and the concurrency limit; a request
 *   that can get neither is throttled;
 * - idle on-demand environments are recycled after the idle timeout, any environment after its maximum lifetime;
 * - provisioned environments are always initialized (AWS re-initializes them in the background);
 * - provisioned capacity increases become ready after the allocation delay; decreases apply at once;
 * - target tracking evaluates one datapoint per minute of ProvisionedConcurrencyUtilization (Average or Maximum) and
 *   scales out after 3 datapoints above target, in after 15 below 90% of target; a minute without invocations on
 *   provisioned concurrency has no datapoint, and the alarms need unbroken runs of datapoints, so with no traffic
 *   nothing scales in;
 * - warm-up pings arrive together every interval and hold an environment each for a short time.
 *
 * Memory: the request stream is generated on the fly and latencies go into a fixed-size histogram, so memory grows with
 * the peak concurrency and the length of the period (per-bin series), never with the number of requests.
 */
import { EnvironmentPool } from "./environments";
import { EndTimeQueue } from "./busy-queue";
import { LatencyHistogram } from "./histogram";
import { DurationDistribution } from "./duration";
import {
    DEFAULT_ENVIRONMENT,
    DEFAULT_WARMER,
    EnvironmentBehaviour,
    HOUR_MS,
    MINUTE_MS,
    TRACKING_SCALE_IN_DATAPOINTS,
    TRACKING_SCALE_IN_FACTOR,
    TRACKING_SCALE_OUT_DATAPOINTS,
    WarmerBehaviour,
} from "./defaults";
import { RequestStream, Traffic } from "./traffic";

export interface FunctionModel {
    /** Memory size in MB (sets the GB-seconds billed). */
    readonly memoryMb: number;
    /** What a cold start adds before the handler runs, in milliseconds. */
    readonly initMs: number;
    /** Handler durations. */
    readonly duration: DurationDistribution;
}

/** A change of the configured provisioned concurrency at a time of the simulated period. */
export interface CapacityAction {
    readonly atMs: number;
    readonly capacity: number;
}

/** A change of the bounds target tracking works within (a scheduled action on the scalable target). */
export interface BoundsAction {
    readonly atMs: number;
    readonly minCapacity: number;
    readonly maxCapacity: number;
}

export type UtilizationStatistic = "Average" | "Maximum";

export interface TrackingPolicy {
    readonly targetUtilization: number;
    readonly statistic: UtilizationStatistic;
    readonly minCapacity: number;
    readonly maxCapacity: number;
    /** Scheduled changes of the bounds, sorted by time. */
    readonly boundsActions?: readonly BoundsAction[];
}

/** What a strategy does, in the simulator's terms. */
export interface CapacityPlan {
    /** Provisioned concurrency configured and ready at the start of the period. */
    readonly initialCapacity: number;
    /** Later changes of the configured provisioned concurrency, sorted by time. */
    readonly capacityActions?: readonly CapacityAction[];
    /** Target tracking on utilization (then initialCapacity is its starting point). */
    readonly tracking?: TrackingPolicy;
    /** Warm-up pings: `concurrency` of them every `intervalMs`, from time 0. */
    readonly warmer?: { readonly concurrency: number; readonly intervalMs: number };
    /** Code deploys: a new version takes the traffic at each, sorted by time (see Deploy). */
    readonly deploys?: readonly Deploy[];
}

/**
 * A code deploy: from `atMs` requests go to a new version. The old version's on-demand environments take no new
 * request (each finishes the one it is serving); the new version has none yet. Its provisioned environments:
 * - `warmRollout` (WarmAlias): allocated before the alias moved, so the configured count is ready at `atMs`; the two
 *   versions' environments overlap for the allocation, billed (5 minutes at least) on top;
 * - otherwise (an alias pointed at the new version as soon as it is published): none ready until the allocation
 *   delay has passed, during which requests spill to cold on-demand environments.
 */
export interface Deploy {
    readonly atMs: number;
    readonly warmRollout: boolean;
}

export interface SimulationInput {
    readonly traffic: Traffic;
    readonly fn: FunctionModel;
    readonly plan: CapacityPlan;
    readonly seed: number;
    readonly environment?: EnvironmentBehaviour;
    readonly warmerBehaviour?: WarmerBehaviour;
    /** Width of the bins of the recorded series (default one minute). */
    readonly binMs?: number;
    /** Stop as soon as the run cannot meet a goal any more (used by the searches). */
    readonly stopWhen?: StopCondition;
    /**
     * Run the whole period even once the stop condition is met, still reporting when it first was
     * (stopConditionMetAtMs): a full run then tells all that a stopped one would, so either can answer a search.
     */
    readonly runToEnd?: boolean;
    /** Provisioned concurrency disabled within the period is billed rounded up to this (default 5 minutes). */
    readonly provisionedBillingIncrementMs?: number;
    /**
     * Called for every request that meets a cold start, with its arrival time, the number of environments busy when it
     * arrived (its "rank": it needed environment number rank + 1) and its latency. Cold starts are rare, so this costs
     * little; the advisor uses it to predict what more capacity would remove.
     */
    readonly onColdStart?: (arrivalMs: number, rank: number, latencyMs: number) => void;
    /** Called now and then with the fraction of the period simulated. */
    readonly onProgress?: (fraction: number) => void;
    /** Also count the requests in flight as if none waited for an init (demandPeak). */
    readonly measureDemand?: boolean;
}

/** When a run can stop. A throttled request counts as a failure for both conditions: worse than a cold start. */
export interface StopCondition {
    /** Stop when more requests than this have met a cold start or been throttled. */
    readonly coldStartsAbove?: number;
    /** Stop when more requests than `slowRequestsAbove` took longer than `slowThresholdMs` (or were throttled). */
    readonly slowRequestsAbove?: number;
    readonly slowThresholdMs?: number;
    /**
     * Stop when more requests than this met a cold start or were throttled within one clock hour (hours start at
     * `hourOffsetMs` before the period's start is a whole hour away: see hourly.ts).
     */
    readonly coldStartsPerHourAbove?: number;
    /** Where the period's first clock hour started, in ms before the period (0 when the period starts on the hour). */
    readonly hourOffsetMs?: number;
}

/** Per-bin series over the period, for charts and for the parameter searches. */
export interface Series {
    readonly binMs: number;
    /** Requests arriving in each bin (including throttled ones). */
    readonly arrivals: Float64Array;
    /** Requests that met a cold start, by arrival bin. */
    readonly coldStarts: Float64Array;
    /** Requests throttled, by arrival bin. */
    readonly throttled: Float64Array;
    /** Requests slower than the stop condition's threshold or throttled, by arrival bin (0 without a threshold). */
    readonly slowRequests: Float64Array;
    /** The most environments busy at once (requests and pings) in each bin. */
    readonly peakInFlight: Float64Array;
    /** Service time (init included) of the requests arriving in each bin, in ms: divided by binMs, the mean concurrency. */
    readonly busyMs: Float64Array;
    /** Provisioned concurrency ready at the end of each bin. */
    readonly readyCapacity: Float64Array;
    /** Provisioned concurrency configured (and billed) at the end of each bin. */
    readonly configuredCapacity: Float64Array;
}

/** Billable quantities over the simulated period (not yet scaled to a month). */
export interface BilledUsage {
    /** Requests served (throttled ones are not billed). */
    readonly requests: number;
    /** Handler duration of requests on on-demand environments, each rounded up to 1 ms. */
    readonly onDemandDurationMs: number;
    /** Init duration of on-demand environments created for requests, each rounded up to 1 ms. */
    readonly onDemandInitMs: number;
    /** Handler duration of requests on provisioned environments, each rounded up to 1 ms. */
    readonly provisionedDurationMs: number;
    /** Environment-milliseconds of provisioned concurrency enabled, each closed interval rounded up to the increment. */
    readonly provisionedEnabledMs: number;
    /** Warm-up pings sent, and their billed duration (hold time and any init). */
    readonly pings: number;
    readonly pingDurationMs: number;
    /** Times the warmer's schedule fired (each is one invocation of the sending function). */
    readonly warmerTicks: number;
}

export interface LatencySummary {
    readonly p50: number;
    readonly p95: number;
    readonly p99: number;
    readonly max: number;
    readonly mean: number;
}

export interface SimulationResult {
    /** Requests that arrived (served + throttled). */
    readonly arrivals: number;
    /** Requests served. */
    readonly requests: number;
    readonly coldStarts: number;
    readonly throttled: number;
    /** Requests served on-demand while provisioned concurrency was configured and all of it busy. */
    readonly spillover: number;
    readonly servedByProvisioned: number;
    readonly latencyMs: LatencySummary;
    /** Requests slower than the stop condition's threshold, or throttled (0 without a threshold). */
    readonly slowRequests: number;
    /** The most environments busy at once. */
    readonly peakConcurrency: number;
    /**
     * With measureDemand: the most requests in flight at once had none waited for an init, what as many environments
     * always warm would have seen (peakConcurrency counts the waits too, which pile up at a ramp with a slow init).
     */
    readonly demandPeak?: number;
    /** Busy time of provisioned environments over their ready time (0 when none was ready). */
    readonly provisionedUtilization: number;
    /** Environment-milliseconds of provisioned concurrency ready. */
    readonly provisionedReadyMs: number;
    /** Warm-up pings that found no warm environment and started one (off the users' path, but billed). */
    readonly pingColdStarts: number;
    readonly usage: BilledUsage;
    readonly series: Series;
    /** How many times the configured capacity changed during the period. */
    readonly capacityChanges: number;
    /** True when the run stopped early on its stop condition: its figures cover only part of the period. */
    readonly stoppedEarly: boolean;
    /** The fraction of the period simulated (1 unless stopped early): a later stop means fewer cold starts per hour. */
    readonly fractionSimulated: number;
    /** Arrival time of the request that first met the stop condition, whether or not the run stopped there; null if none did. */
    readonly stopConditionMetAtMs: number | null;
    readonly periodMs: number;
}

const PROGRESS_EVERY_REQUESTS = 1 << 17;

/** Runs one simulation. Pure: the same input gives the same result. */
export function simulate(input: SimulationInput): SimulationResult {
    return new Simulation(input).run();
}

class Simulation {
    private readonly env: EnvironmentBehaviour;
    private readonly warmerBehaviour: WarmerBehaviour;
    private readonly pool: EnvironmentPool;
    private readonly provisionedBusy = new EndTimeQueue();
    /** With measureDemand: every request's end as if it met no init. */
    private readonly demand: EndTimeQueue | undefined;
    private demandPeak = 0;
    private readonly histogram = new LatencyHistogram();
    /** The requests, generated as the run consumes them. */
    private readonly stream: RequestStream;
    private readonly periodMs: number;
    private readonly initMs: number;
    private readonly billedInitMs: number;

    // Series
    private readonly binMs: number;
    private readonly arrivalsSeries: Float64Array;
    private readonly coldSeries: Float64Array;
    private readonly throttledSeries: Float64Array;
    private readonly slowSeries: Float64Array;
    private readonly peakSeries: Float64Array;
    private readonly busySeries: Float64Array;
    private readonly readySeries: Float64Array;
    private readonly configuredSeries: Float64Array;

    // Counters
    private arrivals = 0;
    private served = 0;
    private coldStarts = 0;
    private throttled = 0;
    private spillover = 0;
    private servedByProvisioned = 0;
    private slowRequests = 0;
    private peakConcurrency = 0;
    private pingColdStarts = 0;
    private onDemandDurationMs = 0;
    private onDemandInitMs = 0;
    private provisionedDurationMs = 0;
    private provisionedBusyMs = 0;
    private pings = 0;
    private pingDurationMs = 0;
    private warmerTicks = 0;
    private capacityChanges = 0;

    // Scale-up token bucket
    private tokens: number;
    private tokensAt = 0;
    private readonly tokensPerMs: number;

    // Provisioned capacity
    private configured: number;
    private ready: number;
    private readyChangedAt = 0;
    private provisionedReadyMs = 0;
    private unitEnabledSince: Float64Array = new Float64Array(16);
    private provisionedEnabledMs = 0;
    private readonly pendingReadyAt: number[] = [];
    private readonly pendingReadyLevel: number[] = [];
    private nextCapacityAction = 0;

    // Target tracking
    private readonly tracking: TrackingPolicy | undefined;
    private minCapacity = 0;
    private maxCapacity = Infinity;
    private nextBoundsAction = 0;
    private nextMinuteTick: number;
    private minuteProvisionedInvocations = 0;
    private minuteProvisionedBusyMs = 0;
    private minuteProvisionedPeak = 0;
    /** The last datapoints, newest last; NaN where a minute had no datapoint. */
    private readonly datapoints: number[] = [];

    // Warmer
    private nextPingAt: number;

    // Deploys
    private nextDeploy = 0;

    private nextControlAt = Infinity;

    constructor(private readonly input: SimulationInput) {
        this.env = input.environment ?? DEFAULT_ENVIRONMENT;
        this.onColdStart = input.onColdStart;
        this.warmerBehaviour = input.warmerBehaviour ?? DEFAULT_WARMER;
        this.pool = new EnvironmentPool(this.env.idleTimeoutMs, this.env.maxLifetimeMs);
        this.periodMs = input.traffic.periodMs;
        this.initMs = input.fn.initMs;
        this.billedInitMs = Math.ceil(input.fn.initMs);
        this.binMs = input.binMs ?? MINUTE_MS;
        const bins = Math.max(1, Math.ceil(this.periodMs / this.binMs));
        this.arrivalsSeries = new Float64Array(bins);
        this.coldSeries = new Float64Array(bins);
        this.throttledSeries = new Float64Array(bins);
        this.slowSeries = new Float64Array(bins);
        this.peakSeries = new Float64Array(bins);
        this.busySeries = new Float64Array(bins);
        this.readySeries = new Float64Array(bins).fill(UNMARKED);
        this.configuredSeries = new Float64Array(bins).fill(UNMARKED);
        this.tokens = this.env.scaleUpPer10Seconds;
        this.stream = new RequestStream(input.traffic, input.fn.duration, input.seed);
        this.demand = input.measureDemand ? new EndTimeQueue() : undefined;
        this.tokensPerMs = this.env.scaleUpPer10Seconds / 10_000;

        const plan = input.plan;
        this.tracking = plan.tracking;
        this.configured = 0;
        this.ready = 0;
        let initial = plan.initialCapacity;
        if (this.tracking) {
            this.minCapacity = this.tracking.minCapacity;
            this.maxCapacity = this.tracking.maxCapacity;
            initial = clamp(initial, this.minCapacity, this.maxCapacity);
        }
        // The starting capacity is already in place (enabled before the period: not rounded, not delayed).
        this.enableUnits(0, initial, 0);
        this.configured = initial;
        this.ready = initial;
        this.nextMinuteTick = this.tracking ? MINUTE_MS : Infinity;
        this.nextPingAt = Infinity;
        if (plan.warmer && plan.warmer.concurrency > 0) {
            // The warmer has been running before the period: its environments are warm at time 0, of staggered ages (so
            // that they do not all reach their maximum lifetime together), and its first ping of the period is at time 0.
            const count = plan.warmer.concurrency;
            for (let i = 0; i < count; i++) this.pool.addIdle(-((i + 0.5) / count) * this.env.maxLifetimeMs, 0);
            this.nextPingAt = 0;
        }
        this.updateNextControl();
    }

    run(): SimulationResult {
        const stream = this.stream;
        const stop = this.input.stopWhen;
        let coldLimit = stop?.coldStartsAbove ?? Infinity;
        let slowLimit = stop?.slowRequestsAbove ?? Infinity;
        const slowThreshold = stop?.slowThresholdMs ?? Infinity;
        let hourLimit = stop?.coldStartsPerHourAbove ?? Infinity;
        const runToEnd = this.input.runToEnd === true;
        let stopConditionMetAtMs: number | null = null;
        const hourOffsetMs = stop?.hourOffsetMs ?? 0;
        let hourFailuresAtStart = 0;
        // The clock hour's end, shifted by hourOffsetMs: the hour changes when time + hourOffsetMs reaches it (a
        // comparison per request where a division cost as much as a tenth of the whole loop).
        let hourEndShifted = -Infinity;
        const onProgress = this.input.onProgress;
        let stoppedEarly = false;
        let sinceProgress = 0;
        // The bin of the current request, moved on only when a request falls past it (a division per request costs).
        const lastBin = this.arrivalsSeries.length - 1;
        let bin = 0;
        let binEnd = this.binMs;
        const poolBusy = this.pool.busy;
        const provisionedBusy = this.provisionedBusy;
        while (stream.next()) {
            const time = stream.arrivalMs;
            if (time >= binEnd) {
                bin = Math.min(lastBin, Math.floor(time / this.binMs));
                binEnd = (bin + 1) * this.binMs;
            }
            if (time >= this.nextControlAt) this.runControlUntil(time);
            if (poolBusy.size > 0 && poolBusy.peekTime() <= time) this.pool.releaseUntil(time);
            while (provisionedBusy.size > 0 && provisionedBusy.peekTime() <= time) provisionedBusy.pop();
            if (hourLimit < Infinity && time + hourOffsetMs >= hourEndShifted) {
                hourEndShifted = (Math.floor((time + hourOffsetMs) / HOUR_MS) + 1) * HOUR_MS;
                hourFailuresAtStart = this.coldStarts + this.throttled;
            }
            if (this.demand) this.countDemand();
            this.serveRequest(bin);
            if (this.lastLatencyMs > slowThreshold || (this.lastLatencyMs < 0 && slowThreshold < Infinity)) {
                this.slowRequests++;
                this.slowSeries[bin]++;
            }
            if (
                this.coldStarts + this.throttled > coldLimit ||
                this.slowRequests > slowLimit ||
                this.coldStarts + this.throttled - hourFailuresAtStart > hourLimit
            ) {
                if (!runToEnd) {
                    stoppedEarly = true;
                    stopConditionMetAtMs = time;
                    break;
                }
                // Met once is enough to know: stop checking.
                if (stopConditionMetAtMs === null) stopConditionMetAtMs = time;
                coldLimit = slowLimit = hourLimit = Infinity;
            }
            if (onProgress && ++sinceProgress === PROGRESS_EVERY_REQUESTS) {
                sinceProgress = 0;
                onProgress(time / this.periodMs);
            }
        }
        if (!stoppedEarly) this.runControlUntil(this.periodMs - 1e-9);
        // The stopping request's time: the stream still holds it. (Not copied to a local at every request: a double
        // carried around the loop that way was boxed, an allocation per request.)
        return this.finish(stoppedEarly, stoppedEarly ? stream.arrivalMs / this.periodMs : 1, stopConditionMetAtMs);
    }

    /**
     * Serves the stream's current request and leaves its latency in lastLatencyMs (-1 when throttled). Neither its
     * time nor its duration goes in or out as a number: V8 boxes a double passed to or returned from a function it does
     * not inline, an allocation per request; read from the stream's fields, they stay unboxed.
     */
    private serveRequest(bin: number): void {
        const stream = this.stream;
        const time = stream.arrivalMs;
        const durationMs = stream.durationMs;
        this.arrivals++;
        this.arrivalsSeries[bin]++;
        let latency: number;
        if (this.provisionedBusy.size < this.ready) {
            this.provisionedBusy.push(time + durationMs);
            this.servedByProvisioned++;
            this.provisionedDurationMs += Math.ceil(durationMs);
            this.provisionedBusyMs += durationMs;
            if (this.tracking) {
                this.minuteProvisionedInvocations++;
                this.minuteProvisionedBusyMs += durationMs;
                if (this.provisionedBusy.size > this.minuteProvisionedPeak) this.minuteProvisionedPeak = this.provisionedBusy.size;
            }
            latency = durationMs;
        } else {
            if (this.ready > 0) this.spillover++;
            const warm = this.pool.takeWarm(time);
            if (warm >= 0) {
                this.pool.busy.push(time + durationMs, warm);
                latency = durationMs;
            } else {
                if (!this.canCreateEnvironment(time)) {
                    this.throttled++;
                    this.throttledSeries[bin]++;
                    this.lastLatencyMs = -1;
                    return;
                }
                const rank = this.pool.busy.size + this.provisionedBusy.size;
                const id = this.pool.create(time);
                latency = this.initMs + durationMs;
                if (this.onColdStart) this.onColdStart(time, rank, latency);
                this.pool.busy.push(time + latency, id);
                this.coldStarts++;
                this.coldSeries[bin]++;
                this.onDemandInitMs += this.billedInitMs;
            }
            this.onDemandDurationMs += Math.ceil(durationMs);
        }
        this.served++;
        this.histogram.record(latency);
        this.busySeries[bin] += latency;
        const inFlight = this.pool.busy.size + this.provisionedBusy.size;
        if (inFlight > this.peakSeries[bin]) {
            this.peakSeries[bin] = inFlight;
            if (inFlight > this.peakConcurrency) this.peakConcurrency = inFlight;
        }
        this.lastLatencyMs = latency;
    }

    private countDemand(): void {
        const demand = this.demand!;
        const time = this.stream.arrivalMs;
        while (demand.size > 0 && demand.peekTime() <= time) demand.pop();
        demand.push(time + this.stream.durationMs);
        if (demand.size > this.demandPeak) this.demandPeak = demand.size;
    }

    private lastLatencyMs = 0;
    private readonly onColdStart: SimulationInput["onColdStart"];

    /** The scale-up token bucket and the concurrency limit: may a new environment start at `time`? */
    private canCreateEnvironment(time: number): boolean {
        if (this.pool.busy.size + this.provisionedBusy.size >= this.env.concurrencyLimit) return false;
        this.tokens = Math.min(this.env.scaleUpPer10Seconds, this.tokens + (time - this.tokensAt) * this.tokensPerMs);
        this.tokensAt = time;
        if (this.tokens < 1) return false;
        this.tokens -= 1;
        return true;
    }

    private releaseProvisionedUntil(time: number): void {
        const busy = this.provisionedBusy;
        while (busy.size > 0 && busy.peekTime() <= time) busy.pop();
    }

    // ---- Control events: capacity actions, allocations becoming ready, tracking minutes, bounds, pings ----

    private updateNextControl(): void {
        const actions = this.input.plan.capacityActions;
        const bounds = this.tracking?.boundsActions;
        this.nextControlAt = Math.min(
            actions && this.nextCapacityAction < actions.length ? actions[this.nextCapacityAction].atMs : Infinity,
            this.pendingReadyAt.length > 0 ? this.pendingReadyAt[0] : Infinity,
            this.nextMinuteTick,
            bounds && this.nextBoundsAction < bounds.length ? bounds[this.nextBoundsAction].atMs : Infinity,
            this.nextPingAt,
            this.nextDeployAt(),
        );
    }

    private nextDeployAt(): number {
        const deploys = this.input.plan.deploys;
        return deploys && this.nextDeploy < deploys.length ? deploys[this.nextDeploy].atMs : Infinity;
    }

    /** A deploy at `now` (see Deploy). */
    private deploy(deploy: Deploy, now: number): void {
        this.pool.retireAll();
        if (this.configured === 0) {
            return;
        }
        // The new version's configuration is billed from its creation: for the allocation, on top of the old one's,
        // rounded up to the billing increment.
        const increment = this.input.provisionedBillingIncrementMs ?? DEFAULT_PROVISIONED_INCREMENT_MS;
        this.provisionedEnabledMs += this.configured * roundUp(this.env.allocationDelayMs, increment);
        if (!deploy.warmRollout) {
            const level = this.configured;
            this.setReady(0, now);
            this.pendingReadyAt.push(now + this.env.allocationDelayMs);
            this.pendingReadyLevel.push(level);
        }
    }

    /** Processes every control event at or before `time`, in time order, releasing environments in between. */
    private runControlUntil(time: number): void {
        while (this.nextControlAt <= time && this.nextControlAt < this.periodMs) {
            const now = this.nextControlAt;
            this.pool.releaseUntil(now);
            this.releaseProvisionedUntil(now);
            const actions = this.input.plan.capacityActions;
            while (actions && this.nextCapacityAction < actions.length && actions[this.nextCapacityAction].atMs <= now) {
                this.setConfigured(actions[this.nextCapacityAction++].capacity, now);
            }
            const bounds = this.tracking?.boundsActions;
            while (bounds && this.nextBoundsAction < bounds.length && bounds[this.nextBoundsAction].atMs <= now) {
                const action = bounds[this.nextBoundsAction++];
                this.minCapacity = action.minCapacity;
                this.maxCapacity = action.maxCapacity;
                const bounded = clamp(this.configured, this.minCapacity, this.maxCapacity);
                if (bounded !== this.configured) this.setConfigured(bounded, now);
            }
            while (this.pendingReadyAt.length > 0 && this.pendingReadyAt[0] <= now) {
                this.pendingReadyAt.shift();
                const level = this.pendingReadyLevel.shift() ?? 0;
                this.setReady(Math.max(this.ready, Math.min(level, this.configured)), now);
            }
            if (this.nextMinuteTick <= now) {
                this.evaluateTracking(now);
                this.nextMinuteTick += MINUTE_MS;
            }
            const deploys = this.input.plan.deploys;
            while (deploys && this.nextDeploy < deploys.length && deploys[this.nextDeploy].atMs <= now) {
                this.deploy(deploys[this.nextDeploy++], now);
            }
            if (this.nextPingAt <= now) {
                this.sendPings(now);
                this.nextPingAt += this.input.plan.warmer?.intervalMs ?? Infinity;
            }
            this.updateNextControl();
        }
    }

    private setConfigured(capacity: number, now: number): void {
        const target = Math.max(0, Math.round(capacity));
        if (target === this.configured) return;
        this.capacityChanges++;
        if (target > this.configured) {
            this.enableUnits(this.configured, target, now);
            this.pendingReadyAt.push(now + this.env.allocationDelayMs);
            this.pendingReadyLevel.push(target);
        } else {
            const increment = this.input.provisionedBillingIncrementMs ?? DEFAULT_PROVISIONED_INCREMENT_MS;
            for (let unit = target; unit < this.configured; unit++) {
                this.provisionedEnabledMs += roundUp(now - this.unitEnabledSince[unit], increment);
            }
            if (this.ready > target) this.setReady(target, now);
        }
        this.configured = target;
        this.markCapacity(now);
    }

    private enableUnits(from: number, to: number, now: number): void {
        while (this.unitEnabledSince.length < to) {
            const bigger = new Float64Array(this.unitEnabledSince.length * 2);
            bigger.set(this.unitEnabledSince);
            this.unitEnabledSince = bigger;
        }
        for (let unit = from; unit < to; unit++) this.unitEnabledSince[unit] = now;
    }

    private setReady(level: number, now: number): void {
        this.provisionedReadyMs += this.ready * (now - this.readyChangedAt);
        this.readyChangedAt = now;
        this.ready = level;
        this.markCapacity(now);
    }

    /** Records the capacity in force from `now` to the end of its bin (later changes in the bin overwrite it). */
    private markCapacity(now: number): void {
        const bin = Math.min(this.readySeries.length - 1, Math.floor(now / this.binMs));
        this.readySeries[bin] = this.ready;
        this.configuredSeries[bin] = this.configured;
    }

    /** One minute of target tracking: a datapoint, then the alarms. */
    private evaluateTracking(now: number): void {
        const policy = this.tracking;
        if (!policy) return;
        let datapoint = NaN;
        if (this.minuteProvisionedInvocations > 0 && this.ready > 0) {
            datapoint =
                policy.statistic === "Maximum"
                    ? Math.min(1, this.minuteProvisionedPeak / this.ready)
                    : Math.min(1, this.minuteProvisionedBusyMs / (MINUTE_MS * this.ready));
        }
        this.minuteProvisionedInvocations = 0;
        this.minuteProvisionedBusyMs = 0;
        this.minuteProvisionedPeak = this.provisionedBusy.size;
        this.datapoints.push(datapoint);
        if (this.datapoints.length > TRACKING_SCALE_IN_DATAPOINTS) this.datapoints.shift();

        const allocating = this.ready < this.configured;
        const target = policy.targetUtilization;
        const aboveTarget = lastAll(this.datapoints, TRACKING_SCALE_OUT_DATAPOINTS, (value) => value > target);
        if (!allocating && this.configured < this.maxCapacity && aboveTarget) {
            // Target tracking sizes capacity in proportion to metric / target (Application Auto Scaling user guide).
            const wanted = Math.ceil((this.configured * datapoint) / target - 1e-9);
            this.setConfigured(Math.min(this.maxCapacity, Math.max(this.configured + 1, wanted)), now);
            this.datapoints.length = 0;
        } else if (
            this.configured > this.minCapacity &&
            lastAll(this.datapoints, TRACKING_SCALE_IN_DATAPOINTS, (v) => v < TRACKING_SCALE_IN_FACTOR * target)
        ) {
            const wanted = Math.ceil((this.configured * datapoint) / target - 1e-9);
            const next = Math.max(this.minCapacity, Math.min(this.configured - 1, wanted));
            this.setConfigured(next, now);
            this.datapoints.length = 0;
        }
    }

    private sendPings(now: number): void {
        const warmer = this.input.plan.warmer;
        if (!warmer) return;
        this.warmerTicks++;
        const hold = this.warmerBehaviour.pingHoldMs;
        const bin = Math.min(this.peakSeries.length - 1, (now / this.binMs) | 0);
        for (let i = 0; i < warmer.concurrency; i++) {
            let id = this.pool.takeWarm(now);
            let busyFor = hold;
            if (id < 0) {
                if (!this.canCreateEnvironment(now)) continue;
                id = this.pool.create(now);
                busyFor = this.initMs + hold;
                this.pingColdStarts++;
                this.pingDurationMs += this.billedInitMs;
            }
            this.pool.busy.push(now + busyFor, id);
            this.pings++;
            this.pingDurationMs += Math.ceil(hold);
        }
        const inFlight = this.pool.busy.size + this.provisionedBusy.size;
        if (inFlight > this.peakSeries[bin]) this.peakSeries[bin] = inFlight;
        if (inFlight > this.peakConcurrency) this.peakConcurrency = inFlight;
    }

    private finish(stoppedEarly: boolean, fractionSimulated: number, stopConditionMetAtMs: number | null): SimulationResult {
        const end = this.periodMs;
        this.provisionedReadyMs += this.ready * (end - this.readyChangedAt);
        // Capacity still enabled at the end continues past the period: billed exactly, not rounded.
        for (let unit = 0; unit < this.configured; unit++) this.provisionedEnabledMs += end - this.unitEnabledSince[unit];
        this.fillCapacitySeries();
        const histogram = this.histogram;
        return {
            arrivals: this.arrivals,
            requests: this.served,
            coldStarts: this.coldStarts,
            throttled: this.throttled,
            spillover: this.spillover,
            servedByProvisioned: this.servedByProvisioned,
            latencyMs: {
                p50: histogram.quantile(0.5),
                p95: histogram.quantile(0.95),
                p99: histogram.quantile(0.99),
                max: histogram.max,
                mean: histogram.mean,
            },
            slowRequests: this.slowRequests,
            peakConcurrency: this.peakConcurrency,
            ...(this.demand ? { demandPeak: this.demandPeak } : {}),
            provisionedUtilization: this.provisionedReadyMs > 0 ? Math.min(1, this.provisionedBusyMs / this.provisionedReadyMs) : 0,
            provisionedReadyMs: this.provisionedReadyMs,
            pingColdStarts: this.pingColdStarts,
            usage: {
                requests: this.served,
                onDemandDurationMs: this.onDemandDurationMs,
                onDemandInitMs: this.onDemandInitMs,
                provisionedDurationMs: this.provisionedDurationMs,
                provisionedEnabledMs: this.provisionedEnabledMs,
                pings: this.pings,
                pingDurationMs: this.pingDurationMs,
                warmerTicks: this.warmerTicks,
            },
            series: {
                binMs: this.binMs,
                arrivals: this.arrivalsSeries,
                coldStarts: this.coldSeries,
                throttled: this.throttledSeries,
                slowRequests: this.slowSeries,
                peakInFlight: this.peakSeries,
                busyMs: this.busySeries,
                readyCapacity: this.readySeries,
                configuredCapacity: this.configuredSeries,
            },
            capacityChanges: this.capacityChanges,
            stoppedEarly,
            fractionSimulated,
            stopConditionMetAtMs,
            periodMs: this.periodMs,
        };
    }

    /**
     * The capacity series are written only where capacity changed; carry each value forward to the bins after it.
     * Bins before the first change hold the initial capacity.
     */
    private fillCapacitySeries(): void {
        const initial = this.input.plan.tracking
            ? clamp(this.input.plan.initialCapacity, this.input.plan.tracking.minCapacity, this.input.plan.tracking.maxCapacity)
            : this.input.plan.initialCapacity;
        let ready = initial;
        let configured = initial;
        for (let bin = 0; bin < this.readySeries.length; bin++) {
            if (this.readySeries[bin] !== UNMARKED) {
                ready = this.readySeries[bin];
                configured = this.configuredSeries[bin];
            }
            this.readySeries[bin] = ready;
            this.configuredSeries[bin] = configured;
        }
    }
}

/** Provisioned concurrency is billed in 5-minute increments (AWS Lambda pricing page; see pricing.ts). */
const DEFAULT_PROVISIONED_INCREMENT_MS = 5 * MINUTE_MS;
const UNMARKED = -1;

function roundUp(value: number, increment: number): number {
    if (increment <= 0) return value;
    return Math.ceil(value / increment - 1e-9) * increment;
}

function clamp(value: number, min: number, max: number): number {
    return Math.min(max, Math.max(min, value));
}

/** Whether the last `count` entries exist and all satisfy the test (NaN, a missing datapoint, never does). */
function lastAll(values: readonly number[], count: number, test: (value: number) => boolean): boolean {
    if (values.length < count) return false;
    for (let i = values.length - count; i < values.length; i++) {
        if (Number.isNaN(values[i]) || !test(values[i])) return false;
    }
    return true;
}
