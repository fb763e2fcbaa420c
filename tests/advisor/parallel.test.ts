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
import { CANCELLED_MESSAGE, SimulationPool } from "../../advisor/simulation-pool";
import { ResultCache, speculativeRunHolds } from "../../advisor/simulation-runner";

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

    describe("the warmer's opening run beside the on-demand run (speculation)", () => {
        /** Records the pool's jobs while `body` runs: the on-demand run's progress at each start and at each cancel. */
        async function watchingJobs<T>(body: (onProgress: (p: AdviseProgress) => void) => Promise<T>): Promise<{ value: T; startedAt: number[]; cancelledAt: number[] }> {
            // Put back as it was, then called with the pool as `this`.
            // eslint-disable-next-line @typescript-eslint/unbound-method
            const start = SimulationPool.prototype.start;
            let onDemandFraction = 0;
            const startedAt: number[] = [];
            const cancelledAt: number[] = [];
            SimulationPool.prototype.start = function (this: SimulationPool, ...args: Parameters<typeof start>) {
                startedAt.push(onDemandFraction);
                const job = start.apply(this, args);
                return { result: job.result, cancel: () => (cancelledAt.push(onDemandFraction), job.cancel()) };
            };
            try {
                const value = await body((p) => {
                    if (p.label === "on-demand") onDemandFraction = p.fraction;
                });
                return { value, startedAt, cancelledAt };
            } finally {
                SimulationPool.prototype.start = start;
            }
        }

        it("is kept when on-demand meets the goal: advise()'s answer, no simulation run twice", async () => {
            // A short init and a loose goal: on-demand alone meets it, so the warmer search starts at one ping.
            const options: AdviseOptions = {
                traffic: businessHoursTraffic(20, 2, DAY),
                fn: { ...SLOW_INIT, initMs: 300 },
                goal: { maxColdStartFraction: 0.01 },
            };
            const inThread = advise(options);
            expect(inThread.strategies.find((s) => s.name === "on-demand")!.meetsGoal).to.equal(true);
            expect(inThread.strategies.find((s) => s.name === "warmer")!.configuration).to.equal("1 ping every 5 min");
            const { value: parallel, startedAt, cancelledAt } = await watchingJobs((onProgress) => adviseInParallel({ ...options, onProgress }, 2));
            expect(answer(parallel)).to.deep.equal(answer(inThread));
            expect(parallel.strategies.map((s) => s.simulations)).to.deep.equal(inThread.strategies.map((s) => s.simulations));
            // Every simulation but the on-demand one (in this thread) on the pool, once: the warmer's before the on-demand
            // run began, the others after it ended.
            expect(parallel.simulations).to.equal(inThread.simulations);
            expect(startedAt).to.deep.equal([0, ...Array<number>(parallel.simulations - 2).fill(1)]);
            expect(cancelledAt).to.deep.equal([]);
        });

        it("is dropped while the on-demand run goes on when on-demand will miss the goal", async () => {
            const options = cases[0][1];
            const inThread = advise(options);
            expect(inThread.strategies.find((s) => s.name === "on-demand")!.meetsGoal).to.equal(false);
            const { value: parallel, startedAt, cancelledAt } = await watchingJobs((onProgress) => adviseInParallel({ ...options, onProgress }, 2));
            expect(answer(parallel)).to.deep.equal(answer(inThread));
            expect(parallel.simulations).to.equal(inThread.simulations);
            // One job more than the simulations counted: the dropped one, started first, dropped before the on-demand
            // run was done.
            expect(startedAt).to.deep.equal([0, ...Array<number>(parallel.simulations - 1).fill(1)]);
            expect(cancelledAt).to.have.length(1);
            expect(cancelledAt[0]).to.be.below(1);
        });
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

    it("drops a cancelled job: a queued one at once, a running one at its next progress point, and the worker goes on", async () => {
        // About 3.6 million requests: long enough to be cancelled while it runs.
        const busy = new SimulationPool(businessHoursTraffic(1000, 1000, HOUR), 1);
        try {
            const settings = { fn, plan: { initialCapacity: 0 }, seed: 1 };
            let lastFraction = 0;
            let cancelRunning = (): void => undefined;
            const running = busy.start(settings, (fraction) => {
                lastFraction = fraction;
                cancelRunning();
            });
            const queued = busy.start({ ...settings, seed: 2 });
            const next = busy.run({ ...settings, seed: 3 });
            queued.cancel();
            cancelRunning = running.cancel;
            const outcome = (promise: Promise<unknown>): Promise<string> => promise.then(() => "resolved", (e: Error) => e.message);
            expect(await outcome(queued.result)).to.equal(CANCELLED_MESSAGE);
            expect(await outcome(running.result)).to.equal(CANCELLED_MESSAGE);
            expect(lastFraction).to.be.above(0).and.below(0.9);
            const result = await next;
            expect(result.arrivals).to.equal(simulate({ ...settings, seed: 3, traffic: businessHoursTraffic(1000, 1000, HOUR) }).arrivals);
        } finally {
            await busy.close();
        }
    });

    it("refuses a pool without workers", () => {
        expect(() => new SimulationPool(traffic, 0)).to.throw("SimulationPool needs at least one worker, got 0");
    });
});

describe("advisor: a run started before the goal's budgets were known (speculativeRunHolds)", () => {
    const run = simulate({
        traffic: businessHoursTraffic(5, 1, HOUR),
        fn: { memoryMb: 1024, initMs: 500, duration: { medianMs: 100, p95Ms: 150 } },
        plan: { initialCapacity: 0 },
        seed: 1,
    });

    it("holds when it meets the goal and met no stop condition: budgets would not have stopped it", () => {
        expect(run.stoppedEarly).to.equal(false);
        expect(run.stopConditionMetAtMs).to.equal(null);
        expect(speculativeRunHolds(run, true)).to.equal(true);
    });

    it("does not when it misses, stopped, or met a stop condition (a per-hour limit is known before the budgets)", () => {
        expect(speculativeRunHolds(run, false)).to.equal(false);
        expect(speculativeRunHolds({ ...run, stoppedEarly: true }, true)).to.equal(false);
        expect(speculativeRunHolds({ ...run, stopConditionMetAtMs: 1000 }, true)).to.equal(false);
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
