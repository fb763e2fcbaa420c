// What each function version or alias of a stack provisions: its managers and the scheduled actions and tracking
// policies on it, grouped, with the most environments anything in the stack gives it.
import {
    CONFIG_TYPE,
    PolicyResourceData,
    Qualified,
    SCALING_POLICY_TYPE,
    SCHEDULED_ACTION_TYPE,
    TARGET_TYPE,
    isProvisionedConcurrencyScaling,
    keyOf,
    numberProp,
    qualifiedOf,
} from "./resources";

/** Everything a stack declares on one function version or alias. */
export interface ProvisionedQualifier {
    on: Qualified;
    configs: PolicyResourceData[];
    targets: PolicyResourceData[];
    scheduledActions: PolicyResourceData[];
    trackingPolicies: PolicyResourceData[];
}

/** The stack's provisioned qualifiers, in the order their first resource appears. */
export function provisionedQualifiers(resources: readonly PolicyResourceData[]): ProvisionedQualifier[] {
    const byKey = new Map<string, ProvisionedQualifier>();
    for (const resource of resources) {
        const on = resource.type === CONFIG_TYPE || isProvisionedConcurrencyScaling(resource) ? qualifiedOf(resource) : undefined;
        if (on === undefined || on.qualifier === "") {
            continue;
        }
        const entry = byKey.get(keyOf(on)) ?? { on, configs: [], targets: [], scheduledActions: [], trackingPolicies: [] };
        byKey.set(keyOf(on), entry);
        if (resource.type === CONFIG_TYPE) entry.configs.push(resource);
        else if (resource.type === TARGET_TYPE) entry.targets.push(resource);
        else if (resource.type === SCHEDULED_ACTION_TYPE) entry.scheduledActions.push(resource);
        else if (resource.type === SCALING_POLICY_TYPE && resource.props.policyType === "TargetTrackingScaling") entry.trackingPolicies.push(resource);
    }
    return [...byKey.values()];
}

/** A scheduled action's capacities (scalableTargetAction.minCapacity and maxCapacity). */
export function actionCapacities(action: PolicyResourceData): { minCapacity?: number; maxCapacity?: number } {
    const given = action.props.scalableTargetAction as { minCapacity?: unknown; maxCapacity?: unknown } | undefined;
    const number = (value: unknown): number | undefined => (typeof value === "number" ? value : typeof value === "string" && value !== "" && Number.isFinite(Number(value)) ? Number(value) : undefined);
    return { minCapacity: number(given?.minCapacity), maxCapacity: number(given?.maxCapacity) };
}

/** The most provisioned environments the stack gives a qualifier: its configurations' counts, its targets' and actions' capacities. */
export function peakOf(q: ProvisionedQualifier): number {
    const counts = [
        ...q.configs.map((c) => numberProp(c, "provisionedConcurrentExecutions")),
        ...q.targets.map((t) => numberProp(t, "maxCapacity")),
        ...q.scheduledActions.flatMap((a) => Object.values(actionCapacities(a))),
    ];
    return Math.max(0, ...counts.filter((c): c is number => c !== undefined));
}
