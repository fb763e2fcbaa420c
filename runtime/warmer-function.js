// The warmer function's code: a plain CommonJS file that the LambdaWarmer component ships as-is in a zip, so users
// need no bundler. It requires only Node.js built-ins and `@aws-sdk/client-lambda`, which Lambda's Node.js runtimes
// provide (Lambda developer guide, "Building Lambda functions with Node.js", runtime-included SDK versions,
// https://docs.aws.amazon.com/lambda/latest/dg/lambda-nodejs.html). It must not require anything else from this
// package.
//
// One run: for each target function it sends `concurrency` warm-up pings at the same moment (RequestResponse, so it
// sees each answer), counts the distinct instances that answered (warm-up replies carry a per-instance id), and logs
// one line per target in CloudWatch Embedded Metric Format. A failing or throttled target is reported, never thrown:
// the schedule invokes this function asynchronously, and Lambda retries failed asynchronous invocations, which would
// send the pings again. The warmer never invokes itself.
"use strict";

// ---------------------------------------------------------------------------------------------------------------
// Formats
// ---------------------------------------------------------------------------------------------------------------

/**
 * The warm-up plan: the event this function receives (the schedule's input and the deploy-time invoke send it).
 * Example: `{ "targets": [{ "functionName": "api", "qualifier": "live", "concurrency": 10 }], "maxParallelism": 50 }`
 *
 * @typedef {object} WarmupPlan
 * @property {WarmupTarget[]} targets The functions to warm, in order.
 * @property {number} [maxParallelism] The most pings in flight at once across all targets, 1 to
 *   MAX_PARALLELISM_LIMIT; default DEFAULT_MAX_PARALLELISM. A target's pings are always sent together, so a target
 *   waits until its whole `concurrency` fits; a target whose `concurrency` exceeds it is skipped and reported.
 */

/**
 * @typedef {object} WarmupTarget
 * @property {string} functionName Function name, name:qualifier, full ARN or partial ARN, as Lambda's Invoke accepts.
 * @property {string} [qualifier] Version or alias to invoke (Invoke's Qualifier parameter).
 * @property {number} concurrency How many instances to keep warm: pings sent at once, an integer from 1.
 * @property {number} [delayMs] How long each instance holds its ping (sent in the ping; the runtime library clamps it).
 */

/**
 * What the run achieved for one target; the handler's result lists one per target, in plan order.
 *
 * @typedef {object} TargetReport
 * @property {string | null} target The target's functionName as given in the plan (null if it had none).
 * @property {string | null} functionName The bare function name parsed from it (the FunctionName metric dimension).
 * @property {string | null} qualifier The explicit qualifier, else the one in functionName, else null.
 * @property {string | null} skipped Why the target was not pinged (invalid, or this warmer itself), else null.
 * @property {number} requested Pings sent (the target's concurrency; 0 when skipped).
 * @property {number} instancesReached Distinct instance ids among the warm-up replies.
 * @property {number} coldInstances Of those, the instances for which the ping was their first invocation.
 * @property {number} errors Pings that failed: function errors (FunctionError set) and failed Invoke calls other
 *   than throttles (e.g. ResourceNotFoundException, AccessDeniedException, network errors).
 * @property {number} throttles Pings Lambda refused with HTTP 429 TooManyRequestsException.
 * @property {number} unrecognizedReplies Successful pings whose reply was not a warm-up reply: the handler is not
 *   wrapped with withWarmup, so it ran the ping as a real event.
 * @property {number} durationMs From sending the pings to the last answer.
 * @property {string[]} errorSamples Up to MAX_ERROR_SAMPLES distinct error descriptions, for the log.
 */

/**
 * The handler's result.
 *
 * @typedef {object} WarmupRunResult
 * @property {string} warmupId The id every ping of this run carried.
 * @property {number} durationMs The whole run.
 * @property {string[]} problems Problems with the plan as a whole (e.g. no targets array).
 * @property {TargetReport[]} targets One report per target of the plan, in plan order.
 */

// The warm-up ping format. Its definition is runtime/index.ts (WarmupEvent); this file ships alone and cannot import
// it, so it keeps this copy, which tests/runtime/warmer-function.test.ts checks against the runtime library.
const WARMUP_MARKER_KEY = "lambda-concurrency";
const WARMUP_MARKER_VALUE = "warmup";

const DEFAULT_MAX_PARALLELISM = 50;
const MAX_PARALLELISM_LIMIT = 1000;
// The runtime library clamps a ping's delay to this (MAX_WARMUP_DELAY_MS); a larger one in a plan is a mistake.
const MAX_DELAY_MS = 5000;
const MAX_ERROR_SAMPLES = 3;

const METRIC_NAMESPACE = "LambdaConcurrency/Warmer";

/**
 * Builds the ping sent to one instance. Same format as WarmupEvent in runtime/index.ts.
 *
 * @param {string} warmupId
 * @param {number} index
 * @param {number} concurrency
 * @param {number | undefined} delayMs
 * @returns {Record<string, string | number>}
 */
function buildWarmupEvent(warmupId, index, concurrency, delayMs) {
  /** @type {Record<string, string | number>} */
  const event = { [WARMUP_MARKER_KEY]: WARMUP_MARKER_VALUE, warmupId, index, concurrency };
  if (delayMs !== undefined) {
    event.delayMs = delayMs;
  }
  return event;
}

/**
 * Whether an Invoke payload is a warm-up reply (WarmupReply in runtime/index.ts): the members the count relies on.
 *
 * @param {unknown} value
 * @returns {value is { instanceId: string, cold: boolean }}
 */
function isWarmupReply(value) {
  if (typeof value !== "object" || value === null) {
    return false;
  }
  const reply = /** @type {Record<string, unknown>} */ (value);
  return reply.warmup === true && typeof reply.instanceId === "string" && typeof reply.cold === "boolean";
}

// ---------------------------------------------------------------------------------------------------------------
// Function references and self-detection
// ---------------------------------------------------------------------------------------------------------------

/**
 * @typedef {object} FunctionReference
 * @property {string} name
 * @property {string | undefined} qualifier
 * @property {string | undefined} region
 * @property {string | undefined} accountId
 */

/**
 * Splits the forms Invoke accepts for FunctionName: `name`, `name:qualifier`,
 * `account:function:name[:qualifier]` and `arn:partition:lambda:region:account:function:name[:qualifier]`.
 *
 * @param {string} reference
 * @returns {FunctionReference}
 */
function parseFunctionReference(reference) {
  const parts = reference.split(":");
  if (parts[0] === "arn" && parts.length >= 7 && parts[5] === "function") {
    return { name: parts[6], qualifier: parts[7], region: parts[3] || undefined, accountId: parts[4] || undefined };
  }
  if (parts.length >= 3 && parts[1] === "function") {
    return { name: parts[2], qualifier: parts[3], region: undefined, accountId: parts[0] || undefined };
  }
  return { name: parts[0], qualifier: parts[1], region: undefined, accountId: undefined };
}

/**
 * Whether a target is this warmer itself (any version or alias of it): same name, and same region and account
 * wherever both sides say. Invoking itself would make every run start another run.
 *
 * @param {FunctionReference} target
 * @param {FunctionReference | undefined} self
 */
function isSameFunction(target, self) {
  if (self === undefined || target.name !== self.name) {
    return false;
  }
  const sameRegion = target.region === undefined || self.region === undefined || target.region === self.region;
  const sameAccount =
    target.accountId === undefined || self.accountId === undefined || target.accountId === self.accountId;
  return sameRegion && sameAccount;
}

/**
 * This function's own identity: from the invocation's ARN when there is one (it has region and account), else from
 * the reserved environment variables AWS_LAMBDA_FUNCTION_NAME and AWS_REGION.
 *
 * @param {{ invokedFunctionArn?: unknown } | undefined} context
 * @param {NodeJS.ProcessEnv} env
 * @returns {FunctionReference | undefined}
 */
function selfReference(context, env) {
  const arn = context === undefined ? undefined : context.invokedFunctionArn;
  if (typeof arn === "string" && arn.startsWith("arn:")) {
    return parseFunctionReference(arn);
  }
  const name = env.AWS_LAMBDA_FUNCTION_NAME;
  if (name === undefined || name === "") {
    return undefined;
  }
  return { name, qualifier: undefined, region: env.AWS_REGION, accountId: undefined };
}

// ---------------------------------------------------------------------------------------------------------------
// Plan validation
// ---------------------------------------------------------------------------------------------------------------

/**
 * @param {unknown} value
 * @returns {value is number}
 */
function isInteger(value) {
  return typeof value === "number" && Number.isInteger(value);
}

/**
 * Why a target cannot be pinged, or undefined if it can.
 *
 * @param {Record<string, unknown>} target
 * @param {number} maxParallelism
 * @returns {string | undefined}
 */
function targetProblem(target, maxParallelism) {
  const { functionName, qualifier, concurrency, delayMs } = target;
  if (typeof functionName !== "string" || functionName === "") {
    return `functionName must be a non-empty string, got ${JSON.stringify(functionName)}`;
  }
  if (qualifier !== undefined && (typeof qualifier !== "string" || qualifier === "")) {
    return `qualifier must be a non-empty string when given, got ${JSON.stringify(qualifier)}`;
  }
  if (!isInteger(concurrency) || concurrency < 1) {
    return `concurrency must be an integer of at least 1, got ${JSON.stringify(concurrency)}`;
  }
  if (concurrency > maxParallelism) {
    return (
      `concurrency ${concurrency} exceeds maxParallelism ${maxParallelism}: ` +
      `its pings could not all be in flight at once, so they could not reach ${concurrency} distinct instances`
    );
  }
  if (delayMs !== undefined && (typeof delayMs !== "number" || !(delayMs >= 0 && delayMs <= MAX_DELAY_MS))) {
    return `delayMs must be a number between 0 and ${MAX_DELAY_MS} when given, got ${JSON.stringify(delayMs)}`;
  }
  return undefined;
}

// ---------------------------------------------------------------------------------------------------------------
// Bounded parallelism
// ---------------------------------------------------------------------------------------------------------------

/**
 * A pool of `size` slots handed out first come, first served. A target acquires all its slots at once, so that its
 * pings start together (what makes them land on distinct instances); each ping gives its slot back when it ends.
 *
 * @param {number} size
 */
function createSlotPool(size) {
  let free = size;
  /** @type {{ count: number, resolve: () => void }[]} */
  const waiting = [];
  function grant() {
    while (waiting.length > 0 && waiting[0].count <= free) {
      const next = /** @type {{ count: number, resolve: () => void }} */ (waiting.shift());
      free -= next.count;
      next.resolve();
    }
  }
  return {
    /** @param {number} count */
    acquire(count) {
      return new Promise((/** @type {(value: void) => void} */ resolve) => {
        waiting.push({ count, resolve });
        grant();
      });
    },
    release() {
      free += 1;
      grant();
    },
  };
}

// ---------------------------------------------------------------------------------------------------------------
// The run
// ---------------------------------------------------------------------------------------------------------------

/**
 * What the warmer sends for one ping.
 *
 * @typedef {object} InvokeRequest
 * @property {string} functionName
 * @property {string | undefined} qualifier
 * @property {string} payload The ping, as JSON text.
 */

/**
 * What it gets back from a successful Invoke call (HTTP 200; a function error is a successful call).
 *
 * @typedef {object} InvokeResponse
 * @property {number | undefined} statusCode
 * @property {string | undefined} functionError Invoke's FunctionError: set when the function returned an error.
 * @property {string} payload The response payload as text.
 */

/**
 * Sends one synchronous Invoke. A failed call (throttle, missing function, network) rejects with the SDK's error:
 * its `name` is the error code (TooManyRequestsException, ...) and `$metadata.httpStatusCode` the HTTP status.
 *
 * @typedef {(request: InvokeRequest) => Promise<InvokeResponse>} Invoker
 */

/**
 * @typedef {object} RunDependencies
 * @property {Invoker} invoke
 * @property {(line: string) => void} [log] Writes one log line. Default: straight to stdout (see writeLogLine).
 * @property {() => number} [now] Milliseconds, for durations and the EMF timestamp. Default: Date.now.
 * @property {FunctionReference} [self] The warmer itself, never invoked.
 * @property {string} [warmupId] Default: a random UUID.
 */

/**
 * An Invoke rejected by Lambda because of concurrency or rate limits: HTTP 429, TooManyRequestsException (Lambda API
 * reference, Invoke, https://docs.aws.amazon.com/lambda/latest/api/API_Invoke.html). A function error is not one:
 * Invoke then succeeds with HTTP 200 and sets FunctionError (the X-Amz-Function-Error header).
 *
 * @param {unknown} error
 */
function isThrottle(error) {
  if (typeof error !== "object" || error === null) {
    return false;
  }
  const { name, $metadata } = /** @type {{ name?: unknown, $metadata?: { httpStatusCode?: unknown } }} */ (error);
  return name === "TooManyRequestsException" || ($metadata !== undefined && $metadata.httpStatusCode === 429);
}

/**
 * @param {unknown} error
 * @returns {string}
 */
function describeError(error) {
  if (error instanceof Error) {
    return `${error.name}: ${error.message}`;
  }
  return String(error);
}

/**
 * A function error's description from the Invoke payload, e.g. "Unhandled: Error: boom".
 *
 * @param {string} functionError
 * @param {string} payload
 */
function describeFunctionError(functionError, payload) {
  try {
    const parsed = JSON.parse(payload);
    if (typeof parsed === "object" && parsed !== null) {
      return `${functionError}: ${String(parsed.errorType)}: ${String(parsed.errorMessage)}`;
    }
  } catch {
    // Not JSON: fall through to the raw payload.
  }
  return `${functionError}: ${payload}`;
}

/**
 * @param {string | null} target
 * @param {FunctionReference | undefined} reference
 * @param {string | undefined} explicitQualifier
 * @param {string} skipped
 * @returns {TargetReport}
 */
function skippedReport(target, reference, explicitQualifier, skipped) {
  return {
    target,
    functionName: reference === undefined ? null : reference.name,
    qualifier: explicitQualifier ?? (reference === undefined ? undefined : reference.qualifier) ?? null,
    skipped,
    requested: 0,
    instancesReached: 0,
    coldInstances: 0,
    errors: 0,
    throttles: 0,
    unrecognizedReplies: 0,
    durationMs: 0,
    errorSamples: [],
  };
}

/**
 * Sends all pings of one target at once and tallies the answers. Never rejects.
 *
 * @param {{ functionName: string, qualifier: string | undefined, concurrency: number, delayMs: number | undefined }} target
 * @param {FunctionReference} reference
 * @param {{ invoke: Invoker, now: () => number, warmupId: string, releaseSlot: () => void }} run
 * @returns {Promise<TargetReport>}
 */
async function warmTarget(target, reference, run) {
  const startedAt = run.now();
  /** @type {Map<string, boolean>} instance id -> whether it answered cold */
  const instances = new Map();
  let errors = 0;
  let throttles = 0;
  let unrecognizedReplies = 0;
  /** @type {Set<string>} */
  const errorSamples = new Set();
  /** @param {string} description */
  const sampleError = (description) => {
    if (errorSamples.size < MAX_ERROR_SAMPLES) {
      errorSamples.add(description);
    }
  };

  /** @param {number} index */
  const ping = async (index) => {
    try {
      const response = await run.invoke({
        functionName: target.functionName,
        qualifier: target.qualifier,
        payload: JSON.stringify(buildWarmupEvent(run.warmupId, index, target.concurrency, target.delayMs)),
      });
      if (response.functionError !== undefined) {
        errors += 1;
        sampleError(describeFunctionError(response.functionError, response.payload));
        return;
      }
      /** @type {unknown} */
      let reply;
      try {
        reply = JSON.parse(response.payload);
      } catch {
        reply = undefined;
      }
      if (isWarmupReply(reply)) {
        instances.set(reply.instanceId, (instances.get(reply.instanceId) ?? false) || reply.cold);
      } else {
        unrecognizedReplies += 1;
      }
    } catch (error) {
      if (isThrottle(error)) {
        throttles += 1;
      } else {
        errors += 1;
        sampleError(describeError(error));
      }
    } finally {
      run.releaseSlot();
    }
  };

  const pings = [];
  for (let index = 0; index < target.concurrency; index += 1) {
    pings.push(ping(index));
  }
  await Promise.all(pings);

  return {
    target: target.functionName,
    functionName: reference.name,
    qualifier: target.qualifier ?? reference.qualifier ?? null,
    skipped: null,
    requested: target.concurrency,
    instancesReached: instances.size,
    coldInstances: [...instances.values()].filter((cold) => cold).length,
    errors,
    throttles,
    unrecognizedReplies,
    durationMs: run.now() - startedAt,
    errorSamples: [...errorSamples],
  };
}

/**
 * The log line for a pinged target, in CloudWatch Embedded Metric Format: the `_aws` member tells CloudWatch Logs to
 * turn the listed top-level members into metrics, with no PutMetricData call (CloudWatch user guide, "Specification:
 * Embedded metric format",
 * https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/CloudWatch_Embedded_Metric_Format_Specification.html).
 * Timestamp is in milliseconds since the epoch. Dimensions: FunctionName, plus Qualifier when there is one.
 *
 * @param {TargetReport} report
 * @param {string} warmupId
 * @param {number} timestamp
 */
function metricsLogLine(report, warmupId, timestamp) {
  const dimensions = report.qualifier === null ? ["FunctionName"] : ["FunctionName", "Qualifier"];
  /** @type {Record<string, unknown>} */
  const line = {
    _aws: {
      Timestamp: timestamp,
      CloudWatchMetrics: [
        {
          Namespace: METRIC_NAMESPACE,
          Dimensions: [dimensions],
          Metrics: [
            { Name: "Requested", Unit: "Count" },
            { Name: "InstancesReached", Unit: "Count" },
            { Name: "ColdInstances", Unit: "Count" },
            { Name: "Errors", Unit: "Count" },
            { Name: "Throttles", Unit: "Count" },
            { Name: "UnrecognizedReplies", Unit: "Count" },
            { Name: "Duration", Unit: "Milliseconds" },
          ],
        },
      ],
    },
    FunctionName: report.functionName,
  };
  if (report.qualifier !== null) {
    line.Qualifier = report.qualifier;
  }
  Object.assign(line, {
    Requested: report.requested,
    InstancesReached: report.instancesReached,
    ColdInstances: report.coldInstances,
    Errors: report.errors,
    Throttles: report.throttles,
    UnrecognizedReplies: report.unrecognizedReplies,
    Duration: report.durationMs,
    Target: report.target,
    WarmupId: warmupId,
    ErrorSamples: report.errorSamples,
  });
  return JSON.stringify(line);
}

/**
 * The log line for a skipped target: structured, but not a metric (a skipped target may have no function name to use
 * as a dimension).
 *
 * @param {TargetReport} report
 * @param {string} warmupId
 */
function skippedLogLine(report, warmupId) {
  return JSON.stringify({
    message: "lambda-concurrency warmer skipped a target",
    Target: report.target,
    Skipped: report.skipped,
    WarmupId: warmupId,
  });
}

/**
 * Writes a line straight to stdout. Not console.log: Lambda's Node.js runtime prefixes console output (text format)
 * or wraps it in its own JSON object (JSON log format), and an EMF document must be the whole log event
 * (aws-embedded-metrics-node switched its Lambda sink away from console.log for the JSON log format,
 * https://github.com/awslabs/aws-embedded-metrics-node/pull/158).
 *
 * @param {string} line
 */
function writeLogLine(line) {
  process.stdout.write(`${line}\n`);
}

/**
 * Runs one warm-up plan. Never rejects: every problem is in the result and the log.
 *
 * @param {unknown} plan The handler's event; see WarmupPlan.
 * @param {RunDependencies} dependencies
 * @returns {Promise<WarmupRunResult>}
 */
async function runWarmup(plan, dependencies) {
  const log = dependencies.log ?? writeLogLine;
  const now = dependencies.now ?? Date.now;
  const warmupId = dependencies.warmupId ?? require("node:crypto").randomUUID();
  const startedAt = now();
  /** @type {string[]} */
  const problems = [];

  const planObject = typeof plan === "object" && plan !== null ? /** @type {Record<string, unknown>} */ (plan) : {};
  const targets = planObject.targets;
  if (!Array.isArray(targets)) {
    problems.push(`the plan must have a targets array, got ${JSON.stringify(plan)}`);
  }
  let maxParallelism = DEFAULT_MAX_PARALLELISM;
  if (planObject.maxParallelism !== undefined) {
    const requested = planObject.maxParallelism;
    if (isInteger(requested) && requested >= 1 && requested <= MAX_PARALLELISM_LIMIT) {
      maxParallelism = requested;
    } else {
      problems.push(
        `maxParallelism must be an integer between 1 and ${MAX_PARALLELISM_LIMIT}, got ` +
          `${JSON.stringify(requested)}; used ${DEFAULT_MAX_PARALLELISM}`,
      );
    }
  }
  if (problems.length > 0) {
    log(JSON.stringify({ message: "lambda-concurrency warmer plan problems", Problems: problems, WarmupId: warmupId }));
  }

  const slots = createSlotPool(maxParallelism);
  /** @type {Promise<TargetReport>[]} */
  const reports = (Array.isArray(targets) ? targets : []).map((/** @type {unknown} */ entry) => {
    const target = typeof entry === "object" && entry !== null ? /** @type {Record<string, unknown>} */ (entry) : {};
    const given = typeof target.functionName === "string" ? target.functionName : null;
    const explicitQualifier = typeof target.qualifier === "string" ? target.qualifier : undefined;
    const reference = given === null || given === "" ? undefined : parseFunctionReference(given);

    /** @type {string | undefined} */
    let skipped = targetProblem(target, maxParallelism);
    if (skipped === undefined && reference !== undefined && isSameFunction(reference, dependencies.self)) {
      skipped = "the warmer does not invoke itself";
    }
    if (skipped !== undefined || reference === undefined || given === null) {
      const report = skippedReport(given, reference, explicitQualifier, skipped ?? "invalid target");
      log(skippedLogLine(report, warmupId));
      return Promise.resolve(report);
    }

    const valid = {
      functionName: given,
      qualifier: explicitQualifier,
      concurrency: /** @type {number} */ (target.concurrency),
      delayMs: typeof target.delayMs === "number" ? target.delayMs : undefined,
    };
    // Slots are requested in plan order, right now, so targets start first come, first served.
    return slots.acquire(valid.concurrency).then(async () => {
      const report = await warmTarget(valid, reference, { invoke: dependencies.invoke, now, warmupId, releaseSlot: slots.release });
      // Logged as each target finishes, so a run cut short by the function's timeout still logged what it did.
      log(metricsLogLine(report, warmupId, now()));
      return report;
    });
  });

  const targetReports = await Promise.all(reports);
  return { warmupId, durationMs: now() - startedAt, problems, targets: targetReports };
}

// ---------------------------------------------------------------------------------------------------------------
// The AWS SDK side
// ---------------------------------------------------------------------------------------------------------------

/**
 * The LambdaClient configuration the warmer uses (the handler adds nothing; tests add an endpoint and credentials).
 * - maxAttempts 1: the SDK's standard retry mode would retry throttles with backoff, which hides them and cannot
 *   help (the instances are busy holding this run's pings); the next scheduled run is the retry.
 * - as many sockets as pings may be in flight: the SDK's Node.js handler defaults to 50 sockets, and a ping queued
 *   for a socket is a ping that is not in flight with the others. Sockets are opened only when needed.
 */
function lambdaClientConfig() {
  return {
    maxAttempts: 1,
    requestHandler: {
      httpsAgent: { keepAlive: true, maxSockets: MAX_PARALLELISM_LIMIT },
      httpAgent: { keepAlive: true, maxSockets: MAX_PARALLELISM_LIMIT },
    },
  };
}

/**
 * An Invoker that sends pings with a LambdaClient.
 *
 * @param {import("@aws-sdk/client-lambda").LambdaClient} lambdaClient
 * @returns {Invoker}
 */
function createSdkInvoker(lambdaClient) {
  // Required here, not at the top: the run's logic and its tests need no SDK.
  const { InvokeCommand } = require("@aws-sdk/client-lambda");
  return async (request) => {
    const response = await lambdaClient.send(
      new InvokeCommand({
        FunctionName: request.functionName,
        Qualifier: request.qualifier,
        InvocationType: "RequestResponse",
        Payload: request.payload,
      }),
    );
    return {
      statusCode: response.StatusCode,
      functionError: response.FunctionError,
      payload: response.Payload === undefined ? "" : response.Payload.transformToString(),
    };
  };
}

/**
 * Builds a warmer handler. Its LambdaClient is `options.lambdaClient` if given (tests point one at a local Invoke
 * endpoint), else one made on the first invocation with lambdaClientConfig(); the region and credentials then come
 * from the Lambda environment, as for any SDK client.
 *
 * @param {{ lambdaClient?: import("@aws-sdk/client-lambda").LambdaClient, log?: (line: string) => void, now?: () => number }} [options]
 * @returns {(event: unknown, context?: { invokedFunctionArn?: unknown }) => Promise<WarmupRunResult>}
 */
function createWarmerHandler(options = {}) {
  /** @type {Invoker | undefined} */
  let invoker;
  return async function warmerHandler(event, context) {
    try {
      if (invoker === undefined) {
        const { LambdaClient } = require("@aws-sdk/client-lambda");
        invoker = createSdkInvoker(options.lambdaClient ?? new LambdaClient(lambdaClientConfig()));
      }
      const self = selfReference(context, process.env);
      return await runWarmup(event, { invoke: invoker, log: options.log, now: options.now, self });
    } catch (error) {
      // runWarmup reports every expected failure itself; this is the net for the unexpected (a bug, a runtime without
      // the SDK). Throwing would make Lambda retry the asynchronous invocation, pinging everything again.
      const problem = `the warmer failed: ${describeError(error)}`;
      (options.log ?? writeLogLine)(JSON.stringify({ message: "lambda-concurrency warmer failed", Problems: [problem] }));
      return { warmupId: "", durationMs: 0, problems: [problem], targets: [] };
    }
  };
}

/** The Lambda entry point: `warmer-function.handler`. */
const handler = createWarmerHandler();

module.exports = {
  handler,
  createWarmerHandler,
  createSdkInvoker,
  lambdaClientConfig,
  runWarmup,
  buildWarmupEvent,
  isWarmupReply,
  parseFunctionReference,
  isSameFunction,
  selfReference,
  metricsLogLine,
  WARMUP_MARKER_KEY,
  WARMUP_MARKER_VALUE,
  DEFAULT_MAX_PARALLELISM,
  MAX_PARALLELISM_LIMIT,
  METRIC_NAMESPACE,
};
