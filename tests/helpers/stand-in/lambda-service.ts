// Lambda's REST-JSON API on the stand-in endpoint: the provisioned concurrency operations the acceptance runner calls
// (Get, List, Put, Delete) over the lifecycle model's account, and Invoke, which runs the function's deployed code
// (function-code.ts) on the local Invoke endpoint (tests/helpers/local-lambda.ts). Paths, methods and status codes are
// the Lambda API reference's (GetProvisionedConcurrencyConfig: GET /2019-09-30/functions/{FunctionName}/
// provisioned-concurrency?Qualifier=; List adds ?List=ALL; Put: PUT, 202; Delete: DELETE, 204; Invoke: POST
// /2015-03-31/functions/{FunctionName}/invocations). Error codes and texts are Lambda's as the model states them.
import type { ServerResponse } from "node:http";
import { AwsError, plainFunctionName } from "../lifecycle/aws-model";
import { TYPES } from "../lifecycle/types";
import { isAllocated } from "./allocation";
import type { ResolvedFunction } from "../local-lambda";
import type { StandInContext } from "./aws-endpoint";
import { ApiError, AwsRequest, lambdaTimestamp, parseJsonBody, sendRestJson, sendRestJsonError } from "./wire";

/** HTTP statuses of Lambda's errors (Lambda API reference, each operation's Errors). */
const STATUS: Readonly<Record<string, number>> = {
    InvalidParameterValueException: 400,
    ValidationException: 400,
    ResourceNotFoundException: 404,
    ProvisionedConcurrencyConfigNotFoundException: 404,
    ResourceConflictException: 409,
    TooManyRequestsException: 429,
};

function fromModel(error: unknown): unknown {
    return error instanceof AwsError ? new ApiError(STATUS[error.code] ?? 400, error.code, error.detail) : error;
}

/** Whether this request is Lambda's; the endpoint routes it here by its path. */
export function isLambdaRequest(request: AwsRequest): boolean {
    return /^\/20\d\d-\d\d-\d\d\/functions\//.test(request.path);
}

export async function handleLambda(ctx: StandInContext, request: AwsRequest, response: ServerResponse): Promise<string> {
    const invoke = /^\/2015-03-31\/functions\/([^/]+)\/invocations$/.exec(request.path);
    if (invoke !== null && request.method === "POST") {
        await ctx.invoke.handle(request.incoming, response, request.body);
        return "Invoke";
    }
    const pc = /^\/2019-09-30\/functions\/([^/]+)\/provisioned-concurrency$/.exec(request.path);
    const operation =
        pc === null
            ? undefined
            : request.method === "GET"
              ? request.query.get("List") === "ALL"
                  ? "ListProvisionedConcurrencyConfigs"
                  : "GetProvisionedConcurrencyConfig"
              : request.method === "PUT"
                ? "PutProvisionedConcurrencyConfig"
                : request.method === "DELETE"
                  ? "DeleteProvisionedConcurrencyConfig"
                  : undefined;
    if (pc === null || operation === undefined) {
        sendRestJsonError(response, new ApiError(400, "UnknownOperationException", `the AWS stand-in does not implement Lambda ${request.method} ${request.path}`));
        return `${request.method} ${request.path}`;
    }
    try {
        const fn = requireFunction(ctx, decodeURIComponent(pc[1]));
        const qualifier = request.query.get("Qualifier") ?? "";
        switch (operation) {
            case "ListProvisionedConcurrencyConfigs":
                sendRestJson(response, 200, {
                    ProvisionedConcurrencyConfigs: ctx.aws
                        .provisionedConcurrencyConfigs()
                        .filter((c) => c.functionName === fn)
                        .map((c) => ({ FunctionArn: `${functionArn(ctx, fn)}:${c.qualifier}`, ...configView(ctx, fn, c.qualifier) })),
                });
                break;
            case "GetProvisionedConcurrencyConfig": {
                const view = configView(ctx, fn, qualifier);
                if (view === undefined) {
                    // The text as Lambda answers it (LocalStack's AWS-validated snapshot of this error).
                    throw new ApiError(404, "ProvisionedConcurrencyConfigNotFoundException", "No Provisioned Concurrency Config found for this function");
                }
                sendRestJson(response, 200, view);
                break;
            }
            case "PutProvisionedConcurrencyConfig": {
                const count = parseJsonBody(request).ProvisionedConcurrentExecutions;
                ctx.aws.create(TYPES.provisionedConcurrencyConfig, { functionName: fn, qualifier, provisionedConcurrentExecutions: count });
                sendRestJson(response, 202, configView(ctx, fn, qualifier));
                break;
            }
            case "DeleteProvisionedConcurrencyConfig":
                if (ctx.aws.provisionedConcurrencyConfig(fn, qualifier) === undefined) {
                    // Delete names no not-found error of its own (Lambda API reference, DeleteProvisionedConcurrencyConfig,
                    // Errors); the function exists, so the request is answered as done.
                    sendRestJson(response, 204, undefined);
                    break;
                }
                ctx.aws.delete(TYPES.provisionedConcurrencyConfig, undefined, { functionName: fn, qualifier });
                sendRestJson(response, 204, undefined);
                break;
        }
    } catch (error) {
        const failure = fromModel(error);
        if (!(failure instanceof ApiError)) {
            throw failure;
        }
        sendRestJsonError(response, failure);
    }
    return operation;
}

function functionArn(ctx: StandInContext, name: string): string {
    return `arn:aws:lambda:${ctx.region}:${ctx.accountId}:function:${name}`;
}

function requireFunction(ctx: StandInContext, nameOrArn: string): string {
    const name = plainFunctionName(nameOrArn);
    if (ctx.aws.lambdaFunction(name) === undefined) {
        throw new ApiError(404, "ResourceNotFoundException", `Function not found: ${functionArn(ctx, name)}`);
    }
    return name;
}

/**
 * A configuration as Get and List report it. The model allocates at once (the provider waits for READY), so a
 * configuration is READY with everything allocated, or IN_PROGRESS while less is allocated than requested.
 */
function configView(ctx: StandInContext, fn: string, qualifier: string): Record<string, unknown> | undefined {
    const config = ctx.aws.provisionedConcurrencyConfig(fn, qualifier);
    if (config === undefined) {
        return undefined;
    }
    return {
        RequestedProvisionedConcurrentExecutions: config.requested,
        AvailableProvisionedConcurrentExecutions: config.allocated,
        AllocatedProvisionedConcurrentExecutions: config.allocated,
        Status: config.allocated >= config.requested ? "READY" : "IN_PROGRESS",
        LastModified: lambdaTimestamp(ctx.now()),
    };
}

/**
 * The function an Invoke reaches, for the local Invoke endpoint: the version its qualifier resolves to ($LATEST, a
 * published version, or an alias's version), that version's provisioned environments (the configurations on the
 * version and on every alias that points at it: provisioned concurrency is allocated to the version, which is why
 * Lambda refuses a second configuration for it through another alias or directly, see aws-model.ts), and the
 * function's code. Every version runs the function's latest code: the model keeps no code per version.
 */
export function resolveInvocation(ctx: StandInContext, name: string, qualifier: string | undefined): ResolvedFunction | undefined {
    const fn = ctx.aws.lambdaFunction(name);
    const configuration = ctx.aws.functionConfiguration(name);
    if (fn === undefined || configuration === undefined) {
        return undefined;
    }
    const aliases = ctx.aws.aliasesOf(name);
    const version =
        qualifier === undefined || qualifier === "$LATEST" ? "$LATEST" : fn.versions.includes(qualifier) ? qualifier : aliases[qualifier];
    if (version === undefined) {
        return undefined;
    }
    const provisioned = ctx.aws
        .provisionedConcurrencyConfigs()
        .filter((c) => c.functionName === name && version !== "$LATEST" && (c.qualifier === version || aliases[c.qualifier] === version))
        .filter((c) => isAllocated(ctx.aws, c.functionName, c.qualifier, Date.now()))
        .reduce((sum, c) => sum + c.count, 0);
    const code = ctx.code.materialize(name, configuration);
    const variables = (configuration.environment as { variables?: Record<string, string> } | undefined)?.variables ?? {};
    return {
        key: `${code.key}|${version}`,
        version,
        provisionedConcurrency: provisioned,
        definition: {
            handlerModule: code.handlerModule,
            handlerExport: code.handlerExport,
            isolate: [code.directory],
            environment: {
                ...variables,
                // Lambda's reserved variables (Lambda developer guide, "Defined runtime environment variables").
                AWS_LAMBDA_FUNCTION_NAME: name,
                AWS_LAMBDA_FUNCTION_VERSION: version,
                AWS_LAMBDA_FUNCTION_MEMORY_SIZE: String(typeof configuration.memorySize === "number" ? configuration.memorySize : 128),
                AWS_REGION: ctx.region,
            },
        },
    };
}

/**
 * Lines a function wrote (a handler as it started, the warmer's report), in the function's log group (its
 * loggingConfig's, else /aws/lambda/NAME), in a stream named as Lambda names them, date/[version]id (Lambda developer
 * guide, "Working with Lambda function logs"), where FilterLogEvents finds them. Returns the group.
 */
export function writeFunctionLines(ctx: StandInContext, name: string, version: string, lines: readonly string[], streamId = "invoke"): string {
    const configuration = ctx.aws.functionConfiguration(name);
    const logging = configuration?.loggingConfig as { logGroup?: unknown } | undefined;
    const group = typeof logging?.logGroup === "string" ? logging.logGroup : `/aws/lambda/${name}`;
    const now = ctx.now();
    const stream = `${now.toISOString().slice(0, 10).replace(/-/g, "/")}/[${version}]${streamId}`;
    ctx.logs.write(group, stream, lines.map((message) => ({ timestamp: now.getTime(), message })), now.getTime());
    return group;
}
