// The sample programs, run under the shared mocks: what `pulumi up -c scenario=NAME` would create.
import { expect } from "chai";
import { autoName } from "../../testing/mock-aws";
import { DEFAULT_SCENARIO, SCENARIOS } from "../../programs/scenarios";
import { ofType, resetProgram, settled, urnOf } from "../helpers/pulumi";

const FUNCTION = "aws:lambda/function:Function";
const CONFIG = "aws:lambda/provisionedConcurrencyConfig:ProvisionedConcurrencyConfig";
const COMPONENT = "lambda-concurrency:index:FixedConcurrency";

describe("sample programs", () => {
    beforeEach(resetProgram);

    it("default to hello-api", () => {
        expect(DEFAULT_SCENARIO).to.equal("hello-api");
        expect(Object.keys(SCENARIOS)).to.include.members(["hello-api", "fixed", "scheduled", "utilization", "business-hours", "warmer"]);
    });

    it("fixed: a published function with 2 environments on its version", async () => {
        SCENARIOS.fixed.run();
        const resources = await settled();
        expect(resources.map((r) => [r.type, r.name])).to.deep.equal([
            ["aws:cloudwatch/logGroup:LogGroup", "fixed-fn-logs"],
            ["aws:iam/role:Role", "fixed-fn-role"],
            ["aws:iam/rolePolicy:RolePolicy", "fixed-fn-logs"],
            [FUNCTION, "fixed-fn"],
            [COMPONENT, "fixed"],
            [CONFIG, "fixed"],
            ["aws:appautoscaling/target:Target", "fixed-target"],
        ]);
        const [fn] = ofType(resources, FUNCTION);
        expect(fn.inputs).to.deep.include({ publish: true, runtime: "nodejs22.x", handler: "index.handler", memorySize: 256 });
        const [config] = ofType(resources, CONFIG);
        expect(config.parent).to.equal(urnOf(COMPONENT, "fixed"));
        expect(config.inputs).to.deep.equal({
            functionName: autoName(FUNCTION, "fixed-fn"),
            qualifier: "1",
            provisionedConcurrentExecutions: 2,
            skipDestroy: false,
        });
        // The function may write to its own log group only.
        const logGroup = autoName("aws:cloudwatch/logGroup:LogGroup", "fixed-fn-logs");
        expect(fn.inputs.loggingConfig).to.deep.equal({ logFormat: "Text", logGroup });
        const [policy] = ofType(resources, "aws:iam/rolePolicy:RolePolicy");
        expect(JSON.parse(String(policy.inputs.policy))).to.deep.equal({
            Version: "2012-10-17",
            Statement: [
                {
                    Sid: "WriteOwnLogs",
                    Effect: "Allow",
                    Action: ["logs:CreateLogStream", "logs:PutLogEvents"],
                    Resource: `arn:aws:logs:us-east-1:123456789012:log-group:${logGroup}:*`,
                },
            ],
        });
    });

    it("hello-api: an HTTP API on the live alias, which has 2 environments", async () => {
        SCENARIOS["hello-api"].run();
        const resources = await settled();
        expect(resources.map((r) => [r.type, r.name]).sort()).to.deep.equal(
            [
                ["aws:apigatewayv2/api:Api", "hello-api"],
                ["aws:apigatewayv2/integration:Integration", "hello-api"],
                ["aws:apigatewayv2/route:Route", "hello-api"],
                ["aws:apigatewayv2/stage:Stage", "hello-api"],
                ["aws:iam/role:Role", "hello-fn-role"],
                ["aws:cloudwatch/logGroup:LogGroup", "hello-fn-logs"],
                ["aws:iam/rolePolicy:RolePolicy", "hello-fn-logs"],
                ["aws:lambda/alias:Alias", "hello-live"],
                [FUNCTION, "hello-fn"],
                ["aws:lambda/permission:Permission", "hello-api"],
                [CONFIG, "hello-live"],
                ["aws:appautoscaling/target:Target", "hello-live-target"],
                [COMPONENT, "hello-live"],
            ].sort(),
        );
        const functionName = autoName(FUNCTION, "hello-fn");
        const functionArn = `arn:aws:lambda:us-east-1:123456789012:function:${functionName}`;
        expect(ofType(resources, "aws:lambda/alias:Alias")[0].inputs).to.deep.equal({
            name: "live",
            functionName,
            functionVersion: "1",
        });
        expect(ofType(resources, CONFIG)[0].inputs).to.deep.equal({
            functionName,
            qualifier: "live",
            provisionedConcurrentExecutions: 2,
            skipDestroy: false,
        });
        // The API must call the alias, or the provisioned environments would never serve it.
        expect(ofType(resources, "aws:apigatewayv2/integration:Integration")[0].inputs.integrationUri).to.equal(
            `arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/${functionArn}:live/invocations`,
        );
        const [permission] = ofType(resources, "aws:lambda/permission:Permission");
        expect(permission.inputs).to.deep.include({
            action: "lambda:InvokeFunction",
            function: functionName,
            qualifier: "live",
            principal: "apigateway.amazonaws.com",
        });
        expect(permission.inputs.sourceArn).to.match(/^arn:aws:execute-api:us-east-1:123456789012:[0-9a-f]{7}abc\/\*\/\*$/);
        expect(ofType(resources, "aws:apigatewayv2/route:Route")[0].inputs.routeKey).to.equal("GET /");
    });

    it("scheduled: the blog's day and night example on the live alias", async () => {
        SCENARIOS.scheduled.run();
        const resources = await settled();
        const name = autoName(FUNCTION, "scheduled-fn");
        expect(ofType(resources, "aws:appautoscaling/target:Target")[0].inputs).to.deep.equal({
            serviceNamespace: "lambda",
            scalableDimension: "lambda:function:ProvisionedConcurrency",
            resourceId: `function:${name}:live`,
            // The bounds in force at the tests' clock (12:00 UTC: "day").
            minCapacity: 10,
            maxCapacity: 10,
            suspendedState: { dynamicScalingInSuspended: false, dynamicScalingOutSuspended: false, scheduledScalingSuspended: false },
        });
        expect(
            ofType(resources, "aws:appautoscaling/scheduledAction:ScheduledAction").map((r) => [r.inputs.name, r.inputs.schedule, r.inputs.scalableTargetAction]),
        ).to.deep.equal([
            ["day", "cron(0 8 * * ? *)", { minCapacity: 10, maxCapacity: 10 }],
            ["night", "cron(0 18 * * ? *)", { minCapacity: 2, maxCapacity: 2 }],
        ]);
        // The component's own configuration, so that destroy releases the capacity; 12:00 UTC is "day".
        expect(ofType(resources, CONFIG).map((r) => r.inputs)).to.deep.equal([{ functionName: name, qualifier: "live", provisionedConcurrentExecutions: 10, skipDestroy: false }]);
    });

    it("utilization: 1 to 10 tracking 0.8", async () => {
        SCENARIOS.utilization.run();
        const resources = await settled();
        expect(ofType(resources, "aws:appautoscaling/target:Target")[0].inputs).to.deep.include({ minCapacity: 1, maxCapacity: 10 });
        const [policy] = ofType(resources, "aws:appautoscaling/policy:Policy");
        expect((policy.inputs.targetTrackingScalingPolicyConfiguration as { targetValue: number }).targetValue).to.equal(0.8);
        expect(ofType(resources, "aws:appautoscaling/scheduledAction:ScheduledAction")).to.have.length(0);
    });

    it("business-hours: schedules and tracking on one target, in Europe/Paris", async () => {
        SCENARIOS["business-hours"].run();
        const resources = await settled();
        expect(ofType(resources, "aws:appautoscaling/target:Target")).to.have.length(1);
        // Tuesday 13:00 in Paris: business hours are in force.
        expect(ofType(resources, "aws:appautoscaling/target:Target")[0].inputs).to.deep.include({ minCapacity: 10, maxCapacity: 50 });
        expect(ofType(resources, "aws:appautoscaling/policy:Policy")).to.have.length(1);
        expect(
            ofType(resources, "aws:appautoscaling/scheduledAction:ScheduledAction").map((r) => [r.inputs.name, r.inputs.schedule, r.inputs.timezone, r.inputs.scalableTargetAction]),
        ).to.deep.equal([
            ["open", "cron(0 8 ? * MON-FRI *)", "Europe/Paris", { minCapacity: 10, maxCapacity: 50 }],
            ["close", "cron(0 19 ? * MON-FRI *)", "Europe/Paris", { minCapacity: 1, maxCapacity: 5 }],
        ]);
        // Monitored: both alarms notify the sample's topic, and a dashboard shows the week's bounds.
        const [topic] = ofType(resources, "aws:sns/topic:Topic");
        // By name: the two register in whichever order their inputs resolve.
        const alarms = ofType(resources, "aws:cloudwatch/metricAlarm:MetricAlarm").sort((a, b) => a.name.localeCompare(b.name));
        expect(alarms.map((a) => [a.name, a.inputs.alarmActions, a.inputs.okActions])).to.deep.equal([
            ["business-hours-ceiling", [topic.state.arn], [topic.state.arn]],
            ["business-hours-spillover", [topic.state.arn], [topic.state.arn]],
        ]);
        // The lowest maximum of the week is the nights' 5.
        const ceiling = (alarms[0].inputs.metricQueries as { expression?: string }[])[3].expression;
        expect(ceiling).to.equal("IF(utilization_max >= 0.9 AND busy_avg >= 4.5 * utilization_avg, 1, 0)");
        const [dashboard] = ofType(resources, "aws:cloudwatch/dashboard:Dashboard");
        const widgets = (JSON.parse(String(dashboard.inputs.dashboardBody)) as { widgets: { properties: { annotations?: unknown } }[] }).widgets;
        expect(widgets[3].properties.annotations).to.deep.equal({
            horizontal: [
                { value: 1, label: "Scalable target minimum (lowest of the week)" },
                { value: 50, label: "Scalable target maximum (highest of the week)" },
            ],
        });
    });
});
