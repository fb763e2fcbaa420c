// UtilizationScaling's defaults, in a module of their own with no Pulumi import, so that the advisor (which must not
// load @pulumi/*) models exactly the component the package builds.

/**
 * The utilization UtilizationScaling tracks by default: 70% of the provisioned environments busy (the Lambda developer
 * guide's provisioned concurrency example sets "TargetValue": 0.7; George Mao's example policy for
 * ProvisionedConcurrencyUtilization, gist georgmao/195845b63af0adb287cec8fb92b0c20b, 2020, too).
 */
export const DEFAULT_TARGET_UTILIZATION = 0.7;

/**
 * The statistic UtilizationScaling tracks by default: Maximum, because per minute the Average misses the bursts that
 * cause cold starts (Lambda developer guide, "Configuring provisioned concurrency": "Functions that experience quick
 * bursts of traffic may not trigger these alarms").
 */
export const DEFAULT_UTILIZATION_STATISTIC = "Maximum" as const;

/**
 * Whether UtilizationScaling scales in when the function is idle, by default: no. Lambda emits no utilization without
 * requests, target tracking needs unbroken datapoints, so the capacity stays where it was until traffic returns
 * (`scaleInWhenIdle: true` fills the gaps with 0; see utilizationMetric).
 */
export const DEFAULT_SCALE_IN_WHEN_IDLE = false;
