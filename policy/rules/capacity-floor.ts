// A scaled capacity of 0: Application Auto Scaling deletes the configuration at 0 and creates it again at the next
// higher capacity, outside the stack once a refresh has run in between (aws-facts/scaling.ts). The components' own
// check (components/scaled-capacity.ts), on a hand-written target's bounds and a scheduled action's.
import { validateScaledCapacity } from "../../components/scaled-capacity";
import { PolicyResourceData, ResourceRule, SCHEDULED_ACTION_TYPE, TARGET_TYPE, Violation, isProvisionedConcurrencyScaling, problemOf } from "../resources";

/** The capacities of a target or a scheduled action, by the argument name a message gives them. */
function capacities(resource: PolicyResourceData): [string, unknown][] {
    if (resource.type === TARGET_TYPE) {
        return [
            ["minCapacity", resource.props.minCapacity],
            ["maxCapacity", resource.props.maxCapacity],
        ];
    }
    const action = resource.props.scalableTargetAction;
    if (resource.type !== SCHEDULED_ACTION_TYPE || action === null || typeof action !== "object") {
        return [];
    }
    const { minCapacity, maxCapacity } = action as { minCapacity?: unknown; maxCapacity?: unknown };
    return [
        ["scalableTargetAction.minCapacity", minCapacity],
        ["scalableTargetAction.maxCapacity", maxCapacity],
    ];
}

export const capacityFloorRule: ResourceRule = {
    kind: "resource",
    name: "lambda-concurrency-capacity-floor",
    description:
        "Scalable targets and scheduled actions of Lambda provisioned concurrency never set a capacity below 1: at 0 Application Auto Scaling deletes the configuration and recreates it outside the stack.",
    enforcementLevel: "mandatory",
    check(resource: PolicyResourceData): Violation[] {
        if (!isProvisionedConcurrencyScaling(resource)) {
            return [];
        }
        return capacities(resource).flatMap(([argument, value]) => (value === undefined ? [] : problemOf(resource, validateScaledCapacity(value, argument))));
    },
};
