import { expect } from "chai";
import { simulate, steadyTraffic } from "../../advisor";
import { GoalCheck } from "../../advisor/goal-check";
import { hourLevel, maxLevel, predictedLevel, ProfileRecorder } from "../../advisor/on-demand-profile";
import { scheduleCycle } from "../../advisor/schedule-plan";

const HOUR = 3_600_000;

describe("advisor: what the on-demand run tells the searches (on-demand-profile.ts)", () => {
    // Two hours at 20 requests a second with a 2 s init: cold starts at the start and as the load's peaks rise.
    const traffic = steadyTraffic(20, 2 * HOUR);
    const fn = { memoryMb: 1024, initMs: 2000, duration: { medianMs: 150, p95Ms: 400 } };
    const cycle = scheduleCycle(traffic.periodMs, 0);
    const ranks: { at: number; rank: number; latency: number }[] = [];
    const recorder = new ProfileRecorder(cycle, 0, 1000);
    const result = simulate({
        traffic,
        fn,
        plan: { initialCapacity: 0 },
        seed: 4,
        onColdStart: (at, rank, latency) => {
            ranks.push({ at, rank, latency });
            recorder.observe(at, rank, latency);
        },
    });

    it("counts every cold start by rank, by clock hour and by slot of the cycle, and the slow ones apart", () => {
        const profile = recorder.profile(result, new GoalCheck({ maxColdStartsPerHour: 2 }, 0, result.requests));
        expect(ranks.length).to.equal(result.coldStarts);
        expect(profile.cold.atOrAbove(0)).to.equal(result.coldStarts);
        const firstHour = ranks.filter((r) => r.at < HOUR).length;
        expect(profile.coldByHour.map((counts) => counts.atOrAbove(0))).to.deep.equal([firstHour, result.coldStarts - firstHour]);
        expect(profile.coldBySlot[0].atOrAbove(0)).to.equal(firstHour);
        // Every cold start waits the 2 s init: all are over a 1 s threshold.
        expect(profile.slowCold.atOrAbove(0)).to.equal(result.coldStarts);
        expect(profile.meetsGoal).to.equal(false);
    });

    it("predicts the warm environments that leave at most the budget of cold starts above them", () => {
        const check = new GoalCheck({ maxColdStartFraction: 0 }, 0, result.requests);
        const profile = recorder.profile(result, check);
        const highest = Math.max(...ranks.map((r) => r.rank));
        // No cold start allowed: as many as the highest rank met, plus one.
        expect(predictedLevel(profile, check)).to.equal(highest + 1);
        // Per hour: each hour's own highest rank.
        const perHour = new GoalCheck({ maxColdStartsPerHour: 0 }, 0, result.requests);
        const secondHour = Math.max(...ranks.filter((r) => r.at >= HOUR).map((r) => r.rank));
        expect(hourLevel(recorder.profile(result, perHour), perHour, 1)).to.equal(secondHour + 1);
        // Everything allowed: nothing needed.
        const lax = new GoalCheck({ maxColdStartFraction: 1 }, 0, result.requests);
        expect(predictedLevel(recorder.profile(result, lax), lax)).to.equal(0);
    });

    it("tries at most twice the on-demand peak (or the peak and ten), within the concurrency limit", () => {
        const profile = recorder.profile(result, new GoalCheck(undefined, 0, result.requests));
        const peak = result.peakConcurrency;
        expect(maxLevel(profile, 1000)).to.equal(Math.max(2 * (peak + 1), peak + 10));
        expect(maxLevel(profile, 5)).to.equal(5);
    });
});
