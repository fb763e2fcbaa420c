// Schedule rules at their limits, where the other schedule specs leave a gap: time zone suggestions, two-digit rate
// values, StartTime/EndTime with a negative UTC offset, and firings exactly at the start of a window.
import { expect } from "chai";
import {
    capacityTimeline,
    describeSchedule,
    nextOccurrences,
    occurrencesBetween,
    parseScheduleExpression,
    validateScheduleExpression,
    validateScheduleTimes,
    validateTimezone,
} from "../../components/schedule";

const at = (text: string): Date => new Date(text);
const iso = (dates: readonly Date[]): string[] => dates.map((date) => date.toISOString());
const HINT = `(e.g. "UTC", "Europe/Paris", "America/New_York")`;

describe("schedule: time zone suggestions", () => {
    const suggestions: [string, string][] = [
        // One letter off.
        ["Europe/Berln", "Europe/Berlin"],
        ["Amercia/Chicago", "America/Chicago"],
        // The city alone, or under the wrong region: matched on the city part.
        ["Berlin", "Europe/Berlin"],
        ["Tokyo", "Asia/Tokyo"],
        ["Asia/Berlin", "Europe/Berlin"],
        ["Sydny", "Australia/Sydney"],
        // Case and spaces.
        ["europe/berlin", "Europe/Berlin"],
        ["utc", "UTC"],
        ["America/New York", "America/New_York"],
        ["Los Angeles", "America/Los_Angeles"],
    ];
    for (const [given, meant] of suggestions) {
        it(`suggests "${meant}" for "${given}"`, () => {
            expect(validateTimezone(given)).to.equal(`timezone "${given}" is not an IANA time zone name; did you mean "${meant}"?`);
        });
    }

    it("suggests nothing for a name close to no zone, and gives examples instead", () => {
        for (const given of ["Mars/Olympus", "Nowhere", "+02:00", "", "LA", "Europe/"]) {
            expect(validateTimezone(given), given).to.equal(`timezone "${given}" is not an IANA time zone name ${HINT}`);
        }
    });

    it("still accepts every real zone, UTC and Intl's aliases", () => {
        for (const zone of ["UTC", "Etc/UTC", "Europe/Berlin", "Europe/Kyiv", "Asia/Kolkata", "Etc/GMT+9", ...Intl.supportedValuesOf("timeZone")]) {
            expect(validateTimezone(zone), zone).to.equal(undefined);
        }
    });
});

describe("schedule: rate values of more than one digit", () => {
    it("parses rate(15 minutes) as a 15-minute interval", () => {
        expect(parseScheduleExpression("rate(15 minutes)")).to.deep.equal({
            kind: "rate",
            expression: "rate(15 minutes)",
            value: 15,
            unit: "minute",
            intervalMs: 900_000,
        });
        expect(parseScheduleExpression("rate(10 hours)")).to.deep.include({ value: 10, unit: "hour", intervalMs: 36_000_000 });
        expect(parseScheduleExpression("rate(120 days)")).to.deep.include({ value: 120, unit: "day", intervalMs: 10_368_000_000 });
        expect(validateScheduleExpression("rate(15 minutes)", { service: "eventbridge" })).to.equal(undefined);
        expect(describeSchedule("rate(15 minutes)")).to.equal("every 15 minutes");
    });

    it("fires rate(15 minutes) every 15 minutes, from `from` or from the StartTime", () => {
        expect(iso(nextOccurrences("rate(15 minutes)", at("2026-12-01T00:00:00Z"), 5))).to.deep.equal([
            "2026-12-01T00:15:00.000Z",
            "2026-12-01T00:30:00.000Z",
            "2026-12-01T00:45:00.000Z",
            "2026-12-01T01:00:00.000Z",
            "2026-12-01T01:15:00.000Z",
        ]);
        expect(iso(nextOccurrences("rate(15 minutes)", at("2026-12-01T00:00:00Z"), 3, "UTC", { startTime: "2026-12-01T00:05:00Z" }))).to.deep.equal([
            "2026-12-01T00:05:00.000Z",
            "2026-12-01T00:20:00.000Z",
            "2026-12-01T00:35:00.000Z",
        ]);
    });

    it("still refuses a two-digit value with the singular unit", () => {
        expect(validateScheduleExpression("rate(15 minute)")).to.equal('rate(15 minute): value 15 takes the plural unit "minutes"');
    });
});

describe("schedule: StartTime and EndTime with a negative UTC offset", () => {
    // Decision: an offset is accepted and means the instant it denotes. AWS stores StartTime/EndTime in UTC; the AWS
    // provider validates them as RFC 3339 (offsets included), converts them, and compares them by instant
    // (terraform-provider-aws, appautoscaling/scheduled_action.go: IsRFC3339Time, suppressEquivalentTime).
    it("accepts 2026-12-01T00:00:00-05:00 as 2026-12-01T05:00:00Z", () => {
        expect(validateScheduleTimes("2026-12-01T00:00:00-05:00")).to.equal(undefined);
        expect(validateScheduleTimes(undefined, "2026-12-01T00:00:00-05:00")).to.equal(undefined);
        // The end must be after the start as instants: 05:00:00Z is the same instant, 05:00:01Z one second later.
        expect(validateScheduleTimes("2026-12-01T00:00:00-05:00", "2026-12-01T05:00:00Z")).to.equal(
            'endTime "2026-12-01T05:00:00Z" must be after startTime "2026-12-01T00:00:00-05:00"',
        );
        expect(validateScheduleTimes("2026-12-01T00:00:00-05:00", "2026-12-01T05:00:01Z")).to.equal(undefined);
        // Read as a local time without its offset, the end below would be before the start.
        expect(validateScheduleTimes("2026-12-01T04:00:00Z", "2026-12-01T00:00:00-05:00")).to.equal(undefined);
    });

    it("refuses offsets RFC 3339 does not allow", () => {
        expect(validateScheduleTimes("2026-12-01T00:00:00-24:00")).to.equal('startTime "2026-12-01T00:00:00-24:00": the UTC offset is not valid');
        expect(validateScheduleTimes("2026-12-01T00:00:00-05:60")).to.equal('startTime "2026-12-01T00:00:00-05:60": the UTC offset is not valid');
        expect(validateScheduleTimes("2026-12-01T00:00:00-0500")).to.equal(
            'startTime "2026-12-01T00:00:00-0500" is not an RFC 3339 timestamp such as "2026-12-01T00:00:00Z"',
        );
    });

    it("starts the schedule at the instant the offset denotes", () => {
        expect(iso(nextOccurrences("rate(1 hour)", at("2026-11-30T00:00:00Z"), 2, "UTC", { startTime: "2026-12-01T00:00:00-05:00" }))).to.deep.equal([
            "2026-12-01T05:00:00.000Z",
            "2026-12-01T06:00:00.000Z",
        ]);
        const steps = capacityTimeline(
            [{ name: "late-start", schedule: "cron(0 * * * ? *)", minCapacity: 3, startTime: "2026-12-01T00:30:00-05:00", endTime: "2026-12-01T06:00:00-05:00" }],
            { from: at("2026-12-01T00:00:00Z"), to: at("2026-12-02T00:00:00Z"), initial: { min: 1, max: 5 } },
        );
        expect(steps.map((s) => [s.at.toISOString(), s.min, s.by])).to.deep.equal([
            ["2026-12-01T00:00:00.000Z", 1, "initial"],
            ["2026-12-01T05:30:00.000Z", 3, "late-start"],
        ]);
    });
});

describe("schedule: a firing exactly at the start of a window", () => {
    it("fires a cron once at a StartTime that is also the start of the period", () => {
        expect(iso(occurrencesBetween("cron(0 8 * * ? *)", at("2026-12-01T08:00:00Z"), at("2026-12-03T00:00:00Z"), "UTC", { startTime: "2026-12-01T08:00:00Z" }))).to.deep.equal([
            "2026-12-01T08:00:00.000Z",
            "2026-12-02T08:00:00.000Z",
        ]);
        // A StartTime between occurrences, at the start of the period: the action runs then, and on the recurrence.
        expect(iso(occurrencesBetween("cron(0 8 * * ? *)", at("2026-12-01T05:00:00Z"), at("2026-12-03T00:00:00Z"), "UTC", { startTime: "2026-12-01T05:00:00Z" }))).to.deep.equal([
            "2026-12-01T05:00:00.000Z",
            "2026-12-01T08:00:00.000Z",
            "2026-12-02T08:00:00.000Z",
        ]);
        // nextOccurrences counts only what is strictly after `from`.
        expect(iso(nextOccurrences("cron(0 8 * * ? *)", at("2026-12-01T05:00:00Z"), 2, "UTC", { startTime: "2026-12-01T05:00:00Z" }))).to.deep.equal([
            "2026-12-01T08:00:00.000Z",
            "2026-12-02T08:00:00.000Z",
        ]);
    });

    it("fires a rate at its StartTime when that is the start of the period", () => {
        expect(iso(occurrencesBetween("rate(6 hours)", at("2026-12-01T05:00:00Z"), at("2026-12-01T18:00:00Z"), "UTC", { startTime: "2026-12-01T05:00:00Z" }))).to.deep.equal([
            "2026-12-01T05:00:00.000Z",
            "2026-12-01T11:00:00.000Z",
            "2026-12-01T17:00:00.000Z",
        ]);
    });
});
