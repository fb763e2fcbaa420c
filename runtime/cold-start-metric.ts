// The ColdStart metric, in CloudWatch Embedded Metric Format: one log line that CloudWatch Logs turns into a metric,
// no API call and no dependency (CloudWatch user guide, "Specification: Embedded metric format",
// https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/CloudWatch_Embedded_Metric_Format_Specification.html).
//
// Named as Powertools for AWS Lambda (TypeScript, Python) names its own: metric `ColdStart`, unit Count, value 1, only
// on a cold start, in a document of its own, with the dimensions `function_name` and `service`, the namespace from
// POWERTOOLS_METRICS_NAMESPACE and the service from POWERTOOLS_SERVICE_NAME (Powertools docs, Metrics, "Capturing a
// cold start invocation as metric"), so that graphs and alarms built on Powertools' metric keep working.

/** Options of the ColdStart metric. */
export interface ColdStartMetricOptions {
  /**
   * The CloudWatch namespace. Defaults to the environment variable POWERTOOLS_METRICS_NAMESPACE, else
   * {@link DEFAULT_COLD_START_NAMESPACE}.
   */
  readonly namespace?: string;
  /**
   * The value of the `service` dimension. Defaults to the environment variable POWERTOOLS_SERVICE_NAME, else
   * `service_undefined` (Powertools' own default).
   */
  readonly service?: string;
}

export const COLD_START_METRIC = "ColdStart";
export const DEFAULT_COLD_START_NAMESPACE = "LambdaConcurrency";
export const DEFAULT_SERVICE = "service_undefined";

/**
 * A CloudWatch namespace: 1 to 255 characters, letters, digits and `. - _ / # :` (and spaces), not starting with
 * `AWS/` (reserved) (CloudWatch API reference, PutMetricData, Namespace).
 */
export function namespaceProblem(value: unknown): string | undefined {
  if (typeof value !== "string" || value.length < 1 || value.length > 255 || !/^[A-Za-z0-9.\-_/#: ]+$/.test(value)) {
    return `coldStartMetric.namespace must be 1 to 255 letters, digits, spaces and . - _ / # :, got ${JSON.stringify(value)}`;
  }
  if (value.startsWith("AWS/")) {
    return `coldStartMetric.namespace must not start with "AWS/" (reserved for AWS services), got ${JSON.stringify(value)}`;
  }
  return undefined;
}

/** The options with their defaults filled in from the environment; throws a RangeError naming a bad value. */
export function resolveColdStartMetric(
  options: ColdStartMetricOptions,
  env: Readonly<Record<string, string | undefined>>,
): { namespace: string; service: string } {
  const namespace = options.namespace ?? env.POWERTOOLS_METRICS_NAMESPACE ?? DEFAULT_COLD_START_NAMESPACE;
  const problem = namespaceProblem(namespace);
  if (problem !== undefined) {
    throw new RangeError(problem);
  }
  const service = options.service ?? env.POWERTOOLS_SERVICE_NAME ?? DEFAULT_SERVICE;
  if (typeof service !== "string" || service.length === 0 || service.length > 1024) {
    throw new RangeError(`coldStartMetric.service must be 1 to 1024 characters, got ${JSON.stringify(service)}`);
  }
  return { namespace, service };
}

/** The EMF log line of one cold start. */
export function coldStartMetricLine(metric: { namespace: string; service: string }, functionName: string, timestamp: number): string {
  return JSON.stringify({
    _aws: {
      Timestamp: timestamp,
      CloudWatchMetrics: [{ Namespace: metric.namespace, Dimensions: [["function_name", "service"]], Metrics: [{ Name: COLD_START_METRIC, Unit: "Count" }] }],
    },
    function_name: functionName,
    service: metric.service,
    [COLD_START_METRIC]: 1,
  });
}
