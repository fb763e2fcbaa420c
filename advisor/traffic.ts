/**
 * Traffic: what arrives at the function, as piecewise-constant request rates or as a trace of timestamps, and the
 * seeded stream of requests (arrival time, duration) that the simulator consumes one at a time.
 *
 * Time is in milliseconds from the start of the simulated period. `startMinuteOfWeek` places that start in the week
 * (0 = Monday 00:00 UTC) so that a schedule can be written as cron expressions.
 */
import { fitLogNormal, DurationDistribution } from "./duration";
import { ExponentialSampler, LogNormalSampler } from "./sampling";
import { SeededRandom } from "./random";
import { MINUTE_MS } from "./defaults";
import { DEFAULT_OFFICE_HOURS, inOfficeHours, OfficeHours } from "./office-hours";

export interface RateTraffic {
    readonly kind: "rates";
    readonly periodMs: number;
    /** Width of each rate segment; the last one may be cut short by the period. */
    readonly segmentMs: number;
    /** Mean requests per second in each segment (Poisson arrivals within it). */
    readonly ratesPerSecond: Float64Array;
    readonly startMinuteOfWeek: number;
}

export interface TraceTraffic {
    readonly kind: "trace";
    readonly periodMs: number;
    /** Arrival times, sorted ascending, in milliseconds from the start of the period. */
    readonly timestampsMs: Float64Array;
    readonly startMinuteOfWeek: number;
}

export type Traffic = RateTraffic | TraceTraffic;

function rateTraffic(periodMs: number, segmentMs: number, ratesPerSecond: Float64Array, startMinuteOfWeek = 0): RateTraffic {
    if (!(periodMs > 0)) throw new Error(`periodMs must be positive, got ${periodMs}`);
    for (let i = 0; i < ratesPerSecond.length; i++) {
        if (!(ratesPerSecond[i] >= 0) || !Number.isFinite(ratesPerSecond[i])) {
            throw new Error(`rates must be non-negative finite numbers, got ${ratesPerSecond[i]} in segment ${i}`);
        }
    }
    return { kind: "rates", periodMs, segmentMs, ratesPerSecond, startMinuteOfWeek };
}

/**
 * A profile of rates: `ratesPerSecond[i]` from i * segmentMs, e.g. 168 hourly rates for a week. The period is the
 * profile's length unless given; `startMinuteOfWeek` places its start in the week (0 = Monday 00:00 UTC).
 */
export function profileTraffic(
    ratesPerSecond: readonly number[],
    segmentMs: number,
    periodMs = ratesPerSecond.length * segmentMs,
    startMinuteOfWeek = 0,
): RateTraffic {
    if (!(segmentMs > 0)) throw new Error(`segmentMs must be positive, got ${segmentMs}`);
    return rateTraffic(periodMs, segmentMs, Float64Array.from(ratesPerSecond), startMinuteOfWeek);
}

/** A constant rate over the whole period. */
export function steadyTraffic(requestsPerSecond: number, periodMs: number): RateTraffic {
    return rateTraffic(periodMs, periodMs, Float64Array.of(requestsPerSecond));
}

/**
 * Office hours: `peakPerSecond` in `hours` (default Monday to Friday 08:00-18:00), `basePerSecond` otherwise, on the
 * wall clock the week is read on. An illustrative shape, not a measurement; use --csv for your own. Hourly segments
 * when the hours open and close on the hour, per-minute ones otherwise (09:30, say).
 */
export function businessHoursTraffic(peakPerSecond: number, basePerSecond: number, periodMs: number, hours: OfficeHours = DEFAULT_OFFICE_HOURS): RateTraffic {
    const segmentMinutes = hours.openMinute % 60 === 0 && hours.closeMinute % 60 === 0 ? 60 : 1;
    const segments = Math.ceil(periodMs / (segmentMinutes * MINUTE_MS));
    const rates = new Float64Array(segments);
    for (let segment = 0; segment < segments; segment++) {
        rates[segment] = inOfficeHours(hours, (segment * segmentMinutes) % (7 * 1440)) ? peakPerSecond : basePerSecond;
    }
    return rateTraffic(periodMs, segmentMinutes * MINUTE_MS, rates);
}

/**
 * Spiky: `basePerSecond`, with one minute at `peakPerSecond` in every hour at a seeded random minute, so that the
 * spikes cannot be scheduled for. An illustrative shape.
 */
export function spikyTraffic(peakPerSecond: number, basePerSecond: number, periodMs: number, seed: number): RateTraffic {
    const minutes = Math.ceil(periodMs / MINUTE_MS);
    const rates = new Float64Array(minutes).fill(basePerSecond);
    const random = new SeededRandom(seed ^ 0x5eed5);
    const hours = Math.ceil(minutes / 60);
    for (let hour = 0; hour < hours; hour++) {
        const minute = hour * 60 + random.nextInt(60);
        if (minute < minutes) rates[minute] = peakPerSecond;
    }
    if (minutes === 1) rates[0] = peakPerSecond; // a period under a minute is all spike
    return rateTraffic(periodMs, MINUTE_MS, rates);
}

/** Per-minute rates (requests per second in each minute), e.g. from a CSV export of CloudWatch Invocations. */
export function perMinuteTraffic(ratesPerSecond: Float64Array, startMinuteOfWeek = 0): RateTraffic {
    return rateTraffic(ratesPerSecond.length * MINUTE_MS, MINUTE_MS, ratesPerSecond, startMinuteOfWeek);
}

/** A trace of request timestamps (ms from the start); the period ends at `periodMs` or just after the last one. */
export function traceTraffic(timestampsMs: Float64Array, startMinuteOfWeek = 0, periodMs?: number): TraceTraffic {
    for (let i = 1; i < timestampsMs.length; i++) {
        if (timestampsMs[i] < timestampsMs[i - 1]) throw new Error(`timestamps must be sorted, got ${timestampsMs[i]} after ${timestampsMs[i - 1]}`);
    }
    const last = timestampsMs.length > 0 ? timestampsMs[timestampsMs.length - 1] : 0;
    const period = periodMs ?? Math.max(MINUTE_MS, Math.ceil((last + 1) / MINUTE_MS) * MINUTE_MS);
    return { kind: "trace", periodMs: period, timestampsMs, startMinuteOfWeek };
}

/** The expected number of requests over the period (exact for a trace). */
export function expectedRequestCount(traffic: Traffic): number {
    if (traffic.kind === "trace") return traffic.timestampsMs.length;
    let total = 0;
    for (let i = 0; i < traffic.ratesPerSecond.length; i++) {
        const start = i * traffic.segmentMs;
        const end = Math.min(traffic.periodMs, start + traffic.segmentMs);
        if (end > start) total += (traffic.ratesPerSecond[i] * (end - start)) / 1000;
    }
    return total;
}

/**
 * The stream of requests: call next() until it returns false, reading `arrivalMs` and `durationMs` after each call.
 * It allocates nothing per request, and the same seed always yields the same requests (arrivals and durations come
 * from two separate generators, so every strategy sees exactly the same requests: common random numbers).
 */
const BLOCK = 1024;

export class RequestStream {
    arrivalMs = 0;
    durationMs = 0;
    private readonly gaps: ExponentialSampler;
    private readonly durations: LogNormalSampler;
    private segment = 0;
    private traceIndex = 0;
    // Draws are made in blocks (samplers' fill), the same values one call at a time would give, at a lower cost.
    private readonly gapBlock = new Float64Array(BLOCK);
    private gapIndex = BLOCK;
    private readonly durationBlock = new Float64Array(BLOCK);
    private durationIndex = BLOCK;

    constructor(
        private readonly traffic: Traffic,
        duration: DurationDistribution,
        seed: number,
    ) {
        this.gaps = new ExponentialSampler(new SeededRandom(seed));
        this.durations = new LogNormalSampler(new SeededRandom(seed ^ 0x9e3779b9), fitLogNormal(duration));
    }

    next(): boolean {
        if (this.traffic.kind === "trace") {
            if (this.traceIndex >= this.traffic.timestampsMs.length) return false;
            this.arrivalMs = this.traffic.timestampsMs[this.traceIndex++];
        } else if (!this.nextPoissonArrival(this.traffic)) {
            return false;
        }
        if (this.durationIndex === BLOCK) {
            this.durations.fill(this.durationBlock);
            this.durationIndex = 0;
        }
        this.durationMs = this.durationBlock[this.durationIndex++];
        return true;
    }

    // The current segment's end and mean gap between arrivals (Infinity where the rate is zero), kept between calls.
    private segmentEndMs = -1;
    private meanGapMs = Infinity;

    /** Poisson arrivals, segment by segment: the process is memoryless, so at a boundary we restart at the new rate. */
    private nextPoissonArrival(traffic: RateTraffic): boolean {
        if (this.segmentEndMs < 0) this.enterSegment(traffic);
        let time = this.arrivalMs;
        while (this.segment < traffic.ratesPerSecond.length) {
            if (this.meanGapMs < Infinity) {
                if (this.gapIndex === BLOCK) {
                    this.gaps.fill(this.gapBlock);
                    this.gapIndex = 0;
                }
                const candidate = time + this.gapBlock[this.gapIndex++] * this.meanGapMs;
                if (candidate < this.segmentEndMs) {
                    this.arrivalMs = candidate;
                    return true;
                }
            }
            time = this.segmentEndMs;
            if (this.segmentEndMs >= traffic.periodMs) break;
            this.segment++;
            this.enterSegment(traffic);
        }
        this.segment = traffic.ratesPerSecond.length;
        return false;
    }

    private enterSegment(traffic: RateTraffic): void {
        this.segmentEndMs = Math.min(traffic.periodMs, (this.segment + 1) * traffic.segmentMs);
        const rate = this.segment < traffic.ratesPerSecond.length ? traffic.ratesPerSecond[this.segment] : 0;
        this.meanGapMs = rate > 0 ? 1000 / rate : Infinity;
    }
}
