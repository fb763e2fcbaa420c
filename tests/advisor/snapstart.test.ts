import { expect } from "chai";
import { advise, spikyTraffic } from "../../advisor";
import { monthlyCost, withSnapStartCharges } from "../../advisor/cost";
import { formatAdvice } from "../../advisor/report";
import { defaultRestoreMs, snapStartPrices, snapStartSupported } from "../../advisor/snapstart";
import { AdviseIO, runAdvise } from "../../cli/advise";

const HOUR = 3_600_000;

describe("advisor: SnapStart", () => {
    it("is offered for Java 11+, Python 3.12+ and .NET 8+ only", () => {
        const supported = ["java11", "java17", "java21", "java25", "python3.12", "python3.13", "python3.14", "dotnet8", "dotnet10"];
        const not = ["java8.al2", "python3.11", "python3.9", "nodejs22.x", "nodejs24.x", "ruby3.4", "provided.al2023", "dotnet6"];
        expect(supported.filter(snapStartSupported)).to.deep.equal(supported);
        expect(not.filter(snapStartSupported)).to.deep.equal([]);
    });

    it("costs nothing extra for Java; caching and restores for Python and .NET", () => {
        expect(snapStartPrices("java21")).to.deep.equal({ cachingPerGbSecond: 0, restorePerGb: 0 });
        expect(snapStartPrices("python3.12")).to.deep.equal({ cachingPerGbSecond: 0.0000015046, restorePerGb: 0.0001397998 });
        expect(snapStartPrices("dotnet8")).to.deep.equal(snapStartPrices("python3.12"));
        // 1 GB cached all month (730 h) and 100 restores in a 1-hour period (73,000 a month).
        const usage = { requests: 0, onDemandDurationMs: 0, onDemandInitMs: 0, provisionedDurationMs: 0, provisionedEnabledMs: 0, pings: 0, pingDurationMs: 0, warmerTicks: 0 };
        const base = monthlyCost(usage, HOUR, 1024, { requestsPerMillion: 0.2, onDemandDurationTiers: [{ upToGbSeconds: Infinity, pricePerGbSecond: 0.0000166667 }], provisionedConcurrencyPerGbSecond: 0.0000041667, provisionedDurationPerGbSecond: 0.0000097222, provisionedBillingIncrementMs: 300_000, initBilledOnDemand: true });
        const priced = withSnapStartCharges(base, 100, HOUR, 1024, snapStartPrices("python3.12"));
        expect(priced.snapStart).to.be.closeTo(730 * 3600 * 0.0000015046 + 73_000 * 0.0001397998, 1e-9);
        expect(priced.total).to.be.closeTo(base.total + priced.snapStart, 1e-12);
        expect(withSnapStartCharges(base, 100, HOUR, 1024, snapStartPrices("java21")).snapStart).to.equal(0);
    });

    it("restores in a tenth of the init by default, at least 200 ms, never more than the init", () => {
        expect([4000, 900, 2500, 150].map(defaultRestoreMs)).to.deep.equal([400, 200, 250, 150]);
    });

    describe("compared on bursty traffic with a 4-second init and a p99 goal of 1 s in every hour", () => {
        const advice = advise({
            traffic: spikyTraffic(20, 0.2, 6 * HOUR, 7),
            fn: { memoryMb: 1024, architecture: "x86_64", initMs: 4000, duration: { medianMs: 150, p95Ms: 200 } },
            strategies: ["on-demand", "fixed", "snapstart"],
            goal: { maxP99Ms: 1000 },
            snapStart: { runtime: "java21", restoreMs: 400, restoreSource: "--restore-ms" },
        });
        const snap = advice.strategies.find((s) => s.name === "snapstart")!;
        const onDemand = advice.strategies.find((s) => s.name === "on-demand")!;

        it("its cold starts cost the restore instead of the init, and it meets the goal where on-demand does not", () => {
            expect(onDemand.meetsGoal).to.equal(false);
            expect(onDemand.latencyMs.max).to.be.above(4000);
            expect(snap.meetsGoal).to.equal(true);
            expect(snap.latencyMs.max).to.be.within(400, 1000);
            expect(snap.configuration).to.equal("restores of 400 ms (java21)");
        });

        it("is recommended as a setting of the function, with the exclusion of provisioned concurrency said", () => {
            expect(advice.recommendation.strategy).to.equal("snapstart");
            expect(advice.recommendation.component).to.equal(null);
            expect(advice.recommendation.args).to.deep.equal({ publish: true, snapStart: { applyOn: "PublishedVersions" } });
            expect(advice.recommendation.summary).to.match(
                /: SnapStart \(restores of 400 ms \(java21\)\), set on the function: publish versions and invoke a version or an alias \(it cannot be combined with provisioned concurrency on the same version\), \$\d+\.\d\d a month\.$/,
            );
            expect(formatAdvice(advice)).to.contain(
                'new aws.lambda.Function("name", { /* your settings */ publish: true, snapStart: { applyOn: "PublishedVersions" } });',
            );
            expect(advice.assumptions).to.include({ restoreMs: 400, restoreSource: "--restore-ms" });
        });
    });

    it("the command compares it for a SnapStart runtime, and refuses it for another", async () => {
        let stdout = "";
        let stderr = "";
        const io: AdviseIO = { stdout: (t) => void (stdout += t), stderr: (t) => void (stderr += t), isTTY: false, writeFile: () => undefined, readFile: () => "" };
        const base = ["--rps", "20", "--period", "30s", "--duration-ms", "175"];
        expect(await runAdvise([...base, "--runtime", "python3.12", "--init-ms", "3000"], io)).to.equal(0);
        expect(stdout).to.match(/^snapstart +restores of 300 ms \(python3\.12\) /m);
        stdout = "";
        expect(await runAdvise([...base, "--init-ms", "3000"], io)).to.equal(0);
        expect(stdout).to.not.match(/^snapstart/m);
        expect(await runAdvise([...base, "--strategies", "snapstart"], io)).to.equal(2);
        expect(stderr).to.contain("--strategies snapstart needs --runtime of a SnapStart runtime (Java 11+, Python 3.12+, .NET 8+), got nodejs22.x");
        expect(await runAdvise([...base, "--restore-ms", "300"], io)).to.equal(2);
        expect(stderr).to.contain("--restore-ms needs --runtime of a SnapStart runtime (Java 11+, Python 3.12+, .NET 8+), got nodejs22.x");
    });
});
