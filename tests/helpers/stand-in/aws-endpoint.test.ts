// The AWS stand-in's API endpoint on its own (no Pulumi engine): the real SDK v3 clients against it, over an AwsModel
// set up by hand. The whole acceptance run against it is tests/engine/acceptance.engine.ts; its answers are checked
// against moto in tests/engine/moto-differential.engine.ts.
import { expect } from "chai";
import * as path from "path";
import { ApplicationAutoScalingClient, DescribeScalingActivitiesCommand } from "@aws-sdk/client-application-auto-scaling";
import { CloudWatchLogsClient, FilterLogEventsCommand } from "@aws-sdk/client-cloudwatch-logs";
import {
    DeleteProvisionedConcurrencyConfigCommand,
    GetProvisionedConcurrencyConfigCommand,
    InvokeCommand,
    LambdaClient,
    ListProvisionedConcurrencyConfigsCommand,
    PutProvisionedConcurrencyConfigCommand,
} from "@aws-sdk/client-lambda";
import { runtimeLibraryAssets } from "../../../programs/runtime-library";
import { startAllocation } from "./allocation";
import { AwsModel } from "../lifecycle/aws-model";
import { TYPES } from "../lifecycle/types";
import { AwsEndpoint, STAND_IN_CREDENTIALS } from "./aws-endpoint";
import { firingsBetween } from "./aws-time";
import { matchesFilterPattern } from "./logs-service";

const START = new Date("2026-12-01T12:00:00Z");
const SIG = "4dabf18193072939515e22adb298388d";

/** A deployed code archive as the engine sends it: index.js with `source`. */
function archive(source: string): Record<string, unknown> {
    return { [SIG]: "0def7320c3a5731c473e5ecbe6d01bc7", assets: { "index.js": { [SIG]: "c44067f5952c0a294b673a41bacd8c17", text: source } } };
}

/** Answers its environment's initialization type, function and version, after holding the request `holdMs`. */
const REPORTS_INIT_TYPE = `exports.handler = async (event) => {
    const reply = { type: process.env.AWS_LAMBDA_INITIALIZATION_TYPE, fn: process.env.AWS_LAMBDA_FUNCTION_NAME, version: process.env.AWS_LAMBDA_FUNCTION_VERSION };
    await new Promise((resolve) => setTimeout(resolve, event.holdMs || 0));
    return reply;
};`;

/** Function `api` (versions 1 and 2, alias live -> 1), deployed from `code`. */
function account(code = REPORTS_INIT_TYPE): AwsModel {
    const aws = new AwsModel();
    aws.create(TYPES.function, { name: "api", handler: "index.handler", publish: true, code: archive(code) });
    aws.publishVersion("api");
    aws.create(TYPES.alias, { functionName: "api", name: "live", functionVersion: "1" });
    return aws;
}

async function thrown(call: () => Promise<unknown>): Promise<{ name: string; message: string }> {
    try {
        await call();
    } catch (error) {
        const e = error as { name: string; message: string };
        return { name: e.name, message: e.message };
    }
    throw new Error("expected the call to fail");
}

describe("the AWS stand-in's API endpoint", function () {
    this.timeout(20_000);
    let endpoint: AwsEndpoint;
    let aws: AwsModel;
    const config = () => ({ region: "us-east-1", endpoint: endpoint.url, credentials: STAND_IN_CREDENTIALS, maxAttempts: 1 });

    async function start(model: AwsModel): Promise<void> {
        aws = model;
        endpoint = await AwsEndpoint.start({ aws, start: START });
    }

    afterEach(async () => {
        await endpoint?.close();
    });

    it("answers an operation it does not implement with a 400 that names it, in each protocol", async () => {
        await start(new AwsModel());
        const json = await fetch(endpoint.url, { method: "POST", headers: { "x-amz-target": "AnyScaleFrontendService.ListTagsForResource", "content-type": "application/x-amz-json-1.1" }, body: "{}" });
        expect([json.status, await json.json()]).to.deep.equal([400, { __type: "UnknownOperationException", message: "the AWS stand-in does not implement AnyScaleFrontendService.ListTagsForResource" }]);
        const rest = await fetch(`${endpoint.url}/2015-03-31/functions/api/configuration`);
        expect([rest.status, rest.headers.get("x-amzn-errortype"), ((await rest.json()) as { message: string }).message]).to.deep.equal([
            400,
            "UnknownOperationException",
            "the AWS stand-in does not implement Lambda GET /2015-03-31/functions/api/configuration",
        ]);
        const query = await fetch(endpoint.url, { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded" }, body: "Action=ListRoles&Version=2010-05-08" });
        const xml = await query.text();
        expect([query.status, /<Code>(.*)<\/Code>/.exec(xml)?.[1], /<Message>(.*)<\/Message>/.exec(xml)?.[1]]).to.deep.equal([
            400,
            "InvalidAction",
            "the AWS stand-in does not implement the IAM action ListRoles",
        ]);
        expect(endpoint.requests).to.deep.equal([
            { service: "application-autoscaling", operation: "ListTagsForResource" },
            { service: "lambda", operation: "GET /2015-03-31/functions/api/configuration" },
            { service: "iam", operation: "ListRoles" },
        ]);
    });

    it("puts, reads, lists and deletes provisioned concurrency through the model, with Lambda's errors", async () => {
        await start(account());
        const lambda = new LambdaClient(config());
        try {
            await lambda.send(new PutProvisionedConcurrencyConfigCommand({ FunctionName: "api", Qualifier: "live", ProvisionedConcurrentExecutions: 2 }));
            expect(aws.provisionedConcurrencyConfigs()).to.deep.equal([{ functionName: "api", qualifier: "live", count: 2 }]);
            const got = await lambda.send(new GetProvisionedConcurrencyConfigCommand({ FunctionName: "arn:aws:lambda:us-east-1:123456789012:function:api", Qualifier: "live" }));
            expect([got.Status, got.RequestedProvisionedConcurrentExecutions, got.AllocatedProvisionedConcurrentExecutions, got.LastModified]).to.deep.equal(["READY", 2, 2, "2026-12-01T12:00:00.000+0000"]);
            const listed = await lambda.send(new ListProvisionedConcurrencyConfigsCommand({ FunctionName: "api" }));
            expect(listed.ProvisionedConcurrencyConfigs?.map((c) => [c.FunctionArn, c.Status])).to.deep.equal([["arn:aws:lambda:us-east-1:123456789012:function:api:live", "READY"]]);
            // Lambda's refusals reach the SDK by name.
            expect(await thrown(() => lambda.send(new PutProvisionedConcurrencyConfigCommand({ FunctionName: "api", Qualifier: "1", ProvisionedConcurrentExecutions: 1 })))).to.deep.equal({
                name: "ResourceConflictException",
                message: "Version is pointed by a Provisioned Concurrency alias",
            });
            expect(await thrown(() => lambda.send(new GetProvisionedConcurrencyConfigCommand({ FunctionName: "api", Qualifier: "2" })))).to.deep.equal({
                name: "ProvisionedConcurrencyConfigNotFoundException",
                message: "No Provisioned Concurrency Config found for this function",
            });
            expect(await thrown(() => lambda.send(new ListProvisionedConcurrencyConfigsCommand({ FunctionName: "gone" })))).to.deep.equal({
                name: "ResourceNotFoundException",
                message: "Function not found: arn:aws:lambda:us-east-1:123456789012:function:gone",
            });
            await lambda.send(new DeleteProvisionedConcurrencyConfigCommand({ FunctionName: "api", Qualifier: "live" }));
            expect(aws.provisionedConcurrencyConfigs()).to.deep.equal([]);
        } finally {
            lambda.destroy();
        }
    });

    it("refuses provisioned concurrency on an alias with weights, as Lambda does", async () => {
        await start(account());
        aws.update(TYPES.alias, undefined, {}, { functionName: "api", name: "live", functionVersion: "2", routingConfig: { additionalVersionWeights: { "1": 0.5 } } });
        const lambda = new LambdaClient(config());
        try {
            expect(await thrown(() => lambda.send(new PutProvisionedConcurrencyConfigCommand({ FunctionName: "api", Qualifier: "live", ProvisionedConcurrentExecutions: 2 })))).to.deep.equal({
                name: "InvalidParameterValueException",
                message: "Alias with weights can not be used with Provisioned Concurrency",
            });
        } finally {
            lambda.destroy();
        }
    });

    it("runs the deployed code: an alias or version with provisioned concurrency answers from provisioned environments, the rest on demand", async () => {
        await start(account());
        aws.create(TYPES.provisionedConcurrencyConfig, { functionName: "api", qualifier: "1", provisionedConcurrentExecutions: 1 });
        const lambda = new LambdaClient(config());
        const invoke = async (qualifier?: string, holdMs = 0) => {
            const reply = await lambda.send(new InvokeCommand({ FunctionName: "api", Qualifier: qualifier, Payload: Buffer.from(JSON.stringify({ holdMs })) }));
            return JSON.parse(Buffer.from(reply.Payload ?? new Uint8Array()).toString("utf8")) as unknown;
        };
        try {
            // The alias points at version 1, whose configuration serves it; $LATEST has none.
            expect(await invoke("live")).to.deep.equal({ type: "provisioned-concurrency", fn: "api", version: "1" });
            expect(await invoke("1")).to.deep.equal({ type: "provisioned-concurrency", fn: "api", version: "1" });
            expect(await invoke()).to.deep.equal({ type: "on-demand", fn: "api", version: "$LATEST" });
            expect(await invoke("2")).to.deep.equal({ type: "on-demand", fn: "api", version: "2" });
            // Requests beyond the provisioned environments spill over to on-demand ones.
            const both = await Promise.all([invoke("live", 300), invoke("live", 300)]);
            expect(both.map((b) => (b as { type: string }).type).sort()).to.deep.equal(["on-demand", "provisioned-concurrency"]);
            expect(process.env.AWS_LAMBDA_INITIALIZATION_TYPE).to.equal(undefined);
        } finally {
            lambda.destroy();
        }
    });

    it("routes nothing to a configuration still allocating (startAllocation), and logs what a handler writes as it starts", async () => {
        const coldStartMetric = `
            const { withWarmup } = require("lambda-concurrency-runtime");
            exports.handler = withWarmup(async () => ({ type: process.env.AWS_LAMBDA_INITIALIZATION_TYPE }), { coldStartMetric: true });`;
        // Function api with the runtime library beside its code, as users bundle it (programs/runtime-library.ts).
        const assets: Record<string, unknown> = { "index.js": { [SIG]: "c44067f5952c0a294b673a41bacd8c17", text: coldStartMetric } };
        for (const [name, asset] of Object.entries(runtimeLibraryAssets())) {
            assets[name] = { [SIG]: "c44067f5952c0a294b673a41bacd8c17", text: await (asset as unknown as { text: Promise<string> }).text };
        }
        const model = new AwsModel();
        const code = { [SIG]: "0def7320c3a5731c473e5ecbe6d01bc7", assets };
        model.create(TYPES.function, { name: "api", handler: "index.handler", publish: true, loggingConfig: { logGroup: "api-logs" }, code });
        model.create(TYPES.logGroup, { name: "api-logs" });
        model.publishVersion("api");
        model.create(TYPES.alias, { functionName: "api", name: "live", functionVersion: "1" });
        await start(model);
        aws.create(TYPES.provisionedConcurrencyConfig, { functionName: "api", qualifier: "live", provisionedConcurrentExecutions: 1 });
        startAllocation(aws, "api", "live", 300);
        const lambda = new LambdaClient(config());
        const logs = new CloudWatchLogsClient(config());
        const invoke = async (): Promise<unknown> =>
            JSON.parse(Buffer.from((await lambda.send(new InvokeCommand({ FunctionName: "api", Qualifier: "live", Payload: Buffer.from("{}") }))).Payload ?? new Uint8Array()).toString("utf8"));
        try {
            expect(await invoke()).to.deep.equal({ type: "on-demand" });
            await new Promise((resolve) => setTimeout(resolve, 400));
            expect(await invoke()).to.deep.equal({ type: "provisioned-concurrency" });
            const found = await logs.send(new FilterLogEventsCommand({ logGroupName: "api-logs", startTime: START.getTime(), filterPattern: '"ColdStart"' }));
            // One cold start: the on-demand environment's first request; none on the provisioned one.
            expect((found.events ?? []).map((e) => (JSON.parse(e.message ?? "{}") as { ColdStart?: number; function_name?: string }).ColdStart)).to.deep.equal([1]);
        } finally {
            lambda.destroy();
            logs.destroy();
        }
    });

    it("lets time pass: a due scheduled action runs; a failed one is a scaling activity the SDK reads", async () => {
        await start(account());
        const rid = "function:api:live";
        aws.create(TYPES.scalableTarget, { serviceNamespace: "lambda", scalableDimension: "lambda:function:ProvisionedConcurrency", resourceId: rid, minCapacity: 1, maxCapacity: 1 });
        aws.create(TYPES.scheduledAction, { name: "raise-min", resourceId: rid, schedule: "at(2026-12-01T12:03:00)", scalableTargetAction: { minCapacity: 3 } });
        aws.create(TYPES.scheduledAction, { name: "evening", resourceId: rid, schedule: "cron(0 18 * * ? *)", timezone: "Europe/Paris", scalableTargetAction: { minCapacity: 1, maxCapacity: 1 } });
        await endpoint.passTime(2 * 60_000);
        expect(endpoint.happened).to.deep.equal([]);
        await endpoint.passTime(60_000);
        // 18:00 in Paris is 17:00 UTC, five hours later.
        await endpoint.passTime(5 * 3_600_000);
        expect(endpoint.happened).to.deep.equal([
            "2026-12-01T12:03:00.000Z scheduled action raise-min on function:api:live: bounds 1-1; Failed (capacity 3: Minimum capacity cannot be greater than maximum capacity)",
            "2026-12-01T17:00:00.000Z scheduled action evening on function:api:live: bounds 1-1",
        ]);
        expect(endpoint.now()).to.deep.equal(new Date("2026-12-01T17:03:00Z"));
        const client = new ApplicationAutoScalingClient(config());
        try {
            const activities = (await client.send(new DescribeScalingActivitiesCommand({ ServiceNamespace: "lambda", ResourceId: rid }))).ScalingActivities ?? [];
            expect(activities.map((a) => [a.StatusCode, a.Cause, a.Description, a.StatusMessage, a.StartTime?.toISOString()])).to.deep.equal([
                [
                    "Failed",
                    "scheduled action name raise-min was triggered",
                    "Setting min capacity to 3 and max capacity to 1",
                    "Minimum capacity cannot be greater than maximum capacity",
                    "2026-12-01T12:03:00.000Z",
                ],
                ["Successful", "the stand-in set the capacity (registration bounds or target tracking)", "Setting desired concurrency to 1.", undefined, "2026-12-01T12:00:00.000Z"],
            ]);
        } finally {
            client.destroy();
        }
    });

    it("fires a rule on a Lambda target only with the function's permission for it, and writes the warmer's report where FilterLogEvents finds it", async () => {
        const warmed = `
            const { withWarmup } = require("lambda-concurrency-runtime");
            exports.handler = withWarmup(async () => ({ statusCode: 200 }));`;
        const model = account();
        const runtime = path.resolve(__dirname, "..", "..", "..", "runtime");
        // The warmed function bundles the runtime library as users do (programs/warmer.ts).
        const assets: Record<string, unknown> = { "index.js": { [SIG]: "c44067f5952c0a294b673a41bacd8c17", text: warmed } };
        for (const [name, asset] of Object.entries(runtimeLibraryAssets())) {
            assets[name] = { [SIG]: "c44067f5952c0a294b673a41bacd8c17", text: await (asset as unknown as { text: Promise<string> }).text };
        }
        model.create(TYPES.function, { name: "warmed", handler: "index.handler", code: { [SIG]: "0def7320c3a5731c473e5ecbe6d01bc7", assets } });
        model.create(TYPES.function, {
            name: "warmer",
            handler: "index.handler",
            loggingConfig: { logGroup: "warmer-logs" },
            code: { [SIG]: "0def7320c3a5731c473e5ecbe6d01bc7", assets: { "index.js": { [SIG]: "c44067f5952c0a294b673a41bacd8c17", path: path.join(runtime, "warmer-function.js") } } },
        });
        model.create(TYPES.logGroup, { name: "warmer-logs" });
        model.create(TYPES.eventRule, { name: "schedule", scheduleExpression: "rate(5 minutes)", state: "ENABLED" });
        const plan = JSON.stringify({ targets: [{ functionName: "warmed", concurrency: 2 }] });
        model.create(TYPES.eventTarget, { rule: "schedule", targetId: "plan", arn: "arn:aws:lambda:us-east-1:123456789012:function:warmer", input: plan });
        await start(model);
        await endpoint.passTime(5 * 60_000);
        aws.create(TYPES.permission, { function: "warmer", statementId: "events", action: "lambda:InvokeFunction", principal: "events.amazonaws.com", sourceArn: "arn:aws:events:us-east-1:123456789012:rule/schedule" });
        await endpoint.passTime(5 * 60_000);
        expect(endpoint.happened).to.deep.equal([
            "2026-12-01T12:05:00.000Z rule schedule: plan: not invoked (warmer has no permission for this rule)",
            "2026-12-01T12:10:00.000Z rule schedule: plan: warmer ran: 2 of 2 instances reached; 1 line(s) logged to warmer-logs",
        ]);
        const logs = new CloudWatchLogsClient(config());
        try {
            const found = await logs.send(new FilterLogEventsCommand({ logGroupName: "warmer-logs", startTime: START.getTime(), filterPattern: '"InstancesReached"' }));
            const report = JSON.parse(found.events?.[0].message ?? "{}") as Record<string, unknown>;
            expect([found.events?.length, found.events?.[0].timestamp, report.FunctionName, report.Requested, report.InstancesReached, report.Errors]).to.deep.equal([
                1,
                Date.parse("2026-12-01T12:10:00Z"),
                "warmed",
                2,
                2,
                0,
            ]);
        } finally {
            logs.destroy();
        }
    });

    describe("schedules and filter patterns", () => {
        it("fires rate schedules one period after their origin, cron and at() on the wall clock, within (from, to]", () => {
            const at = (iso: string) => Date.parse(iso);
            const noon = at("2026-12-01T12:00:00Z");
            expect(firingsBetween("rate(5 minutes)", "UTC", {}, noon, noon, at("2026-12-01T12:15:00Z"))).to.deep.equal([at("2026-12-01T12:05:00Z"), at("2026-12-01T12:10:00Z"), at("2026-12-01T12:15:00Z")]);
            expect(firingsBetween("rate(5 minutes)", "UTC", {}, noon, at("2026-12-01T12:05:00Z"), at("2026-12-01T12:09:59Z"))).to.deep.equal([]);
            expect(firingsBetween("cron(0 8 ? * MON-FRI *)", "Europe/Paris", {}, noon, noon, at("2026-12-02T12:00:00Z"))).to.deep.equal([at("2026-12-02T07:00:00Z")]);
            expect(firingsBetween("at(2026-12-01T12:03:00)", "UTC", {}, noon, noon, at("2026-12-01T12:03:00Z"))).to.deep.equal([at("2026-12-01T12:03:00Z")]);
            expect(firingsBetween("at(2026-12-01T12:03:00)", "UTC", {}, noon, at("2026-12-01T12:03:00Z"), at("2026-12-01T13:00:00Z"))).to.deep.equal([]);
        });

        it("matches terms, quoted phrases and exclusions, case-sensitively, and refuses the rest", () => {
            const line = '{"_aws":{},"FunctionName":"api","InstancesReached":3}';
            expect(['"InstancesReached"', "InstancesReached api", "", '-"Errors" api'].map((p) => matchesFilterPattern(p, line))).to.deep.equal([true, true, true, true]);
            expect(["instancesreached", '"Instances Reached"', "-api"].map((p) => matchesFilterPattern(p, line))).to.deep.equal([false, false, false]);
            expect(() => matchesFilterPattern("{ $.FunctionName = api }", line)).to.throw("the AWS stand-in matches plain terms only, not the pattern { $.FunctionName = api }");
        });
    });
});
