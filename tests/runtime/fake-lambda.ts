// Test doubles shared by the runtime tests: a controllable clock and a Lambda context object.
import type { Context } from "aws-lambda";
import type { InstanceClock } from "../../runtime/instance-state";

/** A clock that only moves when told to, and records every sleep instead of waiting. */
export interface FakeClock extends InstanceClock {
  /** The delays asked of sleep(), in order. */
  readonly sleeps: number[];
  advance(ms: number): void;
  set(ms: number): void;
}

/**
 * @param startMs the initial time
 * @param sleepAdvancesTime whether sleep(ms) moves the clock by ms before resolving (it always resolves at once)
 */
export function fakeClock(startMs: number, sleepAdvancesTime = true): FakeClock {
  let currentMs = startMs;
  const sleeps: number[] = [];
  return {
    sleeps,
    now: () => currentMs,
    sleep: (ms: number) => {
      sleeps.push(ms);
      if (sleepAdvancesTime) {
        currentMs += ms;
      }
      return Promise.resolve();
    },
    advance: (ms: number) => {
      currentMs += ms;
    },
    set: (ms: number) => {
      currentMs = ms;
    },
  };
}

/** Ids "instance-1", "instance-2", … so that tests can tell how many were made. */
export function sequentialIds(prefix = "instance"): { next: () => string; count: () => number } {
  let made = 0;
  return {
    next: () => {
      made += 1;
      return `${prefix}-${made}`;
    },
    count: () => made,
  };
}

/** A complete Lambda context, as the Node.js runtime passes it. */
export function fakeContext(functionName = "api", functionVersion = "7"): Context {
  return {
    callbackWaitsForEmptyEventLoop: true,
    functionName,
    functionVersion,
    invokedFunctionArn: `arn:aws:lambda:us-east-1:123456789012:function:${functionName}`,
    memoryLimitInMB: "128",
    awsRequestId: "6f1c1c9e-0000-4000-8000-000000000001",
    logGroupName: `/aws/lambda/${functionName}`,
    logStreamName: "2026/11/23/[$LATEST]0123456789abcdef",
    getRemainingTimeInMillis: () => 3000,
    done: () => undefined,
    fail: () => undefined,
    succeed: () => undefined,
  };
}

/** Sets environment variables for one test and gives back a function that restores them. */
export function withEnvironment(values: Record<string, string | undefined>): () => void {
  const saved: Record<string, string | undefined> = {};
  for (const [name, value] of Object.entries(values)) {
    saved[name] = process.env[name];
    if (value === undefined) {
      delete process.env[name];
    } else {
      process.env[name] = value;
    }
  }
  return () => {
    for (const [name, value] of Object.entries(saved)) {
      if (value === undefined) {
        delete process.env[name];
      } else {
        process.env[name] = value;
      }
    }
  };
}
