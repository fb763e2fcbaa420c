// Test data for components/schedule.ts: schedule expressions AWS documents as valid (with the firing times the docs
// describe, worked out on the calendar by hand), and invalid expressions with the exact message each must produce.
//
// Sources, short names used below:
//   EB table    Amazon EventBridge User Guide, cron expression reference, "Examples" table
//               (docs.aws.amazon.com/eventbridge/latest/userguide/eb-scheduled-rule-pattern.html; also
//               awsdocs/amazon-eventbridge-user-guide doc_source/eb-create-rule-schedule.md)
//   EB CLI      the same page, `aws events put-rule --schedule-expression ...` examples (cron and rate)
//   EB wildcard the same page, "Wildcards" list; expressions built from the wildcard it describes
//   AAS table   Application Auto Scaling User Guide, "Schedule recurring scaling actions using cron expressions",
//               examples table (awsdocs/application-auto-scaling-user-guide doc_source/scheduled-scaling-using-cron-expressions.md)
//   AAS text    the same page, body text
//   AAS CLI     Application Auto Scaling User Guide, "Example scheduled actions" (put-scheduled-action examples)
//   Provider    Pulumi AWS provider, aws.appautoscaling.ScheduledAction doc example
//   Brief       expressions the issue lists, built from the wildcard descriptions (no AWS page prints them verbatim)

import type { ScheduleWindow } from "../../components/schedule";

export interface ValidExpressionCase {
  readonly expression: string;
  /** Where AWS documents it. */
  readonly source: string;
  /** What the source says it does. */
  readonly meaning: string;
  /** nextOccurrences(expression, from, ...) */
  readonly from: string;
  readonly timezone?: string;
  readonly window?: ScheduleWindow;
  /** How many occurrences to ask for; defaults to next.length. */
  readonly count?: number;
  /** The expected occurrences, ISO UTC. */
  readonly next: readonly string[];
}

// Calendar facts used below: 2026-11-23 is a Monday; 2026-12-01 a Tuesday; 2027-01-01 a Friday; 2027-05-01 a Saturday;
// 2019-01-01 a Tuesday; 2022-12-31 a Saturday.
export const VALID_EXPRESSIONS: readonly ValidExpressionCase[] = [
  {
    expression: "cron(0 10 * * ? *)",
    source: "EB table; AAS table",
    meaning: "Run at 10:00 am (UTC) every day",
    from: "2026-11-23T00:00:00Z",
    next: ["2026-11-23T10:00:00.000Z", "2026-11-24T10:00:00.000Z", "2026-11-25T10:00:00.000Z"],
  },
  {
    expression: "cron(15 12 * * ? *)",
    source: "EB table; AAS table",
    meaning: "Run at 12:15 pm (UTC) every day",
    // A firing exactly at `from` is not "after" it.
    from: "2026-11-23T12:15:00Z",
    next: ["2026-11-24T12:15:00.000Z", "2026-11-25T12:15:00.000Z"],
  },
  {
    expression: "cron(0 18 ? * MON-FRI *)",
    source: "EB table; AAS table",
    meaning: "Run at 6:00 pm (UTC) every Monday through Friday",
    from: "2026-11-27T18:00:00Z", // Friday 18:00
    next: ["2026-11-30T18:00:00.000Z", "2026-12-01T18:00:00.000Z"],
  },
  {
    expression: "cron(0 8 1 * ? *)",
    source: "EB table; AAS table",
    meaning: "Run at 8:00 am (UTC) every 1st day of the month",
    from: "2026-11-23T00:00:00Z",
    next: ["2026-12-01T08:00:00.000Z", "2027-01-01T08:00:00.000Z", "2027-02-01T08:00:00.000Z"],
  },
  {
    expression: "cron(0/15 * * * ? *)",
    source: "EB table; AAS table",
    meaning: "Run every 15 minutes",
    from: "2026-11-23T10:07:00Z",
    next: ["2026-11-23T10:15:00.000Z", "2026-11-23T10:30:00.000Z", "2026-11-23T10:45:00.000Z", "2026-11-23T11:00:00.000Z"],
  },
  {
    expression: "cron(0/10 * ? * MON-FRI *)",
    source: "EB table; AAS table",
    meaning: "Run every 10 minutes Monday through Friday",
    from: "2026-11-27T23:45:00Z", // Friday night
    next: ["2026-11-27T23:50:00.000Z", "2026-11-30T00:00:00.000Z", "2026-11-30T00:10:00.000Z"],
  },
  {
    expression: "cron(0/5 8-17 ? * MON-FRI *)",
    source: "EB table; AAS table",
    meaning: "Run every 5 minutes Monday through Friday between 8:00 am and 5:55 pm (UTC)",
    from: "2026-11-23T17:50:00Z",
    next: ["2026-11-23T17:55:00.000Z", "2026-11-24T08:00:00.000Z", "2026-11-24T08:05:00.000Z"],
  },
  {
    expression: "cron(0/30 20-2 ? * MON-FRI *)",
    source: "EB table (awsdocs/amazon-eventbridge-user-guide eb-create-rule-schedule.md)",
    meaning:
      "Run every 30 minutes Monday through Friday between 10:00 pm on the starting day to 2:00 am on the following day. " +
      "The fields select hours 20-23 and 0-2 on the days Monday to Friday, so Friday night runs to 23:30, Saturday " +
      "00:00-02:30 does not fire, and Monday 00:00-02:30 does.",
    from: "2026-11-27T23:00:00Z", // Friday 23:00
    next: [
      "2026-11-27T23:30:00.000Z",
      "2026-11-30T00:00:00.000Z",
      "2026-11-30T00:30:00.000Z",
      "2026-11-30T01:00:00.000Z",
      "2026-11-30T01:30:00.000Z",
      "2026-11-30T02:00:00.000Z",
      "2026-11-30T02:30:00.000Z",
      "2026-11-30T20:00:00.000Z",
    ],
  },
  {
    expression: "cron(0 12 * * ? *)",
    source: "EB CLI (MyRule1)",
    meaning: "runs every day at 12:00pm UTC+0",
    from: "2026-11-23T12:00:30Z",
    next: ["2026-11-24T12:00:00.000Z", "2026-11-25T12:00:00.000Z"],
  },
  {
    expression: "cron(5,35 14 * * ? *)",
    source: "EB CLI (MyRule2)",
    meaning: "runs every day, at 2:05pm and 2:35pm UTC+0",
    from: "2026-11-23T00:00:00Z",
    next: ["2026-11-23T14:05:00.000Z", "2026-11-23T14:35:00.000Z", "2026-11-24T14:05:00.000Z"],
  },
  {
    expression: "cron(15 10 ? * 6L 2019-2022)",
    source: "EB CLI (MyRule3)",
    meaning: "runs at 10:15am UTC+0 on the last Friday of each month during the years 2019 to 2022",
    from: "2019-01-01T00:00:00Z",
    next: ["2019-01-25T10:15:00.000Z", "2019-02-22T10:15:00.000Z", "2019-03-29T10:15:00.000Z"],
  },
  {
    expression: "cron(15 10 ? * 6L 2019-2022)",
    source: "EB CLI (MyRule3), end of the year range",
    meaning: "the last firing is the last Friday of December 2022",
    from: "2022-12-01T00:00:00Z",
    count: 3,
    next: ["2022-12-30T10:15:00.000Z"],
  },
  {
    expression: "cron(30 6 ? * MON *)",
    source: "AAS text",
    meaning: "recurs every Monday at 6:30 AM",
    from: "2026-11-23T07:00:00Z",
    next: ["2026-11-30T06:30:00.000Z", "2026-12-07T06:30:00.000Z"],
  },
  {
    expression: "cron(0 9 * * ? *)",
    source: "AAS CLI (recurring schedule)",
    meaning: "every day at 9:00 AM UTC",
    from: "2026-11-23T09:00:00Z",
    next: ["2026-11-24T09:00:00.000Z"],
  },
  {
    expression: "cron(0 18 ? * MON-FRI *)",
    source: "AAS CLI (recurring schedule with --timezone Etc/GMT+9, on lambda:function:ProvisionedConcurrency)",
    meaning: "every Monday through Friday at 6:00 PM local time; Etc/GMT+9 is UTC-9",
    from: "2026-11-23T00:00:00Z",
    timezone: "Etc/GMT+9",
    next: [
      "2026-11-24T03:00:00.000Z",
      "2026-11-25T03:00:00.000Z",
      "2026-11-26T03:00:00.000Z",
      "2026-11-27T03:00:00.000Z",
      "2026-11-28T03:00:00.000Z", // Friday 18:00 local
      "2026-12-01T03:00:00.000Z", // Monday 18:00 local
    ],
  },
  {
    expression: "rate(5 hours)",
    source: "AAS CLI (recurring interval, --start-time 2021-01-30T12:00:00 --end-time 2021-01-31T22:00:00)",
    meaning: "every 5 hours starting on January 30, 2021 at 12:00 PM UTC and ending on January 31, 2021 at 10:00 PM UTC",
    from: "2021-01-30T00:00:00Z",
    window: { startTime: "2021-01-30T12:00:00Z", endTime: "2021-01-31T22:00:00Z" },
    count: 10,
    next: [
      "2021-01-30T12:00:00.000Z",
      "2021-01-30T17:00:00.000Z",
      "2021-01-30T22:00:00.000Z",
      "2021-01-31T03:00:00.000Z",
      "2021-01-31T08:00:00.000Z",
      "2021-01-31T13:00:00.000Z",
      "2021-01-31T18:00:00.000Z",
    ],
  },
  {
    expression: "at(2021-03-31T22:00:00)",
    source: "AAS CLI (scale out one time only)",
    meaning: "10:00 PM UTC on March 31, 2021",
    from: "2021-01-01T00:00:00Z",
    count: 2,
    next: ["2021-03-31T22:00:00.000Z"],
  },
  {
    expression: "at(2021-03-31T22:30:00)",
    source: "AAS CLI (scale in one time only)",
    meaning: "10:30 PM UTC on March 31, 2021",
    from: "2021-01-01T00:00:00Z",
    next: ["2021-03-31T22:30:00.000Z"],
  },
  {
    expression: "at(2021-01-31T17:00:00)",
    source: "AAS CLI (one-time action with --timezone America/New_York)",
    meaning: "5:00 PM local time on January 31, 2021 (EST, UTC-5)",
    from: "2021-01-01T00:00:00Z",
    timezone: "America/New_York",
    next: ["2021-01-31T22:00:00.000Z"],
  },
  {
    expression: "at(2006-01-02T15:04:05)",
    source: "Provider",
    meaning: "once, at 2006-01-02 15:04:05 UTC",
    from: "2006-01-01T00:00:00Z",
    next: ["2006-01-02T15:04:05.000Z"],
  },
  {
    expression: "rate(1 minute)",
    source: "EB CLI",
    meaning: "triggers the rule every minute (counted here from `from`)",
    from: "2026-11-23T00:00:00Z",
    next: ["2026-11-23T00:01:00.000Z", "2026-11-23T00:02:00.000Z"],
  },
  {
    expression: "rate(5 minutes)",
    source: "EB CLI",
    meaning: "every five minutes",
    from: "2026-11-23T00:00:00Z",
    next: ["2026-11-23T00:05:00.000Z", "2026-11-23T00:10:00.000Z"],
  },
  {
    expression: "rate(1 hour)",
    source: "EB CLI",
    meaning: "once an hour",
    from: "2026-11-23T00:00:00Z",
    next: ["2026-11-23T01:00:00.000Z", "2026-11-23T02:00:00.000Z"],
  },
  {
    expression: "rate(1 day)",
    source: "EB CLI",
    meaning: "once per day",
    from: "2026-11-23T00:00:00Z",
    next: ["2026-11-24T00:00:00.000Z", "2026-11-25T00:00:00.000Z"],
  },
  {
    expression: "rate(2 hours)",
    source: "Brief (plural unit rule from the EB rate reference)",
    meaning: "every two hours",
    from: "2026-11-23T00:00:00Z",
    next: ["2026-11-23T02:00:00.000Z", "2026-11-23T04:00:00.000Z"],
  },
  {
    expression: "rate(7 days)",
    source: "Brief",
    meaning: "every seven days",
    from: "2026-11-23T00:00:00Z",
    next: ["2026-11-30T00:00:00.000Z", "2026-12-07T00:00:00.000Z"],
  },
  {
    expression: "cron(1/10 * * * ? *)",
    source: "EB wildcard (\"/\": 1/10 is every tenth minute from the first: the 11th, 21st, 31st...)",
    meaning: "minutes 1, 11, 21, 31, 41, 51 of every hour",
    from: "2026-11-23T10:00:00Z",
    next: ["2026-11-23T10:01:00.000Z", "2026-11-23T10:11:00.000Z", "2026-11-23T10:21:00.000Z", "2026-11-23T10:31:00.000Z"],
  },
  {
    expression: "cron(0 0 1 JAN,FEB,MAR ? *)",
    source: "EB wildcard (\",\": JAN,FEB,MAR in the Month field)",
    meaning: "midnight on the 1st of January, February and March",
    from: "2026-11-23T00:00:00Z",
    next: ["2027-01-01T00:00:00.000Z", "2027-02-01T00:00:00.000Z", "2027-03-01T00:00:00.000Z", "2028-01-01T00:00:00.000Z"],
  },
  {
    expression: "cron(0 0 1-15 * ? *)",
    source: "EB wildcard (\"-\": 1-15 in the Day field)",
    meaning: "midnight on days 1 through 15",
    from: "2026-11-14T12:00:00Z",
    next: ["2026-11-15T00:00:00.000Z", "2026-12-01T00:00:00.000Z", "2026-12-02T00:00:00.000Z"],
  },
  {
    expression: "cron(0 0 3W * ? *)",
    source: "EB wildcard (\"W\": 3W is the weekday closest to the third day of the month)",
    meaning: "2026-12-03 is a Thursday; 2027-01-03 a Sunday, so Monday the 4th; 2027-02-03 a Wednesday",
    from: "2026-11-23T00:00:00Z",
    next: ["2026-12-03T00:00:00.000Z", "2027-01-04T00:00:00.000Z", "2027-02-03T00:00:00.000Z"],
  },
  {
    expression: "cron(0 0 ? * 3#2 *)",
    source: "EB wildcard (\"#\": 3#2 is the second Tuesday of the month)",
    meaning: "midnight on the second Tuesday",
    from: "2026-11-23T00:00:00Z",
    next: ["2026-12-08T00:00:00.000Z", "2027-01-12T00:00:00.000Z", "2027-02-09T00:00:00.000Z"],
  },
  {
    expression: "cron(0 9 ? * 2#1 *)",
    source: "Brief (\"#\" wildcard)",
    meaning: "9:00 on the first Monday of the month",
    from: "2026-11-23T00:00:00Z",
    next: ["2026-12-07T09:00:00.000Z", "2027-01-04T09:00:00.000Z", "2027-02-01T09:00:00.000Z"],
  },
  {
    expression: "cron(0 0 L * ? *)",
    source: "Brief (\"L\" wildcard in Day-of-month: the last day of the month)",
    meaning: "midnight on the last day of the month",
    from: "2026-11-23T00:00:00Z",
    next: ["2026-11-30T00:00:00.000Z", "2026-12-31T00:00:00.000Z", "2027-01-31T00:00:00.000Z", "2027-02-28T00:00:00.000Z"],
  },
  {
    expression: "cron(0 0 ? * 6L *)",
    source: "Brief (\"L\" wildcard in Day-of-week, as in the EB CLI MyRule3 example)",
    meaning: "midnight on the last Friday of the month",
    from: "2026-11-23T00:00:00Z",
    next: ["2026-11-27T00:00:00.000Z", "2026-12-25T00:00:00.000Z", "2027-01-29T00:00:00.000Z"],
  },
  {
    expression: "cron(0 0 1W * ? *)",
    source: "Brief (\"W\" wildcard)",
    meaning: "2027-05-01 is a Saturday: the nearest weekday in May is Monday the 3rd, not Friday 30 April",
    from: "2027-04-02T00:00:00Z",
    next: ["2027-05-03T00:00:00.000Z", "2027-06-01T00:00:00.000Z"],
  },
  {
    expression: "cron(0 12 * JAN-MAR ? *)",
    source: "Brief (\"-\" with month names)",
    meaning: "noon every day from January to March",
    from: "2027-03-30T13:00:00Z",
    next: ["2027-03-31T12:00:00.000Z", "2028-01-01T12:00:00.000Z", "2028-01-02T12:00:00.000Z"],
  },
  {
    expression: "cron(0 0 LW * ? *)",
    source: "Quartz form of L and W together (the last weekday); not printed on an AWS page",
    meaning: "2027-01-31 and 2027-02-28 are Sundays, so the 29th and 26th (Fridays); 2027-03-31 is a Wednesday",
    from: "2026-12-31T12:00:00Z",
    next: ["2027-01-29T00:00:00.000Z", "2027-02-26T00:00:00.000Z", "2027-03-31T00:00:00.000Z"],
  },
  {
    expression: "cron(0 0 ? * L *)",
    source: "EB wildcard (\"L\" in Day-of-week: the last day of the week, Saturday)",
    meaning: "midnight every Saturday",
    from: "2026-11-23T00:00:00Z",
    next: ["2026-11-28T00:00:00.000Z", "2026-12-05T00:00:00.000Z", "2026-12-12T00:00:00.000Z"],
  },
  {
    expression: "cron(30 0 10 * * ? *)",
    source: "AAS text (awsdocs GitHub version, \"Exception\": seven fields, the first being seconds)",
    meaning: "10:00:30 every day",
    from: "2026-11-23T00:00:00Z",
    next: ["2026-11-23T10:00:30.000Z", "2026-11-24T10:00:30.000Z"],
  },
  {
    expression: "cron(0 8 ? * mon-fri *)",
    source: "EB table form with lower-case day names",
    meaning: "8:00 Monday to Friday",
    from: "2026-11-27T08:00:00Z",
    next: ["2026-11-30T08:00:00.000Z"],
  },
];

export interface InvalidExpressionCase {
  readonly expression: string;
  /** The rule broken, and where the rule comes from. */
  readonly rule: string;
  readonly message: string;
}

export const INVALID_EXPRESSIONS: readonly InvalidExpressionCase[] = [
  // --- the day-of-month / day-of-week rule [EB cron, Limitations] ---
  {
    expression: "cron(0 8 * * * *)",
    rule: "* in both day fields",
    message: `cron(0 8 * * * *): day-of-month and day-of-week cannot both be "*"; one of them must be "?"`,
  },
  {
    expression: "cron(30 6 * * 2 *)",
    rule: "a day-of-week value with * in day-of-month (printed on the awsdocs GitHub version of the AAS cron page; the live page shows 30 6 ? * MON *)",
    message: `cron(30 6 * * 2 *): day-of-week is "2", so day-of-month must be "?", not "*"`,
  },
  {
    expression: "cron(0 0 15 * * *)",
    rule: "a day-of-month value with * in day-of-week",
    message: `cron(0 0 15 * * *): day-of-month is "15", so day-of-week must be "?", not "*"`,
  },
  {
    expression: "cron(0 0 1 * MON *)",
    rule: "values in both day fields",
    message: `cron(0 0 1 * MON *): day-of-month "1" and day-of-week "MON" cannot both be set; one of them must be "?"`,
  },
  {
    expression: "cron(0 0 ? * ? *)",
    rule: "? in both day fields",
    message: `cron(0 0 ? * ? *): day-of-month and day-of-week cannot both be "?"; exactly one of them must be "?"`,
  },
  // --- field ranges [EB cron, field table] ---
  {
    expression: "cron(0 25 * * ? *)",
    rule: "hours 0-23",
    message: `cron(0 25 * * ? *): hour field "25" is out of range 0-23`,
  },
  {
    expression: "cron(0 0,25 * * ? *)",
    rule: "hours 0-23, inside a list",
    message: `cron(0 0,25 * * ? *): hour field "0,25": 25 is out of range 0-23`,
  },
  {
    expression: "cron(60 0 * * ? *)",
    rule: "minutes 0-59",
    message: `cron(60 0 * * ? *): minute field "60" is out of range 0-59`,
  },
  {
    expression: "cron(0 0 32 * ? *)",
    rule: "day-of-month 1-31",
    message: `cron(0 0 32 * ? *): day-of-month field "32" is out of range 1-31`,
  },
  {
    expression: "cron(0 0 1 13 ? *)",
    rule: "month 1-12",
    message: `cron(0 0 1 13 ? *): month field "13" is out of range 1-12`,
  },
  {
    expression: "cron(0 0 ? * 0 *)",
    rule: "day-of-week 1-7 with 1 = SUN (Unix cron's 0 for Sunday is not valid)",
    message: `cron(0 0 ? * 0 *): day-of-week field "0" is out of range 1-7`,
  },
  {
    expression: "cron(0 0 ? * 8 *)",
    rule: "day-of-week 1-7",
    message: `cron(0 0 ? * 8 *): day-of-week field "8" is out of range 1-7`,
  },
  {
    expression: "cron(0 0 * * ? 1969)",
    rule: "year 1970-2199",
    message: `cron(0 0 * * ? 1969): year field "1969" is out of range 1970-2199`,
  },
  {
    expression: "cron(0 0 * * ? 2200)",
    rule: "year 1970-2199",
    message: `cron(0 0 * * ? 2200): year field "2200" is out of range 1970-2199`,
  },
  {
    expression: "cron(0 0 32W * ? *)",
    rule: "nW takes a day 1-31",
    message: `cron(0 0 32W * ? *): day-of-month field "32W": 32 is out of range 1-31`,
  },
  // --- field count [EB cron: six required fields] ---
  {
    expression: "cron(0 10 * * ?)",
    rule: "five-field Unix cron",
    message:
      `cron(0 10 * * ?): expected 6 fields (minute hour day-of-month month day-of-week year), got 5; ` +
      `AWS cron has a year field and needs "?" in day-of-month or day-of-week, e.g. cron(0 10 * * ? *)`,
  },
  {
    expression: "cron(0 0 10 * * ? * *)",
    rule: "eight fields",
    message: `cron(0 0 10 * * ? * *): expected 6 fields (minute hour day-of-month month day-of-week year), got 8`,
  },
  {
    expression: "cron()",
    rule: "no fields",
    message: `cron(): expected 6 fields (minute hour day-of-month month day-of-week year), got 0`,
  },
  // --- wildcards per field [EB cron, field table and Wildcards] ---
  {
    expression: "cron(*/60 * * * ? *)",
    rule: "an increment larger than the field (rejected by EventBridge: aws/aws-sdk-js issue 4212)",
    message: `cron(*/60 * * * ? *): minute field "*/60": increment "60" must be a whole number from 1 to 59`,
  },
  {
    expression: "cron(0 */24 * * ? *)",
    rule: "an increment larger than the field",
    message: `cron(0 */24 * * ? *): hour field "*/24": increment "24" must be a whole number from 1 to 23`,
  },
  {
    expression: "cron(0/0 * * * ? *)",
    rule: "a zero increment",
    message: `cron(0/0 * * * ? *): minute field "0/0": increment "0" must be a whole number from 1 to 59`,
  },
  {
    expression: "cron(0 0 ? * 1/2 *)",
    rule: "day-of-week takes , - * ? L # (no /)",
    message: `cron(0 0 ? * 1/2 *): day-of-week field "1/2": "/" is not allowed here; the day-of-week field takes , - * ? L #`,
  },
  {
    expression: "cron(0 0 ? * 3#1,6#3 *)",
    rule: "only one expression with # (the EB reference's own invalid example)",
    message: `cron(0 0 ? * 3#1,6#3 *): day-of-week field "3#1,6#3": "#" allows only one expression in day-of-week (e.g. 3#2), not a list`,
  },
  {
    expression: "cron(0 0 ? * 3#6 *)",
    rule: "there is no sixth Tuesday",
    message: `cron(0 0 ? * 3#6 *): day-of-week field "3#6": #6 must be 1-5 (which occurrence in the month)`,
  },
  {
    expression: "cron(0 0 ? * 5L,6 *)",
    rule: "nL stands alone",
    message: `cron(0 0 ? * 5L,6 *): day-of-week field "5L,6": L stands alone, as L (Saturday) or nL (e.g. 6L, the last Friday)`,
  },
  {
    expression: "cron(0 0 1,15W * ? *)",
    rule: "nW stands alone",
    message: `cron(0 0 1,15W * ? *): day-of-month field "1,15W": L and W stand alone, as L (last day), LW (last weekday) or nW (e.g. 15W)`,
  },
  {
    expression: "cron(0 0 L-2 * ? *)",
    rule: "L-n is not in the AWS reference",
    message: `cron(0 0 L-2 * ? *): day-of-month field "L-2": L and W stand alone, as L (last day), LW (last weekday) or nW (e.g. 15W)`,
  },
  {
    expression: "cron(5L 0 * * ? *)",
    rule: "minutes take , - * /",
    message: `cron(5L 0 * * ? *): minute field "5L": "L" is not allowed here; the minute field takes numbers and , - * /`,
  },
  {
    expression: "cron(? 10 * * ? *)",
    rule: "? only in the day fields",
    message: `cron(? 10 * * ? *): minute field "?": "?" is only allowed in day-of-month or day-of-week`,
  },
  {
    expression: "cron(0 0 * JAN-FOO ? *)",
    rule: "month names JAN-DEC",
    message: `cron(0 0 * JAN-FOO ? *): month field "JAN-FOO": "FOO" is not a month (1-12 or JAN-DEC)`,
  },
  {
    expression: "cron(0 0 ? * MON-FUN *)",
    rule: "day names SUN-SAT",
    message: `cron(0 0 ? * MON-FUN *): day-of-week field "MON-FUN": "FUN" is not a day of the week (1-7 or SUN-SAT)`,
  },
  {
    expression: "cron(abc 0 * * ? *)",
    rule: "minutes are numbers",
    message: `cron(abc 0 * * ? *): minute field "abc": "abc" is not a number`,
  },
  {
    expression: "cron(0 0 1,,15 * ? *)",
    rule: "an empty list item",
    message: `cron(0 0 1,,15 * ? *): day-of-month field "1,,15": empty list item`,
  },
  {
    expression: "cron(-1 0 * * ? *)",
    rule: "a negative number",
    message: `cron(-1 0 * * ? *): minute field "-1": "-1" is not a range (write it as a-b)`,
  },
  {
    expression: "cron(0 0 * * ? 2022-2019)",
    rule: "a descending year range (years do not wrap around)",
    message: `cron(0 0 * * ? 2022-2019): year field "2022-2019": range 2022-2019 runs backwards`,
  },
  {
    expression: "cron(0/30 0 10 * * ? *)",
    rule: "faster than once a minute [EB cron, Limitations; AAS: finest resolution 1 minute]",
    message: `cron(0/30 0 10 * * ? *): second field "0/30" fires more than once a minute; the finest resolution is 1 minute`,
  },
  {
    expression: "cron(0 10 * * ? *",
    rule: "unbalanced parenthesis",
    message: `cron(0 10 * * ? *: missing the closing ")"`,
  },
  // --- rate [EB rate; PutScheduledAction] ---
  {
    expression: "rate(30 seconds)",
    rule: "the smallest unit is a minute",
    message:
      `rate(30 seconds): unit "seconds" is not supported; the smallest rate is 1 minute ` +
      `(units: minute, minutes, hour, hours, day, days)`,
  },
  {
    expression: "rate(1 minutes)",
    rule: "value 1 takes a singular unit",
    message: `rate(1 minutes): value 1 takes the singular unit "minute"`,
  },
  {
    expression: "rate(1 hours)",
    rule: "value 1 takes a singular unit (the EB reference's own example)",
    message: `rate(1 hours): value 1 takes the singular unit "hour"`,
  },
  {
    expression: "rate(5 minute)",
    rule: "values above 1 take a plural unit",
    message: `rate(5 minute): value 5 takes the plural unit "minutes"`,
  },
  {
    expression: "rate(5 hour)",
    rule: "values above 1 take a plural unit (the EB reference's own example)",
    message: `rate(5 hour): value 5 takes the plural unit "hours"`,
  },
  {
    expression: "rate(0 minutes)",
    rule: "a positive integer",
    message: `rate(0 minutes): value must be a positive whole number, got "0"`,
  },
  {
    expression: "rate(1.5 hours)",
    rule: "a positive integer",
    message: `rate(1.5 hours): value must be a positive whole number, got "1.5"`,
  },
  {
    expression: "rate(-5 minutes)",
    rule: "a positive integer",
    message: `rate(-5 minutes): value must be a positive whole number, got "-5"`,
  },
  {
    expression: "rate(5 weeks)",
    rule: "units minute(s), hour(s), day(s)",
    message: `rate(5 weeks): unit "weeks" is not one of minute, minutes, hour, hours, day, days`,
  },
  {
    expression: "rate(5)",
    rule: "two fields",
    message: `rate(5): expected rate(value unit), e.g. rate(5 minutes)`,
  },
  // --- at [PutScheduledAction: at(yyyy-mm-ddThh:mm:ss)] ---
  {
    expression: "at(2026-02-30T10:00:00)",
    rule: "a real calendar date",
    message: `at(2026-02-30T10:00:00): 2026-02-30 is not a calendar date`,
  },
  {
    expression: "at(2026-13-01T10:00:00)",
    rule: "a real calendar date",
    message: `at(2026-13-01T10:00:00): 2026-13-01 is not a calendar date`,
  },
  {
    expression: "at(2026-12-01T24:00:00)",
    rule: "hours 0-23",
    message: `at(2026-12-01T24:00:00): hour 24 is out of range 0-23`,
  },
  {
    expression: "at(2026-12-01T10:60:00)",
    rule: "minutes 0-59",
    message: `at(2026-12-01T10:60:00): minute 60 is out of range 0-59`,
  },
  {
    expression: "at(2026-12-01 10:00:00)",
    rule: "the T separator",
    message: `at(2026-12-01 10:00:00): expected at(yyyy-mm-ddThh:mm:ss), e.g. at(2026-12-01T08:00:00)`,
  },
  {
    expression: "at(2026-12-01T10:00:00Z)",
    rule: "no zone suffix: the zone is the action's Timezone",
    message: `at(2026-12-01T10:00:00Z): expected at(yyyy-mm-ddThh:mm:ss), e.g. at(2026-12-01T08:00:00)`,
  },
  {
    expression: "at(2026-12-01)",
    rule: "date and time",
    message: `at(2026-12-01): expected at(yyyy-mm-ddThh:mm:ss), e.g. at(2026-12-01T08:00:00)`,
  },
  // --- not an expression ---
  {
    expression: "every 5 minutes",
    rule: "cron(...), rate(...) or at(...)",
    message: `"every 5 minutes" is not a schedule expression; expected cron(fields), rate(value unit) or at(yyyy-mm-ddThh:mm:ss)`,
  },
  {
    expression: "0 10 * * ? *",
    rule: "the cron(...) wrapper",
    message: `"0 10 * * ? *" is not a schedule expression; expected cron(fields), rate(value unit) or at(yyyy-mm-ddThh:mm:ss)`,
  },
  {
    expression: "",
    rule: "empty",
    message: `schedule expression is empty; expected cron(fields), rate(value unit) or at(yyyy-mm-ddThh:mm:ss)`,
  },
];
