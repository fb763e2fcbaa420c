// The stack's provisioned concurrency, priced: each version or alias at its function's memory and architecture, with
// the advisor's us-east-1 prices (aws-facts/pricing.ts), over a month of 730 hours (the AWS pricing page's month). A
// scalable target with scheduled actions is priced at the capacity its schedules give it over a week
// (components/schedule/timeline.ts, the timeline the offline plan prints): the minimum in force, or the maximum where
// a tracking policy may scale up to it.
import { ARCHITECTURES, Architecture, PRICES_READ_ON, PRICES_REGION, US_EAST_1_PRICES } from "../../aws-facts/pricing";
import { TimelineSchedule, capacityTimeline } from "../../components/schedule/timeline";
import { ProvisionedQualifier, actionCapacities, peakOf, provisionedQualifiers } from "../peaks";
import { PolicyResourceData, StackRule, Violation, describeQualified, functionsByName, keyOf, label, numberProp, stringProp } from "../resources";

/** Hours in a month, as the AWS pricing page's examples count them (8,760 hours a year / 12). */
const HOURS_PER_MONTH = 730;
/** Lambda's default memory, for a function outside the stack. */
const DEFAULT_MEMORY_MB = 128;
const WEEK_MS = 7 * 24 * 3_600_000;

/** The Monday 00:00 UTC of the week of `now`. */
function weekStart(now: Date): Date {
    const midnight = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
    const daysSinceMonday = (now.getUTCDay() + 6) % 7;
    return new Date(midnight - daysSinceMonday * 24 * 3_600_000);
}

/** The environments a qualifier keeps on average: a configuration's count, or a target's level over a week of its schedules. */
export function averageEnvironments(q: ProvisionedQualifier, now: Date = new Date()): number {
    const target = q.targets[0];
    if (target === undefined) {
        return peakOf(q);
    }
    const min = numberProp(target, "minCapacity");
    const max = numberProp(target, "maxCapacity");
    if (min === undefined || max === undefined) {
        return peakOf(q);
    }
    const tracking = q.trackingPolicies.length > 0;
    const schedules: TimelineSchedule[] = q.scheduledActions.map((a) => ({
        name: stringProp(a, "name") ?? a.name,
        schedule: stringProp(a, "schedule") ?? "",
        ...actionCapacities(a),
        timezone: stringProp(a, "timezone"),
        startTime: stringProp(a, "startTime"),
        endTime: stringProp(a, "endTime"),
    }));
    const from = weekStart(now);
    const to = new Date(from.getTime() + WEEK_MS);
    let steps;
    try {
        steps = capacityTimeline(schedules, { from, to, initial: { min, max } });
    } catch {
        // A schedule the schedule rule refuses: price the most the stack gives the qualifier.
        return peakOf(q);
    }
    let weighted = 0;
    steps.forEach((step, i) => {
        const end = i + 1 < steps.length ? steps[i + 1].at.getTime() : to.getTime();
        weighted += (tracking ? step.max : step.min) * (end - step.at.getTime());
    });
    return weighted / WEEK_MS;
}

/** A function's memory and architecture as the stack declares them (Lambda's defaults otherwise). */
function sizeOf(fn: PolicyResourceData | undefined): { memoryMb: number; architecture: Architecture } {
    const memoryMb = (fn === undefined ? undefined : numberProp(fn, "memorySize")) ?? DEFAULT_MEMORY_MB;
    const declared = fn?.props.architectures;
    const first: unknown = Array.isArray(declared) ? (declared as unknown[])[0] : undefined;
    const architecture = ARCHITECTURES.find((a) => a === first) ?? "x86_64";
    return { memoryMb, architecture };
}

/** The monthly cost of each provisioned qualifier of a stack, largest first; equal ones by function and qualifier. */
export function provisionedCosts(resources: readonly PolicyResourceData[], now: Date = new Date()): { q: ProvisionedQualifier; environments: number; memoryMb: number; monthlyUsd: number }[] {
    const functions = functionsByName(resources);
    return provisionedQualifiers(resources)
        .map((q) => {
            const { memoryMb, architecture } = sizeOf(functions.get(q.on.functionName));
            const environments = averageEnvironments(q, now);
            const monthlyUsd = environments * (memoryMb / 1024) * HOURS_PER_MONTH * 3600 * US_EAST_1_PRICES[architecture].provisionedConcurrencyPerGbSecond;
            return { q, environments, memoryMb, monthlyUsd };
        })
        // The order of equal costs must not depend on the order the engine hands the resources over in.
        .sort((a, b) => b.monthlyUsd - a.monthlyUsd || keyOf(a.q.on).localeCompare(keyOf(b.q.on)));
}

export const monthlyBudgetRule: StackRule = {
    kind: "stack",
    name: "lambda-concurrency-monthly-budget",
    description: `The stack's provisioned concurrency costs at most monthlyBudgetUsd a month (${PRICES_REGION} prices read ${PRICES_READ_ON}, a schedule's week repeated, functions outside the stack taken at 128 MB); no check until the budget is configured.`,
    enforcementLevel: "advisory",
    configSchema: {
        monthlyBudgetUsd: {
            type: "number",
            description: "The most the stack's provisioned concurrency may cost a month, in US dollars.",
            minimum: 0,
        },
    },
    check(resources: readonly PolicyResourceData[], config: Readonly<Record<string, unknown>>): Violation[] {
        const budget = config.monthlyBudgetUsd;
        if (typeof budget !== "number") {
            return [];
        }
        const costs = provisionedCosts(resources);
        const total = costs.reduce((sum, c) => sum + c.monthlyUsd, 0);
        if (total <= budget) {
            return [];
        }
        const parts = costs.map((c) => {
            // The first by URN: which of two on one qualifier the engine hands over first varies from run to run.
            const byUrn = (a: PolicyResourceData, b: PolicyResourceData): number => a.urn.localeCompare(b.urn);
            const by = [...c.q.configs].sort(byUrn)[0] ?? [...c.q.targets].sort(byUrn)[0];
            const environments = Number(c.environments.toFixed(2));
            return `${describeQualified(c.q.on)} ($${c.monthlyUsd.toFixed(2)}: ${environments} environments of ${c.memoryMb} MB ${c.q.trackingPolicies.length > 0 ? "at most, as tracking may scale up to the maximum" : "on average"}${by === undefined ? "" : `, ${label(by)}`})`;
        });
        return [
            {
                message: `the stack's provisioned concurrency costs about $${total.toFixed(2)} a month at ${PRICES_REGION} prices, above the budget of $${budget.toFixed(2)}: ${parts.join("; ")}. Provision fewer environments or fewer hours (a schedule), or raise this policy's monthlyBudgetUsd.`,
            },
        ];
    },
};
