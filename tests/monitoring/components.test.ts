import { expect } from "chai";
import { Provider } from "@pulumi/aws/provider";
import * as pulumi from "@pulumi/pulumi";
import { ofType, rejectionMessage, resetProgram, settled, thrownMessage, urnOf, valueOf, TEST_NOW } from "../helpers/pulumi";
import { FixedConcurrency, LambdaWarmer, ScheduledConcurrency, UtilizationScaling } from "../../components";
import { warmerPeriodSeconds } from "../../components/monitoring/warmer";

const ALARM = "aws:cloudwatch/metricAlarm:MetricAlarm";
const DASHBOARD = "aws:cloudwatch/dashboard:Dashboard";
const TOPIC = "arn:aws:sns:us-east-1:123456789012:on-call";
const ALIAS = { FunctionName: "orders", Resource: "orders:live" };

function body(resources: Awaited<ReturnType<typeof settled>>): { widgets: { type: string; properties: Record<string, unknown> }[] } {
    return JSON.parse(String(ofType(resources, DASHBOARD)[0].inputs.dashboardBody)) as ReturnType<typeof body>;
}

describe("monitoring on the components (under the mocks)", () => {
    beforeEach(resetProgram);

    it("creates nothing without `monitoring`", async () => {
        const fixed = new FixedConcurrency("quiet", { functionName: "orders", qualifier: "live", provisionedConcurrentExecutions: 2 });
        const resources = await settled();
        expect(ofType(resources, ALARM).concat(ofType(resources, DASHBOARD))).to.deep.equal([]);
        expect([fixed.alarms, fixed.dashboard]).to.deep.equal([[], undefined]);
    });

    it("FixedConcurrency: a spillover alarm, a low-utilization alarm and a dashboard, children of the component", async () => {
        const fixed = new FixedConcurrency("orders-pc", {
            functionName: "arn:aws:lambda:us-east-1:123456789012:function:orders",
            qualifier: "live",
            provisionedConcurrentExecutions: 5,
            monitoring: { alarmActions: [TOPIC], okActions: [TOPIC] },
        });
        const resources = await settled();
        const component = urnOf("lambda-concurrency:index:FixedConcurrency", "orders-pc");
        expect(ofType(resources, ALARM).map((r) => [r.name, r.parent, r.state.name]).sort()).to.deep.equal([
            ["orders-pc-low-utilization", component, (await valueOf(fixed.alarms[1].name))],
            ["orders-pc-spillover", component, (await valueOf(fixed.alarms[0].name))],
        ]);
        const spillover = ofType(resources, ALARM).find((r) => r.name === "orders-pc-spillover")!;
        expect({ ...spillover.inputs, alarmDescription: undefined }).to.deep.equal({
            alarmActions: [TOPIC],
            okActions: [TOPIC],
            alarmDescription: undefined,
            namespace: "AWS/Lambda",
            metricName: "ProvisionedConcurrencySpilloverInvocations",
            dimensions: ALIAS,
            statistic: "Sum",
            period: 60,
            comparisonOperator: "GreaterThanThreshold",
            threshold: 0,
            evaluationPeriods: 5,
            datapointsToAlarm: 3,
            treatMissingData: "notBreaching",
        });
        const waste = ofType(resources, ALARM).find((r) => r.name === "orders-pc-low-utilization")!;
        expect([waste.inputs.comparisonOperator, waste.inputs.threshold, waste.inputs.treatMissingData, waste.inputs.evaluationPeriods]).to.deep.equal([
            "LessThanThreshold",
            0.6,
            "breaching",
            1,
        ]);
        expect((waste.inputs.metricQueries as { expression?: string }[])[3].expression).to.equal(
            "duration_ms * (provisioned_invocations / invocations) / 432000000",
        );
        const dashboard = ofType(resources, DASHBOARD)[0];
        expect([dashboard.name, dashboard.parent, dashboard.inputs.dashboardName]).to.deep.equal([
            "orders-pc-dashboard",
            component,
            "lambda-concurrency-test-test-us-east-1-orders-pc",
        ]);
        const widgets = body(resources).widgets;
        expect(widgets.map((w) => w.properties.title ?? w.type)).to.deep.equal([
            "text",
            "Requests",
            "Spillover",
            "Concurrency and provisioned environments",
            "Utilization of provisioned environments",
            "Alarms",
        ]);
        expect(widgets[5].properties.alarms).to.deep.equal([await valueOf(fixed.alarms[0].arn), await valueOf(fixed.alarms[1].arn)]);
        expect(widgets[1].properties.region).to.equal("us-east-1");
    });

    it("UtilizationScaling: the ceiling alarm compares with the lowest maximum of the week; the dashboard draws the bounds", async () => {
        new UtilizationScaling("api", {
            functionName: "orders",
            qualifier: "live",
            minCapacity: 2,
            maxCapacity: 40,
            schedules: [
                { name: "night", schedule: "cron(0 20 * * ? *)", maxCapacity: 10 },
                { name: "day", schedule: "cron(0 8 * * ? *)", maxCapacity: 40 },
            ],
            monitoring: { spillover: { enabled: false } },
        });
        const resources = await settled();
        expect(ofType(resources, ALARM).map((r) => r.name)).to.deep.equal(["api-ceiling"]);
        const ceiling = ofType(resources, ALARM)[0].inputs;
        expect((ceiling.metricQueries as { id: string; expression?: string }[]).map((q) => q.expression ?? q.id)).to.deep.equal([
            "utilization_max",
            "utilization_avg",
            "busy_avg",
            "IF(utilization_max >= 0.9 AND busy_avg >= 9.5 * utilization_avg, 1, 0)",
        ]);
        expect([ceiling.threshold, ceiling.comparisonOperator, ceiling.evaluationPeriods, ceiling.datapointsToAlarm]).to.deep.equal([
            1,
            "GreaterThanOrEqualToThreshold",
            15,
            12,
        ]);
        const concurrency = body(resources).widgets[3].properties;
        expect(concurrency.annotations).to.deep.equal({
            horizontal: [
                { value: 2, label: "Scalable target minimum (lowest of the week)" },
                { value: 40, label: "Scalable target maximum (highest of the week)" },
            ],
        });
        expect((body(resources).widgets[4].properties.annotations as { horizontal: unknown[] }).horizontal).to.deep.equal([
            { value: 0.7, label: "Target utilization (scales out above)" },
            { value: 0.9, label: "Ceiling alarm threshold" },
        ]);
    });

    it("ScheduledConcurrency: a plain utilization alarm (nothing scales between bounds), and no dashboard when turned off", async () => {
        const scheduled = new ScheduledConcurrency("nightly", {
            functionName: "orders",
            qualifier: "live",
            schedules: [
                { name: "day", schedule: "cron(0 8 ? * MON-FRI *)", capacity: 10 },
                { name: "night", schedule: "cron(0 18 ? * MON-FRI *)", capacity: 1 },
            ],
            monitoring: { dashboard: false, ceiling: { threshold: 0.95 } },
        });
        const resources = await settled();
        expect(ofType(resources, DASHBOARD)).to.deep.equal([]);
        expect(scheduled.dashboard).to.equal(undefined);
        const ceiling = ofType(resources, ALARM).find((r) => r.name === "nightly-ceiling")!.inputs;
        expect([ceiling.metricName, ceiling.statistic, ceiling.dimensions, ceiling.threshold, ceiling.comparisonOperator]).to.deep.equal([
            "ProvisionedConcurrencyUtilization",
            "Maximum",
            ALIAS,
            0.95,
            "GreaterThanOrEqualToThreshold",
        ]);
    });

    it("LambdaWarmer: shortfall and failure alarms per 4 targets, at the schedule's period, and a dashboard", async () => {
        const warmer = new LambdaWarmer("warm", {
            targets: Array.from({ length: 6 }, (_, i) => ({ functionName: `fn-${i}`, qualifier: "live" })),
            schedule: "rate(10 minutes)",
            monitoring: {},
        });
        const resources = await settled();
        expect(ofType(resources, ALARM).map((r) => r.name).sort()).to.deep.equal([
            "warm-warmer-failures-0",
            "warm-warmer-failures-1",
            "warm-warmer-shortfall-0",
            "warm-warmer-shortfall-1",
        ]);
        const shortfall = ofType(resources, ALARM).find((r) => r.name === "warm-warmer-shortfall-1")!.inputs;
        expect((shortfall.metricQueries as { id: string; metric?: { dimensions: object; period: number } }[]).map((q) => [q.id, q.metric?.dimensions, q.metric?.period])).to.deep.equal([
            ["requested_0", { FunctionName: "fn-4", Qualifier: "live" }, 600],
            ["reached_0", { FunctionName: "fn-4", Qualifier: "live" }, 600],
            ["requested_1", { FunctionName: "fn-5", Qualifier: "live" }, 600],
            ["reached_1", { FunctionName: "fn-5", Qualifier: "live" }, 600],
            ["shortfall", undefined, undefined],
        ]);
        const failures = ofType(resources, ALARM).find((r) => r.name === "warm-warmer-failures-0")!.inputs;
        const warmerName = await valueOf(warmer.function.name);
        expect((failures.metricQueries as { id: string; metric?: { dimensions: object } }[]).filter((q) => q.id.startsWith("warmer_")).map((q) => q.metric?.dimensions)).to.deep.equal([
            { FunctionName: warmerName },
            { FunctionName: warmerName },
        ]);
        expect(warmer.alarms).to.have.length(4);
        expect(body(resources).widgets.map((w) => w.type)).to.deep.equal(["text", "metric", "metric", "metric", "metric", "alarm"]);
    });

    it("names the alarms within AWS's 255 characters for a long component name", async () => {
        const long = "p".repeat(250);
        new FixedConcurrency(long, { functionName: "orders", qualifier: "live", provisionedConcurrentExecutions: 1, monitoring: {} });
        const resources = await settled();
        const names = ofType(resources, ALARM).map((r) => String(r.state.name));
        expect(names.map((n) => n.length)).to.deep.equal([255, 255]);
        expect(new Set(names).size).to.equal(2);
        expect(String(ofType(resources, DASHBOARD)[0].inputs.dashboardName)).to.have.length(255);
    });

    it("refuses a second dashboard of the same name in one program and region, naming both; other regions or no dashboard are fine", async () => {
        new FixedConcurrency("api", { functionName: "orders", qualifier: "live", provisionedConcurrentExecutions: 1, monitoring: {} });
        expect(thrownMessage(() => new LambdaWarmer("api", { targets: [{ functionName: "orders", qualifier: "blue" }], monitoring: {} }))).to.equal(
            'LambdaWarmer "api": monitoring.dashboard: FixedConcurrency "api" in this program already has a dashboard of that name (dashboards are named after the project, stack, region and component name, and are global to the account). Give one of the two another name, or set monitoring.dashboard to false on one of them',
        );
        // Without a dashboard of its own, or in another region (its own provider), the same name is fine.
        resetProgram();
        new FixedConcurrency("api", { functionName: "orders", qualifier: "live", provisionedConcurrentExecutions: 1, monitoring: {} });
        new LambdaWarmer("api", { targets: [{ functionName: "orders", qualifier: "blue" }], monitoring: { dashboard: false } });
        const west = new Provider("west", { region: "us-west-2" });
        new ScheduledConcurrency(
            "api",
            { functionName: "orders", qualifier: "live", schedules: [{ name: "day", schedule: "cron(0 8 * * ? *)", capacity: 2 }], monitoring: {} },
            { provider: west, parent: new pulumi.ComponentResource("test:index:Group", "west") },
        );
        // The dashboards: the FixedConcurrency's of each program (the mocks keep the first program's records) and the
        // ScheduledConcurrency's in the other region (the mocks answer us-east-1 for every provider's region, so the
        // names are not told apart here); none for the warmers.
        const parents = ofType(await settled(), DASHBOARD).map((d) => d.parent ?? "");
        expect(parents.filter((p) => p === urnOf("lambda-concurrency:index:FixedConcurrency", "api"))).to.have.length(2);
        expect(parents.filter((p) => p.endsWith("lambda-concurrency:index:ScheduledConcurrency::api"))).to.have.length(1);
        expect(parents).to.have.length(3);
    });

    it("refuses bad monitoring at construction, naming the component", () => {
        expect(
            thrownMessage(
                () =>
                    new FixedConcurrency("f", {
                        functionName: "orders",
                        qualifier: "live",
                        provisionedConcurrentExecutions: 1,
                        monitoring: { ceiling: {} },
                    }),
            ),
        ).to.equal('FixedConcurrency "f": monitoring.ceiling applies to ScheduledConcurrency and UtilizationScaling, not to FixedConcurrency (its alarms: spillover, lowUtilization)');
        expect(
            thrownMessage(
                () =>
                    new UtilizationScaling("u", {
                        functionName: "orders",
                        qualifier: "live",
                        maxCapacity: 5,
                        targetUtilization: 0.8,
                        monitoring: { ceiling: { threshold: 0.8 } },
                    }),
            ),
        ).to.equal(
            'UtilizationScaling "u": monitoring.ceiling.threshold (0.8) must be above targetUtilization (0.8): target tracking holds utilization near its target, so the alarm would fire in normal operation',
        );
        expect(
            thrownMessage(() => new LambdaWarmer("w", { targets: [{ functionName: "a" }], monitoring: { spillover: {} } })),
        ).to.equal('LambdaWarmer "w": monitoring.spillover applies to FixedConcurrency, ScheduledConcurrency and UtilizationScaling, not to LambdaWarmer (its alarms: warmerShortfall, warmerFailures)');
    });

    it("checks the ceiling threshold against a targetUtilization given as an Output when it resolves", async () => {
        const scaling = new UtilizationScaling("u", {
            functionName: "orders",
            qualifier: "live",
            maxCapacity: 5,
            targetUtilization: pulumi.output(0.9),
            monitoring: {},
        });
        expect(await rejectionMessage(valueOf(scaling.policy.urn))).to.equal(
            'UtilizationScaling "u": monitoring.ceiling.threshold (0.9) must be above targetUtilization (0.9): target tracking holds utilization near its target, so the alarm would fire in normal operation',
        );
    });

    it("checks an alarm action given as an Output when it resolves, before any child is registered", async () => {
        const fixed = new FixedConcurrency("f", {
            functionName: "orders",
            qualifier: "live",
            provisionedConcurrentExecutions: 1,
            monitoring: { alarmActions: [pulumi.output("arn:aws:sqs:us-east-1:123456789012:queue")] },
        });
        expect(await rejectionMessage(valueOf(fixed.config.urn))).to.equal(
            'FixedConcurrency "f": monitoring.alarmActions[0] must be an SNS topic ARN (arn:aws:sns:REGION:ACCOUNT_ID:TOPIC_NAME), got "arn:aws:sqs:us-east-1:123456789012:queue"',
        );
    });
});

describe("warmerPeriodSeconds", () => {
    const cases: [string, number][] = [
        ["rate(1 minute)", 60],
        ["rate(5 minutes)", 300],
        ["rate(2 hours)", 7200],
        ["rate(1 day)", 86400],
        ["rate(3 days)", 86400],
        ["cron(0/5 8-17 ? * MON-FRI *)", 300],
        ["cron(0 9 * * ? *)", 86400],
        ["cron(0 9 ? * MON *)", 86400],
    ];
    for (const [schedule, expected] of cases) {
        it(`${schedule}: ${expected} s`, () => expect(warmerPeriodSeconds(schedule, TEST_NOW)).to.equal(expected));
    }
});

describe("the plan's cost of the monitoring", () => {
    beforeEach(resetProgram);

    it("prices each alarm by the metrics it reads, and a small dashboard as possibly free", async () => {
        const { planCost } = await import("../../cli/plan-notes");
        new FixedConcurrency("orders-pc", { functionName: "orders", qualifier: "live", provisionedConcurrentExecutions: 1, monitoring: {} });
        new LambdaWarmer("warm", { targets: [{ functionName: "a" }, { functionName: "b" }], monitoring: { dashboard: false } });
        const items = planCost(await settled(), TEST_NOW).items.filter((i) => i.description.includes("CloudWatch"));
        expect(items.map((i) => [i.owner, i.description, Number(i.low.toFixed(2)), Number(i.high.toFixed(2))])).to.deep.equal([
            ['LambdaWarmer "warm"', "14 CloudWatch custom metrics (7 per target, from the warmer's log lines) x $0.30", 4.2, 4.2],
            // shortfall reads 2 x 2 metrics, failures 2 x 2 plus the warmer's own 2.
            ['LambdaWarmer "warm"', "2 CloudWatch alarms reading 10 metrics x $0.10", 1, 1],
            // spillover reads 1 metric, low utilization 3.
            ['FixedConcurrency "orders-pc"', "2 CloudWatch alarms reading 4 metrics x $0.10", 0.4, 0.4],
            ['FixedConcurrency "orders-pc"', "1 CloudWatch dashboard of 10 metrics (free if among the account's first 3)", 0, 3],
        ]);
    });
});

describe("alarmName", () => {
    it("leaves a name that fits to the provider, and cuts a long one with a hash of project, stack and name", async () => {
        const { alarmName } = await import("../../components/monitoring/resources");
        expect(alarmName("orders-pc-spillover", "shop", "prod")).to.equal(undefined);
        const long = `${"p".repeat(250)}-spillover`;
        const prod = alarmName(long, "shop", "prod")!;
        const dev = alarmName(long, "shop", "dev")!;
        expect([prod.length, dev.length]).to.deep.equal([255, 255]);
        // Two stacks in one account and region: PutMetricAlarm would let one overwrite the other's alarm.
        expect(prod).to.not.equal(dev);
        expect(prod.startsWith("p".repeat(246))).to.equal(true);
    });
});
