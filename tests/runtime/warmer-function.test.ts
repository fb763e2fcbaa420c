import { expect } from "chai";
import type { LambdaClient } from "@aws-sdk/client-lambda";
import { InvokeCommand } from "@aws-sdk/client-lambda";
import * as runtime from "../../runtime/index";
import * as warmer from "../../runtime/warmer-function";
import { resetInstanceStateForTests } from "../../runtime/instance-state";
import { fakeClock, fakeContext, sequentialIds } from "./fake-lambda";

type InvokeRequest = Parameters<Parameters<typeof warmer.runWarmup>[1]["invoke"]>[0];
type InvokeResponse = Awaited<ReturnType<Parameters<typeof warmer.runWarmup>[1]["invoke"]>>;
type TargetReport = Awaited<ReturnType<typeof warmer.runWarmup>>["targets"][number];

/** An error shaped like the AWS SDK's service exceptions: `name` is the error code. */
function sdkError(name: string, message: string, httpStatusCode: number): Error {
  const error = new Error(message) as Error & { $metadata: { httpStatusCode: number } };
  error.name = name;
  error.$metadata = { httpStatusCode };
  return error;
}

function reply(instanceId: string, cold: boolean): InvokeResponse {
  return { statusCode: 200, functionError: undefined, payload: JSON.stringify({ warmup: true, instanceId, cold }) };
}

/**
 * An invoker whose answers come from `answer`, one macrotask later (so that calls overlap as they would over the
 * network). It records every request and measures how many were in flight at once.
 */
function fakeInvoker(answer: (request: InvokeRequest, callNumber: number) => InvokeResponse | Error) {
  const requests: InvokeRequest[] = [];
  let inFlight = 0;
  let maxInFlight = 0;
  const invoke = (request: InvokeRequest): Promise<InvokeResponse> => {
    requests.push(request);
    const callNumber = requests.length;
    inFlight += 1;
    maxInFlight = Math.max(maxInFlight, inFlight);
    return new Promise<InvokeResponse>((resolve, reject) => {
      setImmediate(() => {
        inFlight -= 1;
        const outcome = answer(request, callNumber);
        if (outcome instanceof Error) {
          reject(outcome);
        } else {
          resolve(outcome);
        }
      });
    });
  };
  return { invoke, requests, maxInFlight: () => maxInFlight };
}

/** Every ping reaches a new, cold instance named after the call. */
const everyPingANewInstance = (_request: InvokeRequest, callNumber: number) => reply(`i-${callNumber}`, true);

const report = (fields: Partial<TargetReport>): TargetReport => ({
  target: null,
  functionName: null,
  qualifier: null,
  skipped: null,
  requested: 0,
  instancesReached: 0,
  coldInstances: 0,
  errors: 0,
  throttles: 0,
  unrecognizedReplies: 0,
  durationMs: 0,
  errorSamples: [],
  ...fields,
});

describe("warmer function", () => {
  let lines: string[];
  const log = (line: string) => lines.push(line);
  const now = () => 1_700_000_000_000;

  beforeEach(() => {
    lines = [];
  });

  describe("the warm-up ping", () => {
    it("has the format the runtime library defines", () => {
      expect(warmer.WARMUP_MARKER_KEY).to.equal(runtime.WARMUP_MARKER_KEY);
      expect(warmer.WARMUP_MARKER_VALUE).to.equal(runtime.WARMUP_MARKER_VALUE);
      const event = warmer.buildWarmupEvent("run-1", 4, 10, 150);
      const expected: runtime.WarmupEvent = {
        "lambda-concurrency": "warmup",
        warmupId: "run-1",
        index: 4,
        concurrency: 10,
        delayMs: 150,
      };
      expect(event).to.deep.equal(expected);
      expect(runtime.isWarmup(event)).to.equal(true);
      expect(warmer.buildWarmupEvent("run-1", 0, 1, undefined)).to.deep.equal({
        "lambda-concurrency": "warmup",
        warmupId: "run-1",
        index: 0,
        concurrency: 1,
      });
    });

    it("is answered by withWarmup with a reply the warmer recognizes", async () => {
      resetInstanceStateForTests({ clock: fakeClock(0), randomId: sequentialIds().next });
      try {
        const handler = runtime.withWarmup(() => Promise.resolve("handled"));
        const answer = await handler(warmer.buildWarmupEvent("run-1", 0, 1, 0), fakeContext());
        expect(warmer.isWarmupReply(JSON.parse(JSON.stringify(answer)))).to.equal(true);
      } finally {
        resetInstanceStateForTests();
      }
    });

    it("replies are recognized the same way by the warmer and the runtime library", () => {
      const values: unknown[] = [
        { warmup: true, instanceId: "i", cold: true },
        { warmup: true, instanceId: "i", cold: "true" },
        { warmup: 1, instanceId: "i", cold: true },
        { warmup: true, cold: false },
        { statusCode: 200 },
        null,
        "warmup",
      ];
      expect(values.map((value) => warmer.isWarmupReply(value))).to.deep.equal(
        values.map((value) => runtime.isWarmupReply(value)),
      );
      expect(values.map((value) => warmer.isWarmupReply(value))).to.deep.equal([
        true,
        false,
        false,
        false,
        false,
        false,
        false,
      ]);
    });
  });

  describe("runWarmup fan-out", () => {
    it("sends `concurrency` pings per target with the target's name, qualifier and delay", async () => {
      const invoker = fakeInvoker(everyPingANewInstance);
      const plan = {
        targets: [
          { functionName: "orders", concurrency: 3 },
          { functionName: "users", qualifier: "live", concurrency: 2, delayMs: 300 },
        ],
      };

      await warmer.runWarmup(plan, { invoke: invoker.invoke, log, now, warmupId: "run-1" });

      const sent = invoker.requests.map((request) => [
        request.functionName,
        request.qualifier,
        JSON.parse(request.payload) as unknown,
      ]);
      expect(sent).to.deep.equal([
        ["orders", undefined, { "lambda-concurrency": "warmup", warmupId: "run-1", index: 0, concurrency: 3 }],
        ["orders", undefined, { "lambda-concurrency": "warmup", warmupId: "run-1", index: 1, concurrency: 3 }],
        ["orders", undefined, { "lambda-concurrency": "warmup", warmupId: "run-1", index: 2, concurrency: 3 }],
        ["users", "live", { "lambda-concurrency": "warmup", warmupId: "run-1", index: 0, concurrency: 2, delayMs: 300 }],
        ["users", "live", { "lambda-concurrency": "warmup", warmupId: "run-1", index: 1, concurrency: 2, delayMs: 300 }],
      ]);
    });

    it("reports per target, in plan order, what the pings reached", async () => {
      const invoker = fakeInvoker(everyPingANewInstance);
      const plan = {
        targets: [
          { functionName: "orders", concurrency: 3 },
          { functionName: "arn:aws:lambda:us-east-1:123456789012:function:users:live", concurrency: 2 },
        ],
      };

      const result = await warmer.runWarmup(plan, { invoke: invoker.invoke, log, now, warmupId: "run-1" });

      expect(result.warmupId).to.equal("run-1");
      expect(result.problems).to.deep.equal([]);
      expect(result.targets).to.deep.equal([
        report({
          target: "orders",
          functionName: "orders",
          requested: 3,
          instancesReached: 3,
          coldInstances: 3,
        }),
        report({
          target: "arn:aws:lambda:us-east-1:123456789012:function:users:live",
          functionName: "users",
          qualifier: "live",
          requested: 2,
          instancesReached: 2,
          coldInstances: 2,
        }),
      ]);
      expect(lines).to.have.length(2);
    });

    it("measures each target from its pings to its last answer, and the whole run", async () => {
      // The clock moves 10 ms at every reading: run start, target start, target end, log line, run end.
      let time = 0;
      const invoker = fakeInvoker(everyPingANewInstance);

      const result = await warmer.runWarmup({ targets: [{ functionName: "orders", concurrency: 2 }] }, {
        invoke: invoker.invoke,
        log,
        now: () => (time += 10),
      });

      expect([result.targets[0].durationMs, result.durationMs]).to.deep.equal([10, 40]);
    });

    it("sends all pings of a target before any of them is answered", async () => {
      const pending: string[] = [];
      let answered = false;
      const invoke = (request: InvokeRequest): Promise<InvokeResponse> => {
        expect(answered).to.equal(false);
        pending.push(request.functionName);
        return new Promise((resolve) =>
          setImmediate(() => {
            answered = true;
            resolve(reply(`i-${pending.length}`, true));
          }),
        );
      };

      await warmer.runWarmup({ targets: [{ functionName: "orders", concurrency: 10 }] }, { invoke, log, now });

      expect(pending).to.have.length(10);
    });

    it("makes a random warm-up id when none is given", async () => {
      const invoker = fakeInvoker(everyPingANewInstance);
      const result = await warmer.runWarmup({ targets: [{ functionName: "orders", concurrency: 2 }] }, {
        invoke: invoker.invoke,
        log,
        now,
      });
      expect(result.warmupId).to.match(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
      const pingIds = invoker.requests.map((request) => (JSON.parse(request.payload) as { warmupId: string }).warmupId);
      expect(pingIds).to.deep.equal([result.warmupId, result.warmupId]);
    });
  });

  describe("runWarmup bounded parallelism", () => {
    const cases: [string, number[], number | undefined, number][] = [
      ["targets that each fill the bound run one at a time", [3, 3, 3], 3, 3],
      ["a waiting target starts once all its pings fit, beside the end of the one before", [3, 3, 3], 5, 5],
      ["targets that fit together run together", [2, 3, 4], 5, 5],
      ["many small targets fill the bound exactly", [1, 1, 1, 1, 1, 1, 1, 1, 1, 1], 4, 4],
      ["one target may use the whole bound", [5], 5, 5],
      ["the default bound is 50", [30, 20, 1], undefined, 50],
    ];
    for (const [description, concurrencies, maxParallelism, expectedMax] of cases) {
      it(`${description}: concurrency ${concurrencies.join(", ")}, maxParallelism ${String(maxParallelism)}`, async () => {
        const invoker = fakeInvoker(everyPingANewInstance);
        const plan = {
          targets: concurrencies.map((concurrency, index) => ({ functionName: `f${index}`, concurrency })),
          maxParallelism,
        };

        const result = await warmer.runWarmup(plan, { invoke: invoker.invoke, log, now });

        expect(invoker.maxInFlight()).to.equal(expectedMax);
        expect(invoker.requests).to.have.length(concurrencies.reduce((sum, concurrency) => sum + concurrency, 0));
        expect(result.targets.map((target) => target.instancesReached)).to.deep.equal(concurrencies);
      });
    }

    it("starts a waiting target only when all its pings fit, and then sends them together", async () => {
      const events: string[] = [];
      const invoker = fakeInvoker((request, callNumber) => {
        events.push(`answer ${request.functionName}`);
        return reply(`i-${callNumber}`, true);
      });
      const invoke = (request: InvokeRequest) => {
        events.push(`call ${request.functionName}`);
        return invoker.invoke(request);
      };
      const plan = {
        targets: [
          { functionName: "first", concurrency: 4 },
          { functionName: "second", concurrency: 4 },
        ],
        maxParallelism: 6,
      };

      await warmer.runWarmup(plan, { invoke, log, now });

      // 4 in flight, 2 slots free: the second target waits for two answers, then sends its 4 pings at once.
      expect(events.slice(0, 10)).to.deep.equal([
        "call first",
        "call first",
        "call first",
        "call first",
        "answer first",
        "answer first",
        "call second",
        "call second",
        "call second",
        "call second",
      ]);
      expect(invoker.maxInFlight()).to.equal(6);
    });

    it("skips a target whose concurrency exceeds the bound, and runs the others", async () => {
      const invoker = fakeInvoker(everyPingANewInstance);
      const plan = {
        targets: [
          { functionName: "big", concurrency: 6 },
          { functionName: "small", concurrency: 2 },
        ],
        maxParallelism: 5,
      };

      const result = await warmer.runWarmup(plan, { invoke: invoker.invoke, log, now });

      expect(result.targets[0]).to.deep.equal(
        report({
          target: "big",
          functionName: "big",
          skipped:
            "concurrency 6 exceeds maxParallelism 5: its pings could not all be in flight at once, " +
            "so they could not reach 6 distinct instances",
        }),
      );
      expect(result.targets[1].instancesReached).to.equal(2);
      expect(invoker.requests.map((request) => request.functionName)).to.deep.equal(["small", "small"]);
    });
  });

  describe("runWarmup counting", () => {
    it("counts distinct instances, and as cold those that answered cold", async () => {
      const answers = [reply("a", true), reply("a", false), reply("b", true), reply("c", false), reply("c", false)];
      const invoker = fakeInvoker((_request, callNumber) => answers[callNumber - 1]);

      const result = await warmer.runWarmup({ targets: [{ functionName: "orders", concurrency: 5 }] }, {
        invoke: invoker.invoke,
        log,
        now,
      });

      expect(result.targets[0]).to.deep.include({ requested: 5, instancesReached: 3, coldInstances: 2, errors: 0 });
    });

    it("reports function errors, failed calls and throttles, and finishes the run", async () => {
      const answers: (InvokeResponse | Error)[] = [
        reply("a", true),
        {
          statusCode: 200,
          functionError: "Unhandled",
          payload: '{"errorType":"TypeError","errorMessage":"x is undefined","trace":[]}',
        },
        sdkError("TooManyRequestsException", "Rate Exceeded.", 429),
        sdkError("SomeFutureThrottleName", "Slow down", 429),
        sdkError("ResourceNotFoundException", "Function not found", 404),
        new Error("socket hang up"),
        { statusCode: 200, functionError: "Handled", payload: "not json" },
      ];
      const invoker = fakeInvoker((_request, callNumber) => answers[callNumber - 1] ?? reply("u-1", true));

      const result = await warmer.runWarmup(
        {
          targets: [
            { functionName: "orders", concurrency: 7 },
            { functionName: "users", concurrency: 1 },
          ],
        },
        { invoke: invoker.invoke, log, now },
      );

      expect(result.targets[0]).to.deep.include({
        requested: 7,
        instancesReached: 1,
        coldInstances: 1,
        errors: 4,
        throttles: 2,
        unrecognizedReplies: 0,
      });
      expect(result.targets[0].errorSamples).to.deep.equal([
        "Unhandled: TypeError: x is undefined",
        "ResourceNotFoundException: Function not found",
        "Error: socket hang up",
      ]);
      expect(result.targets[1]).to.deep.include({ target: "users", requested: 1, instancesReached: 1, errors: 0 });
    });

    it("keeps at most three distinct error samples", async () => {
      const invoker = fakeInvoker((_request, callNumber) =>
        sdkError("ServiceException", `failure ${callNumber % 4}`, 500),
      );
      const result = await warmer.runWarmup({ targets: [{ functionName: "orders", concurrency: 8 }] }, {
        invoke: invoker.invoke,
        log,
        now,
      });
      expect(result.targets[0].errors).to.equal(8);
      expect(result.targets[0].errorSamples).to.deep.equal([
        "ServiceException: failure 1",
        "ServiceException: failure 2",
        "ServiceException: failure 3",
      ]);
    });

    it("counts replies of a handler that is not wrapped with withWarmup as unrecognized", async () => {
      const answers: InvokeResponse[] = [
        { statusCode: 200, functionError: undefined, payload: '{"statusCode":200,"body":"ok"}' },
        { statusCode: 200, functionError: undefined, payload: "null" },
        { statusCode: 200, functionError: undefined, payload: "" },
        { statusCode: 200, functionError: undefined, payload: "plain text" },
      ];
      const invoker = fakeInvoker((_request, callNumber) => answers[callNumber - 1]);

      const result = await warmer.runWarmup({ targets: [{ functionName: "orders", concurrency: 4 }] }, {
        invoke: invoker.invoke,
        log,
        now,
      });

      expect(result.targets[0]).to.deep.include({ instancesReached: 0, errors: 0, unrecognizedReplies: 4 });
    });

    it("counts an invoker that throws instead of rejecting as an error", async () => {
      const invoke = (): Promise<InvokeResponse> => {
        throw new TypeError("not a function");
      };
      const result = await warmer.runWarmup({ targets: [{ functionName: "orders", concurrency: 2 }] }, {
        invoke,
        log,
        now,
      });
      expect(result.targets[0]).to.deep.include({ errors: 2, errorSamples: ["TypeError: not a function"] });
    });
  });

  describe("runWarmup and the warmer itself", () => {
    const self = { name: "warmer", qualifier: undefined, region: "us-east-1", accountId: "123456789012" };
    const cases: [string, boolean][] = [
      ["warmer", true],
      ["warmer:live", true],
      ["arn:aws:lambda:us-east-1:123456789012:function:warmer", true],
      ["arn:aws:lambda:us-east-1:123456789012:function:warmer:3", true],
      ["123456789012:function:warmer", true],
      ["arn:aws:lambda:eu-west-1:123456789012:function:warmer", false],
      ["arn:aws:lambda:us-east-1:999999999999:function:warmer", false],
      ["999999999999:function:warmer", false],
      ["warmer-2", false],
    ];
    for (const [functionName, skipped] of cases) {
      it(`${skipped ? "skips" : "pings"} ${functionName}`, async () => {
        const invoker = fakeInvoker(everyPingANewInstance);

        const result = await warmer.runWarmup({ targets: [{ functionName, concurrency: 2 }] }, {
          invoke: invoker.invoke,
          log,
          now,
          self,
        });

        expect(result.targets[0].skipped).to.equal(skipped ? "the warmer does not invoke itself" : null);
        expect(invoker.requests).to.have.length(skipped ? 0 : 2);
      });
    }

    it("logs the skipped target as a structured line that is not a metric", async () => {
      const invoker = fakeInvoker(everyPingANewInstance);
      await warmer.runWarmup({ targets: [{ functionName: "warmer", concurrency: 2 }] }, {
        invoke: invoker.invoke,
        log,
        now,
        self,
        warmupId: "run-1",
      });
      expect(lines).to.deep.equal([
        JSON.stringify({
          message: "lambda-concurrency warmer skipped a target",
          Target: "warmer",
          Skipped: "the warmer does not invoke itself",
          WarmupId: "run-1",
        }),
      ]);
    });
  });

  describe("runWarmup plan validation", () => {
    const targetCases: [string, unknown, string][] = [
      ["a target that is not an object", "orders", "functionName must be a non-empty string, got undefined"],
      ["a missing functionName", { concurrency: 2 }, "functionName must be a non-empty string, got undefined"],
      ["an empty functionName", { functionName: "", concurrency: 2 }, 'functionName must be a non-empty string, got ""'],
      [
        "an empty qualifier",
        { functionName: "orders", qualifier: "", concurrency: 2 },
        'qualifier must be a non-empty string when given, got ""',
      ],
      [
        "a zero concurrency",
        { functionName: "orders", concurrency: 0 },
        "concurrency must be an integer of at least 1, got 0",
      ],
      [
        "a fractional concurrency",
        { functionName: "orders", concurrency: 1.5 },
        "concurrency must be an integer of at least 1, got 1.5",
      ],
      [
        "a concurrency given as a string",
        { functionName: "orders", concurrency: "3" },
        'concurrency must be an integer of at least 1, got "3"',
      ],
      [
        "a delay above the runtime library's maximum",
        { functionName: "orders", concurrency: 1, delayMs: 6000 },
        "delayMs must be a number between 0 and 5000 when given, got 6000",
      ],
    ];
    for (const [description, target, message] of targetCases) {
      it(`skips ${description} and says why`, async () => {
        const invoker = fakeInvoker(everyPingANewInstance);

        const result = await warmer.runWarmup({ targets: [target, { functionName: "users", concurrency: 1 }] }, {
          invoke: invoker.invoke,
          log,
          now,
        });

        expect(result.targets[0].skipped).to.equal(message);
        expect(result.targets[0].requested).to.equal(0);
        expect(result.targets[1].instancesReached).to.equal(1);
        expect(invoker.requests.map((request) => request.functionName)).to.deep.equal(["users"]);
      });
    }

    const planCases: [string, unknown, string][] = [
      ["no plan", undefined, "the plan must have a targets array, got undefined"],
      ["a plan without targets", { target: [] }, 'the plan must have a targets array, got {"target":[]}'],
      ["targets that are not an array", { targets: {} }, 'the plan must have a targets array, got {"targets":{}}'],
    ];
    for (const [description, plan, problem] of planCases) {
      it(`reports ${description} as a problem instead of throwing`, async () => {
        const invoker = fakeInvoker(everyPingANewInstance);

        const result = await warmer.runWarmup(plan, { invoke: invoker.invoke, log, now, warmupId: "run-1" });

        expect(result.problems).to.deep.equal([problem]);
        expect(result.targets).to.deep.equal([]);
        expect(lines).to.deep.equal([
          JSON.stringify({ message: "lambda-concurrency warmer plan problems", Problems: [problem], WarmupId: "run-1" }),
        ]);
      });
    }

    for (const maxParallelism of [0, 1001, 2.5, "10"]) {
      it(`reports maxParallelism ${JSON.stringify(maxParallelism)} and uses the default`, async () => {
        const invoker = fakeInvoker(everyPingANewInstance);

        const result = await warmer.runWarmup(
          { targets: [{ functionName: "orders", concurrency: 50 }], maxParallelism },
          { invoke: invoker.invoke, log, now },
        );

        expect(result.problems).to.deep.equal([
          `maxParallelism must be an integer between 1 and 1000, got ${JSON.stringify(maxParallelism)}; used 50`,
        ]);
        expect(invoker.maxInFlight()).to.equal(50);
      });
    }

    it("does nothing for an empty plan", async () => {
      const invoker = fakeInvoker(everyPingANewInstance);
      const result = await warmer.runWarmup({ targets: [] }, { invoke: invoker.invoke, log, now, warmupId: "run-1" });
      expect(result).to.deep.equal({ warmupId: "run-1", durationMs: 0, problems: [], targets: [] });
      expect(lines).to.deep.equal([]);
    });
  });

  describe("the log line", () => {
    it("is exactly one Embedded Metric Format document per pinged target", async () => {
      const answers: (InvokeResponse | Error)[] = [
        reply("a", true),
        reply("b", false),
        sdkError("TooManyRequestsException", "Rate Exceeded.", 429),
      ];
      const invoker = fakeInvoker((_request, callNumber) => answers[callNumber - 1]);
      let time = 1_700_000_000_000;

      await warmer.runWarmup({ targets: [{ functionName: "orders", qualifier: "live", concurrency: 3 }] }, {
        invoke: invoker.invoke,
        log,
        // Read at run start, target start, target end (+75: Duration 25) and for the log line's Timestamp (+100).
        now: () => (time += 25),
        warmupId: "run-1",
      });

      expect(lines).to.deep.equal([
        JSON.stringify({
          _aws: {
            Timestamp: 1_700_000_000_100,
            CloudWatchMetrics: [
              {
                Namespace: "LambdaConcurrency/Warmer",
                Dimensions: [["FunctionName", "Qualifier"]],
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
          FunctionName: "orders",
          Qualifier: "live",
          Requested: 3,
          InstancesReached: 2,
          ColdInstances: 1,
          Errors: 0,
          Throttles: 1,
          UnrecognizedReplies: 0,
          Duration: 25,
          Target: "orders",
          WarmupId: "run-1",
          ErrorSamples: [],
        }),
      ]);
    });

    it("has only the FunctionName dimension when there is no qualifier", () => {
      const line = warmer.metricsLogLine(
        report({ target: "orders", functionName: "orders", requested: 1, instancesReached: 1 }),
        "run-1",
        5,
      );
      const document = JSON.parse(line) as {
        _aws: { CloudWatchMetrics: { Dimensions: string[][] }[] };
        Qualifier?: string;
      };
      expect(document._aws.CloudWatchMetrics[0].Dimensions).to.deep.equal([["FunctionName"]]);
      expect("Qualifier" in document).to.equal(false);
    });

    it("names every metric it declares as a top-level number (the EMF rule for target members)", () => {
      const document = JSON.parse(
        warmer.metricsLogLine(report({ target: "f", functionName: "f", qualifier: "3" }), "run-1", 5),
      ) as Record<string, unknown> & {
        _aws: { CloudWatchMetrics: { Dimensions: string[][]; Metrics: { Name: string }[] }[] };
      };
      const directive = document._aws.CloudWatchMetrics[0];
      expect(directive.Metrics.map((metric) => typeof document[metric.Name])).to.deep.equal(
        directive.Metrics.map(() => "number"),
      );
      expect(directive.Dimensions[0].map((dimension) => typeof document[dimension])).to.deep.equal([
        "string",
        "string",
      ]);
    });
  });

  describe("function references", () => {
    const cases: [string, ReturnType<typeof warmer.parseFunctionReference>][] = [
      ["orders", { name: "orders", qualifier: undefined, region: undefined, accountId: undefined }],
      ["orders:live", { name: "orders", qualifier: "live", region: undefined, accountId: undefined }],
      ["123456789012:function:orders", { name: "orders", qualifier: undefined, region: undefined, accountId: "123456789012" }],
      ["123456789012:function:orders:7", { name: "orders", qualifier: "7", region: undefined, accountId: "123456789012" }],
      [
        "arn:aws:lambda:eu-west-1:123456789012:function:orders",
        { name: "orders", qualifier: undefined, region: "eu-west-1", accountId: "123456789012" },
      ],
      [
        "arn:aws-cn:lambda:cn-north-1:123456789012:function:orders:$LATEST",
        { name: "orders", qualifier: "$LATEST", region: "cn-north-1", accountId: "123456789012" },
      ],
    ];
    for (const [reference, expected] of cases) {
      it(`parses ${reference}`, () => {
        expect(warmer.parseFunctionReference(reference)).to.deep.equal(expected);
      });
    }

    it("finds the warmer's own identity in the invocation's ARN first, then in the environment", () => {
      expect(
        warmer.selfReference({ invokedFunctionArn: "arn:aws:lambda:us-east-1:123456789012:function:warmer:live" }, {
          AWS_LAMBDA_FUNCTION_NAME: "other",
        }),
      ).to.deep.equal({ name: "warmer", qualifier: "live", region: "us-east-1", accountId: "123456789012" });
      expect(
        warmer.selfReference(undefined, { AWS_LAMBDA_FUNCTION_NAME: "warmer", AWS_REGION: "eu-west-1" }),
      ).to.deep.equal({ name: "warmer", qualifier: undefined, region: "eu-west-1", accountId: undefined });
      expect(warmer.selfReference({ invokedFunctionArn: 42 }, {})).to.equal(undefined);
    });
  });

  describe("the SDK side", () => {
    it("configures the client without retries and with enough sockets for every ping in flight", () => {
      expect(warmer.lambdaClientConfig()).to.deep.equal({
        maxAttempts: 1,
        requestHandler: {
          httpsAgent: { keepAlive: true, maxSockets: 1000 },
          httpAgent: { keepAlive: true, maxSockets: 1000 },
        },
      });
    });

    it("sends a synchronous Invoke with the ping as payload and reads the answer", async () => {
      const sent: unknown[] = [];
      const client = {
        send: (command: unknown) => {
          sent.push(command);
          return Promise.resolve({
            StatusCode: 200,
            FunctionError: "Unhandled",
            Payload: { transformToString: () => '{"errorType":"Error"}' },
          });
        },
      } as unknown as LambdaClient;

      const response = await warmer.createSdkInvoker(client)({
        functionName: "orders",
        qualifier: "live",
        payload: '{"lambda-concurrency":"warmup"}',
      });

      expect(sent).to.have.length(1);
      expect(sent[0]).to.be.instanceOf(InvokeCommand);
      expect((sent[0] as InvokeCommand).input).to.deep.equal({
        FunctionName: "orders",
        Qualifier: "live",
        InvocationType: "RequestResponse",
        Payload: '{"lambda-concurrency":"warmup"}',
      });
      expect(response).to.deep.equal({ statusCode: 200, functionError: "Unhandled", payload: '{"errorType":"Error"}' });
    });

    it("gives the handler's result, skipping itself by the invocation's ARN", async () => {
      const client = {
        send: () => Promise.resolve({ StatusCode: 200, Payload: { transformToString: () => '{"warmup":true,"instanceId":"i-1","cold":true}' } }),
      } as unknown as LambdaClient;
      const handler = warmer.createWarmerHandler({ lambdaClient: client, log, now });

      const result = await handler(
        {
          targets: [
            { functionName: "orders", concurrency: 1 },
            { functionName: "warmer", concurrency: 1 },
          ],
        },
        { invokedFunctionArn: "arn:aws:lambda:us-east-1:123456789012:function:warmer" },
      );

      expect(result.targets.map((target) => [target.target, target.instancesReached, target.skipped])).to.deep.equal([
        ["orders", 1, null],
        ["warmer", 0, "the warmer does not invoke itself"],
      ]);
      expect(result.durationMs).to.equal(0);
    });

    it("returns a result instead of throwing when something unexpected fails", async () => {
      const failingLog = (line: string) => {
        if (line.includes("_aws")) {
          throw new Error("stdout closed");
        }
        lines.push(line);
      };
      const client = {
        send: () => Promise.resolve({ StatusCode: 200, Payload: { transformToString: () => "{}" } }),
      } as unknown as LambdaClient;
      const handler = warmer.createWarmerHandler({ lambdaClient: client, log: failingLog, now });

      const result = await handler({ targets: [{ functionName: "orders", concurrency: 1 }] });

      expect(result).to.deep.equal({
        warmupId: "",
        durationMs: 0,
        problems: ["the warmer failed: Error: stdout closed"],
        targets: [],
      });
      expect(lines).to.deep.equal([
        JSON.stringify({ message: "lambda-concurrency warmer failed", Problems: ["the warmer failed: Error: stdout closed"] }),
      ]);
    });
  });
});
