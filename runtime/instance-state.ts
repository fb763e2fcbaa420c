// The state of one Lambda execution environment ("instance"), as seen from inside it.
//
// Module-level state is exactly what lives as long as an execution environment: Lambda loads the handler module
// once per environment (the init phase) and then calls the handler for every invocation that environment serves.
// This module is internal: `runtime/index.ts` exposes what users need, and tests reset it through
// `resetInstanceStateForTests`. The package's `exports` map only publishes `./runtime` (index.js), so users cannot
// reach this file by a deep import.

/** Time and waiting, injectable so that tests need neither real clocks nor real delays. */
export interface InstanceClock {
  /** Wall-clock milliseconds since the epoch. */
  now(): number;
  /** Resolves after `ms` milliseconds. */
  sleep(ms: number): Promise<void>;
}

// Wall clock on purpose: between the init phase and the first invocation Lambda may freeze the environment, and a
// monotonic clock (performance.now, process.hrtime) is not guaranteed to advance while the microVM is frozen.
// The proactive-initialization article measures the gap with `new Date()` for the same reason.
const systemClock: InstanceClock = {
  now: () => Date.now(),
  sleep: (ms) => new Promise<void>((resolve) => setTimeout(resolve, ms)),
};

// The random id is made on first use rather than at module load, so that it is not part of the init phase's memory.
// It is 104 bits from Math.random, which V8 seeds from the operating system's entropy in every new process, and Lambda
// runs each execution environment in a process of its own: unique enough to tell instances apart, and not a secret.
// Not crypto on purpose: on Node.js 20 the first randomUUID costs ~2.5 ms (Web Crypto loads the streams modules) and
// importing node:crypto ~4 ms, against ~0.1 ms here (bench/runtime-import.bench.ts), all on a cold start's path.
// Limit: SnapStart restores many environments from one snapshot, generator state included ("Handling uniqueness with
// Lambda SnapStart", https://docs.aws.amazon.com/lambda/latest/dg/snapstart-uniqueness.html). SnapStart's runtimes are
// Java, Python and .NET (https://docs.aws.amazon.com/lambda/latest/dg/snapstart.html); should Node.js join them, this
// id must be reseeded after restore.
const random52BitHex = (): string =>
  Math.floor(Math.random() * 2 ** 52)
    .toString(16)
    .padStart(13, "0");
const systemRandomId = (): string => random52BitHex() + random52BitHex();

interface InstanceState {
  clock: InstanceClock;
  randomId: () => string;
  /** When this module was loaded: our approximation of when the environment's init phase ran. */
  loadedAtMs: number;
  /** How many invocations this environment has started (counted by withWarmup, or by coldStartInfo if unwrapped). */
  invocationsStarted: number;
  /** Whether withWarmup counts the invocations; if not, each coldStartInfo call counts as one. */
  countedByWithWarmup: boolean;
  /** When the first invocation started; undefined until then. */
  firstInvocationAtMs: number | undefined;
  /** Made on first use; see systemRandomId. */
  instanceId: string | undefined;
}

let state: InstanceState = {
  clock: systemClock,
  randomId: systemRandomId,
  loadedAtMs: systemClock.now(),
  invocationsStarted: 0,
  countedByWithWarmup: false,
  firstInvocationAtMs: undefined,
  instanceId: undefined,
};

/** Who marks the start of invocations: withWarmup's wrapper, or coldStartInfo in a handler that is not wrapped. */
export type InvocationCounter = "withWarmup" | "coldStartInfo";

/** Marks the start of an invocation of this environment. */
export function recordInvocationStart(countedBy: InvocationCounter): void {
  if (countedBy === "withWarmup") {
    state.countedByWithWarmup = true;
  }
  state.invocationsStarted += 1;
  if (state.firstInvocationAtMs === undefined) {
    state.firstInvocationAtMs = state.clock.now();
  }
}

/** How many invocations this environment has started. */
export function invocationsStarted(): number {
  return state.invocationsStarted;
}

/** Whether a withWarmup wrapper has counted invocations in this environment. */
export function countedByWithWarmup(): boolean {
  return state.countedByWithWarmup;
}

/** The stable id of this environment, made on first use. */
export function instanceId(): string {
  if (state.instanceId === undefined) {
    state.instanceId = state.randomId();
  }
  return state.instanceId;
}

/** Milliseconds from module load to the first invocation, or undefined if no invocation started yet. */
export function initToFirstInvocationMs(): number | undefined {
  if (state.firstInvocationAtMs === undefined) {
    return undefined;
  }
  return state.firstInvocationAtMs - state.loadedAtMs;
}

/** The clock in use (the system clock unless a test replaced it). */
export function clock(): InstanceClock {
  return state.clock;
}

/** What a test may replace when it resets the state. */
export interface InstanceStateOverrides {
  /** Defaults to the system clock. */
  clock?: InstanceClock;
  /** Defaults to 104 bits from Math.random (see the comment on random52BitHex for why not crypto). */
  randomId?: () => string;
  /** Defaults to `clock.now()` at the time of the reset, as if the module had just been loaded. */
  loadedAtMs?: number;
}

/**
 * INTERNAL, for tests only: forget everything, as if this module had just been loaded into a new execution
 * environment. Not exported from `lambda-concurrency/runtime`.
 */
export function resetInstanceStateForTests(overrides: InstanceStateOverrides = {}): void {
  const newClock = overrides.clock ?? systemClock;
  state = {
    clock: newClock,
    randomId: overrides.randomId ?? systemRandomId,
    loadedAtMs: overrides.loadedAtMs ?? newClock.now(),
    invocationsStarted: 0,
    countedByWithWarmup: false,
    firstInvocationAtMs: undefined,
    instanceId: undefined,
  };
}
