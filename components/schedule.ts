// AWS schedule expressions: parse, validate, compute next occurrences, and build capacity timelines.
//
// Used by ScheduledConcurrency and UtilizationScaling (Application Auto Scaling scheduled actions), by LambdaWarmer
// (an EventBridge rule schedule) and by the offline plan. Pure functions: no Pulumi, no AWS, no dependencies.
//
// AWS documents consulted (each rule below names the one it comes from):
// [PutScheduledAction]  Application Auto Scaling API Reference, PutScheduledAction
//                       https://docs.aws.amazon.com/autoscaling/application/APIReference/API_PutScheduledAction.html
//                       (the service model in boto/botocore application-autoscaling/2016-02-06/service-2.json carries the
//                       same text plus the ScheduledActionName length and pattern)
// [AAS cron]            Application Auto Scaling User Guide, "Schedule recurring scaling actions using cron expressions"
//                       https://docs.aws.amazon.com/autoscaling/application/userguide/scheduled-scaling-using-cron-expressions.html
// [AAS scheduled]       Application Auto Scaling User Guide, "How scheduled scaling for Application Auto Scaling works"
//                       https://docs.aws.amazon.com/autoscaling/application/userguide/scheduled-scaling-policy-overview.html
// [AAS examples]        Application Auto Scaling User Guide, "Example scheduled actions for Application Auto Scaling"
//                       https://docs.aws.amazon.com/autoscaling/application/userguide/examples-scheduled-actions.html
// [EB cron], [EB rate]  Amazon EventBridge User Guide, cron and rate expression reference (the cron syntax that
//                       Application Auto Scaling points to)
//                       https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-scheduled-rule-pattern.html
// [EB Scheduler DST]    EventBridge Scheduler User Guide, "Schedule types", daylight saving time section
//                       https://docs.aws.amazon.com/scheduler/latest/UserGuide/schedule-types.html
// [EB PutRule]         EventBridge API, PutRule: ScheduleExpression is a string of at most 256 characters (service
//                       model boto/botocore events/2015-10-07/service-2.json, shape ScheduleExpression)
// [Provider]            Pulumi AWS provider, aws.appautoscaling.ScheduledAction (startTime/endTime are RFC 3339)

// ---------------------------------------------------------------------------------------------------------------------
// Errors and public types
// ---------------------------------------------------------------------------------------------------------------------

/** Thrown for an invalid schedule expression, time zone, time window or timeline input. The message says what and where. */
export class ScheduleError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ScheduleError";
  }
}

/** The three kinds of schedule expression. */
export type ScheduleKind = "cron" | "rate" | "at";

/**
 * The AWS service that will run a schedule.
 * - `application-autoscaling`: scheduled actions (PutScheduledAction). Takes cron, rate and at; cron may carry a seventh,
 *   leading seconds field [AAS cron, "Exception" paragraph of the awsdocs GitHub version]. Schedule up to 1600 characters.
 * - `eventbridge`: EventBridge rules (PutRule). Takes six-field cron and rate only [EB cron], up to 256 characters
 *   [EB PutRule].
 */
export type ScheduleService = "application-autoscaling" | "eventbridge";

/** Restrictions a caller puts on the expressions it accepts. */
export interface ScheduleExpressionOptions {
  /**
   * The expression kinds accepted.
   * @default ["cron", "rate", "at"] for application-autoscaling, ["cron", "rate"] for eventbridge
   */
  readonly allow?: readonly ScheduleKind[];
  /**
   * The service that will run the schedule.
   * @default "application-autoscaling"
   */
  readonly service?: ScheduleService;
}

/** A cron field that selects plain numbers (minute, hour, month, year, second), with its source text. */
export interface CronValues {
  /** The field as written, e.g. "0/15" or "MON-FRI". */
  readonly text: string;
  /** The selected values, ascending, without duplicates. Months are 1-12, days of week 1-7 with 1 = Sunday. */
  readonly values: readonly number[];
}

/** The day-of-month field. */
export type CronDayOfMonth =
  /** `?`: no constraint; the day-of-week field decides. */
  | { readonly kind: "any"; readonly text: string }
  /** Numbers, ranges, lists, steps or `*` (1-31). */
  | { readonly kind: "days"; readonly text: string; readonly values: readonly number[] }
  /** `L`: the last day of the month. */
  | { readonly kind: "last"; readonly text: string }
  /** `LW`: the last weekday (Monday-Friday) of the month. */
  | { readonly kind: "lastWeekday"; readonly text: string }
  /** `nW`: the weekday nearest to day n, within the same month. */
  | { readonly kind: "nearestWeekday"; readonly text: string; readonly day: number };

/** The day-of-week field (1-7, 1 = Sunday). */
export type CronDayOfWeek =
  /** `?`: no constraint; the day-of-month field decides. */
  | { readonly kind: "any"; readonly text: string }
  /** Numbers, names, ranges, lists or `*`; a lone `L` is the last day of the week, Saturday (7). */
  | { readonly kind: "days"; readonly text: string; readonly values: readonly number[] }
  /** `nL`: the last day n of the month, e.g. `6L` the last Friday. */
  | { readonly kind: "lastOfMonth"; readonly text: string; readonly day: number }
  /** `n#k`: the k-th day n of the month, e.g. `3#2` the second Tuesday. */
  | { readonly kind: "nthOfMonth"; readonly text: string; readonly day: number; readonly nth: number };

/** A parsed `cron(...)` expression. */
export interface CronSchedule {
  readonly kind: "cron";
  readonly expression: string;
  /** Only in the seven-field form that Application Auto Scaling accepts; always a single second. */
  readonly second?: CronValues;
  readonly minute: CronValues;
  readonly hour: CronValues;
  readonly dayOfMonth: CronDayOfMonth;
  readonly month: CronValues;
  readonly dayOfWeek: CronDayOfWeek;
  readonly year: CronValues;
}

/** A parsed `rate(value unit)` expression. */
export interface RateSchedule {
  readonly kind: "rate";
  readonly expression: string;
  readonly value: number;
  readonly unit: "minute" | "hour" | "day";
  /** value x unit in milliseconds; a day is 24 hours [EB Scheduler DST]. */
  readonly intervalMs: number;
}

/** A calendar date and wall-clock time, without a time zone. Month 1-12. */
export interface LocalDateTime {
  readonly year: number;
  readonly month: number;
  readonly day: number;
  readonly hour: number;
  readonly minute: number;
  readonly second: number;
}

/** A parsed `at(yyyy-mm-ddThh:mm:ss)` expression: a wall-clock time in the schedule's time zone [AAS examples]. */
export interface AtSchedule {
  readonly kind: "at";
  readonly expression: string;
  readonly dateTime: LocalDateTime;
}

/** A parsed schedule expression. */
export type ParsedSchedule = CronSchedule | RateSchedule | AtSchedule;

/** The StartTime/EndTime window of a scheduled action, as RFC 3339 timestamps such as "2026-12-01T00:00:00Z". */
export interface ScheduleWindow {
  readonly startTime?: string;
  readonly endTime?: string;
}

// ---------------------------------------------------------------------------------------------------------------------
// Parsing
// ---------------------------------------------------------------------------------------------------------------------

// [PutScheduledAction] Schedule is a ResourceIdMaxLen1600 string (1-1600 characters); [EB PutRule] at most 256.
const MAX_EXPRESSION_LENGTH: Record<ScheduleService, number> = {
  "application-autoscaling": 1600,
  eventbridge: 256,
};

const KIND_FORMS: Record<ScheduleKind, string> = {
  cron: "cron(fields)",
  rate: "rate(value unit)",
  at: "at(yyyy-mm-ddThh:mm:ss)",
};

/**
 * Parses an AWS schedule expression: `cron(fields)`, `rate(value unit)` or `at(yyyy-mm-ddThh:mm:ss)`.
 * Throws a ScheduleError whose message starts with the expression and says what is wrong, e.g.
 * `cron(0 25 * * ? *): hour field "25" is out of range 0-23`.
 */
export function parseScheduleExpression(expression: string, options: ScheduleExpressionOptions = {}): ParsedSchedule {
  const service: ScheduleService = options.service ?? "application-autoscaling";
  // [EB cron] EventBridge rules take cron and rate expressions only.
  const defaultAllow: readonly ScheduleKind[] = service === "eventbridge" ? ["cron", "rate"] : ["cron", "rate", "at"];
  const allow = options.allow ?? defaultAllow;

  if (typeof expression !== "string") {
    throw new ScheduleError(`schedule expression must be a string, got ${describeType(expression)}`);
  }
  if (expression.length === 0) {
    throw new ScheduleError(`schedule expression is empty; expected ${formsList(allow)}`);
  }
  const maxLength = MAX_EXPRESSION_LENGTH[service];
  if (expression.length > maxLength) {
    throw new ScheduleError(
      `schedule expression is ${expression.length} characters long; the limit for ${service} is ${maxLength}`,
    );
  }

  const match = /^(cron|rate|at)\(/.exec(expression);
  if (!match) {
    throw new ScheduleError(`"${expression}" is not a schedule expression; expected ${formsList(allow)}`);
  }
  const kind = match[1] as ScheduleKind;
  if (!expression.endsWith(")")) {
    throw new ScheduleError(`${expression}: missing the closing ")"`);
  }
  if (service === "eventbridge" && kind === "at") {
    throw new ScheduleError(
      `${expression}: EventBridge rules do not accept at() expressions; use ${formsList(["cron", "rate"])}`,
    );
  }
  if (!allow.includes(kind)) {
    throw new ScheduleError(`${expression}: ${kind}() expressions are not accepted here; use ${formsList(allow)}`);
  }
  const body = expression.slice(kind.length + 1, -1);
  switch (kind) {
    case "cron":
      return parseCron(expression, body, service);
    case "rate":
      return parseRate(expression, body);
    case "at":
      return parseAt(expression, body);
  }
}

/**
 * Validates an AWS schedule expression without throwing: returns the error message, or undefined when valid.
 * LambdaWarmer passes `{ service: "eventbridge" }` (or `{ allow: ["cron", "rate"] }`) and gets a clear message for at().
 */
export function validateScheduleExpression(
  expression: string,
  options: ScheduleExpressionOptions = {},
): string | undefined {
  try {
    parseScheduleExpression(expression, options);
    return undefined;
  } catch (error) {
    if (error instanceof ScheduleError) return error.message;
    throw error;
  }
}

function formsList(kinds: readonly ScheduleKind[]): string {
  const forms = kinds.map((k) => KIND_FORMS[k]);
  if (forms.length <= 1) return forms.join("");
  return `${forms.slice(0, -1).join(", ")} or ${forms[forms.length - 1]}`;
}

function describeType(value: unknown): string {
  if (value === null) return "null";
  return typeof value;
}

// --- rate(value unit) ---------------------------------------------------------------------------------------------

const RATE_UNITS = new Map<string, { unit: RateSchedule["unit"]; plural: boolean }>([
  ["minute", { unit: "minute", plural: false }],
  ["minutes", { unit: "minute", plural: true }],
  ["hour", { unit: "hour", plural: false }],
  ["hours", { unit: "hour", plural: true }],
  ["day", { unit: "day", plural: false }],
  ["days", { unit: "day", plural: true }],
]);

const UNIT_MS: Record<RateSchedule["unit"], number> = {
  minute: 60_000,
  hour: 3_600_000,
  day: 86_400_000,
};

function parseRate(expression: string, body: string): RateSchedule {
  const parts = body.trim().split(/\s+/);
  if (parts.length !== 2 || parts[0] === "") {
    throw new ScheduleError(`${expression}: expected rate(value unit), e.g. rate(5 minutes)`);
  }
  const [valueText, unitText] = parts as [string, string];
  // [PutScheduledAction] "value is a positive integer and unit is minute | minutes | hour | hours | day | days".
  const unitEntry = RATE_UNITS.get(unitText);
  if (unitEntry === undefined) {
    if (/^(second|seconds|sec|secs|s)$/i.test(unitText)) {
      throw new ScheduleError(
        `${expression}: unit "${unitText}" is not supported; the smallest rate is 1 minute ` +
          `(units: minute, minutes, hour, hours, day, days)`,
      );
    }
    throw new ScheduleError(
      `${expression}: unit "${unitText}" is not one of minute, minutes, hour, hours, day, days`,
    );
  }
  if (!/^\d+$/.test(valueText) || Number(valueText) === 0) {
    throw new ScheduleError(`${expression}: value must be a positive whole number, got "${valueText}"`);
  }
  const value = Number(valueText);
  if (!Number.isSafeInteger(value)) {
    throw new ScheduleError(`${expression}: value ${valueText} is too large`);
  }
  // [EB rate] "If the value is equal to 1, then the unit must be singular. If the value is greater than 1, the unit
  // must be plural": rate(1 hours) and rate(5 hour) are invalid.
  if (value === 1 && unitEntry.plural) {
    throw new ScheduleError(`${expression}: value 1 takes the singular unit "${unitEntry.unit}"`);
  }
  if (value > 1 && !unitEntry.plural) {
    throw new ScheduleError(`${expression}: value ${value} takes the plural unit "${unitEntry.unit}s"`);
  }
  return { kind: "rate", expression, value, unit: unitEntry.unit, intervalMs: value * UNIT_MS[unitEntry.unit] };
}

// --- at(yyyy-mm-ddThh:mm:ss) ----------------------------------------------------------------------------------------

function parseAt(expression: string, body: string): AtSchedule {
  // [PutScheduledAction] at expressions are "at(yyyy-mm-ddThh:mm:ss)": no zone suffix, no fraction; the time zone is
  // the action's Timezone [AAS examples, "Create a one-time scheduled action that specifies a time zone"].
  const match = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})$/.exec(body);
  if (!match) {
    throw new ScheduleError(`${expression}: expected at(yyyy-mm-ddThh:mm:ss), e.g. at(2026-12-01T08:00:00)`);
  }
  const [year, month, day, hour, minute, second] = match.slice(1).map(Number) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  const problem = dateTimeProblem({ year, month, day, hour, minute, second });
  if (problem !== undefined) throw new ScheduleError(`${expression}: ${problem}`);
  return { kind: "at", expression, dateTime: { year, month, day, hour, minute, second } };
}

/** Says why a date and time is not real (month 13, 30 February, hour 24...), or undefined. */
function dateTimeProblem(t: LocalDateTime): string | undefined {
  const date = `${pad4(t.year)}-${pad2(t.month)}-${pad2(t.day)}`;
  if (t.month < 1 || t.month > 12 || t.day < 1 || t.day > daysInMonth(t.year, t.month)) {
    return `${date} is not a calendar date`;
  }
  if (t.hour > 23) return `hour ${t.hour} is out of range 0-23`;
  if (t.minute > 59) return `minute ${t.minute} is out of range 0-59`;
  if (t.second > 59) return `second ${t.second} is out of range 0-59`;
  return undefined;
}

// --- cron(fields) -------------------------------------------------------------------------------------------------

type CronFieldName = "second" | "minute" | "hour" | "day-of-month" | "month" | "day-of-week" | "year";

interface FieldSpec {
  readonly name: CronFieldName;
  readonly min: number;
  readonly max: number;
  /** The largest increment after "/"; undefined where "/" is not allowed or (year) no limit is known. */
  readonly maxStep: number | undefined;
  readonly allowsStep: boolean;
  /** Names in value order, starting at `min` (JAN = 1, SUN = 1). */
  readonly names?: readonly string[];
  /** Whether a descending range such as 20-2 wraps around (see parseCronValues). */
  readonly wraps: boolean;
  /** The wildcards the field takes, for messages [EB cron, table of fields]. */
  readonly wildcards: string;
  /** What a value is, for messages. */
  readonly valueWord: string;
}

const MONTH_NAMES = ["JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"] as const;
const DAY_NAMES = ["SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"] as const;

// [EB cron] Field table: Minutes 0-59 ", - * /"; Hours 0-23 ", - * /"; Day-of-month 1-31 ", - * ? / L W";
// Month 1-12 or JAN-DEC ", - * /"; Day-of-week 1-7 or SUN-SAT ", - * ? L #" (no "/"); Year 1970-2199 ", - * /".
// Largest increments: the EventBridge API rejects cron(*/60 * * * ? *) (aws/aws-sdk-js issue 4212), so an increment
// must fit inside the field, as in the Quartz scheduler whose syntax the AWS format mirrors.
const SECOND_SPEC: FieldSpec = {
  name: "second", min: 0, max: 59, maxStep: 59, allowsStep: true, wraps: true,
  wildcards: ", - * /", valueWord: "a number",
};
const MINUTE_SPEC: FieldSpec = {
  name: "minute", min: 0, max: 59, maxStep: 59, allowsStep: true, wraps: true,
  wildcards: ", - * /", valueWord: "a number",
};
const HOUR_SPEC: FieldSpec = {
  name: "hour", min: 0, max: 23, maxStep: 23, allowsStep: true, wraps: true,
  wildcards: ", - * /", valueWord: "a number",
};
const DAY_OF_MONTH_SPEC: FieldSpec = {
  name: "day-of-month", min: 1, max: 31, maxStep: 31, allowsStep: true, wraps: true,
  wildcards: ", - * ? / L W", valueWord: "a number",
};
const MONTH_SPEC: FieldSpec = {
  name: "month", min: 1, max: 12, maxStep: 12, allowsStep: true, wraps: true, names: MONTH_NAMES,
  wildcards: ", - * /", valueWord: "a month (1-12 or JAN-DEC)",
};
const DAY_OF_WEEK_SPEC: FieldSpec = {
  name: "day-of-week", min: 1, max: 7, maxStep: undefined, allowsStep: false, wraps: true, names: DAY_NAMES,
  wildcards: ", - * ? L #", valueWord: "a day of the week (1-7 or SUN-SAT)",
};
const YEAR_SPEC: FieldSpec = {
  name: "year", min: 1970, max: 2199, maxStep: undefined, allowsStep: true, wraps: false,
  wildcards: ", - * /", valueWord: "a number",
};

const SIX_FIELD_NAMES = "minute hour day-of-month month day-of-week year";

function parseCron(expression: string, body: string, service: ScheduleService): CronSchedule {
  // [EB cron] "Cron expressions have six required fields, which are separated by white space."
  const fields = body.trim() === "" ? [] : body.trim().split(/\s+/);
  // [AAS cron] (awsdocs GitHub version, "Exception" paragraph): Application Auto Scaling also takes seven fields,
  // the first being seconds. EventBridge rules do not [EB cron].
  const sevenFieldsAllowed = service === "application-autoscaling";
  if (fields.length !== 6 && !(fields.length === 7 && sevenFieldsAllowed)) {
    let message = `${expression}: expected 6 fields (${SIX_FIELD_NAMES}), got ${fields.length}`;
    if (fields.length === 5) {
      message += `; AWS cron has a year field and needs "?" in day-of-month or day-of-week, e.g. cron(0 10 * * ? *)`;
    } else if (fields.length === 7) {
      message += `; the seven-field form with seconds is for Application Auto Scaling only`;
    }
    throw new ScheduleError(message);
  }
  const offset = fields.length === 7 ? 1 : 0;
  let second: CronValues | undefined;
  if (offset === 1) {
    second = parseCronValues(expression, fields[0], SECOND_SPEC);
    // [EB cron] "Cron expressions that lead to rates faster than 1 minute are not supported"; [AAS scheduled]
    // "The finest resolution using a cron expression is 1 minute". So the seconds field names one second.
    if (second.values.length !== 1) {
      throw new ScheduleError(
        `${expression}: second field "${second.text}" fires more than once a minute; the finest resolution is 1 minute`,
      );
    }
  }
  const field = (i: number): string => fields[i + offset];
  const minute = parseCronValues(expression, field(0), MINUTE_SPEC);
  const hour = parseCronValues(expression, field(1), HOUR_SPEC);
  const dayOfMonth = parseDayOfMonth(expression, field(2));
  const month = parseCronValues(expression, field(3), MONTH_SPEC);
  const dayOfWeek = parseDayOfWeek(expression, field(4));
  const year = parseCronValues(expression, field(5), YEAR_SPEC);

  // [EB cron] Limitations: "You can't specify the Day-of-month and Day-of-week fields in the same cron expression. If
  // you specify a value or a * (asterisk) in one of the fields, you must use a ? (question mark) in the other."
  const domAny = dayOfMonth.kind === "any";
  const dowAny = dayOfWeek.kind === "any";
  if (domAny && dowAny) {
    throw new ScheduleError(
      `${expression}: day-of-month and day-of-week cannot both be "?"; exactly one of them must be "?"`,
    );
  }
  if (!domAny && !dowAny) {
    const dom = dayOfMonth.text;
    const dow = dayOfWeek.text;
    let rule: string;
    if (dom === "*" && dow === "*") {
      rule = `day-of-month and day-of-week cannot both be "*"; one of them must be "?"`;
    } else if (dom === "*") {
      rule = `day-of-week is "${dow}", so day-of-month must be "?", not "*"`;
    } else if (dow === "*") {
      rule = `day-of-month is "${dom}", so day-of-week must be "?", not "*"`;
    } else {
      rule = `day-of-month "${dom}" and day-of-week "${dow}" cannot both be set; one of them must be "?"`;
    }
    throw new ScheduleError(`${expression}: ${rule}`);
  }
  return { kind: "cron", expression, second, minute, hour, dayOfMonth, month, dayOfWeek, year };
}

function fieldError(expression: string, spec: FieldSpec, text: string, detail: string): ScheduleError {
  return new ScheduleError(`${expression}: ${spec.name} field "${text}": ${detail}`);
}

/**
 * Parses a field of numbers: `*`, `a`, `a-b`, `a/n`, `*\/n`, `a-b/n`, and comma lists of these. Names (JAN, MON) are
 * matched case-insensitively: the AWS examples are all upper case and cannot tell, so both are accepted.
 */
function parseCronValues(expression: string, text: string, spec: FieldSpec): CronValues {
  const withoutNames = spec.names ? text.replace(/[A-Za-z]{3}/g, "") : text;
  const badCharacter = /[^0-9A-Za-z,*/-]|[LlWw#?]/.exec(withoutNames);
  if (badCharacter) {
    const ch = badCharacter[0];
    if (ch === "?") {
      throw fieldError(expression, spec, text, `"?" is only allowed in day-of-month or day-of-week`);
    }
    const takes = spec.names ? "numbers, names" : "numbers";
    const detail = `"${ch}" is not allowed here; the ${spec.name} field takes ${takes} and ${spec.wildcards}`;
    throw fieldError(expression, spec, text, detail);
  }
  const selected = new Set<number>();
  for (const item of text.split(",")) {
    if (item === "") {
      throw fieldError(expression, spec, text, "empty list item");
    }
    const slashParts = item.split("/");
    if (slashParts.length > 2) {
      throw fieldError(expression, spec, text, `"${item}" has more than one "/"`);
    }
    const [rangeText, stepText] = slashParts as [string, string | undefined];
    let step = 1;
    if (stepText !== undefined) {
      if (!spec.allowsStep) {
        const detail = `"/" is not allowed here; the ${spec.name} field takes ${spec.wildcards}`;
        throw fieldError(expression, spec, text, detail);
      }
      const tooLarge = spec.maxStep !== undefined && Number(stepText) > spec.maxStep;
      if (!/^\d+$/.test(stepText) || Number(stepText) === 0 || tooLarge) {
        const limit = spec.maxStep === undefined ? "" : ` from 1 to ${spec.maxStep}`;
        throw fieldError(expression, spec, text, `increment "${stepText}" must be a whole number${limit}`);
      }
      step = Number(stepText);
    }
    let start: number;
    let end: number;
    if (rangeText === "*") {
      start = spec.min;
      end = spec.max;
    } else if (rangeText.includes("-")) {
      const ends = rangeText.split("-");
      if (ends.length !== 2 || ends[0] === "" || ends[1] === "") {
        throw fieldError(expression, spec, text, `"${rangeText}" is not a range (write it as a-b)`);
      }
      start = cronValue(expression, text, ends[0], spec);
      end = cronValue(expression, text, ends[1], spec);
    } else {
      start = cronValue(expression, text, rangeText, spec);
      // "a/n" runs from a to the end of the field [EB cron, "/" wildcard: 1/10 is minutes 1, 11, 21, 31...].
      end = stepText === undefined ? start : spec.max;
    }
    if (start > end) {
      if (!spec.wraps) {
        throw fieldError(expression, spec, text, `range ${start}-${end} runs backwards`);
      }
      // A descending range wraps around the end of the field: the [EB cron] example "0/30 20-2 ? * MON-FRI *" runs
      // from 10:00 pm to 2:00 am. (The day fields still pick the days: hours 0-2 fire on Monday to Friday.)
      end += spec.max - spec.min + 1;
    }
    const width = spec.max - spec.min + 1;
    for (let v = start; v <= end; v += step) {
      selected.add(v > spec.max ? v - width : v);
    }
  }
  return { text, values: [...selected].sort((a, b) => a - b) };
}

/** One value of a field: a number in range, or a name where the field has names. */
function cronValue(expression: string, text: string, token: string, spec: FieldSpec): number {
  let value: number;
  const upper = token.toUpperCase();
  if (/^\d+$/.test(token)) {
    value = Number(token);
  } else if (spec.names && spec.names.includes(upper)) {
    return spec.names.indexOf(upper) + spec.min;
  } else {
    throw fieldError(expression, spec, text, `"${token}" is not ${spec.valueWord}`);
  }
  if (value < spec.min || value > spec.max) {
    // e.g. cron(0 25 * * ? *): hour field "25" is out of range 0-23
    if (token === text) {
      throw new ScheduleError(`${expression}: ${spec.name} field "${text}" is out of range ${spec.min}-${spec.max}`);
    }
    throw fieldError(expression, spec, text, `${token} is out of range ${spec.min}-${spec.max}`);
  }
  return value;
}

function parseDayOfMonth(expression: string, text: string): CronDayOfMonth {
  const spec = DAY_OF_MONTH_SPEC;
  if (text === "?") return { kind: "any", text };
  if (text.includes("?")) {
    throw fieldError(expression, spec, text, `"?" must be the whole field`);
  }
  // [EB cron] "The L wildcard in the Day-of-month ... field specifies the last day of the month"; "3W specifies the
  // weekday closest to the third day of the month". LW (last weekday) is the Quartz form these come from. Each stands
  // alone: a list such as "L,15" has no documented meaning.
  if (/^L$/i.test(text)) return { kind: "last", text };
  if (/^LW$/i.test(text)) return { kind: "lastWeekday", text };
  const nearest = /^(\d+)W$/i.exec(text);
  if (nearest) {
    const day = cronValue(expression, text, nearest[1], spec);
    return { kind: "nearestWeekday", text, day };
  }
  if (/[LW]/i.test(text)) {
    throw fieldError(expression, spec, text, `L and W stand alone, as L (last day), LW (last weekday) or nW (e.g. 15W)`);
  }
  return { kind: "days", ...parseCronValues(expression, text, spec) };
}

function parseDayOfWeek(expression: string, text: string): CronDayOfWeek {
  const spec = DAY_OF_WEEK_SPEC;
  if (text === "?") return { kind: "any", text };
  if (text.includes("?")) {
    throw fieldError(expression, spec, text, `"?" must be the whole field`);
  }
  // [EB cron] "The L wildcard in the ... Day-of-week field specifies the last day of the ... week": a lone L is
  // Saturday (7).
  if (/^L$/i.test(text)) return { kind: "days", text, values: [7] };
  // nL: the last day n of the month; the [EB cron] CLI example cron(15 10 ? * 6L 2019-2022) is the last Friday.
  const last = /^([0-9A-Za-z]+)L$/i.exec(text);
  if (last && !/[,#-]/.test(text)) {
    return { kind: "lastOfMonth", text, day: cronValue(expression, text, last[1], spec) };
  }
  // [EB cron] "#": "3#2 would be the second Tuesday of the month"; "If you use a '#' character, you can define only
  // one expression in the day-of-week field. For example, "3#1,6#3" is not valid".
  if (text.includes("#")) {
    if (text.includes(",")) {
      throw fieldError(expression, spec, text, `"#" allows only one expression in day-of-week (e.g. 3#2), not a list`);
    }
    const nth = /^([0-9A-Za-z]+)#(\d+)$/.exec(text);
    if (!nth) {
      throw fieldError(expression, spec, text, `"#" is written day#n, e.g. 3#2 for the second Tuesday`);
    }
    const day = cronValue(expression, text, nth[1], spec);
    const n = Number(nth[2]);
    if (n < 1 || n > 5) {
      throw fieldError(expression, spec, text, `#${nth[2]} must be 1-5 (which occurrence in the month)`);
    }
    return { kind: "nthOfMonth", text, day, nth: n };
  }
  // No day name contains an L, so an L left once names are removed is misplaced ("5L,6", "L-2").
  const withoutDayNames = text.replace(/[A-Za-z]{3}/g, (word) =>
    DAY_NAMES.some((name) => name === word.toUpperCase()) ? "" : word,
  );
  if (/L/i.test(withoutDayNames)) {
    throw fieldError(expression, spec, text, `L stands alone, as L (Saturday) or nL (e.g. 6L, the last Friday)`);
  }
  return { kind: "days", ...parseCronValues(expression, text, spec) };
}

// ---------------------------------------------------------------------------------------------------------------------
// Time zones, times, names
// ---------------------------------------------------------------------------------------------------------------------

/**
 * Validates a schedule time zone: an IANA name as Intl accepts it (e.g. "UTC", "Etc/UTC", "Europe/Paris",
 * "America/New_York", "Etc/GMT+9"). [PutScheduledAction] Timezone: "canonical names of the IANA time zones supported
 * by Joda-Time (such as Etc/GMT+9 or Pacific/Tahiti)". Returns the error message or undefined.
 */
export function validateTimezone(timezone: string): string | undefined {
  if (typeof timezone !== "string") return `timezone must be a string, got ${describeType(timezone)}`;
  const hint = `(e.g. "UTC", "Europe/Paris", "America/New_York")`;
  // Offsets such as "+02:00" are not IANA names (newer Intl versions accept them; AWS does not).
  if (!/^[A-Za-z][A-Za-z0-9_+\-/]*$/.test(timezone)) {
    return `timezone "${timezone}" is not an IANA time zone name ${hint}`;
  }
  let resolved: string;
  try {
    resolved = new Intl.DateTimeFormat("en-US", { timeZone: timezone }).resolvedOptions().timeZone;
  } catch {
    return `timezone "${timezone}" is not an IANA time zone name ${hint}`;
  }
  // Intl matches names case-insensitively; Joda-Time, whose names AWS takes, does not.
  if (resolved !== timezone && resolved.toLowerCase() === timezone.toLowerCase()) {
    return `timezone "${timezone}" is not an IANA time zone name; did you mean "${resolved}"?`;
  }
  return undefined;
}

// [Provider] startTime/endTime are "in RFC 3339 format" (the Terraform provider validates them with IsRFC3339Time and
// the API stores the instant in UTC). [AAS scheduled] "The start time and end time must be set in UTC."
const RFC3339 = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(\.\d+)?(Z|([+-])(\d{2}):(\d{2}))$/;

/** Parses an RFC 3339 timestamp to epoch milliseconds, or returns a problem description. */
function parseTimestamp(name: string, value: string): number | string {
  if (typeof value !== "string") return `${name} must be a string, got ${describeType(value)}`;
  const match = RFC3339.exec(value);
  if (!match) {
    return `${name} "${value}" is not an RFC 3339 timestamp such as "2026-12-01T00:00:00Z"`;
  }
  const [year, month, day, hour, minute, second] = match.slice(1, 7).map(Number) as [
    number, number, number, number, number, number,
  ];
  const problem = dateTimeProblem({ year, month, day, hour, minute, second });
  if (problem !== undefined) return `${name} "${value}": ${problem}`;
  let offsetMinutes = 0;
  if (match[8] !== "Z") {
    const offsetHours = Number(match[10]);
    const offsetMins = Number(match[11]);
    if (offsetHours > 23 || offsetMins > 59) return `${name} "${value}": the UTC offset is not valid`;
    offsetMinutes = (match[9] === "-" ? -1 : 1) * (offsetHours * 60 + offsetMins);
  }
  const fraction = match[7] === undefined ? 0 : Math.floor(Number(`0${match[7]}`) * 1000);
  return Date.UTC(year, month - 1, day, hour, minute, second, fraction) - offsetMinutes * 60_000;
}

/**
 * Validates a scheduled action's StartTime and EndTime: RFC 3339 timestamps as the AWS provider takes them (e.g.
 * "2026-12-01T00:00:00Z"; an offset such as "+01:00" is converted to UTC), real calendar dates, and an endTime after
 * the startTime. Returns the error message or undefined.
 */
export function validateScheduleTimes(startTime?: string, endTime?: string): string | undefined {
  const start = startTime === undefined ? undefined : parseTimestamp("startTime", startTime);
  if (typeof start === "string") return start;
  const end = endTime === undefined ? undefined : parseTimestamp("endTime", endTime);
  if (typeof end === "string") return end;
  if (start !== undefined && end !== undefined && end <= start) {
    return `endTime "${endTime}" must be after startTime "${startTime}"`;
  }
  return undefined;
}

/**
 * Validates a ScheduledActionName [PutScheduledAction]: length 1-256 and pattern
 * `(?!((^[ ]+.*)|(.*([\u0000-\u001f]|[\u007f-\u009f]|[:/|])+.*)|(.*[ ]+$))).+`: no leading or trailing space, no
 * control characters, no ":", "/" or "|" (and, because "." stops at line terminators, no U+2028/U+2029).
 * Returns the error message or undefined.
 */
export function validateScheduledActionName(name: string): string | undefined {
  if (typeof name !== "string") return `scheduled action name must be a string, got ${describeType(name)}`;
  const shown = showName(name);
  if (name.length === 0) return "scheduled action name must be 1-256 characters, got an empty string";
  if (name.length > 256) {
    return `scheduled action name ${shown} is ${name.length} characters long; the limit is 256`;
  }
  if (name.startsWith(" ")) return `scheduled action name ${shown} must not start with a space`;
  if (name.endsWith(" ")) return `scheduled action name ${shown} must not end with a space`;
  const forbidden = /[:/|]/.exec(name);
  if (forbidden) {
    return `scheduled action name ${shown} must not contain ":", "/" or "|" (found "${forbidden[0]}")`;
  }
  if (/[\u0000-\u001f\u007f-\u009f]/.test(name)) {
    return `scheduled action name ${shown} must not contain control characters (U+0000-U+001F, U+007F-U+009F)`;
  }
  if (/[\u2028\u2029]/.test(name)) {
    return `scheduled action name ${shown} must not contain line separators (U+2028, U+2029)`;
  }
  return undefined;
}

/** Quotes a name for a message, showing invisible characters as \u escapes (four hex digits) and cutting very long names. */
function showName(name: string): string {
  const cut = name.length > 60 ? `${name.slice(0, 57)}...` : name;
  const visible = cut.replace(
    /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`,
  );
  return `"${visible}"`;
}

// ---------------------------------------------------------------------------------------------------------------------
// Calendar and time-zone arithmetic
// ---------------------------------------------------------------------------------------------------------------------

const DAY_MS = 86_400_000;

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** Day of week of a calendar date, 1-7 with 1 = Sunday (the AWS numbering [EB cron]). */
function dayOfWeekOf(year: number, month: number, day: number): number {
  return new Date(Date.UTC(year, month - 1, day)).getUTCDay() + 1;
}

function pad2(n: number): string {
  return String(n).padStart(2, "0");
}

function pad4(n: number): string {
  return String(n).padStart(4, "0");
}

const wallClockFormatters = new Map<string, Intl.DateTimeFormat>();

function wallClockFormatter(timezone: string): Intl.DateTimeFormat {
  let formatter = wallClockFormatters.get(timezone);
  if (formatter === undefined) {
    formatter = new Intl.DateTimeFormat("en-US", {
      timeZone: timezone,
      hourCycle: "h23",
      year: "numeric",
      month: "numeric",
      day: "numeric",
      hour: "numeric",
      minute: "numeric",
      second: "numeric",
      weekday: "short",
    });
    wallClockFormatters.set(timezone, formatter);
  }
  return formatter;
}

interface WallClock extends LocalDateTime {
  /** "Mon", "Tue"... */
  readonly weekday: string;
}

/** The wall-clock reading in `timezone` at instant `ms` (seconds resolution). */
function wallClockAt(ms: number, timezone: string): WallClock {
  const parts: Record<string, string> = {};
  for (const part of wallClockFormatter(timezone).formatToParts(new Date(ms))) {
    parts[part.type] = part.value;
  }
  return {
    year: Number(parts.year),
    month: Number(parts.month),
    day: Number(parts.day),
    hour: Number(parts.hour),
    minute: Number(parts.minute),
    second: Number(parts.second),
    weekday: parts.weekday ?? "",
  };
}

/** The zone's offset from UTC at instant `ms`, in milliseconds (wall clock minus UTC). */
function offsetAt(ms: number, timezone: string): number {
  const wall = wallClockAt(ms, timezone);
  const wholeSecond = Math.floor(ms / 1000) * 1000;
  return Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute, wall.second) - wholeSecond;
}

function sameWallClock(a: LocalDateTime, b: LocalDateTime): boolean {
  return (
    a.year === b.year && a.month === b.month && a.day === b.day &&
    a.hour === b.hour && a.minute === b.minute && a.second === b.second
  );
}

/**
 * The instant at which the wall clock in `timezone` reads `t`.
 * DST rule, as EventBridge Scheduler documents it [EB Scheduler DST] (Application Auto Scaling only says it "adjusts
 * for Daylight Saving Time" [AAS scheduled]): a wall time skipped when clocks go forward does not exist, so nothing
 * fires (returns undefined); a wall time that happens twice when clocks go back fires once, at its first occurrence.
 */
function instantOfWallClock(t: LocalDateTime, timezone: string): number | undefined {
  const asIfUtc = Date.UTC(t.year, t.month - 1, t.day, t.hour, t.minute, t.second);
  // A day either side of the wall time brackets any transition near it; try both offsets.
  const candidates = new Set([
    asIfUtc - offsetAt(asIfUtc - DAY_MS, timezone),
    asIfUtc - offsetAt(asIfUtc + DAY_MS, timezone),
  ]);
  let earliest: number | undefined;
  for (const candidate of candidates) {
    if (sameWallClock(wallClockAt(candidate, timezone), t) && (earliest === undefined || candidate < earliest)) {
      earliest = candidate;
    }
  }
  return earliest;
}

/**
 * The single UTC offset that holds for every wall time of a local day, or undefined when the offset changes around
 * that day (then each time goes through instantOfWallClock). Saves Intl calls on ordinary days.
 */
function steadyOffsetOfDay(year: number, month: number, day: number, timezone: string): number | undefined {
  const midnightAsIfUtc = Date.UTC(year, month - 1, day);
  const before = offsetAt(midnightAsIfUtc - DAY_MS, timezone);
  const after = offsetAt(midnightAsIfUtc + 2 * DAY_MS, timezone);
  return before === after ? before : undefined;
}

// ---------------------------------------------------------------------------------------------------------------------
// Occurrences
// ---------------------------------------------------------------------------------------------------------------------

/** Whether the day fields select a calendar date. */
function cronSelectsDay(cron: CronSchedule, year: number, month: number, day: number): boolean {
  const dom = cron.dayOfMonth;
  const dim = daysInMonth(year, month);
  switch (dom.kind) {
    case "any":
      break;
    case "days":
      if (!dom.values.includes(day)) return false;
      break;
    case "last":
      if (day !== dim) return false;
      break;
    case "lastWeekday":
      if (day !== nearestWeekday(year, month, dim)) return false;
      break;
    case "nearestWeekday":
      // A day beyond the end of the month (31W in April) selects nothing that month.
      if (dom.day > dim || day !== nearestWeekday(year, month, dom.day)) return false;
      break;
  }
  const dow = cron.dayOfWeek;
  const weekday = dayOfWeekOf(year, month, day);
  switch (dow.kind) {
    case "any":
      return true;
    case "days":
      return dow.values.includes(weekday);
    case "lastOfMonth":
      return weekday === dow.day && day + 7 > dim;
    case "nthOfMonth":
      return weekday === dow.day && Math.ceil(day / 7) === dow.nth;
  }
}

/**
 * The weekday (Monday-Friday) nearest to `day`, without leaving the month [EB cron, "W"]: a Saturday moves to Friday
 * unless it is the 1st (then Monday the 3rd); a Sunday moves to Monday unless it is the last day (then Friday).
 */
function nearestWeekday(year: number, month: number, day: number): number {
  const weekday = dayOfWeekOf(year, month, day);
  if (weekday === 7) return day === 1 ? 3 : day - 1;
  if (weekday === 1) return day === daysInMonth(year, month) ? day - 2 : day + 1;
  return day;
}

function firstAtOrAfter(values: readonly number[], minimum: number): number | undefined {
  return values.find((v) => v >= minimum);
}

/** Cron firings at or after `earliestMs`, in time order, evaluated on the wall clock of `timezone`. */
function* cronFirings(cron: CronSchedule, timezone: string, earliestMs: number): Generator<number> {
  const start = wallClockAt(earliestMs, timezone);
  let year = start.year;
  let month = start.month;
  let day = start.day;
  const seconds = cron.second?.values ?? [0];
  for (;;) {
    const nextYear = firstAtOrAfter(cron.year.values, year);
    if (nextYear === undefined) return;
    if (nextYear !== year) {
      [year, month, day] = [nextYear, 1, 1];
      continue;
    }
    const nextMonth = firstAtOrAfter(cron.month.values, month);
    if (nextMonth === undefined) {
      [year, month, day] = [year + 1, 1, 1];
      continue;
    }
    if (nextMonth !== month) {
      [month, day] = [nextMonth, 1];
      continue;
    }
    if (day > daysInMonth(year, month)) {
      [month, day] = [month + 1, 1];
      if (month > 12) [year, month] = [year + 1, 1];
      continue;
    }
    if (cronSelectsDay(cron, year, month, day)) {
      const steadyOffset = steadyOffsetOfDay(year, month, day, timezone);
      for (const hour of cron.hour.values) {
        for (const minute of cron.minute.values) {
          for (const second of seconds) {
            const instant =
              steadyOffset === undefined
                ? instantOfWallClock({ year, month, day, hour, minute, second }, timezone)
                : Date.UTC(year, month - 1, day, hour, minute, second) - steadyOffset;
            if (instant !== undefined && instant >= earliestMs) yield instant;
          }
        }
      }
    }
    day += 1;
  }
}

interface Window {
  readonly startMs?: number;
  readonly endMs?: number;
}

/**
 * All firings of a schedule at or after `earliestMs`, in time order.
 * - rate: every interval from the action's StartTime, or else from `referenceMs` (AWS counts from when the action is
 *   created, which an offline plan cannot know) [AAS examples, "recurring interval"].
 * - cron: [AAS cron] "If you specify a start time, Application Auto Scaling performs the action at this time, and then
 *   performs the action based on the specified recurrence."
 * - both: "If you specify an end time, the action stops repeating after this time" [AAS cron]; a firing exactly at
 *   EndTime still happens.
 * - at: fires once; StartTime/EndTime are documented for recurring schedules only, so they do not apply.
 */
function* firings(
  schedule: ParsedSchedule,
  timezone: string,
  window: Window,
  earliestMs: number,
  referenceMs: number,
): Generator<number> {
  const { startMs, endMs } = window;
  const beforeEnd = (t: number): boolean => endMs === undefined || t <= endMs;
  switch (schedule.kind) {
    case "at": {
      const instant = instantOfWallClock(schedule.dateTime, timezone);
      if (instant !== undefined && instant >= earliestMs) yield instant;
      return;
    }
    case "rate": {
      const origin = startMs ?? referenceMs;
      const firstIndex = startMs === undefined ? 1 : 0;
      let index = Math.max(firstIndex, Math.ceil((earliestMs - origin) / schedule.intervalMs));
      for (;;) {
        const instant = origin + index * schedule.intervalMs;
        if (!beforeEnd(instant)) return;
        yield instant;
        index += 1;
      }
    }
    case "cron": {
      if (startMs !== undefined && startMs >= earliestMs && beforeEnd(startMs)) yield startMs;
      const from = startMs === undefined ? earliestMs : Math.max(earliestMs, startMs);
      for (const instant of cronFirings(schedule, timezone, from)) {
        if (instant === startMs) continue;
        if (!beforeEnd(instant)) return;
        yield instant;
      }
      return;
    }
  }
}

function requireDate(name: string, value: Date): number {
  if (!(value instanceof Date) || Number.isNaN(value.getTime())) {
    throw new ScheduleError(`${name} must be a valid Date`);
  }
  return value.getTime();
}

function requireTimezone(timezone: string): void {
  const problem = validateTimezone(timezone);
  if (problem !== undefined) throw new ScheduleError(problem);
}

function windowOf(options: ScheduleWindow): Window {
  const problem = validateScheduleTimes(options.startTime, options.endTime);
  if (problem !== undefined) throw new ScheduleError(problem);
  return {
    startMs: options.startTime === undefined ? undefined : (parseTimestamp("startTime", options.startTime) as number),
    endMs: options.endTime === undefined ? undefined : (parseTimestamp("endTime", options.endTime) as number),
  };
}

/**
 * The next `count` firing times strictly after `from` of an Application Auto Scaling schedule.
 * cron and at are read on the wall clock of `timezone` (DST: see instantOfWallClock); rate runs from
 * `options.startTime`, or from `from` when there is none. Returns fewer than `count` dates when the schedule ends
 * (at() once, a year field that runs out, an endTime, or a date that never comes such as 30 February).
 */
export function nextOccurrences(
  expression: string,
  from: Date,
  count: number,
  timezone = "UTC",
  options: ScheduleWindow = {},
): Date[] {
  const fromMs = requireDate("from", from);
  if (!Number.isInteger(count) || count < 0) {
    throw new ScheduleError(`count must be a whole number >= 0, got ${count}`);
  }
  requireTimezone(timezone);
  const window = windowOf(options);
  const schedule = parseScheduleExpression(expression);
  const result: Date[] = [];
  if (count === 0) return result;
  for (const instant of firings(schedule, timezone, window, fromMs + 1, fromMs)) {
    result.push(new Date(instant));
    if (result.length === count) break;
  }
  return result;
}

/**
 * Every firing time in [from, to) of an Application Auto Scaling schedule (same rules as nextOccurrences, except that
 * a firing exactly at `from` is included).
 */
export function occurrencesBetween(
  expression: string,
  from: Date,
  to: Date,
  timezone = "UTC",
  options: ScheduleWindow = {},
): Date[] {
  const fromMs = requireDate("from", from);
  const toMs = requireDate("to", to);
  requireTimezone(timezone);
  const window = windowOf(options);
  const schedule = parseScheduleExpression(expression);
  return collectBetween(schedule, timezone, window, fromMs, toMs).map((ms) => new Date(ms));
}

function collectBetween(
  schedule: ParsedSchedule,
  timezone: string,
  window: Window,
  fromMs: number,
  toMs: number,
): number[] {
  const result: number[] = [];
  for (const instant of firings(schedule, timezone, window, fromMs, fromMs)) {
    if (instant >= toMs) break;
    result.push(instant);
  }
  return result;
}

// ---------------------------------------------------------------------------------------------------------------------
// Capacity timeline
// ---------------------------------------------------------------------------------------------------------------------

/** A scheduled action on one scalable target, as the components declare it. */
export interface TimelineSchedule {
  /** The scheduled action name; unique per scalable target [AAS scheduled]. */
  readonly name: string;
  /** A cron, rate or at expression. */
  readonly schedule: string;
  /** The new minimum capacity; unset leaves the current minimum. */
  readonly minCapacity?: number;
  /** The new maximum capacity; unset leaves the current maximum. */
  readonly maxCapacity?: number;
  /** IANA time zone for cron and at; defaults to the timeline's defaultTimezone, then UTC. */
  readonly timezone?: string;
  /** RFC 3339 StartTime. */
  readonly startTime?: string;
  /** RFC 3339 EndTime. */
  readonly endTime?: string;
}

/** The scalable target's minimum and maximum from `at` on. */
export interface CapacityStep {
  readonly at: Date;
  readonly min: number;
  readonly max: number;
  /** The scheduled action that set these values, or "initial". */
  readonly by: string;
  /**
   * Set when the action fired but could not apply: a new minimum above the maximum (or a new maximum below the
   * minimum). min and max are then unchanged.
   */
  readonly failed?: string;
}

export interface CapacityTimelineOptions {
  /** Start of the period (inclusive); `initial` is the target's capacity here. */
  readonly from: Date;
  /** End of the period (exclusive). */
  readonly to: Date;
  /** The scalable target's min and max at `from`. */
  readonly initial: { readonly min: number; readonly max: number };
  /** Time zone for schedules that set none. @default "UTC" */
  readonly defaultTimezone?: string;
}

function capacityProblem(label: string, value: number | undefined): string | undefined {
  if (value === undefined) return undefined;
  // [PutScheduledAction] MinCapacity/MaxCapacity are integers; Lambda provisioned concurrency allows 0
  // (RegisterScalableTarget MinCapacity).
  if (typeof value !== "number" || !Number.isInteger(value) || value < 0) {
    return `${label} must be a whole number >= 0, got ${String(value)}`;
  }
  return undefined;
}

/** Says what is wrong with one scheduled action of a timeline, or undefined. */
function timelineScheduleProblem(
  schedule: TimelineSchedule,
  defaultTimezone: string,
  seenNames: ReadonlySet<string>,
): string | undefined {
  const nameProblem = validateScheduledActionName(schedule.name);
  if (nameProblem !== undefined) return nameProblem;
  if (seenNames.has(schedule.name)) {
    return "the name is used twice; scheduled action names must be unique per scalable target";
  }
  const expressionProblem = validateScheduleExpression(schedule.schedule);
  if (expressionProblem !== undefined) return expressionProblem;
  const timezoneProblem = validateTimezone(schedule.timezone ?? defaultTimezone);
  if (timezoneProblem !== undefined) return timezoneProblem;
  const timesProblem = validateScheduleTimes(schedule.startTime, schedule.endTime);
  if (timesProblem !== undefined) return timesProblem;
  const boundsProblem =
    capacityProblem("minCapacity", schedule.minCapacity) ?? capacityProblem("maxCapacity", schedule.maxCapacity);
  if (boundsProblem !== undefined) return boundsProblem;
  if (schedule.minCapacity === undefined && schedule.maxCapacity === undefined) {
    return "set minCapacity, maxCapacity or both";
  }
  if (
    schedule.minCapacity !== undefined &&
    schedule.maxCapacity !== undefined &&
    schedule.minCapacity > schedule.maxCapacity
  ) {
    return `minCapacity ${schedule.minCapacity} is above maxCapacity ${schedule.maxCapacity}`;
  }
  return undefined;
}

/**
 * The steps of a scalable target's min and max over [from, to), in time order: an "initial" step at `from`, then one
 * step each time a scheduled action changes min or max, or fails.
 *
 * Rules encoded:
 * - An action sets the min and/or max it names; the other keeps its value [AAS scheduled, "The request can optionally
 *   include only one of these sizes"].
 * - If the result would have min above max, the action fails and nothing changes: AWS says "you must include both
 *   sizes to ensure that the new minimum capacity is not greater than the maximum capacity" [AAS scheduled] and "if the
 *   maximum capacity is less than the value specified for minimum capacity, you must specify a new minimum and maximum
 *   capacity" [AAS examples]; it does not adjust the other bound. The step carries `failed`.
 * - An action given both bounds with min > max, or neither bound, is rejected by the API (ValidationException "Maximum
 *   capacity cannot be less than minimum capacity" / "At least one of minimum capacity and maximum capacity should be
 *   provided"): this throws a ScheduleError.
 * - Outside StartTime/EndTime an action does not fire; after EndTime the capacity is not reverted [AAS cron].
 * - Actions firing at the same instant apply in the order given: AAS "guarantees the order in which scheduled actions
 *   run for the same scalable target" and runs them "in the order that they are specified" (Application Auto Scaling
 *   User Guide, "Scheduled scaling", awsdocs/application-auto-scaling-user-guide application-auto-scaling-scheduled-scaling.md).
 */
export function capacityTimeline(
  schedules: readonly TimelineSchedule[],
  options: CapacityTimelineOptions,
): CapacityStep[] {
  const fromMs = requireDate("from", options.from);
  const toMs = requireDate("to", options.to);
  if (toMs <= fromMs) throw new ScheduleError(`to must be after from`);
  const initialProblem =
    capacityProblem("initial min", options.initial.min) ?? capacityProblem("initial max", options.initial.max);
  if (initialProblem !== undefined) throw new ScheduleError(initialProblem);
  if (options.initial.min > options.initial.max) {
    throw new ScheduleError(`initial min ${options.initial.min} is above initial max ${options.initial.max}`);
  }
  const defaultTimezone = options.defaultTimezone ?? "UTC";
  const defaultProblem = validateTimezone(defaultTimezone);
  if (defaultProblem !== undefined) throw new ScheduleError(`defaultTimezone: ${defaultProblem}`);

  interface Firing {
    readonly at: number;
    readonly order: number;
    readonly schedule: TimelineSchedule;
  }
  const firingsInPeriod: Firing[] = [];
  const seenNames = new Set<string>();
  for (const [order, schedule] of schedules.entries()) {
    const problem = timelineScheduleProblem(schedule, defaultTimezone, seenNames);
    if (problem !== undefined) {
      throw new ScheduleError(`schedule "${String(schedule.name)}": ${problem}`);
    }
    seenNames.add(schedule.name);
    const parsed = parseScheduleExpression(schedule.schedule);
    const timezone = schedule.timezone ?? defaultTimezone;
    for (const at of collectBetween(parsed, timezone, windowOf(schedule), fromMs, toMs)) {
      firingsInPeriod.push({ at, order, schedule });
    }
  }
  firingsInPeriod.sort((a, b) => a.at - b.at || a.order - b.order);

  let min = options.initial.min;
  let max = options.initial.max;
  const steps: CapacityStep[] = [{ at: new Date(fromMs), min, max, by: "initial" }];
  for (const firing of firingsInPeriod) {
    const { schedule } = firing;
    const newMin = schedule.minCapacity ?? min;
    const newMax = schedule.maxCapacity ?? max;
    if (newMin > newMax) {
      const failed =
        schedule.minCapacity !== undefined && schedule.maxCapacity === undefined
          ? `new min ${newMin} is above the current max ${max}; set maxCapacity in the same action`
          : `new max ${newMax} is below the current min ${min}; set minCapacity in the same action`;
      steps.push({ at: new Date(firing.at), min, max, by: schedule.name, failed });
      continue;
    }
    if (newMin === min && newMax === max) continue;
    min = newMin;
    max = newMax;
    steps.push({ at: new Date(firing.at), min, max, by: schedule.name });
  }
  return steps;
}

/**
 * Formats a timeline as short lines for the offline plan, e.g. `Mon 08:00  min 10  max 10  (business-hours)`, on the
 * wall clock of `timezone`. When the steps span a week or more, each line also shows the date
 * (`Mon 2026-11-30 08:00 ...`). Lines are joined with "\n".
 */
export function formatTimeline(steps: readonly CapacityStep[], timezone = "UTC"): string {
  requireTimezone(timezone);
  if (steps.length === 0) return "";
  const first = steps[0];
  const last = steps[steps.length - 1];
  const withDate = last.at.getTime() - first.at.getTime() >= 7 * DAY_MS;
  const minWidth = Math.max(...steps.map((s) => String(s.min).length));
  const maxWidth = Math.max(...steps.map((s) => String(s.max).length));
  return steps
    .map((step) => {
      const wall = wallClockAt(step.at.getTime(), timezone);
      const date = withDate ? ` ${pad4(wall.year)}-${pad2(wall.month)}-${pad2(wall.day)}` : "";
      const when = `${wall.weekday}${date} ${pad2(wall.hour)}:${pad2(wall.minute)}`;
      const bounds = `min ${String(step.min).padStart(minWidth)}  max ${String(step.max).padStart(maxWidth)}`;
      const cause = step.failed === undefined ? step.by : `${step.by} FAILED: ${step.failed}`;
      return `${when}  ${bounds}  (${cause})`;
    })
    .join("\n");
}

// ---------------------------------------------------------------------------------------------------------------------
// Description
// ---------------------------------------------------------------------------------------------------------------------

const MONTH_FULL = [
  "January", "February", "March", "April", "May", "June",
  "July", "August", "September", "October", "November", "December",
] as const;
const DAY_FULL = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"] as const;
const ORDINALS = ["first", "second", "third", "fourth", "fifth"] as const;

function joinWords(items: readonly string[]): string {
  if (items.length <= 1) return items.join("");
  return `${items.slice(0, -1).join(", ")} and ${items[items.length - 1]}`;
}

/** Whether sorted values run without a gap, allowing a wrap from the field's max back to its min. */
function contiguousRun(values: readonly number[], min: number, max: number): { first: number; last: number } | undefined {
  if (values.length < 2) return undefined;
  const gaps: number[] = [];
  for (let i = 1; i < values.length; i++) {
    if ((values[i]) !== (values[i - 1]) + 1) gaps.push(i);
  }
  const first = values[0];
  const last = values[values.length - 1];
  if (gaps.length === 0) return { first, last };
  // One gap and the values touch both ends of the field: a wrapped run such as hours 20-2.
  if (gaps.length === 1 && first === min && last === max) {
    const gap = gaps[0];
    return { first: values[gap], last: values[gap - 1] };
  }
  return undefined;
}

function namedValues(values: readonly number[], names: readonly string[], min: number, max: number): string {
  const run = contiguousRun(values, min, max);
  if (run && values.length >= 3) return `${names[run.first - min]} to ${names[run.last - min]}`;
  return joinWords(values.map((v) => names[v - min]));
}

function numberList(values: readonly number[]): string {
  const run = contiguousRun(values, -1, -1);
  if (run && values.length >= 3) return `${run.first}-${run.last}`;
  return values.join(", ");
}

/** An increment pattern (start, start+step, ... to the end of the field), if the values are one. */
function stepPattern(values: readonly number[], max: number): { start: number; step: number } | undefined {
  if (values.length < 2) return undefined;
  const start = values[0];
  const step = (values[1]) - start;
  for (let i = 1; i < values.length; i++) {
    if ((values[i]) - (values[i - 1]) !== step) return undefined;
  }
  return (values[values.length - 1]) + step > max ? { start, step } : undefined;
}

function describeTimes(cron: CronSchedule): { text: string; fixed: boolean } {
  const minutes = cron.minute.values;
  const hours = cron.hour.values;
  const second = cron.second?.values[0] ?? 0;
  const clock = (h: number, m: number): string => `${pad2(h)}:${pad2(m)}${second === 0 ? "" : `:${pad2(second)}`}`;
  if (minutes.length * hours.length <= 4) {
    const times = hours.flatMap((h) => minutes.map((m) => clock(h, m)));
    return { text: `at ${joinWords(times)}`, fixed: true };
  }
  let minutePart: string;
  const step = stepPattern(minutes, 59);
  if (minutes.length === 60) minutePart = "every minute";
  else if (minutes.length === 1) minutePart = `every hour at minute ${minutes[0]}`;
  else if (step && step.start < step.step) {
    minutePart = step.start === 0 ? `every ${step.step} minutes` : `every ${step.step} minutes from minute ${step.start}`;
  } else minutePart = `at minutes ${numberList(minutes)}`;
  if (hours.length === 24) return { text: minutePart, fixed: false };
  const run = contiguousRun(hours, 0, 23);
  if (run) {
    const firstMinute = minutes[0];
    const lastMinute = minutes[minutes.length - 1];
    return {
      text: `${minutePart} between ${clock(run.first, firstMinute)} and ${clock(run.last, lastMinute)}`,
      fixed: false,
    };
  }
  return { text: `${minutePart} during hours ${hours.join(", ")}`, fixed: false };
}

function describeDays(cron: CronSchedule): string {
  const dom = cron.dayOfMonth;
  const dow = cron.dayOfWeek;
  switch (dom.kind) {
    case "days":
      if (dom.values.length === 31) return "every day";
      return dom.values.length === 1
        ? `on day ${dom.values[0]} of the month`
        : `on days ${numberList(dom.values)} of the month`;
    case "last":
      return "on the last day of the month";
    case "lastWeekday":
      return "on the last weekday of the month";
    case "nearestWeekday":
      return `on the weekday nearest day ${dom.day} of the month`;
    case "any":
      break;
  }
  switch (dow.kind) {
    case "days":
      if (dow.values.length === 7) return "every day";
      return `on ${namedValues(dow.values, DAY_FULL, 1, 7)}`;
    case "lastOfMonth":
      return `on the last ${DAY_FULL[dow.day - 1] as string} of the month`;
    case "nthOfMonth":
      return `on the ${ORDINALS[dow.nth - 1] as string} ${DAY_FULL[dow.day - 1] as string} of the month`;
    case "any":
      return "every day";
  }
}

/**
 * A one-line English description of a schedule expression, e.g. "at 18:00 on Monday to Friday",
 * "every 5 minutes between 08:00 and 17:55 on Monday to Friday", "every 2 hours", "once at 2026-12-01 08:00:00".
 * Times are on the schedule's time zone. Throws a ScheduleError for an invalid expression.
 */
export function describeSchedule(expression: string): string {
  const schedule = parseScheduleExpression(expression);
  switch (schedule.kind) {
    case "rate":
      return schedule.value === 1 ? `every ${schedule.unit}` : `every ${schedule.value} ${schedule.unit}s`;
    case "at": {
      const t = schedule.dateTime;
      return `once at ${pad4(t.year)}-${pad2(t.month)}-${pad2(t.day)} ${pad2(t.hour)}:${pad2(t.minute)}:${pad2(t.second)}`;
    }
    case "cron": {
      const times = describeTimes(schedule);
      const days = describeDays(schedule);
      const parts = [times.text];
      if (!(days === "every day" && !times.fixed)) parts.push(days);
      if (schedule.month.values.length !== 12) {
        parts.push(`in ${namedValues(schedule.month.values, MONTH_FULL, 1, 12)}`);
      }
      const years = schedule.year.values;
      if (years.length !== 2199 - 1970 + 1) {
        const run = contiguousRun(years, -1, -1);
        parts.push(run ? `in ${run.first}-${run.last}` : `in ${years.join(", ")}`);
      }
      return parts.join(" ");
    }
  }
}
