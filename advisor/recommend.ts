/**
 * The recommendation: the cheapest candidate that meets the goal (on a tie within a cent a month, the simpler
 * strategy), or, when none does, the closest one, said so.
 */
import { Recommendation, STRATEGY_NAMES } from "./advice";
import { Candidate } from "./candidate";
import { formatPercent, GoalCheck } from "./goal-check";

export function recommend(candidates: readonly Candidate[], check: GoalCheck): Recommendation {
    const byCost = (a: Candidate, b: Candidate): number =>
        Math.abs(a.cost.total - b.cost.total) >= 0.01 ? a.cost.total - b.cost.total : STRATEGY_NAMES.indexOf(a.name) - STRATEGY_NAMES.indexOf(b.name);
    const goalText = check.describe();
    const meeting = candidates.filter((candidate) => candidate.meetsGoal);
    if (meeting.length > 0) {
        const best = [...meeting].sort(byCost)[0];
        const what = best.component
            ? `${best.name} (${best.configuration}) with ${best.component}`
            : best.name === "snapstart"
              ? `SnapStart (${best.configuration}), set on the function: publish versions and invoke a version or an alias ` +
                `(it cannot be combined with provisioned concurrency on the same version)`
              : "on-demand: no component needed";
        return recommendation(best, true, `Cheapest strategy that meets the goal (${goalText}): ${what}, $${best.cost.total.toFixed(2)} a month.`);
    }
    const closest = [...candidates].sort((a, b) => check.excess(a.result) - check.excess(b.result) || byCost(a, b))[0];
    return recommendation(
        closest,
        false,
        `No strategy meets the goal (${goalText}); the closest is ${closest.name} (${closest.configuration}) with ` +
            `${formatPercent(closest.result.coldStarts / Math.max(1, closest.result.requests))} cold starts and p99 ` +
            `${closest.result.latencyMs.p99.toFixed(0)} ms, $${closest.cost.total.toFixed(2)} a month.`,
    );
}

function recommendation(candidate: Candidate, goalMet: boolean, summary: string): Recommendation {
    return {
        goalMet,
        strategy: candidate.name,
        configuration: candidate.configuration,
        component: candidate.component,
        args: candidate.args,
        monthlyCost: candidate.cost,
        coldStartFraction: candidate.result.coldStarts / Math.max(1, candidate.result.requests),
        latencyMs: candidate.result.latencyMs,
        summary,
    };
}
