// The offline plan: its pure parts in-process, and the command itself in a child process (it installs its own mocks).
import { expect } from "chai";
import * as fs from "fs";
import * as path from "path";
import { NO_OPTIONS, autoName } from "../../cli/mock-aws";
import { Plan, PlannedResource, buildPlan, displayValue, formatPlan, parsePlanArguments } from "../../cli/plan";
import { REPO_ROOT, runCli } from "../helpers/cli";

const COMPONENT = "lambda-concurrency:index:FixedConcurrency";
const CONFIG = "aws:lambda/provisionedConcurrencyConfig:ProvisionedConcurrencyConfig";

/** [type, name, depth] for every node, depth first. */
function flatten(nodes: PlannedResource[], depth = 0): [string, string, number][] {
    return nodes.flatMap((n) => [[n.type, n.name, depth] as [string, string, number], ...flatten(n.children, depth + 1)]);
}

describe("plan: arguments", () => {
    it("reads a scenario, --json, --list and --program", () => {
        expect(parsePlanArguments([])).to.deep.equal({ json: false, list: false });
        expect(parsePlanArguments(["fixed", "--json"])).to.deep.equal({ scenario: "fixed", json: true, list: false });
        expect(parsePlanArguments(["--list"])).to.deep.equal({ json: false, list: true });
        expect(parsePlanArguments(["--program", "x.ts"])).to.deep.equal({ program: "x.ts", json: false, list: false });
    });
    it("refuses unknown flags, two scenarios, and a scenario with --program", () => {
        expect(parsePlanArguments(["--jsno"])).to.deep.equal({ error: "unknown flag --jsno" });
        expect(parsePlanArguments(["a", "b"])).to.deep.equal({ error: 'one scenario at a time; got "a" and "b"' });
        expect(parsePlanArguments(["a", "--program", "x"])).to.deep.equal({ error: "give a SCENARIO or --program, not both" });
        expect(parsePlanArguments(["--program"])).to.deep.equal({ error: "--program needs a path" });
    });
});

describe("plan: tree and totals", () => {
    const none = { dependencies: [], options: NO_OPTIONS };
    const recorded = [
        { type: COMPONENT, name: "c", urn: "urn:c", custom: false, inputs: { qualifier: "live" }, state: {}, ...none },
        {
            type: CONFIG,
            name: "c",
            urn: "urn:c/config",
            parent: "urn:c",
            custom: true,
            inputs: { functionName: "f", qualifier: "live", provisionedConcurrentExecutions: 3, skipDestroy: false },
            state: {},
            ...none,
        },
        { type: "aws:iam/role:Role", name: "r", urn: "urn:r", custom: true, inputs: { assumeRolePolicy: "{}" }, state: { name: "r-1234567" }, ...none },
    ];

    it("nests children under their parents and counts by type", () => {
        const plan = buildPlan(recorded, "programs/index", { out: 1 }, "s");
        expect(flatten(plan.roots)).to.deep.equal([
            [COMPONENT, "c", 0],
            [CONFIG, "c", 1],
            ["aws:iam/role:Role", "r", 0],
        ]);
        expect(plan.roots[1].physicalName).to.equal("r-1234567");
        expect(plan.totals).to.deep.equal({
            resources: 3,
            components: 1,
            awsResources: 2,
            byType: { [COMPONENT]: 1, [CONFIG]: 1, "aws:iam/role:Role": 1 },
            provisionedConcurrentExecutions: 3,
        });
    });

    it("prints the tree with its inputs and totals", () => {
        const text = formatPlan(buildPlan(recorded, "programs/index", { out: 1 }, "s"));
        expect(text).to.equal(
            [
                'Plan of scenario "s": what `pulumi up` would create (offline, under Pulumi\'s mock runtime; no AWS call)',
                "",
                `+ ${COMPONENT}  c`,
                "│    qualifier: live",
                `└─ + ${CONFIG}  c`,
                "        functionName: f",
                "        provisionedConcurrentExecutions: 3",
                "        qualifier: live",
                "        skipDestroy: false",
                "        on replacement (new version, qualifier or function): the new configuration is created first, then the old one deleted",
                "+ aws:iam/role:Role  r  (AWS name r-1234567)",
                "     assumeRolePolicy: (2 bytes)",
                "",
                "Totals: 3 to create: 2 AWS resources, 1 component; 3 provisioned environments when created",
                "    1  aws:iam/role:Role",
                `    1  ${CONFIG}`,
                `    1  ${COMPONENT}`,
                "",
                "Outputs:",
                "  out: 1",
                "",
            ].join("\n"),
        );
    });

    it("shortens long values and summarizes code and policies", () => {
        expect(displayValue("description", "x".repeat(150))).to.equal("x".repeat(97) + "...");
        expect(displayValue("policy", '{"Version":"2012-10-17"}')).to.equal("(24 bytes)");
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
        expect(plan.program).to.equal(path.join("programs", "index"));
        expect(flatten(plan.roots)).to.deep.equal([
            ["aws:cloudwatch/logGroup:LogGroup", "fixed-fn-logs", 0],
            ["aws:iam/role:Role", "fixed-fn-role", 0],
            ["aws:iam/rolePolicy:RolePolicy", "fixed-fn-logs", 0],
            ["aws:lambda/function:Function", "fixed-fn", 0],
            [COMPONENT, "fixed", 0],
            [CONFIG, "fixed", 1],
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
        expect(plan.totals.resources).to.equal(6);
        expect(plan.outputs).to.deep.equal({ functionName, version: "1", provisionedConcurrentExecutions: 2 });
    });

    it("plans the default scenario (hello-api) as a tree", () => {
        const run = runCli(["plan"]);
        expect(run.status, run.stderr).to.equal(0);
        expect(run.stdout).to.match(/^Plan of scenario "hello-api"/);
        expect(run.stdout).to.contain(`+ ${COMPONENT}  hello-live\n`);
        expect(run.stdout).to.contain(`└─ + ${CONFIG}  hello-live\n`);
        expect(run.stdout).to.contain("Totals: 12 to create: 11 AWS resources, 1 component; 2 provisioned environments when created");
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

    it("refuses an unknown scenario and an unknown flag with exit code 2", () => {
        const unknown = runCli(["plan", "nope"]);
        expect(unknown.status).to.equal(2);
        expect(unknown.stderr).to.contain('unknown scenario "nope"; choose one of hello-api, fixed, scheduled, utilization, business-hours, warmer');
        const flag = runCli(["plan", "--frobnicate"]);
        expect(flag.status).to.equal(2);
        expect(flag.stderr).to.contain("lambda-concurrency plan: unknown flag --frobnicate");
    });

    it("plans any program with --program, and fails with the component's message when a check fails", () => {
        // Inside the repository (in the ignored .tmp/), so that the program finds @pulumi/pulumi as a user's would.
        fs.mkdirSync(path.join(REPO_ROOT, ".tmp"), { recursive: true });
        const dir = fs.mkdtempSync(path.join(REPO_ROOT, ".tmp", "plan-"));
        try {
            const components = path.join(REPO_ROOT, "components").split(path.sep).join("/");
            fs.writeFileSync(
                path.join(dir, "good.ts"),
                `import { FixedConcurrency } from "${components}";\nnew FixedConcurrency("mine", { functionName: "orders", qualifier: "live", provisionedConcurrentExecutions: 3 });\n`,
            );
            fs.writeFileSync(
                path.join(dir, "bad.ts"),
                `import * as pulumi from "@pulumi/pulumi";\nimport { FixedConcurrency } from "${components}";\nnew FixedConcurrency("mine", { functionName: "orders", qualifier: pulumi.output("$LATEST"), provisionedConcurrentExecutions: 3 });\n`,
            );
            const good = runCli(["plan", "--program", path.join(dir, "good.ts"), "--json"]);
            expect(good.status, good.stderr).to.equal(0);
            expect(flatten((JSON.parse(good.stdout) as Plan).roots)).to.deep.equal([
                [COMPONENT, "mine", 0],
                [CONFIG, "mine", 1],
            ]);
            const bad = runCli(["plan", "--program", path.join(dir, "bad.ts")]);
            expect(bad.status).to.equal(1);
            expect(bad.stderr).to.contain("the program failed; `pulumi up` would stop here");
            expect(bad.stderr).to.contain('FixedConcurrency "mine": qualifier cannot be "$LATEST"');
        } finally {
            fs.rmSync(dir, { recursive: true, force: true });
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
