// A local CloudWatch and CloudWatch Logs endpoint for the advisor's `--function` tests: enough of GetMetricData (AWS
// JSON 1.0, target GraniteServiceVersion20100801.GetMetricData) and of StartQuery / GetQueryResults (AWS JSON 1.1,
// targets Logs_20140328.*), over HTTP on 127.0.0.1, for the real @aws-sdk/client-cloudwatch and
// @aws-sdk/client-cloudwatch-logs to talk to it: their requests as they send them (checked), paged results with
// NextToken, and throttling errors on demand. The protocols' answers and errors are the AWS stand-in's (stand-in/wire.ts,
// whose endpoint serves CloudWatch's alarms and dashboards in the same protocol).
import { createServer, Server, ServerResponse } from "node:http";
import { AddressInfo } from "node:net";
import { readBody } from "./http-body";
import { ApiError, JsonVersion, sendJson, sendJsonError } from "./stand-in/wire";

const MINUTE_MS = 60_000;

/** The account's data for one function (and qualifier, if the queries name one). */
export interface FakeFunctionData {
    /** Invocations in the minute that starts at `minuteMs`; 0 gives no datapoint, as CloudWatch does. */
    invocations: (minuteMs: number) => number;
    concurrency: (minuteMs: number) => number;
    durationP50Ms: number;
    durationP95Ms: number;
    /** The Logs Insights answer; undefined: the log group has no REPORT line. */
    reports?: { reports: number; coldStarts: number; initAvgMs: number; initP50Ms: number };
}

export interface LocalCloudWatchOptions {
    /** Keyed by FunctionName or FunctionName + "|" + Resource. */
    functions: Record<string, FakeFunctionData>;
    /** Datapoints per GetMetricData page (the real limit is 100,800). */
    pageSize?: number;
    /** How many times each operation answers "throttled" before it answers. */
    throttleFirst?: Partial<Record<"GetMetricData" | "StartQuery" | "GetQueryResults", number>>;
    /** How many GetQueryResults polls answer "Running" before "Complete". */
    runningPolls?: number;
    /** Answer every GetMetricData with this error (e.g. AccessDenied: not retried). */
    metricDataError?: { type: string; message: string };
}

export interface LocalCloudWatch {
    readonly endpoint: string;
    /** Every request, as received: operation, headers that matter, parsed body. */
    readonly requests: { operation: string; target: string; contentType: string; body: Record<string, unknown> }[];
    close(): Promise<void>;
}


/** An answer of either protocol: 200 with the body, or the error `__type` and message of the body. */
function send(response: ServerResponse, status: number, version: JsonVersion, body: Record<string, unknown>, queryCompatible = false): void {
    if (status === 200) {
        sendJson(response, version, body);
    } else {
        sendJsonError(response, version, new ApiError(status, String(body.__type), String(body.message)), queryCompatible);
    }
}

interface Dimension {
    Name: string;
    Value: string;
}
interface Query {
    Id: string;
    MetricStat: { Metric: { Namespace: string; MetricName: string; Dimensions: Dimension[] }; Period: number; Stat: string };
}

export async function startLocalCloudWatch(options: LocalCloudWatchOptions): Promise<LocalCloudWatch> {
    const requests: LocalCloudWatch["requests"] = [];
    const throttled = new Map<string, number>();
    const queries = new Map<string, { key: string; polls: number }>();
    const pageSize = options.pageSize ?? 100_800;

    function dataFor(dimensions: Dimension[]): FakeFunctionData | undefined {
        const name = dimensions.find((d) => d.Name === "FunctionName")?.Value ?? "";
        const resource = dimensions.find((d) => d.Name === "Resource")?.Value;
        return options.functions[resource === undefined ? name : `${name}|${resource}`];
    }

    function getMetricData(body: Record<string, unknown>): unknown {
        const start = Number(body.StartTime) * 1000;
        const end = Number(body.EndTime) * 1000;
        const all: { id: string; at: number; value: number }[] = [];
        for (const q of body.MetricDataQueries as Query[]) {
            const data = dataFor(q.MetricStat.Metric.Dimensions);
            if (data === undefined) continue;
            const stat = q.MetricStat.Stat;
            const periodMs = q.MetricStat.Period * 1000;
            if (stat === "p50" || stat === "p95") {
                all.push({ id: q.Id, at: start, value: stat === "p50" ? data.durationP50Ms : data.durationP95Ms });
                continue;
            }
            for (let at = start; at < end; at += periodMs) {
                const value = q.MetricStat.Metric.MetricName === "Invocations" ? data.invocations(at) : data.concurrency(at);
                if (value > 0) all.push({ id: q.Id, at, value });
            }
        }
        const offset = typeof body.NextToken === "string" ? Number(body.NextToken) : 0;
        const page = all.slice(offset, offset + pageSize);
        const byId = new Map<string, { Timestamps: number[]; Values: number[] }>();
        for (const q of body.MetricDataQueries as Query[]) byId.set(q.Id, { Timestamps: [], Values: [] });
        for (const point of page) {
            byId.get(point.id)!.Timestamps.push(point.at / 1000);
            byId.get(point.id)!.Values.push(point.value);
        }
        const more = offset + pageSize < all.length;
        return {
            MetricDataResults: [...byId.entries()].map(([Id, series]) => ({ Id, Label: Id, ...series, StatusCode: more ? "PartialData" : "Complete" })),
            ...(more ? { NextToken: String(offset + pageSize) } : {}),
        };
    }

    const server: Server = createServer((request, response) => {
        void (async () => {
            const text = await readBody(request);
            const target = String(request.headers["x-amz-target"] ?? "");
            const contentType = String(request.headers["content-type"] ?? "");
            const operation = target.split(".").pop() ?? "";
            const body = text === "" ? {} : (JSON.parse(text) as Record<string, unknown>);
            requests.push({ operation, target, contentType, body });
            const isLogs = target.startsWith("Logs_20140328.");
            const json: JsonVersion = isLogs ? "1.1" : "1.0";
            const limit = options.throttleFirst?.[operation as "GetMetricData"] ?? 0;
            const seen = throttled.get(operation) ?? 0;
            if (seen < limit) {
                throttled.set(operation, seen + 1);
                // CloudWatch's throttling error, as its JSON protocol gives it to an awsQueryCompatible client.
                if (isLogs) send(response, 400, json, { __type: "ThrottlingException", message: "Rate exceeded" });
                else send(response, 400, json, { __type: "Throttling", message: "Rate exceeded" }, true);
                return;
            }
            if (operation === "GetMetricData" && options.metricDataError !== undefined) {
                const { type, message } = options.metricDataError;
                send(response, 400, json, { __type: type, message }, true);
                return;
            }
            switch (target) {
                case "GraniteServiceVersion20100801.GetMetricData":
                    send(response, 200, json, getMetricData(body) as Record<string, unknown>);
                    return;
                case "Logs_20140328.StartQuery": {
                    const group = typeof body.logGroupName === "string" ? body.logGroupName : "";
                    const name = group.replace(/^\/aws\/lambda\//, "");
                    const queryId = `q-${queries.size + 1}`;
                    queries.set(queryId, { key: name, polls: 0 });
                    send(response, 200, json, { queryId });
                    return;
                }
                case "Logs_20140328.GetQueryResults": {
                    const q = queries.get(String(body.queryId));
                    if (q === undefined) {
                        send(response, 400, json, { __type: "ResourceNotFoundException", message: "no such query" });
                        return;
                    }
                    q.polls++;
                    if (q.polls <= (options.runningPolls ?? 0)) {
                        send(response, 200, json, { status: "Running", results: [] });
                        return;
                    }
                    const reports = options.functions[q.key]?.reports;
                    const row =
                        reports === undefined
                            ? [{ field: "reports", value: "0" }, { field: "coldStarts", value: "0" }]
                            : [
                                  { field: "reports", value: String(reports.reports) },
                                  { field: "coldStarts", value: String(reports.coldStarts) },
                                  { field: "initAvg", value: String(reports.initAvgMs) },
                                  { field: "initP50", value: String(reports.initP50Ms) },
                              ];
                    send(response, 200, json, { status: "Complete", results: [row] });
                    return;
                }
                default:
                    send(response, 400, json, { __type: "UnknownOperationException", message: `unknown target ${target}` });
            }
        })();
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const { port } = server.address() as AddressInfo;
    return {
        endpoint: `http://127.0.0.1:${port}`,
        requests,
        close: () => new Promise<void>((resolve) => server.close(() => resolve())),
    };
}

export { MINUTE_MS };
