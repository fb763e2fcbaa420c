/**
 * What the advisor takes and what it answers (advise() and adviseInParallel() in advise.ts): the goal, the function,
 * the options, and the advice with its strategies, recommendation, chart and assumptions.
 */
import { ComponentArgs, ComponentName, FunctionTarget } from "./component-args";
import { MonthlyCost } from "./cost";
import { EnvironmentBehaviour, WarmerBehaviour } from "./defaults";
import { DurationDistribution } from "./duration";
import { HourTotals } from "./hourly";
import { OfficeHours } from "./office-hours";
import { Architecture, LambdaPrices } from "../aws-facts/pricing";
import { LatencySummary } from "./simulator";
import { Traffic } from "./traffic";

export type StrategyName = "on-demand" | "warmer" | "fixed" | "scheduled" | "tracking" | "snapstart";
export const STRATEGY_NAMES: readonly StrategyName[] = ["on-demand", "warmer", "fixed", "scheduled", "tracking", "snapstart"];

/** What "good enough" means. Any may be given; a strategy must then meet all. */
export interface Goal {
    /** At most this fraction of the whole period's requests may meet a cold start (0.001 = 0.1%). */
    readonly maxColdStartFraction?: number;
    /** At most this many requests may meet a cold start in any clock hour (see hourly.ts). */
    readonly maxColdStartsPerHour?: number;
    /** The 99th percentile latency must be at or under this, in milliseconds: over the period and in every hour. */
    readonly maxP99Ms?: number;
}

export interface FunctionSpec {
    readonly memoryMb: number;
    readonly architecture: Architecture;
    /** What a cold start adds before the handler runs, in milliseconds. */
    readonly initMs: number;
    readonly duration: DurationDistribution;
}

export interface AdviseOptions {
    readonly traffic: Traffic;
    readonly fn: FunctionSpec;
    /**
     * The IANA time zone whose wall clock the traffic's week follows (default UTC): emitted schedules carry it, and the
     * report's times are read in it.
     */
    readonly timezone?: string;
    /**
     * SnapStart, for a runtime that supports it (snapstart.ts): the runtime, what a restore takes instead of the init,
     * and where that figure comes from. Without it the snapstart strategy is left out.
     */
    readonly snapStart?: { readonly runtime: string; readonly restoreMs: number; readonly restoreSource: string };
    /** Where `fn.initMs` comes from, shown with the results (default "given"). */
    readonly initSource?: string;
    readonly environment?: Partial<EnvironmentBehaviour>;
    readonly prices?: Partial<LambdaPrices>;
    readonly warmer?: Partial<WarmerBehaviour>;
    /** Strategies to compare (default all). */
    readonly strategies?: readonly StrategyName[];
    /** Pin the fixed level instead of searching for it. */
    readonly fixedCapacity?: number;
    /** Minutes between the warmer's pings (default 5); the search finds how many pings. */
    readonly warmerIntervalMinutes?: number;
    /**
     * Code deploys a day (default none): on the office days, spread over `deployHours` (default 08:00-18:00, Monday to
     * Friday; deploys.ts). Every strategy is simulated through them, provisioned ones with the warm rollout (WarmAlias,
     * or Lambda's own shift for provisioned concurrency on an alias), so their costs include the overlap.
     */
    readonly deploysPerDay?: number;
    readonly deployHours?: OfficeHours;
    /** Default: at most 0.1% cold starts. */
    readonly goal?: Goal;
    readonly seed?: number;
    /** Names for the emitted arguments (default placeholders "my-function" / "live"). */
    readonly target?: FunctionTarget;
    readonly onProgress?: (progress: AdviseProgress) => void;
}

export interface AdviseProgress {
    /** What is being simulated, e.g. "fixed 12". */
    readonly label: string;
    /** Fraction of that simulation's period done. */
    readonly fraction: number;
    /** 1-based count of simulations so far. */
    readonly simulation: number;
}

export interface StrategyReport {
    readonly name: StrategyName;
    /** A short human description of the parameters, e.g. "12 provisioned". */
    readonly configuration: string;
    readonly component: ComponentName | null;
    readonly args: ComponentArgs | null;
    readonly requests: number;
    readonly coldStarts: number;
    readonly coldStartFraction: number;
    readonly throttled: number;
    readonly spillover: number;
    readonly latencyMs: LatencySummary;
    readonly monthlyCost: MonthlyCost;
    /** Busy over ready time of provisioned concurrency (0 without any). */
    readonly provisionedUtilization: number;
    readonly peakConcurrency: number;
    readonly meetsGoal: boolean;
    /** The clock hour with the most cold starts (with a p99 goal: the most requests over it); null without requests. */
    readonly worstHour: HourTotals | null;
    /** Simulations run to choose these parameters. */
    readonly simulations: number;
}

export interface Recommendation {
    readonly goalMet: boolean;
    readonly strategy: StrategyName;
    readonly configuration: string;
    /** The component to use, or null for on-demand (nothing to deploy). */
    readonly component: ComponentName | null;
    readonly args: ComponentArgs | null;
    readonly monthlyCost: MonthlyCost;
    readonly coldStartFraction: number;
    readonly latencyMs: LatencySummary;
    /** One or two sentences saying what and why. */
    readonly summary: string;
}

/** The series the chart draws. */
export interface ChartData {
    readonly periodMs: number;
    /** Where the period starts in the week (0 = Monday 00:00 UTC), for the time axis. */
    readonly startMinuteOfWeek: number;
    readonly binMs: number;
    readonly arrivals: Float64Array;
    readonly onDemand: { readonly peakInFlight: Float64Array; readonly coldStarts: Float64Array };
    readonly recommended: {
        readonly name: StrategyName;
        readonly configuration: string;
        readonly peakInFlight: Float64Array;
        readonly coldStarts: Float64Array;
        readonly readyCapacity: Float64Array;
    };
}

/** What the results rest on, shown beside them: the numbers a user may want to check or override. */
export interface Assumptions {
    readonly initMs: number;
    readonly initSource: string;
    readonly idleTimeoutMs: number;
    readonly maxLifetimeMs: number;
    readonly allocationDelayMs: number;
    readonly scaleUpPer10Seconds: number;
    readonly concurrencyLimit: number;
    readonly warmerPingHoldMs: number;
    /** The price table's region and the date it was read (prices given by the caller override it). */
    readonly pricesRegion: string;
    readonly pricesReadOn: string;
    readonly pricesOverridden: boolean;
    /** The time zone of the week's hours, the schedules and the report's times. */
    readonly timezone: string;
    /** SnapStart's restore duration and its source, when the strategy was compared. */
    readonly restoreMs?: number;
    readonly restoreSource?: string;
}

export interface Advice {
    readonly assumptions: Assumptions;
    readonly pricing: { readonly architecture: Architecture; readonly breakEvenUtilization: number; readonly prices: LambdaPrices };
    readonly goal: Goal;
    readonly periodMs: number;
    readonly requests: number;
    readonly strategies: readonly StrategyReport[];
    readonly recommendation: Recommendation;
    readonly chart: ChartData;
    /** Work done: simulations run and requests simulated in all of them. */
    readonly simulations: number;
    readonly simulatedRequests: number;
    /** With deploysPerDay: what the deploys cost and what the warm rollout saves (on the fixed level found). */
    readonly deploys?: DeployReport;
}

/** The deploys of the period, on the fixed strategy's level, with the warm rollout and with the alias moved at once. */
export interface DeployReport {
    readonly perDay: number;
    /** Deploys in the simulated period. */
    readonly count: number;
    /** The provisioned environments compared (the fixed level found). */
    readonly provisioned: number;
    /** What the overlap of the two versions' environments adds to the fixed strategy's cost, per month. */
    readonly overlapPerMonth: number;
    /** Cold starts in the DEPLOY_WINDOW_MINUTES after each deploy, summed: with the warm rollout, and moved at once. */
    readonly coldStartsWarmRollout: number;
    readonly coldStartsMovedAtOnce: number;
    readonly windowMinutes: number;
}
