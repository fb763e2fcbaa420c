/**
 * Watches the on-demand run's cold starts as they happen for a sign that on-demand will miss the goal. adviseInParallel
 * starts a run beside the on-demand one on the chance that on-demand meets the goal (the warmer's opening run); when it
 * will not, that run only takes the core the on-demand run shares, so it is dropped as soon as this says so. Only the
 * speed depends on it: whether the run is used is decided on the finished on-demand run (speculativeRunHolds).
 *
 * Sure signs: more cold starts in one clock hour than a per-hour goal allows. All but sure: more cold starts (or cold
 * starts over the p99 goal's latency) than the goal would allow of a period with four standard deviations more
 * requests than the traffic is expected to bring (its count is Poisson: odds of about 3 in 100,000 to go beyond; a
 * trace's count is exact). Throttled requests, which count against the goal too, are not seen here: a lower bound, so
 * never a false sign. A wrong sign would only cost time: the dropped run is then run again after the on-demand run.
 */
import { Goal } from "./advice";
import { HOUR_MS } from "./defaults";

/** Standard deviations of the count of requests added to its expected value before a budget is taken from it. */
const REQUESTS_MARGIN_DEVIATIONS = 4;

export class MissWatch {
    private readonly coldLimit: number;
    private readonly slowLimit: number;
    private readonly slowThresholdMs: number;
    private readonly hourLimit: number;
    private coldStarts = 0;
    private slowColdStarts = 0;
    private hour = -Infinity;
    private coldStartsThisHour = 0;
    private missed = false;

    /**
     * @param expectedRequests the traffic's expected count of requests (expectedRequestCount)
     * @param hourOffsetMs how far into its clock hour the period starts (hourly.ts)
     */
    constructor(
        goal: Goal,
        expectedRequests: number,
        private readonly hourOffsetMs: number,
    ) {
        const requests = expectedRequests + REQUESTS_MARGIN_DEVIATIONS * Math.sqrt(expectedRequests);
        this.coldLimit = goal.maxColdStartFraction !== undefined ? goal.maxColdStartFraction * requests : Infinity;
        this.slowLimit = goal.maxP99Ms !== undefined ? 0.01 * requests : Infinity;
        this.slowThresholdMs = goal.maxP99Ms ?? Infinity;
        this.hourLimit = goal.maxColdStartsPerHour ?? Infinity;
    }

    /** Counts one cold start of the on-demand run; true from the one that shows on-demand misses the goal. */
    observe(arrivalMs: number, latencyMs: number): boolean {
        if (this.missed) return true;
        this.coldStarts++;
        if (latencyMs > this.slowThresholdMs) this.slowColdStarts++;
        const hour = Math.floor((arrivalMs + this.hourOffsetMs) / HOUR_MS);
        if (hour !== this.hour) {
            this.hour = hour;
            this.coldStartsThisHour = 0;
        }
        this.coldStartsThisHour++;
        this.missed = this.coldStarts > this.coldLimit || this.slowColdStarts > this.slowLimit || this.coldStartsThisHour > this.hourLimit;
        return this.missed;
    }
}
