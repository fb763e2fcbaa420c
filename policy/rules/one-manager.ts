// One manager per function version or alias, as the components' ownership check has it (components/ownership.ts):
// two configurations overwrite each other; two scalable targets too; a target beside a configuration that sets its own
// count fights it (each pulumi up puts back the count the target changed); scheduled warm-up pings on a provisioned
// qualifier occupy environments that need no warming. A configuration that leaves its count to the target
// (ignoreChanges on provisionedConcurrentExecutions, as ScheduledConcurrency and UtilizationScaling declare it) or a
// target that holds the configuration's count with min = max (as FixedConcurrency declares it) is the pair the
// target-without-configuration rule asks for, not a conflict.
import { plainFunctionName } from "../../components/function-reference";
import { ONE_CONFIGURATION, ONE_TARGET, PINGS_ON_PROVISIONED, TARGET_FIGHTS_CONFIGURATION } from "../../components/ownership-reasons";
import {
    CONFIG_TYPE,
    EVENT_RULE_TYPE,
    EVENT_TARGET_TYPE,
    PolicyResourceData,
    Qualified,
    StackRule,
    Violation,
    describeQualified,
    withinOneComponent,
    keyOf,
    label,
    managers,
    numberProp,
    qualifiedArn,
    stringProp,
} from "../resources";

/** The qualifiers a scheduled EventBridge target pings: its own qualified Lambda ARN, or a LambdaWarmer plan's targets. */
function pinged(eventTarget: PolicyResourceData): Qualified[] {
    const arn = stringProp(eventTarget, "arn");
    const direct = arn === undefined ? undefined : qualifiedArn(arn);
    if (direct !== undefined) {
        return [direct];
    }
    const input = stringProp(eventTarget, "input");
    if (input === undefined) {
        return [];
    }
    let plan: unknown;
    try {
        plan = JSON.parse(input);
    } catch {
        return [];
    }
    const targets = plan !== null && typeof plan === "object" ? (plan as { targets?: unknown }).targets : undefined;
    if (!Array.isArray(targets)) {
        return [];
    }
    return targets.flatMap((t: unknown): Qualified[] => {
        const { functionName, qualifier } = (t ?? {}) as { functionName?: unknown; qualifier?: unknown };
        return typeof functionName === "string" && typeof qualifier === "string" ? [{ functionName: plainFunctionName(functionName), qualifier }] : [];
    });
}

/** Whether a configuration leaves its count to a scalable target, or the target holds exactly the configuration's count. */
function agree(config: PolicyResourceData, target: PolicyResourceData): boolean {
    if ((config.ignoreChanges ?? []).includes("provisionedConcurrentExecutions")) {
        return true;
    }
    const count = numberProp(config, "provisionedConcurrentExecutions");
    const min = numberProp(target, "minCapacity");
    const max = numberProp(target, "maxCapacity");
    return count === undefined || min === undefined || max === undefined || (min === count && max === count);
}

export const oneManagerRule: StackRule = {
    kind: "stack",
    name: "lambda-concurrency-one-manager",
    description:
        "Each function version or alias has one provisioned concurrency configuration and at most one scalable target that agrees with it, and no scheduled warm-up pings when it has provisioned concurrency.",
    enforcementLevel: "mandatory",
    check(resources: readonly PolicyResourceData[]): Violation[] {
        const byKey = new Map<string, { on: Qualified; configs: PolicyResourceData[]; targets: PolicyResourceData[] }>();
        for (const { resource, on } of managers(resources)) {
            const entry = byKey.get(keyOf(on)) ?? { on, configs: [], targets: [] };
            (resource.type === CONFIG_TYPE ? entry.configs : entry.targets).push(resource);
            byKey.set(keyOf(on), entry);
        }
        const violations: Violation[] = [];
        // By URN, so that the engine's registration order (which parallel steps vary) does not change the messages.
        const byUrn = (a: PolicyResourceData, b: PolicyResourceData): number => (a.urn < b.urn ? -1 : a.urn > b.urn ? 1 : 0);
        for (const { on, configs: declared, targets: declaredTargets } of byKey.values()) {
            const configs = [...declared].sort(byUrn);
            const targets = [...declaredTargets].sort(byUrn);
            const what = describeQualified(on);
            for (const second of configs.slice(1)) {
                // One of this package's components may hold a configuration and read it back (WarmAlias reads what
                // Lambda allocated with ProvisionedConcurrencyConfig.get): the component's own construction checked
                // that it is the qualifier's one owner.
                if (withinOneComponent(second.parent, configs[0].parent)) {
                    continue;
                }
                violations.push({
                    urn: second.urn,
                    message: `${label(second)} and ${label(configs[0])} both give provisioned concurrency to ${what}; ${ONE_CONFIGURATION}, and destroying either removes the capacity of both. Keep one of them.`,
                });
            }
            for (const second of targets.slice(1)) {
                violations.push({
                    urn: second.urn,
                    message: `${label(second)} and ${label(targets[0])} both scale ${what}; ${ONE_TARGET}. Keep one target and put every scheduled action and scaling policy on it.`,
                });
            }
            if (configs.length === 1 && targets.length >= 1 && !agree(configs[0], targets[0])) {
                violations.push({
                    urn: configs[0].urn,
                    message: `${label(configs[0])} sets the provisioned concurrency of ${what} to ${numberProp(configs[0], "provisionedConcurrentExecutions")} while ${label(targets[0])} scales it between ${numberProp(targets[0], "minCapacity")} and ${numberProp(targets[0], "maxCapacity")}; ${TARGET_FIGHTS_CONFIGURATION}, and every pulumi up would set the count back. Give the configuration ignoreChanges: ["provisionedConcurrentExecutions"] so that the target decides, or remove the target.`,
                });
            }
        }
        const scheduledRules = new Map<string, PolicyResourceData>();
        for (const resource of resources) {
            const name = resource.type === EVENT_RULE_TYPE ? stringProp(resource, "name") : undefined;
            if (name !== undefined && stringProp(resource, "scheduleExpression") !== undefined) {
                scheduledRules.set(name, resource);
            }
        }
        for (const resource of resources) {
            const rule = resource.type === EVENT_TARGET_TYPE ? scheduledRules.get(stringProp(resource, "rule") ?? "") : undefined;
            if (rule === undefined) {
                continue;
            }
            for (const on of pinged(resource)) {
                const entry = byKey.get(keyOf(on));
                const manager = entry?.configs[0] ?? entry?.targets[0];
                if (manager !== undefined) {
                    violations.push({
                        urn: resource.urn,
                        message: `${label(resource)} pings ${describeQualified(on)} on the schedule of ${label(rule)}, whose provisioned concurrency ${label(manager)} manages: ${PINGS_ON_PROVISIONED}`,
                    });
                }
            }
        }
        return violations;
    },
};
