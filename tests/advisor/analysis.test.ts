import { expect } from "chai";
import {
    costOptimalLevel,
    groupBySimilarLoad,
    lowestLevelWithin,
    poissonTailAtLeast,
    RankCounts,
    standardNormalCdf,
    unitUtilization,
} from "../../advisor/analysis";

describe("advisor analysis of an on-demand run", () => {
    it("computes Poisson tails", () => {
        expect(poissonTailAtLeast(2.5, 0)).to.equal(1);
        expect(poissonTailAtLeast(2.5, 1)).to.be.closeTo(1 - Math.exp(-2.5), 1e-12);
        expect(poissonTailAtLeast(2.5, 3)).to.be.closeTo(0.456187, 1e-6);
        expect(poissonTailAtLeast(0, 1)).to.equal(0);
        // The normal approximation takes over for large means and agrees with the centre.
        expect(poissonTailAtLeast(1000, 1000)).to.be.closeTo(0.5, 0.01);
        expect(standardNormalCdf(1.959964)).to.be.closeTo(0.975, 1e-6);
    });

    it("keeps a unit of provisioned concurrency only while it is busy at least the break-even fraction", () => {
        // Mean concurrency 2.5: unit 2 is busy 71% of the time, unit 3 only 46%.
        const means = new Float64Array(100).fill(2.5);
        expect(unitUtilization(means, 2)).to.be.closeTo(0.7127, 1e-4);
        expect(costOptimalLevel(means, 0.6)).to.equal(2);
        expect(costOptimalLevel(new Float64Array(10).fill(0.2), 0.6)).to.equal(0);
        expect(costOptimalLevel(new Float64Array(10).fill(100), 0.6)).to.be.within(96, 99);
    });

    it("predicts the cold starts that N warm environments would leave: those of rank N and above", () => {
        const counts = new RankCounts();
        [0, 0, 1, 3, 3, 3, 40].forEach((rank) => counts.add(rank));
        expect(counts.atOrAbove(0)).to.equal(7);
        expect(counts.atOrAbove(2)).to.equal(4);
        expect(counts.atOrAbove(4)).to.equal(1);
        expect(counts.atOrAbove(41)).to.equal(0);
        expect(counts.highest).to.equal(40);
        expect(lowestLevelWithin(counts, 0)).to.equal(41);
        expect(lowestLevelWithin(counts, 1)).to.equal(4);
        expect(lowestLevelWithin(counts, 7)).to.equal(0);
    });

    it("pools counts", () => {
        const a = new RankCounts();
        a.add(1, 2);
        const b = new RankCounts();
        b.add(5);
        a.addAll(b);
        expect(a.atOrAbove(0)).to.equal(3);
        expect(a.highest).to.equal(5);
    });

    it("groups hours of similar load, and leaves out hours never observed", () => {
        const groups = groupBySimilarLoad([0.5, 9.5, 9.8, 0.52, NaN, 30, 9.2]);
        expect(groups[0]).to.equal(groups[3]);
        expect(groups[1]).to.equal(groups[2]);
        expect(groups[1]).to.equal(groups[6]);
        expect(groups[5]).to.not.equal(groups[1]);
        expect(groups[4]).to.equal(-1);
        expect(new Set(groups.filter((group) => group >= 0))).to.deep.equal(new Set([0, 1, 2]));
    });
});
