import { expect } from "chai";
import { BilledUsage, DEFAULT_WARMER, monthlyCost, US_EAST_1_PRICES } from "../../advisor";

const HOUR = 3_600_000;
const MONTH = 730 * HOUR;
const NOTHING: BilledUsage = {
    requests: 0,
    onDemandDurationMs: 0,
    onDemandInitMs: 0,
    provisionedDurationMs: 0,
    provisionedEnabledMs: 0,
    pings: 0,
    pingDurationMs: 0,
    warmerTicks: 0,
};

describe("advisor monthly cost", () => {
    const prices = US_EAST_1_PRICES.x86_64;

    it("adds up: the total is the sum of its parts", () => {
        const usage: BilledUsage = {
            requests: 1_000_000,
            onDemandDurationMs: 5e7,
            onDemandInitMs: 2e6,
            provisionedDurationMs: 3e7,
            provisionedEnabledMs: 4 * MONTH,
            pings: 8640,
            pingDurationMs: 8640 * 75,
            warmerTicks: 8640,
        };
        const cost = monthlyCost(usage, MONTH, 512, prices);
        expect(cost.total).to.be.closeTo(cost.requests + cost.duration + cost.provisioned + cost.warmer, 1e-9);
        for (const part of [cost.requests, cost.duration, cost.provisioned, cost.warmer]) expect(part).to.be.greaterThan(0);
    });

    it("prices requests, on-demand duration and billed init at the published rates", () => {
        const usage = { ...NOTHING, requests: 3_000_000, onDemandDurationMs: 3_000_000 * 1000, onDemandInitMs: 1000 * 1000 };
        const cost = monthlyCost(usage, MONTH, 512, prices);
        expect(cost.requests).to.be.closeTo(0.6, 1e-9);
        // (3,000,000 s + 1,000 s of init) x 0.5 GB x $0.0000166667
        expect(cost.duration).to.be.closeTo(3_001_000 * 0.5 * 0.0000166667, 1e-6);
        const withoutInit = monthlyCost(usage, MONTH, 512, { ...prices, initBilledOnDemand: false });
        expect(withoutInit.duration).to.be.closeTo(3_000_000 * 0.5 * 0.0000166667, 1e-6);
    });

    it("prices a provisioned environment kept all month at 730 hours of the provisioned rate", () => {
        const cost = monthlyCost({ ...NOTHING, provisionedEnabledMs: MONTH }, MONTH, 1024, prices);
        expect(cost.provisioned).to.be.closeTo(730 * 3600 * 0.0000041667, 1e-6);
        expect(cost.total).to.equal(cost.provisioned);
    });

    it("scales a shorter period to a month", () => {
        const day = monthlyCost({ ...NOTHING, requests: 1_000_000 }, 24 * HOUR, 128, prices);
        expect(day.requests).to.be.closeTo(0.2 * (730 / 24), 1e-9);
    });

    it("costs the same on provisioned concurrency as on-demand at 60% utilization, on both architectures", () => {
        for (const architecture of ["x86_64", "arm64"] as const) {
            const rates = US_EAST_1_PRICES[architecture];
            // One environment busy 60% of a month: on provisioned concurrency, or the same work on-demand.
            const busyMs = 0.6 * MONTH;
            const provisioned = monthlyCost({ ...NOTHING, provisionedEnabledMs: MONTH, provisionedDurationMs: busyMs }, MONTH, 1024, rates);
            const onDemand = monthlyCost({ ...NOTHING, onDemandDurationMs: busyMs }, MONTH, 1024, rates);
            expect(provisioned.total).to.be.closeTo(onDemand.total, onDemand.total * 1e-4);
            // Busier than break-even, provisioned is cheaper; idler, on-demand is.
            const busier = monthlyCost({ ...NOTHING, provisionedEnabledMs: MONTH, provisionedDurationMs: 0.8 * MONTH }, MONTH, 1024, rates);
            expect(busier.total).to.be.lessThan(monthlyCost({ ...NOTHING, onDemandDurationMs: 0.8 * MONTH }, MONTH, 1024, rates).total);
        }
    });

    it("charges the warmer for its pings and for the invocations of the function that sends them", () => {
        const ticks = 8760; // every 5 minutes for a month
        const cost = monthlyCost({ ...NOTHING, pings: 3 * ticks, pingDurationMs: 3 * ticks * 75, warmerTicks: ticks }, MONTH, 1024, prices);
        const requests = 4 * ticks * 0.2e-6;
        const gbSeconds = 3 * ticks * 0.075 * 1 + ticks * (DEFAULT_WARMER.pingHoldMs / 1000) * (128 / 1024);
        expect(cost.warmer).to.be.closeTo(requests + gbSeconds * 0.0000166667, 1e-9);
        expect(cost.total).to.equal(cost.warmer);
    });
});
