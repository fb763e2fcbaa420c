// Target tracking on the Average of provisioned concurrency utilization. The predefined metric
// LambdaProvisionedConcurrencyUtilization is the minute's Average, and "functions that experience quick bursts of
// traffic may not trigger these alarms" (Lambda developer guide, "Configuring provisioned concurrency"). UtilizationScaling
// tracks the Maximum by default (components/utilization-defaults.ts) and takes Average only when asked.
import { DEFAULT_UTILIZATION_STATISTIC } from "../../components/utilization-defaults";
import { PolicyResourceData, ResourceRule, SCALING_POLICY_TYPE, Violation, isProvisionedConcurrencyScaling, problemOf } from "../resources";

/** Where a target tracking configuration reads the Average, if it does. */
function averageIn(configuration: Record<string, unknown>): string | undefined {
    const predefined = configuration.predefinedMetricSpecification as { predefinedMetricType?: unknown } | undefined;
    if (predefined?.predefinedMetricType === "LambdaProvisionedConcurrencyUtilization") {
        return "the predefined metric LambdaProvisionedConcurrencyUtilization (the minute's Average)";
    }
    const customized = configuration.customizedMetricSpecification as { statistic?: unknown; metrics?: unknown } | undefined;
    if (customized?.statistic === "Average") {
        return 'a customized metric with statistic "Average"';
    }
    const metrics = Array.isArray(customized?.metrics) ? (customized.metrics as { metricStat?: { stat?: unknown } }[]) : [];
    if (metrics.some((m) => m?.metricStat?.stat === "Average")) {
        return 'a metric math query over stat "Average"';
    }
    return undefined;
}

export const trackingStatisticRule: ResourceRule = {
    kind: "resource",
    name: "lambda-concurrency-tracking-statistic",
    description:
        "Target tracking of Lambda provisioned concurrency utilization reads the Maximum of the minute, not the Average, which hides the bursts that cause cold starts.",
    enforcementLevel: "advisory",
    check(resource: PolicyResourceData): Violation[] {
        const configuration = resource.props.targetTrackingScalingPolicyConfiguration;
        if (resource.type !== SCALING_POLICY_TYPE || !isProvisionedConcurrencyScaling(resource) || configuration === null || typeof configuration !== "object") {
            return [];
        }
        const average = averageIn(configuration as Record<string, unknown>);
        return problemOf(
            resource,
            average === undefined
                ? undefined
                : `target tracking reads ${average}, which stays under the target through bursts of a few seconds while requests spill over to cold environments. Track ProvisionedConcurrencyUtilization (namespace AWS/Lambda, dimensions FunctionName and Resource = NAME:QUALIFIER) as a customizedMetricSpecification with statistic "${DEFAULT_UTILIZATION_STATISTIC}", as UtilizationScaling does by default`,
        );
    },
};
