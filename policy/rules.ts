// The policy pack's rules, in the order the README's table lists them: one per rule of the components and per
// lifecycle trap, each a pure function over plain resources (resources.ts).
import { capacityFloorRule } from "./rules/capacity-floor";
import { concurrencyQuotaRule } from "./rules/concurrency-quota";
import { monthlyBudgetRule } from "./rules/monthly-budget";
import { oneManagerRule } from "./rules/one-manager";
import { qualifierRule } from "./rules/qualifier";
import { scheduleRule } from "./rules/schedule";
import { skipDestroyRule } from "./rules/skip-destroy";
import { targetWithoutConfigurationRule } from "./rules/target-without-configuration";
import { trackingStatisticRule } from "./rules/tracking-statistic";
import { trackingTargetValueRule } from "./rules/tracking-target-value";
import { unpublishedQualifierRule } from "./rules/unpublished-qualifier";
import { weightedAliasRule } from "./rules/weighted-alias";
import { PolicyResourceData, Rule, Violation, withDefaults } from "./resources";

export const RULES: readonly Rule[] = [
    targetWithoutConfigurationRule,
    qualifierRule,
    unpublishedQualifierRule,
    weightedAliasRule,
    oneManagerRule,
    skipDestroyRule,
    concurrencyQuotaRule,
    trackingStatisticRule,
    trackingTargetValueRule,
    scheduleRule,
    capacityFloorRule,
    monthlyBudgetRule,
];

/** A violation with the name of the policy that found it. */
export interface NamedViolation extends Violation {
    policy: string;
}

/**
 * Runs every rule on a stack's resources, as the pack would (resource rules on each resource, stack rules on all),
 * with each rule's configuration (`config[ruleName]`, defaults filled in). What tests and offline checks use.
 */
export function checkResources(
    resources: readonly PolicyResourceData[],
    config: Readonly<Record<string, Readonly<Record<string, unknown>>>> = {},
): NamedViolation[] {
    return RULES.flatMap((rule) => {
        const ruleConfig = withDefaults(rule, config[rule.name]);
        const found = rule.kind === "resource" ? resources.flatMap((r) => rule.check(r, ruleConfig)) : rule.check(resources, ruleConfig);
        return found.map((v) => ({ policy: rule.name, ...v }));
    });
}
