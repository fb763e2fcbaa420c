// Parsing of AWS schedule expressions: `cron(fields)`, `rate(value unit)` and `at(yyyy-mm-ddThh:mm:ss)`, into the
// structures of types.ts, with a message for each rule an expression breaks.
// Sources in brackets are listed in components/schedule.ts.
import { dateTimeProblem } from "./calendar";
import {
    AtSchedule,
    CronDayOfMonth,
    CronDayOfWeek,
    CronSchedule,
    CronValues,
    ParsedSchedule,
    RateSchedule,
    ScheduleError,
    ScheduleExpressionOptions,
    ScheduleKind,
    ScheduleService,
    describeType,
} from "./types";

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

function formsList(kinds: readonly ScheduleKind[]): string {
    const forms = kinds.map((k) => KIND_FORMS[k]);
    if (forms.length <= 1) return forms.join("");
    return `${forms.slice(0, -1).join(", ")} or ${forms[forms.length - 1]}`;
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
