import { expect } from "chai";
import {
    CapacityPlan,
    DEFAULT_ENVIRONMENT,
    perMinuteTraffic,
    SimulationInput,
    SimulationResult,
    simulate,
    steadyTraffic,
    traceTraffic,
    Traffic,
} from "../../advisor";
import { LatencyHistogram } from "../../advisor/histogram";
import { RequestStream } from "../../advisor/traffic";

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;

const FUNCTION = { memoryMb: 1024, initMs: 1000, duration: { medianMs: 100, p95Ms: 100 } };

function run(traffic: Traffic, plan: CapacityPlan, extra: Partial<SimulationInput> = {}): SimulationResult {
    return simulate({ traffic, fn: FUNCTION, plan, seed: 1, ...extra });
}

function trace(timesMs: number[], periodMs?: number): Traffic {
    return traceTraffic(Float64Array.from(timesMs), 0, periodMs);
}

/** Spiky traffic: a low base with one-minute bursts, which exercises scale-up, spillover and idle recycling. */
function burstyTraffic(hours: number): Traffic {
    const rates = new Float64Array(hours * 60).fill(0.5);
    for (let minute = 7; minute < rates.length; minute += 23) rates[minute] = 40;
    return perMinuteTraffic(rates);
}

/**
 * A brute-force model of the same rules, written for clarity, not speed: every environment is scanned for every
 * request. It asserts that no request ever goes to a busy environment; the optimized simulator must agree with it.
 */
function referenceSimulation(
    traffic: Traffic,
    provisioned: number,
    idleTimeoutMs: number,
    maxLifetimeMs: number,
): { coldStarts: number; spillover: number; servedByProvisioned: number; histogram: LatencyHistogram } {
    const stream = new RequestStream(traffic, FUNCTION.duration, 1);
    const provisionedBusyUntil = new Array<number>(provisioned).fill(-Infinity);
    const environments: { busyUntil: number; createdAt: number; recycled: boolean }[] = [];
    const histogram = new LatencyHistogram();
    let coldStarts = 0;
    let spillover = 0;
    let servedByProvisioned = 0;
    while (stream.next()) {
        const time = stream.arrivalMs;
        const duration = stream.durationMs;
        const freeProvisioned = provisionedBusyUntil.findIndex((until) => until <= time);
        if (freeProvisioned >= 0) {
            provisionedBusyUntil[freeProvisioned] = time + duration;
            servedByProvisioned++;
            histogram.record(duration);
            continue;
        }
        if (provisioned > 0) spillover++;
        let chosen: (typeof environments)[number] | undefined;
        for (const environment of environments) {
            if (environment.recycled || environment.busyUntil > time) continue;
            const expired =
                environment.busyUntil - environment.createdAt >= maxLifetimeMs ||
                time - environment.busyUntil > idleTimeoutMs ||
                time - environment.createdAt >= maxLifetimeMs;
            if (expired) environment.recycled = true;
            else if (!chosen || environment.busyUntil > chosen.busyUntil) chosen = environment;
        }
        if (chosen) {
            expect(chosen.busyUntil).to.be.at.most(time, "a request went to a busy environment");
            chosen.busyUntil = time + duration;
            histogram.record(duration);
        } else {
            environments.push({ busyUntil: time + FUNCTION.initMs + duration, createdAt: time, recycled: false });
            coldStarts++;
            histogram.record(FUNCTION.initMs + duration);
        }
    }
    return { coldStarts, spillover, servedByProvisioned, histogram };
}

describe("advisor simulator", () => {
    describe("agrees with a brute-force model of the same rules", () => {
        for (const provisioned of [0, 2, 5]) {
            it(`with ${provisioned} provisioned environments`, () => {
                const traffic = burstyTraffic(3);
                const environment = { ...DEFAULT_ENVIRONMENT, idleTimeoutMs: 2 * MINUTE, maxLifetimeMs: 30 * MINUTE };
                const result = run(traffic, { initialCapacity: provisioned }, { environment });
                const reference = referenceSimulation(traffic, provisioned, environment.idleTimeoutMs, environment.maxLifetimeMs);
                expect(result.coldStarts).to.be.greaterThan(0);
                expect(result.coldStarts).to.equal(reference.coldStarts);
                expect(result.spillover).to.equal(reference.spillover);
                expect(result.servedByProvisioned).to.equal(reference.servedByProvisioned);
                expect(result.latencyMs.p50).to.equal(reference.histogram.quantile(0.5));
                expect(result.latencyMs.p99).to.equal(reference.histogram.quantile(0.99));
                expect(result.latencyMs.max).to.equal(reference.histogram.max);
            });
        }
    });

    it("gives each of a burst of simultaneous requests its own environment", () => {
        const result = run(trace(new Array<number>(50).fill(0)), { initialCapacity: 0 });
        expect(result.coldStarts).to.equal(50);
        expect(result.peakConcurrency).to.equal(50);
        expect(result.latencyMs.max).to.equal(1100);
    });

    it("reuses one warm environment for requests that never overlap", () => {
        const result = run(trace([0, 5 * SECOND, 10 * SECOND, 9 * MINUTE]), { initialCapacity: 0 });
        expect(result.coldStarts).to.equal(1);
        expect(result.latencyMs.p50).to.equal(100);
    });

    it("recycles an environment idle for longer than the idle timeout (10 minutes by default)", () => {
        expect(run(trace([0, 9 * MINUTE, 18 * MINUTE, 27 * MINUTE]), { initialCapacity: 0 }).coldStarts).to.equal(1);
        expect(run(trace([0, 11 * MINUTE, 22 * MINUTE, 33 * MINUTE]), { initialCapacity: 0 }).coldStarts).to.equal(4);
    });

    it("replaces environments at their maximum lifetime (14 hours by default), however busy", () => {
        const times = Array.from({ length: 15 * 60 }, (_, minute) => minute * MINUTE + 1);
        expect(run(trace(times), { initialCapacity: 0 }).coldStarts).to.equal(2);
    });

    it("throttles beyond the scale-up rate and the concurrency limit", () => {
        const burst = new Array<number>(2000).fill(0);
        const limited = run(trace(burst), { initialCapacity: 0 });
        expect(limited.coldStarts).to.equal(1000);
        expect(limited.throttled).to.equal(1000);
        expect(limited.requests).to.equal(1000);
        const environment = { ...DEFAULT_ENVIRONMENT, concurrencyLimit: 10_000 };
        // 1000 new environments at once, then the bucket refills at 100 a second.
        const later = run(trace([...burst, ...new Array<number>(150).fill(SECOND)]), { initialCapacity: 0 }, { environment });
        expect(later.coldStarts).to.equal(1100);
        expect(later.throttled).to.equal(1050);
    });

    it("serves from provisioned concurrency first and spills over to on-demand when all of it is busy", () => {
        const result = run(trace([0, 0, 0, 0, 0]), { initialCapacity: 3 });
        expect(result.servedByProvisioned).to.equal(3);
        expect(result.spillover).to.equal(2);
        expect(result.coldStarts).to.equal(2);
        expect(result.requests).to.equal(5);
    });

    it("makes a capacity increase ready only after the allocation delay, and applies decreases at once", () => {
        const traffic = steadyTraffic(0, 30 * MINUTE);
        const result = run(traffic, {
            initialCapacity: 0,
            capacityActions: [
                { atMs: 10 * MINUTE, capacity: 5 },
                { atMs: 20 * MINUTE, capacity: 1 },
            ],
        });
        const { configuredCapacity, readyCapacity } = result.series;
        expect(configuredCapacity[9]).to.equal(0);
        expect(configuredCapacity[10]).to.equal(5);
        expect(readyCapacity[11]).to.equal(0);
        expect(readyCapacity[12]).to.equal(5); // two minutes later
        expect(readyCapacity[20]).to.equal(1);
        expect(configuredCapacity[29]).to.equal(1);
    });

    it("bills provisioned concurrency disabled within the period in 5-minute steps, and the rest exactly", () => {
        const result = run(steadyTraffic(0, 30 * MINUTE), { initialCapacity: 2, capacityActions: [{ atMs: MINUTE, capacity: 1 }] });
        // One unit for 1 minute, rounded up to 5; the other for the whole 30 minutes (still enabled at the end).
        expect(result.usage.provisionedEnabledMs).to.equal(5 * MINUTE + 30 * MINUTE);
        const short = run(steadyTraffic(0, 30 * SECOND), { initialCapacity: 1 });
        expect(short.usage.provisionedEnabledMs).to.equal(30 * SECOND);
    });

    describe("target tracking", () => {
        // Requests of a constant 500 ms: 0.5 per second (a quarter of an environment), then 20 per second for
        // 30 minutes (10 environments), then quiet again.
        const fn = { memoryMb: 1024, initMs: 1000, duration: { medianMs: 500, p95Ms: 500 } };
        const rates = new Float64Array(100).fill(0.5);
        rates.fill(20, 20, 50);
        // Average: with Maximum, a single request keeps one environment 100% "utilized" in its minute.
        const tracking = { targetUtilization: 0.7, statistic: "Average" as const, minCapacity: 1, maxCapacity: 40 };
        const result = simulate({ traffic: perMinuteTraffic(rates), fn, plan: { initialCapacity: 1, tracking }, seed: 1 });
        const configured = Array.from(result.series.configuredCapacity);
        const ready = Array.from(result.series.readyCapacity);

        it("scales out only after three one-minute datapoints above the target", () => {
            expect(configured.slice(0, 23).every((capacity) => capacity === 1)).to.equal(true);
            const firstIncrease = configured.findIndex((capacity) => capacity > 1);
            expect(firstIncrease).to.equal(23); // datapoints of minutes 20, 21 and 22, evaluated as minute 22 ends
            expect(ready[firstIncrease]).to.equal(1);
            expect(ready[firstIncrease + 2]).to.be.greaterThan(1); // after the 2-minute allocation delay
            expect(Math.max(...configured)).to.be.at.least(10);
        });

        it("scales in only after fifteen datapoints below 90% of the target", () => {
            const peakMinute = configured.indexOf(Math.max(...configured));
            const firstDecrease = configured.findIndex((capacity, minute) => minute > peakMinute && capacity < configured[minute - 1]);
            expect(firstDecrease).to.be.at.least(50 + 14);
            expect(configured[configured.length - 1]).to.be.lessThan(Math.max(...configured));
        });

        it("never scales in without traffic, for lack of datapoints", () => {
            const burstThenSilence = new Float64Array(60);
            burstThenSilence.fill(20, 0, 10);
            const silent = simulate({ traffic: perMinuteTraffic(burstThenSilence), fn, plan: { initialCapacity: 1, tracking }, seed: 1 });
            const levels = Array.from(silent.series.configuredCapacity);
            const highest = Math.max(...levels);
            expect(highest).to.be.greaterThan(1);
            expect(levels[levels.length - 1]).to.equal(highest);
        });

        it("stays inside scheduled bounds", () => {
            const bounded = simulate({
                traffic: perMinuteTraffic(rates),
                fn,
                plan: { initialCapacity: 1, tracking: { ...tracking, boundsActions: [{ atMs: 5 * MINUTE, minCapacity: 6, maxCapacity: 8 }] } },
                seed: 1,
            });
            const levels = Array.from(bounded.series.configuredCapacity);
            expect(levels[5]).to.equal(6);
            expect(Math.min(...levels.slice(5))).to.be.at.least(6);
            expect(Math.max(...levels)).to.equal(8);
        });
    });

    it("keeps environments warm with pings, which also occupy them", () => {
        // One request every 20 minutes, 7 minutes off the pings: on-demand always starts cold.
        const times = Array.from({ length: 30 }, (_, i) => 7 * MINUTE + i * 20 * MINUTE);
        const traffic = trace(times, 10 * HOUR);
        expect(run(traffic, { initialCapacity: 0 }).coldStarts).to.equal(30);
        const warmed = run(traffic, { initialCapacity: 0, warmer: { concurrency: 1, intervalMs: 5 * MINUTE } });
        expect(warmed.coldStarts).to.equal(0);
        expect(warmed.usage.pings).to.equal(120);
        expect(warmed.usage.warmerTicks).to.equal(120);
        // Its environment was 7 hours old at the start (warm environments have staggered ages): at 14 hours a ping
        // replaces it, off the users' path.
        expect(warmed.pingColdStarts).to.equal(1);
        // A request that arrives while the ping holds the only warm environment starts a new one.
        const collision = run(trace([5 * MINUTE + 10]), { initialCapacity: 0, warmer: { concurrency: 1, intervalMs: 5 * MINUTE } });
        expect(collision.coldStarts).to.equal(1);
    });

    it("is deterministic under a seed, and another seed gives another sample", () => {
        const traffic = burstyTraffic(2);
        const plan = { initialCapacity: 2 };
        const first = simulate({ traffic, fn: { ...FUNCTION, duration: { medianMs: 100, p95Ms: 300 } }, plan, seed: 42 });
        const again = simulate({ traffic, fn: { ...FUNCTION, duration: { medianMs: 100, p95Ms: 300 } }, plan, seed: 42 });
        const other = simulate({ traffic, fn: { ...FUNCTION, duration: { medianMs: 100, p95Ms: 300 } }, plan, seed: 43 });
        expect(again).to.deep.equal(first);
        expect(other.arrivals).to.not.equal(first.arrivals);
    });

    it("never has more cold starts with more provisioned capacity, and pays more for it", () => {
        const traffic = burstyTraffic(6);
        let previous: SimulationResult | undefined;
        for (let capacity = 0; capacity <= 24; capacity += 2) {
            const result = run(traffic, { initialCapacity: capacity });
            if (previous) {
                expect(result.coldStarts, `at ${capacity}`).to.be.at.most(previous.coldStarts);
                expect(result.usage.provisionedEnabledMs).to.be.greaterThan(previous.usage.provisionedEnabledMs);
            }
            previous = result;
        }
        expect(previous?.coldStarts).to.equal(0);
    });

    it("never has more cold starts with a higher schedule", () => {
        const traffic = burstyTraffic(6);
        let previous: SimulationResult | undefined;
        for (let level = 0; level <= 20; level += 4) {
            // A schedule that doubles the level for the second hour of every three.
            const capacityActions = [];
            for (let hour = 1; hour < 6; hour += 3) {
                capacityActions.push({ atMs: hour * HOUR, capacity: 2 * level }, { atMs: (hour + 1) * HOUR, capacity: level });
            }
            const result = run(traffic, { initialCapacity: level, capacityActions });
            if (previous) expect(result.coldStarts, `at ${level}`).to.be.at.most(previous.coldStarts);
            previous = result;
        }
    });

    it("accounts for every request: served on provisioned, on-demand warm or cold, or throttled", () => {
        const result = run(burstyTraffic(2), { initialCapacity: 3 });
        expect(result.requests + result.throttled).to.equal(result.arrivals);
        expect(result.servedByProvisioned + result.spillover).to.equal(result.requests);
        const arrivalsBySeries = Array.from(result.series.arrivals).reduce((sum, value) => sum + value, 0);
        expect(arrivalsBySeries).to.equal(result.arrivals);
        const coldBySeries = Array.from(result.series.coldStarts).reduce((sum, value) => sum + value, 0);
        expect(coldBySeries).to.equal(result.coldStarts);
    });

    it("stops early, and says so, once a stop condition is exceeded", () => {
        const result = run(trace(new Array<number>(50).fill(0)), { initialCapacity: 0 }, { stopWhen: { coldStartsAbove: 5 } });
        expect(result.stoppedEarly).to.equal(true);
        expect(result.coldStarts).to.equal(6);
        const slow = run(trace(new Array<number>(50).fill(0)), { initialCapacity: 0 }, { stopWhen: { slowRequestsAbove: 2, slowThresholdMs: 500 } });
        expect(slow.slowRequests).to.equal(3);
        expect(slow.stoppedEarly).to.equal(true);
    });

    it("with runToEnd, runs the whole period but still says when the stop condition was first met", () => {
        // Cold starts at 0, 200, 400 and 600 ms (each finds the earlier ones still in their 1 s init), then warm requests.
        const times = [0, 200, 400, 600, 10 * SECOND, 11 * SECOND];
        const stopped = run(trace(times), { initialCapacity: 0 }, { stopWhen: { coldStartsAbove: 2 } });
        expect(stopped.stoppedEarly).to.equal(true);
        expect(stopped.stopConditionMetAtMs).to.equal(400);
        const whole = run(trace(times), { initialCapacity: 0 }, { stopWhen: { coldStartsAbove: 2 }, runToEnd: true });
        expect(whole.stoppedEarly).to.equal(false);
        expect(whole.arrivals).to.equal(6);
        expect(whole.coldStarts).to.equal(4);
        expect(whole.stopConditionMetAtMs).to.equal(400);
        // Apart from that time, the same figures as a run without any stop condition.
        const plain = run(trace(times), { initialCapacity: 0 });
        expect(plain.stopConditionMetAtMs).to.equal(null);
        expect({ ...whole, stopConditionMetAtMs: null }).to.deep.equal(plain);
        const hourly = run(trace(times), { initialCapacity: 0 }, { stopWhen: { coldStartsPerHourAbove: 3 }, runToEnd: true });
        expect(hourly.stopConditionMetAtMs).to.equal(600);
    });

    it("measures the demand's peak when asked: requests in flight as if none waited for an init", () => {
        // 100 ms requests, 1 s inits. On demand every one of them meets a cold start and holds its environment for
        // 1.1 s, so 7 are busy at 1060; without the waits, at most 4 are ever in flight at once (at 50).
        const arrivals = trace([0, 0, 0, 50, 150, 1050, 1060]);
        const measured = run(arrivals, { initialCapacity: 0 }, { measureDemand: true });
        expect(measured).to.deep.include({ coldStarts: 7, peakConcurrency: 7, demandPeak: 4 });
        // What as many provisioned environments see: none of them waits, none spills over.
        expect(run(arrivals, { initialCapacity: 4 })).to.deep.include({ spillover: 0, peakConcurrency: 4, coldStarts: 0 });
        expect(run(arrivals, { initialCapacity: 0 })).to.not.have.property("demandPeak");
    });

    it("tells the observer the rank of each cold start", () => {
        const ranks: number[] = [];
        run(trace([0, 0, 0, 5 * SECOND]), { initialCapacity: 0 }, { onColdStart: (_at, rank) => ranks.push(rank) });
        expect(ranks).to.deep.equal([0, 1, 2]);
    });
});

describe("advisor simulator: code deploys", () => {
    // 10 requests a second of 100 ms for 10 minutes, 5 provisioned environments, a deploy at minute 5.
    const run = (plan: CapacityPlan) => simulate({ traffic: steadyTraffic(10, 10 * MINUTE), fn: FUNCTION, plan, seed: 3 });
    const perMinute = (series: Float64Array): number[] => Array.from(series);

    it("with the warm rollout, the new version's environments are ready when it takes the traffic; only the lost on-demand ones start again", () => {
        const none = run({ initialCapacity: 5 });
        const warm = run({ initialCapacity: 5, deploys: [{ atMs: 5 * MINUTE, warmRollout: true }] });
        expect(perMinute(warm.series.readyCapacity)).to.deep.equal([5, 5, 5, 5, 5, 5, 5, 5, 5, 5]);
        expect(perMinute(none.series.coldStarts)).to.deep.equal([1, 0, 0, 0, 0, 1, 0, 0, 0, 0]);
        // The one spillover environment kept warm from minute 0 belongs to the old version: it starts again once.
        expect(perMinute(warm.series.coldStarts)).to.deep.equal([1, 0, 0, 0, 0, 2, 0, 0, 0, 0]);
        // Both versions' 5 environments for the 2-minute allocation, billed 5 minutes: 50 + 25 environment-minutes.
        expect(none.usage.provisionedEnabledMs).to.equal(50 * MINUTE);
        expect(warm.usage.provisionedEnabledMs).to.equal(75 * MINUTE);
    });

    it("with the alias moved at once, nothing is ready for the allocation's 2 minutes, and the traffic starts cold on demand", () => {
        const naive = run({ initialCapacity: 5, deploys: [{ atMs: 5 * MINUTE, warmRollout: false }] });
        expect(perMinute(naive.series.readyCapacity)).to.deep.equal([5, 5, 5, 5, 5, 0, 0, 5, 5, 5]);
        expect(perMinute(naive.series.configuredCapacity)).to.deep.equal([5, 5, 5, 5, 5, 5, 5, 5, 5, 5]);
        expect(perMinute(naive.series.coldStarts)).to.deep.equal([1, 0, 0, 0, 0, 15, 0, 0, 0, 0]);
        expect(naive.usage.provisionedEnabledMs).to.equal(75 * MINUTE);
    });

    it("without provisioned concurrency, a deploy starts every on-demand environment again, and bills nothing more", () => {
        const onDemand = run({ initialCapacity: 0 });
        const deployed = run({ initialCapacity: 0, deploys: [{ atMs: 5 * MINUTE, warmRollout: true }] });
        expect(perMinute(onDemand.series.coldStarts)).to.deep.equal([13, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
        expect(perMinute(deployed.series.coldStarts)).to.deep.equal([13, 0, 0, 0, 0, 15, 0, 0, 0, 0]);
        expect(deployed.usage.provisionedEnabledMs).to.equal(0);
    });
});
