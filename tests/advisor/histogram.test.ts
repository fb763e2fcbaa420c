import { expect } from "chai";
import { LatencyHistogram } from "../../advisor/histogram";

describe("advisor latency histogram", () => {
    it("gives nearest-rank quantiles to 0.1 ms below a second and the exact maximum", () => {
        const histogram = new LatencyHistogram();
        for (let i = 1; i <= 1000; i++) histogram.record(i / 10); // 0.1 .. 100 ms
        expect(histogram.count).to.equal(1000);
        expect(histogram.quantile(0.5)).to.be.closeTo(50, 0.1001);
        expect(histogram.quantile(0.99)).to.be.closeTo(99, 0.1001);
        expect(histogram.max).to.equal(100);
        expect(histogram.mean).to.be.closeTo(50.05, 1e-9);
    });

    it("keeps 1 ms resolution for cold starts and reports the exact maximum beyond a minute", () => {
        const histogram = new LatencyHistogram();
        histogram.record(1234.5);
        histogram.record(75_000.25);
        expect(histogram.quantile(0.5)).to.equal(1235);
        expect(histogram.quantile(1)).to.equal(75_000.25);
        expect(histogram.max).to.equal(75_000.25);
    });

    it("never reports a quantile above the maximum, nor a quantile of nothing", () => {
        const empty = new LatencyHistogram();
        expect(empty.quantile(0.99)).to.equal(0);
        const one = new LatencyHistogram();
        one.record(12.34);
        expect(one.quantile(0.5)).to.equal(12.34);
    });

    it("counts values above a threshold", () => {
        const histogram = new LatencyHistogram();
        [10, 20, 300, 1500, 2500].forEach((value) => histogram.record(value));
        expect(histogram.countAbove(1000)).to.equal(2);
        expect(histogram.countAbove(5)).to.equal(5);
        expect(histogram.countAbove(5000)).to.equal(0);
    });
});
