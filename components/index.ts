// The public surface of `lambda-concurrency`: the components and the pure checks they are built on.
export { FixedConcurrency, FixedConcurrencyArgs } from "./fixed";
export { WarmAlias, WarmAliasArgs, WarmAliasCanary } from "./warm-alias";
export { VersionReadiness, versionReadinessProblem } from "./version-readiness";
export {
    FunctionReference,
    ValidationResult,
    parseFunctionReference,
    plainFunctionName,
    validateFunctionName,
    validateQualifier,
    validateVersionNumber,
    validateAliasName,
    validateArnQualifierAgreement,
    validateCapacity,
    scalableTargetResourceId,
} from "./function-reference";
export { ProviderHome, validateFunctionHome } from "./function-home";
export { validateSkipDestroy } from "./replacement";
export { PROVISIONED_CONCURRENCY_COMPONENT_TYPES } from "./swaps";
export { ScheduledConcurrency, ScheduledConcurrencyArgs } from "./scheduled";
export {
    UtilizationScaling,
    UtilizationScalingArgs,
    UtilizationStatistic,
    UtilizationTracking,
    DEFAULT_TARGET_UTILIZATION,
    validateTargetUtilization,
    validateCooldown,
    validateStatistic,
    utilizationMetric,
} from "./utilization";
export {
    Schedule,
    ScheduleArgs,
    ResolvedSchedule,
    LAMBDA_SERVICE_NAMESPACE,
    PROVISIONED_CONCURRENCY_DIMENSION,
    validateSchedules,
    resolveTargetBounds,
    boundsInForce,
    registeredCapacity,
    RegisteredCapacity,
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
export { LambdaWarmer, LambdaWarmerArgs, WarmerArchitecture, WarmerTarget, WarmerTargetArgs, WARMER_RUNTIME } from "./warmer";
export {
    DEFAULT_WARMER_SCHEDULE,
    MAX_WARMER_TARGETS,
    maxPingsInFlight,
    validateInvokeQualifier,
    validateWarmConcurrency,
    validateWarmerSchedule,
} from "./warmer-plan";
export {
    AlarmSettings,
    AlarmKind,
    Monitoring,
    MonitoredComponent,
    ALARMS_OF,
    BREAK_EVEN_UTILIZATION,
    defaultAlarmSettings,
    resolveMonitoring,
    resolveAlarmSettings,
    validateTopicArn,
} from "./monitoring/settings";
export { AlarmSpec, ceilingAlarm, lowUtilizationAlarm, spilloverAlarm, warmerFailureAlarms, warmerShortfallAlarms } from "./monitoring/alarms";
export { DashboardBody, dashboardBodyProblem, dashboardName, provisionedConcurrencyDashboard, warmerDashboard } from "./monitoring/dashboard";
export { warmerPeriodSeconds } from "./monitoring/warmer";
