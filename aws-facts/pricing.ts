/**
 * AWS Lambda prices (us-east-1), per architecture, and the arithmetic that follows from them. Below both the components
 * (the monitoring's break-even, the cost named when a capacity of 0 is refused) and the advisor, which read them.
 *
 * Source for every figure below unless noted: the AWS Lambda pricing page, https://aws.amazon.com/lambda/pricing/
 * (read 2026-11-23 through its published examples and rate tables; figures match ../shared/DESIGN.md). Prices are
 * plain data so that a user can override any of them (another region, a Savings Plan discount).
 */

/** The date the prices below were read from the AWS Lambda pricing page, and their region. */
export const PRICES_READ_ON = "2026-11-23";
export const PRICES_REGION = "us-east-1";

export type Architecture = "x86_64" | "arm64";
export const ARCHITECTURES: readonly Architecture[] = ["x86_64", "arm64"];

/** One volume tier of on-demand duration pricing. */
export interface DurationTier {
    /** The tier applies to monthly GB-seconds up to this total (Infinity for the last tier). */
    readonly upToGbSeconds: number;
    /** USD per GB-second within this tier. */
    readonly pricePerGbSecond: number;
}

export interface LambdaPrices {
    /** USD per million requests (also charged for requests served by provisioned concurrency, and for warm-up pings). */
    readonly requestsPerMillion: number;
    /** On-demand duration, by monthly volume tier (the tiers aggregate all functions of one architecture in a region). */
    readonly onDemandDurationTiers: readonly DurationTier[];
    /** USD per GB-second of provisioned concurrency kept enabled, used or not. */
    readonly provisionedConcurrencyPerGbSecond: number;
    /** USD per GB-second of duration for invocations that run on provisioned concurrency. */
    readonly provisionedDurationPerGbSecond: number;
    /** Provisioned concurrency is billed from enable to disable, rounded up to this increment, in milliseconds. */
    readonly provisionedBillingIncrementMs: number;
    /** Whether the init phase of on-demand environments is billed as duration (true since 1 August 2025). */
    readonly initBilledOnDemand: boolean;
}

const FIVE_MINUTES_MS = 5 * 60_000;

/**
 * us-east-1 prices.
 * - $0.20 per million requests (pricing page).
 * - x86 on-demand duration: $0.0000166667 per GB-s for the first 6 billion GB-s a month, $0.000015 for the next 9
 *   billion, $0.0000133334 above 15 billion (pricing page; tiers introduced in the AWS Compute Blog post "Introducing
 *   tiered pricing for AWS Lambda", 2021).
 * - arm64 on-demand duration: $0.0000133334 for the first 7.5 billion GB-s, $0.0000120001 for the next 11.25
 *   billion, $0.0000106667 above 18.75 billion (pricing page).
 * - Provisioned concurrency: x86 $0.0000041667, arm64 $0.0000033334 per GB-s enabled; duration on it: x86
 *   $0.0000097222, arm64 $0.0000077778 per GB-s (pricing page, "Provisioned Concurrency Pricing").
 * - "calculated from the time you enable it on your function until it is disabled, rounded up to the nearest five
 *   minutes" (pricing page).
 * - Init billed for on-demand ZIP functions on managed runtimes from 1 August 2025 (AWS Compute Blog, "AWS Lambda
 *   standardizes billing for INIT Phase", 2025).
 */
export const US_EAST_1_PRICES: Readonly<Record<Architecture, LambdaPrices>> = {
    x86_64: {
        requestsPerMillion: 0.2,
        onDemandDurationTiers: [
            { upToGbSeconds: 6e9, pricePerGbSecond: 0.0000166667 },
            { upToGbSeconds: 15e9, pricePerGbSecond: 0.000015 },
            { upToGbSeconds: Infinity, pricePerGbSecond: 0.0000133334 },
        ],
        provisionedConcurrencyPerGbSecond: 0.0000041667,
        provisionedDurationPerGbSecond: 0.0000097222,
        provisionedBillingIncrementMs: FIVE_MINUTES_MS,
        initBilledOnDemand: true,
    },
    arm64: {
        requestsPerMillion: 0.2,
        onDemandDurationTiers: [
            { upToGbSeconds: 7.5e9, pricePerGbSecond: 0.0000133334 },
            { upToGbSeconds: 18.75e9, pricePerGbSecond: 0.0000120001 },
            { upToGbSeconds: Infinity, pricePerGbSecond: 0.0000106667 },
        ],
        provisionedConcurrencyPerGbSecond: 0.0000033334,
        provisionedDurationPerGbSecond: 0.0000077778,
        provisionedBillingIncrementMs: FIVE_MINUTES_MS,
        initBilledOnDemand: true,
    },
};

/** The prices to use: the us-east-1 defaults for the architecture with any field overridden. */
export function pricesFor(architecture: Architecture, overrides: Partial<LambdaPrices> = {}): LambdaPrices {
    return { ...US_EAST_1_PRICES[architecture], ...overrides };
}

/**
 * The utilization of provisioned concurrency above which it is cheaper than on-demand for the same work:
 * an environment kept provisioned for a second costs P, and each second of it in use saves D_od - D_pc, so
 * break-even is P / (D_od - D_pc). With the first-tier prices this is 0.6000 for both architectures (AWS has quoted
 * "about 60%" since launch; see the Pulumi blog in ../shared/background/001).
 */
export function breakEvenUtilization(prices: LambdaPrices): number {
    const onDemand = prices.onDemandDurationTiers[0].pricePerGbSecond;
    return prices.provisionedConcurrencyPerGbSecond / (onDemand - prices.provisionedDurationPerGbSecond);
}

/** The cost of a month's on-demand GB-seconds through the volume tiers. */
export function tieredDurationCost(monthlyGbSeconds: number, tiers: readonly DurationTier[]): number {
    let cost = 0;
    let tierStart = 0;
    for (const tier of tiers) {
        if (monthlyGbSeconds <= tierStart) break;
        const inTier = Math.min(monthlyGbSeconds, tier.upToGbSeconds) - tierStart;
        cost += inTier * tier.pricePerGbSecond;
        tierStart = tier.upToGbSeconds;
    }
    return cost;
}

/** GB-seconds for a number of milliseconds at a memory size (Lambda bills memory in GB of 1024 MB). */
export function gbSeconds(milliseconds: number, memoryMb: number): number {
    return (milliseconds / 1000) * (memoryMb / 1024);
}
