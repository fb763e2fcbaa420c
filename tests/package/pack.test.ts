// How users get the package: `npm pack`, installed into a scratch project outside the repository, then a small
// TypeScript program that imports it is type-checked, compiled and run under Pulumi's mocks; the unit-testing example
// (docs/examples/testing) runs with mocha against the installed `lambda-concurrency/testing`; the installed
// command plans a TypeScript project with the project's own ts-node; and the installed package serves its components
// to other languages as a Pulumi plugin (tests/helpers/plugin-host.ts).
import { expect } from "chai";
import { execFileSync, spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { REPO_ROOT } from "../helpers/cli";
import { FakeEngine, GOLDEN_SCHEMA, PluginProcess, formatSchema, urnOf } from "../helpers/plugin-host";

const NPM = process.platform === "win32" ? "npm.cmd" : "npm";
const TSC = path.join(REPO_ROOT, "node_modules", "typescript", "bin", "tsc");

function devDependencyVersion(name: string): string {
    const manifest = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, "package.json"), "utf8")) as {
        devDependencies: Record<string, string>;
    };
    return manifest.devDependencies[name];
}

const USER_PROGRAM = `
import * as pulumi from "@pulumi/pulumi";

pulumi.runtime.setMocks(
    {
        newResource: (args) => ({ id: args.name + "-id", state: args.inputs }),
        call: (args) => args.inputs,
    },
    "user-project",
    "dev",
);

import { FixedConcurrency, LambdaWarmer, validateQualifier } from "lambda-concurrency";
import { isWarmup } from "lambda-concurrency/runtime";
import { breakEvenUtilization, US_EAST_1_PRICES } from "lambda-concurrency/advisor";
// The policies load without @pulumi/policy, which this project does not install (an optional peer dependency).
import { checkResources, lambdaConcurrencyPolicies } from "lambda-concurrency/policy";

const fixed = new FixedConcurrency("orders", { functionName: "orders", qualifier: "live", provisionedConcurrentExecutions: 3 });
let refused = "";
try {
    new FixedConcurrency("broken", { functionName: "orders", qualifier: "$LATEST", provisionedConcurrentExecutions: 1 });
} catch (error) {
    refused = error instanceof pulumi.ResourceError ? error.message : "not a ResourceError";
}
const warmer = new LambdaWarmer("warmer", { targets: [{ functionName: "orders", concurrency: 2 }] });
pulumi.all([fixed.config.functionName, fixed.qualifier, fixed.provisionedConcurrentExecutions, warmer.function.runtime]).apply(([fn, q, n, runtime]) => {
    console.log(JSON.stringify({
        fn, q, n, refused, runtime,
        check: validateQualifier("live") ?? "ok",
        ping: isWarmup({ "lambda-concurrency": "warmup", warmupId: "w", index: 0, concurrency: 1 }),
        breakEven: Math.round(breakEvenUtilization(US_EAST_1_PRICES.arm64) * 100) / 100,
        policies: lambdaConcurrencyPolicies().length,
        policyCheck: checkResources([
            { type: "aws:lambda/provisionedConcurrencyConfig:ProvisionedConcurrencyConfig", name: "latest", urn: "urn:pulumi:dev::p::t::latest", props: { qualifier: "$LATEST" } },
        ]).map((v) => v.policy),
    }));
});
`;

// A program as a user deploys it: no mocks of its own; the plan command brings them.
const DEPLOYABLE_PROGRAM = `
import { FixedConcurrency } from "lambda-concurrency";
new FixedConcurrency("orders", { functionName: "orders", qualifier: "live", provisionedConcurrentExecutions: 3 });
`;

describe("the published package", function () {
    this.timeout(240_000);
    let scratch: string;
    let files: string[];

    before(() => {
        scratch = fs.mkdtempSync(path.join(os.tmpdir(), "lambda-concurrency-user-"));
        const packed = JSON.parse(
            execFileSync(NPM, ["pack", "--json", "--pack-destination", scratch], { cwd: REPO_ROOT, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] }),
        ) as { filename: string; files: { path: string }[] }[];
        files = packed[0].files.map((f) => f.path).sort();
        const tarball = path.join(scratch, packed[0].filename);
        fs.writeFileSync(path.join(scratch, "package.json"), JSON.stringify({ name: "user-project", private: true }));
        // Offline first: `npm ci` in the repository has just put these exact versions in npm's cache.
        execFileSync(
            NPM,
            [
                "install",
                "--prefer-offline",
                "--no-audit",
                "--no-fund",
                tarball,
                `@pulumi/pulumi@${devDependencyVersion("@pulumi/pulumi")}`,
                `@pulumi/aws@${devDependencyVersion("@pulumi/aws")}`,
                // What a user's TypeScript project and its unit tests have.
                ...["mocha", "@types/mocha", "@types/node", "ts-node", "typescript"].map((name) => `${name}@${devDependencyVersion(name)}`),
            ],
            { cwd: scratch, stdio: ["ignore", "pipe", "pipe"] },
        );
    });

    after(() => {
        fs.rmSync(scratch, { recursive: true, force: true });
    });

    it("ships only the build, its type declarations, the README, the licence, the manifest and what the Pulumi plugin reads", () => {
        for (const file of files) {
            expect(file, file).to.match(
                /^(package\.json|README\.md|LICENSE|dist\/(aws-facts|components|runtime|advisor|cli|testing|policy)\/.+\.(js|d\.ts)|dist\/policy\/pack\/(PulumiPolicy\.yaml|package\.json)|PulumiPlugin\.yaml|index\.(js|ts)|tsconfig\.json|components\/.+\.ts)$/,
            );
        }
        expect(files).to.include.members([
            "package.json",
            "README.md",
            // The licence package.json names (Apache-2.0), its standard text: npm packs a root LICENSE by itself.
            "LICENSE",
            "dist/aws-facts/pricing.js",
            "dist/components/index.js",
            "dist/components/index.d.ts",
            "dist/components/fixed.js",
            "dist/components/target.js",
            "dist/cli/main.js",
            "dist/testing/index.js",
            "dist/testing/index.d.ts",
            "dist/testing/mock-aws.js",
            // The policy pack: the policies (lambda-concurrency/policy) and the ready pack folder --policy-pack takes.
            "dist/policy/index.js",
            "dist/policy/index.d.ts",
            "dist/policy/pack/index.js",
            "dist/policy/pack/PulumiPolicy.yaml",
            // @pulumi/policy reads the pack's version from the package.json of the folder it runs in.
            "dist/policy/pack/package.json",
            // The plugin: its manifest, the entry the host loads and the one the schema analyzer reads, with the
            // TypeScript sources and compiler options the analyzer infers the schema from.
            "PulumiPlugin.yaml",
            "index.js",
            "index.ts",
            "tsconfig.json",
            "components/index.ts",
            "components/schedule/parse.ts",
        ]);
        expect(files.some((f) => f.startsWith("dist/tests/") || f.startsWith("dist/programs/"))).to.equal(false);
    });

    it("type-checks, compiles and runs a user's TypeScript program that imports it", () => {
        fs.writeFileSync(path.join(scratch, "index.ts"), USER_PROGRAM);
        fs.writeFileSync(path.join(scratch, "deploy.ts"), DEPLOYABLE_PROGRAM);
        fs.writeFileSync(
            path.join(scratch, "tsconfig.json"),
            JSON.stringify({
                compilerOptions: { strict: true, target: "ES2022", module: "commonjs", lib: ["ES2022", "DOM"], types: [], outDir: "out", skipLibCheck: true },
                files: ["index.ts", "deploy.ts"],
            }),
        );
        execFileSync(process.execPath, [TSC, "-p", "tsconfig.json"], { cwd: scratch, stdio: ["ignore", "pipe", "pipe"] });
        const output = execFileSync(process.execPath, [path.join("out", "index.js")], { cwd: scratch, encoding: "utf8" });
        expect(JSON.parse(output.trim())).to.deep.equal({
            fn: "orders",
            q: "live",
            n: 3,
            refused:
                'FixedConcurrency "broken": qualifier cannot be "$LATEST": provisioned concurrency needs a published version or an alias (publish the function with publish: true and use its version, or create an alias)',
            check: "ok",
            runtime: "nodejs24.x",
            ping: true,
            breakEven: 0.6,
            policies: 12,
            policyCheck: ["lambda-concurrency-qualifier"],
        });
        // The warmer function's code ships in the package, where LambdaWarmer reads it.
        expect(fs.existsSync(path.join(scratch, "node_modules", "lambda-concurrency", "dist", "runtime", "warmer-function.js"))).to.equal(true);
    });

    it("installs the advise command, which works without Pulumi or AWS", () => {
        const output = execFileSync(
            path.join(scratch, "node_modules", ".bin", "lambda-concurrency"),
            ["advise", "--rps", "5", "--period", "2h", "--duration-ms", "100", "--p95-ms", "200", "--init-ms", "800", "--strategies", "on-demand,fixed", "--json"],
            { cwd: scratch, encoding: "utf8" },
        );
        const advice = JSON.parse(output) as { strategies: { name: string }[]; recommendation: { strategy: string } };
        expect(advice.strategies.map((s) => s.name)).to.deep.equal(["on-demand", "fixed"]);
        expect(advice.recommendation.strategy).to.be.a("string");
    });

    it("installs the lambda-concurrency command, which plans the user's program offline", () => {
        const output = execFileSync(
            path.join(scratch, "node_modules", ".bin", "lambda-concurrency"),
            ["plan", "--program", path.join("out", "deploy.js"), "--json"],
            { cwd: scratch, encoding: "utf8" },
        );
        const plan = JSON.parse(output) as { roots: { type: string; name: string }[] };
        expect(plan.roots.map((r) => [r.type, r.name])).to.deep.equal([["lambda-concurrency:index:FixedConcurrency", "orders"]]);
    });

    it("runs the unit-testing example with mocha against the installed lambda-concurrency/testing", () => {
        const example = path.join(scratch, "example");
        fs.mkdirSync(example, { recursive: true });
        for (const file of ["index.ts", "index.spec.ts"]) {
            fs.copyFileSync(path.join(REPO_ROOT, "docs", "examples", "testing", file), path.join(example, file));
        }
        fs.writeFileSync(
            path.join(example, "tsconfig.json"),
            JSON.stringify({
                compilerOptions: { strict: true, target: "ES2022", module: "commonjs", lib: ["ES2022"], types: ["node", "mocha"], outDir: "out", skipLibCheck: true },
                files: ["index.ts", "index.spec.ts"],
            }),
        );
        execFileSync(process.execPath, [TSC, "-p", "tsconfig.json"], { cwd: example, stdio: ["ignore", "pipe", "pipe"] });
        const mocha = path.join(scratch, "node_modules", "mocha", "bin", "mocha.js");
        const run = spawnSync(process.execPath, [mocha, "--reporter", "json", path.join("out", "index.spec.js")], { cwd: example, encoding: "utf8" });
        const result = JSON.parse(run.stdout) as { stats: { passes: number; failures: number }; failures: { fullTitle: string; err: { message: string } }[] };
        expect(result.failures.map((f) => `${f.fullTitle}: ${f.err.message}`)).to.deep.equal([]);
        expect(result.stats.passes).to.equal(4);
        expect(run.status).to.equal(0);
    });

    it("serves the four components to other languages as Pulumi runs the installed package: GetSchema, then Construct from the build", async () => {
        const packageDir = path.join(scratch, "node_modules", "lambda-concurrency");
        const consumer = path.join(scratch, "yaml-consumer");
        fs.mkdirSync(consumer, { recursive: true });
        const engine = new FakeEngine();
        const plugin = await PluginProcess.start(packageDir, consumer, engine, await engine.start());
        try {
            expect(formatSchema(await plugin.getSchema())).to.equal(fs.readFileSync(GOLDEN_SCHEMA, "utf8"));
            const result = await plugin.construct({
                type: "FixedConcurrency",
                name: "orders",
                inputs: { functionName: "orders", qualifier: "live", provisionedConcurrentExecutions: 2 },
            });
            expect(result.urn).to.equal(urnOf("lambda-concurrency:index:FixedConcurrency", "orders"));
            expect(result.state).to.include({ functionName: "orders", qualifier: "live", provisionedConcurrentExecutions: 2 });
            // The entry (index.js) took the build: ts-node leaves files under node_modules to Node.js, which cannot
            // load the TypeScript sources, so the plugin would not have started on them.
            expect(plugin.stderr()).to.equal("");
        } finally {
            plugin.stop();
            engine.stop();
        }
    });

    it("plans a TypeScript project with its stack's config, through the project's own ts-node", () => {
        const project = path.join(scratch, "orders");
        fs.mkdirSync(project, { recursive: true });
        fs.writeFileSync(path.join(project, "Pulumi.yaml"), "name: orders\nruntime:\n  name: nodejs\n  options:\n    typescript: true\nmain: index.ts\n");
        fs.writeFileSync(path.join(project, "Pulumi.prod.yaml"), "config:\n  aws:region: eu-west-1\n  orders:count: 3\n");
        fs.writeFileSync(
            path.join(project, "index.ts"),
            [
                'import * as pulumi from "@pulumi/pulumi";',
                'import { FixedConcurrency } from "lambda-concurrency";',
                "const count: number = new pulumi.Config().requireNumber(\"count\");",
                'new FixedConcurrency("orders", { functionName: "orders", qualifier: "live", provisionedConcurrentExecutions: count });',
                "",
            ].join("\n"),
        );
        const run = spawnSync(
            path.join(scratch, "node_modules", ".bin", "lambda-concurrency"),
            ["plan", "--program", "orders", "--stack", "prod", "--json"],
            { cwd: scratch, encoding: "utf8" },
        );
        expect(run.status, run.stderr).to.equal(0);
        const plan = JSON.parse(run.stdout) as {
            target: { project: string; stack: string; region: string };
            roots: { urn: string; children: { inputs: Record<string, unknown> }[] }[];
        };
        expect(plan.target).to.deep.include({ project: "orders", stack: "prod", region: "eu-west-1" });
        expect(plan.roots.map((r) => r.urn)).to.deep.equal(["urn:pulumi:prod::orders::lambda-concurrency:index:FixedConcurrency::orders"]);
        expect(plan.roots[0].children[0].inputs.provisionedConcurrentExecutions).to.equal(3);
    });
});
