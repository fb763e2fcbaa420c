// Parsing and validation of AWS schedule expressions, time zones, StartTime/EndTime and scheduled action names.
import { expect } from "chai";
import {
  ScheduleError,
  nextOccurrences,
  parseScheduleExpression,
  validateScheduleExpression,
  validateScheduleTimes,
  validateScheduledActionName,
  validateTimezone,
} from "../../components/schedule";
import { INVALID_EXPRESSIONS, VALID_EXPRESSIONS } from "./schedule-table";

describe("schedule: expressions AWS documents as valid", () => {
  it("has a table of documented expressions", () => {
    expect(VALID_EXPRESSIONS).to.have.length(40);
  });

  for (const testCase of VALID_EXPRESSIONS) {
    const where = testCase.timezone === undefined ? "" : ` in ${testCase.timezone}`;
    it(`${testCase.expression}${where} (${testCase.source}): ${testCase.meaning}`, () => {
      expect(validateScheduleExpression(testCase.expression)).to.equal(undefined);
      const parsed = parseScheduleExpression(testCase.expression);
      expect(parsed.kind).to.equal(testCase.expression.slice(0, testCase.expression.indexOf("(")));
      expect(parsed.expression).to.equal(testCase.expression);
      const next = nextOccurrences(
        testCase.expression,
        new Date(testCase.from),
        testCase.count ?? testCase.next.length,
        testCase.timezone,
        testCase.window,
      );
      expect(next.map((d) => d.toISOString())).to.deep.equal(testCase.next);
    });
  }
});

describe("schedule: invalid expressions", () => {
  it("has a table of invalid expressions", () => {
    expect(INVALID_EXPRESSIONS).to.have.length(57);
  });

  for (const testCase of INVALID_EXPRESSIONS) {
    it(`rejects ${JSON.stringify(testCase.expression)}: ${testCase.rule}`, () => {
      expect(validateScheduleExpression(testCase.expression)).to.equal(testCase.message);
      expect(() => parseScheduleExpression(testCase.expression))
        .to.throw(ScheduleError, testCase.message)
        .with.property("message", testCase.message);
    });
  }

  it("names the type when the expression is not a string (plain JavaScript callers)", () => {
    expect(validateScheduleExpression(42 as unknown as string)).to.equal("schedule expression must be a string, got number");
  });

  it("limits an Application Auto Scaling schedule to 1600 characters (PutScheduledAction Schedule)", () => {
    const longest = `cron(${"0,".repeat(791)}0  * * * ? *)`;
    expect(longest).to.have.length(1600);
    expect(validateScheduleExpression(longest)).to.equal(undefined);
    const tooLong = `cron(${"0,".repeat(792)}0 * * * ? *)`;
    expect(tooLong).to.have.length(1601);
    expect(validateScheduleExpression(tooLong)).to.equal(
      "schedule expression is 1601 characters long; the limit for application-autoscaling is 1600",
    );
  });

  it("is a ScheduleError, an Error subclass with its own name", () => {
    let caught: unknown;
    try {
      parseScheduleExpression("rate(5 minute)");
    } catch (error) {
      caught = error;
    }
    expect(caught).to.be.instanceOf(ScheduleError);
    expect(caught).to.be.instanceOf(Error);
    expect((caught as Error).name).to.equal("ScheduleError");
  });
});

describe("schedule: allowed kinds and services", () => {
  it("tells LambdaWarmer that at() is not accepted when it allows cron and rate only", () => {
    expect(validateScheduleExpression("at(2026-12-01T08:00:00)", { allow: ["cron", "rate"] })).to.equal(
      "at(2026-12-01T08:00:00): at() expressions are not accepted here; use cron(fields) or rate(value unit)",
    );
    expect(validateScheduleExpression("rate(5 minutes)", { allow: ["cron", "rate"] })).to.equal(undefined);
    expect(validateScheduleExpression("cron(0/5 * * * ? *)", { allow: ["cron", "rate"] })).to.equal(undefined);
  });

  it("says EventBridge rules take no at() expressions", () => {
    expect(validateScheduleExpression("at(2026-12-01T08:00:00)", { service: "eventbridge" })).to.equal(
      "at(2026-12-01T08:00:00): EventBridge rules do not accept at() expressions; use cron(fields) or rate(value unit)",
    );
    expect(validateScheduleExpression("rate(1 minute)", { service: "eventbridge" })).to.equal(undefined);
    expect(validateScheduleExpression("cron(0 10 * * ? *)", { service: "eventbridge" })).to.equal(undefined);
  });

  it("rejects the seven-field (seconds) cron for EventBridge but accepts it for Application Auto Scaling", () => {
    expect(validateScheduleExpression("cron(30 0 10 * * ? *)")).to.equal(undefined);
    expect(validateScheduleExpression("cron(30 0 10 * * ? *)", { service: "eventbridge" })).to.equal(
      "cron(30 0 10 * * ? *): expected 6 fields (minute hour day-of-month month day-of-week year), got 7; " +
        "the seven-field form with seconds is for Application Auto Scaling only",
    );
  });

  it("limits an EventBridge schedule expression to 256 characters (PutRule ScheduleExpression)", () => {
    const expression = `cron(${"0,".repeat(119)}0  * * * ? *)`;
    expect(expression).to.have.length(256);
    expect(validateScheduleExpression(expression, { service: "eventbridge" })).to.equal(undefined);
    const longer = `cron(${"0,".repeat(120)}0 * * * ? *)`;
    expect(longer).to.have.length(257);
    expect(validateScheduleExpression(longer, { service: "eventbridge" })).to.equal(
      "schedule expression is 257 characters long; the limit for eventbridge is 256",
    );
    expect(validateScheduleExpression(longer)).to.equal(undefined);
  });

  it("lists only the allowed forms when the expression is not one", () => {
    expect(validateScheduleExpression("every day", { allow: ["cron"] })).to.equal(
      `"every day" is not a schedule expression; expected cron(fields)`,
    );
    expect(validateScheduleExpression("rate(1 day)", { allow: ["cron", "at"] })).to.equal(
      "rate(1 day): rate() expressions are not accepted here; use cron(fields) or at(yyyy-mm-ddThh:mm:ss)",
    );
  });
});

describe("schedule: parsed structure", () => {
  it("parses the six cron fields, with * as every value and ? as no constraint", () => {
    expect(parseScheduleExpression("cron(0/15 8-17 ? * MON-FRI 2026-2027)")).to.deep.equal({
      kind: "cron",
      expression: "cron(0/15 8-17 ? * MON-FRI 2026-2027)",
      second: undefined,
      minute: { text: "0/15", values: [0, 15, 30, 45] },
      hour: { text: "8-17", values: [8, 9, 10, 11, 12, 13, 14, 15, 16, 17] },
      dayOfMonth: { kind: "any", text: "?" },
      month: { text: "*", values: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12] },
      dayOfWeek: { kind: "days", text: "MON-FRI", values: [2, 3, 4, 5, 6] },
      year: { text: "2026-2027", values: [2026, 2027] },
    });
  });

  it("expands * in day-of-month and year to the whole range", () => {
    const parsed = parseScheduleExpression("cron(0 10 * * ? *)");
    if (parsed.kind !== "cron") throw new Error("expected cron");
    expect(parsed.dayOfMonth).to.deep.equal({ kind: "days", text: "*", values: Array.from({ length: 31 }, (_, i) => i + 1) });
    expect(parsed.dayOfWeek).to.deep.equal({ kind: "any", text: "?" });
    expect(parsed.year.values).to.have.length(230);
    expect(parsed.year.values[0]).to.equal(1970);
    expect(parsed.year.values[229]).to.equal(2199);
  });

  it("parses lists, steps from a start, stepped ranges, and month names", () => {
    const parsed = parseScheduleExpression("cron(5,35,50-52 1/6 1-10/3 JAN,jun-AUG ? *)");
    if (parsed.kind !== "cron") throw new Error("expected cron");
    expect(parsed.minute.values).to.deep.equal([5, 35, 50, 51, 52]);
    expect(parsed.hour.values).to.deep.equal([1, 7, 13, 19]);
    expect(parsed.dayOfMonth).to.deep.equal({ kind: "days", text: "1-10/3", values: [1, 4, 7, 10] });
    expect(parsed.month).to.deep.equal({ text: "JAN,jun-AUG", values: [1, 6, 7, 8] });
  });

  it("wraps a descending range past the end of the field (the EB example 20-2), with or without a step", () => {
    const parsed = parseScheduleExpression("cron(50-10/10 20-2 ? NOV-FEB FRI-MON *)");
    if (parsed.kind !== "cron") throw new Error("expected cron");
    expect(parsed.minute.values).to.deep.equal([0, 10, 50]);
    expect(parsed.hour.values).to.deep.equal([0, 1, 2, 20, 21, 22, 23]);
    expect(parsed.month.values).to.deep.equal([1, 2, 11, 12]);
    expect(parsed.dayOfWeek).to.deep.equal({ kind: "days", text: "FRI-MON", values: [1, 2, 6, 7] });
  });

  it("parses L, LW and nW in day-of-month", () => {
    const dayOfMonth = (expression: string): unknown => {
      const parsed = parseScheduleExpression(expression);
      if (parsed.kind !== "cron") throw new Error("expected cron");
      return parsed.dayOfMonth;
    };
    expect(dayOfMonth("cron(0 0 L * ? *)")).to.deep.equal({ kind: "last", text: "L" });
    expect(dayOfMonth("cron(0 0 LW * ? *)")).to.deep.equal({ kind: "lastWeekday", text: "LW" });
    expect(dayOfMonth("cron(0 0 15W * ? *)")).to.deep.equal({ kind: "nearestWeekday", text: "15W", day: 15 });
  });

  it("parses L, nL and n#k in day-of-week, with numbers or names", () => {
    const dayOfWeek = (expression: string): unknown => {
      const parsed = parseScheduleExpression(expression);
      if (parsed.kind !== "cron") throw new Error("expected cron");
      return parsed.dayOfWeek;
    };
    expect(dayOfWeek("cron(0 0 ? * L *)")).to.deep.equal({ kind: "days", text: "L", values: [7] });
    expect(dayOfWeek("cron(0 0 ? * 6L *)")).to.deep.equal({ kind: "lastOfMonth", text: "6L", day: 6 });
    expect(dayOfWeek("cron(0 0 ? * FRIL *)")).to.deep.equal({ kind: "lastOfMonth", text: "FRIL", day: 6 });
    expect(dayOfWeek("cron(0 0 ? * 3#2 *)")).to.deep.equal({ kind: "nthOfMonth", text: "3#2", day: 3, nth: 2 });
    expect(dayOfWeek("cron(0 0 ? * MON#1 *)")).to.deep.equal({ kind: "nthOfMonth", text: "MON#1", day: 2, nth: 1 });
    expect(dayOfWeek("cron(0 0 ? * SUN,SAT *)")).to.deep.equal({ kind: "days", text: "SUN,SAT", values: [1, 7] });
  });

  it("parses the seven-field form with its single second", () => {
    const parsed = parseScheduleExpression("cron(30 0 10 * * ? *)");
    if (parsed.kind !== "cron") throw new Error("expected cron");
    expect(parsed.second).to.deep.equal({ text: "30", values: [30] });
    expect(parsed.minute.values).to.deep.equal([0]);
    expect(parsed.hour.values).to.deep.equal([10]);
  });

  it("accepts fields separated by several spaces", () => {
    expect(validateScheduleExpression("cron(0  10 *  * ? *)")).to.equal(undefined);
  });

  it("parses rate expressions with their interval", () => {
    expect(parseScheduleExpression("rate(1 minute)")).to.deep.equal({
      kind: "rate",
      expression: "rate(1 minute)",
      value: 1,
      unit: "minute",
      intervalMs: 60_000,
    });
    expect(parseScheduleExpression("rate(2 hours)")).to.deep.include({ value: 2, unit: "hour", intervalMs: 7_200_000 });
    expect(parseScheduleExpression("rate(7 days)")).to.deep.include({ value: 7, unit: "day", intervalMs: 604_800_000 });
  });

  it("parses at expressions as a wall-clock date and time", () => {
    expect(parseScheduleExpression("at(2026-12-01T08:30:15)")).to.deep.equal({
      kind: "at",
      expression: "at(2026-12-01T08:30:15)",
      dateTime: { year: 2026, month: 12, day: 1, hour: 8, minute: 30, second: 15 },
    });
  });

  it("accepts 29 February in a leap year only", () => {
    expect(validateScheduleExpression("at(2028-02-29T00:00:00)")).to.equal(undefined);
    expect(validateScheduleExpression("at(2027-02-29T00:00:00)")).to.equal(
      "at(2027-02-29T00:00:00): 2027-02-29 is not a calendar date",
    );
  });
});

describe("schedule: validateTimezone", () => {
  for (const timezone of [
    "UTC",
    "Etc/UTC",
    "Etc/GMT+9",
    "Pacific/Tahiti",
    "Europe/Paris",
    "America/New_York",
    "America/Argentina/Buenos_Aires",
    "America/Port-au-Prince",
    "Asia/Kolkata",
  ]) {
    it(`accepts ${timezone}`, () => {
      expect(validateTimezone(timezone)).to.equal(undefined);
    });
  }

  it("rejects a name that is not an IANA time zone", () => {
    expect(validateTimezone("Mars/Olympus_Mons")).to.equal(
      `timezone "Mars/Olympus_Mons" is not an IANA time zone name (e.g. "UTC", "Europe/Paris", "America/New_York")`,
    );
  });

  it("rejects a UTC offset, which AWS does not take", () => {
    expect(validateTimezone("+02:00")).to.equal(
      `timezone "+02:00" is not an IANA time zone name (e.g. "UTC", "Europe/Paris", "America/New_York")`,
    );
  });

  it("rejects an empty name", () => {
    expect(validateTimezone("")).to.equal(
      `timezone "" is not an IANA time zone name (e.g. "UTC", "Europe/Paris", "America/New_York")`,
    );
  });

  it("rejects wrong capitalisation and suggests the IANA spelling", () => {
    expect(validateTimezone("america/new_york")).to.equal(
      `timezone "america/new_york" is not an IANA time zone name; did you mean "America/New_York"?`,
    );
  });
});

describe("schedule: validateScheduleTimes", () => {
  it("accepts no times, either time, or both in order", () => {
    expect(validateScheduleTimes()).to.equal(undefined);
    expect(validateScheduleTimes("2026-12-01T00:00:00Z")).to.equal(undefined);
    expect(validateScheduleTimes(undefined, "2026-12-01T00:00:00Z")).to.equal(undefined);
    expect(validateScheduleTimes("2026-12-01T00:00:00Z", "2026-12-31T23:59:59Z")).to.equal(undefined);
  });

  it("accepts RFC 3339 fractions and offsets, as the provider does", () => {
    expect(validateScheduleTimes("2026-12-01T00:00:00.500Z", "2026-12-01T02:00:00+01:00")).to.equal(undefined);
  });

  it("compares instants, not text: 01:00+02:00 is before 00:00Z", () => {
    expect(validateScheduleTimes("2026-12-01T00:00:00Z", "2026-12-01T01:00:00+02:00")).to.equal(
      `endTime "2026-12-01T01:00:00+02:00" must be after startTime "2026-12-01T00:00:00Z"`,
    );
  });

  it("rejects an endTime equal to the startTime", () => {
    expect(validateScheduleTimes("2026-12-01T00:00:00Z", "2026-12-01T00:00:00Z")).to.equal(
      `endTime "2026-12-01T00:00:00Z" must be after startTime "2026-12-01T00:00:00Z"`,
    );
  });

  it("rejects a date without a time or zone", () => {
    expect(validateScheduleTimes("2026-12-01")).to.equal(
      `startTime "2026-12-01" is not an RFC 3339 timestamp such as "2026-12-01T00:00:00Z"`,
    );
    expect(validateScheduleTimes(undefined, "2026-12-01T00:00:00")).to.equal(
      `endTime "2026-12-01T00:00:00" is not an RFC 3339 timestamp such as "2026-12-01T00:00:00Z"`,
    );
  });

  it("rejects dates that are not on the calendar", () => {
    expect(validateScheduleTimes("2026-02-29T00:00:00Z")).to.equal(
      `startTime "2026-02-29T00:00:00Z": 2026-02-29 is not a calendar date`,
    );
    expect(validateScheduleTimes("2026-12-01T00:00:00Z", "2026-12-01T25:00:00Z")).to.equal(
      `endTime "2026-12-01T25:00:00Z": hour 25 is out of range 0-23`,
    );
  });

  it("rejects an impossible UTC offset", () => {
    expect(validateScheduleTimes("2026-12-01T00:00:00+24:00")).to.equal(
      `startTime "2026-12-01T00:00:00+24:00": the UTC offset is not valid`,
    );
  });
});

describe("schedule: validateScheduledActionName (PutScheduledAction ScheduledActionName)", () => {
  it("accepts names with spaces, dots, dashes and non-ASCII letters inside", () => {
    expect(validateScheduledActionName("business-hours")).to.equal(undefined);
    expect(validateScheduledActionName("scale up for the 8 a.m. rush")).to.equal(undefined);
    expect(validateScheduledActionName("montée-en-charge")).to.equal(undefined);
    expect(validateScheduledActionName("a".repeat(256))).to.equal(undefined);
  });

  it("requires 1-256 characters", () => {
    expect(validateScheduledActionName("")).to.equal("scheduled action name must be 1-256 characters, got an empty string");
    expect(validateScheduledActionName("a".repeat(257))).to.equal(
      `scheduled action name "${"a".repeat(57)}..." is 257 characters long; the limit is 256`,
    );
  });

  it("forbids a leading or trailing space", () => {
    expect(validateScheduledActionName(" scale-up")).to.equal(`scheduled action name " scale-up" must not start with a space`);
    expect(validateScheduledActionName("scale-up ")).to.equal(`scheduled action name "scale-up " must not end with a space`);
  });

  it('forbids ":", "/" and "|"', () => {
    expect(validateScheduledActionName("fn:prod")).to.equal(
      `scheduled action name "fn:prod" must not contain ":", "/" or "|" (found ":")`,
    );
    expect(validateScheduledActionName("a/b")).to.equal(`scheduled action name "a/b" must not contain ":", "/" or "|" (found "/")`);
    expect(validateScheduledActionName("a|b")).to.equal(`scheduled action name "a|b" must not contain ":", "/" or "|" (found "|")`);
  });

  it("forbids control characters and shows them", () => {
    expect(validateScheduledActionName("scale\tup")).to.equal(
      `scheduled action name "scale\\u0009up" must not contain control characters (U+0000-U+001F, U+007F-U+009F)`,
    );
    expect(validateScheduledActionName("scale\u0085up")).to.equal(
      `scheduled action name "scale\\u0085up" must not contain control characters (U+0000-U+001F, U+007F-U+009F)`,
    );
  });

  it("forbids line separators, which the pattern's . does not match", () => {
    expect(validateScheduledActionName("scale\u2028up")).to.equal(
      `scheduled action name "scale\\u2028up" must not contain line separators (U+2028, U+2029)`,
    );
  });

  it("agrees with the AWS pattern on a set of names", () => {
    // The pattern from the API reference, anchored as Java's String.matches does.
    const awsPattern = /^(?!((^[ ]+.*)|(.*([\u0000-\u001f]|[\u007f-\u009f]|[:/|])+.*)|(.*[ ]+$))).+$/;
    const names = ["ok", " x", "x ", "a b", "a:b", "a/b", "a|b", "a\u0000b", "a\u007fb", "a\u00a0b", "é", "a\u2028b", "-"];
    for (const name of names) {
      expect(validateScheduledActionName(name) === undefined, JSON.stringify(name)).to.equal(awsPattern.test(name));
    }
  });
});
