// The wire protocols of the AWS APIs the stand-in endpoint answers (aws-endpoint.ts), as the AWS SDK for JavaScript
// v3 clients of package.json send and parse them (each protocol's Smithy specification, "AWS protocols"):
// - AWS JSON 1.0 / 1.1 (Application Auto Scaling, EventBridge, CloudWatch Logs: 1.1; CloudWatch: 1.0 with
//   awsQueryCompatible): POST /, the operation in X-Amz-Target ("Service.Operation"), a JSON body both ways; an error
//   is a 4xx/5xx whose JSON body names it in `__type`, and for an awsQueryCompatible service the x-amzn-query-error
//   header carries the Query error code ("Code;Sender").
// - REST-JSON (Lambda): the operation in the method and path, parameters in the path and query, a JSON body; an error
//   names its code in the x-amzn-ErrorType header.
// - AWS Query (IAM): POST / with a form body (Action, Version, parameters); answers in XML
//   (<OperationResponse><OperationResult>...), errors as <ErrorResponse><Error><Type><Code><Message>.
import type { IncomingMessage, ServerResponse } from "node:http";
import { randomUUID } from "node:crypto";

/** Credentials for the SDK clients pointed at the stand-in: it checks no signature. */
export const STAND_IN_CREDENTIALS = { accessKeyId: "AKIDSTANDIN", secretAccessKey: "stand-in-secret" };

/** One request as the endpoint received it. */
export interface AwsRequest {
    readonly incoming: IncomingMessage;
    readonly method: string;
    readonly path: string;
    readonly query: URLSearchParams;
    readonly headers: IncomingMessage["headers"];
    readonly body: string;
}

/** An AWS error: its code (the SDK's error name), HTTP status and message. */
export class ApiError extends Error {
    constructor(
        public readonly status: number,
        public readonly code: string,
        message: string,
        /** Members of the error's body besides the message (Lambda's `Type`, for example). */
        public readonly extra: Readonly<Record<string, unknown>> = {},
    ) {
        super(message);
        this.name = code;
    }
}

/** The operation of an AWS JSON request: the part of X-Amz-Target after the service prefix. */
export function jsonOperation(request: AwsRequest): { prefix: string; operation: string } {
    const target = String(request.headers["x-amz-target"] ?? "");
    const dot = target.lastIndexOf(".");
    return { prefix: target.slice(0, dot), operation: target.slice(dot + 1) };
}

export function parseJsonBody(request: AwsRequest): Record<string, unknown> {
    if (request.body === "") {
        return {};
    }
    try {
        return JSON.parse(request.body) as Record<string, unknown>;
    } catch {
        throw new ApiError(400, "SerializationException", "the request body is not JSON");
    }
}

export type JsonVersion = "1.0" | "1.1";

export function sendJson(response: ServerResponse, version: JsonVersion, body: unknown): void {
    response.writeHead(200, { "content-type": `application/x-amz-json-${version}`, "x-amzn-requestid": randomUUID() });
    response.end(JSON.stringify(body));
}

/** An error of an AWS JSON service; `queryCompatible` adds the x-amzn-query-error header (CloudWatch). */
export function sendJsonError(response: ServerResponse, version: JsonVersion, error: ApiError, queryCompatible = false): void {
    const headers: Record<string, string> = { "content-type": `application/x-amz-json-${version}`, "x-amzn-requestid": randomUUID() };
    if (queryCompatible) {
        headers["x-amzn-query-error"] = `${error.code};Sender`;
    }
    response.writeHead(error.status, headers);
    response.end(JSON.stringify({ __type: error.code, message: error.message, ...error.extra }));
}

export function sendRestJson(response: ServerResponse, status: number, body: unknown): void {
    response.writeHead(status, { "content-type": "application/json", "x-amzn-requestid": randomUUID() });
    response.end(body === undefined ? "" : JSON.stringify(body));
}

export function sendRestJsonError(response: ServerResponse, error: ApiError): void {
    response.writeHead(error.status, { "content-type": "application/json", "x-amzn-requestid": randomUUID(), "x-amzn-errortype": error.code });
    response.end(JSON.stringify({ Type: "User", message: error.message, ...error.extra }));
}

/** The parameters of an AWS Query request (its form body, or its query string). */
export function queryParameters(request: AwsRequest): URLSearchParams {
    return request.body !== "" ? new URLSearchParams(request.body) : request.query;
}

export function xmlEscape(text: string): string {
    return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;").replace(/'/g, "&apos;");
}

/** Nested elements from a plain object: strings, numbers and booleans as text, objects as elements, undefined left out. */
export function xmlElements(value: Readonly<Record<string, unknown>>): string {
    return Object.entries(value)
        .filter(([, v]) => v !== undefined)
        .map(([k, v]) => `<${k}>${typeof v === "object" && v !== null ? xmlElements(v as Record<string, unknown>) : xmlEscape(String(v))}</${k}>`)
        .join("");
}

const IAM_NAMESPACE = "https://iam.amazonaws.com/doc/2010-05-08/";

export function sendQueryXml(response: ServerResponse, action: string, result: Readonly<Record<string, unknown>>): void {
    const requestId = randomUUID();
    response.writeHead(200, { "content-type": "text/xml", "x-amzn-requestid": requestId });
    response.end(
        `<${action}Response xmlns="${IAM_NAMESPACE}"><${action}Result>${xmlElements(result)}</${action}Result>` +
            `<ResponseMetadata><RequestId>${requestId}</RequestId></ResponseMetadata></${action}Response>`,
    );
}

export function sendQueryXmlError(response: ServerResponse, error: ApiError): void {
    const requestId = randomUUID();
    response.writeHead(error.status, { "content-type": "text/xml", "x-amzn-requestid": requestId });
    response.end(
        `<ErrorResponse xmlns="${IAM_NAMESPACE}"><Error><Type>Sender</Type><Code>${xmlEscape(error.code)}</Code>` +
            `<Message>${xmlEscape(error.message)}</Message></Error><RequestId>${requestId}</RequestId></ErrorResponse>`,
    );
}

/** Seconds since the epoch, as the AWS JSON protocols send timestamps. */
export function epochSeconds(at: Date): number {
    return at.getTime() / 1000;
}

/** ISO 8601 with milliseconds and a +0000 offset, as Lambda sends its LastModified strings. */
export function lambdaTimestamp(at: Date): string {
    return at.toISOString().replace("Z", "+0000");
}

/** Reads a required string parameter of a JSON request. */
export function requiredString(body: Readonly<Record<string, unknown>>, name: string): string {
    const value = body[name];
    if (typeof value !== "string" || value === "") {
        throw new ApiError(400, "ValidationException", `1 validation error detected: Value null at '${name.charAt(0).toLowerCase()}${name.slice(1)}' failed to satisfy constraint: Member must not be null`);
    }
    return value;
}

export function optionalString(body: Readonly<Record<string, unknown>>, name: string): string | undefined {
    const value = body[name];
    return typeof value === "string" ? value : undefined;
}

export function optionalNumber(body: Readonly<Record<string, unknown>>, name: string): number | undefined {
    const value = body[name];
    return typeof value === "number" ? value : undefined;
}
