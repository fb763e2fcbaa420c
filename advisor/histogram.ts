/**
 * A fixed-resolution latency histogram: streaming quantiles in constant memory, whatever the number of requests.
 *
 * Resolution: 0.1 ms up to 1 s (where warm requests live, so p50..p99 are exact to 0.1 ms), 1 ms from 1 s to 60 s
 * (cold starts: init durations are whole milliseconds anyway), and one overflow bucket beyond. The maximum, the
 * count and the sum are kept exactly. About 69,000 32-bit counters: 276 KB.
 */
const FINE_LIMIT_MS = 1_000;
const FINE_BUCKETS_PER_MS = 10;
const COARSE_LIMIT_MS = 60_000;
const FINE_BUCKETS = FINE_LIMIT_MS * FINE_BUCKETS_PER_MS;
const COARSE_BUCKETS = COARSE_LIMIT_MS - FINE_LIMIT_MS;
const OVERFLOW_BUCKET = FINE_BUCKETS + COARSE_BUCKETS;
const EDGE_TOLERANCE = 1e-7;

export class LatencyHistogram {
    private readonly counts = new Uint32Array(OVERFLOW_BUCKET + 1);
    private total = 0;
    private sum = 0;
    private maximum = 0;

    record(latencyMs: number): void {
        // Each bucket holds the values in (upper edge - width, upper edge], so a value on an edge is reported as itself
        // (EDGE_TOLERANCE absorbs floating-point noise such as exp(ln(100)) = 100.00000000000001).
        let bucket: number;
        if (latencyMs <= FINE_LIMIT_MS) bucket = Math.max(0, Math.ceil(latencyMs * FINE_BUCKETS_PER_MS - EDGE_TOLERANCE) - 1);
        else if (latencyMs <= COARSE_LIMIT_MS) bucket = FINE_BUCKETS + Math.ceil(latencyMs - FINE_LIMIT_MS - EDGE_TOLERANCE) - 1;
        else bucket = OVERFLOW_BUCKET;
        this.counts[bucket]++;
        this.total++;
        this.sum += latencyMs;
        if (latencyMs > this.maximum) this.maximum = latencyMs;
    }

    get count(): number {
        return this.total;
    }

    get max(): number {
        return this.maximum;
    }

    get mean(): number {
        return this.total === 0 ? 0 : this.sum / this.total;
    }

    /**
     * The q-quantile (0 < q <= 1) by the nearest-rank method: the smallest recorded value such that at least q of the
     * values are at or below it, reported as the upper edge of its bucket (so never optimistic by more than one bucket),
     * and never above the exact maximum.
     */
    quantile(q: number): number {
        if (this.total === 0) return 0;
        const rank = Math.max(1, Math.ceil(q * this.total));
        let seen = 0;
        for (let bucket = 0; bucket < this.counts.length; bucket++) {
            seen += this.counts[bucket];
            if (seen >= rank) return Math.min(bucketUpperEdge(bucket), this.maximum);
        }
        return this.maximum;
    }

    /** How many recorded values are strictly above the given latency (to the resolution of the buckets). */
    countAbove(latencyMs: number): number {
        let below = 0;
        for (let bucket = 0; bucket < this.counts.length && bucketUpperEdge(bucket) <= latencyMs; bucket++) {
            below += this.counts[bucket];
        }
        return this.total - below;
    }
}

function bucketUpperEdge(bucket: number): number {
    if (bucket < FINE_BUCKETS) return (bucket + 1) / FINE_BUCKETS_PER_MS;
    if (bucket < OVERFLOW_BUCKET) return FINE_LIMIT_MS + (bucket - FINE_BUCKETS) + 1;
    return Infinity;
}
