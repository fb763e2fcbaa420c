import { expect } from "chai";
import { advise, AdviseOptions, businessHoursTraffic } from "../../advisor";
import { allowedSlowRequests, everyHourMeets, hourlyExcess, hourlyTotals, hourOffsetMs, worstHour } from "../../advisor/hourly";
import { simulate } from "../../advisor/simulator";
import { steadyTraffic } from "../../advisor/traffic";
import { parseColdStartGoal } from "../../cli/advise";

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** Per-minute series of `minutes` bins with the given values at some minutes (the rest 0). */
function series(minutes: number, at: Record<number, { arrivals?: number; cold?: number; throttled?: number; slow?: number }>) {
    const make = (key: "arrivals" | "cold" | "throttled" | "slow"): Float64Array => {
        const values = new Float64Array(minutes);
        for (const [minute, v] of Object.entries(at)) values[Number(minute)] = v[key] ?? 0;
        return values;
    };
    return { binMs: 60_000, arrivals: make("arrivals"), coldStarts: make("cold"), throttled: make("throttled"), slowRequests: make("slow") };
}

describe("advisor: goals per clock hour", () => {
    it("sums the bins of each clock hour, the first partial when the period starts inside an hour", () => {
        const s = series(150, { 0: { arrivals: 10, cold: 2 }, 29: { arrivals: 5, throttled: 1 }, 30: { arrivals: 7, cold: 1, slow: 3 }, 149: { arrivals: 1 } });
        // Starting at Monday 08:30: hours 08:30-09:00 (30 min), 09:00-10:00, 10:00-11:00.
        expect(hourOffsetMs(8 * 60 + 30)).to.equal(30 * 60_000);
        expect(hourlyTotals(s, 8 * 60 + 30)).to.deep.equal([
            { startMs: -30 * 60_000, requests: 15, coldStarts: 3, slowRequests: 0 },
            { startMs: 30 * 60_000, requests: 7, coldStarts: 1, slowRequests: 3 },
            { startMs: 90 * 60_000, requests: 1, coldStarts: 0, slowRequests: 0 },
        ]);
        expect(hourlyTotals(s, 0).map((h) => [h.startMs, h.requests])).to.deep.equal([
            [0, 22],
            [HOUR, 0],
            [2 * HOUR, 1],
        ]);
    });

    it("allows 1% of an hour's requests over the p99 goal, rounded as a percentile is", () => {
        expect([0, 1, 99, 100, 101, 199, 200, 31_567].map(allowedSlowRequests)).to.deep.equal([0, 0, 0, 1, 1, 1, 2, 315]);
    });

    it("checks every hour, and finds the worst one (the earliest on a tie)", () => {
        const hours = [
            { startMs: 0, requests: 100, coldStarts: 2, slowRequests: 1 },
            { startMs: HOUR, requests: 1000, coldStarts: 5, slowRequests: 5 },
            { startMs: 2 * HOUR, requests: 50, coldStarts: 5, slowRequests: 1 },
            { startMs: 3 * HOUR, requests: 0, coldStarts: 0, slowRequests: 0 },
        ];
        expect(everyHourMeets(hours, { maxColdStartsPerHour: 5 })).to.equal(true);
        expect(everyHourMeets(hours, { maxColdStartsPerHour: 4 })).to.equal(false);
        // 50 requests allow none over the p99 goal; the quiet hour fails where the busy one passes.
        expect(everyHourMeets(hours, { p99EveryHour: true })).to.equal(false);
        expect(everyHourMeets(hours.slice(0, 2), { p99EveryHour: true })).to.equal(true);
        expect(worstHour(hours, {})).to.deep.equal(hours[1]);
        expect(worstHour(hours, { p99EveryHour: true })).to.deep.equal(hours[2]);
        expect(worstHour([hours[3]], {})).to.equal(undefined);
        expect(hourlyExcess(hours, { maxColdStartsPerHour: 5 })).to.equal(1);
        expect(hourlyExcess(hours, { maxColdStartsPerHour: 2 })).to.equal(2.5);
    });

    it("stops a run as soon as one clock hour exceeds its budget, and records throttles and slow requests per bin", () => {
        const fn = { memoryMb: 512, initMs: 800, duration: { medianMs: 100, p95Ms: 130 } };
        const full = simulate({ traffic: steadyTraffic(20, 2 * HOUR), fn, plan: { initialCapacity: 0 }, seed: 3, stopWhen: { slowThresholdMs: 500 } });
        const sum = (a: Float64Array): number => a.reduce((x, y) => x + y, 0);
        expect(sum(full.series.coldStarts)).to.equal(full.coldStarts);
        expect(sum(full.series.throttled)).to.equal(full.throttled);
        expect(sum(full.series.slowRequests)).to.equal(full.slowRequests);
        const first = hourlyTotals(full.series, 0)[0].coldStarts;
        expect(first).to.be.greaterThan(2);
        const stopped = simulate({
            traffic: steadyTraffic(20, 2 * HOUR),
            fn,
            plan: { initialCapacity: 0 },
            seed: 3,
            stopWhen: { coldStartsPerHourAbove: first - 1 },
        });
        expect(stopped.stoppedEarly).to.equal(true);
        expect(stopped.coldStarts).to.equal(first);
        const enough = simulate({ traffic: steadyTraffic(20, 2 * HOUR), fn, plan: { initialCapacity: 0 }, seed: 3, stopWhen: { coldStartsPerHourAbove: first } });
        expect(enough.stoppedEarly).to.equal(false);
    });

    describe("a goal over the period hides the peak; a goal per hour does not", () => {
        // Weekday mornings ramp from 0.5 to 10 requests a second; a 4-second init.
        const options: AdviseOptions = {
            traffic: businessHoursTraffic(10, 0.5, 2 * DAY),
            fn: { memoryMb: 1024, architecture: "x86_64", initMs: 4000, duration: { medianMs: 150, p95Ms: 190 } },
            strategies: ["on-demand", "warmer", "fixed", "tracking"],
        };
        const overPeriod = advise({ ...options, goal: { maxColdStartFraction: 0.0002 } });
        const perHour = advise({ ...options, goal: { maxColdStartFraction: 0.0002, maxColdStartsPerHour: 2 } });
        const recommended = (advice: typeof overPeriod) => advice.strategies.find((s) => s.name === advice.recommendation.strategy)!;

        it("over the period, the recommendation leaves an hour with many cold starts, and the report says so", () => {
            const worst = recommended(overPeriod).worstHour;
            expect(overPeriod.recommendation.goalMet).to.equal(true);
            expect(worst?.coldStarts).to.be.greaterThan(2);
        });

        it("per hour, the recommendation meets both: no hour above 2, and the period's fraction", () => {
            const chosen = recommended(perHour);
            expect(perHour.recommendation.goalMet).to.equal(true);
            expect(chosen.worstHour?.coldStarts).to.be.at.most(2);
            expect(chosen.coldStarts + chosen.throttled).to.be.at.most(Math.floor(0.0002 * chosen.requests));
            expect(perHour.recommendation.summary).to.match(/^Cheapest strategy that meets the goal \(at most 0\.02% cold starts and at most 2 cold starts in any hour\)/);
            for (const report of perHour.strategies.filter((s) => s.meetsGoal)) {
                expect(report.worstHour?.coldStarts, report.name).to.be.at.most(2);
            }
            expect(perHour.recommendation.monthlyCost.total).to.be.at.least(overPeriod.recommendation.monthlyCost.total);
        });
    });

    describe("--goal-cold-starts", () => {
        it("takes a fraction, a count per hour, or both", () => {
            expect(parseColdStartGoal("0.001")).to.deep.equal({ maxColdStartFraction: 0.001 });
            expect(parseColdStartGoal("5/hour")).to.deep.equal({ maxColdStartsPerHour: 5 });
            expect(parseColdStartGoal("0/h")).to.deep.equal({ maxColdStartsPerHour: 0 });
            expect(parseColdStartGoal("0.001, 5/hour")).to.deep.equal({ maxColdStartFraction: 0.001, maxColdStartsPerHour: 5 });
        });
        const usage = (text: string): string =>
            `--goal-cold-starts takes a fraction of the period's requests (0.001), a count per hour (5/hour), or both (0.001,5/hour), got ${text}`;
        for (const [text, message] of [
            ["2", "--goal-cold-starts must be a fraction between 0 and 1, got 2"],
            ["5/day", usage("5/day")],
            ["1.5/hour", usage("1.5/hour")],
            ["0.1,0.2", usage("0.1,0.2")],
            ["1/hour,2/hour", usage("1/hour,2/hour")],
            ["0.1,", usage("0.1,")],
        ]) {
            it(`refuses ${text}`, () => expect(() => parseColdStartGoal(text)).to.throw(message));
        }
    });
});
