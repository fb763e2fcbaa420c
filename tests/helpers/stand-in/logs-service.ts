// CloudWatch Logs on the stand-in endpoint (AWS JSON 1.1, X-Amz-Target Logs_20140328.<Operation>): log groups are
// the lifecycle model's (the provider's LogGroup objects); log events are kept here, written by the functions the
// stand-in runs (the warmer's report lines, aws-time.ts) or by PutLogEvents. Shapes and error texts follow the
// CloudWatch Logs API reference (DescribeLogGroups, CreateLogGroup, DeleteLogGroup, CreateLogStream, PutLogEvents,
// FilterLogEvents).
import { randomUUID } from "node:crypto";
import { AwsError } from "../lifecycle/aws-model";
import { TYPES } from "../lifecycle/types";
import type { StandInContext } from "./aws-endpoint";
import { ApiError, optionalNumber, optionalString } from "./wire";

export const LOGS_TARGET_PREFIX = "Logs_20140328";

type Body = Record<string, unknown>;

export interface LogEvent {
    readonly logStreamName: string;
    readonly timestamp: number;
    readonly message: string;
    readonly ingestionTime: number;
    readonly eventId: string;
}

/** The log events of each log group, in the order written. */
export class LogStore {
    private readonly groups = new Map<string, LogEvent[]>();
    private readonly streams = new Map<string, Set<string>>();

    public write(group: string, stream: string, events: readonly { timestamp: number; message: string }[], ingestionTime: number): void {
        const list = this.groups.get(group) ?? [];
        this.groups.set(group, list);
        this.addStream(group, stream);
        for (const e of events) {
            list.push({ logStreamName: stream, timestamp: e.timestamp, message: e.message, ingestionTime, eventId: randomUUID().replace(/-/g, "") });
        }
    }

    public addStream(group: string, stream: string): boolean {
        const streams = this.streams.get(group) ?? new Set<string>();
        this.streams.set(group, streams);
        const added = !streams.has(stream);
        streams.add(stream);
        return added;
    }

    public hasStream(group: string, stream: string): boolean {
        return this.streams.get(group)?.has(stream) ?? false;
    }

    public events(group: string): readonly LogEvent[] {
        return this.groups.get(group) ?? [];
    }

    /** Forgets what was written to groups that no longer exist (a deleted log group takes its events with it). */
    public keepOnly(existing: ReadonlySet<string>): void {
        for (const group of [...this.groups.keys(), ...this.streams.keys()]) {
            if (!existing.has(group)) {
                this.groups.delete(group);
                this.streams.delete(group);
            }
        }
    }
}

/**
 * Whether a message matches a filter pattern of terms: every term must occur in the message, case-sensitively; a
 * quoted term is matched as the exact phrase; a term after "-" must not occur (CloudWatch Logs user guide, "Filter
 * pattern syntax for metric filters, subscription filters, filter log events, and Live Tail", matching terms in
 * unstructured log events). JSON and space-delimited patterns, and "?" alternatives, are refused.
 */
export function matchesFilterPattern(pattern: string, message: string): boolean {
    const trimmed = pattern.trim();
    if (trimmed === "") {
        return true;
    }
    if (/^[{[]/.test(trimmed) || /(^|\s)\?/.test(trimmed)) {
        throw new ApiError(400, "InvalidParameterException", `the AWS stand-in matches plain terms only, not the pattern ${pattern}`);
    }
    const terms = [...trimmed.matchAll(/(-?)(?:"((?:[^"\\]|\\.)*)"|(\S+))/g)].map((m) => ({ exclude: m[1] === "-", text: m[2] ?? m[3] }));
    return terms.every((t) => message.includes(t.text) !== t.exclude);
}

function notFound(): ApiError {
    return new ApiError(400, "ResourceNotFoundException", "The specified log group does not exist.");
}

/** The group a request names (logGroupName, or logGroupIdentifier as a name or ARN). */
function groupOf(body: Body): string {
    const identifier = optionalString(body, "logGroupName") ?? optionalString(body, "logGroupIdentifier") ?? "";
    const arn = /^arn:[^:]+:logs:[^:]+:\d{12}:log-group:([^:]+)(?::\*)?$/.exec(identifier);
    return arn === null ? identifier : arn[1];
}

export function handleLogs(ctx: StandInContext, operation: string, body: Body): unknown {
    const { aws } = ctx;
    const groups = new Map(aws.objectsOfType(TYPES.logGroup).map((o) => [String(o.props.name), o.props]));
    ctx.logs.keepOnly(new Set(groups.keys()));
    switch (operation) {
        case "DescribeLogGroups": {
            const prefix = optionalString(body, "logGroupNamePrefix") ?? "";
            const names = [...groups.keys()].filter((n) => n.startsWith(prefix)).sort();
            return {
                logGroups: names.map((name) => {
                    const props = groups.get(name) as Record<string, unknown>;
                    const retention = typeof props.retentionInDays === "number" && props.retentionInDays > 0 ? props.retentionInDays : undefined;
                    return {
                        logGroupName: name,
                        creationTime: ctx.createdAt(`log-group:${name}`).getTime(),
                        ...(retention === undefined ? {} : { retentionInDays: retention }),
                        metricFilterCount: 0,
                        arn: `arn:aws:logs:${ctx.region}:${ctx.accountId}:log-group:${name}:*`,
                        logGroupArn: `arn:aws:logs:${ctx.region}:${ctx.accountId}:log-group:${name}`,
                        storedBytes: 0,
                        logGroupClass: "STANDARD",
                    };
                }),
            };
        }
        case "CreateLogGroup": {
            const name = groupOf(body);
            try {
                aws.create(TYPES.logGroup, { name });
            } catch (error) {
                throw error instanceof AwsError ? new ApiError(400, error.code, error.detail) : error;
            }
            ctx.createdAt(`log-group:${name}`);
            return {};
        }
        case "DeleteLogGroup": {
            const name = groupOf(body);
            if (!groups.has(name)) {
                throw notFound();
            }
            aws.delete(TYPES.logGroup, name, { name });
            ctx.forget(`log-group:${name}`);
            ctx.logs.keepOnly(new Set([...groups.keys()].filter((g) => g !== name)));
            return {};
        }
        case "PutRetentionPolicy": {
            const name = groupOf(body);
            const props = groups.get(name);
            if (props === undefined) {
                throw notFound();
            }
            aws.update(TYPES.logGroup, name, props, { ...props, retentionInDays: optionalNumber(body, "retentionInDays") });
            return {};
        }
        case "CreateLogStream": {
            const name = groupOf(body);
            if (!groups.has(name)) {
                throw notFound();
            }
            if (!ctx.logs.addStream(name, String(body.logStreamName))) {
                throw new ApiError(400, "ResourceAlreadyExistsException", "The specified log stream already exists");
            }
            return {};
        }
        case "PutLogEvents": {
            const name = groupOf(body);
            const stream = String(body.logStreamName);
            if (!groups.has(name) || !ctx.logs.hasStream(name, stream)) {
                throw new ApiError(400, "ResourceNotFoundException", groups.has(name) ? "The specified log stream does not exist." : "The specified log group does not exist.");
            }
            const events = ((body.logEvents as { timestamp: number; message: string }[] | undefined) ?? []).map((e) => ({ timestamp: e.timestamp, message: e.message }));
            ctx.logs.write(name, stream, events, ctx.now().getTime());
            return {};
        }
        case "FilterLogEvents": {
            const name = groupOf(body);
            if (!groups.has(name)) {
                throw notFound();
            }
            const start = optionalNumber(body, "startTime");
            const end = optionalNumber(body, "endTime");
            const streams = Array.isArray(body.logStreamNames) ? (body.logStreamNames as string[]) : undefined;
            const pattern = optionalString(body, "filterPattern") ?? "";
            const events = ctx.logs
                .events(name)
                .filter(
                    (e) =>
                        (start === undefined || e.timestamp >= start) &&
                        (end === undefined || e.timestamp <= end) &&
                        (streams === undefined || streams.includes(e.logStreamName)) &&
                        matchesFilterPattern(pattern, e.message),
                )
                .sort((a, b) => a.timestamp - b.timestamp);
            return { events: events.map((e) => ({ ...e })), searchedLogStreams: [] };
        }
        default:
            throw new ApiError(400, "UnknownOperationException", `the AWS stand-in does not implement ${LOGS_TARGET_PREFIX}.${operation}`);
    }
}
