import { expect } from "chai";
import {
    businessHoursTraffic,
    expectedRequestCount,
    perMinuteTraffic,
    profileTraffic,
    spikyTraffic,
    steadyTraffic,
    traceTraffic,
} from "../../advisor";
import { RequestStream, Traffic } from "../../advisor/traffic";

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const WEEK = 7 * DAY;

function drain(traffic: Traffic, seed = 1): { arrivals: number[]; durations: number[] } {
    const stream = new RequestStream(traffic, { medianMs: 100, p95Ms: 150 }, seed);
    const arrivals: number[] = [];
    const durations: number[] = [];
    while (stream.next()) {
        arrivals.push(stream.arrivalMs);
        durations.push(stream.durationMs);
    }
    return { arrivals, durations };
}

describe("advisor traffic", () => {
    it("draws Poisson arrivals at the given rate, sorted and inside the period", () => {
        const { arrivals } = drain(steadyTraffic(50, HOUR));
        const expected = 50 * 3600;
        expect(arrivals.length).to.be.closeTo(expected, 4 * Math.sqrt(expected));
        for (let i = 1; i < arrivals.length; i++) expect(arrivals[i] >= arrivals[i - 1]).to.equal(true);
        expect(arrivals[0]).to.be.at.least(0);
        expect(arrivals[arrivals.length - 1]).to.be.below(HOUR);
    });

    it("gives every strategy the same requests for a seed, and other requests for another seed", () => {
        const traffic = steadyTraffic(5, 10 * 60_000);
        expect(drain(traffic, 3)).to.deep.equal(drain(traffic, 3));
        expect(drain(traffic, 3).arrivals).to.not.deep.equal(drain(traffic, 4).arrivals);
    });

    it("follows office hours: the peak Monday to Friday 08:00-18:00 UTC, the base rate otherwise", () => {
        const traffic = businessHoursTraffic(10, 2, WEEK);
        expect(traffic.ratesPerSecond.length).to.equal(168);
        expect(traffic.ratesPerSecond[8]).to.equal(10); // Monday 08:00
        expect(traffic.ratesPerSecond[17]).to.equal(10); // Monday 17:00
        expect(traffic.ratesPerSecond[18]).to.equal(2); // Monday 18:00
        expect(traffic.ratesPerSecond[5 * 24 + 10]).to.equal(2); // Saturday 10:00
        expect(expectedRequestCount(traffic)).to.be.closeTo((50 * 10 + 118 * 2) * 3600, 1e-6);
    });

    it("puts one minute at the peak in every hour of a spiky traffic, at seeded minutes", () => {
        const traffic = spikyTraffic(100, 1, DAY, 5);
        const spikes = Array.from(traffic.ratesPerSecond).filter((rate) => rate === 100).length;
        expect(spikes).to.equal(24);
        expect(spikyTraffic(100, 1, DAY, 5).ratesPerSecond).to.deep.equal(traffic.ratesPerSecond);
    });

    it("takes a profile of rates, e.g. hourly over a week", () => {
        const hourly = Array.from({ length: 168 }, (_, hour) => (hour % 24 >= 8 && hour % 24 < 18 ? 10 : 1));
        const traffic = profileTraffic(hourly, HOUR);
        expect(traffic.periodMs).to.equal(WEEK);
        expect(expectedRequestCount(traffic)).to.be.closeTo((70 * 10 + 98 * 1) * 3600, 1e-6);
        expect(profileTraffic([5, 5], HOUR, 90 * 60_000).periodMs).to.equal(90 * 60_000);
        expect(() => profileTraffic([1, -2], HOUR)).to.throw("rates must be non-negative");
    });

    it("has no requests where the rate is zero", () => {
        const traffic = perMinuteTraffic(Float64Array.of(0, 10, 0));
        const { arrivals } = drain(traffic);
        expect(arrivals.every((time) => time >= 60_000 && time < 120_000)).to.equal(true);
        expect(arrivals.length).to.be.closeTo(600, 100);
    });

    it("replays a trace as it is", () => {
        const traffic = traceTraffic(Float64Array.of(0, 10, 10, 5000));
        expect(traffic.periodMs).to.equal(60_000);
        expect(drain(traffic).arrivals).to.deep.equal([0, 10, 10, 5000]);
        expect(() => traceTraffic(Float64Array.of(5, 1))).to.throw("timestamps must be sorted");
    });

    it("refuses negative rates", () => {
        expect(() => steadyTraffic(-1, HOUR)).to.throw("rates must be non-negative");
    });
});
