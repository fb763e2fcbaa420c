// End to end: the warmer function's code, with the real @aws-sdk/client-lambda, against a local Lambda Invoke endpoint
// on 127.0.0.1 whose instances run handlers wrapped with withWarmup (tests/helpers/local-lambda.ts).
import { expect } from "chai";
import * as path from "node:path";
import { InvokeCommand, LambdaClient } from "@aws-sdk/client-lambda";
import { LocalLambda, startLocalLambda } from "../helpers/local-lambda";
import * as warmer from "../../runtime/warmer-function";

const fixture = (file: string) => path.join(__dirname, "fixtures", file);
const WARMER_ARN = "arn:aws:lambda:us-east-1:123456789012:function:warmer";

describe("warmer end to end, against a local Lambda Invoke endpoint", function () {
  this.timeout(20_000);

  let lambda: LocalLambda;
  let client: LambdaClient;
  let lines: string[];

  beforeEach(async () => {
    lambda = await startLocalLambda({
      orders: { handlerModule: fixture("warm-handler.ts"), qualifiers: { live: "3" } },
      users: { handlerModule: fixture("warm-handler.ts") },
      broken: { handlerModule: fixture("broken-handler.ts") },
      legacy: { handlerModule: fixture("unwrapped-handler.ts") },
      throttled: { handlerModule: fixture("warm-handler.ts"), reservedConcurrency: 0 },
      // A long init keeps its 3 instances busy until all 10 pings have arrived, even on a loaded machine, so that
      // exactly 7 are throttled.
      capped: { handlerModule: fixture("warm-handler.ts"), reservedConcurrency: 3, initDelayMs: 1_000 },
    });
    // The warmer's own client configuration (no retries, enough sockets), pointed at the local endpoint.
    client = new LambdaClient({
      ...warmer.lambdaClientConfig(),
      endpoint: lambda.endpoint,
      region: "us-east-1",
      credentials: { accessKeyId: "AKIDLOCALTEST", secretAccessKey: "local-test-secret" },
    });
    lines = [];
  });

  afterEach(async () => {
    client.destroy();
    await lambda.close();
  });

  const runWarmer = (plan: unknown) =>
    warmer.createWarmerHandler({ lambdaClient: client, log: (line) => lines.push(line) })(plan, {
      invokedFunctionArn: WARMER_ARN,
    });

  it("serves real events through withWarmup, one instance per concurrent request", async () => {
    const invoke = (name: string) =>
      client.send(new InvokeCommand({ FunctionName: "users", Payload: JSON.stringify({ name }) }));

    const responses = await Promise.all([invoke("ana"), invoke("bo")]);

    const bodies = responses.map((response) => {
      const payload = JSON.parse(response.Payload?.transformToString() ?? "") as { body: string };
      return JSON.parse(payload.body) as { hello: string; firstInvocation: boolean; instanceId: string };
    });
    expect(responses.map((response) => [response.StatusCode, response.FunctionError])).to.deep.equal([
      [200, undefined],
      [200, undefined],
    ]);
    expect(bodies.map((body) => [body.hello, body.firstInvocation])).to.deep.equal([
      ["ana", true],
      ["bo", true],
    ]);
    expect(new Set(bodies.map((body) => body.instanceId)).size).to.equal(2);
  });

  it("reaches and reports 10 distinct instances with concurrency 10, cold the first time and warm the second", async () => {
    const plan = { targets: [{ functionName: "orders", qualifier: "live", concurrency: 10 }] };

    const first = await runWarmer(plan);
    const second = await runWarmer(plan);

    const counts = (result: typeof first) =>
      result.targets.map((target) => ({
        target: target.target,
        qualifier: target.qualifier,
        requested: target.requested,
        instancesReached: target.instancesReached,
        coldInstances: target.coldInstances,
        errors: target.errors,
        throttles: target.throttles,
        unrecognizedReplies: target.unrecognizedReplies,
      }));
    const expected = (coldInstances: number) => [
      {
        target: "orders",
        qualifier: "live",
        requested: 10,
        instancesReached: 10,
        coldInstances,
        errors: 0,
        throttles: 0,
        unrecognizedReplies: 0,
      },
    ];
    expect(counts(first)).to.deep.equal(expected(10));
    expect(counts(second)).to.deep.equal(expected(0));
    // The endpoint agrees: 10 instances ever started, all busy at once, 20 pings served.
    expect(lambda.stats("orders")).to.deep.equal({
      instancesStarted: 10,
      invocations: 20,
      throttles: 0,
      maxBusyInstances: 10,
    });
    // One EMF line per target and run.
    const documents = lines.map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(documents.map((document) => [document.FunctionName, document.Qualifier, document.InstancesReached, document.ColdInstances])).to.deep.equal([
      ["orders", "live", 10, 10],
      ["orders", "live", 10, 0],
    ]);
  });

  it("needs the hold: without it, warm instances answer the pings one after another and only 1 is reached", async () => {
    await runWarmer({ targets: [{ functionName: "orders", concurrency: 10 }] });

    const withoutHold = await runWarmer({ targets: [{ functionName: "orders", concurrency: 10, delayMs: 0 }] });
    const withHold = await runWarmer({ targets: [{ functionName: "orders", concurrency: 10, delayMs: 200 }] });

    // Locally a ping without hold is answered within the event-loop turn it arrives in, so the first idle instance
    // is free again for the next ping: all 10 land on it.
    expect(withoutHold.targets[0]).to.deep.include({ requested: 10, instancesReached: 1, coldInstances: 0 });
    expect(withHold.targets[0]).to.deep.include({ requested: 10, instancesReached: 10, coldInstances: 0 });
    expect(lambda.stats("orders").instancesStarted).to.equal(10);
  });

  it("reports failing, throttled, unwrapped, missing and self targets, and completes the run", async () => {
    const plan = {
      targets: [
        { functionName: "users", concurrency: 10 },
        { functionName: "broken", concurrency: 4 },
        { functionName: "throttled", concurrency: 5 },
        { functionName: "capped", concurrency: 10 },
        { functionName: "legacy", concurrency: 3 },
        { functionName: "arn:aws:lambda:us-east-1:123456789012:function:missing", concurrency: 2 },
        { functionName: "warmer", concurrency: 2 },
      ],
    };

    const result = await runWarmer(plan);

    const summary = result.targets.map((target) => [
      target.target,
      target.requested,
      target.instancesReached,
      target.coldInstances,
      target.errors,
      target.throttles,
      target.unrecognizedReplies,
      target.skipped,
    ]);
    expect(summary).to.deep.equal([
      ["users", 10, 10, 10, 0, 0, 0, null],
      ["broken", 4, 0, 0, 4, 0, 0, null],
      ["throttled", 5, 0, 0, 0, 5, 0, null],
      ["capped", 10, 3, 3, 0, 7, 0, null],
      ["legacy", 3, 0, 0, 0, 0, 3, null],
      ["arn:aws:lambda:us-east-1:123456789012:function:missing", 2, 0, 0, 2, 0, 0, null],
      ["warmer", 0, 0, 0, 0, 0, 0, "the warmer does not invoke itself"],
    ]);
    expect(result.targets[1].errorSamples).to.deep.equal([
      "Unhandled: TypeError: Cannot read properties of undefined (reading 'id')",
    ]);
    expect(result.targets[5].errorSamples).to.deep.equal([
      "ResourceNotFoundException: Function not found: arn:aws:lambda:us-east-1:123456789012:function:missing",
    ]);
    expect(result.problems).to.deep.equal([]);
    expect(lambda.stats("throttled")).to.deep.include({ instancesStarted: 0, throttles: 5 });
    expect(lambda.stats("capped")).to.deep.include({ instancesStarted: 3, throttles: 7 });
    // Six EMF lines (the pinged targets) and one plain line (the skipped warmer).
    const documents = lines.map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(documents.filter((document) => "_aws" in document).map((document) => document.FunctionName).sort()).to.deep.equal([
      "broken",
      "capped",
      "legacy",
      "missing",
      "throttled",
      "users",
    ]);
    expect(documents.filter((document) => !("_aws" in document)).map((document) => document.Skipped)).to.deep.equal([
      "the warmer does not invoke itself",
    ]);
  });
});
