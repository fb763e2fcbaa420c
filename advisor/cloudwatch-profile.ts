/**
 * A function's real traffic, read from CloudWatch: per-minute invocations and peak concurrency (GetMetricData), the
 * duration's median and 95th percentile over the period, and, where the function logs REPORT lines, its init
 * durations and cold-start rate (CloudWatch Logs Insights). The result is what `advise --function` simulates.
 *
 * The AWS calls go through two narrow interfaces, so that this module needs no SDK at import time (the command loads
 * @aws-sdk/client-cloudwatch and @aws-sdk/client-cloudwatch-logs only when asked to read CloudWatch) and tests can
 * point the real SDK clients at a local endpoint.
 *
 * Sources: CloudWatch API reference, GetMetricData (up to 500 queries and 100,800 datapoints a call, results paged
 * with NextToken, ScanBy TimestampAscending, periods of 60 s or a multiple; one-minute datapoints kept 15 days);
 * CloudWatch Logs API reference, StartQuery and GetQueryResults (status Scheduled, Running, Complete, Failed,
 * Cancelled, Timeout, Unknown); the Logs Insights query syntax (`@type = "REPORT"`, `@initDuration`, `pct()`); Lambda
 * developer guide, "Types of metrics for Lambda functions" (Invocations Sum, ConcurrentExecutions Maximum, Duration
 * percentiles; FunctionName and Resource dimensions).
 */
import { functionLambdaMetric, qualifiedLambdaMetric } from "../components/monitoring/metrics";
import { MINUTE_MS } from "./defaults";

/** The part of GetMetricData the reader uses (as @aws-sdk/client-cloudwatch's CloudWatchClient sends it). */
export interface MetricDataQuery {
    Id: string;
    MetricStat: {
        Metric: { Namespace: string; MetricName: string; Dimensions: { Name: string; Value: string }[] };
        Period: number;
        Stat: string;
    };
}
export interface GetMetricDataInput {
    MetricDataQueries: MetricDataQuery[];
    StartTime: Date;
    EndTime: Date;
    ScanBy: "TimestampAscending";
    NextToken?: string;
}
export interface GetMetricDataOutput {
    MetricDataResults?: { Id?: string; Timestamps?: Date[]; Values?: number[]; StatusCode?: string }[];
    NextToken?: string;
}
export interface MetricsReader {
    getMetricData(input: GetMetricDataInput): Promise<GetMetricDataOutput>;
}

/** The part of CloudWatch Logs Insights the reader uses. */
export interface LogsReader {
    startQuery(input: { logGroupName: string; startTime: number; endTime: number; queryString: string }): Promise<{ queryId?: string }>;
    getQueryResults(input: { queryId: string }): Promise<{ status?: string; results?: { field?: string; value?: string }[][] }>;
}

/** What CloudWatch says of a function over the period. */
export interface FunctionProfile {
    readonly functionName: string;
    readonly qualifier?: string;
    /** The first minute, epoch ms; every series below has one value per minute from it, oldest first. */
    readonly startMs: number;
    /** Invocations per minute (0 where CloudWatch has no datapoint: no invocation). */
    readonly invocationsPerMinute: Float64Array;
    /** The highest concurrent executions of each minute. */
    readonly peakConcurrencyPerMinute: Float64Array;
    /** The duration's median and 95th percentile over the whole period (undefined without invocations). */
    readonly durationP50Ms?: number;
    readonly durationP95Ms?: number;
    /** From the REPORT lines, when the function logs them to the log group read. */
    readonly logs?: { readonly reports: number; readonly coldStarts: number; readonly initAvgMs?: number; readonly initP50Ms?: number };
    /** Calls made, pages read: for the note the command prints. */
    readonly metricPages: number;
}

export interface ReadProfileOptions {
    readonly functionName: string;
    readonly qualifier?: string;
    /** How many days back from `now` (1 to 15: one-minute datapoints are kept 15 days). */
    readonly days: number;
    readonly now: Date;
    readonly metrics: MetricsReader;
    /** Omit to skip the logs (then no init durations or cold-start rate). */
    readonly logs?: LogsReader;
    /** The function's log group (default /aws/lambda/NAME). */
    readonly logGroupName?: string;
    /** Fraction done, for a progress bar. */
    readonly onProgress?: (fraction: number, label: string) => void;
    /** How long to wait between GetQueryResults polls (default 1 s), and for at most how long (default 5 min). */
    readonly pollMs?: number;
    readonly maxQueryMs?: number;
    readonly sleep?: (ms: number) => Promise<void>;
}

/** CloudWatch keeps one-minute datapoints for 15 days. */
export const MAX_DAYS = 15;

/** The metric dimensions of a function or of one alias or version, as the monitoring names them, in the API's form. */
function dimensions(functionName: string, qualifier: string | undefined): { Name: string; Value: string }[] {
    const metric = qualifier === undefined ? functionLambdaMetric("", functionName) : qualifiedLambdaMetric("", functionName, qualifier);
    return Object.entries(metric.dimensions).map(([Name, Value]) => ({ Name, Value }));
}

function query(id: string, metricName: string, stat: string, period: number, dims: { Name: string; Value: string }[]): MetricDataQuery {
    return { Id: id, MetricStat: { Metric: { Namespace: "AWS/Lambda", MetricName: metricName, Dimensions: dims }, Period: period, Stat: stat } };
}

/** Reads the profile. Throws an Error naming what was asked when CloudWatch answers something unusable. */
export async function readFunctionProfile(options: ReadProfileOptions): Promise<FunctionProfile> {
    if (!Number.isInteger(options.days) || options.days < 1 || options.days > MAX_DAYS) {
        throw new RangeError(`days must be a whole number from 1 to ${MAX_DAYS} (CloudWatch keeps one-minute data 15 days), got ${options.days}`);
    }
    const endMs = Math.floor(options.now.getTime() / MINUTE_MS) * MINUTE_MS;
    const startMs = endMs - options.days * 24 * 60 * MINUTE_MS;
    const minutes = (endMs - startMs) / MINUTE_MS;
    const dims = dimensions(options.functionName, options.qualifier);
    const periodSeconds = (endMs - startMs) / 1000;
    const queries = [
        query("invocations", "Invocations", "Sum", 60, dims),
        query("concurrency", "ConcurrentExecutions", "Maximum", 60, dims),
        query("p50", "Duration", "p50", periodSeconds, dims),
        query("p95", "Duration", "p95", periodSeconds, dims),
    ];
    const invocations = new Float64Array(minutes);
    const concurrency = new Float64Array(minutes);
    let p50: number | undefined;
    let p95: number | undefined;
    let nextToken: string | undefined;
    let pages = 0;
    // Each page carries up to 100,800 datapoints over the queries: the minutes of the period, twice, give the count.
    const expectedPages = Math.max(1, Math.ceil((2 * minutes) / 100_800));
    do {
        const page = await options.metrics.getMetricData({
            MetricDataQueries: queries,
            StartTime: new Date(startMs),
            EndTime: new Date(endMs),
            ScanBy: "TimestampAscending",
            NextToken: nextToken,
        });
        pages++;
        for (const result of page.MetricDataResults ?? []) {
            const timestamps = result.Timestamps ?? [];
            const values = result.Values ?? [];
            if (result.Id === "invocations" || result.Id === "concurrency") {
                const into = result.Id === "invocations" ? invocations : concurrency;
                timestamps.forEach((at, i) => {
                    const minute = Math.floor((at.getTime() - startMs) / MINUTE_MS);
                    if (minute >= 0 && minute < minutes) into[minute] = values[i];
                });
            } else if (result.Id === "p50" && values.length > 0) {
                p50 = values[0];
            } else if (result.Id === "p95" && values.length > 0) {
                p95 = values[0];
            }
        }
        nextToken = page.NextToken;
        options.onProgress?.(Math.min(0.9, (pages / expectedPages) * (options.logs ? 0.6 : 0.9)), `GetMetricData page ${pages}`);
    } while (nextToken !== undefined && nextToken !== "");

    const logs = options.logs === undefined ? undefined : await readReports(options, startMs, endMs);
    options.onProgress?.(1, "done");
    return {
        functionName: options.functionName,
        qualifier: options.qualifier,
        startMs,
        invocationsPerMinute: invocations,
        peakConcurrencyPerMinute: concurrency,
        durationP50Ms: p50,
        durationP95Ms: p95,
        logs,
        metricPages: pages,
    };
}

/**
 * The Logs Insights query over the REPORT lines: a REPORT line with an Init Duration is a cold start (Lambda writes
 * it only for the invocation that initialized the environment).
 */
export const REPORT_QUERY =
    'filter @type = "REPORT" | stats count(*) as reports, count(@initDuration) as coldStarts, avg(@initDuration) as initAvg, pct(@initDuration, 50) as initP50';

async function readReports(
    options: ReadProfileOptions,
    startMs: number,
    endMs: number,
): Promise<{ reports: number; coldStarts: number; initAvgMs?: number; initP50Ms?: number } | undefined> {
    const logs = options.logs!;
    const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
    const logGroupName = options.logGroupName ?? `/aws/lambda/${options.functionName}`;
    const started = await logs.startQuery({ logGroupName, startTime: Math.floor(startMs / 1000), endTime: Math.floor(endMs / 1000), queryString: REPORT_QUERY });
    if (started.queryId === undefined) throw new Error(`CloudWatch Logs did not start the query on ${logGroupName}`);
    const deadline = Date.now() + (options.maxQueryMs ?? 5 * 60_000);
    let polls = 0;
    for (;;) {
        const answer = await logs.getQueryResults({ queryId: started.queryId });
        polls++;
        const status = answer.status ?? "Unknown";
        if (status === "Complete") {
            const row = answer.results?.[0] ?? [];
            const field = (name: string): number | undefined => {
                const value = row.find((cell) => cell.field === name)?.value;
                return value === undefined || value === "" ? undefined : Number(value);
            };
            const reports = field("reports") ?? 0;
            if (reports === 0) return undefined;
            return { reports, coldStarts: field("coldStarts") ?? 0, initAvgMs: field("initAvg"), initP50Ms: field("initP50") };
        }
        if (status !== "Scheduled" && status !== "Running") {
            throw new Error(`CloudWatch Logs Insights query on ${logGroupName} ended ${status}`);
        }
        if (Date.now() > deadline) throw new Error(`CloudWatch Logs Insights query on ${logGroupName} still ${status} after ${polls} polls`);
        options.onProgress?.(Math.min(0.95, 0.6 + polls * 0.05), `Logs Insights query (${status.toLowerCase()})`);
        await sleep(options.pollMs ?? 1000);
    }
}

/** The profile as the per-minute CSV `advise --csv` reads ("time,count", oldest first). */
export function profileCsv(profile: FunctionProfile): string {
    const rows = ["time,count"];
    profile.invocationsPerMinute.forEach((count, minute) => {
        rows.push(`${new Date(profile.startMs + minute * MINUTE_MS).toISOString()},${count}`);
    });
    return rows.join("\n") + "\n";
}
