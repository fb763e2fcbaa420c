/**
 * Parsing of user inputs into traffic: per-minute CSV, request traces, period strings. Written by hand (no CSV
 * dependency). Errors are InputErrors whose message names the line, so that the command can prefix the flag.
 */
import { wallClockAt } from "../components/schedule/calendar";
import { DAY_MS, HOUR_MS, MINUTE_MS, WEEK_MS, WEEKDAYS } from "./defaults";
import { perMinuteTraffic, RateTraffic, traceTraffic, TraceTraffic } from "./traffic";

/** A problem with user input; the message says what and where, without the flag (the caller adds it). */
export class InputError extends Error {
    constructor(message: string) {
        super(message);
        this.name = "InputError";
    }
}

/** Parses "30s", "2h", "1d", "7d", "90m", "1w" into milliseconds. */
export function parsePeriod(text: string): number {
    const match = /^(\d+(?:\.\d+)?)(s|m|h|d|w)$/.exec(text.trim());
    if (!match) throw new InputError(`must be a duration such as 30s, 90m, 2h, 1d or 7d, got "${text}"`);
    const units: Record<string, number> = { s: 1000, m: MINUTE_MS, h: HOUR_MS, d: DAY_MS, w: WEEK_MS };
    const ms = Number(match[1]) * units[match[2]];
    if (!(ms >= 1000)) throw new InputError(`must be at least 1s, got "${text}"`);
    return ms;
}

/** The minute of the week (0 = Monday 00:00 UTC) of a time in epoch milliseconds. */
export function minuteOfWeek(epochMs: number, timezone = "UTC"): number {
    if (timezone !== "UTC") {
        // The wall clock of the zone at that instant, with its DST offset (Intl, as the components' schedules read it).
        const wall = wallClockAt(epochMs, timezone);
        return WEEKDAYS.indexOf(wall.weekday) * 1440 + wall.hour * 60 + wall.minute;
    }
    // 1970-01-01 was a Thursday: shift by 3 days so that Monday is day 0.
    const minutes = Math.floor(epochMs / MINUTE_MS) + 3 * 1440;
    return ((minutes % 10080) + 10080) % 10080;
}


interface CsvRow {
    readonly line: number;
    readonly cells: string[];
}

function csvRows(text: string): CsvRow[] {
    const rows: CsvRow[] = [];
    text.split(/\r?\n/).forEach((raw, index) => {
        const trimmed = raw.trim();
        if (trimmed === "" || trimmed.startsWith("#")) return;
        rows.push({ line: index + 1, cells: trimmed.split(/[,;\t]/).map((cell) => cell.trim().replace(/^"(.*)"$/, "$1")) });
    });
    return rows;
}

function isNumber(cell: string): boolean {
    return cell !== "" && Number.isFinite(Number(cell));
}

/**
 * A CSV of per-minute request rates. Accepted shapes, one row per minute:
 * - one column: the number of requests in each minute, in time order;
 * - two columns: a time (ISO 8601 timestamp, epoch seconds or milliseconds, or a minute index) and the count, in any
 *   order: the rows are sorted by time. CloudWatch lists the newest datapoint first (GetMetricData's ScanBy defaults
 *   to TimestampDescending, "returns the newest data first", CloudWatch API Reference), and its exports keep that
 *   order, so a file is read newest-first as readily as oldest-first. Two rows in the same minute are refused.
 * An optional header row names the columns; a rate column named "rps" or "requests_per_second" is read as requests
 * per second instead of per minute. With timestamps, missing minutes count as zero (CloudWatch leaves out minutes
 * without invocations) and the earliest timestamp places the period in the week.
 * When `notes` is given, a sentence saying what was done to the file (rows reversed or sorted) is pushed to it, for
 * the caller to show.
 */
export function parsePerMinuteCsv(text: string, notes?: string[], timezone = "UTC"): RateTraffic {
    const rows = csvRows(text);
    if (rows.length === 0) throw new InputError("is empty: expected one row per minute");
    let perSecond = false;
    let dataRows = rows;
    if (!rows[0].cells.some(isNumber) || !isNumber(rows[0].cells[rows[0].cells.length - 1])) {
        const rateHeader = rows[0].cells[rows[0].cells.length - 1].toLowerCase();
        perSecond = rateHeader === "rps" || rateHeader === "requests_per_second";
        dataRows = rows.slice(1);
    }
    if (dataRows.length === 0) throw new InputError("has a header but no data rows");
    const columns = dataRows[0].cells.length;
    if (columns < 1 || columns > 2) throw new InputError(`line ${dataRows[0].line}: expected 1 or 2 columns (time, requests), got ${columns}`);
    const rates: number[] = [];
    const timed: { line: number; cell: string; minute: Minute; rate: number }[] = [];
    for (const row of dataRows) {
        if (row.cells.length !== columns) throw new InputError(`line ${row.line}: expected ${columns} columns like the first row, got ${row.cells.length}`);
        const valueCell = row.cells[columns - 1];
        if (!isNumber(valueCell)) throw new InputError(`line ${row.line}: rate must be a number, got "${valueCell}"`);
        const value = Number(valueCell);
        if (value < 0) throw new InputError(`line ${row.line}: rate must be non-negative, got ${value}`);
        const perSecondValue = perSecond ? value : value / 60;
        if (columns === 1) {
            rates.push(perSecondValue);
            continue;
        }
        const minute = parseMinute(row.cells[0], row.line);
        // Sorted together, a minute index (0, 1, 2...) and an absolute time would be decades apart.
        if (timed.length > 0 && timed[0].minute.absolute !== minute.absolute) {
            throw new InputError(`line ${row.line}: mixes absolute times and minute indexes`);
        }
        timed.push({ line: row.line, cell: row.cells[0], minute, rate: perSecondValue });
    }
    if (columns === 1) return perMinuteTraffic(Float64Array.from(rates), 0);

    // Rows in time order, whatever order the file has (see above). The sort is stable, so of two rows in one minute
    // the later line comes second and is the one named.
    const ascending = timed.every((row, i) => i === 0 || timed[i - 1].minute.index <= row.minute.index);
    const descending = timed.every((row, i) => i === 0 || timed[i - 1].minute.index >= row.minute.index);
    const sorted = ascending ? timed : [...timed].sort((a, b) => a.minute.index - b.minute.index);
    for (let i = 1; i < sorted.length; i++) {
        const [first, second] = [sorted[i - 1], sorted[i]];
        if (second.minute.index === first.minute.index) {
            throw new InputError(`line ${second.line}: "${second.cell}" is in the same minute as line ${first.line} ("${first.cell}"); give one row per minute`);
        }
    }
    if (!ascending) {
        notes?.push(descending ? "the rows run newest first (as CloudWatch exports them); they were read oldest first" : "the rows are not in time order; they were read sorted by time");
    }
    const firstMinute = sorted[0].minute.index;
    const first = sorted[0].minute;
    const startMinuteOfWeek = first.absolute ? minuteOfWeek(first.index * MINUTE_MS, timezone) : first.minuteOfWeek;
    for (const row of sorted) {
        const offset = row.minute.index - firstMinute;
        while (rates.length < offset) rates.push(0);
        rates.push(row.rate);
    }
    return perMinuteTraffic(Float64Array.from(rates), startMinuteOfWeek);
}

/** A time cell read as a whole minute. */
interface Minute {
    /** Minutes since the epoch, or the index itself for a minute index. */
    readonly index: number;
    readonly minuteOfWeek: number;
    /** Whether the cell was an absolute time (ISO 8601, epoch seconds or milliseconds) rather than a minute index. */
    readonly absolute: boolean;
}

/** A time cell as a whole minute: an index (small integers) or an absolute time. */
function parseMinute(cell: string, line: number): Minute {
    if (isNumber(cell)) {
        const value = Number(cell);
        if (value >= 1e11) return { index: Math.floor(value / MINUTE_MS), minuteOfWeek: minuteOfWeek(value), absolute: true }; // epoch ms
        if (value >= 1e8) return { index: Math.floor(value / 60), minuteOfWeek: minuteOfWeek(value * 1000), absolute: true }; // epoch s
        if (!Number.isInteger(value) || value < 0) throw new InputError(`line ${line}: a minute index must be a whole number, got ${cell}`);
        return { index: value, minuteOfWeek: value % 10080, absolute: false };
    }
    const epochMs = Date.parse(cell);
    if (Number.isNaN(epochMs)) throw new InputError(`line ${line}: cannot read the time "${cell}" (use ISO 8601, e.g. 2026-11-23T08:00:00Z)`);
    return { index: Math.floor(epochMs / MINUTE_MS), minuteOfWeek: minuteOfWeek(epochMs), absolute: true };
}

/**
 * A trace: one request timestamp per line (an optional header line is skipped). Timestamps are ISO 8601, epoch
 * seconds or milliseconds (placing the period in the week), or seconds from the start of the trace (small numbers:
 * the period then starts Monday 00:00 UTC). The period starts at the first timestamp's minute; unsorted lines are sorted.
 */
export function parseTrace(text: string, periodMs?: number, timezone = "UTC"): TraceTraffic {
    const rows = csvRows(text);
    const dataRows = rows.length > 0 && !isNumber(rows[0].cells[0]) && Number.isNaN(Date.parse(rows[0].cells[0])) ? rows.slice(1) : rows;
    if (dataRows.length === 0) throw new InputError("has no timestamps");
    const times = new Float64Array(dataRows.length);
    let absolute: boolean | undefined;
    dataRows.forEach((row, index) => {
        const cell = row.cells[0];
        let ms: number;
        let isAbsolute: boolean;
        if (isNumber(cell)) {
            const value = Number(cell);
            if (value < 0) throw new InputError(`line ${row.line}: a timestamp must be non-negative, got ${value}`);
            isAbsolute = value >= 1e8;
            ms = value >= 1e11 ? value : value * 1000;
        } else {
            ms = Date.parse(cell);
            if (Number.isNaN(ms)) throw new InputError(`line ${row.line}: cannot read the timestamp "${cell}"`);
            isAbsolute = true;
        }
        if (absolute !== undefined && absolute !== isAbsolute) {
            throw new InputError(`line ${row.line}: mixes absolute and relative timestamps`);
        }
        absolute = isAbsolute;
        times[index] = ms;
    });
    times.sort();
    const first = times[0];
    const start = absolute ? Math.floor(first / MINUTE_MS) * MINUTE_MS : 0;
    for (let i = 0; i < times.length; i++) times[i] -= start;
    const startMinuteOfWeek = absolute ? minuteOfWeek(start, timezone) : 0;
    if (periodMs === undefined) return traceTraffic(times, startMinuteOfWeek);
    const inPeriod = times.filter((time) => time < periodMs);
    return traceTraffic(inPeriod, startMinuteOfWeek, periodMs);
}

/** Cuts or extends rate traffic to a period (extra time has no traffic). */
export function withPeriod(traffic: RateTraffic, periodMs: number): RateTraffic {
    const segments = Math.ceil(periodMs / traffic.segmentMs);
    const rates = new Float64Array(segments);
    rates.set(traffic.ratesPerSecond.subarray(0, Math.min(segments, traffic.ratesPerSecond.length)));
    return { ...traffic, periodMs, ratesPerSecond: rates };
}
