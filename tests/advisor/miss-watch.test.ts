import { expect } from "chai";
import { MissWatch } from "../../advisor/miss-watch";

const HOUR = 3_600_000;

/** Feeds cold starts (arrival ms, latency ms) and returns the index of the first that shows a miss, or -1. */
function firstMiss(watch: MissWatch, coldStarts: [number, number][]): number {
    return coldStarts.findIndex(([arrivalMs, latencyMs]) => watch.observe(arrivalMs, latencyMs));
}

describe("advisor: watching the on-demand run for a sure miss (MissWatch)", () => {
    it("a fraction goal: more cold starts than the goal allows of four standard deviations over the expected requests", () => {
        // 0.1% of 1,000,000 + 4 x 1,000 requests: 1,004 allowed, the 1,005th misses.
        const watch = new MissWatch({ maxColdStartFraction: 0.001 }, 1_000_000, 0);
        expect(firstMiss(watch, Array.from({ length: 1100 }, (_, i) => [i * 1000, 1200]))).to.equal(1004);
        // Once missed, it stays missed.
        expect(watch.observe(40_000, 1200)).to.equal(true);
    });

    it("a per-hour goal: the cold start over the limit within one clock hour, counted afresh each hour", () => {
        const watch = new MissWatch({ maxColdStartsPerHour: 2 }, 1e9, 0);
        // Two in each of three hours never miss; the third in one hour does.
        const spread: [number, number][] = [0, 1, 2].flatMap((hour) => [[hour * HOUR + 10, 900], [hour * HOUR + 20, 900]] as [number, number][]);
        expect(firstMiss(watch, spread)).to.equal(-1);
        expect(watch.observe(2 * HOUR + 30, 900)).to.equal(true);
    });

    it("clock hours follow the period's offset into its first hour", () => {
        // The period starts at hh:30: 0 and 29 minutes are one clock hour, 31 minutes the next.
        const watch = new MissWatch({ maxColdStartsPerHour: 1 }, 1e9, 30 * 60_000);
        expect(watch.observe(0, 900)).to.equal(false);
        expect(watch.observe(31 * 60_000, 900)).to.equal(false);
        expect(new MissWatch({ maxColdStartsPerHour: 1 }, 1e9, 30 * 60_000).observe(29 * 60_000, 900)).to.equal(false);
        const sameHour = new MissWatch({ maxColdStartsPerHour: 1 }, 1e9, 30 * 60_000);
        sameHour.observe(0, 900);
        expect(sameHour.observe(29 * 60_000, 900)).to.equal(true);
    });

    it("a p99 goal: only cold starts over its latency count, against 1% of the requests with the same margin", () => {
        const watch = new MissWatch({ maxP99Ms: 500 }, 2500, 0);
        // 1% of 2,500 + 4 x 50: 27 allowed. Fast cold starts never count.
        expect(firstMiss(watch, Array.from({ length: 50 }, (_, i) => [i, 400]))).to.equal(-1);
        expect(firstMiss(watch, Array.from({ length: 40 }, (_, i) => [100 + i, 501]))).to.equal(27);
    });

    it("no goal on cold starts or latency: never a sign", () => {
        const watch = new MissWatch({}, 10, 0);
        expect(firstMiss(watch, Array.from({ length: 1000 }, (_, i) => [i, 5000]))).to.equal(-1);
    });
});
