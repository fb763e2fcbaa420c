/**
 * Monthly cost of a simulated period: the billed quantities scaled from the period to a month (730 hours), priced.
 */
import { MONTH_MS, WarmerBehaviour, DEFAULT_WARMER } from "./defaults";
import { gbSeconds, LambdaPrices, tieredDurationCost } from "../aws-facts/pricing";
import { BilledUsage } from "./simulator";

/** USD per month, by what it pays for. `total` is exactly the sum of the five parts. */
export interface MonthlyCost {
    readonly total: number;
    /** The function's requests. */
    readonly requests: number;
    /** Duration: on-demand handler and init time (volume-tiered), and handler time on provisioned concurrency. */
    readonly duration: number;
    /** Provisioned concurrency kept enabled. */
    readonly provisioned: number;
    /** The warmer: its pings (requests and duration, init included) and the invocations of the function sending them. */
    readonly warmer: number;
    /** SnapStart's own charges: the snapshot cached all month and each restore (Python and .NET; none for Java). */
    readonly snapStart: number;
}

/**
 * Prices the usage of a simulated period as if the period repeated for a month of 730 hours. The on-demand volume
 * tiers are applied to this function's monthly GB-seconds (pings and their sender included) as if it were alone in
 * the account and region: they really apply to the account's total for the architecture.
 */
export function monthlyCost(
    usage: BilledUsage,
    periodMs: number,
    memoryMb: number,
    prices: LambdaPrices,
    warmer: WarmerBehaviour = DEFAULT_WARMER,
): MonthlyCost {
    const toMonth = MONTH_MS / periodMs;
    const perRequest = prices.requestsPerMillion / 1e6;

    const requestDurationGbS =
        gbSeconds(usage.onDemandDurationMs + (prices.initBilledOnDemand ? usage.onDemandInitMs : 0), memoryMb) * toMonth;
    const pingGbS = gbSeconds(usage.pingDurationMs, memoryMb) * toMonth;
    // The sender waits for its concurrent pings, so it is billed about their hold time each time it fires.
    const senderGbS = gbSeconds(usage.warmerTicks * Math.ceil(warmer.pingHoldMs), warmer.senderMemoryMb) * toMonth;
    const onDemandGbS = requestDurationGbS + pingGbS + senderGbS;
    const onDemandCost = tieredDurationCost(onDemandGbS, prices.onDemandDurationTiers);
    // Split the tiered total in proportion to the GB-seconds, so that the parts still add up to it.
    const share = (part: number): number => (onDemandGbS > 0 ? (onDemandCost * part) / onDemandGbS : 0);

    const requests = usage.requests * toMonth * perRequest;
    const duration =
        share(requestDurationGbS) + gbSeconds(usage.provisionedDurationMs, memoryMb) * toMonth * prices.provisionedDurationPerGbSecond;
    const provisioned = gbSeconds(usage.provisionedEnabledMs, memoryMb) * toMonth * prices.provisionedConcurrencyPerGbSecond;
    const warmerCost = (usage.pings + usage.warmerTicks) * toMonth * perRequest + share(pingGbS + senderGbS);
    return {
        total: requests + duration + provisioned + warmerCost,
        requests,
        duration,
        provisioned,
        warmer: warmerCost,
        snapStart: 0,
    };
}

/**
 * Adds SnapStart's charges to a cost: one version's snapshot cached for the whole month, and one restore per cold
 * start (scaled from the period to a month), both per GB of the function's memory.
 */
export function withSnapStartCharges(
    cost: MonthlyCost,
    restoresInPeriod: number,
    periodMs: number,
    memoryMb: number,
    prices: { readonly cachingPerGbSecond: number; readonly restorePerGb: number },
): MonthlyCost {
    const gb = memoryMb / 1024;
    const caching = gb * (MONTH_MS / 1000) * prices.cachingPerGbSecond;
    const restores = restoresInPeriod * (MONTH_MS / periodMs) * gb * prices.restorePerGb;
    const snapStart = caching + restores;
    return { ...cost, snapStart, total: cost.total + snapStart };
}
