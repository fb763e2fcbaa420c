import { expect } from "chai";
import { ARCHITECTURES, breakEvenUtilization, pricesFor, tieredDurationCost, US_EAST_1_PRICES } from "../../advisor";
import { gbSeconds } from "../../aws-facts/pricing";

describe("advisor pricing", () => {
    for (const architecture of ARCHITECTURES) {
        it(`puts the break-even utilization at 60% on ${architecture}`, () => {
            expect(breakEvenUtilization(US_EAST_1_PRICES[architecture])).to.be.closeTo(0.6, 0.0001);
        });
    }

    it("makes arm64 cheaper than x86 for every rate it prices per GB-second", () => {
        const x86 = US_EAST_1_PRICES.x86_64;
        const arm = US_EAST_1_PRICES.arm64;
        expect(arm.onDemandDurationTiers[0].pricePerGbSecond).to.be.lessThan(x86.onDemandDurationTiers[0].pricePerGbSecond);
        expect(arm.provisionedConcurrencyPerGbSecond).to.be.lessThan(x86.provisionedConcurrencyPerGbSecond);
        expect(arm.provisionedDurationPerGbSecond).to.be.lessThan(x86.provisionedDurationPerGbSecond);
        expect(arm.requestsPerMillion).to.equal(x86.requestsPerMillion);
    });

    it("prices duration linearly within the first tier", () => {
        const tiers = US_EAST_1_PRICES.x86_64.onDemandDurationTiers;
        expect(tieredDurationCost(1_000_000, tiers)).to.be.closeTo(16.6667, 1e-4);
        expect(tieredDurationCost(0, tiers)).to.equal(0);
    });

    it("applies the lower rates only above each tier's threshold", () => {
        const tiers = US_EAST_1_PRICES.x86_64.onDemandDurationTiers;
        const sevenBillion = tieredDurationCost(7e9, tiers);
        expect(sevenBillion).to.be.closeTo(6e9 * 0.0000166667 + 1e9 * 0.000015, 1e-3);
        const twentyBillion = tieredDurationCost(20e9, tiers);
        expect(twentyBillion).to.be.closeTo(6e9 * 0.0000166667 + 9e9 * 0.000015 + 5e9 * 0.0000133334, 1e-3);
    });

    it("overrides any price while keeping the others", () => {
        const prices = pricesFor("arm64", { requestsPerMillion: 0.25 });
        expect(prices.requestsPerMillion).to.equal(0.25);
        expect(prices.provisionedConcurrencyPerGbSecond).to.equal(US_EAST_1_PRICES.arm64.provisionedConcurrencyPerGbSecond);
    });

    it("counts GB-seconds with 1024 MB to the GB", () => {
        expect(gbSeconds(1000, 1024)).to.equal(1);
        expect(gbSeconds(2000, 512)).to.equal(1);
    });
});
