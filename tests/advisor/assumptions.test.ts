import { expect } from "chai";
import { advise, steadyTraffic } from "../../advisor";
import { assumptionsLine } from "../../advisor/report";
import { AdviseIO, runAdvise } from "../../cli/advise";

const SHORT = ["--rps", "20", "--period", "30s", "--duration-ms", "175", "--p95-ms", "202", "--memory", "1024"];

async function run(args: string[]): Promise<string> {
    let stdout = "";
    const io: AdviseIO = {
        stdout: (text) => {
            stdout += text;
        },
        stderr: () => undefined,
        isTTY: false,
        writeFile: () => undefined,
        readFile: () => {
            throw new Error("no files");
        },
    };
    expect(await runAdvise(args, io)).to.equal(0);
    return stdout;
}

describe("advisor: the assumptions are shown with the results", () => {
    it("lists the init duration and its source, the environment's lifetimes, and the prices' date", () => {
        const advice = advise({
            traffic: steadyTraffic(5, 60_000),
            fn: { memoryMb: 512, architecture: "arm64", initMs: 700, duration: { medianMs: 100, p95Ms: 140 } },
            initSource: "--init-ms",
            environment: { idleTimeoutMs: 5 * 60_000 },
        });
        expect(advice.assumptions).to.deep.equal({
            initMs: 700,
            initSource: "--init-ms",
            idleTimeoutMs: 300_000,
            maxLifetimeMs: 14 * 3_600_000,
            allocationDelayMs: 120_000,
            scaleUpPer10Seconds: 1000,
            concurrencyLimit: 1000,
            warmerPingHoldMs: 75,
            pricesRegion: "us-east-1",
            pricesReadOn: "2026-11-23",
            pricesOverridden: false,
            timezone: "UTC",
        });
        expect(assumptionsLine(advice.assumptions)).to.equal(
            "Assumed: init 700 ms (--init-ms); idle environments recycled after 5 min, every environment after 14 h; " +
                "provisioned capacity ready 2 min after it is set; prices us-east-1, read 2026-11-23.",
        );
        const overridden = advise({
            traffic: steadyTraffic(5, 60_000),
            fn: { memoryMb: 512, architecture: "arm64", initMs: 700, duration: { medianMs: 100, p95Ms: 140 } },
            prices: { requestsPerMillion: 0.25 },
        });
        expect(overridden.assumptions.initSource).to.equal("given");
        expect(assumptionsLine(overridden.assumptions)).to.match(/; prices us-east-1 \(read 2026-11-23\) with your overrides\.$/);
    });

    it("the command says where the init duration came from: the runtime's hello-world figure, or --init-ms", async () => {
        const byRuntime = await run([...SHORT, "--runtime", "java21"]);
        expect(byRuntime.split("\n")[2]).to.equal(
            "Assumed: init 330 ms (--runtime java21: hello-world init from maxday/lambda-perf (2026), real functions take longer; " +
                "give --init-ms from your REPORT lines' Init Duration); idle environments recycled after 10 min, every environment " +
                "after 14 h; provisioned capacity ready 2 min after it is set; prices us-east-1, read 2026-11-23; SnapStart restores " +
                "200 ms (a tenth of the init, at least 200 ms; AWS quotes up to 10x faster startups).",
        );
        expect((await run(SHORT)).split("\n")[2]).to.match(/^Assumed: init 130 ms \(default runtime nodejs22\.x: hello-world init/);
        expect((await run([...SHORT, "--init-ms", "1500"])).split("\n")[2]).to.match(/^Assumed: init 1500 ms \(--init-ms\); /);
        const json = JSON.parse(await run([...SHORT, "--init-ms", "1500", "--json"])) as { assumptions: { initMs: number; initSource: string } };
        expect([json.assumptions.initMs, json.assumptions.initSource]).to.deep.equal([1500, "--init-ms"]);
    });
});
