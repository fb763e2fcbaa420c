// The offline plan: its pure parts in-process, and the command itself in a child process (it installs its own mocks).
import { expect } from "chai";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import * as pulumi from "@pulumi/pulumi";
import { NO_OPTIONS, RecordedResource, autoName } from "../../testing/mock-aws";
import {
    DEFAULT_PLAN_TARGET,
    PLAN_USAGE,
    Plan,
    PlannedResource,
    buildPlan,
    displayValue,
    formatPlan,
    parsePlanArguments,
    registerTypeScript,
    runPlan,
} from "../../cli/plan";
import { REPO_ROOT, runCli } from "../helpers/cli";

const COMPONENT = "lambda-concurrency:index:FixedConcurrency";
const CONFIG = "aws:lambda/provisionedConcurrencyConfig:ProvisionedConcurrencyConfig";
const TARGET = "aws:appautoscaling/target:Target";

/** Runs the command in this process (only for runs that stop before the plan installs its own mocks). */
async function runInProcess(args: string[]): Promise<{ status: number; stdout: string; stderr: string }> {
    let stdout = "";
    let stderr = "";
    const status = await runPlan(args, { stdout: (text) => (stdout += text), stderr: (text) => (stderr += text) });
    return { status, stdout, stderr };
}

/** [type, name, depth] for every node, depth first. */
function flatten(nodes: PlannedResource[], depth = 0): [string, string, number][] {
    return nodes.flatMap((n) => [[n.type, n.name, depth] as [string, string, number], ...flatten(n.children, depth + 1)]);
}

describe("plan: arguments", () => {
    const none = { config: [], json: false, list: false, help: false };
    it("reads a scenario, --json, --list and --program", () => {
        expect(parsePlanArguments([])).to.deep.equal(none);
        expect(parsePlanArguments(["fixed", "--json"])).to.deep.equal({ ...none, scenario: "fixed", json: true });
        expect(parsePlanArguments(["--list"])).to.deep.equal({ ...none, list: true });
        expect(parsePlanArguments(["--program", "x.ts"])).to.deep.equal({ ...none, program: "x.ts" });
    });
    it("reads --stack, repeated --config, their short forms and --flag=value", () => {
        expect(parsePlanArguments(["--program", ".", "--stack", "prod", "--config", "count=3", "-c", "aws:region=eu-west-1"])).to.deep.equal({
            ...none,
            program: ".",
            stack: "prod",
            config: [
                ["count", "3"],
                ["aws:region", "eu-west-1"],
            ],
        });
        expect(parsePlanArguments(["--program=.", "-s", "prod", "--config=greeting=a=b", "--now=2026-11-30T00:00:00Z"])).to.deep.equal({
            ...none,
            program: ".",
            stack: "prod",
            config: [["greeting", "a=b"]],
            now: new Date("2026-11-30T00:00:00Z"),
        });
    });
    it("asks for help with --help or -h, whatever else is given", () => {
        expect(parsePlanArguments(["fixed", "--help"])).to.deep.equal({ ...none, scenario: "fixed", help: true });
        expect(parsePlanArguments(["-h", "--frobnicate"])).to.deep.equal({ ...none, help: true });
    });
    it("refuses unknown flags, two scenarios, a scenario with --program, and flags without their values", () => {
        expect(parsePlanArguments(["--jsno"])).to.deep.equal({ error: "unknown flag --jsno; did you mean --json?" });
        expect(parsePlanArguments(["--stak", "prod"])).to.deep.equal({ error: "unknown flag --stak; did you mean --stack?" });
        expect(parsePlanArguments(["a", "b"])).to.deep.equal({ error: 'one scenario at a time; got "a" and "b"' });
        expect(parsePlanArguments(["a", "--program", "x"])).to.deep.equal({ error: "give a SCENARIO or --program, not both" });
        expect(parsePlanArguments(["--program"])).to.deep.equal({ error: "--program needs a path" });
        expect(parsePlanArguments(["--config", "count"])).to.deep.equal({ error: '--config needs KEY=VALUE, got "count"' });
        expect(parsePlanArguments(["--config", "=3"])).to.deep.equal({ error: '--config needs KEY=VALUE, got "=3"' });
        expect(parsePlanArguments(["--stack", "--json"])).to.deep.equal({
            error: "--stack needs a stack name (letters, digits, hyphens, underscores, periods), got nothing",
        });
        expect(parsePlanArguments(["--stack", "a/b"])).to.deep.equal({
            error: '--stack needs a stack name (letters, digits, hyphens, underscores, periods), got "a/b"',
        });
    });
});

describe("plan: tree and totals", () => {
    const none = { dependencies: [], options: NO_OPTIONS };
    const recorded: RecordedResource[] = [
        { type: COMPONENT, name: "c", urn: "urn:c", custom: false, inputs: { qualifier: "live" }, state: {}, ...none },
        {
            type: CONFIG,
            name: "c",
            urn: "urn:c/config",
            parent: "urn:c",
            custom: true,
            inputs: { functionName: "f", qualifier: "live", provisionedConcurrentExecutions: 3, skipDestroy: false },
            state: {},
            dependencies: ["urn:r", "urn:other-r"],
            propertyDependencies: { functionName: ["urn:r"], qualifier: ["urn:r"] },
            options: NO_OPTIONS,
        },
        { type: "aws:iam/role:Role", name: "r", urn: "urn:r", custom: true, inputs: { assumeRolePolicy: "{}" }, state: { name: "r-1234567" }, ...none },
        { type: "aws:iam/policy:Policy", name: "r", urn: "urn:other-r", custom: true, inputs: {}, state: { name: "r" }, ...none },
    ];
    const context = { program: "programs/index", outputs: { out: 1 }, scenario: "s", now: new Date("2026-11-30T00:00:00Z") };

    it("nests children under their parents, says what each waits for, and counts by type", () => {
        const plan = buildPlan(recorded, context);
        expect(flatten(plan.roots)).to.deep.equal([
            [COMPONENT, "c", 0],
            [CONFIG, "c", 1],
            ["aws:iam/role:Role", "r", 0],
            ["aws:iam/policy:Policy", "r", 0],
        ]);
        expect(plan.roots[1].physicalName).to.equal("r-1234567");
        expect(plan.roots[0].children[0].dependencies).to.deep.equal([
            { type: "aws:iam/role:Role", name: "r", urn: "urn:r", via: ["functionName", "qualifier"] },
            { type: "aws:iam/policy:Policy", name: "r", urn: "urn:other-r", via: ["dependsOn"] },
        ]);
        expect(plan.target).to.deep.equal({ project: "project", stack: "dev", region: "us-east-1", regionSource: "default", accountId: "123456789012" });
        expect(plan.totals).to.deep.equal({
            resources: 4,
            components: 1,
            awsResources: 3,
            byType: { [COMPONENT]: 1, [CONFIG]: 1, "aws:iam/role:Role": 1, "aws:iam/policy:Policy": 1 },
            provisionedConcurrentExecutions: 3,
        });
    });

    it("prints the tree with its inputs, dependencies, totals and cost", () => {
        const target = { project: "orders", stack: "prod", region: "eu-west-1", regionSource: "config" as const, accountId: "123456789012", stackConfigFile: "Pulumi.prod.yaml" };
        const text = formatPlan(buildPlan(recorded, { ...context, target }));
        expect(text).to.equal(
            [
                'Plan of scenario "s": what `pulumi up` would create (offline, under Pulumi\'s mock runtime; no AWS call)',
                "Project orders, stack prod (config from Pulumi.prod.yaml), region eu-west-1, account 123456789012 (mocked)",
                "",
                `+ ${COMPONENT}  c`,
                "│    qualifier: live",
                `└─ + ${CONFIG}  c`,
                "        functionName: f",
                "        provisionedConcurrentExecutions: 3",
                "        qualifier: live",
                "        skipDestroy: false",
                "        depends on: r (Role) via functionName, qualifier; r (Policy) via dependsOn",
                "        on replacement (new version, qualifier or function): the new configuration is created first, then the old one deleted",
                "+ aws:iam/role:Role  r  (AWS name r-1234567)",
                "     assumeRolePolicy: (2 bytes)",
                "+ aws:iam/policy:Policy  r  (AWS name r)",
                "",
                "Totals: 4 to create: 3 AWS resources, 1 component; 3 provisioned environments when created",
                "    1  aws:iam/policy:Policy",
                "    1  aws:iam/role:Role",
                `    1  ${CONFIG}`,
                `    1  ${COMPONENT}`,
                "",
                "Cost per month (730 hours), at us-east-1 prices (AWS Lambda pricing page, read 2026-11-23; eu-west-1's may differ):",
                '  FixedConcurrency "c": 3 environments on f:live x 128 MB x86_64 (memory unknown, assumed 128 MB), all month: $4.11',
                "  Total: $4.11 a month, before the requests and duration of the functions' own traffic",
                "",
                "Outputs:",
                "  out: 1",
                "",
            ].join("\n"),
        );
    });

    it("says when the region is assumed and which secure values were not decrypted", () => {
        const target = { ...DEFAULT_PLAN_TARGET, project: "orders", secureKeys: ["orders:token", "orders:key"] };
        expect(formatPlan(buildPlan([], { program: "index.ts", target })).split("\n").slice(0, 2)).to.deep.equal([
            "Plan of index.ts: what `pulumi up` would create (offline, under Pulumi's mock runtime; no AWS call)",
            "Project orders, stack dev, region us-east-1 (aws:region not set; assumed), account 123456789012 (mocked); secure config not decrypted offline, give it with --config: orders:token, orders:key",
        ]);
    });

    it("shortens long values and summarizes code and policies, strings and objects alike", () => {
        expect(displayValue("description", "x".repeat(150))).to.equal("x".repeat(117) + "...");
        expect(displayValue("policy", '{"Version":"2012-10-17"}')).to.equal("(24 bytes)");
        expect(displayValue("assumeRolePolicy", { Version: "2012-10-17" })).to.equal("(24 bytes)");
        expect(displayValue("code", new pulumi.asset.AssetArchive({}))).to.equal("(archive)");
        expect(displayValue("code", new pulumi.asset.StringAsset("x"))).to.equal("(asset)");
        expect(displayValue("tags", { a: "b" })).to.deep.equal({ a: "b" });
        expect(displayValue("memorySize", 128)).to.equal(128);
    });
});

describe("plan: the command", () => {
    it("plans the fixed scenario as JSON: the function, its role, and 2 environments on version 1", () => {
        const run = runCli(["plan", "fixed", "--json"]);
        expect(run.status, run.stderr).to.equal(0);
        const plan = JSON.parse(run.stdout) as Plan;
        expect(plan.scenario).to.equal("fixed");
        expect(plan.program).to.equal("programs");
        expect(plan.target).to.deep.equal({
            project: "lambda-concurrency",
            stack: "dev",
            region: "us-east-1",
            regionSource: "default",
            accountId: "123456789012",
        });
        expect(flatten(plan.roots)).to.deep.equal([
            ["aws:cloudwatch/logGroup:LogGroup", "fixed-fn-logs", 0],
            ["aws:iam/role:Role", "fixed-fn-role", 0],
            ["aws:iam/rolePolicy:RolePolicy", "fixed-fn-logs", 0],
            ["aws:lambda/function:Function", "fixed-fn", 0],
            [COMPONENT, "fixed", 0],
            [CONFIG, "fixed", 1],
            [TARGET, "fixed-target", 1],
        ]);
        const functionName = autoName("aws:lambda/function:Function", "fixed-fn");
        const config = plan.roots[4].children[0];
        expect(config.inputs).to.deep.equal({
            functionName,
            qualifier: "1",
            provisionedConcurrentExecutions: 2,
            skipDestroy: false,
        });
        expect(plan.roots[3].inputs).to.deep.include({ publish: true, runtime: "nodejs22.x", architectures: ["arm64"] });
        expect(plan.totals.provisionedConcurrentExecutions).to.equal(2);
        expect(plan.roots[4].children[1].inputs).to.deep.equal({
            serviceNamespace: "lambda",
            scalableDimension: "lambda:function:ProvisionedConcurrency",
            resourceId: `function:${functionName}:1`,
            minCapacity: 2,
            maxCapacity: 2,
            suspendedState: { dynamicScalingInSuspended: true, dynamicScalingOutSuspended: true, scheduledScalingSuspended: true },
        });
        expect(plan.totals.resources).to.equal(7);
        expect(plan.outputs).to.deep.equal({ functionName, version: "1", provisionedConcurrentExecutions: 2 });
        expect(plan.roots[3].urn).to.equal("urn:pulumi:dev::lambda-concurrency::aws:lambda/function:Function::fixed-fn");
        expect(plan.cost.items).to.deep.equal([
            {
                owner: 'FixedConcurrency "fixed"',
                description: `2 environments on ${functionName}:1 x 256 MB arm64, all month`,
                low: plan.cost.items[0].low,
                high: plan.cost.items[0].low,
            },
        ]);
        expect(plan.cost.items[0].low).to.be.closeTo(2 * 0.25 * 730 * 3600 * 0.0000033334, 1e-9);
    });

    it("takes the stack and config of the samples' project too: aws:region in names and ARNs", () => {
        const run = runCli(["plan", "fixed", "--stack", "prod", "--config", "aws:region=eu-west-1"]);
        expect(run.status, run.stderr).to.equal(0);
        const lines = run.stdout.split("\n");
        expect(lines[1]).to.equal("Project lambda-concurrency, stack prod, region eu-west-1, account 123456789012 (mocked)");
        expect(lines).to.include("         arn:aws:logs:eu-west-1:123456789012:log-group:fixed-fn-logs-ba33879:*");
        expect(lines).to.include("Cost per month (730 hours), at us-east-1 prices (AWS Lambda pricing page, read 2026-11-23; eu-west-1's may differ):");
    });

    it("plans the default scenario (hello-api) as a tree", () => {
        const run = runCli(["plan"]);
        expect(run.status, run.stderr).to.equal(0);
        expect(run.stdout).to.match(/^Plan of scenario "hello-api"/);
        expect(run.stdout).to.contain(`+ ${COMPONENT}  hello-live\n`);
        expect(run.stdout).to.contain(`├─ + ${CONFIG}  hello-live\n`);
        expect(run.stdout).to.contain(`└─ + ${TARGET}  hello-live-target\n`);
        expect(run.stdout).to.contain("Totals: 13 to create: 12 AWS resources, 1 component; 2 provisioned environments when created");
    });

    it("prints the coming week's capacity of a scalable target, from --now", () => {
        const run = runCli(["plan", "business-hours", "--now", "2026-11-30T00:00:00Z"]);
        expect(run.status, run.stderr).to.equal(0);
        expect(run.stdout).to.contain(
            [
                "capacity over a week, once the schedules have run (Europe/Paris):",
                "│         from 2026-11-30  min  1  max  5",
                "│         Mon-Fri 08:00    min 10  max 50  (open)",
                "│         Mon-Fri 19:00    min  1  max  5  (close)",
            ].join("\n"),
        );
        expect(runCli(["plan", "--now", "yesterday"]).stderr).to.contain(
            'lambda-concurrency plan: --now needs an ISO 8601 instant such as 2026-11-30T00:00:00Z, got "yesterday"',
        );
    });

    it("lists the scenarios", () => {
        const run = runCli(["plan", "--list"]);
        expect(run.status).to.equal(0);
        expect(run.stdout).to.match(/^hello-api .* \(default\)\nfixed .*\nscheduled .*\nutilization .*\nbusiness-hours .*\nwarmer /);
    });

    it("refuses an unknown scenario and an unknown flag with exit code 2, and shows the usage", async () => {
        const unknown = await runInProcess(["nope"]);
        expect(unknown.status).to.equal(2);
        expect(unknown.stderr).to.equal('lambda-concurrency plan: unknown scenario "nope"; choose one of hello-api, fixed, scheduled, utilization, business-hours, warmer, rollout\n');
        const flag = await runInProcess(["--frobnicate"]);
        expect(flag.status).to.equal(2);
        expect(flag.stderr).to.equal(`lambda-concurrency plan: unknown flag --frobnicate\n${PLAN_USAGE}`);
    });

    it("prints its usage for --help and -h, about the user's program first, and exits 0", async () => {
        for (const help of ["--help", "-h"]) {
            expect(await runInProcess([help])).to.deep.equal({ status: 0, stdout: PLAN_USAGE, stderr: "" });
        }
        expect(PLAN_USAGE.indexOf("Your program:")).to.be.below(PLAN_USAGE.indexOf("This repository's sample programs"));
        expect(PLAN_USAGE.split("\n")[0]).to.equal(
            "usage: lambda-concurrency plan --program PATH [--stack NAME] [--config KEY=VALUE]... [--json] [--now TIME]",
        );
        // Through the command itself, as a user types it.
        const run = runCli(["plan", "-h"]);
        expect([run.status, run.stdout]).to.deep.equal([0, PLAN_USAGE]);
    });
});

describe("the command's help", () => {
    it("prints the command's usage for --help, -h and help, and exits 0; with no command, exits 2", () => {
        for (const help of ["--help", "-h", "help"]) {
            const run = runCli([help]);
            expect(run.status).to.equal(0);
            expect(run.stdout).to.match(/^usage: lambda-concurrency <command> \[options\]\n\ncommands:\n  plan --program PATH/);
            expect(run.stdout).to.contain("Run `lambda-concurrency <command> --help` for a command's options.");
        }
        expect(runCli([]).status).to.equal(2);
    });

    it("passes -h to advise as --help", () => {
        const run = runCli(["advise", "-h"]);
        expect(run.status).to.equal(0);
        expect(run.stdout).to.match(/^usage: lambda-concurrency advise /);
    });
});

describe("plan: your program", () => {
    // Inside the repository (in the ignored .tmp/), so that the programs find @pulumi/pulumi as a user's would.
    let dir: string;
    const components = path.join(REPO_ROOT, "components").split(path.sep).join("/");
    const write = (file: string, text: string): void => {
        fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
        fs.writeFileSync(path.join(dir, file), text);
    };
    const plan = (args: string[]) => runCli(["plan", ...args, "--now", "2026-11-30T00:00:00Z"], { cwd: dir });

    before(() => {
        fs.mkdirSync(path.join(REPO_ROOT, ".tmp"), { recursive: true });
        dir = fs.mkdtempSync(path.join(REPO_ROOT, ".tmp", "plan-"));
        write("good.ts", `import { FixedConcurrency } from "${components}";\nnew FixedConcurrency("mine", { functionName: "orders", qualifier: "live", provisionedConcurrentExecutions: 3 });\n`);
        write(
            "bad.ts",
            `import * as pulumi from "@pulumi/pulumi";\nimport { FixedConcurrency } from "${components}";\nnew FixedConcurrency("mine", { functionName: "orders", qualifier: pulumi.output("$LATEST"), provisionedConcurrentExecutions: 3 });\n`,
        );
        // A project as `pulumi new aws-typescript` lays it out, with a stack of its own.
        write("orders/Pulumi.yaml", "name: orders\nruntime:\n  name: nodejs\n  options:\n    typescript: true\nmain: index.ts\nconfig:\n  count:\n    type: integer\n    default: 1\n");
        write("orders/Pulumi.prod.yaml", "config:\n  aws:region: eu-west-1\n  orders:count: 3\n  orders:token:\n    secure: AAABADQXFlU=\n");
        write(
            "orders/index.ts",
            [
                'import * as pulumi from "@pulumi/pulumi";',
                'import { Alias, Function } from "@pulumi/aws/lambda";',
                `import { FixedConcurrency } from "${components}";`,
                "",
                "const config = new pulumi.Config();",
                'const fn = new Function("orders", {',
                '    runtime: "nodejs22.x",',
                '    handler: "index.handler",',
                '    role: "arn:aws:iam::123456789012:role/orders",',
                '    code: new pulumi.asset.AssetArchive({ "index.js": new pulumi.asset.StringAsset("exports.handler = async () => 1;") }),',
                "    memorySize: 512,",
                '    architectures: ["arm64"],',
                "    publish: true,",
                "});",
                'const live = new Alias("orders-live", { name: "live", functionName: fn.name, functionVersion: fn.version });',
                'new FixedConcurrency("orders-warm", { functionName: fn.name, qualifier: live.name, provisionedConcurrentExecutions: config.requireNumber("count") });',
                "export const aliasArn = live.arn;",
                "",
            ].join("\n"),
        );
        // A JavaScript project with no main: the folder's index.js, as the Pulumi CLI finds it.
        write("plain-js/Pulumi.yaml", "name: plain-js\nruntime: nodejs\n");
        write("plain-js/index.js", `const { FixedConcurrency } = require("${components}");\nnew FixedConcurrency("js", { functionName: "orders", qualifier: "1", provisionedConcurrentExecutions: 1 });\n`);
        write("python/Pulumi.yaml", "name: py\nruntime: python\n");
        write("no-ts/Pulumi.yaml", "name: no-ts\nruntime:\n  name: nodejs\n  options:\n    typescript: false\nmain: index.ts\n");
        write("no-ts/index.ts", "export {};\n");
        write("esm.mjs", "export {};\n");
        write("duplicate.ts", 'import { Role } from "@pulumi/aws/iam";\nnew Role("r", { assumeRolePolicy: "{}" });\nnew Role("r", { assumeRolePolicy: "{}" });\n');
        const warmer = (qualifier: string): string =>
            [
                'import { Alias } from "@pulumi/aws/lambda";',
                `import { LambdaWarmer } from "${components}";`,
                'const live = new Alias("orders-live", { name: "live", functionName: "orders", functionVersion: "1" });',
                `new LambdaWarmer("warmer", { targets: [{ functionName: "orders", qualifier: ${qualifier} }], prewarm: true });`,
                "",
            ].join("\n");
        write("prewarm-plain.ts", warmer('"live"'));
        write("prewarm-ordered.ts", warmer("live.name"));
    });

    after(() => {
        fs.rmSync(dir, { recursive: true, force: true });
    });

    it("plans an entry file, and fails with the component's message when a check fails", () => {
        const good = plan(["--program", "good.ts", "--json"]);
        expect(good.status, good.stderr).to.equal(0);
        const planned = JSON.parse(good.stdout) as Plan;
        expect(flatten(planned.roots)).to.deep.equal([
            [COMPONENT, "mine", 0],
            [CONFIG, "mine", 1],
            [TARGET, "mine-target", 1],
        ]);
        expect(planned.program).to.equal("good.ts");
        // Its project is the nearest Pulumi.yaml above it: this repository's.
        expect(planned.target.project).to.equal("lambda-concurrency");
        const bad = plan(["--program", "bad.ts"]);
        expect(bad.status).to.equal(1);
        expect(bad.stderr).to.contain("the program failed; `pulumi up` would stop here");
        expect(bad.stderr).to.contain('FixedConcurrency "mine": qualifier cannot be "$LATEST"');
    });

    it("plans a project folder with a stack's config: project and stack in URNs, aws:region in ARNs, config.requireNumber", () => {
        const run = plan(["--program", "orders", "--stack", "prod"]);
        expect(run.status, run.stderr).to.equal(0);
        const fn = autoName("aws:lambda/function:Function", "orders");
        expect(run.stdout).to.equal(
            [
                `Plan of ${path.join("orders", "index.ts")}: what \`pulumi up\` would create (offline, under Pulumi's mock runtime; no AWS call)`,
                "Project orders, stack prod (config from Pulumi.prod.yaml), region eu-west-1, account 123456789012 (mocked); secure config not decrypted offline, give it with --config: orders:token",
                "",
                `+ aws:lambda/function:Function  orders  (AWS name ${fn})`,
                '     architectures: ["arm64"]',
                "     code: (archive)",
                "     handler: index.handler",
                "     memorySize: 512",
                "     publish: true",
                "     role: arn:aws:iam::123456789012:role/orders",
                "     runtime: nodejs22.x",
                "+ aws:lambda/alias:Alias  orders-live",
                `     functionName: ${fn}`,
                "     functionVersion: 1",
                "     name: live",
                "     depends on: orders via functionName, functionVersion",
                `+ ${COMPONENT}  orders-warm`,
                `│    functionName: ${fn}`,
                "│    provisionedConcurrentExecutions: 3",
                "│    qualifier: live",
                "│    depends on: orders via functionName; orders-live via qualifier",
                `├─ + ${CONFIG}  orders-warm`,
                `│       functionName: ${fn}`,
                "│       provisionedConcurrentExecutions: 3",
                "│       qualifier: live",
                "│       skipDestroy: false",
                "│       depends on: orders via functionName, qualifier; orders-live via functionName, qualifier",
                "│       on replacement (new version, qualifier or function): the new configuration is created first, then the old one deleted",
                `└─ + ${TARGET}  orders-warm-target`,
                "        maxCapacity: 3",
                "        minCapacity: 3",
                `        resourceId: function:${fn}:live`,
                "        scalableDimension: lambda:function:ProvisionedConcurrency",
                "        serviceNamespace: lambda",
                '        suspendedState: {"dynamicScalingInSuspended":true,"dynamicScalingOutSuspended":true,"scheduledScalingSuspended":true}',
                "        depends on: orders-warm (ProvisionedConcurrencyConfig) via resourceId",
                "        capacity: 3 to 3 all week (no scheduled actions)",
                "",
                "Totals: 5 to create: 4 AWS resources, 1 component; 3 provisioned environments when created",
                `    1  ${TARGET}`,
                "    1  aws:lambda/alias:Alias",
                "    1  aws:lambda/function:Function",
                `    1  ${CONFIG}`,
                `    1  ${COMPONENT}`,
                "",
                "Cost per month (730 hours), at us-east-1 prices (AWS Lambda pricing page, read 2026-11-23; eu-west-1's may differ):",
                `  FixedConcurrency "orders-warm": 3 environments on ${fn}:live x 512 MB arm64, all month: $13.14`,
                "  Total: $13.14 a month, before the requests and duration of the functions' own traffic",
                "",
                "Outputs:",
                `  aliasArn: "arn:aws:lambda:eu-west-1:123456789012:function:${fn}:live"`,
                "",
            ].join("\n"),
        );
    });

    it("takes the project's defaults without a stack file, and --config over the stack's values", () => {
        const dev = plan(["--program", "orders", "--json"]);
        expect(dev.status, dev.stderr).to.equal(0);
        const devPlan = JSON.parse(dev.stdout) as Plan;
        expect(devPlan.target).to.deep.equal({ project: "orders", stack: "dev", region: "us-east-1", regionSource: "default", accountId: "123456789012" });
        expect(devPlan.totals.provisionedConcurrentExecutions).to.equal(1);
        expect(devPlan.roots[0].urn).to.equal("urn:pulumi:dev::orders::aws:lambda/function:Function::orders");

        const prod = plan(["--program", "orders", "-s", "prod", "-c", "count=4", "--config", "aws:region=ap-southeast-2", "-c", "token=x", "--json"]);
        expect(prod.status, prod.stderr).to.equal(0);
        const prodPlan = JSON.parse(prod.stdout) as Plan;
        expect(prodPlan.target).to.deep.equal({
            project: "orders",
            stack: "prod",
            region: "ap-southeast-2",
            regionSource: "config",
            accountId: "123456789012",
            stackConfigFile: "Pulumi.prod.yaml",
        });
        expect(prodPlan.totals.provisionedConcurrentExecutions).to.equal(4);
        expect(prodPlan.outputs.aliasArn).to.equal(`arn:aws:lambda:ap-southeast-2:123456789012:function:${autoName("aws:lambda/function:Function", "orders")}:live`);
    });

    it("fails as Pulumi would on a config value that is not a number", () => {
        const run = plan(["--program", "orders", "-c", "count=three"]);
        expect(run.status).to.equal(1);
        expect(run.stderr).to.contain("the program failed; `pulumi up` would stop here");
        expect(run.stderr).to.contain("orders:count");
    });

    it("plans a JavaScript project whose Pulumi.yaml has no main", () => {
        const run = plan(["--program", "plain-js", "--json"]);
        expect(run.status, run.stderr).to.equal(0);
        const planned = JSON.parse(run.stdout) as Plan;
        expect(planned.program).to.equal("plain-js");
        expect(planned.target.project).to.equal("plain-js");
        expect(flatten(planned.roots)).to.deep.equal([
            [COMPONENT, "js", 0],
            [CONFIG, "js", 1],
            [TARGET, "js-target", 1],
        ]);
    });

    it("refuses what it can't run, with exit code 2", async () => {
        // These stop before any mock is installed, so they run in this process.
        const at = (file: string): string => path.join(dir, file);
        expect(await runInProcess(["--program", at("python")])).to.deep.equal({
            status: 2,
            stdout: "",
            stderr: `lambda-concurrency plan: ${at(path.join("python", "Pulumi.yaml"))}: runtime "python": the plan runs Node.js programs (runtime: nodejs) only\n`,
        });
        expect((await runInProcess(["--program", at("nowhere.ts")])).stderr).to.equal(`lambda-concurrency plan: --program ${at("nowhere.ts")}: no such file or folder\n`);
        expect(await runInProcess(["--program", at("esm.mjs")])).to.deep.equal({
            status: 2,
            stdout: "",
            stderr: `lambda-concurrency plan: --program ${at("esm.mjs")}: give a .js or .ts entry file, or the project folder (ES module programs are not supported: compile to CommonJS)\n`,
        });
        expect((await runInProcess(["--program", at("no-ts")])).stderr).to.equal(
            `lambda-concurrency plan: ${at(path.join("no-ts", "Pulumi.yaml"))} sets runtime.options.typescript to false, so Pulumi runs JavaScript only, but the program ${path.relative(process.cwd(), at(path.join("no-ts", "index.ts")))} is TypeScript: compile it and make main the .js, or remove the option\n`,
        );
        fs.mkdirSync(at("empty"), { recursive: true });
        expect((await runInProcess(["--program", at("empty")])).stderr).to.equal(
            `lambda-concurrency plan: no Pulumi.yaml in ${at("empty")}: give --program a Pulumi project folder, or the program's entry file (.js or .ts)\n`,
        );
    });

    it("refuses two resources with one URN, as the engine does", () => {
        const run = plan(["--program", "duplicate.ts"]);
        expect(run.status).to.equal(1);
        expect(run.stderr).to.equal(
            [
                "lambda-concurrency plan: the program failed; `pulumi up` would stop here:",
                "  failed to register new resource r [aws:iam/role:Role]: Duplicate resource URN 'urn:pulumi:dev::lambda-concurrency::aws:iam/role:Role::r'; try giving it a unique name",
                "",
            ].join("\n"),
        );
    });

    it("warns when a warmer's deploy-time warm-up may run before the alias it pings exists", () => {
        const warning =
            'warning: the warm-up invokes orders:live but does not depend on the Alias "orders-live" that creates "live" (the qualifier is a plain string): it may run before the alias exists, and fail. Give the target the Alias\'s Output (qualifier: <alias>.name)';
        const plain = plan(["--program", "prewarm-plain.ts"]);
        expect(plain.status, plain.stderr).to.equal(0);
        const lines = plain.stdout.split("\n");
        const invocation = lines.indexOf("├─ + aws:lambda/invocation:Invocation  warmer-prewarm-0");
        expect(invocation).to.be.above(0);
        expect(lines.slice(invocation + 1, invocation + 6)).to.deep.equal([
            `│       functionName: ${autoName("aws:lambda/function:Function", "warmer")}`,
            '│       input: {"targets":[{"functionName":"orders","qualifier":"live","concurrency":1}],"maxParallelism":50}',
            '│       triggers: {"versions":""}',
            "│       depends on: warmer (Function) via functionName",
            `│       ${warning}`,
        ]);
        const ordered = plan(["--program", "prewarm-ordered.ts"]);
        expect(ordered.status, ordered.stderr).to.equal(0);
        expect(ordered.stdout).to.contain("│       depends on: warmer (Function) via functionName; orders-live via input\n");
        expect(ordered.stdout).to.not.contain("warning:");
    });

    it("explains what to install when a TypeScript program's project has no ts-node", () => {
        const outside = fs.mkdtempSync(path.join(os.tmpdir(), "plan-no-ts-node-"));
        try {
            expect(registerTypeScript(outside, false)).to.equal(
                `the program is TypeScript, which Pulumi runs with ts-node from your project, and ts-node or typescript is not installed in ${outside}: run \`npm install --save-dev ts-node typescript@"<7"\` there (TypeScript 7 is outside @pulumi/pulumi's peer range), or compile the program (tsc) and give --program the .js entry`,
            );
        } finally {
            fs.rmSync(outside, { recursive: true, force: true });
        }
    });
});

describe("the README's plan", () => {
    it("shows exactly what `npm run plan -- fixed` prints", () => {
        const run = runCli(["plan", "fixed"]);
        expect(run.status, run.stderr).to.equal(0);
        const readme = fs.readFileSync(path.join(REPO_ROOT, "README.md"), "utf8");
        expect(readme).to.contain(run.stdout.trimEnd());
    });
});
