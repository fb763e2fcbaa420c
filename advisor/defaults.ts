/**
 * Default numbers of the model, each with its source. Everything here can be overridden by the caller.
 */

/** Hours in a month, as the AWS pricing page's examples count them (730 = 8,760 hours a year / 12). */
export const HOURS_PER_MONTH = 730;
export const MONTH_MS = HOURS_PER_MONTH * 3_600_000;

export const MINUTE_MS = 60_000;
export const HOUR_MS = 60 * MINUTE_MS;
export const DAY_MS = 24 * HOUR_MS;
export const WEEK_MS = 7 * DAY_MS;
/** The days of the week as Intl's short English weekday names, Monday first (the weeks here start on Monday). */
export const WEEKDAYS: readonly string[] = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];

/** How Lambda treats execution environments. */
export interface EnvironmentBehaviour {
    /** An idle on-demand environment is recycled after this many milliseconds without a request. */
    readonly idleTimeoutMs: number;
    /** An environment is recycled this long after it was created, however busy it is (it finishes its request first). */
    readonly maxLifetimeMs: number;
    /** New on-demand environments per 10 seconds, per function (a token bucket refilled continuously). */
    readonly scaleUpPer10Seconds: number;
    /** Time from a provisioned concurrency increase being configured to the new environments being ready. */
    readonly allocationDelayMs: number;
    /** Concurrent executions allowed to the function; requests beyond are throttled (HTTP 429). */
    readonly concurrencyLimit: number;
}

export const DEFAULT_ENVIRONMENT: EnvironmentBehaviour = {
    // Measured, not documented: "every instance lives for precisely 10 minutes after the last request"
    // (Mikhail Shilkov, "AWS Lambda Cold Starts After 10 Minutes", August 2019, https://mikhail.io/2019/08/aws-lambda-cold-starts-after-10-minutes/).
    // AWS documents no figure today and may vary it; override it if you have measured your own.
    idleTimeoutMs: 10 * MINUTE_MS,
    // 14 hours: ../shared/DESIGN.md. AWS publishes no figure: the Lambda developer guide ("Understanding the Lambda
    // execution environment lifecycle") only says Lambda "terminates execution environments every few hours ... even
    // for functions that are invoked continuously", and AWS declines to give the value (AWS re:Post, "Lambda runtime
    // refresh period limit"). It matters little: a busy environment is replaced once in many hours.
    maxLifetimeMs: 14 * HOUR_MS,
    // "1,000 execution environment instances every 10 seconds" per function, refilled continuously
    // (Lambda developer guide, "Lambda scaling behavior", https://docs.aws.amazon.com/lambda/latest/dg/scaling-behavior.html).
    scaleUpPer10Seconds: 1000,
    // "PC allocation starts after 1-2 minutes" (../shared/DESIGN.md, from the Lambda developer guide, "Configuring
    // provisioned concurrency"); we take the slower end so that a schedule that works here works in AWS.
    allocationDelayMs: 2 * MINUTE_MS,
    // The default regional concurrency quota, 1,000 (Lambda developer guide, "Lambda quotas").
    concurrencyLimit: 1000,
};

/** The warmer's pings. */
export interface WarmerBehaviour {
    /** How long a ping holds an environment, so that concurrent pings land on distinct environments. */
    readonly pingHoldMs: number;
    /** Memory of the function that sends the pings (billed per tick). */
    readonly senderMemoryMb: number;
}

export const DEFAULT_WARMER: WarmerBehaviour = {
    // lambda-warmer's default `delay`, "75 to attempt sub 100ms invocation times"
    // (https://github.com/jeremydaly/lambda-warmer, README, "delay").
    pingHoldMs: 75,
    // Lambda's default memory size, 128 MB (Lambda developer guide, "Configure function memory").
    senderMemoryMb: 128,
};

/**
 * The warm-up interval the advisor proposes: 5 minutes, the most common warmer schedule ("Don't ping more often than
 * every 5 minutes", Chris Munns, quoted in the lambda-warmer README; serverless-plugin-warmup's default is 5 minutes)
 * and half the idle timeout above, so one late ping does not lose the environment.
 */
export const DEFAULT_WARMER_INTERVAL_MINUTES = 5;

/**
 * The tracking strategy models UtilizationScaling as the package builds it by default: its target utilization (0.7)
 * and statistic (Maximum), and no scale-in while the function is idle (see components/utilization-defaults.ts).
 */
export { DEFAULT_TARGET_UTILIZATION, DEFAULT_UTILIZATION_STATISTIC } from "../components/utilization-defaults";

/** Target tracking alarms (Application Auto Scaling for Lambda; ../shared/DESIGN.md and George Mao, "Lambda Provisioned Concurrency AutoScaling", 2020). */
export const TRACKING_SCALE_OUT_DATAPOINTS = 3; // 3 one-minute datapoints above target
export const TRACKING_SCALE_IN_DATAPOINTS = 15; // 15 one-minute datapoints below ...
export const TRACKING_SCALE_IN_FACTOR = 0.9; // ... 90% of target

/** The default goal: at most 0.1% of requests meet a cold start (the example given in issue 5). */
export const DEFAULT_GOAL_COLD_START_FRACTION = 0.001;

/** Lambda's default memory size, 128 MB (Lambda developer guide, "Configure function memory"). */
export const DEFAULT_MEMORY_MB = 128;

/**
 * Default request durations when the user gives none: median 165 ms and p95 202 ms, the warm figures of the AWS
 * Compute Blog load test with provisioned concurrency (../shared/background/002).
 */
export const DEFAULT_DURATION_MEDIAN_MS = 165;
export const DEFAULT_DURATION_P95_MS = 202;

/**
 * Mean init durations by runtime identifier, in milliseconds: what a cold start adds to a request before the handler
 * runs. Source: maxday/lambda-perf (https://maxday.github.io/lambda-perf/), 2026, hello-world functions packaged as
 * zip, as summarised in ../shared/DESIGN.md; where that source reports an extra first-invoke delay (Java, .NET) we add
 * it, because the user waits for it too. Real functions that create SDK clients or load frameworks take far longer
 * (0.8-2 s in ../shared/background): pass --init-ms with your own REPORT lines' "Init Duration" when you can.
 */
export const RUNTIME_INIT_MS: Readonly<Record<string, number>> = {
    // Node.js ~130 ms
    "nodejs18.x": 130,
    "nodejs20.x": 130,
    "nodejs22.x": 130,
    "nodejs24.x": 130,
    // Python ~80 ms
    "python3.9": 80,
    "python3.10": 80,
    "python3.11": 80,
    "python3.12": 80,
    "python3.13": 80,
    "python3.14": 80,
    // Java 17-21 ~200-230 ms plus ~100 ms on the first invoke (upper end taken)
    "java11": 330,
    "java17": 330,
    "java21": 330,
    "java25": 330,
    // .NET 8 ~270 ms plus ~750 ms on the first invoke
    "dotnet8": 1020,
    "dotnet10": 1020,
    // Ruby ~250 ms
    "ruby3.2": 250,
    "ruby3.3": 250,
    "ruby3.4": 250,
    // OS-only runtimes run Go (~50 ms) or Rust (~17 ms); Go is the common case, so its figure is the default
    "provided.al2": 50,
    "provided.al2023": 50,
};

export const DEFAULT_RUNTIME = "nodejs22.x";
/** How the advisor names the source of RUNTIME_INIT_MS beside its results. */
export const RUNTIME_INIT_SOURCE = "hello-world init from maxday/lambda-perf (2026), real functions take longer";
