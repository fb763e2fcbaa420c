// Provisioned concurrency counts towards the function's reserved concurrency and the account's quota, of which 100
// must stay unreserved (aws-facts/concurrency.ts): Lambda refuses a configuration above either, after the rest of the
// deployment ran.
import { DEFAULT_ACCOUNT_CONCURRENCY, UNRESERVED_CONCURRENCY_FLOOR } from "../../aws-facts/concurrency";
import { peakOf, provisionedQualifiers } from "../peaks";
import { FUNCTION_TYPE, PolicyResourceData, StackRule, Violation, functionsByName, label, numberProp } from "../resources";

/** A function's reserved concurrency, or undefined when it has none (absent, or -1: the provider's "unreserved"). */
function reservedOf(fn: PolicyResourceData | undefined): number | undefined {
    const reserved = fn === undefined ? undefined : numberProp(fn, "reservedConcurrentExecutions");
    return reserved === undefined || reserved < 0 ? undefined : reserved;
}

export const concurrencyQuotaRule: StackRule = {
    kind: "stack",
    name: "lambda-concurrency-quota",
    description:
        "The provisioned concurrency of each function stays within its reserved concurrency, and the stack's reserved and provisioned concurrency leaves the account's unreserved floor free (accountConcurrency and unreservedFloor configurable; other stacks of the account are not counted).",
    enforcementLevel: "mandatory",
    configSchema: {
        accountConcurrency: {
            type: "integer",
            description: "The account's regional quota of concurrent executions (Service Quotas, Lambda, Concurrent executions).",
            default: DEFAULT_ACCOUNT_CONCURRENCY,
            minimum: 1,
        },
        unreservedFloor: {
            type: "integer",
            description: "The concurrent executions Lambda keeps unreserved for functions without reserved concurrency.",
            default: UNRESERVED_CONCURRENCY_FLOOR,
            minimum: 0,
        },
    },
    check(resources: readonly PolicyResourceData[], config: Readonly<Record<string, unknown>>): Violation[] {
        const functions = functionsByName(resources);
        const provisionedByFunction = new Map<string, { total: number; parts: string[] }>();
        for (const q of provisionedQualifiers(resources)) {
            const peak = peakOf(q);
            const entry = provisionedByFunction.get(q.on.functionName) ?? { total: 0, parts: [] };
            entry.total += peak;
            entry.parts.push(`${peak} on qualifier "${q.on.qualifier}"`);
            provisionedByFunction.set(q.on.functionName, entry);
        }
        const violations: Violation[] = [];
        for (const [functionName, provisioned] of provisionedByFunction) {
            const fn = functions.get(functionName);
            const reserved = reservedOf(fn);
            if (fn !== undefined && reserved !== undefined && provisioned.total > reserved) {
                violations.push({
                    urn: fn.urn,
                    message: `${label(fn)} reserves ${reserved} concurrent executions, but its provisioned concurrency comes to ${provisioned.total} at most (${provisioned.parts.join(", ")}); provisioned concurrency counts towards the function's reserved concurrency, so Lambda would refuse it. Raise reservedConcurrentExecutions to at least ${provisioned.total}, or provision less.`,
                });
            }
        }
        const account = Number(config.accountConcurrency);
        const floor = Number(config.unreservedFloor);
        let reservedTotal = 0;
        for (const fn of resources.filter((r) => r.type === FUNCTION_TYPE)) {
            reservedTotal += reservedOf(fn) ?? 0;
        }
        let provisionedUnreserved = 0;
        for (const [functionName, provisioned] of provisionedByFunction) {
            if (reservedOf(functions.get(functionName)) === undefined) {
                provisionedUnreserved += provisioned.total;
            }
        }
        const used = reservedTotal + provisionedUnreserved;
        if (used > account - floor) {
            violations.push({
                message: `the stack reserves ${reservedTotal} concurrent executions and provisions ${provisionedUnreserved} more on functions without reserved concurrency, ${used} in all, above the ${account - floor} the account's quota of ${account} allows with ${floor} left unreserved; Lambda would refuse the configurations past it. Provision or reserve less, or raise the account's quota (Service Quotas, "Concurrent executions") and set this policy's accountConcurrency to it.`,
            });
        }
        return violations;
    },
};
