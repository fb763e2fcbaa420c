// Capacity timelines of scheduled actions on one scalable target, their text form, and schedule descriptions.
import { expect } from "chai";
import {
  ScheduleError,
  capacityTimeline,
  describeSchedule,
  formatTimeline,
  type CapacityStep,
  type TimelineSchedule,
} from "../../components/schedule";

const at = (text: string): Date => new Date(text);
const week = { from: at("2026-11-23T00:00:00Z"), to: at("2026-11-30T00:00:00Z") }; // Monday to Monday

/** Steps with ISO dates, for readable deep-equal assertions. */
function plain(steps: readonly CapacityStep[]): object[] {
  return steps.map((s) => ({ ...s, at: s.at.toISOString() }));
}

const businessHours: readonly TimelineSchedule[] = [
  { name: "business-hours", schedule: "cron(0 8 ? * MON-FRI *)", minCapacity: 10, maxCapacity: 10, timezone: "Europe/Paris" },
  { name: "night", schedule: "cron(0 20 ? * MON-FRI *)", minCapacity: 2, maxCapacity: 5, timezone: "Europe/Paris" },
];

describe("schedule: capacityTimeline", () => {
  it("steps a target between day and night capacity on weekdays, in the schedules' time zone", () => {
    const steps = capacityTimeline(businessHours, { ...week, initial: { min: 2, max: 5 } });
    const expected: object[] = [{ at: "2026-11-23T00:00:00.000Z", min: 2, max: 5, by: "initial" }];
    for (const day of ["23", "24", "25", "26", "27"]) {
      // Paris is UTC+1 in November.
      expected.push({ at: `2026-11-${day}T07:00:00.000Z`, min: 10, max: 10, by: "business-hours" });
      expected.push({ at: `2026-11-${day}T19:00:00.000Z`, min: 2, max: 5, by: "night" });
    }
    expect(plain(steps)).to.deep.equal(expected);
  });

  it("leaves the max unchanged when an action sets only the min", () => {
    const steps = capacityTimeline(
      [
        { name: "morning", schedule: "cron(0 8 * * ? *)", minCapacity: 5 },
        { name: "evening", schedule: "cron(0 18 * * ? *)", minCapacity: 1 },
      ],
      { from: at("2026-11-23T00:00:00Z"), to: at("2026-11-24T00:00:00Z"), initial: { min: 1, max: 20 } },
    );
    expect(plain(steps)).to.deep.equal([
      { at: "2026-11-23T00:00:00.000Z", min: 1, max: 20, by: "initial" },
      { at: "2026-11-23T08:00:00.000Z", min: 5, max: 20, by: "morning" },
      { at: "2026-11-23T18:00:00.000Z", min: 1, max: 20, by: "evening" },
    ]);
  });

  it("leaves the min unchanged when an action sets only the max", () => {
    const steps = capacityTimeline([{ name: "cap", schedule: "at(2026-11-23T12:00:00)", maxCapacity: 8 }], {
      from: at("2026-11-23T00:00:00Z"),
      to: at("2026-11-24T00:00:00Z"),
      initial: { min: 3, max: 20 },
    });
    expect(plain(steps)).to.deep.equal([
      { at: "2026-11-23T00:00:00.000Z", min: 3, max: 20, by: "initial" },
      { at: "2026-11-23T12:00:00.000Z", min: 3, max: 8, by: "cap" },
    ]);
  });

  it("records a failed action, and changes nothing, when a new min would exceed the current max", () => {
    const steps = capacityTimeline(
      [
        { name: "peak", schedule: "at(2026-11-23T09:00:00)", minCapacity: 10 },
        { name: "peak-with-max", schedule: "at(2026-11-23T10:00:00)", minCapacity: 10, maxCapacity: 10 },
      ],
      { from: at("2026-11-23T00:00:00Z"), to: at("2026-11-24T00:00:00Z"), initial: { min: 2, max: 5 } },
    );
    expect(plain(steps)).to.deep.equal([
      { at: "2026-11-23T00:00:00.000Z", min: 2, max: 5, by: "initial" },
      {
        at: "2026-11-23T09:00:00.000Z",
        min: 2,
        max: 5,
        by: "peak",
        failed: "new min 10 is above the current max 5; set maxCapacity in the same action",
      },
      { at: "2026-11-23T10:00:00.000Z", min: 10, max: 10, by: "peak-with-max" },
    ]);
  });

  it("records a failed action when a new max would fall below the current min", () => {
    const steps = capacityTimeline([{ name: "shrink", schedule: "at(2026-11-23T09:00:00)", maxCapacity: 3 }], {
      from: at("2026-11-23T00:00:00Z"),
      to: at("2026-11-24T00:00:00Z"),
      initial: { min: 5, max: 10 },
    });
    expect(plain(steps)).to.deep.equal([
      { at: "2026-11-23T00:00:00.000Z", min: 5, max: 10, by: "initial" },
      {
        at: "2026-11-23T09:00:00.000Z",
        min: 5,
        max: 10,
        by: "shrink",
        failed: "new max 3 is below the current min 5; set minCapacity in the same action",
      },
    ]);
  });

  it("fires at the StartTime, not before it, not after the EndTime, and does not revert after the EndTime", () => {
    const steps = capacityTimeline(
      [
        {
          name: "campaign",
          schedule: "cron(0 8 * * ? *)",
          minCapacity: 10,
          maxCapacity: 10,
          startTime: "2026-11-25T00:00:00Z",
          endTime: "2026-11-26T12:00:00Z",
        },
        { name: "trim", schedule: "cron(0 12 * * ? *)", maxCapacity: 12, endTime: "2026-11-24T00:00:00Z" },
      ],
      { ...week, initial: { min: 2, max: 15 } },
    );
    expect(plain(steps)).to.deep.equal([
      { at: "2026-11-23T00:00:00.000Z", min: 2, max: 15, by: "initial" },
      { at: "2026-11-23T12:00:00.000Z", min: 2, max: 12, by: "trim" },
      { at: "2026-11-25T00:00:00.000Z", min: 10, max: 10, by: "campaign" },
    ]);
  });

  it("applies actions due at the same instant in the order given", () => {
    const a: TimelineSchedule = { name: "a", schedule: "cron(0 8 * * ? *)", minCapacity: 4, maxCapacity: 4 };
    const b: TimelineSchedule = { name: "b", schedule: "cron(0 8 * * ? *)", minCapacity: 6, maxCapacity: 8 };
    const options = { from: at("2026-11-23T00:00:00Z"), to: at("2026-11-23T12:00:00Z"), initial: { min: 1, max: 10 } };
    expect(plain(capacityTimeline([a, b], options)).slice(1)).to.deep.equal([
      { at: "2026-11-23T08:00:00.000Z", min: 4, max: 4, by: "a" },
      { at: "2026-11-23T08:00:00.000Z", min: 6, max: 8, by: "b" },
    ]);
    expect(plain(capacityTimeline([b, a], options)).slice(1)).to.deep.equal([
      { at: "2026-11-23T08:00:00.000Z", min: 6, max: 8, by: "b" },
      { at: "2026-11-23T08:00:00.000Z", min: 4, max: 4, by: "a" },
    ]);
  });

  it("adds no step when an action sets the values already in force", () => {
    const steps = capacityTimeline([{ name: "hourly", schedule: "rate(1 hour)", minCapacity: 2, maxCapacity: 5 }], {
      ...week,
      initial: { min: 2, max: 5 },
    });
    expect(plain(steps)).to.deep.equal([{ at: "2026-11-23T00:00:00.000Z", min: 2, max: 5, by: "initial" }]);
  });

  it("counts a rate without StartTime from the start of the period", () => {
    const steps = capacityTimeline([{ name: "every-6h", schedule: "rate(6 hours)", minCapacity: 3 }], {
      from: at("2026-11-23T00:00:00Z"),
      to: at("2026-11-24T00:00:00Z"),
      initial: { min: 1, max: 5 },
    });
    expect(plain(steps)).to.deep.equal([
      { at: "2026-11-23T00:00:00.000Z", min: 1, max: 5, by: "initial" },
      { at: "2026-11-23T06:00:00.000Z", min: 3, max: 5, by: "every-6h" },
    ]);
  });

  it("uses defaultTimezone for schedules without a time zone, and a schedule's own time zone first", () => {
    const steps = capacityTimeline(
      [
        { name: "new-york-morning", schedule: "cron(0 9 * * ? *)", minCapacity: 4 },
        { name: "tokyo-morning", schedule: "cron(0 9 * * ? *)", minCapacity: 6, timezone: "Asia/Tokyo" },
      ],
      {
        from: at("2026-11-23T00:00:00Z"),
        to: at("2026-11-24T00:00:00Z"),
        initial: { min: 1, max: 10 },
        defaultTimezone: "America/New_York",
      },
    );
    expect(plain(steps)).to.deep.equal([
      { at: "2026-11-23T00:00:00.000Z", min: 1, max: 10, by: "initial" },
      // 09:00 in Tokyo (UTC+9) is midnight UTC, the start of the period, which is included.
      { at: "2026-11-23T00:00:00.000Z", min: 6, max: 10, by: "tokyo-morning" },
      // 09:00 in New York (EST, UTC-5).
      { at: "2026-11-23T14:00:00.000Z", min: 4, max: 10, by: "new-york-morning" },
    ]);
  });

  it("includes an action due exactly at `from` and excludes one due at `to`", () => {
    const steps = capacityTimeline([{ name: "midnight", schedule: "cron(0 0 * * ? *)", minCapacity: 3 }], {
      from: at("2026-11-23T00:00:00Z"),
      to: at("2026-11-24T00:00:00Z"),
      initial: { min: 1, max: 5 },
    });
    expect(plain(steps)).to.deep.equal([
      { at: "2026-11-23T00:00:00.000Z", min: 1, max: 5, by: "initial" },
      { at: "2026-11-23T00:00:00.000Z", min: 3, max: 5, by: "midnight" },
    ]);
  });

  it("is just the initial step without schedules", () => {
    expect(plain(capacityTimeline([], { ...week, initial: { min: 0, max: 0 } }))).to.deep.equal([
      { at: "2026-11-23T00:00:00.000Z", min: 0, max: 0, by: "initial" },
    ]);
  });

  describe("rejects what AWS would reject", () => {
    const options = { ...week, initial: { min: 1, max: 5 } };
    const cases: { title: string; schedules: TimelineSchedule[]; message: string }[] = [
      {
        title: "a duplicate action name",
        schedules: [
          { name: "a", schedule: "rate(1 hour)", minCapacity: 1 },
          { name: "a", schedule: "rate(2 hours)", minCapacity: 2 },
        ],
        message: `schedule "a": the name is used twice; scheduled action names must be unique per scalable target`,
      },
      {
        title: "an invalid action name",
        schedules: [{ name: "fn:prod", schedule: "rate(1 hour)", minCapacity: 1 }],
        message: `schedule "fn:prod": scheduled action name "fn:prod" must not contain ":", "/" or "|" (found ":")`,
      },
      {
        title: "an invalid expression",
        schedules: [{ name: "x", schedule: "cron(0 25 * * ? *)", minCapacity: 1 }],
        message: `schedule "x": cron(0 25 * * ? *): hour field "25" is out of range 0-23`,
      },
      {
        title: "an invalid time zone",
        schedules: [{ name: "x", schedule: "rate(1 hour)", minCapacity: 1, timezone: "Mars/Base" }],
        message: `schedule "x": timezone "Mars/Base" is not an IANA time zone name (e.g. "UTC", "Europe/Paris", "America/New_York")`,
      },
      {
        title: "an EndTime before the StartTime",
        schedules: [
          {
            name: "x",
            schedule: "rate(1 hour)",
            minCapacity: 1,
            startTime: "2026-12-02T00:00:00Z",
            endTime: "2026-12-01T00:00:00Z",
          },
        ],
        message: `schedule "x": endTime "2026-12-01T00:00:00Z" must be after startTime "2026-12-02T00:00:00Z"`,
      },
      {
        title: "neither min nor max (ValidationException: at least one must be provided)",
        schedules: [{ name: "x", schedule: "rate(1 hour)" }],
        message: `schedule "x": set minCapacity, maxCapacity or both`,
      },
      {
        title: "min above max in one action (ValidationException: maximum cannot be less than minimum)",
        schedules: [{ name: "x", schedule: "rate(1 hour)", minCapacity: 10, maxCapacity: 5 }],
        message: `schedule "x": minCapacity 10 is above maxCapacity 5`,
      },
      {
        title: "a negative capacity",
        schedules: [{ name: "x", schedule: "rate(1 hour)", minCapacity: -1 }],
        message: `schedule "x": minCapacity must be a whole number >= 0, got -1`,
      },
      {
        title: "a fractional capacity",
        schedules: [{ name: "x", schedule: "rate(1 hour)", maxCapacity: 2.5 }],
        message: `schedule "x": maxCapacity must be a whole number >= 0, got 2.5`,
      },
    ];
    for (const testCase of cases) {
      it(testCase.title, () => {
        expect(() => capacityTimeline(testCase.schedules, options))
          .to.throw(ScheduleError)
          .with.property("message", testCase.message);
      });
    }

    it("an empty or backwards period", () => {
      expect(() => capacityTimeline([], { from: week.to, to: week.from, initial: { min: 1, max: 5 } }))
        .to.throw(ScheduleError)
        .with.property("message", "to must be after from");
    });

    it("an initial min above the initial max, or a negative one", () => {
      expect(() => capacityTimeline([], { ...week, initial: { min: 6, max: 5 } }))
        .to.throw(ScheduleError)
        .with.property("message", "initial min 6 is above initial max 5");
      expect(() => capacityTimeline([], { ...week, initial: { min: 0, max: -1 } }))
        .to.throw(ScheduleError)
        .with.property("message", "initial max must be a whole number >= 0, got -1");
    });

    it("an invalid default time zone", () => {
      expect(() => capacityTimeline([], { ...week, initial: { min: 1, max: 5 }, defaultTimezone: "Nowhere" }))
        .to.throw(ScheduleError)
        .with.property(
          "message",
          `defaultTimezone: timezone "Nowhere" is not an IANA time zone name (e.g. "UTC", "Europe/Paris", "America/New_York")`,
        );
    });
  });
});

describe("schedule: formatTimeline", () => {
  it("prints one short line per step on the given wall clock, numbers aligned", () => {
    const steps = capacityTimeline(businessHours, { ...week, initial: { min: 2, max: 5 } });
    expect(formatTimeline(steps, "Europe/Paris")).to.equal(
      [
        "Mon 01:00  min  2  max  5  (initial)",
        "Mon 08:00  min 10  max 10  (business-hours)",
        "Mon 20:00  min  2  max  5  (night)",
        "Tue 08:00  min 10  max 10  (business-hours)",
        "Tue 20:00  min  2  max  5  (night)",
        "Wed 08:00  min 10  max 10  (business-hours)",
        "Wed 20:00  min  2  max  5  (night)",
        "Thu 08:00  min 10  max 10  (business-hours)",
        "Thu 20:00  min  2  max  5  (night)",
        "Fri 08:00  min 10  max 10  (business-hours)",
        "Fri 20:00  min  2  max  5  (night)",
      ].join("\n"),
    );
  });

  it("uses UTC by default and shows failures", () => {
    const steps = capacityTimeline([{ name: "peak", schedule: "cron(0 9 ? * TUE *)", minCapacity: 10 }], {
      ...week,
      initial: { min: 2, max: 5 },
    });
    expect(formatTimeline(steps)).to.equal(
      [
        "Mon 00:00  min 2  max 5  (initial)",
        "Tue 09:00  min 2  max 5  (peak FAILED: new min 10 is above the current max 5; set maxCapacity in the same action)",
      ].join("\n"),
    );
  });

  it("adds the date when the steps span a week or more", () => {
    const steps = capacityTimeline([{ name: "weekly", schedule: "cron(0 8 ? * MON *)", minCapacity: 4 }], {
      from: at("2026-11-23T00:00:00Z"),
      to: at("2026-12-08T00:00:00Z"),
      initial: { min: 1, max: 10 },
    });
    // The period is 15 days but these steps span 8 hours: no dates.
    expect(formatTimeline(steps)).to.equal(
      ["Mon 00:00  min 1  max 10  (initial)", "Mon 08:00  min 4  max 10  (weekly)"].join("\n"),
    );
    const spanning: CapacityStep[] = [
      { at: at("2026-11-23T00:00:00Z"), min: 1, max: 10, by: "initial" },
      { at: at("2026-11-30T00:00:00Z"), min: 4, max: 10, by: "weekly" },
    ];
    expect(formatTimeline(spanning)).to.equal(
      ["Mon 2026-11-23 00:00  min 1  max 10  (initial)", "Mon 2026-11-30 00:00  min 4  max 10  (weekly)"].join("\n"),
    );
  });

  it("is empty for no steps and rejects an invalid time zone", () => {
    expect(formatTimeline([])).to.equal("");
    expect(() => formatTimeline([], "Nowhere")).to.throw(ScheduleError, `timezone "Nowhere" is not an IANA time zone name`);
  });
});

describe("schedule: describeSchedule", () => {
  const descriptions: [string, string][] = [
    ["cron(0 10 * * ? *)", "at 10:00 every day"],
    ["cron(0 18 ? * MON-FRI *)", "at 18:00 on Monday to Friday"],
    ["cron(0 8 1 * ? *)", "at 08:00 on day 1 of the month"],
    ["cron(0/15 * * * ? *)", "every 15 minutes"],
    ["cron(0/10 * ? * MON-FRI *)", "every 10 minutes on Monday to Friday"],
    ["cron(0/5 8-17 ? * MON-FRI *)", "every 5 minutes between 08:00 and 17:55 on Monday to Friday"],
    ["cron(0/30 20-2 ? * MON-FRI *)", "every 30 minutes between 20:00 and 02:30 on Monday to Friday"],
    ["cron(5,35 14 * * ? *)", "at 14:05 and 14:35 every day"],
    ["cron(15 10 ? * 6L 2019-2022)", "at 10:15 on the last Friday of the month in 2019-2022"],
    ["cron(0 9 ? * 2#1 *)", "at 09:00 on the first Monday of the month"],
    ["cron(0 0 L * ? *)", "at 00:00 on the last day of the month"],
    ["cron(0 0 LW * ? *)", "at 00:00 on the last weekday of the month"],
    ["cron(0 0 3W * ? *)", "at 00:00 on the weekday nearest day 3 of the month"],
    ["cron(0 12 * JAN-MAR ? *)", "at 12:00 every day in January to March"],
    ["cron(0 0 1-15 * ? *)", "at 00:00 on days 1-15 of the month"],
    ["cron(1/10 * * * ? *)", "every 10 minutes from minute 1"],
    ["cron(0 * * * ? *)", "every hour at minute 0"],
    ["cron(* * * * ? *)", "every minute"],
    ["cron(0 8,12,18 ? * SUN,SAT *)", "at 08:00, 12:00 and 18:00 on Sunday and Saturday"],
    ["cron(30 0 10 * * ? *)", "at 10:00:30 every day"],
    ["cron(0 0 1 1 ? 2027,2029)", "at 00:00 on day 1 of the month in January in 2027, 2029"],
    ["rate(1 minute)", "every minute"],
    ["rate(5 minutes)", "every 5 minutes"],
    ["rate(1 day)", "every day"],
    ["at(2026-12-01T08:00:00)", "once at 2026-12-01 08:00:00"],
  ];
  for (const [expression, description] of descriptions) {
    it(`${expression} is "${description}"`, () => {
      expect(describeSchedule(expression)).to.equal(description);
    });
  }

  it("throws the parse error for an invalid expression", () => {
    expect(() => describeSchedule("rate(5 minute)")).to.throw(ScheduleError, `rate(5 minute): value 5 takes the plural unit "minutes"`);
  });
});
