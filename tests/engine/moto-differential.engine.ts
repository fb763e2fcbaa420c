// The stand-in's AWS API endpoint (tests/helpers/stand-in/aws-endpoint.ts) against moto 5 (getmoto/moto, a Python AWS
// emulator written by others, `python3 -m moto.server`): the same SDK requests, on the services moto implements
// (Application Auto Scaling, IAM, EventBridge, CloudWatch, CloudWatch Logs; moto has no Lambda provisioned
// concurrency), first to create the same objects in both, then the reads acceptance/run.ts makes, compared field by
// field on what the SDK parses (the fields the runner reads, and the ones that identify an object). A difference is a
// bug of the stand-in unless moto is the one that differs from the AWS API reference; those are listed in MOTO_IS_WRONG
// with the reference that says so.
import { ChildProcess, spawn, spawnSync } from "child_process";
import { expect } from "chai";
import * as net from "net";
import { ApplicationAutoScalingClient, DeregisterScalableTargetCommand, DescribeScalableTargetsCommand, DescribeScalingActivitiesCommand, DescribeScalingPoliciesCommand, DescribeScheduledActionsCommand, PutScalingPolicyCommand, PutScheduledActionCommand, RegisterScalableTargetCommand } from "@aws-sdk/client-application-auto-scaling";
import { CloudWatchClient, DescribeAlarmsCommand, ListDashboardsCommand, PutDashboardCommand, PutMetricAlarmCommand } from "@aws-sdk/client-cloudwatch";
import { CloudWatchLogsClient, CreateLogGroupCommand, CreateLogStreamCommand, DescribeLogGroupsCommand, FilterLogEventsCommand, PutLogEventsCommand, PutRetentionPolicyCommand } from "@aws-sdk/client-cloudwatch-logs";
import { DescribeRuleCommand, EventBridgeClient, PutRuleCommand } from "@aws-sdk/client-eventbridge";
import { CreateRoleCommand, GetRoleCommand, IAMClient } from "@aws-sdk/client-iam";
import { AwsModel } from "../helpers/lifecycle/aws-model";
import { AwsEndpoint, STAND_IN_CREDENTIALS } from "../helpers/stand-in/aws-endpoint";

const REGION = "us-east-1";
const FN = "diff-fn";
const TARGET = `function:${FN}:live`;
const OTHER_TARGET = `function:${FN}:1`;
const DIMENSION = "lambda:function:ProvisionedConcurrency";
const ROLE_POLICY = JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Principal: { Service: "lambda.amazonaws.com" }, Action: "sts:AssumeRole" }] });
const TOPIC = "arn:aws:sns:us-east-1:123456789012:alerts";
const GROUP = "warmer-logs-1234567";
const NOW = Date.UTC(2026, 11, 1, 12, 0, 0);

/** Why moto can't run here, or undefined. */
function motoMissing(): string | undefined {
    const probe = spawnSync("python3", ["-c", "import moto"], { encoding: "utf8" });
    return probe.status === 0 ? undefined : `python3 cannot import moto (${(probe.stderr || String(probe.error)).trim().split("\n").pop()})`;
}

async function freePort(): Promise<number> {
    return new Promise((resolve, reject) => {
        const server = net.createServer();
        server.once("error", reject);
        server.listen(0, "127.0.0.1", () => {
            const { port } = server.address() as net.AddressInfo;
            server.close(() => resolve(port));
        });
    });
}

async function waitForMoto(url: string, child: ChildProcess): Promise<void> {
    const deadline = Date.now() + 30_000;
    while (Date.now() < deadline) {
        if (child.exitCode !== null) {
            throw new Error(`moto.server exited with ${child.exitCode}`);
        }
        try {
            const response = await fetch(`${url}/moto-api/`);
            if (response.ok) {
                return;
            }
        } catch {
            // not listening yet
        }
        await new Promise((resolve) => setTimeout(resolve, 200));
    }
    throw new Error(`moto.server did not answer at ${url} within 30 s`);
}

/** One account's clients. */
function clients(endpoint: string) {
    const config = { region: REGION, endpoint, credentials: STAND_IN_CREDENTIALS, maxAttempts: 1 };
    return {
        aas: new ApplicationAutoScalingClient(config),
        iam: new IAMClient(config),
        events: new EventBridgeClient(config),
        cloudwatch: new CloudWatchClient(config),
        logs: new CloudWatchLogsClient(config),
    };
}
type Clients = ReturnType<typeof clients>;

/** An SDK error as the runner tells errors apart: its name (and message). */
async function outcome<T>(call: () => Promise<T>): Promise<T | { error: string; message: string }> {
    try {
        return await call();
    } catch (error) {
        const e = error as { name?: string; message?: string };
        return { error: String(e.name), message: String(e.message) };
    }
}

/** The same objects, created through the SDK. */
async function createObjects(c: Clients): Promise<void> {
    const target = { ServiceNamespace: "lambda" as const, ScalableDimension: DIMENSION as "lambda:function:ProvisionedConcurrency" };
    await c.aas.send(new RegisterScalableTargetCommand({ ...target, ResourceId: TARGET, MinCapacity: 1, MaxCapacity: 4 }));
    await c.aas.send(new RegisterScalableTargetCommand({ ...target, ResourceId: OTHER_TARGET, MinCapacity: 1, MaxCapacity: 2 }));
    await c.aas.send(
        new PutScalingPolicyCommand({
            ...target,
            ResourceId: TARGET,
            PolicyName: "tracking",
            PolicyType: "TargetTrackingScaling",
            TargetTrackingScalingPolicyConfiguration: {
                TargetValue: 0.7,
                PredefinedMetricSpecification: { PredefinedMetricType: "LambdaProvisionedConcurrencyUtilization" },
                ScaleInCooldown: 600,
                ScaleOutCooldown: 0,
            },
        }),
    );
    await c.aas.send(
        new PutScheduledActionCommand({
            ...target,
            ResourceId: TARGET,
            ScheduledActionName: "open",
            Schedule: "cron(0 8 ? * MON-FRI *)",
            Timezone: "Europe/Paris",
            ScalableTargetAction: { MinCapacity: 10, MaxCapacity: 50 },
        }),
    );
    await c.aas.send(new PutScheduledActionCommand({ ...target, ResourceId: TARGET, ScheduledActionName: "raise-min", Schedule: "at(2026-12-01T12:03:00)", ScalableTargetAction: { MinCapacity: 3 } }));
    await c.aas.send(new DeregisterScalableTargetCommand({ ...target, ResourceId: OTHER_TARGET }));
    await c.iam.send(new CreateRoleCommand({ RoleName: "warmer-role-1234567", AssumeRolePolicyDocument: ROLE_POLICY }));
    await c.events.send(new PutRuleCommand({ Name: "warmer-schedule-1234567", ScheduleExpression: "rate(5 minutes)", State: "ENABLED", Description: "Warm-up pings" }));
    await c.cloudwatch.send(
        new PutMetricAlarmCommand({
            AlarmName: "api-spillover",
            Namespace: "AWS/Lambda",
            MetricName: "ProvisionedConcurrencySpilloverInvocations",
            Dimensions: [
                { Name: "FunctionName", Value: FN },
                { Name: "Resource", Value: `${FN}:live` },
            ],
            Statistic: "Sum",
            Period: 60,
            EvaluationPeriods: 1,
            Threshold: 0,
            ComparisonOperator: "GreaterThanThreshold",
            TreatMissingData: "notBreaching",
            AlarmActions: [TOPIC],
            OKActions: [TOPIC],
        }),
    );
    await c.cloudwatch.send(
        new PutMetricAlarmCommand({
            AlarmName: "api-ceiling",
            EvaluationPeriods: 3,
            Threshold: 0.9,
            ComparisonOperator: "GreaterThanOrEqualToThreshold",
            Metrics: [
                { Id: "utilization", Expression: "used / provisioned", Label: "Utilization", ReturnData: true },
                {
                    Id: "used",
                    MetricStat: { Metric: { Namespace: "AWS/Lambda", MetricName: "ProvisionedConcurrentExecutions", Dimensions: [{ Name: "FunctionName", Value: FN }] }, Period: 60, Stat: "Maximum" },
                    ReturnData: false,
                },
                {
                    Id: "provisioned",
                    MetricStat: { Metric: { Namespace: "AWS/Lambda", MetricName: "ProvisionedConcurrencyUtilization", Dimensions: [{ Name: "FunctionName", Value: FN }] }, Period: 60, Stat: "Maximum" },
                    ReturnData: false,
                },
            ],
        }),
    );
    await c.cloudwatch.send(new PutDashboardCommand({ DashboardName: "lambda-concurrency-acc-api", DashboardBody: JSON.stringify({ widgets: [] }) }));
    await c.logs.send(new CreateLogGroupCommand({ logGroupName: GROUP }));
    await c.logs.send(new PutRetentionPolicyCommand({ logGroupName: GROUP, retentionInDays: 14 }));
    await c.logs.send(new CreateLogStreamCommand({ logGroupName: GROUP, logStreamName: "2026/12/01/[$LATEST]abc" }));
    await c.logs.send(
        new PutLogEventsCommand({
            logGroupName: GROUP,
            logStreamName: "2026/12/01/[$LATEST]abc",
            logEvents: [
                { timestamp: NOW - 60_000, message: '{"_aws":{},"FunctionName":"old","InstancesReached":1}' },
                { timestamp: NOW, message: "START RequestId: 1 Version: $LATEST" },
                { timestamp: NOW + 1_000, message: '{"_aws":{},"FunctionName":"fn","Requested":3,"InstancesReached":3}' },
            ],
        }),
    );
}

/** The reads of acceptance/run.ts (and a few neighbours), each reduced to the fields compared. */
async function reads(c: Clients): Promise<Record<string, unknown>> {
    const ns = "lambda" as const;
    return {
        "DescribeScalableTargets": await outcome(async () =>
            ((await c.aas.send(new DescribeScalableTargetsCommand({ ServiceNamespace: ns, ResourceIds: [TARGET, OTHER_TARGET] }))).ScalableTargets ?? []).map((t) => ({
                ServiceNamespace: t.ServiceNamespace,
                ResourceId: t.ResourceId,
                ScalableDimension: t.ScalableDimension,
                MinCapacity: t.MinCapacity,
                MaxCapacity: t.MaxCapacity,
            })),
        ),
        "DescribeScalingPolicies": await outcome(async () =>
            ((await c.aas.send(new DescribeScalingPoliciesCommand({ ServiceNamespace: ns, ResourceId: TARGET }))).ScalingPolicies ?? []).map((p) => ({
                PolicyName: p.PolicyName,
                ResourceId: p.ResourceId,
                PolicyType: p.PolicyType,
                TargetTrackingScalingPolicyConfiguration: p.TargetTrackingScalingPolicyConfiguration,
            })),
        ),
        "DescribeScheduledActions": await outcome(async () =>
            ((await c.aas.send(new DescribeScheduledActionsCommand({ ServiceNamespace: ns, ResourceId: TARGET }))).ScheduledActions ?? [])
                .map((a) => ({ ScheduledActionName: a.ScheduledActionName, ResourceId: a.ResourceId, Schedule: a.Schedule, Timezone: a.Timezone, ScalableTargetAction: a.ScalableTargetAction }))
                .sort((a, b) => String(a.ScheduledActionName).localeCompare(String(b.ScheduledActionName))),
        ),
        "DescribeScalingActivities": await outcome(async () => (await c.aas.send(new DescribeScalingActivitiesCommand({ ServiceNamespace: ns, ResourceId: OTHER_TARGET }))).ScalingActivities),
        "DeregisterScalableTarget (not registered)": await outcome(() => c.aas.send(new DeregisterScalableTargetCommand({ ServiceNamespace: ns, ScalableDimension: DIMENSION, ResourceId: OTHER_TARGET })).then(() => "deregistered")),
        "GetRole": await outcome(async () => {
            const role = (await c.iam.send(new GetRoleCommand({ RoleName: "warmer-role-1234567" }))).Role;
            return { RoleName: role?.RoleName, Path: role?.Path, Arn: role?.Arn, AssumeRolePolicyDocument: JSON.parse(decodeURIComponent(role?.AssumeRolePolicyDocument ?? "null")) as unknown };
        }),
        "GetRole (missing)": await outcome(() => c.iam.send(new GetRoleCommand({ RoleName: "missing-role" })).then(() => "found")),
        "DescribeRule": await outcome(async () => {
            const r = await c.events.send(new DescribeRuleCommand({ Name: "warmer-schedule-1234567" }));
            return { Name: r.Name, Arn: r.Arn, ScheduleExpression: r.ScheduleExpression, State: r.State, Description: r.Description, EventBusName: r.EventBusName };
        }),
        "DescribeRule (missing)": await outcome(() => c.events.send(new DescribeRuleCommand({ Name: "missing-rule" })).then(() => "found")),
        "DescribeAlarms": await outcome(async () =>
            ((await c.cloudwatch.send(new DescribeAlarmsCommand({ AlarmNames: ["api-spillover", "api-ceiling", "missing-alarm"] }))).MetricAlarms ?? [])
                .map((a) => ({
                    AlarmName: a.AlarmName,
                    Namespace: a.Namespace,
                    MetricName: a.MetricName,
                    Dimensions: a.Dimensions,
                    Statistic: a.Statistic,
                    Period: a.Period,
                    EvaluationPeriods: a.EvaluationPeriods,
                    Threshold: a.Threshold,
                    ComparisonOperator: a.ComparisonOperator,
                    TreatMissingData: a.TreatMissingData,
                    AlarmActions: a.AlarmActions,
                    OKActions: a.OKActions,
                    Metrics: a.Metrics,
                }))
                .sort((a, b) => String(a.AlarmName).localeCompare(String(b.AlarmName))),
        ),
        "ListDashboards": await outcome(async () => ((await c.cloudwatch.send(new ListDashboardsCommand({}))).DashboardEntries ?? []).map((d) => d.DashboardName)),
        "DescribeLogGroups": await outcome(async () =>
            ((await c.logs.send(new DescribeLogGroupsCommand({ logGroupNamePrefix: GROUP }))).logGroups ?? []).map((g) => ({ logGroupName: g.logGroupName, retentionInDays: g.retentionInDays })),
        ),
        "FilterLogEvents": await outcome(async () =>
            ((await c.logs.send(new FilterLogEventsCommand({ logGroupName: GROUP, startTime: NOW, filterPattern: '"InstancesReached"' }))).events ?? []).map((e) => ({
                message: e.message,
                timestamp: e.timestamp,
            })),
        ),
        "FilterLogEvents (missing group)": await outcome(() => c.logs.send(new FilterLogEventsCommand({ logGroupName: "missing-group" })).then(() => "found")),
    };
}

const ALARM_DIMENSIONS = [{ Name: "FunctionName", Value: FN }];
const metricStat = (MetricName: string) => ({ Metric: { Namespace: "AWS/Lambda", MetricName, Dimensions: ALARM_DIMENSIONS }, Period: 60, Stat: "Maximum" });

/** The reads on which the stand-in and moto agree. */
const BOTH: Readonly<Record<string, unknown>> = {
    DescribeScalableTargets: [{ ServiceNamespace: "lambda", ResourceId: TARGET, ScalableDimension: DIMENSION, MinCapacity: 1, MaxCapacity: 4 }],
    DescribeScalingPolicies: [
        {
            PolicyName: "tracking",
            ResourceId: TARGET,
            PolicyType: "TargetTrackingScaling",
            TargetTrackingScalingPolicyConfiguration: {
                TargetValue: 0.7,
                PredefinedMetricSpecification: { PredefinedMetricType: "LambdaProvisionedConcurrencyUtilization" },
                ScaleOutCooldown: 0,
                ScaleInCooldown: 600,
            },
        },
    ],
    // Timezone as given (none for raise-min: "If a time zone is not provided, UTC is used by default", API reference).
    DescribeScheduledActions: [
        { ScheduledActionName: "open", ResourceId: TARGET, Schedule: "cron(0 8 ? * MON-FRI *)", Timezone: "Europe/Paris", ScalableTargetAction: { MinCapacity: 10, MaxCapacity: 50 } },
        { ScheduledActionName: "raise-min", ResourceId: TARGET, Schedule: "at(2026-12-01T12:03:00)", Timezone: undefined, ScalableTargetAction: { MinCapacity: 3 } },
    ],
    GetRole: { RoleName: "warmer-role-1234567", Path: "/", Arn: "arn:aws:iam::123456789012:role/warmer-role-1234567", AssumeRolePolicyDocument: JSON.parse(ROLE_POLICY) as unknown },
    DescribeRule: {
        Name: "warmer-schedule-1234567",
        Arn: "arn:aws:events:us-east-1:123456789012:rule/warmer-schedule-1234567",
        ScheduleExpression: "rate(5 minutes)",
        State: "ENABLED",
        Description: "Warm-up pings",
        EventBusName: "default",
    },
    DescribeAlarms: [
        {
            AlarmName: "api-ceiling",
            Namespace: undefined,
            MetricName: undefined,
            Dimensions: [],
            Statistic: undefined,
            Period: undefined,
            EvaluationPeriods: 3,
            Threshold: 0.9,
            ComparisonOperator: "GreaterThanOrEqualToThreshold",
            TreatMissingData: undefined,
            AlarmActions: [],
            OKActions: [],
            Metrics: [
                { Id: "utilization", Expression: "used / provisioned", Label: "Utilization", ReturnData: true },
                { Id: "used", MetricStat: metricStat("ProvisionedConcurrentExecutions"), ReturnData: false },
                { Id: "provisioned", MetricStat: metricStat("ProvisionedConcurrencyUtilization"), ReturnData: false },
            ],
        },
        {
            AlarmName: "api-spillover",
            Namespace: "AWS/Lambda",
            MetricName: "ProvisionedConcurrencySpilloverInvocations",
            Dimensions: [...ALARM_DIMENSIONS, { Name: "Resource", Value: `${FN}:live` }],
            Statistic: "Sum",
            Period: 60,
            EvaluationPeriods: 1,
            Threshold: 0,
            ComparisonOperator: "GreaterThanThreshold",
            TreatMissingData: "notBreaching",
            AlarmActions: [TOPIC],
            OKActions: [TOPIC],
            Metrics: [],
        },
    ],
    ListDashboards: ["lambda-concurrency-acc-api"],
    DescribeLogGroups: [{ logGroupName: GROUP, retentionInDays: 14 }],
    // Since startTime, with the quoted term: the older report and the START line are left out.
    FilterLogEvents: [{ message: '{"_aws":{},"FunctionName":"fn","Requested":3,"InstancesReached":3}', timestamp: NOW + 1_000 }],
    "FilterLogEvents (missing group)": { error: "ResourceNotFoundException", message: "The specified log group does not exist." },
};

/**
 * The reads where moto answers otherwise than AWS, with the source that says what AWS answers; and the one moto does
 * not answer at all (`unchecked`: the stand-in's answer is only asserted, not checked by another implementation).
 */
const MOTO_IS_WRONG: Readonly<Record<string, { standIn: unknown; moto: unknown; why: string; unchecked?: true }>> = {
    DescribeScalingActivities: {
        unchecked: true,
        why: "moto 5.2.1 does not implement DescribeScalingActivities (its applicationautoscaling/responses.py has no such handler) and answers a 500 HTML page",
        moto: {
            error: "SyntaxError",
            message: `Unexpected token '<', "<!doctype "... is not valid JSON\n  Deserialization error: to see the raw response, inspect the hidden field {error}.$response on this object.`,
        },
        // Registering the version that `live` (with its configuration) points at asks Lambda for a second
        // configuration of that version, which Lambda refuses (aws-model.ts); AAS reports it as a failed activity.
        standIn: [
            {
                ActivityId: "a1fdac87f72e54e005c930dd67a1440ede19",
                ServiceNamespace: "lambda",
                ResourceId: OTHER_TARGET,
                ScalableDimension: DIMENSION,
                Description: "Setting desired concurrency to 1.",
                Cause: "the stand-in set the capacity (registration bounds or target tracking)",
                StartTime: new Date(NOW),
                EndTime: new Date(NOW),
                StatusCode: "Failed",
                StatusMessage: "AAS:PutProvisionedConcurrencyConfig: ResourceConflictException: Version is pointed by a Provisioned Concurrency alias",
            },
        ],
    },
    "DeregisterScalableTarget (not registered)": {
        why: "the API reference lists ObjectNotFoundException for a target that is not registered (DeregisterScalableTarget, Errors), as AWS answers it (eagletmt/hako#69); moto answers ValidationException",
        moto: { error: "ValidationException", message: `No scalable target found for service namespace: lambda, resource ID: ${OTHER_TARGET}, scalable dimension: ${DIMENSION}` },
        standIn: { error: "ObjectNotFoundException", message: `No scalable target registered for service namespace: lambda, resource ID: ${OTHER_TARGET}, scalable dimension: ${DIMENSION}` },
    },
    "GetRole (missing)": {
        why: 'IAM says "The role with name NAME cannot be found." (quoted from AWS in jarpy/lambkin#3 and aws/amazon-sagemaker-examples#2300); moto words it its own way',
        moto: { error: "NoSuchEntityException", message: "Role missing-role not found" },
        standIn: { error: "NoSuchEntityException", message: "The role with name missing-role cannot be found." },
    },
    "DescribeRule (missing)": {
        why: 'EventBridge names the event bus: "Rule NAME does not exist on EventBus default." (quoted from AWS in turbot/steampipe-plugin-aws#1591); moto leaves it out',
        moto: { error: "ResourceNotFoundException", message: "Rule missing-rule does not exist." },
        standIn: { error: "ResourceNotFoundException", message: "Rule missing-rule does not exist on EventBus default." },
    },
};

describe("the stand-in's AWS API against moto (an independent implementation of the same APIs)", function () {
    this.timeout(120_000);
    let moto: ChildProcess | undefined;
    let endpoint: AwsEndpoint | undefined;
    const opened: Clients[] = [];
    let fromMoto: Record<string, unknown>;
    let fromStandIn: Record<string, unknown>;

    before(async function () {
        const missing = motoMissing();
        if (missing !== undefined) {
            console.log(`    skipped: ${missing}`);
            this.skip();
        }
        const port = await freePort();
        const url = `http://127.0.0.1:${port}`;
        moto = spawn("python3", ["-m", "moto.server", "-H", "127.0.0.1", "-p", String(port)], { stdio: "ignore" });
        await waitForMoto(url, moto);
        const aws = new AwsModel();
        aws.addFunction(FN, { versions: ["1"], aliases: { live: "1" } });
        endpoint = await AwsEndpoint.start({ aws, start: new Date(NOW) });
        const [m, s] = [clients(url), clients(endpoint.url)];
        opened.push(m, s);
        await createObjects(m);
        await createObjects(s);
        fromMoto = await reads(m);
        fromStandIn = await reads(s);
    });

    after(async () => {
        for (const c of opened) {
            Object.values(c).forEach((client) => client.destroy());
        }
        await endpoint?.close();
        if (moto?.pid !== undefined && moto.exitCode === null) {
            process.kill(moto.pid);
        }
    });

    // What both answer (what AWS answers, as far as the API references say).
    for (const [read, expected] of Object.entries(BOTH)) {
        it(`${read}: the stand-in answers as moto does`, () => {
            expect(fromStandIn[read], "the stand-in").to.deep.equal(expected);
            expect(fromMoto[read], "moto").to.deep.equal(expected);
        });
    }

    // Where moto differs from AWS: the stand-in answers as AWS does, and moto's answer is recorded, so that a moto
    // that changes shows here.
    for (const [read, { standIn, moto: motoAnswer, why, unchecked }] of Object.entries(MOTO_IS_WRONG)) {
        const title = unchecked === true ? `${read}: unchecked by moto (${why}); the stand-in's answer` : `${read}: moto differs from AWS (${why}); the stand-in answers as AWS does`;
        it(title, () => {
            expect(fromStandIn[read], "the stand-in").to.deep.equal(standIn);
            expect(fromMoto[read], "moto").to.deep.equal(motoAnswer);
        });
    }

    it("compares every read", () => {
        expect(Object.keys(fromStandIn).sort()).to.deep.equal([...Object.keys(BOTH), ...Object.keys(MOTO_IS_WRONG)].sort());
    });
});
