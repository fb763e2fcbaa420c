// The CloudWatch metrics the monitoring watches: Lambda's own (namespace AWS/Lambda) and the warmer's (written by
// runtime/warmer-function.js in Embedded Metric Format). Pure.

/**
 * Lambda's metrics of provisioned concurrency, one-minute resolution, per function (dimension FunctionName) and per
 * alias or version (FunctionName plus Resource, `NAME:QUALIFIER`) (Lambda developer guide, "Types of metrics for
 * Lambda functions", https://docs.aws.amazon.com/lambda/latest/dg/monitoring-metrics-types.html):
 * - ProvisionedConcurrencySpilloverInvocations: invocations run on standard (on-demand) concurrency because all
 *   provisioned concurrency was in use;
 * - ProvisionedConcurrencyInvocations: invocations run on provisioned concurrency;
 * - ProvisionedConcurrentExecutions: environments processing events on provisioned concurrency;
 * - ProvisionedConcurrencyUtilization: ProvisionedConcurrentExecutions divided by the provisioned concurrency
 *   allocated; Application Auto Scaling's LambdaProvisionedConcurrencyUtilization is this metric.
 */
export const LAMBDA_NAMESPACE = "AWS/Lambda";
export const SPILLOVER = "ProvisionedConcurrencySpilloverInvocations";
export const PROVISIONED_INVOCATIONS = "ProvisionedConcurrencyInvocations";
export const PROVISIONED_EXECUTIONS = "ProvisionedConcurrentExecutions";
export const UTILIZATION = "ProvisionedConcurrencyUtilization";
export const INVOCATIONS = "Invocations";
export const CONCURRENT_EXECUTIONS = "ConcurrentExecutions";
export const DURATION = "Duration";
export const ERRORS = "Errors";
export const THROTTLES = "Throttles";

/** The warmer's namespace and metrics, as runtime/warmer-function.js writes them (dimensions FunctionName[, Qualifier]). */
export const WARMER_NAMESPACE = "LambdaConcurrency/Warmer";
export const WARMER_REQUESTED = "Requested";
export const WARMER_INSTANCES_REACHED = "InstancesReached";
export const WARMER_ERRORS = "Errors";
export const WARMER_THROTTLES = "Throttles";
/**
 * The metrics the warmer writes per target (Requested, InstancesReached, ColdInstances, Errors, Throttles,
 * UnrecognizedReplies, Duration): each target is that many CloudWatch custom metrics, billed as such.
 */
export const WARMER_METRICS_PER_TARGET = 7;

/** A metric: namespace, name and dimensions (name to value, in the order CloudWatch shows them). */
export interface MetricId {
    namespace: string;
    metricName: string;
    dimensions: Record<string, string>;
}

/** One of Lambda's metrics for an alias or version: dimensions FunctionName and Resource (`NAME:QUALIFIER`). */
export function qualifiedLambdaMetric(metricName: string, functionName: string, qualifier: string): MetricId {
    return { namespace: LAMBDA_NAMESPACE, metricName, dimensions: { FunctionName: functionName, Resource: `${functionName}:${qualifier}` } };
}

/** One of Lambda's metrics for the whole function (every version and alias): dimension FunctionName. */
export function functionLambdaMetric(metricName: string, functionName: string): MetricId {
    return { namespace: LAMBDA_NAMESPACE, metricName, dimensions: { FunctionName: functionName } };
}

/** A warmer target as the warmer's metrics name it: the plain function name, and the qualifier pinged if any. */
export interface WarmedTarget {
    functionName: string;
    qualifier?: string;
}

/**
 * One of the warmer's metrics for a target, with the dimensions the warmer writes: FunctionName, and Qualifier only
 * when the ping names one (metricsLogLine in runtime/warmer-function.js).
 */
export function warmerMetric(metricName: string, target: WarmedTarget): MetricId {
    const dimensions: Record<string, string> =
        target.qualifier === undefined ? { FunctionName: target.functionName } : { FunctionName: target.functionName, Qualifier: target.qualifier };
    return { namespace: WARMER_NAMESPACE, metricName, dimensions };
}
