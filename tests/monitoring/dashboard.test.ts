import { expect } from "chai";
import {
    DASHBOARD_BODY_BUDGET_BYTES,
    DashboardBody,
    dashboardBodyProblem,
    dashboardName,
    provisionedConcurrencyDashboard,
    warmerDashboard,
} from "../../components/monitoring/dashboard";

const ALARM = "arn:aws:cloudwatch:us-east-1:123456789012:alarm:orders-spillover-1234567";

function graphs(body: DashboardBody): Record<string, unknown>[] {
    return body.widgets.filter((w) => w.type === "metric").map((w) => w.properties);
}

describe("dashboard body", () => {
    it("FixedConcurrency: title, requests, spillover, concurrency with the count, utilization with break-even, alarms", () => {
        const body = provisionedConcurrencyDashboard({
            componentType: "FixedConcurrency",
            componentName: "orders-pc",
            region: "eu-west-1",
            functionName: "orders",
            qualifier: "live",
            count: 5,
            spilloverThreshold: 0,
            breakEven: 0.6,
            alarmArns: [ALARM],
        });
        expect(body.widgets.map((w) => [w.type, w.x, w.y, w.width, w.height])).to.deep.equal([
            ["text", 0, 0, 24, 2],
            ["metric", 0, 2, 12, 6],
            ["metric", 12, 2, 12, 6],
            ["metric", 0, 8, 12, 6],
            ["metric", 12, 8, 12, 6],
            ["alarm", 0, 14, 24, 3],
        ]);
        expect(body.widgets[0].properties.markdown).to.equal(
            "# FixedConcurrency orders-pc: orders:live\nMade by lambda-concurrency with Pulumi: edits in the console are overwritten by the next `pulumi up`.",
        );
        const alias = ["FunctionName", "orders", "Resource", "orders:live"];
        const [requests, spillover, concurrency, utilization] = graphs(body);
        expect(requests).to.deep.equal({
            title: "Requests",
            region: "eu-west-1",
            view: "timeSeries",
            stacked: false,
            period: 60,
            stat: "Sum",
            metrics: [
                ["AWS/Lambda", "Invocations", ...alias, { label: "Invocations" }],
                ["AWS/Lambda", "ProvisionedConcurrencyInvocations", ...alias, { label: "On provisioned environments" }],
                ["AWS/Lambda", "ProvisionedConcurrencySpilloverInvocations", ...alias, { label: "Spilled over (on demand, possibly cold)" }],
            ],
            yAxis: { left: { min: 0 } },
        });
        expect(spillover.annotations).to.deep.equal({ horizontal: [{ value: 0, label: "Spillover alarm threshold" }] });
        expect(concurrency.metrics).to.deep.equal([
            ["AWS/Lambda", "ConcurrentExecutions", "FunctionName", "orders", { label: "Concurrent executions (whole function)" }],
            ["AWS/Lambda", "ProvisionedConcurrentExecutions", ...alias, { label: "Busy provisioned environments" }],
            ["AWS/Lambda", "ProvisionedConcurrentExecutions", ...alias, { id: "busy_avg", stat: "Average", visible: false }],
            ["AWS/Lambda", "ProvisionedConcurrencyUtilization", ...alias, { id: "utilization_avg", stat: "Average", visible: false }],
            [{ expression: "busy_avg / utilization_avg", id: "allocated", label: "Provisioned environments (allocated)" }],
        ]);
        expect([concurrency.stat, concurrency.annotations]).to.deep.equal(["Maximum", { horizontal: [{ value: 5, label: "Provisioned concurrency" }] }]);
        expect(utilization.metrics).to.deep.equal([
            ["AWS/Lambda", "ProvisionedConcurrencyUtilization", ...alias, { label: "Maximum", stat: "Maximum" }],
            ["AWS/Lambda", "ProvisionedConcurrencyUtilization", ...alias, { label: "Average", stat: "Average" }],
        ]);
        expect(utilization.annotations).to.deep.equal({ horizontal: [{ value: 0.6, label: "Break-even (60%): below it, on demand costs less" }] });
        expect(utilization.yAxis).to.deep.equal({ left: { min: 0, max: 1 } });
        expect(body.widgets[5].properties).to.deep.equal({ title: "Alarms", alarms: [ALARM], sortBy: "stateUpdatedTimestamp" });
    });

    it("UtilizationScaling: the week's bounds, the target utilization and the ceiling threshold; no alarm widget without alarms", () => {
        const body = provisionedConcurrencyDashboard({
            componentType: "UtilizationScaling",
            componentName: "api",
            region: "us-east-1",
            functionName: "api",
            qualifier: "7",
            bounds: { lowestMin: 1, highestMax: 50 },
            targetUtilization: 0.7,
            ceilingThreshold: 0.9,
            alarmArns: [],
        });
        expect(body.widgets.map((w) => w.type)).to.deep.equal(["text", "metric", "metric", "metric", "metric"]);
        const [, spillover, concurrency, utilization] = graphs(body);
        expect(spillover.annotations).to.equal(undefined);
        expect(concurrency.annotations).to.deep.equal({
            horizontal: [
                { value: 1, label: "Scalable target minimum (lowest of the week)" },
                { value: 50, label: "Scalable target maximum (highest of the week)" },
            ],
        });
        expect(utilization.annotations).to.deep.equal({
            horizontal: [
                { value: 0.7, label: "Target utilization (scales out above)" },
                { value: 0.9, label: "Ceiling alarm threshold" },
            ],
        });
    });

    it("LambdaWarmer: requested and reached, failures, and the warmer function, with the warmer's dimensions", () => {
        const body = warmerDashboard({
            componentName: "warm",
            region: "us-east-1",
            warmerFunctionName: "warm-abc",
            schedule: "rate(5 minutes)",
            periodSeconds: 300,
            targets: [{ functionName: "a", qualifier: "live" }, { functionName: "b" }],
            alarmArns: [ALARM, ALARM],
        });
        expect(body.widgets[0].properties.markdown).to.match(/^# LambdaWarmer warm: 2 target\(s\), rate\(5 minutes\)\n/);
        const [reach, failures, own, duration] = graphs(body);
        expect([reach.title, reach.period, failures.period, own.period]).to.deep.equal(["Instances requested and reached", 300, 300, 60]);
        expect(reach.metrics).to.deep.equal([
            ["LambdaConcurrency/Warmer", "Requested", "FunctionName", "a", "Qualifier", "live", { id: "requested_0", visible: false }],
            ["LambdaConcurrency/Warmer", "Requested", "FunctionName", "b", { id: "requested_1", visible: false }],
            ["LambdaConcurrency/Warmer", "InstancesReached", "FunctionName", "a", "Qualifier", "live", { id: "reached_0", visible: false }],
            ["LambdaConcurrency/Warmer", "InstancesReached", "FunctionName", "b", { id: "reached_1", visible: false }],
            [{ expression: "SUM([requested_0, requested_1])", id: "requested_total", label: "Requested" }],
            [{ expression: "SUM([reached_0, reached_1])", id: "reached_total", label: "Reached" }],
        ]);
        expect((failures.metrics as unknown[][]).slice(-2)).to.deep.equal([
            [{ expression: "SUM([errors_0, errors_1])", id: "errors_total", label: "Failed pings" }],
            [{ expression: "SUM([throttles_0, throttles_1])", id: "throttles_total", label: "Throttled pings" }],
        ]);
        expect(own.metrics).to.deep.equal([
            ["AWS/Lambda", "Invocations", "FunctionName", "warm-abc", { label: "Runs" }],
            ["AWS/Lambda", "Errors", "FunctionName", "warm-abc", { label: "Errors" }],
            ["AWS/Lambda", "Throttles", "FunctionName", "warm-abc", { label: "Throttles" }],
        ]);
        expect(duration.metrics).to.deep.equal([["AWS/Lambda", "Duration", "FunctionName", "warm-abc", { label: "Duration (ms)", stat: "Maximum" }]]);
        expect(body.widgets[body.widgets.length - 1].properties.alarms).to.deep.equal([ALARM, ALARM]);
    });

    it("stays within PutDashboard's limits with the largest warmer and the longest names", () => {
        // 400 targets (the most a warmer takes), 64-character function names and 128-character aliases.
        const targets = Array.from({ length: 400 }, (_, i) => ({
            functionName: `${String(i).padStart(3, "0")}${"f".repeat(61)}`,
            qualifier: `${String(i).padStart(3, "0")}${"q".repeat(125)}`,
        }));
        const alarmArns = Array.from({ length: 200 }, (_, i) => `arn:aws:cloudwatch:us-east-1:123456789012:alarm:${String(i).padStart(3, "0")}${"a".repeat(252)}`);
        const body = warmerDashboard({ componentName: "w".repeat(200), region: "ap-southeast-2", warmerFunctionName: "x".repeat(64), schedule: "rate(5 minutes)", periodSeconds: 300, targets, alarmArns });
        expect(dashboardBodyProblem(body)).to.equal(undefined);
        const bytes = Buffer.byteLength(JSON.stringify(body));
        expect(bytes).to.be.below(DASHBOARD_BODY_BUDGET_BYTES);
        // 4 graphs of 100 targets each kind, the warmer's 2 graphs, 2 alarm widgets of 100.
        expect(body.widgets.map((w) => w.type).join(",")).to.equal(["text", ...Array<string>(10).fill("metric"), "alarm", "alarm"].join(","));
        const metrics = graphs(body).map((g) => (g.metrics as unknown[]).length);
        expect(Math.max(...metrics)).to.equal(202);
    });

    it("reports each limit a body breaks", () => {
        const graph = (count: number): DashboardBody["widgets"][number] => ({
            type: "metric",
            x: 0,
            y: 0,
            width: 12,
            height: 6,
            properties: { title: "big", metrics: Array.from({ length: count }, () => ["AWS/Lambda", "Invocations"]) },
        });
        expect(dashboardBodyProblem({ widgets: Array<DashboardBody["widgets"][number]>(501).fill({ type: "text", x: 0, y: 0, width: 1, height: 1, properties: {} }) })).to.equal(
            "the dashboard has 501 widgets; CloudWatch allows 500",
        );
        expect(dashboardBodyProblem({ widgets: [graph(501)] })).to.equal('the graph "big" has 501 metrics and expressions; CloudWatch allows 500');
        expect(dashboardBodyProblem({ widgets: Array<DashboardBody["widgets"][number]>(6).fill(graph(500)) })).to.equal("the dashboard has 3000 metrics; CloudWatch allows 2500");
        expect(dashboardBodyProblem({ widgets: [{ type: "alarm", x: 0, y: 0, width: 1, height: 1, properties: { alarms: [] } }] })).to.equal(
            "an alarm widget lists 0 alarms; CloudWatch takes 1 to 100",
        );
        const huge = { type: "text" as const, x: 0, y: 0, width: 1, height: 1, properties: { markdown: "m".repeat(DASHBOARD_BODY_BUDGET_BYTES) } };
        expect(dashboardBodyProblem({ widgets: [huge] })).to.match(/^the dashboard body is 1000\d\d\d bytes; the package keeps it under 1000000$/);
    });

    describe("dashboardName", () => {
        it("is project-stack-region-component when that fits and uses only the characters AWS allows", () => {
            expect(dashboardName("shop", "prod", "eu-west-1", "orders-pc")).to.equal("shop-prod-eu-west-1-orders-pc");
        });
        it("differs between two regions of one project and stack (dashboards are global to the account)", () => {
            expect(dashboardName("shop", "prod", "us-east-1", "orders-pc")).to.not.equal(dashboardName("shop", "prod", "eu-west-1", "orders-pc"));
        });
        it("replaces other characters and adds a hash, so that names differing only there stay apart", () => {
            const a = dashboardName("shop", "org/prod", "us-east-1", "orders.pc");
            const b = dashboardName("shop", "org/prod", "us-east-1", "orders:pc");
            expect(a).to.match(/^shop-org-prod-us-east-1-orders-pc-[0-9a-f]{8}$/);
            expect(b).to.match(/^shop-org-prod-us-east-1-orders-pc-[0-9a-f]{8}$/);
            expect(a).to.not.equal(b);
        });
        it("cuts a long name to 255 characters with a hash", () => {
            const name = dashboardName("p", "s", "us-east-1", "c".repeat(300));
            expect(name).to.have.length(255);
            expect(name).to.match(/^p-s-us-east-1-c+-[0-9a-f]{8}$/);
            expect(dashboardName("p", "s", "us-east-1", `${"c".repeat(300)}x`)).to.not.equal(name);
        });
    });
});
