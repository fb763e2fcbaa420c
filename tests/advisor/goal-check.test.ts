import { expect } from "chai";
import { GoalCheck } from "../../advisor/goal-check";
import { SimulationResult } from "../../advisor/simulator";

/** A result over two hours of per-minute bins, with cold starts and slow requests in the given minutes. */
function result(
    figures: { coldStarts: number; throttled?: number; slowRequests?: number; stoppedEarly?: boolean },
    coldAt: Record<number, number> = {},
    slowAt: Record<number, number> = {},
): SimulationResult {
    const bins = 120;
    const arrivals = new Float64Array(bins).fill(100);
    const coldStarts = new Float64Array(bins);
    for (const [minute, count] of Object.entries(coldAt)) coldStarts[Number(minute)] = count;
    const slowRequests = new Float64Array(bins);
    for (const [minute, count] of Object.entries(slowAt)) slowRequests[Number(minute)] = count;
    return {
        throttled: 0,
        slowRequests: 0,
        stoppedEarly: false,
        ...figures,
        series: { binMs: 60_000, arrivals, coldStarts, throttled: new Float64Array(bins), slowRequests },
    } as unknown as SimulationResult;
}

describe("advisor: the goal applied to results (GoalCheck)", () => {
    it("defaults to at most 0.1% cold starts, with no budget before the requests are known", () => {
        const unknown = new GoalCheck(undefined, 0);
        expect(unknown.goal).to.deep.equal({ maxColdStartFraction: 0.001 });
        expect([unknown.coldBudget, unknown.slowBudget]).to.deep.equal([Infinity, Infinity]);
        const known = unknown.forRequests(12_000);
        expect([known.coldBudget, known.slowBudget]).to.deep.equal([12, Infinity]);
        expect(known.describe()).to.equal("at most 0.1% cold starts");
        // Any goal given replaces the default.
        expect(new GoalCheck({ maxP99Ms: 300 }, 0).goal).to.deep.equal({ maxP99Ms: 300 });
        expect(new GoalCheck({ maxColdStartsPerHour: 1 }, 0).goal).to.deep.equal({ maxColdStartsPerHour: 1 });
        expect(new GoalCheck({ maxColdStartsPerHour: 1 }, 0).describe()).to.equal("at most 1 cold start in any hour");
    });

    it("allows 1% of the requests over a p99 goal, rounded as a percentile is", () => {
        const check = new GoalCheck({ maxP99Ms: 300 }, 0, 12_050);
        expect([check.coldBudget, check.slowBudget]).to.deep.equal([Infinity, 120]);
        expect(new GoalCheck({ maxP99Ms: 300 }, 0, 12_000).slowBudget).to.equal(120); // 99% of 12,000 is exactly 11,880
        expect(new GoalCheck({ maxP99Ms: 300 }, 0, 12_001).slowBudget).to.equal(120);
        // 120 over the period is within budget, in every hour too (60 of each hour's 6,000)...
        expect(check.meets(result({ coldStarts: 500, slowRequests: 120 }, {}, { 5: 60, 65: 60 }))).to.equal(true);
        // ...but not 61 in one hour, nor 121 over the period.
        expect(check.meets(result({ coldStarts: 500, slowRequests: 120 }, {}, { 5: 61, 65: 59 }))).to.equal(false);
        expect(check.meets(result({ coldStarts: 500, slowRequests: 121 }, {}, { 5: 60, 65: 60 }))).to.equal(false);
        expect(check.describe()).to.equal("p99 at most 300 ms in every hour");
    });

    it("counts throttled requests as cold starts, fails a run that stopped early, and checks every clock hour", () => {
        const check = new GoalCheck({ maxColdStartFraction: 0.001, maxColdStartsPerHour: 3 }, 0, 12_000);
        expect(check.meets(result({ coldStarts: 6 }, { 10: 3, 70: 3 }))).to.equal(true);
        expect(new GoalCheck({ maxColdStartFraction: 0.001 }, 0, 6_000).meets(result({ coldStarts: 6 }, { 10: 6 }))).to.equal(true); // at the budget
        // Without a p99 goal, slow requests do not count, in any hour.
        expect(check.meets(result({ coldStarts: 6, slowRequests: 5_000 }, { 10: 3, 70: 3 }, { 5: 3_000 }))).to.equal(true);
        expect(check.meets(result({ coldStarts: 6, throttled: 7 }, { 10: 3, 70: 3 }))).to.equal(false);
        expect(check.meets(result({ coldStarts: 6, stoppedEarly: true }, { 10: 3, 70: 3 }))).to.equal(false);
        // Within the period's budget (12) but 4 in the second hour.
        expect(check.meets(result({ coldStarts: 6 }, { 10: 2, 70: 4 }))).to.equal(false);
        expect(check.worstHour(result({ coldStarts: 6 }, { 10: 2, 70: 4 }))).to.deep.include({ startMs: 3_600_000, coldStarts: 4 });
        expect(check.describe()).to.equal("at most 0.1% cold starts and at most 3 cold starts in any hour");
    });

    it("measures how far a result is from the goal, by its worst part", () => {
        const check = new GoalCheck({ maxColdStartFraction: 0.001, maxColdStartsPerHour: 2 }, 0, 12_000);
        expect(check.excess(result({ coldStarts: 6 }, { 10: 3, 70: 3 }))).to.equal(1.5); // 3 in an hour of 2 allowed
        expect(check.excess(result({ coldStarts: 24 }, { 10: 1 }))).to.equal(2); // 24 of 12 over the period
        expect(check.excess(result({ coldStarts: 18, throttled: 6 }, { 10: 1 }))).to.equal(2); // throttled count too
        // Only the parts of the goal that were given: here 240 requests over p99 where 120 are allowed; cold starts and
        // hours with many of them do not count.
        const p99 = new GoalCheck({ maxP99Ms: 300 }, 0, 12_000);
        expect(p99.excess(result({ coldStarts: 5_000, slowRequests: 240 }, { 10: 100 }, { 5: 60, 65: 60 }))).to.equal(2);
        const fraction = new GoalCheck({ maxColdStartFraction: 0.001 }, 0, 12_000);
        expect(fraction.excess(result({ coldStarts: 6, slowRequests: 5_000 }, { 10: 6 }, { 5: 5_000 }))).to.equal(0.5);
        expect(fraction.hasHourlyGoal()).to.equal(false);
        expect([check.p99EveryHour(), p99.p99EveryHour()]).to.deep.equal([false, true]);
    });
});
