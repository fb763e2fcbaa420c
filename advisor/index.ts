/**
 * lambda-concurrency/advisor: cold starts and cost of each warm-capacity strategy for a given traffic, and the
 * cheapest configuration that meets a latency goal, as arguments for this package's components.
 * Pure TypeScript: no Pulumi, no AWS.
 */
export { advise, adviseInParallel } from "./advise";
export { STRATEGY_NAMES } from "./advice";
export { formatPercent } from "./goal-check";
export { defaultWorkerCount } from "./simulation-pool";
export type {
    Advice,
    Assumptions,
    AdviseOptions,
    AdviseProgress,
    ChartData,
    FunctionSpec,
    Goal,
    Recommendation,
    StrategyName,
    StrategyReport,
} from "./advice";

export { simulate } from "./simulator";
export type {
    BilledUsage,
    BoundsAction,
    CapacityAction,
    CapacityPlan,
    Deploy,
    FunctionModel,
    LatencySummary,
    Series,
    SimulationInput,
    SimulationResult,
    StopCondition,
    TrackingPolicy,
    UtilizationStatistic,
} from "./simulator";

export {
    businessHoursTraffic,
    expectedRequestCount,
    perMinuteTraffic,
    profileTraffic,
    spikyTraffic,
    steadyTraffic,
    traceTraffic,
} from "./traffic";
export type { RateTraffic, TraceTraffic, Traffic } from "./traffic";
export { DEFAULT_OFFICE_HOURS, officeHours, parseClockTime, parseDayList } from "./office-hours";
export type { OfficeHours } from "./office-hours";

export { InputError, parsePerMinuteCsv, parsePeriod, parseTrace, withPeriod } from "./inputs";

export { fitLogNormal } from "./duration";
export type { DurationDistribution } from "./duration";

export { ARCHITECTURES, breakEvenUtilization, pricesFor, tieredDurationCost, US_EAST_1_PRICES } from "../aws-facts/pricing";
export type { Architecture, DurationTier, LambdaPrices } from "../aws-facts/pricing";

export { monthlyCost } from "./cost";
export type { MonthlyCost } from "./cost";

export {
    DEFAULT_DURATION_MEDIAN_MS,
    DEFAULT_DURATION_P95_MS,
    DEFAULT_ENVIRONMENT,
    DEFAULT_GOAL_COLD_START_FRACTION,
    DEFAULT_MEMORY_MB,
    DEFAULT_RUNTIME,
    DEFAULT_WARMER,
    RUNTIME_INIT_MS,
    RUNTIME_INIT_SOURCE,
} from "./defaults";
export type { EnvironmentBehaviour, WarmerBehaviour } from "./defaults";

export { formatAdvice } from "./report";
export { renderChart } from "./chart";

export { PLACEHOLDER_TARGET } from "./component-args";
export type {
    ComponentArgs,
    ComponentName,
    FixedConcurrencyArgs,
    FunctionTarget,
    LambdaWarmerArgs,
    ScheduleArgs,
    ScheduledConcurrencyArgs,
    UtilizationScalingArgs,
} from "./component-args";
