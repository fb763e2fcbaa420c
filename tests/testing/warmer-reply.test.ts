// The warmer function's answer that the mocks and the AWS stand-in give a warm-up plan (testing/warmer-reply.ts),
// against what the real warmer function reports for the same plan (runtime/warmer-function.js, runWarmup), so that
// the offline answer cannot drift from the function's.
import { expect } from "chai";
import * as warmer from "../../runtime/warmer-function";
import { warmerFunctionReply } from "../../testing/warmer-reply";

type InvokeRequest = Parameters<Parameters<typeof warmer.runWarmup>[1]["invoke"]>[0];

const PLAN = {
    targets: [
        { functionName: "orders", qualifier: "7", concurrency: 3 },
        { functionName: "arn:aws:lambda:us-east-1:123456789012:function:billing:live", concurrency: 2 },
        { functionName: "users", concurrency: 1 },
    ],
};

/** The real function's report, every ping answered by `answer`; the run's own timings and samples set aside. */
async function realReport(answer: (request: InvokeRequest, call: number) => Awaited<ReturnType<Parameters<typeof warmer.runWarmup>[1]["invoke"]>>) {
    let call = 0;
    const result = await warmer.runWarmup(PLAN, {
        invoke: (request) => Promise.resolve(answer(request, ++call)),
        log: () => undefined,
        now: () => 0,
    });
    return result.targets.map(({ durationMs: _d, errorSamples, ...rest }) => ({ ...rest, samples: errorSamples.length }));
}

function offlineReport(failing?: (name: string, qualifier: string | null) => boolean) {
    const reply = JSON.parse(warmerFunctionReply(JSON.stringify(PLAN), failing) ?? "null") as { problems: string[]; targets: { durationMs: number; errorSamples: string[] }[] };
    expect(reply.problems).to.deep.equal([]);
    return reply.targets.map(({ durationMs: _d, errorSamples, ...rest }) => ({ ...rest, samples: errorSamples.length }));
}

describe("warmerFunctionReply: the warmer function's answer offline", () => {
    it("reports every target as the real function does when each ping reaches a cold instance of its own", async () => {
        const real = await realReport((_request, call) => ({
            statusCode: 200,
            functionError: undefined,
            payload: JSON.stringify({ warmup: true, instanceId: `i-${call}`, cold: true }),
        }));
        expect(offlineReport()).to.deep.equal(real);
        expect(real[0]).to.deep.include({ functionName: "orders", qualifier: "7", requested: 3, instancesReached: 3, errors: 0 });
    });

    it("reports a target whose initialization fails as the real function does: every ping an error, no instance", async () => {
        const real = await realReport((request, call) =>
            request.functionName === "orders"
                ? { statusCode: 200, functionError: "Unhandled", payload: JSON.stringify({ errorType: "Runtime.InitError", errorMessage: "init failed" }) }
                : { statusCode: 200, functionError: undefined, payload: JSON.stringify({ warmup: true, instanceId: `i-${call}`, cold: true }) },
        );
        expect(offlineReport((name) => name === "orders")).to.deep.equal(real);
        expect(real[0]).to.deep.include({ requested: 3, instancesReached: 0, errors: 3, samples: 1 });
    });

    it("answers nothing for an input that is not a warm-up plan", () => {
        expect(warmerFunctionReply(undefined)).to.equal(undefined);
        expect(warmerFunctionReply("not json")).to.equal(undefined);
        expect(warmerFunctionReply(JSON.stringify({ hello: "world" }))).to.equal(undefined);
    });
});
