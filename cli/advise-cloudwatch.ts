// `advise --function NAME[:QUALIFIER]`: the traffic and function figures read from CloudWatch, handed to the rest of
// the command as a per-minute CSV (the same path as --csv) and as the duration and init flags the user did not give.
import { FunctionProfile, LogsReader, MAX_DAYS, MetricsReader, readFunctionProfile } from "../advisor/cloudwatch-profile";
import { parseFunctionReference, validateQualifier } from "../components/function-reference";
import { UsageError } from "./advise-errors";

/** The flags that read CloudWatch, and those that only make sense with them. */
export const CLOUDWATCH_FLAGS = ["function", "region", "days", "save-csv", "log-group", "endpoint-url"] as const;

/** Where `--function` reads from, checked. */
export interface CloudWatchSource {
    readonly functionName: string;
    readonly qualifier?: string;
    readonly region: string;
    readonly days: number;
    readonly logGroupName?: string;
    readonly endpoint?: string;
}

/** Checks the CloudWatch flags; undefined without --function. */
export function cloudWatchSource(flags: Map<string, string>, env: Readonly<Record<string, string | undefined>>): CloudWatchSource | undefined {
    const given = flags.get("function");
    if (given === undefined) {
        for (const flag of CLOUDWATCH_FLAGS) {
            if (flag !== "function" && flags.has(flag)) throw new UsageError(`--${flag} needs --function`);
        }
        return undefined;
    }
    for (const other of ["rps", "shape", "csv", "trace"]) {
        if (flags.has(other)) throw new UsageError(`choose one traffic source, got --function and --${other}`);
    }
    // NAME:QUALIFIER, or a function name or ARN as the components take it (an ARN may carry the qualifier).
    const short = /^([A-Za-z0-9_-]+):([^:]+)$/.exec(given);
    const parsed = parseFunctionReference(short === null ? given : short[1]);
    if ("error" in parsed) throw new UsageError(`--function: ${parsed.error}`);
    const qualifier = short === null ? parsed.reference.arnQualifier : short[2];
    if (qualifier !== undefined) {
        const problem = validateQualifier(qualifier, "the qualifier");
        if (problem !== undefined) throw new UsageError(`--function: ${problem}`);
    }
    const region = flags.get("region") ?? env.AWS_REGION ?? env.AWS_DEFAULT_REGION;
    if (region === undefined) throw new UsageError("--function needs a region: --region, or AWS_REGION in the environment");
    if (!/^[a-z]{2}(-[a-z]+)+-\d+$/.test(region)) throw new UsageError(`--region must be an AWS region such as us-east-1, got ${region}`);
    const daysText = flags.get("days") ?? "14";
    const days = Number(daysText);
    if (!Number.isInteger(days) || days < 1 || days > MAX_DAYS) {
        throw new UsageError(`--days must be a whole number from 1 to ${MAX_DAYS} (CloudWatch keeps one-minute data 15 days), got ${daysText}`);
    }
    const endpoint = flags.get("endpoint-url");
    if (endpoint !== undefined && !/^https?:\/\/[^\s]+$/.test(endpoint)) throw new UsageError(`--endpoint-url must be an http(s) URL, got ${endpoint}`);
    return {
        functionName: parsed.reference.name,
        qualifier,
        region,
        days,
        logGroupName: flags.get("log-group"),
        endpoint,
    };
}

/**
 * The AWS SDK v3 clients behind the two readers, loaded only now. Their standard retry mode retries throttling errors
 * (Throttling, ThrottlingException, ...) with exponential backoff and jitter; 8 attempts leave room for busy accounts.
 */
export async function sdkReaders(source: CloudWatchSource): Promise<{ metrics: MetricsReader; logs: LogsReader }> {
    let cloudwatch: typeof import("@aws-sdk/client-cloudwatch");
    let logs: typeof import("@aws-sdk/client-cloudwatch-logs");
    try {
        cloudwatch = await import("@aws-sdk/client-cloudwatch");
        logs = await import("@aws-sdk/client-cloudwatch-logs");
    } catch {
        throw new UsageError(
            "--function reads CloudWatch with the AWS SDK for JavaScript v3; install it beside this package: " +
                "npm install @aws-sdk/client-cloudwatch @aws-sdk/client-cloudwatch-logs",
        );
    }
    const config = { region: source.region, maxAttempts: 8, ...(source.endpoint === undefined ? {} : { endpoint: source.endpoint }) };
    const metricsClient = new cloudwatch.CloudWatchClient(config);
    const logsClient = new logs.CloudWatchLogsClient(config);
    return {
        metrics: { getMetricData: (input) => metricsClient.send(new cloudwatch.GetMetricDataCommand(input)) },
        logs: {
            startQuery: (input) => logsClient.send(new logs.StartQueryCommand(input)),
            getQueryResults: (input) => logsClient.send(new logs.GetQueryResultsCommand(input)),
        },
    };
}

/** Reads the profile, turning an AWS error into one line that names the function. */
export async function readProfile(
    source: CloudWatchSource,
    readers: { metrics: MetricsReader; logs: LogsReader },
    now: Date,
    onProgress?: (fraction: number, label: string) => void,
    pollMs?: number,
): Promise<FunctionProfile> {
    try {
        return await readFunctionProfile({ ...source, ...readers, now, onProgress, pollMs });
    } catch (error) {
        const what = `${source.functionName}${source.qualifier === undefined ? "" : `:${source.qualifier}`} in ${source.region}`;
        throw new UsageError(`--function: reading CloudWatch for ${what} failed: ${error instanceof Error ? error.message : String(error)}`);
    }
}

/** What the command prints about what it read (on stderr). */
export function profileNotes(profile: FunctionProfile, days: number): string[] {
    const total = profile.invocationsPerMinute.reduce((sum, v) => sum + v, 0);
    const target = `${profile.functionName}${profile.qualifier === undefined ? "" : `:${profile.qualifier}`}`;
    const notes = [
        `--function: read ${days} day${days === 1 ? "" : "s"} of ${target} from CloudWatch: ${Math.round(total).toLocaleString("en-US")} invocations, ` +
            `peak concurrency ${Math.max(0, ...profile.peakConcurrencyPerMinute)} (${profile.metricPages} GetMetricData page${profile.metricPages === 1 ? "" : "s"})`,
    ];
    if (profile.durationP50Ms !== undefined && profile.durationP95Ms !== undefined) {
        notes.push(`--function: duration p50 ${profile.durationP50Ms.toFixed(0)} ms, p95 ${profile.durationP95Ms.toFixed(0)} ms over the period`);
    }
    if (profile.logs === undefined) {
        notes.push("--function: no REPORT lines in the function's log group: init duration from --init-ms or --runtime");
    } else {
        const rate = profile.logs.reports > 0 ? (100 * profile.logs.coldStarts) / profile.logs.reports : 0;
        notes.push(
            `--function: ${profile.logs.coldStarts.toLocaleString("en-US")} cold starts in ${profile.logs.reports.toLocaleString("en-US")} REPORT lines ` +
                `(${Number(rate.toPrecision(3))}%)` +
                (profile.logs.initAvgMs === undefined ? "" : `, Init Duration avg ${profile.logs.initAvgMs.toFixed(0)} ms`),
        );
    }
    return notes;
}
