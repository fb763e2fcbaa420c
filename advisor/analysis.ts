/**
 * Pure analysis of an on-demand run, to propose candidate configurations cheaply before a simulation verifies them.
 *
 * Two ideas:
 * 1. Cost. Unit k of provisioned concurrency (the k-th environment) is worth keeping when it is busy more than the
 *    break-even fraction of the time. Within a short bin of mean concurrency a, the number of busy environments of
 *    Poisson traffic is Poisson(a) (an M/G/infinity queue), so unit k is busy with probability P(N >= k).
 * 2. Cold starts. A request that met a cold start in the on-demand run found `rank` environments busy. With
 *    provisioned concurrency (or warm environments kept by pings) at level L, that request finds a free warm
 *    environment when rank < L; so the cold starts left at level L are about those of rank >= L.
 */

/** P(N >= k) for N ~ Poisson(mean). Exact sum for small means, normal approximation with continuity correction beyond. */
export function poissonTailAtLeast(mean: number, k: number): number {
    if (k <= 0) return 1;
    if (mean <= 0) return 0;
    if (mean > 200) return 1 - standardNormalCdf((k - 0.5 - mean) / Math.sqrt(mean));
    let term = Math.exp(-mean);
    let below = 0;
    for (let i = 0; i < k; i++) {
        below += term;
        term *= mean / (i + 1);
    }
    return Math.max(0, 1 - below);
}

/** The standard normal distribution function (Abramowitz and Stegun 7.1.26 for erf, error below 1.5e-7). */
export function standardNormalCdf(z: number): number {
    const x = Math.abs(z) / Math.SQRT2;
    const t = 1 / (1 + 0.3275911 * x);
    const erf = 1 - ((((1.061405429 * t - 1.453152027) * t + 1.421413741) * t - 0.284496736) * t + 0.254829592) * t * Math.exp(-x * x);
    return z >= 0 ? (1 + erf) / 2 : (1 - erf) / 2;
}

/** Mean fraction of the time the k-th environment is busy, over bins of the given mean concurrencies. */
export function unitUtilization(meanConcurrencies: ArrayLike<number>, k: number): number {
    if (meanConcurrencies.length === 0) return 0;
    let sum = 0;
    for (let i = 0; i < meanConcurrencies.length; i++) sum += poissonTailAtLeast(meanConcurrencies[i], k);
    return sum / meanConcurrencies.length;
}

/**
 * The provisioned level that minimises cost over the bins: the highest k whose unit is busy at least the break-even
 * fraction of the time (0 when even the first unit is not). Unit utilization falls as k rises, so a binary search.
 */
export function costOptimalLevel(meanConcurrencies: ArrayLike<number>, breakEven: number): number {
    let peak = 0;
    for (let i = 0; i < meanConcurrencies.length; i++) peak = Math.max(peak, meanConcurrencies[i]);
    let low = 0; // utilization(low) >= breakEven holds (utilization(0) = 1)
    let high = Math.ceil(peak + 10 * Math.sqrt(peak) + 10); // utilization(high) < breakEven
    while (high - low > 1) {
        const middle = (low + high) >> 1;
        if (unitUtilization(meanConcurrencies, middle) >= breakEven) low = middle;
        else high = middle;
    }
    return low;
}

/** Counts of cold starts by rank (the number of busy environments they found), growing as needed. */
export class RankCounts {
    private counts = new Float64Array(16);
    private highestRank = -1;

    add(rank: number, count = 1): void {
        while (rank >= this.counts.length) {
            const bigger = new Float64Array(this.counts.length * 2);
            bigger.set(this.counts);
            this.counts = bigger;
        }
        this.counts[rank] += count;
        if (rank > this.highestRank) this.highestRank = rank;
    }

    /** Adds all the counts of another. */
    addAll(other: RankCounts): void {
        for (let rank = 0; rank <= other.highestRank; rank++) if (other.counts[rank] > 0) this.add(rank, other.counts[rank]);
    }

    /** Cold starts of rank >= level: those that `level` provisioned or warm environments would not have removed. */
    atOrAbove(level: number): number {
        let sum = 0;
        for (let rank = Math.max(0, level); rank <= this.highestRank; rank++) sum += this.counts[rank];
        return sum;
    }

    /** The highest rank seen (-1 when none): level highest + 1 leaves no predicted cold start. */
    get highest(): number {
        return this.highestRank;
    }
}

/** The lowest level at which the predicted count is within the budget (levels are searched from 0 to highest + 1). */
export function lowestLevelWithin(counts: RankCounts, budget: number): number {
    for (let level = 0; level <= counts.highest + 1; level++) {
        if (counts.atOrAbove(level) <= budget) return level;
    }
    return counts.highest + 1;
}

/**
 * Groups hours by similar load: the same group when their mean concurrencies round to the same power of 1.25 (within
 * about 25% of each other). Hours the period never covered (NaN) get group -1. Pooling hours of the same load gives
 * each estimate more cold starts to go on than a single hour has, and the same level to hours that look alike.
 */
export function groupBySimilarLoad(meanConcurrencies: readonly number[]): number[] {
    const keys = meanConcurrencies.map((mean) => (Number.isNaN(mean) ? NaN : Math.round(Math.log(mean + 0.05) / Math.log(1.25))));
    const distinct = [...new Set(keys.filter((key) => !Number.isNaN(key)))].sort((a, b) => a - b);
    return keys.map((key) => (Number.isNaN(key) ? -1 : distinct.indexOf(key)));
}
