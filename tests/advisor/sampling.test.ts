import { expect } from "chai";
import { fitLogNormal } from "../../advisor";
import { SeededRandom } from "../../advisor/random";
import { ExponentialSampler, inverseStandardNormal, LogNormalSampler } from "../../advisor/sampling";

describe("advisor random numbers and samplers", () => {
    it("repeats the same stream for the same seed and another for another seed", () => {
        const draw = (seed: number): number[] => {
            const random = new SeededRandom(seed);
            return Array.from({ length: 5 }, () => random.nextUint32());
        };
        expect(draw(7)).to.deep.equal(draw(7));
        expect(draw(7)).to.not.deep.equal(draw(8));
    });

    it("draws uniforms strictly inside (0, 1) with mean one half", () => {
        const random = new SeededRandom(1);
        let sum = 0;
        let outside = 0;
        for (let i = 0; i < 100_000; i++) {
            const u = random.nextUniform();
            if (!(u > 0 && u < 1)) outside++;
            sum += u;
        }
        expect(outside).to.equal(0);
        expect(sum / 100_000).to.be.closeTo(0.5, 0.005);
    });

    it("inverts the normal distribution function", () => {
        expect(inverseStandardNormal(0.5)).to.be.closeTo(0, 1e-9);
        expect(inverseStandardNormal(0.975)).to.be.closeTo(1.959964, 1e-6);
        expect(inverseStandardNormal(0.01)).to.be.closeTo(-2.326348, 1e-6);
        expect(inverseStandardNormal(1e-6)).to.be.closeTo(-4.753424, 1e-5);
        expect(() => inverseStandardNormal(1)).to.throw("p must be in (0, 1)");
    });

    it("fits a log-normal whose median and p95 are the given ones", () => {
        const fit = fitLogNormal({ medianMs: 175, p95Ms: 230 });
        expect(Math.exp(fit.mu)).to.be.closeTo(175, 1e-9);
        expect(Math.exp(fit.mu + 1.6448536269514722 * fit.sigma)).to.be.closeTo(230, 1e-9);
        expect(fitLogNormal({ medianMs: 100, p95Ms: 100 }).sigma).to.equal(0);
        expect(() => fitLogNormal({ medianMs: 100, p95Ms: 90 })).to.throw("p95Ms must be at least medianMs (100), got 90");
        expect(() => fitLogNormal({ medianMs: 0, p95Ms: 90 })).to.throw("medianMs must be positive");
    });

    it("samples durations with the fitted median and p95", () => {
        const sampler = new LogNormalSampler(new SeededRandom(3), fitLogNormal({ medianMs: 175, p95Ms: 230 }));
        const values = Float64Array.from({ length: 200_000 }, () => sampler.next()).sort();
        expect(values[100_000]).to.be.closeTo(175, 1.5);
        expect(values[190_000]).to.be.closeTo(230, 2.5);
        expect(values[0]).to.be.greaterThan(0);
    });

    it("samples exponential gaps of mean 1", () => {
        const sampler = new ExponentialSampler(new SeededRandom(4));
        let sum = 0;
        let sumSquares = 0;
        let smallest = Infinity;
        const n = 200_000;
        for (let i = 0; i < n; i++) {
            const x = sampler.next();
            smallest = Math.min(smallest, x);
            sum += x;
            sumSquares += x * x;
        }
        expect(smallest).to.be.at.least(0);
        expect(sum / n).to.be.closeTo(1, 0.01);
        expect(sumSquares / n - (sum / n) ** 2).to.be.closeTo(1, 0.03); // the variance of Exp(1) is 1
    });

    it("draws the very same values in blocks (fill) as one at a time, and carries on where a block ended", () => {
        // 4,000 draws reach both tails of each sampler (computed exactly there, interpolated in the bulk).
        const one = { uniform: new SeededRandom(5), exponential: new ExponentialSampler(new SeededRandom(6)), duration: new LogNormalSampler(new SeededRandom(7), fitLogNormal({ medianMs: 100, p95Ms: 400 })) };
        const bulk = { uniform: new SeededRandom(5), exponential: new ExponentialSampler(new SeededRandom(6)), duration: new LogNormalSampler(new SeededRandom(7), fitLogNormal({ medianMs: 100, p95Ms: 400 })) };
        for (const size of [1000, 3000]) {
            const uniforms = new Float64Array(size);
            bulk.uniform.fillUniform(uniforms);
            expect(Array.from(uniforms)).to.deep.equal(Array.from({ length: size }, () => one.uniform.nextUniform()));
            const gaps = new Float64Array(size);
            bulk.exponential.fill(gaps);
            expect(Array.from(gaps)).to.deep.equal(Array.from({ length: size }, () => one.exponential.next()));
            const durations = new Float64Array(size);
            bulk.duration.fill(durations);
            expect(Array.from(durations)).to.deep.equal(Array.from({ length: size }, () => one.duration.next()));
        }
        expect(bulk.uniform.nextUint32()).to.equal(one.uniform.nextUint32());
    });
});
