import { expect } from "chai";
import type {
  APIGatewayProxyEventV2,
  APIGatewayProxyHandlerV2,
  APIGatewayProxyResultV2,
  Context,
  Handler,
} from "aws-lambda";
import {
  coldStartInfo,
  DEFAULT_WARMUP_DELAY_MS,
  isWarmup,
  isWarmupReply,
  MAX_WARMUP_DELAY_MS,
  PROACTIVE_INITIALIZATION_THRESHOLD_MS,
  WARMUP_MARKER_KEY,
  WARMUP_MARKER_VALUE,
  WarmupEvent,
  WarmupReply,
  withWarmup,
} from "../../runtime/index";
import { resetInstanceStateForTests } from "../../runtime/instance-state";
import { fakeClock, FakeClock, fakeContext, sequentialIds, withEnvironment } from "./fake-lambda";

const warmupEvent = (fields: Partial<WarmupEvent> = {}): WarmupEvent => ({
  [WARMUP_MARKER_KEY]: WARMUP_MARKER_VALUE,
  warmupId: "run-1",
  index: 3,
  concurrency: 10,
  ...fields,
});

const apiEvent = { rawPath: "/orders", body: '{"lambda-concurrency":"warmup"}' };

const handled = (): Promise<string> => Promise.resolve("handled");

describe("runtime library", () => {
  let clock: FakeClock;
  let ids: ReturnType<typeof sequentialIds>;
  let restoreEnvironment: () => void;

  beforeEach(() => {
    // Module load at t = 1 000 000 ms; the first invocation comes 1 s later unless a test says otherwise.
    clock = fakeClock(1_000_000);
    ids = sequentialIds();
    resetInstanceStateForTests({ clock, randomId: ids.next, loadedAtMs: 1_000_000 });
    clock.advance(1_000);
    restoreEnvironment = withEnvironment({
      AWS_LAMBDA_INITIALIZATION_TYPE: undefined,
      AWS_LAMBDA_FUNCTION_VERSION: undefined,
    });
  });

  afterEach(() => {
    restoreEnvironment();
    resetInstanceStateForTests();
  });

  describe("the warm-up event format", () => {
    it("is marked by one member with a fixed value", () => {
      expect(WARMUP_MARKER_KEY).to.equal("lambda-concurrency");
      expect(WARMUP_MARKER_VALUE).to.equal("warmup");
      expect(DEFAULT_WARMUP_DELAY_MS).to.equal(200);
      expect(MAX_WARMUP_DELAY_MS).to.equal(5_000);
      expect(PROACTIVE_INITIALIZATION_THRESHOLD_MS).to.equal(10_000);
    });
  });

  describe("isWarmup", () => {
    const markerOnly: Record<string, unknown> = Object.create(null) as Record<string, unknown>;
    markerOnly["lambda-concurrency"] = "warmup";
    const inheritedMarker: unknown = Object.create({ "lambda-concurrency": "warmup" });

    const cases: [string, unknown, boolean][] = [
      ["a full warm-up ping", warmupEvent(), true],
      ["the marker alone", { "lambda-concurrency": "warmup" }, true],
      ["the marker on a null-prototype object", markerOnly, true],
      ["a ping parsed from JSON", JSON.parse('{"lambda-concurrency":"warmup","index":0}'), true],
      ["a ping with unknown extra members", { "lambda-concurrency": "warmup", future: [1, 2] }, true],
      ["undefined", undefined, false],
      ["null", null, false],
      ["the string 'warmup'", "warmup", false],
      ["the marker key as a string", "lambda-concurrency", false],
      ["a number", 42, false],
      ["a boolean", true, false],
      ["an empty object", {}, false],
      ["an array holding a ping", [{ "lambda-concurrency": "warmup" }], false],
      ["the marker with another case", { "lambda-concurrency": "Warmup" }, false],
      ["the marker key with another case", { "Lambda-Concurrency": "warmup" }, false],
      ["the marker set to true", { "lambda-concurrency": true }, false],
      ["the marker set to an array", { "lambda-concurrency": ["warmup"] }, false],
      ["an inherited marker", inheritedMarker, false],
      ["another warmer's ping", { source: "serverless-plugin-warmup" }, false],
      ["a warm-up reply", { warmup: true, instanceId: "x", cold: true }, false],
      ["an API event whose body mentions the marker", apiEvent, false],
    ];
    for (const [description, event, expected] of cases) {
      it(`is ${String(expected)} for ${description}`, () => {
        expect(isWarmup(event)).to.equal(expected);
      });
    }
  });

  describe("isWarmupReply", () => {
    it("recognizes a reply by warmup, instanceId and cold", () => {
      expect(isWarmupReply({ warmup: true, instanceId: "i", cold: false })).to.equal(true);
      expect(isWarmupReply({ warmup: "true", instanceId: "i", cold: false })).to.equal(false);
      expect(isWarmupReply({ warmup: true, cold: false })).to.equal(false);
      expect(isWarmupReply({ warmup: true, instanceId: "i" })).to.equal(false);
      expect(isWarmupReply(null)).to.equal(false);
      expect(isWarmupReply("warmup")).to.equal(false);
    });
  });

  describe("withWarmup on an async handler", () => {
    it("answers a warm-up without running the handler, after holding for the default delay", async () => {
      const calls: unknown[] = [];
      const handler = withWarmup((event: unknown) => {
        calls.push(event);
        return Promise.resolve("handled");
      });

      const reply = await handler(warmupEvent(), fakeContext());

      expect(calls).to.deep.equal([]);
      expect(clock.sleeps).to.deep.equal([200]);
      expect(reply).to.deep.equal({
        warmup: true,
        instanceId: "instance-1",
        cold: true,
        initType: null,
        proactiveInitialization: false,
        warmupId: "run-1",
        index: 3,
        heldMs: 200,
        functionVersion: null,
      });
    });

    it("reports the initialization type and function version from the environment", async () => {
      process.env.AWS_LAMBDA_INITIALIZATION_TYPE = "provisioned-concurrency";
      process.env.AWS_LAMBDA_FUNCTION_VERSION = "12";
      const handler = withWarmup(handled);

      const reply = (await handler(warmupEvent(), fakeContext())) as WarmupReply;

      expect([reply.initType, reply.functionVersion]).to.deep.equal(["provisioned-concurrency", "12"]);
    });

    it("answers null for ping members that are missing or of the wrong type", async () => {
      const handler = withWarmup(handled);
      const reply = await handler({ "lambda-concurrency": "warmup", warmupId: 7 }, fakeContext());
      expect(reply).to.include({ warmupId: null, index: null, heldMs: 200 });
    });

    it("holds the answer until the delay has passed", async () => {
      let endSleep: () => void = () => undefined;
      resetInstanceStateForTests({
        clock: { now: () => 0, sleep: () => new Promise<void>((resolve) => (endSleep = resolve)) },
        randomId: ids.next,
      });
      const handler = withWarmup(handled);

      let answered = false;
      const pending = handler(warmupEvent(), fakeContext()).then((reply) => {
        answered = true;
        return reply;
      });
      await new Promise((resolve) => setImmediate(resolve));
      expect(answered).to.equal(false);

      endSleep();
      await pending;
      expect(answered).to.equal(true);
    });

    const delayCases: [string, number | undefined, unknown, number[], number][] = [
      ["the ping's delay over the handler's", 75, 50, [50], 50],
      ["the handler's delay when the ping has none", 75, undefined, [75], 75],
      ["the default when neither says", undefined, undefined, [200], 200],
      ["a ping delay clamped to the maximum", undefined, 99_999, [5_000], 5_000],
      ["a negative ping delay as no hold at all", undefined, -5, [], 0],
      ["a zero handler delay as no hold at all", 0, undefined, [], 0],
      ["the handler's delay when the ping's is not a number", 75, "100", [75], 75],
      ["the handler's delay when the ping's is not finite", 75, Number.POSITIVE_INFINITY, [75], 75],
    ];
    for (const [description, optionDelay, eventDelay, expectedSleeps, expectedHeld] of delayCases) {
      it(`applies ${description}`, async () => {
        const handler = withWarmup(handled, { delayMs: optionDelay });
        const event = { ...warmupEvent(), delayMs: eventDelay } as WarmupEvent;

        const reply = (await handler(event, fakeContext())) as WarmupReply;

        expect(clock.sleeps).to.deep.equal(expectedSleeps);
        expect(reply.heldMs).to.equal(expectedHeld);
      });
    }

    for (const badDelay of [-1, 5_001, Number.NaN, "200" as unknown as number]) {
      it(`refuses delayMs ${String(badDelay)} when wrapping`, () => {
        expect(() => withWarmup(handled, { delayMs: badDelay })).to.throw(
          RangeError,
          `delayMs must be between 0 and 5000 ms, got ${String(badDelay)}`,
        );
      });
    }

    it("passes other events and the context to the handler unchanged and returns its result unchanged", async () => {
      const result = { statusCode: 200, body: "ok" };
      const received: [unknown, unknown][] = [];
      const handler = withWarmup((event: typeof apiEvent, context: Context) => {
        received.push([event, context]);
        return Promise.resolve(result);
      });
      const context = fakeContext();

      const returned = await handler(apiEvent, context);

      expect(returned).to.equal(result);
      expect(received).to.have.length(1);
      expect(received[0][0]).to.equal(apiEvent);
      expect(received[0][1]).to.equal(context);
      expect(clock.sleeps).to.deep.equal([]);
    });

    it("passes the handler's rejection through", async () => {
      const failure = new Error("database down");
      const handler = withWarmup((): Promise<string> => Promise.reject(failure));

      let caught: unknown;
      await handler(apiEvent, fakeContext()).catch((error: unknown) => (caught = error));

      expect(caught).to.equal(failure);
    });

    it("keeps the async style: the wrapper declares two parameters (Node.js 24 rejects callback handlers)", () => {
      expect(withWarmup(handled).length).to.equal(2);
      expect(withWarmup((_event: unknown, _context: Context) => Promise.resolve("handled")).length).to.equal(2);
    });

    it("answers with the same instance id every time and makes it once", async () => {
      const handler = withWarmup(handled);

      const replies = [
        (await handler(warmupEvent(), fakeContext())) as WarmupReply,
        (await handler(warmupEvent({ index: 4 }), fakeContext())) as WarmupReply,
        (await handler(warmupEvent({ index: 5 }), fakeContext())) as WarmupReply,
      ];

      expect(replies.map((reply) => reply.instanceId)).to.deep.equal(["instance-1", "instance-1", "instance-1"]);
      expect(coldStartInfo().instanceId).to.equal("instance-1");
      expect(ids.count()).to.equal(1);
    });

    it("makes instance ids of 104 random bits, different for every new instance", () => {
      const made = new Set<string>();
      for (let instance = 0; instance < 1000; instance += 1) {
        resetInstanceStateForTests();
        made.add(coldStartInfo().instanceId);
      }
      expect([...made].filter((id) => !/^[0-9a-f]{26}$/.test(id))).to.deep.equal([]);
      expect(made.size).to.equal(1000);
    });

    it("says cold only for the instance's first invocation", async () => {
      const handler = withWarmup(handled);

      const first = (await handler(warmupEvent(), fakeContext())) as WarmupReply;
      const second = (await handler(warmupEvent(), fakeContext())) as WarmupReply;

      expect([first.cold, second.cold]).to.deep.equal([true, false]);
    });

    it("says warm when a real event was the first invocation", async () => {
      const handler = withWarmup(handled);

      await handler(apiEvent, fakeContext());
      const reply = (await handler(warmupEvent(), fakeContext())) as WarmupReply;

      expect(reply.cold).to.equal(false);
    });

    it("counts two wrapped handlers of one instance as one instance", async () => {
      const first = withWarmup(() => Promise.resolve("a"));
      const second = withWarmup(() => Promise.resolve("b"));

      const replies = [
        (await first(warmupEvent(), fakeContext())) as WarmupReply,
        (await second(warmupEvent(), fakeContext())) as WarmupReply,
      ];

      expect(replies.map((reply) => [reply.instanceId, reply.cold])).to.deep.equal([
        ["instance-1", true],
        ["instance-1", false],
      ]);
    });
  });

  describe("withWarmup on a callback handler", () => {
    type Callback = (error?: Error | string | null, result?: string) => void;

    it("answers a warm-up through the callback without running the handler", async () => {
      const calls: unknown[] = [];
      const handler = withWarmup((event: unknown, _context: Context, callback: Callback) => {
        calls.push(event);
        callback(null, "handled");
      });

      const outcome = await new Promise<[unknown, unknown, unknown]>((resolve) => {
        const returned = handler(warmupEvent(), fakeContext(), (error, result) => resolve([returned, error, result]));
      });

      expect(calls).to.deep.equal([]);
      expect(outcome[0]).to.equal(undefined);
      expect(outcome[1]).to.equal(null);
      expect(outcome[2]).to.deep.equal({
        warmup: true,
        instanceId: "instance-1",
        cold: true,
        initType: null,
        proactiveInitialization: false,
        warmupId: "run-1",
        index: 3,
        heldMs: 200,
        functionVersion: null,
      });
      expect(clock.sleeps).to.deep.equal([200]);
    });

    it("passes other events, the context and the callback to the handler", () => {
      const context = fakeContext();
      const received: unknown[] = [];
      const handler = withWarmup((event: typeof apiEvent, handlerContext: Context, callback: Callback) => {
        received.push(event, handlerContext);
        callback(null, event.rawPath);
      });

      const results: unknown[] = [];
      const returned = handler(apiEvent, context, (error, result) => results.push(error, result));

      expect(returned).to.equal(undefined);

      expect(received[0]).to.equal(apiEvent);
      expect(received[1]).to.equal(context);
      expect(results).to.deep.equal([null, "/orders"]);
    });

    it("passes the handler's error through the callback", () => {
      const handler = withWarmup((_event: unknown, _context: Context, callback: Callback) => {
        callback(new Error("bad request"));
      });

      const errors: unknown[] = [];
      const returned = handler(apiEvent, fakeContext(), (error) => errors.push(error));

      expect(returned).to.equal(undefined);

      expect(errors).to.have.length(1);
      expect((errors[0] as Error).message).to.equal("bad request");
    });

    it("reports a failed hold through the callback", async () => {
      resetInstanceStateForTests({
        clock: { now: () => 0, sleep: () => Promise.reject(new Error("timer broke")) },
        randomId: ids.next,
      });
      const handler = withWarmup((_event: unknown, _context: Context, callback: Callback) => callback(null, "x"));

      const error = await new Promise<unknown>((resolve) => {
        expect(handler(warmupEvent(), fakeContext(), resolve)).to.equal(undefined);
      });

      expect((error as Error).message).to.equal("timer broke");
    });

    it("keeps the callback style: the wrapper declares three parameters", () => {
      const handler = withWarmup((_event: unknown, _context: Context, callback: Callback) => callback(null, "x"));
      expect(handler.length).to.equal(3);
    });

    it("keeps an async function async even when it declares three parameters (Node.js 24 passes no callback)", async () => {
      const handler = withWarmup(async (event: unknown, _context: Context, _callback?: Callback) => {
        await Promise.resolve();
        return { echoed: event };
      });
      expect(handler.length).to.equal(2);
      expect(await (handler as (e: unknown, c: Context) => Promise<unknown>)({ a: 1 }, fakeContext())).to.deep.equal({ echoed: { a: 1 } });
    });
  });

  describe("coldStartInfo", () => {
    const initTypeCases: [string | undefined, string | undefined][] = [
      ["on-demand", "on-demand"],
      ["provisioned-concurrency", "provisioned-concurrency"],
      ["snap-start", "snap-start"],
      [undefined, undefined],
      ["", undefined],
      ["lambda-managed-instances", undefined],
      ["ON-DEMAND", undefined],
    ];
    for (const [value, expected] of initTypeCases) {
      it(`gives initType ${String(expected)} for AWS_LAMBDA_INITIALIZATION_TYPE=${String(value)}`, () => {
        const restore = withEnvironment({ AWS_LAMBDA_INITIALIZATION_TYPE: value });
        try {
          expect(coldStartInfo().initType).to.equal(expected);
        } finally {
          restore();
        }
      });
    }

    const gapCases: [number, boolean][] = [
      [0, false],
      [9_999, false],
      [10_000, false],
      [10_001, true],
      [6 * 60_000, true],
    ];
    for (const [gapMs, proactive] of gapCases) {
      it(`says proactive ${String(proactive)} when the first invocation comes ${gapMs} ms after init`, async () => {
        resetInstanceStateForTests({ clock, randomId: ids.next, loadedAtMs: 0 });
        clock.set(gapMs);
        const handler = withWarmup(() => Promise.resolve(coldStartInfo()));

        const info = await handler(apiEvent, fakeContext());

        expect(info).to.deep.equal({
          firstInvocation: true,
          proactiveInitialization: proactive,
          initType: undefined,
          instanceId: "instance-1",
          initToFirstInvocationMs: gapMs,
        });
      });
    }

    it("keeps the first invocation's gap and proactive flag for later invocations", async () => {
      resetInstanceStateForTests({ clock, randomId: ids.next, loadedAtMs: 0 });
      clock.set(12_000);
      const handler = withWarmup(() => Promise.resolve(coldStartInfo()));

      await handler(apiEvent, fakeContext());
      clock.advance(60_000);
      const later = await handler(apiEvent, fakeContext());

      expect(later).to.deep.equal({
        firstInvocation: false,
        proactiveInitialization: true,
        initType: undefined,
        instanceId: "instance-1",
        initToFirstInvocationMs: 12_000,
      });
    });

    it("says first invocation for every call during the wrapped handler's first invocation", async () => {
      const handler = withWarmup(() => Promise.resolve([coldStartInfo().firstInvocation, coldStartInfo().firstInvocation]));

      expect(await handler(apiEvent, fakeContext())).to.deep.equal([true, true]);
      expect(await handler(apiEvent, fakeContext())).to.deep.equal([false, false]);
    });

    it("without withWarmup, counts its own first call as the first invocation", () => {
      const first = coldStartInfo();
      const second = coldStartInfo();

      expect([first.firstInvocation, second.firstInvocation]).to.deep.equal([true, false]);
      expect(first.initToFirstInvocationMs).to.equal(1_000);
      expect(second.initToFirstInvocationMs).to.equal(1_000);
    });

    it("says a warm-up that came first took the cold start", async () => {
      const handler = withWarmup(() => Promise.resolve(coldStartInfo()));

      await handler(warmupEvent(), fakeContext());
      const info = (await handler(apiEvent, fakeContext())) as ReturnType<typeof coldStartInfo>;

      expect(info.firstInvocation).to.equal(false);
    });
  });

  describe("types", () => {
    it("keep the event and result types of aws-lambda handlers, explicit or inferred", async () => {
      // Explicit type arguments; the handler may annotate aws-lambda's full Context.
      const explicit = withWarmup<APIGatewayProxyEventV2, APIGatewayProxyResultV2>((event, context: Context) =>
        Promise.resolve({ statusCode: 200, body: `${context.functionName} ${event.rawPath}` }),
      );
      // Inferred from a handler typed with @types/aws-lambda.
      const typed: APIGatewayProxyHandlerV2 = (event) => Promise.resolve({ statusCode: 201, body: event.rawPath });
      const inferred = withWarmup(typed);
      // The wrapped handlers still fit aws-lambda's Handler type, widened by the warm-up event and reply.
      const asHandler: Handler<APIGatewayProxyEventV2 | WarmupEvent, APIGatewayProxyResultV2 | WarmupReply> = inferred;
      const asAsync: (
        event: APIGatewayProxyEventV2 | WarmupEvent,
        context: Context,
      ) => Promise<APIGatewayProxyResultV2 | WarmupReply> = explicit;

      // Compile-time checks: these lines fail `tsc` if the types loosen.
      const mistakes = () => {
        // @ts-expect-error the result type must match
        withWarmup<APIGatewayProxyEventV2, APIGatewayProxyResultV2>(() => Promise.resolve(42));
        // @ts-expect-error the event type is known inside the handler
        withWarmup<APIGatewayProxyEventV2, APIGatewayProxyResultV2>((event) => Promise.resolve(event.notAField));
      };
      void mistakes;

      const event = { rawPath: "/health" } as APIGatewayProxyEventV2;
      const result = await asAsync(event, fakeContext());
      const reply = await asAsync(warmupEvent(), fakeContext());

      expect(result).to.deep.equal({ statusCode: 200, body: "api /health" });
      expect(isWarmupReply(reply)).to.equal(true);
      expect(asHandler.length).to.equal(2);
    });
  });
});
