import { expect } from "chai";
import { withWarmup } from "../../runtime/index";
import { coldStartMetricLine, namespaceProblem, resolveColdStartMetric } from "../../runtime/cold-start-metric";
import { resetInstanceStateForTests } from "../../runtime/instance-state";
import { fakeClock, FakeClock, fakeContext, withEnvironment } from "./fake-lambda";

const PING = { "lambda-concurrency": "warmup", warmupId: "w", index: 0, concurrency: 1, delayMs: 0 };

/** Runs `body` with process.stdout.write captured; returns the lines written. */
async function stdoutOf(body: () => Promise<unknown>): Promise<string[]> {
  const written: string[] = [];
  const original = process.stdout.write.bind(process.stdout);
  process.stdout.write = (chunk: string | Uint8Array): boolean => {
    written.push(String(chunk));
    return true;
  };
  try {
    await body();
  } finally {
    process.stdout.write = original;
  }
  return written.join("").split("\n").filter((line) => line.length > 0);
}

describe("the ColdStart metric (runtime)", () => {
  let clock: FakeClock;
  let restore: () => void;

  beforeEach(() => {
    clock = fakeClock(1_700_000_000_000);
    resetInstanceStateForTests({ clock, loadedAtMs: 1_700_000_000_000 });
    clock.advance(500);
    restore = withEnvironment({
      AWS_LAMBDA_INITIALIZATION_TYPE: "on-demand",
      AWS_LAMBDA_FUNCTION_NAME: "orders",
      POWERTOOLS_METRICS_NAMESPACE: undefined,
      POWERTOOLS_SERVICE_NAME: undefined,
    });
  });

  afterEach(() => {
    restore();
    resetInstanceStateForTests();
  });

  it("is the EMF document Powertools writes for its ColdStart metric: name, unit, value and dimensions", () => {
    expect(JSON.parse(coldStartMetricLine({ namespace: "Shop", service: "orders-api" }, "orders", 1_700_000_000_500))).to.deep.equal({
      _aws: {
        Timestamp: 1_700_000_000_500,
        CloudWatchMetrics: [{ Namespace: "Shop", Dimensions: [["function_name", "service"]], Metrics: [{ Name: "ColdStart", Unit: "Count" }] }],
      },
      function_name: "orders",
      service: "orders-api",
      ColdStart: 1,
    });
  });

  it("is written once, on the first real request of an environment initialized on demand", async () => {
    const handler = withWarmup(() => Promise.resolve("ok"), { coldStartMetric: true });
    const lines = await stdoutOf(async () => {
      await handler({ path: "/" }, fakeContext());
      await handler({ path: "/" }, fakeContext());
    });
    expect(lines.map((l) => JSON.parse(l) as Record<string, unknown>)).to.deep.equal([
      {
        _aws: {
          Timestamp: 1_700_000_000_500,
          CloudWatchMetrics: [
            { Namespace: "LambdaConcurrency", Dimensions: [["function_name", "service"]], Metrics: [{ Name: "ColdStart", Unit: "Count" }] },
          ],
        },
        function_name: "orders",
        service: "service_undefined",
        ColdStart: 1,
      },
    ]);
  });

  it("takes the namespace and service from the Powertools variables, and options over them", async () => {
    restore();
    restore = withEnvironment({
      AWS_LAMBDA_INITIALIZATION_TYPE: "on-demand",
      AWS_LAMBDA_FUNCTION_NAME: "orders",
      POWERTOOLS_METRICS_NAMESPACE: "Shop",
      POWERTOOLS_SERVICE_NAME: "checkout",
    });
    expect(resolveColdStartMetric({}, process.env)).to.deep.equal({ namespace: "Shop", service: "checkout" });
    expect(resolveColdStartMetric({ namespace: "Mine", service: "api" }, process.env)).to.deep.equal({ namespace: "Mine", service: "api" });
    const handler = withWarmup(() => Promise.resolve("ok"), { coldStartMetric: true });
    const [line] = await stdoutOf(() => handler({}, fakeContext()));
    expect(JSON.parse(line)).to.deep.include({ service: "checkout", function_name: "orders" });
  });

  it("is not written when a warm-up ping came first: the request found the environment warm", async () => {
    const handler = withWarmup(() => Promise.resolve("ok"), { coldStartMetric: true });
    const lines = await stdoutOf(async () => {
      await handler(PING, fakeContext());
      await handler({ path: "/" }, fakeContext());
    });
    expect(lines).to.deep.equal([]);
  });

  it("is not written for provisioned concurrency or a proactive initialization: no request waited", async () => {
    for (const [initType, gapMs] of [
      ["provisioned-concurrency", 0],
      ["on-demand", 15_000],
    ] as const) {
      resetInstanceStateForTests({ clock, loadedAtMs: clock.now() });
      clock.advance(gapMs);
      process.env.AWS_LAMBDA_INITIALIZATION_TYPE = initType;
      const handler = withWarmup(() => Promise.resolve("ok"), { coldStartMetric: {} });
      expect(await stdoutOf(() => handler({}, fakeContext()))).to.deep.equal([]);
    }
  });

  it("is counted for a callback handler, and before a handler that throws", async () => {
    const failing = withWarmup(() => Promise.reject(new Error("boom")), { coldStartMetric: true });
    const lines = await stdoutOf(() => failing({}, fakeContext()).catch(() => undefined));
    expect(lines).to.have.length(1);
    resetInstanceStateForTests({ clock, loadedAtMs: clock.now() });
    const callback = withWarmup((_event: unknown, _context: unknown, done: (e: null, r: string) => void) => done(null, "ok"), { coldStartMetric: true });
    const more = await stdoutOf(
      () =>
        new Promise((resolve) => {
          void callback({}, fakeContext(), (_e, r) => resolve(r));
        }),
    );
    expect(more.map((l) => (JSON.parse(l) as { ColdStart: number }).ColdStart)).to.deep.equal([1]);
  });

  it("is off by default", async () => {
    const handler = withWarmup(() => Promise.resolve("ok"));
    expect(await stdoutOf(() => handler({}, fakeContext()))).to.deep.equal([]);
  });

  it("refuses bad options when the handler is wrapped, naming the value", () => {
    expect(() => withWarmup(() => Promise.resolve("ok"), { coldStartMetric: "yes" as unknown as boolean })).to.throw(
      RangeError,
      'coldStartMetric must be true, false or an object of options, got "yes"',
    );
    expect(() => withWarmup(() => Promise.resolve("ok"), { coldStartMetric: { namespace: "AWS/Lambda" } })).to.throw(
      RangeError,
      'coldStartMetric.namespace must not start with "AWS/" (reserved for AWS services), got "AWS/Lambda"',
    );
    expect(() => withWarmup(() => Promise.resolve("ok"), { coldStartMetric: { service: "" } })).to.throw(RangeError, 'coldStartMetric.service must be 1 to 1024 characters, got ""');
    expect(namespaceProblem("a".repeat(256))).to.match(/^coldStartMetric.namespace must be 1 to 255 letters/);
    expect(namespaceProblem("Shop/Orders #1: api.v2-x_y")).to.equal(undefined);
    expect(namespaceProblem("bad$")).to.equal('coldStartMetric.namespace must be 1 to 255 letters, digits, spaces and . - _ / # :, got "bad$"');
  });
});
