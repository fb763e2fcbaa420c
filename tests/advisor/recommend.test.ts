import { expect } from "chai";
import { Candidate } from "../../advisor/candidate";
import { GoalCheck } from "../../advisor/goal-check";
import { recommend } from "../../advisor/recommend";
import { planKey, requestKey, runSearchAsync, Search } from "../../advisor/simulation-runner";
import { SimulationResult } from "../../advisor/simulator";

/** A candidate with a monthly cost and a count of cold starts among 10,000 requests over one hour. */
function candidate(name: Candidate["name"], total: number, coldStarts: number, meetsGoal: boolean, component: Candidate["component"] = null): Candidate {
    const bins = 60;
    const result = {
        requests: 10_000,
        coldStarts,
        throttled: 0,
        slowRequests: 0,
        latencyMs: { p50: 100, p95: 150, p99: 1234.4, max: 2000, mean: 110 },
        series: { binMs: 60_000, arrivals: new Float64Array(bins), coldStarts: new Float64Array(bins), throttled: new Float64Array(bins), slowRequests: new Float64Array(bins) },
    } as unknown as SimulationResult;
    return {
        name,
        configuration: `${name} setting`,
        component,
        args: component ? { functionName: "f", qualifier: "live", provisionedConcurrentExecutions: 1 } : null,
        result,
        cost: { total } as Candidate["cost"],
        meetsGoal,
        simulations: 1,
    };
}

describe("advisor: the recommendation", () => {
    const check = new GoalCheck({ maxColdStartFraction: 0.001 }, 0, 10_000); // 10 cold starts allowed

    it("picks the cheapest that meets the goal, and says what to deploy", () => {
        const picked = recommend(
            [candidate("on-demand", 50, 40, false), candidate("fixed", 80, 0, true, "FixedConcurrency"), candidate("warmer", 60.5, 5, true, "LambdaWarmer")],
            check,
        );
        expect(picked).to.deep.include({ goalMet: true, strategy: "warmer", configuration: "warmer setting", component: "LambdaWarmer", coldStartFraction: 0.0005 });
        expect(picked.summary).to.equal(
            "Cheapest strategy that meets the goal (at most 0.1% cold starts): warmer (warmer setting) with LambdaWarmer, $60.50 a month.",
        );
    });

    it("on a tie within a cent a month, prefers the simpler strategy, in the documented order", () => {
        // Fixed costs a fraction of a cent more: still the one.
        const tie = [candidate("scheduled", 30, 0, true, "ScheduledConcurrency"), candidate("fixed", 30.009, 0, true, "FixedConcurrency")];
        expect(recommend(tie, check).strategy).to.equal("fixed");
        // A cent apart is not a tie.
        const apart = [candidate("scheduled", 0, 0, true, "ScheduledConcurrency"), candidate("fixed", 0.01, 0, true, "FixedConcurrency")];
        expect(recommend(apart, check).strategy).to.equal("scheduled");
    });

    it("says nothing needs deploying for on-demand, and how to set SnapStart", () => {
        expect(recommend([candidate("on-demand", 10, 1, true)], check).summary).to.equal(
            "Cheapest strategy that meets the goal (at most 0.1% cold starts): on-demand: no component needed, $10.00 a month.",
        );
        expect(recommend([candidate("snapstart", 12, 1, true)], check).summary).to.equal(
            "Cheapest strategy that meets the goal (at most 0.1% cold starts): SnapStart (snapstart setting), set on the function: " +
                "publish versions and invoke a version or an alias (it cannot be combined with provisioned concurrency on the same version), $12.00 a month.",
        );
    });

    it("when none meets the goal, shows the closest, then the cheaper of equally close ones", () => {
        const picked = recommend([candidate("on-demand", 10, 40, false), candidate("warmer", 11, 20, false, "LambdaWarmer"), candidate("fixed", 90, 20, false, "FixedConcurrency")], check);
        expect(picked).to.deep.include({ goalMet: false, strategy: "warmer" });
        expect(picked.summary).to.equal(
            "No strategy meets the goal (at most 0.1% cold starts); the closest is warmer (warmer setting) with 0.2% cold starts and p99 1234 ms, $11.00 a month.",
        );
    });
});

describe("advisor: which simulations are the same (planKey, requestKey)", () => {
    it("leaves out capacity actions that change nothing, and tells other inits apart", () => {
        const plain = { initialCapacity: 2, capacityActions: [{ atMs: 1000, capacity: 5 }] };
        const withNoOps = { initialCapacity: 2, capacityActions: [{ atMs: 500, capacity: 2 }, { atMs: 1000, capacity: 5 }, { atMs: 2000, capacity: 5 }] };
        expect(planKey(withNoOps)).to.equal(planKey(plain));
        expect(planKey({ ...plain, initialCapacity: 3 })).to.not.equal(planKey(plain));
        expect(planKey({ initialCapacity: 2, capacityActions: [{ atMs: 1500, capacity: 5 }] })).to.not.equal(planKey(plain));
        const warmer = (concurrency: number) => planKey({ initialCapacity: 0, warmer: { concurrency, intervalMs: 300_000 } });
        expect(warmer(1)).to.not.equal(planKey({ initialCapacity: 0 }));
        expect(warmer(1)).to.not.equal(warmer(2));
        const tracking = (targetUtilization: number) =>
            planKey({ initialCapacity: 1, tracking: { targetUtilization, statistic: "Maximum", minCapacity: 1, maxCapacity: 10 } });
        expect(tracking(0.7)).to.not.equal(tracking(0.5));
        const request = { label: "snapstart", plan: { initialCapacity: 0 }, stopEarly: false };
        expect(requestKey(request)).to.equal(planKey({ initialCapacity: 0 }));
        expect(requestKey({ ...request, initMs: 400 })).to.not.equal(requestKey(request));
        expect(requestKey({ ...request, initMs: 400 })).to.not.equal(requestKey({ ...request, initMs: 500 }));
    });
});

describe("advisor: running a search with simulations that resolve later (runSearchAsync)", () => {
    it("feeds each result back to the search and returns its answer", async () => {
        function* search(): Search<string> {
            const first = yield { label: "a 1", plan: { initialCapacity: 1 }, stopEarly: true };
            const second = yield { label: "a 2", plan: { initialCapacity: first.coldStarts }, stopEarly: false };
            return `${first.coldStarts} then ${second.coldStarts}`;
        }
        const asked: string[] = [];
        const answer = await runSearchAsync(search(), async (request) => {
            asked.push(`${request.label} ${request.plan.initialCapacity} ${request.stopEarly}`);
            await new Promise((resolve) => setImmediate(resolve));
            return { coldStarts: request.plan.initialCapacity * 7 } as SimulationResult;
        });
        expect(asked).to.deep.equal(["a 1 1 true", "a 2 7 false"]);
        expect(answer).to.equal("7 then 49");
    });
});
