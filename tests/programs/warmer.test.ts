// The `warmer` sample: its resources, and its function's code really answering warm-ups through the bundled
// runtime library, run here from the exact files the archive would ship.
import { expect } from "chai";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import * as pulumi from "@pulumi/pulumi";
import { autoName } from "../../testing/mock-aws";
import { SCENARIOS } from "../../programs/scenarios";
import { runtimeLibraryAssets } from "../../programs/runtime-library";
import { ofType, resetProgram, settled } from "../helpers/pulumi";

describe("sample program: warmer", () => {
    beforeEach(resetProgram);

    it("warms the function's 3 instances every 5 minutes", async () => {
        SCENARIOS.warmer.run();
        const resources = await settled();
        const warmed = autoName("aws:lambda/function:Function", "warmed-fn");
        const [rule] = ofType(resources, "aws:cloudwatch/eventRule:EventRule");
        expect(rule.inputs.scheduleExpression).to.equal("rate(5 minutes)");
        const [target] = ofType(resources, "aws:cloudwatch/eventTarget:EventTarget");
        expect(JSON.parse(String(target.inputs.input))).to.deep.equal({
            targets: [{ functionName: warmed, concurrency: 3 }],
            maxParallelism: 50,
        });
        expect(ofType(resources, "lambda-concurrency:index:LambdaWarmer")).to.have.length(1);
        // Monitored: a shortfall and a failure alarm at the schedule's 5 minutes, and a dashboard.
        expect(ofType(resources, "aws:cloudwatch/metricAlarm:MetricAlarm").map((a) => [a.name, a.inputs.evaluationPeriods, a.inputs.datapointsToAlarm])).to.deep.equal([
            ["warmer-warmer-shortfall", 3, 3],
            ["warmer-warmer-failures", 3, 2],
        ]);
        const shortfall = ofType(resources, "aws:cloudwatch/metricAlarm:MetricAlarm")[0].inputs.metricQueries as { metric?: { dimensions: object; period: number } }[];
        expect(shortfall[0].metric).to.deep.include({ dimensions: { FunctionName: warmed }, period: 300 });
        expect(ofType(resources, "aws:cloudwatch/dashboard:Dashboard").map((d) => d.inputs.dashboardName)).to.deep.equal(["lambda-concurrency-test-test-us-east-1-warmer"]);
    });

    it("ships a handler that answers a warm-up without running, and runs for a real request", async () => {
        const dir = fs.mkdtempSync(path.join(os.tmpdir(), "lc-warmed-fn-"));
        try {
            // Write the archive's files as Lambda would unpack them.
            const handlerSource = fs.readFileSync(path.join(__dirname, "..", "..", "programs", "warmer.ts"), "utf8");
            const match = /const WARMED_HANDLER = `([\s\S]*?)`;/.exec(handlerSource);
            expect(match).to.not.equal(null);
            fs.writeFileSync(path.join(dir, "index.js"), (match as RegExpExecArray)[1]);
            for (const [file, asset] of Object.entries(runtimeLibraryAssets())) {
                fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
                fs.writeFileSync(path.join(dir, file), await (asset as pulumi.asset.StringAsset).text);
            }
            // eslint-disable-next-line @typescript-eslint/no-require-imports
            const { handler } = require(path.join(dir, "index.js")) as { handler: (event: unknown, context: unknown) => Promise<Record<string, unknown>> };
            const warmup = await handler({ "lambda-concurrency": "warmup", warmupId: "w1", index: 0, concurrency: 3, delayMs: 0 }, {});
            expect(warmup).to.include({ warmup: true, cold: true, warmupId: "w1", index: 0 });
            expect(warmup.instanceId).to.be.a("string").and.not.equal("");
            const response = await handler({ rawPath: "/" }, {});
            expect(response.statusCode).to.equal(200);
            expect(JSON.parse(String(response.body))).to.deep.include({ hello: "world", firstInvocation: false });
        } finally {
            fs.rmSync(dir, { recursive: true, force: true });
        }
    });
});
