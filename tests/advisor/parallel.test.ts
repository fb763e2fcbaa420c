import { expect } from "chai";
import {
    advise,
    Advice,
    AdviseOptions,
    AdviseProgress,
    adviseInParallel,
    businessHoursTraffic,
    simulate,
    traceTraffic,
} from "../../advisor";
import { SimulationPool } from "../../advisor/simulation-pool";
import { ResultCache } from "../../advisor/simulation-runner";

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const SLOW_INIT = { memoryMb: 1024, architecture: "x86_64" as const, initMs: 4000, duration: { medianMs: 165, p95Ms: 202 } };

/** Everything a user reads: the table, the recommendation, the chart, the assumptions. */
function answer(advice: Advice): unknown {
    return {
        strategies: advice.strategies,
        recommendation: advice.recommendation,
        assumptions: advice.assumptions,
        requests: advice.requests,
        chart: {
            ...advice.chart,
            arrivals: Array.from(advice.chart.arrivals),
            recommended: { ...advice.chart.recommended, readyCapacity: Array.from(advice.chart.recommended.readyCapacity) },
        },
    };
}

/** A trace of office-hours traffic: one request every 150 ms from 08:00 to 18:00, one every 2 s otherwise, over a day. */
function officeTrace(): Float64Array {
    const times: number[] = [];
    for (let t = 0; t < DAY; ) {
        times.push(t);
        const hour = Math.floor(t / HOUR);
        t += hour >= 8 && hour < 18 ? 150 : 2000;
    }
    return Float64Array.from(times);
}

describe("advisor: the searches side by side on worker threads (adviseInParallel)", function () {
    this.timeout(120_000);

    const cases: [string, AdviseOptions][] = [
        [
            "two office days, a 4 s init, 0.01% and at most 2 cold starts an hour",
            { traffic: businessHoursTraffic(20, 2, 2 * DAY), fn: SLOW_INIT, goal: { maxColdStartFraction: 0.0001, maxColdStartsPerHour: 2 } },
        ],
        [
            "a trace (shared with the workers, not copied), SnapStart for Java, a p99 goal",
            {
                traffic: traceTraffic(officeTrace()),
                fn: SLOW_INIT,
                goal: { maxP99Ms: 400 },
                snapStart: { runtime: "java21", restoreMs: 400, restoreSource: "test" },
            },
        ],
        [
            "a pinned fixed level and two strategies",
            { traffic: businessHoursTraffic(20, 2, DAY), fn: SLOW_INIT, strategies: ["fixed", "tracking"], fixedCapacity: 3 },
        ],
    ];
    for (const [name, options] of cases) {
        it(`gives advise()'s answer: ${name}`, async () => {
            const inThread = advise(options);
            const parallel = await adviseInParallel(options, 2);
            expect(answer(parallel)).to.deep.equal(answer(inThread));
            // Every strategy still reports the simulations its own search ran.
            expect(parallel.strategies.map((s) => s.simulations)).to.deep.equal(inThread.strategies.map((s) => s.simulations));
        });
    }

    it("runs the on-demand profile first, then numbers every simulation once, each reaching 100%", async () => {
        const progress: AdviseProgress[] = [];
        const advice = await adviseInParallel({ ...cases[0][1], onProgress: (p) => progress.push(p) }, 2);
        expect(progress[0]).to.deep.include({ label: "on-demand", simulation: 1 });
        const finished = progress.filter((p) => p.fraction === 1);
        expect(finished.map((p) => p.simulation).sort((a, b) => a - b)).to.deep.equal(
            Array.from({ length: advice.simulations }, (_, i) => i + 1),
        );
        expect(new Set(finished.map((p) => p.label.split(" ")[0]))).to.deep.equal(new Set(["on-demand", "fixed", "warmer", "scheduled", "tracking"]));
    });

    it("runs in this thread with one worker, and refuses fewer", async () => {
        const options = cases[2][1];
        expect(answer(await adviseInParallel(options, 1))).to.deep.equal(answer(advise(options)));
        let error: unknown;
        await adviseInParallel(options, 0).catch((caught: unknown) => (error = caught));
        expect((error as Error).message).to.equal("workers must be a whole number of at least 1, got 0");
    });
});

describe("advisor: the simulation pool", function () {
    this.timeout(60_000);
    const traffic = businessHoursTraffic(5, 1, HOUR);
    const fn = { memoryMb: 1024, initMs: 500, duration: { medianMs: 100, p95Ms: 150 } };

    it("returns the same result as simulate() in this thread", async () => {
        const pool = new SimulationPool(traffic, 2);
        try {
            const settings = { fn, plan: { initialCapacity: 2 }, seed: 7 };
            const [fromPool] = await Promise.all([pool.run(settings), pool.run({ ...settings, seed: 8 })]);
            const here = simulate({ ...settings, traffic });
            expect({ ...fromPool, series: undefined }).to.deep.equal({ ...here, series: undefined });
            expect(Array.from(fromPool.series.coldStarts)).to.deep.equal(Array.from(here.series.coldStarts));
        } finally {
            await pool.close();
        }
    });

    it("rejects a simulation that fails in a worker with its error, and every run once closed", async () => {
        const pool = new SimulationPool(traffic, 1);
        let failure: unknown;
        await pool.run({ fn: { ...fn, duration: { medianMs: 100, p95Ms: 50 } }, plan: { initialCapacity: 0 }, seed: 1 }).catch((e: unknown) => (failure = e));
        expect((failure as Error).message).to.match(/^simulation failed in a worker: Error: .*p95/);
        // The worker survives a failed job.
        const result = await pool.run({ fn, plan: { initialCapacity: 0 }, seed: 1 });
        expect(result.arrivals).to.be.above(0);
        await pool.close();
        let closed: unknown;
        await pool.run({ fn, plan: { initialCapacity: 0 }, seed: 1 }).catch((e: unknown) => (closed = e));
        expect((closed as Error).message).to.equal("the simulation pool was closed");
    });

    it("refuses a pool without workers", () => {
        expect(() => new SimulationPool(traffic, 0)).to.throw("SimulationPool needs at least one worker, got 0");
    });
});

describe("advisor: reusing a simulation of the same plan (ResultCache)", () => {
    it("answers a request that may stop early with any run, a full request only with a full run", () => {
        const cache = new ResultCache<string>();
        cache.add("fixed 3", true, "early");
        expect(cache.find("fixed 3", true)).to.equal("early");
        expect(cache.find("fixed 3", false)).to.equal(undefined);
        expect(cache.earlyRun("fixed 3")).to.equal("early");
        cache.add("fixed 3", false, "full");
        expect(cache.find("fixed 3", true)).to.equal("full");
        expect(cache.find("fixed 3", false)).to.equal("full");
        // The first early run stays the one reused: which one was first never depends on threads (see the runner).
        cache.add("fixed 3", true, "second early");
        expect(cache.earlyRun("fixed 3")).to.equal("early");
        expect(cache.find("fixed 4", true)).to.equal(undefined);
    });
});
