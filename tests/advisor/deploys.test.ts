import { expect } from "chai";
import { advise, adviseInParallel, businessHoursTraffic } from "../../advisor";
import { deployTimes, MAX_DEPLOYS_PER_DAY } from "../../advisor/deploys";

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

describe("advisor: when deploys happen (--deploys-per-day)", () => {
    it("spreads N a day evenly over the office hours of each office day (08:00-18:00, Monday to Friday by default)", () => {
        const times = deployTimes(7 * DAY, 0, 2);
        // 2 a day: 10:30 and 15:30, Monday to Friday.
        expect(times.map((t) => `${Math.floor(t / DAY)} ${(t % DAY) / HOUR}`)).to.deep.equal([
            "0 10.5", "0 15.5", "1 10.5", "1 15.5", "2 10.5", "2 15.5", "3 10.5", "3 15.5", "4 10.5", "4 15.5",
        ]);
    });

    it("reads the days on the week's wall clock: a period that starts on Wednesday noon", () => {
        const wednesdayNoon = (2 * 24 + 12) * 60;
        const times = deployTimes(2 * DAY, wednesdayNoon, 1, { openMinute: 9 * 60, closeMinute: 17 * 60, days: [0, 1, 2, 3, 4] });
        // 13:00 each day: Wednesday's (1 h in), Thursday's (25 h in); Friday 13:00 is past the 2 days.
        expect(times).to.deep.equal([1 * HOUR, 25 * HOUR]);
    });

    it("has none for 0 a day, and refuses a count that is not whole or too many", () => {
        expect(deployTimes(7 * DAY, 0, 0)).to.deep.equal([]);
        expect(() => deployTimes(7 * DAY, 0, 1.5)).to.throw("deploys per day must be a whole number from 0 to 144, got 1.5");
        expect(() => deployTimes(7 * DAY, 0, MAX_DEPLOYS_PER_DAY + 1)).to.throw("deploys per day must be a whole number from 0 to 144, got 145");
    });
});

describe("advisor: --deploys-per-day", () => {
    // One weekday of issue 20's function at 30 requests a second in office hours, 2 deploys (10:30 and 15:30).
    const options = {
        traffic: businessHoursTraffic(30, 2, DAY),
        fn: { memoryMb: 1024, architecture: "x86_64" as const, initMs: 4000, duration: { medianMs: 250, p95Ms: 600 } },
        goal: { maxColdStartFraction: 0.0001 },
        strategies: ["fixed" as const],
    };

    it("simulates every strategy through the deploys, and says what the warm rollout saves on the fixed level", () => {
        const without = advise(options);
        const advice = advise({ ...options, deploysPerDay: 2 });
        const fixed = advice.strategies.find((s) => s.name === "fixed")!;
        const report = advice.deploys!;
        expect(report).to.deep.include({ perDay: 2, count: 2, windowMinutes: 10 });
        expect(report.provisioned).to.equal((fixed.args as { provisionedConcurrentExecutions: number }).provisionedConcurrentExecutions);
        // Moving the alias before the new version is allocated sends the traffic to cold environments for 2 minutes.
        expect(report.coldStartsMovedAtOnce).to.be.greaterThan(report.coldStartsWarmRollout + 50);
        // The overlap: the level's environments for 5 minutes (the 2-minute allocation, billed by 5) at each deploy.
        const perDay = report.provisioned * 2 * 300 * 1 * 0.0000041667;
        expect(report.overlapPerMonth).to.be.closeTo(perDay * (730 / 24), 1e-9);
        // And the deploys cost cold starts even with the warm rollout (the old version's on-demand environments do not
        // carry over): the goal then takes more provisioned environments, 11 where 6 were enough without deploys.
        expect([without.strategies[0].configuration, fixed.configuration]).to.deep.equal(["6 provisioned", "11 provisioned"]);
        expect(report).to.deep.include({ provisioned: 11, coldStartsWarmRollout: 26, coldStartsMovedAtOnce: 257 });
        expect(without.deploys).to.equal(undefined);
    });

    it("gives the same answer side by side on workers", async () => {
        const inThread = advise({ ...options, deploysPerDay: 2 });
        const parallel = await adviseInParallel({ ...options, deploysPerDay: 2 }, 2);
        expect(parallel.deploys).to.deep.equal(inThread.deploys);
        expect(parallel.strategies.map((s) => s.configuration)).to.deep.equal(inThread.strategies.map((s) => s.configuration));
    });
});
