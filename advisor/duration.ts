/**
 * The request duration model: a log-normal distribution fitted to a median and a 95th percentile.
 *
 * Why log-normal: service times of web requests are positive and right-skewed, and two quantiles determine a
 * log-normal exactly (median = e^mu, p95 = e^(mu + z95 sigma)), so "median and p95 are enough to fit one".
 */
/** The 95th percentile of the standard normal distribution (z such that Phi(z) = 0.95). */
export const Z_95 = 1.6448536269514722;

export interface DurationDistribution {
    /** Median request duration, in milliseconds. */
    readonly medianMs: number;
    /** 95th percentile request duration, in milliseconds (at least the median). */
    readonly p95Ms: number;
}

/** The parameters of a log-normal distribution: ln(X) ~ Normal(mu, sigma). */
export interface LogNormal {
    readonly mu: number;
    readonly sigma: number;
}

/** Fits a log-normal to a median and a p95. A p95 equal to the median gives a constant duration (sigma 0). */
export function fitLogNormal(distribution: DurationDistribution): LogNormal {
    const { medianMs, p95Ms } = distribution;
    if (!(medianMs > 0)) throw new Error(`medianMs must be positive, got ${medianMs}`);
    if (!(p95Ms >= medianMs)) throw new Error(`p95Ms must be at least medianMs (${medianMs}), got ${p95Ms}`);
    return { mu: Math.log(medianMs), sigma: Math.log(p95Ms / medianMs) / Z_95 };
}
