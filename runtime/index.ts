// lambda-concurrency/runtime: the small library a Lambda handler uses to answer warm-up pings and to tell real cold
// starts from proactive initializations.
//
// It runs inside users' functions and is loaded on every cold start, so it has no dependencies, imports nothing from
// @pulumi/*, and does no work at import time beyond reading the clock (bench/runtime-import.bench.ts measures it).
import {
  clock,
  countedByWithWarmup,
  initToFirstInvocationMs,
  instanceId,
  invocationsStarted,
  recordInvocationStart,
} from "./instance-state";
import { ColdStartMetricOptions, coldStartMetricLine, resolveColdStartMetric } from "./cold-start-metric";

export {
  COLD_START_METRIC,
  ColdStartMetricOptions,
  DEFAULT_COLD_START_NAMESPACE,
  coldStartMetricLine,
} from "./cold-start-metric";

// ---------------------------------------------------------------------------------------------------------------
// The warm-up event: what the warmer function sends. This is its one definition; runtime/warmer-function.js cannot
// import it (it ships alone in a zip) and keeps a copy that tests/runtime/warmer-function.test.ts checks against it.
// ---------------------------------------------------------------------------------------------------------------

/** The member that marks an event as a warm-up ping. */
export const WARMUP_MARKER_KEY = "lambda-concurrency";
/** The value of {@link WARMUP_MARKER_KEY} in a warm-up ping. */
export const WARMUP_MARKER_VALUE = "warmup";

/**
 * A warm-up ping, as the warmer function sends it (JSON), e.g.
 * `{ "lambda-concurrency": "warmup", "warmupId": "3f0c…", "index": 0, "concurrency": 10, "delayMs": 200 }`.
 * Only the marker member decides whether an event is a warm-up (see {@link isWarmup}); the other members are
 * informational, except `delayMs`.
 */
export interface WarmupEvent {
  readonly [WARMUP_MARKER_KEY]: typeof WARMUP_MARKER_VALUE;
  /** Identifies one warm-up run; every ping of the run carries the same id. */
  readonly warmupId: string;
  /** This ping's position among the `concurrency` pings sent at once to the function, from 0. */
  readonly index: number;
  /** How many pings were sent at once to this function (and qualifier) in this run. */
  readonly concurrency: number;
  /**
   * How long the instance holds the ping before answering, in milliseconds. Overrides the handler's
   * {@link WarmupOptions.delayMs}; clamped to 0..{@link MAX_WARMUP_DELAY_MS}.
   */
  readonly delayMs?: number;
  /**
   * Write a `ColdStart` metric (value 1, in CloudWatch Embedded Metric Format, with the names Powertools for AWS
   * Lambda uses) when a real request met a cold start: the first invocation of an environment initialized on demand,
   * not proactively, and not warmed by a ping before. `true` for the defaults. Defaults to false.
   * @default false
   */
  readonly coldStartMetric?: boolean | ColdStartMetricOptions;
}

/** The initialization types Lambda reports in `AWS_LAMBDA_INITIALIZATION_TYPE`. */
export type InitializationType = "on-demand" | "provisioned-concurrency" | "snap-start";

/**
 * The answer to a warm-up ping (the handler's result, so the warmer reads it from the Invoke response payload), e.g.
 * `{ "warmup": true, "instanceId": "9b1d…", "cold": true, "initType": "on-demand", "proactiveInitialization": false,
 *    "warmupId": "3f0c…", "index": 0, "heldMs": 200, "functionVersion": "7" }`.
 * JSON has no `undefined`, so unknown values are `null`.
 */
export interface WarmupReply {
  readonly warmup: true;
  /** The stable random id of the execution environment that answered: distinct ids = distinct instances reached. */
  readonly instanceId: string;
  /** True if this ping was the environment's first invocation: the ping itself paid (or took over) the cold start. */
  readonly cold: boolean;
  /** `AWS_LAMBDA_INITIALIZATION_TYPE`, or null when unset or not one of the known values. */
  readonly initType: InitializationType | null;
  /** Whether this environment was initialized proactively (see {@link ColdStartInfo.proactiveInitialization}). */
  readonly proactiveInitialization: boolean;
  /** Echoed from the ping (null if the ping had none), so the warmer can match replies to its run. */
  readonly warmupId: string | null;
  /** Echoed from the ping (null if the ping had none). */
  readonly index: number | null;
  /** How long the instance held the ping before answering, in milliseconds. */
  readonly heldMs: number;
  /** `AWS_LAMBDA_FUNCTION_VERSION`: which version the ping reached (an alias resolves to a version), or null. */
  readonly functionVersion: string | null;
}

/**
 * Default hold before answering a warm-up, in milliseconds. While an instance holds a ping it is busy, so the other
 * pings sent at the same moment must land on other instances; the hold must outlast the spread between the first and
 * the last ping's arrival (request signing, new TLS connections). It is billed as duration on every ping.
 */
export const DEFAULT_WARMUP_DELAY_MS = 200;
/** Upper bound of the hold, wherever it comes from, so a bad ping cannot keep instances busy for long. */
export const MAX_WARMUP_DELAY_MS = 5_000;

/**
 * The gap between init and first invocation above which an initialization was proactive. Lambda's init phase is
 * limited to 10 s for on-demand functions, so a longer gap cannot be an init that a waiting request paid for
 * (AJ Stuyvenberg, "Understanding AWS Lambda Proactive Initialization", 2023,
 * https://aaronstuyvenberg.com/posts/understanding-proactive-initialization).
 */
export const PROACTIVE_INITIALIZATION_THRESHOLD_MS = 10_000;

/**
 * Whether `event` is a warm-up ping: a plain object whose own member {@link WARMUP_MARKER_KEY} is exactly
 * {@link WARMUP_MARKER_VALUE}. Nothing else is required, so that a ping from a newer or older warmer is still
 * answered as a warm-up rather than run through the real handler.
 */
export function isWarmup(event: unknown): event is WarmupEvent {
  return (
    typeof event === "object" &&
    event !== null &&
    !Array.isArray(event) &&
    Object.prototype.hasOwnProperty.call(event, WARMUP_MARKER_KEY) &&
    (event as Record<string, unknown>)[WARMUP_MARKER_KEY] === WARMUP_MARKER_VALUE
  );
}

/** Whether `value` is a {@link WarmupReply} (its identifying members, `warmup`, `instanceId` and `cold`). */
export function isWarmupReply(value: unknown): value is WarmupReply {
  if (typeof value !== "object" || value === null) {
    return false;
  }
  const reply = value as Record<string, unknown>;
  return reply.warmup === true && typeof reply.instanceId === "string" && typeof reply.cold === "boolean";
}

// ---------------------------------------------------------------------------------------------------------------
// Cold starts and proactive initialization
// ---------------------------------------------------------------------------------------------------------------

/** What this execution environment knows about its own start. */
export interface ColdStartInfo {
  /** Whether the invocation in progress is the first this environment serves. */
  readonly firstInvocation: boolean;
  /**
   * Whether the environment was initialized proactively: more than {@link PROACTIVE_INITIALIZATION_THRESHOLD_MS}
   * passed between its init and its first invocation, so no request waited for the init. A property of the
   * environment, the same for all its invocations. Expected for provisioned concurrency (see `initType`).
   */
  readonly proactiveInitialization: boolean;
  /** `AWS_LAMBDA_INITIALIZATION_TYPE`, or undefined when unset (outside Lambda) or not one of the known values. */
  readonly initType: InitializationType | undefined;
  /** The stable random id of this environment (the one warm-up replies carry). */
  readonly instanceId: string;
  /**
   * Milliseconds between init and the first invocation. Init time is approximated by the time this library was
   * loaded: import it at the top of your handler module so that it loads at the start of the init phase (a late,
   * lazy import shortens the measured gap). It measures with the wall clock.
   */
  readonly initToFirstInvocationMs: number;
}

const KNOWN_INITIALIZATION_TYPES: readonly string[] = ["on-demand", "provisioned-concurrency", "snap-start"];

/**
 * Reads `AWS_LAMBDA_INITIALIZATION_TYPE`, which Lambda sets in the execution environment (Lambda developer guide,
 * "Defined runtime environment variables", https://docs.aws.amazon.com/lambda/latest/dg/configuration-envvars.html).
 */
function initializationType(): InitializationType | undefined {
  const value = process.env.AWS_LAMBDA_INITIALIZATION_TYPE;
  return value !== undefined && KNOWN_INITIALIZATION_TYPES.includes(value) ? (value as InitializationType) : undefined;
}

/**
 * What this execution environment knows about its start, for the invocation in progress.
 *
 * Inside a handler wrapped with {@link withWarmup}, every invocation is counted when it starts, so this can be called
 * any number of times. In a handler that is not wrapped, nothing else marks where invocations start, so each call
 * counts as the start of an invocation: call it exactly once per invocation, at the start of the handler.
 */
export function coldStartInfo(): ColdStartInfo {
  if (!countedByWithWarmup()) {
    recordInvocationStart("coldStartInfo");
  }
  // Defined: at least one invocation has been recorded by now.
  const gapMs = initToFirstInvocationMs() ?? 0;
  return {
    firstInvocation: invocationsStarted() === 1,
    proactiveInitialization: gapMs > PROACTIVE_INITIALIZATION_THRESHOLD_MS,
    initType: initializationType(),
    instanceId: instanceId(),
    initToFirstInvocationMs: gapMs,
  };
}

// ---------------------------------------------------------------------------------------------------------------
// withWarmup
// ---------------------------------------------------------------------------------------------------------------

/**
 * The parts of Lambda's context object that the types here name. withWarmup reads none of it: it hands the context
 * Lambda passed to your handler unchanged. A handler that annotates its context with `Context` from @types/aws-lambda
 * is accepted too (see {@link AsyncHandler}).
 */
export interface LambdaContext {
  readonly functionName: string;
  readonly functionVersion: string;
  readonly invokedFunctionArn: string;
  readonly awsRequestId: string;
  getRemainingTimeInMillis(): number;
}

/** The callback of a callback-style handler, as Lambda's Node.js runtime passes it. */
export type LambdaCallback<TResult> = (error?: Error | string | null, result?: TResult) => void;

// Handler types are written with method syntax ("bivarianceHack"), which TypeScript checks bivariantly. This lets
// `withWarmup<MyEvent, MyResult>(async (event, context: Context) => …)` accept a handler that annotates the full
// aws-lambda Context although only LambdaContext is named here: at run time it gets the context Lambda passed.

/** An async handler: Lambda uses the promise it returns. */
export type AsyncHandler<TEvent, TResult, TContext = LambdaContext> = {
  bivarianceHack(event: TEvent, context: TContext): Promise<TResult>;
}["bivarianceHack"];

/**
 * A handler of either style, like `Handler` in @types/aws-lambda: it returns a promise or calls the callback.
 * Lambda supports the callback style on Node.js 22 and earlier runtimes only.
 */
export type LambdaHandler<TEvent, TResult, TContext = LambdaContext> = {
  bivarianceHack(event: TEvent, context: TContext, callback: LambdaCallback<TResult>): void | Promise<TResult>;
}["bivarianceHack"];

/** Options of {@link withWarmup}. */
export interface WarmupOptions {
  /**
   * How long to hold a warm-up ping before answering, in milliseconds, when the ping does not say (a ping's own
   * `delayMs` wins). Between 0 and {@link MAX_WARMUP_DELAY_MS}.
   * @default 200 ({@link DEFAULT_WARMUP_DELAY_MS})
   */
  readonly delayMs?: number;
  /**
   * Write a `ColdStart` metric (value 1, in CloudWatch Embedded Metric Format, with the names Powertools for AWS
   * Lambda uses) when a real request met a cold start: the first invocation of an environment initialized on demand,
   * not proactively, and not warmed by a ping before. `true` for the defaults. Defaults to false.
   * @default false
   */
  readonly coldStartMetric?: boolean | ColdStartMetricOptions;
}

/** The hold for one ping: the ping's own delay if it is a number (clamped), else the handler's default. */
function warmupDelayMs(event: WarmupEvent, defaultDelayMs: number): number {
  const requested: unknown = event.delayMs;
  if (typeof requested !== "number" || !Number.isFinite(requested)) {
    return defaultDelayMs;
  }
  return Math.min(Math.max(requested, 0), MAX_WARMUP_DELAY_MS);
}

/** Holds the instance for the delay, then builds the reply. Called after the invocation was recorded. */
async function answerWarmup(event: WarmupEvent, defaultDelayMs: number): Promise<WarmupReply> {
  const info = coldStartInfo();
  const heldMs = warmupDelayMs(event, defaultDelayMs);
  if (heldMs > 0) {
    await clock().sleep(heldMs);
  }
  return {
    warmup: true,
    instanceId: info.instanceId,
    cold: info.firstInvocation,
    initType: info.initType ?? null,
    proactiveInitialization: info.proactiveInitialization,
    warmupId: typeof event.warmupId === "string" ? event.warmupId : null,
    index: typeof event.index === "number" ? event.index : null,
    heldMs,
    functionVersion: process.env.AWS_LAMBDA_FUNCTION_VERSION ?? null,
  };
}

/**
 * Wraps a Lambda handler so that it answers warm-up pings itself: a ping (see {@link isWarmup}) is held for a short
 * delay, so that the pings sent at the same time land on distinct instances, and answered with a
 * {@link WarmupReply}; your handler does not run. Every other event goes to your handler unchanged, and its result
 * or error comes back unchanged. Every invocation is counted, so {@link coldStartInfo} works inside the handler.
 *
 * The wrapper keeps the handler's style: an async function, or a handler declared with at most two parameters, gets
 * an async wrapper with two parameters; a plain function declared with three parameters gets a wrapper that answers
 * pings through the callback and otherwise passes the callback on. (Lambda supports callback handlers on Node.js 22 and earlier
 * runtimes only, https://docs.aws.amazon.com/lambda/latest/dg/nodejs-context.html, so an async handler must not gain
 * a third parameter.)
 *
 * @throws RangeError if `options.delayMs` is not a number between 0 and {@link MAX_WARMUP_DELAY_MS}.
 */
export function withWarmup<TEvent, TResult, TContext = LambdaContext>(
  handler: AsyncHandler<TEvent, TResult, TContext>,
  options?: WarmupOptions,
): AsyncHandler<TEvent | WarmupEvent, TResult | WarmupReply, TContext>;
export function withWarmup<TEvent, TResult, TContext = LambdaContext>(
  handler: LambdaHandler<TEvent, TResult, TContext>,
  options?: WarmupOptions,
): LambdaHandler<TEvent | WarmupEvent, TResult | WarmupReply, TContext>;
export function withWarmup(
  handler: LambdaHandler<unknown, unknown, unknown>,
  options: WarmupOptions = {},
): LambdaHandler<unknown, unknown, unknown> {
  const defaultDelayMs = options.delayMs ?? DEFAULT_WARMUP_DELAY_MS;
  if (typeof defaultDelayMs !== "number" || !(defaultDelayMs >= 0 && defaultDelayMs <= MAX_WARMUP_DELAY_MS)) {
    throw new RangeError(`delayMs must be between 0 and ${MAX_WARMUP_DELAY_MS} ms, got ${String(defaultDelayMs)}`);
  }
  const given = options.coldStartMetric ?? false;
  if (typeof given !== "boolean" && (given === null || typeof given !== "object")) {
    throw new RangeError(`coldStartMetric must be true, false or an object of options, got ${JSON.stringify(given)}`);
  }
  const metric = given === false ? undefined : resolveColdStartMetric(given === true ? {} : given, process.env);
  // Counted before the real handler runs, so that a handler that throws still counts its cold start.
  const countColdStart = (): void => {
    if (metric === undefined) {
      return;
    }
    const info = coldStartInfo();
    if (info.firstInvocation && info.initType !== "provisioned-concurrency" && !info.proactiveInitialization) {
      writeLogLine(coldStartMetricLine(metric, process.env.AWS_LAMBDA_FUNCTION_NAME ?? "unknown", clock().now()));
    }
  };

  // An async function is async whatever it declares: on Node.js 24 Lambda no longer passes a callback at all. Only a
  // plain function declared with three parameters is a callback handler.
  const isAsyncFunction = handler.constructor.name === "AsyncFunction";
  if (!isAsyncFunction && handler.length >= 3) {
    return function callbackHandlerWithWarmup(
      event: unknown,
      context: unknown,
      callback: LambdaCallback<unknown>,
    ): void | Promise<unknown> {
      recordInvocationStart("withWarmup");
      if (!isWarmup(event)) {
        countColdStart();
        return handler(event, context, callback);
      }
      answerWarmup(event, defaultDelayMs).then(
        (reply) => callback(null, reply),
        (error: unknown) => callback(error instanceof Error ? error : new Error(String(error))),
      );
      return undefined;
    };
  }

  return async function asyncHandlerWithWarmup(event: unknown, context: unknown): Promise<unknown> {
    recordInvocationStart("withWarmup");
    if (isWarmup(event)) {
      return answerWarmup(event, defaultDelayMs);
    }
    countColdStart();
    // Called with two arguments only: an async handler never receives a callback from us.
    return (handler as AsyncHandler<unknown, unknown, unknown>)(event, context);
  };
}

/**
 * Writes one log line straight to stdout. Not console.log: Lambda's Node.js runtime prefixes console output (text log
 * format) or wraps it in its own JSON object (JSON log format), and an EMF document must be the whole log event.
 */
function writeLogLine(line: string): void {
  process.stdout.write(`${line}\n`);
}
