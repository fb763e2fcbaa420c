// A target value outside the sane range of a utilization: the components' own check (validateTargetUtilization,
// components/utilization-defaults.ts), on a hand-written target tracking policy, with the range configurable.
import { TARGET_UTILIZATION_RANGE, validateTargetUtilization } from "../../components/utilization-defaults";
import { PolicyResourceData, ResourceRule, SCALING_POLICY_TYPE, Violation, isProvisionedConcurrencyScaling, problemOf } from "../resources";

export const trackingTargetValueRule: ResourceRule = {
    kind: "resource",
    name: "lambda-concurrency-tracking-target-value",
    description:
        "Target tracking of Lambda provisioned concurrency utilization holds a target value between minTargetValue and maxTargetValue (0.1 and 0.9 by default): utilization is a fraction.",
    enforcementLevel: "mandatory",
    configSchema: {
        minTargetValue: {
            type: "number",
            description: "The lowest target value allowed.",
            default: TARGET_UTILIZATION_RANGE.min,
            minimum: 0,
            maximum: 1,
        },
        maxTargetValue: {
            type: "number",
            description: "The highest target value allowed.",
            default: TARGET_UTILIZATION_RANGE.max,
            minimum: 0,
            maximum: 1,
        },
    },
    check(resource: PolicyResourceData, config: Readonly<Record<string, unknown>>): Violation[] {
        const configuration = resource.props.targetTrackingScalingPolicyConfiguration as { targetValue?: unknown } | undefined;
        if (resource.type !== SCALING_POLICY_TYPE || !isProvisionedConcurrencyScaling(resource) || configuration?.targetValue === undefined) {
            return [];
        }
        const range = { min: Number(config.minTargetValue), max: Number(config.maxTargetValue) };
        const problem = validateTargetUtilization(configuration.targetValue, range, "targetTrackingScalingPolicyConfiguration.targetValue");
        return problemOf(resource, problem === undefined ? undefined : `${problem}; set it to a fraction such as 0.7`);
    },
};
