// The validators of what a scheduled action is given: its expression, time zone, StartTime/EndTime and name. Each
// returns a message (or undefined) instead of throwing, so that components can prefix the argument's name.
// Sources in brackets are listed in components/schedule.ts.
import { dateTimeProblem } from "./calendar";
import { defaultMaxDistance, editDistance } from "../suggest";
import { parseScheduleExpression } from "./parse";
import { ScheduleError, ScheduleExpressionOptions, describeType } from "./types";

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

/**
 * Validates a schedule time zone: an IANA name as Intl accepts it (e.g. "UTC", "Etc/UTC", "Europe/Paris",
 * "America/New_York", "Etc/GMT+9"). [PutScheduledAction] Timezone: "canonical names of the IANA time zones supported
 * by Joda-Time (such as Etc/GMT+9 or Pacific/Tahiti)". Returns the error message or undefined; for a near miss the
 * message suggests the zone meant (`did you mean "Europe/Berlin"?`, see suggestTimezone).
 */
export function validateTimezone(timezone: string): string | undefined {
    if (typeof timezone !== "string") return `timezone must be a string, got ${describeType(timezone)}`;
    const notIana = (): string => {
        const suggestion = suggestTimezone(timezone);
        return suggestion === undefined
            ? `timezone "${timezone}" is not an IANA time zone name (e.g. "UTC", "Europe/Paris", "America/New_York")`
            : `timezone "${timezone}" is not an IANA time zone name; did you mean "${suggestion}"?`;
    };
    // Offsets such as "+02:00" are not IANA names (newer Intl versions accept them; AWS does not).
    if (!/^[A-Za-z][A-Za-z0-9_+\-/]*$/.test(timezone)) {
        return notIana();
    }
    let resolved: string;
    try {
        resolved = new Intl.DateTimeFormat("en-US", { timeZone: timezone }).resolvedOptions().timeZone;
    } catch {
        return notIana();
    }
    // Intl matches names case-insensitively; Joda-Time, whose names AWS takes, does not.
    if (resolved !== timezone && resolved.toLowerCase() === timezone.toLowerCase()) {
        return `timezone "${timezone}" is not an IANA time zone name; did you mean "${resolved}"?`;
    }
    return undefined;
}

let timezoneNames: readonly string[] | undefined;

/**
 * The zone names suggestions are drawn from: Intl.supportedValuesOf("timeZone") (ECMA-402: the canonical zones of the
 * runtime's time zone data; Node's list leaves out "UTC"), plus "UTC". Intl lists CLDR's canonical names, a few of
 * which are older IANA names (Asia/Calcutta for Asia/Kolkata, Europe/Kiev for Europe/Kyiv). Both spellings pass
 * validateTimezone; Joda-Time, whose names AWS takes, knows the older ones as links of the tz database's "backward"
 * file, but no AWS document lists them, so a suggestion of one is the one place an older name may be offered.
 */
function knownTimezones(): readonly string[] {
    timezoneNames ??= [...(Intl as IntlWithSupportedValues).supportedValuesOf("timeZone"), "UTC"];
    return timezoneNames;
}

/**
 * Intl.supportedValuesOf (Node.js 18 and later) as TypeScript's ES2022 library declares it. Declared here so that the
 * module also type-checks under a compiler target without that library: Pulumi's Node.js plugin host runs the
 * package's TypeScript sources through ts-node, type-checked, with the options of the consumer's folder, which for a
 * Python, Go, .NET or YAML project are ts-node's defaults with target ES2020 (@pulumi/pulumi cmd/run-plugin/run.js).
 */
type IntlWithSupportedValues = typeof Intl & { supportedValuesOf(key: "timeZone"): string[] };

/** The part of a zone name after its last "/": the city ("berlin" of "europe/berlin"). */
function cityOf(zone: string): string {
    return zone.slice(zone.lastIndexOf("/") + 1);
}

/**
 * The zone a misspelt or partial time zone name most likely means, or undefined. Compared without regard to case,
 * with spaces read as underscores ("America/New York"), each known zone is as near as the nearer of its whole name
 * ("Europe/Berln") and its city ("Berlin", "Asia/Berlin": the city part of the name against the zone's city), within
 * the reach closestWord uses (a third of the length compared); the nearest wins, the first in Intl's alphabetical
 * order on a tie.
 */
function suggestTimezone(timezone: string): string | undefined {
    const name = timezone.trim().replace(/\s+/g, "_").toLowerCase();
    const city = cityOf(name);
    if (name === "") {
        return undefined;
    }
    let best: { zone: string; distance: number } | undefined;
    const consider = (zone: string, distance: number, reach: number): void => {
        if (distance <= reach && (best === undefined || distance < best.distance)) {
            best = { zone, distance };
        }
    };
    for (const zone of knownTimezones()) {
        const known = zone.toLowerCase();
        consider(zone, editDistance(name, known), defaultMaxDistance(name));
        if (city !== "") {
            consider(zone, editDistance(city, cityOf(known)), defaultMaxDistance(city));
        }
    }
    return best?.zone;
}

// [Provider] startTime/endTime are "in RFC 3339 format" (the Terraform provider validates them with IsRFC3339Time and
// the API stores the instant in UTC). [AAS scheduled] "The start time and end time must be set in UTC." An offset
// such as "-05:00" is accepted all the same and means the instant it denotes: the provider converts it before the API
// sees it and compares stored times by instant, so it causes no diff [Provider TF].
const RFC3339 = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(\.\d+)?(Z|([+-])(\d{2}):(\d{2}))$/;

/** Parses an RFC 3339 timestamp to epoch milliseconds, or returns a problem description. */
export function parseTimestamp(name: string, value: string): number | string {
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
