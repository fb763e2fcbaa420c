// The AWS stand-in's API endpoint: one HTTP server on 127.0.0.1 that answers the AWS SDK for JavaScript v3 clients
// (Lambda, Application Auto Scaling, CloudWatch, EventBridge, IAM, CloudWatch Logs) from the lifecycle model's account,
// the same AwsModel the stand-in provider (provider.ts) deploys to. Point a client at `url` (its `endpoint`), or every
// client at once with AWS_ENDPOINT_URL, which the SDK v3 reads for every service (@smithy/core, endpoints:
// getEndpointUrlConfig reads AWS_ENDPOINT_URL_<SERVICE> and then AWS_ENDPOINT_URL).
//
// Requests are routed by their protocol's operation marker (wire.ts): the X-Amz-Target prefix for the JSON services,
// the path for Lambda, the Action of a form body (Version 2010-05-08) for IAM. An operation the stand-in does not
// implement is answered with a 400 that names it. Every request is listed in `requests`.
//
// The stand-in keeps its own clock, which stands still until `passTime` moves it: then AWS acts on its own over the
// time that passed (aws-time.ts: scheduled actions, scheduled rules and the warmer function they run). Objects get
// their creation time when the endpoint first sees them.
import { createServer, IncomingMessage, Server, ServerResponse } from "node:http";
import { AddressInfo } from "node:net";
import { AwsModel } from "../lifecycle/aws-model";
import { readBody } from "../http-body";
import { createLocalLambdaHandler, LocalLambdaHandler } from "../local-lambda";
import { AUTOSCALING_TARGET_PREFIX, handleAutoScaling } from "./autoscaling-service";
import { StandInTime } from "./aws-time";
import { CLOUDWATCH_TARGET_PREFIX, handleCloudWatch } from "./cloudwatch-service";
import { EVENTS_TARGET_PREFIX, handleEvents } from "./events-service";
import { FunctionCodeStore } from "./function-code";
import { handleIam, IAM_VERSION } from "./iam-service";
import { handleLambda, isLambdaRequest, resolveInvocation, writeFunctionLines } from "./lambda-service";
import { handleLogs, LogStore, LOGS_TARGET_PREFIX } from "./logs-service";
import {
    ApiError,
    AwsRequest,
    JsonVersion,
    jsonOperation,
    parseJsonBody,
    queryParameters,
    sendJson,
    sendJsonError,
    sendQueryXml,
    sendQueryXmlError,
    sendRestJsonError,
} from "./wire";

/** What the services read and write: the account, the clock, and what the endpoint keeps besides the model. */
export interface StandInContext {
    readonly aws: AwsModel;
    readonly region: string;
    readonly accountId: string;
    now(): Date;
    /** When the endpoint first saw the object of this key (now, the first time it is asked). */
    createdAt(key: string): Date;
    /** Forgets an object's creation time (it was deleted). */
    forget(key: string): void;
    /** When the scaling activity at this index of the model's list happened (when the endpoint first saw it). */
    activityTime(index: number): Date;
    readonly logs: LogStore;
    readonly code: FunctionCodeStore;
    readonly invoke: LocalLambdaHandler;
}

/** The JSON services, by X-Amz-Target prefix. */
const JSON_SERVICES: Readonly<Record<string, { service: string; version: JsonVersion; queryCompatible: boolean; handle: (ctx: StandInContext, operation: string, body: Record<string, unknown>) => unknown }>> = {
    [AUTOSCALING_TARGET_PREFIX]: { service: "application-autoscaling", version: "1.1", queryCompatible: false, handle: handleAutoScaling },
    [EVENTS_TARGET_PREFIX]: { service: "events", version: "1.1", queryCompatible: false, handle: handleEvents },
    [LOGS_TARGET_PREFIX]: { service: "logs", version: "1.1", queryCompatible: false, handle: handleLogs },
    [CLOUDWATCH_TARGET_PREFIX]: { service: "cloudwatch", version: "1.0", queryCompatible: true, handle: handleCloudWatch },
};

export interface AwsEndpointOptions {
    /** The account: the stand-in provider's model. */
    readonly aws: AwsModel;
    /** Where the stand-in's clock starts. @default the real time */
    readonly start?: Date;
    /** @default "us-east-1" */
    readonly region?: string;
    /** @default "123456789012" (the stand-in provider's) */
    readonly accountId?: string;
}

export { STAND_IN_CREDENTIALS } from "./wire";

export class AwsEndpoint {
    /** What AWS did on its own as time passed, in order (aws-time.ts). */
    public readonly happened: string[];
    public readonly url: string;

    private constructor(
        private readonly server: Server,
        private readonly ctx: StandInContext,
        private readonly time: StandInTime,
        port: number,
        /** Every request, as service and operation, in order. */
        public readonly requests: { service: string; operation: string }[],
    ) {
        this.url = `http://127.0.0.1:${port}`;
        this.happened = time.happened;
    }

    public static async start(options: AwsEndpointOptions): Promise<AwsEndpoint> {
        let now = options.start?.getTime() ?? Date.now();
        const created = new Map<string, number>();
        const activityTimes: number[] = [];
        const region = options.region ?? "us-east-1";
        const code = new FunctionCodeStore();
        const holder: { ctx?: StandInContext } = {};
        const ctx: StandInContext = {
            aws: options.aws,
            region,
            accountId: options.accountId ?? "123456789012",
            now: () => new Date(now),
            createdAt: (key) => {
                if (!created.has(key)) {
                    created.set(key, now);
                }
                return new Date(created.get(key) as number);
            },
            forget: (key) => void created.delete(key),
            activityTime: (index) => {
                while (activityTimes.length < options.aws.scalingActivities.length) {
                    activityTimes.push(now);
                }
                return new Date(activityTimes[index]);
            },
            logs: new LogStore(),
            code,
            invoke: createLocalLambdaHandler(
                (name, qualifier) => resolveInvocation(holder.ctx as StandInContext, name, qualifier),
                (name, version, lines) => writeFunctionLines(holder.ctx as StandInContext, name, version, lines),
            ),
        };
        holder.ctx = ctx;
        const requests: { service: string; operation: string }[] = [];
        const server = createServer((request, response) => {
            void AwsEndpoint.serve(ctx, requests, request, response);
        });
        await new Promise<void>((resolve, reject) => {
            server.once("error", reject);
            server.listen(0, "127.0.0.1", () => resolve());
        });
        const { port } = server.address() as AddressInfo;
        const url = `http://127.0.0.1:${port}`;
        const time = new StandInTime(
            ctx,
            (at) => {
                // Activities recorded before the clock moves happened before it.
                ctx.activityTime(0);
                now = at.getTime();
            },
            url,
        );
        return new AwsEndpoint(server, ctx, time, port, requests);
    }

    /** The stand-in's clock. */
    public now(): Date {
        return this.ctx.now();
    }

    /** Moves the clock `ms` forward; AWS acts on what falls due in that time (aws-time.ts). */
    public async passTime(ms: number): Promise<void> {
        await this.time.passUntil(new Date(this.ctx.now().getTime() + ms));
    }

    /** The log events written to a log group so far (the warmer's report lines, for example). */
    public logEvents(group: string): readonly { timestamp: number; message: string }[] {
        return this.ctx.logs.events(group);
    }

    public async close(): Promise<void> {
        await new Promise<void>((resolve) => {
            this.server.close(() => resolve());
            this.server.closeAllConnections();
        });
        this.ctx.code.close();
    }

    private static async serve(ctx: StandInContext, requests: { service: string; operation: string }[], incoming: IncomingMessage, response: ServerResponse): Promise<void> {
        const url = new URL(incoming.url ?? "/", "http://127.0.0.1");
        const request: AwsRequest = { incoming, method: incoming.method ?? "GET", path: url.pathname, query: url.searchParams, headers: incoming.headers, body: await readBody(incoming) };
        try {
            if (incoming.headers["x-amz-target"] !== undefined) {
                const { prefix, operation } = jsonOperation(request);
                const service = JSON_SERVICES[prefix];
                requests.push({ service: service?.service ?? prefix, operation });
                if (service === undefined) {
                    sendJsonError(response, "1.1", new ApiError(400, "UnknownOperationException", `the AWS stand-in does not implement ${prefix}.${operation}`));
                    return;
                }
                try {
                    sendJson(response, service.version, service.handle(ctx, operation, parseJsonBody(request)));
                } catch (error) {
                    if (!(error instanceof ApiError)) {
                        throw error;
                    }
                    sendJsonError(response, service.version, error, service.queryCompatible);
                }
                return;
            }
            if (isLambdaRequest(request)) {
                const operation = await handleLambda(ctx, request, response);
                requests.push({ service: "lambda", operation });
                return;
            }
            const parameters = queryParameters(request);
            const action = parameters.get("Action");
            if (action !== null && parameters.get("Version") === IAM_VERSION) {
                requests.push({ service: "iam", operation: action });
                try {
                    sendQueryXml(response, action, handleIam(ctx, action, parameters));
                } catch (error) {
                    if (!(error instanceof ApiError)) {
                        throw error;
                    }
                    sendQueryXmlError(response, error);
                }
                return;
            }
            requests.push({ service: "unknown", operation: `${request.method} ${request.path}` });
            sendRestJsonError(response, new ApiError(400, "UnknownOperationException", `the AWS stand-in does not implement ${request.method} ${request.path}${action === null ? "" : ` (Action ${action})`}`));
        } catch (error) {
            // A bug of the stand-in: answered as AWS answers its own failures, with the cause in the message.
            if (!response.headersSent) {
                sendRestJsonError(response, new ApiError(500, "ServiceException", `the AWS stand-in failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`));
            }
        }
    }
}
