// `advise --function`: the real AWS SDK v3 clients against a local endpoint that speaks CloudWatch's and CloudWatch
// Logs' protocols (tests/helpers/local-cloudwatch.ts), with paging and throttling.
import { expect } from "chai";
import { AdviseIO, runAdvise } from "../../cli/advise";
import { readFunctionProfile, REPORT_QUERY } from "../../advisor/cloudwatch-profile";
import { sdkReaders } from "../../cli/advise-cloudwatch";
import { LocalCloudWatch, startLocalCloudWatch } from "../helpers/local-cloudwatch";

const MINUTE = 60_000;
/** 2 requests a second by day (08:00-18:00 UTC), 0.2 at night: per minute. */
const invocations = (at: number): number => {
    const hour = new Date(at).getUTCHours();
    return hour >= 8 && hour < 18 ? 120 : 12;
};

describe("advise --function: reading CloudWatch", function () {
    this.timeout(60_000);
    let cloudwatch: LocalCloudWatch;
    const saved = { ...process.env };

    before(() => {
        // The SDK's default credential chain reads these; the local endpoint does not check signatures.
        process.env.AWS_ACCESS_KEY_ID = "AKIDEXAMPLE";
        process.env.AWS_SECRET_ACCESS_KEY = "secret";
        delete process.env.AWS_PROFILE;
    });
    after(() => {
        for (const key of ["AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_PROFILE"]) {
            if (saved[key] === undefined) delete process.env[key];
            else process.env[key] = saved[key];
        }
    });
    afterEach(async () => cloudwatch?.close());

    const orders = {
        invocations,
        concurrency: (at: number) => Math.ceil(invocations(at) / 60),
        durationP50Ms: 140,
        durationP95Ms: 260,
        reports: { reports: 2_000_000, coldStarts: 500, initAvgMs: 1850, initP50Ms: 1700 },
    };

    it("reads per-minute invocations over pages, retries throttled calls, and polls the Logs Insights query", async () => {
        cloudwatch = await startLocalCloudWatch({
            functions: { "orders|orders:live": orders, orders },
            pageSize: 1000,
            throttleFirst: { GetMetricData: 2, StartQuery: 1, GetQueryResults: 1 },
            runningPolls: 2,
        });
        const readers = await sdkReaders({ functionName: "orders", qualifier: "live", region: "us-east-1", days: 1, endpoint: cloudwatch.endpoint });
        const now = new Date("2026-11-30T12:00:30Z");
        const progress: number[] = [];
        const profile = await readFunctionProfile({
            functionName: "orders",
            qualifier: "live",
            days: 1,
            now,
            ...readers,
            pollMs: 1,
            onProgress: (fraction) => progress.push(fraction),
        });
        expect(profile.startMs).to.equal(Date.parse("2026-11-29T12:00:00Z"));
        expect(profile.invocationsPerMinute.length).to.equal(1440);
        // 1440 invocation points and 1440 concurrency points, plus 2 percentiles, 1000 a page: 3 pages.
        expect(profile.metricPages).to.equal(3);
        expect(Array.from(profile.invocationsPerMinute.slice(0, 3))).to.deep.equal([120, 120, 120]); // 12:00 UTC
        expect(profile.invocationsPerMinute[(20 - 12) * 60]).to.equal(12); // 20:00 UTC
        expect(profile.invocationsPerMinute.reduce((a, b) => a + b, 0)).to.equal(10 * 60 * 120 + 14 * 60 * 12);
        expect(Math.max(...profile.peakConcurrencyPerMinute)).to.equal(2);
        expect([profile.durationP50Ms, profile.durationP95Ms]).to.deep.equal([140, 260]);
        expect(profile.logs).to.deep.equal({ reports: 2_000_000, coldStarts: 500, initAvgMs: 1850, initP50Ms: 1700 });
        expect(progress[progress.length - 1]).to.equal(1);

        // What the SDK sent, as the services define it.
        const metricCalls = cloudwatch.requests.filter((r) => r.operation === "GetMetricData");
        expect(metricCalls.length).to.equal(2 + 3); // 2 throttled, retried, then 3 pages
        expect(metricCalls[0].contentType).to.equal("application/x-amz-json-1.0");
        const first = metricCalls[metricCalls.length - 3].body;
        expect(first.ScanBy).to.equal("TimestampAscending");
        expect([first.StartTime, first.EndTime]).to.deep.equal([Date.parse("2026-11-29T12:00:00Z") / 1000, Date.parse("2026-11-30T12:00:00Z") / 1000]);
        expect((first.MetricDataQueries as { Id: string; MetricStat: { Stat: string; Period: number; Metric: { MetricName: string; Dimensions: unknown } } }[]).map((q) => [q.Id, q.MetricStat.Metric.MetricName, q.MetricStat.Stat, q.MetricStat.Period])).to.deep.equal([
            ["invocations", "Invocations", "Sum", 60],
            ["concurrency", "ConcurrentExecutions", "Maximum", 60],
            ["p50", "Duration", "p50", 86400],
            ["p95", "Duration", "p95", 86400],
        ]);
        expect(metricCalls.map((c) => c.body.NextToken ?? null).slice(-3)).to.deep.equal([null, "1000", "2000"]);
        const start = cloudwatch.requests.filter((r) => r.operation === "StartQuery");
        expect(start.length).to.equal(2);
        expect(start[1].contentType).to.equal("application/x-amz-json-1.1");
        expect(start[1].body).to.deep.equal({
            logGroupName: "/aws/lambda/orders",
            startTime: Date.parse("2026-11-29T12:00:00Z") / 1000,
            endTime: Date.parse("2026-11-30T12:00:00Z") / 1000,
            queryString: REPORT_QUERY,
        });
        // 1 throttled, 2 running, 1 complete.
        expect(cloudwatch.requests.filter((r) => r.operation === "GetQueryResults").length).to.equal(4);
    });

    function io(files: Map<string, string>, env: Record<string, string>): { io: AdviseIO; out: () => string; err: () => string } {
        let out = "";
        let err = "";
        return {
            io: {
                stdout: (t) => void (out += t),
                stderr: (t) => void (err += t),
                isTTY: false,
                writeFile: (path, data) => void files.set(path, data),
                readFile: (path) => files.get(path) ?? "",
                env,
                cloudWatchPollMs: 1,
            },
            out: () => out,
            err: () => err,
        };
    }

    it("the command simulates what it read, with the durations and init from CloudWatch, and keeps it with --save-csv", async () => {
        cloudwatch = await startLocalCloudWatch({ functions: { "orders|orders:live": orders, orders } });
        const files = new Map<string, string>();
        const run = io(files, { AWS_REGION: "eu-west-1" });
        const code = await runAdvise(["--function", "orders:live", "--days", "1", "--endpoint-url", cloudwatch.endpoint, "--save-csv", "orders.csv", "--json"], run.io);
        expect(code, run.err()).to.equal(0);
        const json = JSON.parse(run.out()) as {
            assumptions: { initMs: number; initSource: string };
            inputs: { requests: number; periodMs: number; function: { duration: { medianMs: number; p95Ms: number } } };
        };
        expect(json.assumptions.initMs).to.equal(1850);
        expect(json.assumptions.initSource).to.equal("CloudWatch Logs: the average Init Duration of 500 cold starts");
        expect(json.inputs.function.duration).to.deep.equal({ medianMs: 140, p95Ms: 260 });
        expect(json.inputs.periodMs).to.equal(24 * 60 * MINUTE);
        expect(run.err()).to.contain("--function: read 1 day of orders:live from CloudWatch: 82,080 invocations, peak concurrency 2 (1 GetMetricData page)");
        expect(run.err()).to.contain("--function: 500 cold starts in 2,000,000 REPORT lines (0.025%), Init Duration avg 1850 ms");
        const csv = files.get("orders.csv")!.split("\n");
        expect(csv[0]).to.equal("time,count");
        expect(csv.length).to.equal(1440 + 2);
        // The saved profile replays: the same traffic through --csv.
        const replay = io(files, {});
        expect(await runAdvise(["--csv", "orders.csv", "--init-ms", "1850", "--duration-ms", "140", "--p95-ms", "260", "--json"], replay.io)).to.equal(0);
        expect((JSON.parse(replay.out()) as { inputs: { requests: number } }).inputs.requests).to.equal(json.inputs.requests);
    });

    it("refuses what it cannot read, naming the flag", async () => {
        const run = io(new Map(), {});
        expect(await runAdvise(["--function", "orders"], run.io)).to.equal(2);
        expect(run.err()).to.contain("--function needs a region: --region, or AWS_REGION in the environment");
        expect(await runAdvise(["--function", "orders", "--region", "us-east-1", "--days", "30"], run.io)).to.equal(2);
        expect(run.err()).to.contain("--days must be a whole number from 1 to 15 (CloudWatch keeps one-minute data 15 days), got 30");
        expect(await runAdvise(["--function", "orders", "--region", "us-east-1", "--rps", "3"], run.io)).to.equal(2);
        expect(run.err()).to.contain("choose one traffic source, got --function and --rps");
        expect(await runAdvise(["--function", "orders:$LATEST", "--region", "us-east-1"], run.io)).to.equal(2);
        expect(await runAdvise(["--days", "3", "--rps", "3"], run.io)).to.equal(2);
        expect(run.err()).to.contain("--days needs --function");
        cloudwatch = await startLocalCloudWatch({ functions: {}, metricDataError: { type: "AccessDenied", message: "User is not authorized to perform: cloudwatch:GetMetricData" } });
        expect(await runAdvise(["--function", "orders", "--region", "us-east-1", "--days", "1", "--endpoint-url", cloudwatch.endpoint], run.io)).to.equal(2);
        expect(run.err()).to.contain(
            "--function: reading CloudWatch for orders in us-east-1 failed: User is not authorized to perform: cloudwatch:GetMetricData",
        );
    });
});
