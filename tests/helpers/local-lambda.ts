// A local Lambda Invoke endpoint for end-to-end tests: enough of the Lambda API's Invoke operation, over HTTP on
// 127.0.0.1, for the real @aws-sdk/client-lambda to talk to it, and enough of Lambda's scaling behaviour for warm-up
// pings to mean something.
//
// The HTTP side follows the Lambda API reference for Invoke: POST /2015-03-31/functions/{FunctionName}/invocations
// with an optional ?Qualifier=; a function error is a 200 response with the X-Amz-Function-Error header and the error
// as payload; errors that keep the function from running are non-200 responses whose code is in the x-amzn-ErrorType
// header (which the SDK's REST-JSON protocol reads first), e.g. 429 TooManyRequestsException, 404
// ResourceNotFoundException.
//
// The scaling side: each function has instances ("execution environments"). An instance serves one request at a time.
// A request goes to an idle instance if there is one; otherwise a new instance starts, paying a simulated init delay,
// unless the function's reserved concurrency is used up, which answers 429.
//
// Each instance loads the handler module fresh, with its own copy of every module under the `isolate` paths (by
// default the handler's folder and the repository's runtime/ folder), so module-level state (the runtime library's
// instance id and invocation count) is really per instance, as in Lambda where each environment is its own process.
// It does so by taking those modules out of Node's require cache for the duration of the load and putting the
// previous entries back afterwards, so the test process's own copies are untouched. This is cheaper and more
// deterministic than a process per instance, and loses nothing the tests rely on: what instances of one function
// share here (process.env, the clock) they also share in Lambda, where every environment gets the same configuration.
//
// The functions are a fixed table (startLocalLambda), or are looked up at each invocation (createLocalLambdaHandler
// with a resolver: the AWS stand-in's endpoint reads them from its model of the account, tests/helpers/stand-in/). A
// looked-up function may have provisioned environments: the first that many requests at once to its version run on
// environments whose AWS_LAMBDA_INITIALIZATION_TYPE is `provisioned-concurrency`, the others on `on-demand` ones (Lambda
// developer guide, "Configuring provisioned concurrency": requests beyond the provisioned environments spill over
// to on-demand scaling; "Defined runtime environment variables" for the variable). Its `environment` is set in
// process.env while an instance loads the handler and while each invocation starts (the synchronous part of the
// call, so that a handler reading process.env at the top of its body sees its own environment's values).
import { randomUUID } from "node:crypto";
import { createServer, IncomingMessage, Server, ServerResponse } from "node:http";
import { AddressInfo } from "node:net";
import { readBody } from "./http-body";
import { createRequire } from "node:module";
import * as path from "node:path";

const REPOSITORY_ROOT = path.resolve(__dirname, "..", "..");
const RUNTIME_DIRECTORY = path.join(REPOSITORY_ROOT, "runtime");
const REGION = "us-east-1";
const ACCOUNT_ID = "123456789012";

/** One function the endpoint serves. */
export interface LocalFunctionDefinition {
  /** Absolute path of the module whose export is the handler; every instance loads it fresh. */
  readonly handlerModule: string;
  /** @default "handler" */
  readonly handlerExport?: string;
  /** Files or folders whose modules each instance gets its own copy of. @default handler's folder and runtime/ */
  readonly isolate?: readonly string[];
  /** Simulated init phase of a new instance, in milliseconds (a hello-world Node.js function takes ~130 ms). @default 150 */
  readonly initDelayMs?: number;
  /** The most instances that may be busy at once (Lambda's reserved concurrency); beyond it: 429. @default none */
  readonly reservedConcurrency?: number;
  /** Qualifiers (aliases or versions) besides $LATEST, mapped to the version they run. @default none */
  readonly qualifiers?: Readonly<Record<string, string>>;
  /**
   * Environment variables of every instance (set as described at the top of this file), plus
   * AWS_LAMBDA_INITIALIZATION_TYPE of the instance. @default none: process.env is left alone
   */
  readonly environment?: Readonly<Record<string, string>>;
}

/** A function as a resolver finds it for one invocation. */
export interface ResolvedFunction {
  /** Identifies the function's code: instances started for another key (an older code) are not reused. */
  readonly key: string;
  readonly definition: LocalFunctionDefinition;
  /** The version the invocation runs ($LATEST or a published version). */
  readonly version: string;
  /** Provisioned environments of that version. @default 0 */
  readonly provisionedConcurrency?: number;
}

/**
 * Finds the function an Invoke names (its plain name and the qualifier, from the path or the Qualifier parameter), or
 * undefined when the function or qualifier does not exist.
 */
export type LocalFunctionResolver = (name: string, qualifier: string | undefined) => ResolvedFunction | undefined;

/** The Invoke endpoint's request handling, to serve from a server of one's own. */
export interface LocalLambdaHandler {
  /** Answers one HTTP request to the Invoke API; `body` is the request's body, read by the caller. */
  handle(request: IncomingMessage, response: ServerResponse, body: string): Promise<void>;
  stats(functionName: string): LocalFunctionStats;
}

/** What happened at one function so far. */
export interface LocalFunctionStats {
  instancesStarted: number;
  invocations: number;
  throttles: number;
  /** The most instances busy at the same moment. */
  maxBusyInstances: number;
}

export interface LocalLambda {
  /** e.g. http://127.0.0.1:40123, for the LambdaClient's `endpoint`. */
  readonly endpoint: string;
  stats(functionName: string): LocalFunctionStats;
  /** Stops listening and closes open connections. */
  close(): Promise<void>;
}

type AnyHandler = (event: unknown, context: unknown, callback: (error?: unknown, result?: unknown) => void) => unknown;

interface Instance {
  readonly version: string;
  readonly initializationType: "on-demand" | "provisioned-concurrency";
  busy: boolean;
  /** Undefined while the instance initializes. */
  handler: AnyHandler | undefined;
}

interface FunctionState {
  readonly definition: LocalFunctionDefinition;
  readonly instances: Instance[];
  readonly stats: LocalFunctionStats;
}

/** An error that the Invoke API returns as an HTTP status and x-amzn-ErrorType. */
class InvokeApiError extends Error {
  constructor(
    readonly statusCode: number,
    readonly errorType: string,
    message: string,
    readonly extraBody: Record<string, unknown> = {},
  ) {
    super(message);
  }
}

const loadModule = createRequire(__filename);

/** Loads `modulePath` with fresh copies of every module under `isolate`, leaving the require cache as it was. */
function loadFresh(modulePath: string, isolate: readonly string[]): unknown {
  const isIsolated = (file: string) =>
    isolate.some((root) => file === root || file.startsWith(root.endsWith(path.sep) ? root : root + path.sep));
  const saved = new Map<string, NodeJS.Module>();
  for (const [file, cached] of Object.entries(loadModule.cache)) {
    if (isIsolated(file) && cached !== undefined) {
      saved.set(file, cached);
      delete loadModule.cache[file];
    }
  }
  try {
    return loadModule(modulePath);
  } finally {
    for (const file of Object.keys(loadModule.cache)) {
      if (isIsolated(file)) {
        delete loadModule.cache[file];
      }
    }
    for (const [file, cached] of saved) {
      loadModule.cache[file] = cached;
    }
  }
}

/** The Invoke API's FunctionName forms: name, name:qualifier, partial ARN, full ARN. */
function parseFunctionName(functionName: string): { name: string; qualifier: string | undefined } {
  const parts = functionName.split(":");
  if (parts[0] === "arn" && parts[5] === "function") {
    return { name: parts[6], qualifier: parts[7] };
  }
  if (parts[1] === "function") {
    return { name: parts[2], qualifier: parts[3] };
  }
  return { name: parts[0], qualifier: parts[1] };
}


/** Handlers may fail with anything; Lambda reports non-Error values by their string form. */
function asError(value: unknown): Error {
  return value instanceof Error ? value : new Error(String(value));
}

/** Runs a handler the way Lambda's Node.js runtime does: a returned promise wins, else the callback. */
function runHandler(handler: AnyHandler, event: unknown, context: unknown): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const callback = (error?: unknown, result?: unknown) => (error ? reject(asError(error)) : resolve(result));
    try {
      const returned = handler(event, context, callback);
      if (returned !== null && typeof returned === "object" && typeof (returned as Promise<unknown>).then === "function") {
        (returned as Promise<unknown>).then(resolve, (error: unknown) => reject(asError(error)));
      }
    } catch (error) {
      reject(asError(error));
    }
  });
}

function lambdaContext(name: string, version: string, qualifier: string | undefined): Record<string, unknown> {
  const deadline = Date.now() + 30_000;
  const arn = `arn:aws:lambda:${REGION}:${ACCOUNT_ID}:function:${name}`;
  return {
    callbackWaitsForEmptyEventLoop: true,
    functionName: name,
    functionVersion: version,
    invokedFunctionArn: qualifier === undefined ? arn : `${arn}:${qualifier}`,
    memoryLimitInMB: "128",
    awsRequestId: randomUUID(),
    logGroupName: `/aws/lambda/${name}`,
    logStreamName: `local/[${version}]${randomUUID().replace(/-/g, "")}`,
    getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()),
  };
}

/** Runs `action` with `variables` set in process.env, then puts the previous values back. */
function withEnvironment<T>(variables: Readonly<Record<string, string>> | undefined, action: () => T): T {
  if (variables === undefined) {
    return action();
  }
  const saved = Object.keys(variables).map((key) => [key, process.env[key]] as const);
  Object.assign(process.env, variables);
  try {
    return action();
  } finally {
    for (const [key, value] of saved) {
      if (value === undefined) {
        delete process.env[key];
      } else {
        process.env[key] = value;
      }
    }
  }
}

/** Runs `action`, its writes to stdout (as it runs, not after it returns) split into `lines` instead. */
function capturingStdout<T>(lines: string[], action: () => T): T {
  const stdout = process.stdout;
  const write = Object.getOwnPropertyDescriptor(stdout, "write");
  Object.defineProperty(stdout, "write", {
    configurable: true,
    writable: true,
    value: (chunk: string | Uint8Array): boolean => {
      lines.push(...String(chunk).split("\n").filter((line) => line !== ""));
      return true;
    },
  });
  try {
    return action();
  } finally {
    // Back to the stream's own write: its own property if it had one, else the prototype's.
    if (write === undefined) {
      delete (stdout as { write?: unknown }).write;
    } else {
      Object.defineProperty(stdout, "write", write);
    }
  }
}

function newState(definition: LocalFunctionDefinition): FunctionState {
  return { definition, instances: [], stats: { instancesStarted: 0, invocations: 0, throttles: 0, maxBusyInstances: 0 } };
}

/** Starts the endpoint on 127.0.0.1 with an ephemeral port. */
export async function startLocalLambda(
  functions: Readonly<Record<string, LocalFunctionDefinition>>,
): Promise<LocalLambda> {
  const handler = createLocalLambdaHandler(functions);
  const server: Server = createServer((request, response) => {
    void readBody(request).then((body) => handler.handle(request, response, body));
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => resolve());
  });
  const { port } = server.address() as AddressInfo;

  return {
    endpoint: `http://127.0.0.1:${port}`,
    stats: (functionName) => handler.stats(functionName),
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        // Keep-alive connections of the SDK's agent would hold close() open until they time out.
        server.closeAllConnections();
      }),
  };
}

/**
 * The lines a handler writes to stdout as it starts (synchronously, before its first await: the runtime library's
 * ColdStart metric line), with the function and version that wrote them: what Lambda sends to the function's logs.
 */
export type HandlerLines = (functionName: string, version: string, lines: readonly string[]) => void;

/**
 * The Invoke API over a fixed table of functions, or over the functions a resolver finds at each invocation. With
 * `onLines`, what each handler writes to stdout as it starts goes there instead of this process's stdout.
 */
export function createLocalLambdaHandler(
  functions: Readonly<Record<string, LocalFunctionDefinition>> | LocalFunctionResolver,
  onLines?: HandlerLines,
): LocalLambdaHandler {
  const resolve: LocalFunctionResolver =
    typeof functions === "function"
      ? functions
      : (name, qualifier) => {
          const definition = functions[name];
          const version = qualifier === undefined || qualifier === "$LATEST" ? "$LATEST" : definition?.qualifiers?.[qualifier];
          return definition === undefined || version === undefined ? undefined : { key: name, definition, version };
        };
  /** Instances and counts by function name and code key; the latest state of each name, for stats(). */
  const states = new Map<string, FunctionState>();
  const latest = new Map<string, FunctionState>();
  if (typeof functions !== "function") {
    for (const name of Object.keys(functions)) {
      latest.set(name, stateOf(name, resolve(name, undefined) as ResolvedFunction));
    }
  }

  function stateOf(name: string, resolved: ResolvedFunction): FunctionState {
    const key = `${name}|${resolved.key}`;
    let state = states.get(key);
    if (state === undefined) {
      state = newState(resolved.definition);
      states.set(key, state);
    }
    latest.set(name, state);
    return state;
  }

  /**
   * Finds an idle instance of the version, or starts one; throws 429 when reserved concurrency is used up. The first
   * `provisioned` instances of a version are provisioned environments (the resolver's count), and they serve first:
   * requests go to on-demand environments only beyond them (Lambda developer guide, "Configuring provisioned
   * concurrency"), also to on-demand ones that served while the configuration was still allocating.
   */
  function takeInstance(state: FunctionState, version: string, provisioned = 0): Instance {
    const ofVersion = state.instances.filter((instance) => instance.version === version);
    const provisionedCount = ofVersion.filter((instance) => instance.initializationType === "provisioned-concurrency").length;
    const busyCount = state.instances.filter((instance) => instance.busy).length;
    let instance = ofVersion.find((instance) => !instance.busy && instance.initializationType === "provisioned-concurrency" && provisionedCount <= provisioned);
    if (instance === undefined && provisionedCount < provisioned) {
      // A provisioned environment is initialized ahead of requests: no init delay for the caller.
      instance = { version, initializationType: "provisioned-concurrency", busy: false, handler: undefined };
      state.instances.push(instance);
      state.stats.instancesStarted += 1;
    }
    instance ??= ofVersion.find((instance) => !instance.busy && instance.initializationType === "on-demand");
    if (instance === undefined) {
      const reserved = state.definition.reservedConcurrency;
      if (reserved !== undefined && busyCount >= reserved) {
        state.stats.throttles += 1;
        throw new InvokeApiError(429, "TooManyRequestsException", "Rate Exceeded.", {
          Reason: "ReservedFunctionConcurrentInvocationLimitExceeded",
          Type: "User",
        });
      }
      // Lambda keeps an environment that failed or was idle; this endpoint keeps every instance until closed.
      instance = { version, initializationType: "on-demand", busy: false, handler: undefined };
      state.instances.push(instance);
      state.stats.instancesStarted += 1;
    }
    instance.busy = true;
    state.stats.maxBusyInstances = Math.max(state.stats.maxBusyInstances, busyCount + 1);
    return instance;
  }

  async function initialize(state: FunctionState, instance: Instance): Promise<AnyHandler> {
    if (instance.handler !== undefined) {
      return instance.handler;
    }
    const { handlerModule, handlerExport = "handler", initDelayMs = 150 } = state.definition;
    const isolate = state.definition.isolate ?? [path.dirname(handlerModule), RUNTIME_DIRECTORY];
    if (instance.initializationType === "on-demand") {
      await new Promise((resolve) => setTimeout(resolve, initDelayMs));
    }
    const loaded = withEnvironment(environmentOf(state, instance), () => loadFresh(handlerModule, isolate)) as Record<string, unknown>;
    const handler = loaded[handlerExport];
    if (typeof handler !== "function") {
      throw new Error(`${handlerModule} has no function export ${handlerExport}`);
    }
    instance.handler = handler as AnyHandler;
    return instance.handler;
  }

  function environmentOf(state: FunctionState, instance: Instance): Record<string, string> | undefined {
    const environment = state.definition.environment;
    return environment === undefined ? undefined : { ...environment, AWS_LAMBDA_INITIALIZATION_TYPE: instance.initializationType };
  }

  async function invoke(functionName: string, queryQualifier: string | undefined, body: string) {
    const parsed = parseFunctionName(functionName);
    if (queryQualifier !== undefined && parsed.qualifier !== undefined && queryQualifier !== parsed.qualifier) {
      throw new InvokeApiError(
        400,
        "InvalidParameterValueException",
        "The derived qualifier from the function name does not match the specified qualifier.",
      );
    }
    const qualifier = queryQualifier ?? parsed.qualifier;
    const resolved = resolve(parsed.name, qualifier);
    if (resolved === undefined) {
      const arn = `arn:aws:lambda:${REGION}:${ACCOUNT_ID}:function:${parsed.name}`;
      throw new InvokeApiError(404, "ResourceNotFoundException", `Function not found: ${qualifier ? `${arn}:${qualifier}` : arn}`, {
        Type: "User",
      });
    }
    let event: unknown;
    try {
      event = body === "" ? {} : JSON.parse(body);
    } catch {
      throw new InvokeApiError(400, "InvalidRequestContentException", "Could not parse request body into json");
    }

    const { version } = resolved;
    const state = stateOf(parsed.name, resolved);
    const instance = takeInstance(state, version, resolved.provisionedConcurrency);
    try {
      const handler = await initialize(state, instance);
      state.stats.invocations += 1;
      const context = lambdaContext(parsed.name, version, qualifier);
      // The handler starts synchronously inside runHandler: its first statements see the instance's environment.
      const lines: string[] = [];
      const start = (): Promise<unknown> => runHandler(handler, event, context);
      const running = withEnvironment(environmentOf(state, instance), () => (onLines === undefined ? start() : capturingStdout(lines, start)));
      if (lines.length > 0) {
        onLines?.(parsed.name, version, lines);
      }
      const result = await running;
      return { version, functionError: undefined, payload: JSON.stringify(result ?? null) };
    } catch (error) {
      const failure = asError(error);
      const payload = JSON.stringify({
        errorType: failure.name,
        errorMessage: failure.message,
        trace: (failure.stack ?? "").split("\n"),
      });
      return { version, functionError: "Unhandled", payload };
    } finally {
      instance.busy = false;
    }
  }

  async function handleRequest(request: IncomingMessage, response: ServerResponse, body: string): Promise<void> {
    const requestId = randomUUID();
    const url = new URL(request.url ?? "/", "http://127.0.0.1");
    const match = /^\/2015-03-31\/functions\/([^/]+)\/invocations$/.exec(url.pathname);
    try {
      if (request.method !== "POST" || match === null) {
        throw new InvokeApiError(404, "UnknownOperationException", `No operation at ${request.method} ${url.pathname}`);
      }
      const invocationType = request.headers["x-amz-invocation-type"] ?? "RequestResponse";
      if (invocationType !== "RequestResponse") {
        throw new InvokeApiError(400, "InvalidParameterValueException", `Unsupported InvocationType ${String(invocationType)}`);
      }
      const outcome = await invoke(decodeURIComponent(match[1]), url.searchParams.get("Qualifier") ?? undefined, body);
      const headers: Record<string, string> = {
        "Content-Type": "application/json",
        "x-amzn-RequestId": requestId,
        "X-Amz-Executed-Version": outcome.version,
      };
      if (outcome.functionError !== undefined) {
        headers["X-Amz-Function-Error"] = outcome.functionError;
      }
      response.writeHead(200, headers);
      response.end(outcome.payload);
    } catch (error) {
      const apiError =
        error instanceof InvokeApiError ? error : new InvokeApiError(500, "ServiceException", String(error));
      response.writeHead(apiError.statusCode, {
        "Content-Type": "application/json",
        "x-amzn-RequestId": requestId,
        "x-amzn-ErrorType": apiError.errorType,
      });
      response.end(JSON.stringify({ ...apiError.extraBody, message: apiError.message }));
    }
  }

  return {
    handle: handleRequest,
    stats: (functionName) => {
      const state = latest.get(functionName);
      if (state === undefined) {
        throw new Error(`no local function ${functionName}`);
      }
      return { ...state.stats };
    },
  };
}
