// The public surface of `lambda-concurrency`: the components and the pure checks they are built on.
export { FixedConcurrency, FixedConcurrencyArgs } from "./fixed";
export {
    FunctionReference,
    ValidationResult,
    parseFunctionReference,
    validateFunctionName,
    validateQualifier,
    validateArnQualifierAgreement,
    validateCapacity,
    scalableTargetResourceId,
} from "./target";
export { ScheduledConcurrency, ScheduledConcurrencyArgs } from "./scheduled";
export {
    UtilizationScaling,
    UtilizationScalingArgs,
    UtilizationStatistic,
    DEFAULT_TARGET_UTILIZATION,
    validateTargetUtilization,
    validateCooldown,
    validateStatistic,
    utilizationMetric,
} from "./utilization";
export {
    ScheduleArgs,
    ResolvedSchedule,
    LAMBDA_SERVICE_NAMESPACE,
    PROVISIONED_CONCURRENCY_DIMENSION,
    validateSchedules,
    resolveTargetBounds,
} from "./scalable-target";
export {
    ScheduleError,
    ParsedSchedule,
    parseScheduleExpression,
    validateScheduleExpression,
    validateTimezone,
    validateScheduleTimes,
    validateScheduledActionName,
    nextOccurrences,
    capacityTimeline,
    formatTimeline,
    describeSchedule,
} from "./schedule";
export { LambdaWarmer, LambdaWarmerArgs, WarmerTargetArgs, WARMER_RUNTIME } from "./warmer";
export {
    DEFAULT_WARMER_SCHEDULE,
    MAX_WARMER_TARGETS,
    validateInvokeQualifier,
    validateWarmConcurrency,
    validateWarmerSchedule,
} from "./warmer-plan";
