// Next occurrences of schedule expressions: time zones, daylight saving time, StartTime/EndTime, edge dates.
import { expect } from "chai";
import { ScheduleError, nextOccurrences, occurrencesBetween } from "../../components/schedule";

const iso = (dates: readonly Date[]): string[] => dates.map((d) => d.toISOString());
const at = (text: string): Date => new Date(text);

describe("schedule: time zones and daylight saving time", () => {
  // US clocks go forward at 02:00 on 2026-03-08 and back at 02:00 on 2026-11-01 (America/New_York).
  it("skips a wall time that DST removes (02:30 on the day clocks go forward)", () => {
    expect(iso(nextOccurrences("cron(30 2 * * ? *)", at("2026-03-07T00:00:00Z"), 3, "America/New_York"))).to.deep.equal([
      "2026-03-07T07:30:00.000Z", // 02:30 EST
      "2026-03-09T06:30:00.000Z", // 02:30 EDT; 8 March has no 02:30
      "2026-03-10T06:30:00.000Z",
    ]);
  });

  it("fires once, at the first occurrence, for a wall time DST repeats (01:30 on the day clocks go back)", () => {
    expect(iso(nextOccurrences("cron(30 1 * * ? *)", at("2026-10-31T00:00:00Z"), 3, "America/New_York"))).to.deep.equal([
      "2026-10-31T05:30:00.000Z", // 01:30 EDT
      "2026-11-01T05:30:00.000Z", // the first 01:30 (EDT); the second (06:30Z, EST) does not fire
      "2026-11-02T06:30:00.000Z", // 01:30 EST
    ]);
  });

  it("does not repeat the hour that clocks go back over", () => {
    expect(iso(nextOccurrences("cron(0/30 * * * ? *)", at("2026-11-01T04:45:00Z"), 4, "America/New_York"))).to.deep.equal([
      "2026-11-01T05:00:00.000Z", // 01:00 EDT
      "2026-11-01T05:30:00.000Z", // 01:30 EDT
      "2026-11-01T07:00:00.000Z", // 02:00 EST: 01:00 and 01:30 EST are the same wall times again
      "2026-11-01T07:30:00.000Z",
    ]);
  });

  it("fires once per wall-clock minute on a 25-hour and a 23-hour day", () => {
    const fallDay = occurrencesBetween(
      "cron(* * * * ? *)",
      at("2026-11-01T04:00:00Z"), // midnight EDT
      at("2026-11-02T05:00:00Z"), // midnight EST, 25 hours later
      "America/New_York",
    );
    expect(fallDay).to.have.length(1440);
    const springDay = occurrencesBetween(
      "cron(* * * * ? *)",
      at("2026-03-08T05:00:00Z"), // midnight EST
      at("2026-03-09T04:00:00Z"), // midnight EDT, 23 hours later
      "America/New_York",
    );
    expect(springDay).to.have.length(1380);
  });

  it("keeps business hours at 08:00 local across the European change of 25 October 2026", () => {
    expect(iso(nextOccurrences("cron(0 8 ? * MON-FRI *)", at("2026-10-22T00:00:00Z"), 3, "Europe/Paris"))).to.deep.equal([
      "2026-10-22T06:00:00.000Z", // Thursday 08:00 CEST
      "2026-10-23T06:00:00.000Z", // Friday 08:00 CEST
      "2026-10-26T07:00:00.000Z", // Monday 08:00 CET
    ]);
  });

  it("handles half-hour offsets", () => {
    expect(iso(nextOccurrences("cron(0 9 * * ? *)", at("2026-11-23T00:00:00Z"), 1, "Asia/Kolkata"))).to.deep.equal([
      "2026-11-23T03:30:00.000Z",
    ]);
  });

  it("reads a seven-field cron's second on the local clock", () => {
    expect(iso(nextOccurrences("cron(30 0 10 * * ? *)", at("2026-11-23T00:00:00Z"), 1, "Europe/Paris"))).to.deep.equal([
      "2026-11-23T09:00:30.000Z",
    ]);
  });

  it("counts rate days as 24 hours, whatever the time zone or DST", () => {
    expect(iso(nextOccurrences("rate(1 day)", at("2026-10-31T12:00:00Z"), 2, "America/New_York"))).to.deep.equal([
      "2026-11-01T12:00:00.000Z",
      "2026-11-02T12:00:00.000Z",
    ]);
  });

  it("reads at() in the schedule's time zone", () => {
    expect(iso(nextOccurrences("at(2026-12-01T08:00:00)", at("2026-11-23T00:00:00Z"), 1, "Europe/Paris"))).to.deep.equal([
      "2026-12-01T07:00:00.000Z",
    ]);
  });

  it("never fires an at() whose wall time DST removes", () => {
    expect(nextOccurrences("at(2026-03-08T02:30:00)", at("2026-01-01T00:00:00Z"), 1, "America/New_York")).to.deep.equal([]);
  });

  it("fires an at() whose wall time DST repeats at the first occurrence", () => {
    expect(iso(nextOccurrences("at(2026-11-01T01:30:00)", at("2026-01-01T00:00:00Z"), 1, "America/New_York"))).to.deep.equal([
      "2026-11-01T05:30:00.000Z",
    ]);
  });
});

describe("schedule: StartTime and EndTime", () => {
  it("performs a cron action at its StartTime, then on the recurrence (AAS cron page)", () => {
    const next = nextOccurrences("cron(0 8 * * ? *)", at("2026-11-23T00:00:00Z"), 3, "UTC", {
      startTime: "2026-12-01T00:00:00Z",
    });
    expect(iso(next)).to.deep.equal(["2026-12-01T00:00:00.000Z", "2026-12-01T08:00:00.000Z", "2026-12-02T08:00:00.000Z"]);
  });

  it("fires once when the StartTime is itself a cron occurrence", () => {
    const next = nextOccurrences("cron(0 8 * * ? *)", at("2026-11-23T00:00:00Z"), 2, "UTC", {
      startTime: "2026-12-01T08:00:00Z",
    });
    expect(iso(next)).to.deep.equal(["2026-12-01T08:00:00.000Z", "2026-12-02T08:00:00.000Z"]);
  });

  it("adds no firing for a StartTime already past", () => {
    const next = nextOccurrences("cron(0 8 * * ? *)", at("2026-11-23T00:00:00Z"), 2, "UTC", {
      startTime: "2026-11-01T00:00:00Z",
    });
    expect(iso(next)).to.deep.equal(["2026-11-23T08:00:00.000Z", "2026-11-24T08:00:00.000Z"]);
  });

  it("stops after the EndTime; a firing exactly at the EndTime happens", () => {
    const next = nextOccurrences("cron(0 8 * * ? *)", at("2026-11-23T00:00:00Z"), 5, "UTC", {
      endTime: "2026-11-25T08:00:00Z",
    });
    expect(iso(next)).to.deep.equal(["2026-11-23T08:00:00.000Z", "2026-11-24T08:00:00.000Z", "2026-11-25T08:00:00.000Z"]);
  });

  it("runs a rate from its StartTime when one is set, even one in the past", () => {
    const next = nextOccurrences("rate(2 hours)", at("2026-11-23T06:30:00Z"), 2, "UTC", {
      startTime: "2026-11-23T01:00:00Z",
    });
    expect(iso(next)).to.deep.equal(["2026-11-23T07:00:00.000Z", "2026-11-23T09:00:00.000Z"]);
  });

  it("runs a rate from a future StartTime, starting at it", () => {
    const next = nextOccurrences("rate(1 day)", at("2026-11-23T00:00:00Z"), 2, "UTC", {
      startTime: "2026-12-01T06:00:00Z",
    });
    expect(iso(next)).to.deep.equal(["2026-12-01T06:00:00.000Z", "2026-12-02T06:00:00.000Z"]);
  });

  it("does not apply StartTime/EndTime to at(), which AWS documents them for recurring schedules only", () => {
    const next = nextOccurrences("at(2026-12-01T08:00:00)", at("2026-11-23T00:00:00Z"), 1, "UTC", {
      endTime: "2026-11-30T00:00:00Z",
    });
    expect(iso(next)).to.deep.equal(["2026-12-01T08:00:00.000Z"]);
  });

  it("rejects a window whose EndTime is not after its StartTime", () => {
    expect(() =>
      nextOccurrences("rate(1 hour)", at("2026-11-23T00:00:00Z"), 1, "UTC", {
        startTime: "2026-12-01T00:00:00Z",
        endTime: "2026-11-01T00:00:00Z",
      }),
    ).to.throw(ScheduleError, `endTime "2026-11-01T00:00:00Z" must be after startTime "2026-12-01T00:00:00Z"`);
  });
});

describe("schedule: edge dates and arguments", () => {
  it("returns fewer dates when the schedule has no more: 30 February never comes", () => {
    expect(nextOccurrences("cron(0 0 30 2 ? *)", at("2026-11-23T00:00:00Z"), 2)).to.deep.equal([]);
  });

  it("stops at the last year a cron can name, 2199", () => {
    expect(iso(nextOccurrences("cron(0 0 31 12 ? *)", at("2199-06-01T00:00:00Z"), 2))).to.deep.equal([
      "2199-12-31T00:00:00.000Z",
    ]);
  });

  it("skips months without the day for nW, and keeps nW inside the month", () => {
    // November has no 31st; 2026-12-31 is a Thursday; 2027-01-31 a Sunday, so Friday the 29th; February has no 31st.
    expect(iso(nextOccurrences("cron(0 0 31W * ? *)", at("2026-11-01T00:00:00Z"), 3))).to.deep.equal([
      "2026-12-31T00:00:00.000Z",
      "2027-01-29T00:00:00.000Z",
      "2027-03-31T00:00:00.000Z",
    ]);
  });

  it("fires n#5 only in months that have a fifth such day", () => {
    expect(iso(nextOccurrences("cron(0 0 ? * 6#5 *)", at("2026-11-23T00:00:00Z"), 2))).to.deep.equal([
      "2027-01-29T00:00:00.000Z",
      "2027-04-30T00:00:00.000Z",
    ]);
  });

  it("counts only times strictly after `from`", () => {
    expect(iso(nextOccurrences("cron(0 8 * * ? *)", at("2026-11-23T08:00:00Z"), 1))).to.deep.equal([
      "2026-11-24T08:00:00.000Z",
    ]);
    expect(nextOccurrences("at(2026-11-23T08:00:00)", at("2026-11-23T08:00:00Z"), 1)).to.deep.equal([]);
  });

  it("returns no dates for count 0 and rejects a negative or fractional count", () => {
    expect(nextOccurrences("rate(1 hour)", at("2026-11-23T00:00:00Z"), 0)).to.deep.equal([]);
    expect(() => nextOccurrences("rate(1 hour)", at("2026-11-23T00:00:00Z"), -1)).to.throw(
      ScheduleError,
      "count must be a whole number >= 0, got -1",
    );
    expect(() => nextOccurrences("rate(1 hour)", at("2026-11-23T00:00:00Z"), 1.5)).to.throw(
      ScheduleError,
      "count must be a whole number >= 0, got 1.5",
    );
  });

  it("rejects an invalid date, time zone or expression with the validators' messages", () => {
    expect(() => nextOccurrences("rate(1 hour)", new Date("not a date"), 1)).to.throw(
      ScheduleError,
      "from must be a valid Date",
    );
    expect(() => nextOccurrences("rate(1 hour)", at("2026-11-23T00:00:00Z"), 1, "Mars/Base")).to.throw(
      ScheduleError,
      `timezone "Mars/Base" is not an IANA time zone name (e.g. "UTC", "Europe/Paris", "America/New_York")`,
    );
    expect(() => nextOccurrences("rate(1 hours)", at("2026-11-23T00:00:00Z"), 1)).to.throw(
      ScheduleError,
      `rate(1 hours): value 1 takes the singular unit "hour"`,
    );
  });
});

describe("schedule: occurrencesBetween", () => {
  it("includes a firing at `from` and excludes one at `to`", () => {
    expect(
      iso(occurrencesBetween("cron(0 8 * * ? *)", at("2026-11-23T08:00:00Z"), at("2026-11-25T08:00:00Z"))),
    ).to.deep.equal(["2026-11-23T08:00:00.000Z", "2026-11-24T08:00:00.000Z"]);
  });

  it("is empty for an empty period", () => {
    expect(occurrencesBetween("rate(1 minute)", at("2026-11-23T08:00:00Z"), at("2026-11-23T08:00:00Z"))).to.deep.equal([]);
  });

  it("lists every firing of a week-long rate", () => {
    const week = occurrencesBetween("rate(1 minute)", at("2026-11-23T00:00:00Z"), at("2026-11-30T00:00:00Z"));
    expect(week).to.have.length(7 * 24 * 60 - 1); // from + 1 minute ... to - 1 minute
    expect(week[0]?.toISOString()).to.equal("2026-11-23T00:01:00.000Z");
    expect(week[week.length - 1]?.toISOString()).to.equal("2026-11-29T23:59:00.000Z");
  });

  it("rejects an invalid `to`", () => {
    expect(() => occurrencesBetween("rate(1 minute)", at("2026-11-23T00:00:00Z"), new Date(Number.NaN))).to.throw(
      ScheduleError,
      "to must be a valid Date",
    );
  });
});
