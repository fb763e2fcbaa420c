// LambdaWarmer under the shared mocks: every resource, its inputs and names, the policies, and the edge cases.
import { expect } from "chai";
import * as pulumi from "@pulumi/pulumi";
import * as fs from "fs";
import { FixedConcurrency, LambdaWarmer, LambdaWarmerArgs, UtilizationScaling } from "../../components";
import { warmerCodePath } from "../../components/warmer";
import { autoName, RecordedResource } from "../../testing/mock-aws";
import { TEST_PROJECT, TEST_STACK, mocks, ofType, rejectionMessage, resetProgram, settled, testFunction, urnOf, valueOf } from "../helpers/pulumi";
import { hashedName } from "../../components/physical-name";

const WARMER = "lambda-concurrency:index:LambdaWarmer";
const T = {
    role: "aws:iam/role:Role",
    rolePolicy: "aws:iam/rolePolicy:RolePolicy",
    policy: "aws:iam/policy:Policy",
    attachment: "aws:iam/rolePolicyAttachment:RolePolicyAttachment",
    logGroup: "aws:cloudwatch/logGroup:LogGroup",
    fn: "aws:lambda/function:Function",
    invokeConfig: "aws:lambda/functionEventInvokeConfig:FunctionEventInvokeConfig",
    rule: "aws:cloudwatch/eventRule:EventRule",
    permission: "aws:lambda/permission:Permission",
    target: "aws:cloudwatch/eventTarget:EventTarget",
    invocation: "aws:lambda/invocation:Invocation",
};

function only(resources: RecordedResource[], type: string): RecordedResource {
    const found = ofType(resources, type);
    expect(found, type).to.have.length(1);
    return found[0];
}

function statements(document: unknown): { Action: unknown; Resource: unknown }[] {
    return (JSON.parse(String(document)) as { Statement: { Action: unknown; Resource: unknown }[] }).Statement;
}

function thrownMessage(fn: () => unknown): string {
    try {
        fn();
    } catch (error) {
        expect(error).to.be.instanceOf(pulumi.ResourceError);
        return (error as Error).message;
    }
    throw new Error("expected an error");
}

describe("LambdaWarmer", () => {
    beforeEach(resetProgram);

    it("creates the warmer, its role, policies, log group, schedule, permission and no-retry config", async () => {
        const api = testFunction("api", { publish: true });
        const warmer = new LambdaWarmer("warm", {
            targets: [{ functionName: api.name, qualifier: "live", concurrency: 3 }, { functionName: "jobs" }],
        });
        const resources = await settled();
        const parent = urnOf(WARMER, "warm");
        expect(resources.filter((r) => r.parent === parent).map((r) => [r.type, r.name]).sort()).to.deep.equal(
            [
                [T.role, "warm-role"],
                [T.logGroup, "warm-logs"],
                [T.rolePolicy, "warm-logs"],
                [T.policy, "warm-invoke-0"],
                [T.attachment, "warm-invoke-0"],
                [T.fn, "warm"],
                [T.invokeConfig, "warm"],
                [T.rule, "warm-schedule"],
                [T.permission, "warm-schedule"],
                [T.target, "warm-plan-0"],
            ].sort(),
        );
        const apiName = autoName(T.fn, "api");
        const warmerName = autoName(T.fn, "warm");
        const roleName = autoName(T.role, "warm-role");
        const logGroupName = autoName(T.logGroup, "warm-logs");
        const ruleName = autoName(T.rule, "warm-schedule");

        const fn = ofType(resources, T.fn).find((r) => r.name === "warm") as RecordedResource;
        expect(fn.inputs).to.deep.include({
            runtime: "nodejs24.x",
            architectures: ["arm64"],
            handler: "index.handler",
            memorySize: 128,
            timeout: 60,
            role: `arn:aws:iam::123456789012:role/${roleName}`,
            loggingConfig: { logFormat: "Text", logGroup: logGroupName },
        });
        expect(only(resources, T.logGroup).inputs).to.deep.equal({ retentionInDays: 14 });
        expect(statements(only(resources, T.rolePolicy).inputs.policy)).to.deep.equal([
            {
                Sid: "WriteOwnLogs",
                Effect: "Allow",
                Action: ["logs:CreateLogStream", "logs:PutLogEvents"],
                Resource: `arn:aws:logs:us-east-1:123456789012:log-group:${logGroupName}:*`,
            },
        ]);
        expect(statements(only(resources, T.policy).inputs.policy)).to.deep.equal([
            {
                Sid: "InvokeWarmTargets",
                Effect: "Allow",
                Action: "lambda:InvokeFunction",
                Resource: [
                    `arn:aws:lambda:us-east-1:123456789012:function:${apiName}:live`,
                    "arn:aws:lambda:us-east-1:123456789012:function:jobs",
                ],
            },
        ]);
        expect(only(resources, T.attachment).inputs).to.deep.equal({
            role: roleName,
            policyArn: `arn:aws:iam::123456789012:policy/${autoName(T.policy, "warm-invoke-0")}`,
        });
        expect(only(resources, T.rule).inputs).to.deep.include({ scheduleExpression: "rate(5 minutes)", state: "ENABLED" });
        expect(only(resources, T.permission).inputs).to.deep.equal({
            action: "lambda:InvokeFunction",
            function: warmerName,
            principal: "events.amazonaws.com",
            sourceArn: `arn:aws:events:us-east-1:123456789012:rule/${ruleName}`,
        });
        const target = only(resources, T.target);
        expect(target.inputs).to.deep.include({ rule: ruleName, arn: `arn:aws:lambda:us-east-1:123456789012:function:${warmerName}`, targetId: "warm-up-plan-0" });
        expect(JSON.parse(String(target.inputs.input))).to.deep.equal({
            targets: [
                { functionName: apiName, qualifier: "live", concurrency: 3 },
                { functionName: "jobs", concurrency: 1 },
            ],
            maxParallelism: 50,
        });
        expect(only(resources, T.invokeConfig).inputs).to.deep.equal({ functionName: warmerName, maximumRetryAttempts: 0, maximumEventAgeInSeconds: 60 });
        expect(ofType(resources, T.invocation)).to.have.length(0);
        expect(warmer.prewarmInvocations).to.deep.equal([]);
        expect(mocks.outputRegistrations.get(parent)).to.equal(1);
    });

    it("never grants a wildcard resource", async () => {
        new LambdaWarmer("strict", { targets: [{ functionName: "a" }, { functionName: "arn:aws:lambda:us-east-1:123456789012:function:b", qualifier: "3" }] });
        const resources = await settled();
        // The only wildcard is the log group's own streams (log-group:NAME:*), which PutLogEvents needs.
        const logGroupName = autoName(T.logGroup, "strict-logs");
        for (const r of [...ofType(resources, T.policy), ...ofType(resources, T.rolePolicy)]) {
            for (const statement of statements(r.inputs.policy)) {
                for (const resource of ([] as unknown[]).concat(statement.Resource)) {
                    expect(resource).to.be.a("string").that.matches(/^arn:aws[a-z-]*:(lambda|logs):[a-z0-9-]+:\d{12}:/);
                    if (String(resource).includes("*")) {
                        expect(resource).to.equal(`arn:aws:logs:us-east-1:123456789012:log-group:${logGroupName}:*`);
                    }
                }
            }
        }
        expect(statements(only(resources, T.policy).inputs.policy)[0].Resource).to.deep.equal([
            "arn:aws:lambda:us-east-1:123456789012:function:a",
            "arn:aws:lambda:us-east-1:123456789012:function:b:3",
        ]);
        // The plan hands the warmer plain names: its regional client invokes in its own account and region.
        expect(JSON.parse(String(only(resources, T.target).inputs.input))).to.deep.equal({
            targets: [
                { functionName: "a", concurrency: 1 },
                { functionName: "b", qualifier: "3", concurrency: 1 },
            ],
            maxParallelism: 50,
        });
    });

    it("refuses a target of another account or region, naming both, before anything is created with it", async () => {
        const warmer = new LambdaWarmer("abroad", { targets: [{ functionName: "arn:aws:lambda:eu-west-1:444455556666:function:b", qualifier: "3" }] });
        const message = await rejectionMessage(valueOf(warmer.invokePolicies[0].policy));
        expect(message).to.contain(
            'LambdaWarmer "abroad": targets[0].functionName "arn:aws:lambda:eu-west-1:444455556666:function:b" is a function of account 444455556666, region eu-west-1, but this component\'s AWS provider works in account 123456789012, region us-east-1;',
        );
        await settled().catch(() => undefined);
        expect(ofType(mocks.resources, T.policy)).to.have.length(0);
        expect(ofType(mocks.resources, T.target)).to.have.length(0);
    });

    it("refuses warming a qualifier that has provisioned concurrency, and allows another qualifier of the function", () => {
        new FixedConcurrency("orders-live", { functionName: "orders", qualifier: "live", provisionedConcurrentExecutions: 5 });
        expect(thrownMessage(() => new LambdaWarmer("pinger", { targets: [{ functionName: "orders", qualifier: "live" }] }))).to.equal(
            'LambdaWarmer "pinger": LambdaWarmer "pinger" warms function "orders" qualifier "live", whose provisioned concurrency FixedConcurrency "orders-live" manages: provisioned environments are always initialized and need no warming, and pings would occupy them, push real requests into spillover and raise the utilization that scaling follows. Warm another qualifier of the function, or none.',
        );
        resetProgram();
        new LambdaWarmer("pinger", { targets: [{ functionName: "orders", qualifier: "live" }, { functionName: "orders" }] });
        expect(
            thrownMessage(() => new UtilizationScaling("orders-load", { functionName: "orders", qualifier: "live", maxCapacity: 5 })),
        ).to.match(/^UtilizationScaling "orders-load": LambdaWarmer "pinger" warms function "orders" qualifier "live", whose provisioned concurrency UtilizationScaling "orders-load" manages:/);
        // Another qualifier of the same function is fine.
        new FixedConcurrency("orders-blue", { functionName: "orders", qualifier: "blue", provisionedConcurrentExecutions: 1 });
    });

    it("says how many pings can be in flight at once: at most 50 per plan part, parts side by side", async () => {
        const small = new LambdaWarmer("small", { targets: [{ functionName: "a", concurrency: 3 }, { functionName: "b", concurrency: 2 }] });
        const targets = Array.from({ length: 61 }, (_, i) => ({ functionName: `fn-${i}`, concurrency: 2 }));
        const large = new LambdaWarmer("large", { targets });
        expect(await valueOf(small.maxPingsInFlight)).to.equal(5);
        // 61 targets: parts of 30, 30 and 1 target, 60, 60 and 2 pings: 50 + 50 + 2.
        expect(await valueOf(large.maxPingsInFlight)).to.equal(102);
        await settled();
    });

    it("passes its settings: schedule, concurrency, memory, timeout, architecture, retention", async () => {
        new LambdaWarmer("tuned", {
            targets: [{ functionName: "api", qualifier: "live" }],
            schedule: "cron(0/5 7-19 ? * MON-FRI *)",
            concurrency: 4,
            memorySize: 256,
            timeoutSeconds: 120,
            architecture: "x86_64",
            logRetentionInDays: 30,
        });
        const resources = await settled();
        expect(only(resources, T.rule).inputs.scheduleExpression).to.equal("cron(0/5 7-19 ? * MON-FRI *)");
        expect(only(resources, T.fn).inputs).to.deep.include({ memorySize: 256, timeout: 120, architectures: ["x86_64"] });
        expect(only(resources, T.logGroup).inputs.retentionInDays).to.equal(30);
        expect(JSON.parse(String(only(resources, T.target).inputs.input))).to.deep.equal({
            targets: [{ functionName: "api", qualifier: "live", concurrency: 4 }],
            maxParallelism: 50,
        });
    });

    it("keeps everything but disables the rule when enabled is false", async () => {
        new LambdaWarmer("off", { targets: [{ functionName: "api" }], enabled: false });
        const resources = await settled();
        expect(only(resources, T.rule).inputs.state).to.equal("DISABLED");
        expect(ofType(resources, T.fn)).to.have.length(1);
        expect(ofType(resources, T.target)).to.have.length(1);
        expect(ofType(resources, T.permission)).to.have.length(1);
    });

    it("warms at deploy time with prewarm, with the plan as input, after the function exists", async () => {
        const api = testFunction("api", { publish: true });
        const warmer = new LambdaWarmer("pre", { targets: [{ functionName: api.name, qualifier: api.version, concurrency: 2 }], prewarm: true });
        const resources = await settled();
        const invocation = only(resources, T.invocation);
        expect(invocation.name).to.equal("pre-prewarm-0");
        expect(invocation.inputs.functionName).to.equal(autoName(T.fn, "pre"));
        // The input carries the version, so publishing a new version changes it and the Invocation runs again.
        expect(JSON.parse(String(invocation.inputs.input))).to.deep.equal({
            targets: [{ functionName: autoName(T.fn, "api"), qualifier: "1", concurrency: 2 }],
            maxParallelism: 50,
        });
        expect(invocation.inputs.triggers).to.deep.equal({ versions: "" });
        expect(warmer.prewarmInvocations).to.have.length(1);
    });

    it("warms again when the version behind an alias changes, through the triggers", async () => {
        const api = testFunction("api", { publish: true });
        new LambdaWarmer("aliased", {
            targets: [{ functionName: api.name, qualifier: "live", version: api.version }, { functionName: "jobs" }],
            prewarm: true,
        });
        const invocation = only(await settled(), T.invocation);
        expect(invocation.inputs.triggers).to.deep.equal({ versions: "1," });
    });

    it("fits every name for a very long component name", async () => {
        const longName = "a-warmer-for-the-order-processing-and-billing-functions-of-the-eu-storefront-team";
        new LambdaWarmer(longName, { targets: [{ functionName: "api" }], prewarm: true });
        const resources = await settled();
        expect(ofType(resources, T.fn)[0].state.name).to.have.length.at.most(64);
        expect(only(resources, T.role).state.name).to.have.length.at.most(64);
        expect(only(resources, T.rule).state.name).to.have.length.at.most(64);
        expect(only(resources, T.role).inputs.name).to.match(/^a-warmer-for-the-order-processing-and-billing-functions-[0-9a-f]{8}$/);
        // The mocks refuse any name over its limit, so every registration having succeeded is the proof.
        expect(resources.length).to.equal(12);
    });

    it("holds 300 targets: 8 invoke policies of up to 40, 10 plan parts of 30 on 2 rules, inputs within limits", async () => {
        const targets = Array.from({ length: 300 }, (_, i) => ({ functionName: `service-${String(i).padStart(3, "0")}-handler`, qualifier: "live", concurrency: 2 }));
        const warmer = new LambdaWarmer("fleet", { targets, prewarm: true });
        const resources = await settled();
        const policies = ofType(resources, T.policy);
        expect(policies.map((p) => p.name)).to.deep.equal(Array.from({ length: 8 }, (_, i) => `fleet-invoke-${i}`));
        expect(ofType(resources, T.attachment)).to.have.length(8);
        const allowed = policies.flatMap((p) => statements(p.inputs.policy)[0].Resource as string[]);
        expect(allowed).to.have.length(300);
        expect(new Set(allowed).size).to.equal(300);
        for (const p of policies) {
            expect(String(p.inputs.policy).length).to.be.at.most(6144);
        }
        expect(ofType(resources, T.rule).map((r) => r.name)).to.deep.equal(["fleet-schedule", "fleet-schedule-1"]);
        expect(ofType(resources, T.permission)).to.have.length(2);
        const parts = ofType(resources, T.target);
        expect(parts).to.have.length(10);
        const planned = parts.flatMap((p) => (JSON.parse(String(p.inputs.input)) as { targets: { functionName: string }[] }).targets);
        expect(planned.map((t) => t.functionName)).to.deep.equal(targets.map((t) => t.functionName));
        for (const p of parts) {
            expect(String(p.inputs.input).length).to.be.at.most(8192);
        }
        expect(parts.filter((p) => p.inputs.rule === autoName(T.rule, "fleet-schedule"))).to.have.length(5);
        expect(ofType(resources, T.invocation)).to.have.length(10);
        expect(warmer.rules).to.have.length(2);
    });

    const errors: [string, Partial<LambdaWarmerArgs>, string][] = [
        ["no targets", { targets: [] }, "targets must list at least one function to warm"],
        ["401 targets", { targets: Array.from({ length: 401 }, (_, i) => ({ functionName: `f${i}` })) }, "targets lists 401 functions; one warmer holds at most 400"],
        ["a bad schedule", { schedule: "rate(0 minutes)" }, "schedule: rate(0 minutes): "],
        ["an at() schedule", { schedule: "at(2026-12-01T08:00:00)" }, "schedule: at(2026-12-01T08:00:00): "],
        ["a bad function name", { targets: [{ functionName: "my function" }] }, 'targets[0].functionName "my function" is not a valid Lambda function name'],
        ["a bad qualifier", { targets: [{ functionName: "api", qualifier: "v/1" }] }, 'targets[0].qualifier must be a version number, $LATEST or an alias name'],
        ["a concurrency of 0", { targets: [{ functionName: "api", concurrency: 0 }] }, "targets[0].concurrency must be between 1 and 50"],
        ["a default concurrency of 60", { concurrency: 60 }, "concurrency must be between 1 and 50"],
        ["a duplicate target", { targets: [{ functionName: "api", qualifier: "live" }, { functionName: "api", qualifier: "live", concurrency: 2 }] }, "targets[1] warms the same function and qualifier as targets[0]; list each once, with the concurrency you want"],
        ["too little memory", { memorySize: 64 }, "memorySize must be a whole number of MB from 128 to 10240, got 64"],
        ["a long timeout", { timeoutSeconds: 1000 }, "timeoutSeconds must be a whole number of seconds from 1 to 900, got 1000"],
        ["an unsupported retention", { logRetentionInDays: 10 }, "logRetentionInDays must be one of 0, 1, 3, 5, 7, 14,"],
        [
            "an ARN whose qualifier disagrees",
            { targets: [{ functionName: "arn:aws:lambda:us-east-1:123456789012:function:api:live", qualifier: "3" }] },
            'targets[0].functionName "arn:aws:lambda:us-east-1:123456789012:function:api:live" is qualified with "live" but targets[0].qualifier is "3"; give the unqualified ARN or make them agree',
        ],
        ["an unknown architecture", { architecture: "arm" as "arm64" }, 'architecture must be "arm64" or "x86_64", got "arm"'],
    ];
    for (const [what, override, expected] of errors) {
        it(`refuses ${what} at construction`, () => {
            const message = thrownMessage(() => new LambdaWarmer("bad", { targets: [{ functionName: "api" }], ...override }));
            expect(message.startsWith(`LambdaWarmer "bad": ${expected}`), message).to.equal(true);
        });
    }

    it("refuses a component name that AWS names could not start with", () => {
        const message = thrownMessage(() => new LambdaWarmer("my warmer", { targets: [{ functionName: "api" }] }));
        expect(message).to.equal(
            'LambdaWarmer "my warmer": the component\'s name "my warmer" may use only letters, digits, hyphens and underscores: it starts the names of the warmer\'s function, role and schedule rule',
        );
    });

    it("fits every name, also the 128-character and 100-character ones, for a 125-character component name", async () => {
        const longName = "w".repeat(125);
        new LambdaWarmer(longName, { targets: [{ functionName: "api" }], prewarm: true });
        // settled() fails if the mocks refused any name; all 12 resources must be there.
        const resources = await settled();
        expect(resources.length).to.equal(12);
        expect(String(only(resources, T.rolePolicy).inputs.name)).to.have.length(128);
        expect(String(only(resources, T.permission).inputs.statementId)).to.have.length(100);
        expect(String(only(resources, T.logGroup).state.name).length).to.be.at.most(512);
        // Cut names hash the project, stack and region with the name: the role's name is global to the account.
        expect(only(resources, T.role).inputs.name).to.equal(hashedName(`${longName}-role`, `${TEST_PROJECT}/${TEST_STACK}/us-east-1/${longName}-role`, 64));
    });

    it("checks an ARN's qualifier against the target's when they resolve", async () => {
        const warmer = new LambdaWarmer("late-arn", {
            targets: [{ functionName: pulumi.output("arn:aws:lambda:us-east-1:123456789012:function:api:live"), qualifier: "3" }],
        });
        const message = await rejectionMessage(valueOf(warmer.ruleTargets[0].input as pulumi.Output<string>));
        expect(message).to.contain('LambdaWarmer "late-arn": targets[0].functionName "arn:aws:lambda:us-east-1:123456789012:function:api:live" is qualified with "live"');
    });

    it("names the component when a policy part would pass IAM's size once names resolve", async () => {
        const targets = Array.from({ length: 40 }, (_, i) => ({ functionName: pulumi.output(`service-${i}`), qualifier: "q".repeat(100) }));
        const warmer = new LambdaWarmer("big-aliases", { targets });
        const message = await rejectionMessage(valueOf(warmer.invokePolicies[0].policy));
        expect(message).to.match(/LambdaWarmer "big-aliases": the invoke policy for 40 targets is \d+ characters, over IAM's limit of 6144 for a managed policy/);
    });

    it("checks an Output function name when it resolves", async () => {
        const warmer = new LambdaWarmer("late", { targets: [{ functionName: pulumi.output("bad name") }] });
        const message = await rejectionMessage(valueOf(warmer.ruleTargets[0].input as pulumi.Output<string>));
        expect(message).to.contain('LambdaWarmer "late": targets[0].functionName "bad name" is not a valid Lambda function name');
    });

    it("ships the warmer code from the package", () => {
        expect(fs.existsSync(warmerCodePath())).to.equal(true);
        expect(fs.readFileSync(warmerCodePath(), "utf8")).to.contain("exports");
    });
});

describe("LambdaWarmer at its limits", () => {
    beforeEach(resetProgram);

    it("gives its role a trust policy for Lambda alone: exactly lambda.amazonaws.com and sts:AssumeRole", async () => {
        new LambdaWarmer("trust", { targets: [{ functionName: "api" }] });
        const role = only(await settled(), T.role);
        expect(role.inputs).to.deep.equal({ assumeRolePolicy: role.inputs.assumeRolePolicy });
        expect(JSON.parse(String(role.inputs.assumeRolePolicy))).to.deep.equal({
            Version: "2012-10-17",
            Statement: [{ Effect: "Allow", Principal: { Service: "lambda.amazonaws.com" }, Action: "sts:AssumeRole" }],
        });
    });

    it("names every plan part of 300 targets apart: rule targets, target ids and warm-ups, 5 parts per rule", async () => {
        const targets = Array.from({ length: 300 }, (_, i) => ({ functionName: `service-${String(i).padStart(3, "0")}-handler`, qualifier: "live" }));
        const warmer = new LambdaWarmer("fleet", { targets, prewarm: true });
        const resources = await settled();
        const parts = Array.from({ length: 10 }, (_, i) => i);
        const ruleTargets = ofType(resources, T.target);
        expect(ruleTargets.map((r) => r.name)).to.deep.equal(parts.map((i) => `fleet-plan-${i}`));
        expect(ruleTargets.map((r) => r.inputs.targetId)).to.deep.equal(parts.map((i) => `warm-up-plan-${i}`));
        const firstRule = autoName(T.rule, "fleet-schedule");
        const secondRule = autoName(T.rule, "fleet-schedule-1");
        expect(ruleTargets.map((r) => r.inputs.rule)).to.deep.equal(parts.map((i) => (i < 5 ? firstRule : secondRule)));
        // One permission per rule, each for its own rule, under the statement id the provider names it.
        expect(ofType(resources, T.permission).map((r) => [r.name, r.state.statementId, r.inputs.sourceArn])).to.deep.equal([
            ["fleet-schedule", autoName(T.permission, "fleet-schedule"), `arn:aws:events:us-east-1:123456789012:rule/${firstRule}`],
            ["fleet-schedule-1", autoName(T.permission, "fleet-schedule-1"), `arn:aws:events:us-east-1:123456789012:rule/${secondRule}`],
        ]);
        expect(ofType(resources, T.invocation).map((r) => r.name)).to.deep.equal(parts.map((i) => `fleet-prewarm-${i}`));
        // Each part carries its own 30 targets, in order.
        const planned = ruleTargets.map((r) => (JSON.parse(String(r.inputs.input)) as { targets: { functionName: string }[] }).targets.map((t) => t.functionName));
        expect(planned.map((p) => [p[0], p.length])).to.deep.equal(parts.map((i) => [targets[i * 30].functionName, 30]));
        expect(new Set(resources.map((r) => r.urn)).size).to.equal(resources.length);
        expect(warmer.ruleTargets).to.have.length(10);
    });

    it("warms one function on two qualifiers", async () => {
        new LambdaWarmer("two", { targets: [{ functionName: "api", qualifier: "live" }, { functionName: "api", qualifier: "blue", concurrency: 2 }] });
        const resources = await settled();
        expect(JSON.parse(String(only(resources, T.target).inputs.input))).to.deep.equal({
            targets: [
                { functionName: "api", qualifier: "live", concurrency: 1 },
                { functionName: "api", qualifier: "blue", concurrency: 2 },
            ],
            maxParallelism: 50,
        });
        expect(statements(only(resources, T.policy).inputs.policy)[0].Resource).to.deep.equal([
            "arn:aws:lambda:us-east-1:123456789012:function:api:blue",
            "arn:aws:lambda:us-east-1:123456789012:function:api:live",
        ]);
    });

    it("accepts memory and timeout at Lambda's limits: 128 and 10240 MB, 1 and 900 seconds", async () => {
        new LambdaWarmer("smallest", { targets: [{ functionName: "api" }], memorySize: 128, timeoutSeconds: 1 });
        new LambdaWarmer("largest", { targets: [{ functionName: "jobs" }], memorySize: 10240, timeoutSeconds: 900 });
        const functions = ofType(await settled(), T.fn);
        expect(functions.map((f) => [f.name, f.inputs.memorySize, f.inputs.timeout])).to.deep.equal([
            ["smallest", 128, 1],
            ["largest", 10240, 900],
        ]);
    });

    const outside: [string, Partial<LambdaWarmerArgs>, string][] = [
        ["127 MB", { memorySize: 127 }, "memorySize must be a whole number of MB from 128 to 10240, got 127"],
        ["10241 MB", { memorySize: 10241 }, "memorySize must be a whole number of MB from 128 to 10240, got 10241"],
        ["0 seconds", { timeoutSeconds: 0 }, "timeoutSeconds must be a whole number of seconds from 1 to 900, got 0"],
        ["901 seconds", { timeoutSeconds: 901 }, "timeoutSeconds must be a whole number of seconds from 1 to 900, got 901"],
    ];
    for (const [what, override, expected] of outside) {
        it(`refuses ${what}, just past Lambda's limit`, () => {
            const message = thrownMessage(() => new LambdaWarmer("bad", { targets: [{ functionName: "api" }], ...override }));
            expect(message.startsWith(`LambdaWarmer "bad": ${expected}`), message).to.equal(true);
        });
    }
});
