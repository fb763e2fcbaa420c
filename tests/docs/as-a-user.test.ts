// The README as users run it (issue 20): its install lines, tsconfigs, program, unit tests and plan command, taken from
// README.md's own fenced blocks into a scratch project outside the repository. The packed package goes in through the
// README's install line with npm's default resolution on this Node (no pins but the README's), so what a user gets
// today is what is tested: once with the TypeScript the README's test-install line takes (6.x, inside @pulumi/pulumi's
// peer range), once with the README's line for TypeScript 5.9. A README edit that breaks a snippet fails here.
// tests/package/pack.test.ts covers the packed package itself with the repository's pinned versions.
//
// It fails when issue 20's items 1 and 2 are put back. To see it, run it on a changed copy of the README:
//   AS_A_USER_README=/tmp/README.md bash .tmp/quick.sh tests/docs/as-a-user.test.ts
// - the test-install line's `typescript@"<7"` back to a bare `typescript`: "names a TypeScript that npm resolves
//   inside @pulumi/pulumi's peer range" fails at once (typescript 7.x, outside ">= 3.8.3 < 7"), and the install after it
//   is not tried (it ran 16 minutes);
// - `"types": ["node", "mocha"]` out of the Unit-testing tsconfig: under TypeScript 6 its compile and the mocha command
//   fail with TS2593: Cannot find name 'describe'.
import { expect } from "chai";
import { execFileSync, spawnSync } from "child_process";
import * as fs from "fs";
import { createRequire } from "module";
import * as os from "os";
import * as path from "path";
import { REPO_ROOT } from "../helpers/cli";

const NPM = process.platform === "win32" ? "npm.cmd" : "npm";
/** A terminal colour code (ESC [ ... m), as mocha writes around its marks when colours are on. */
const ANSI_COLOUR = new RegExp(`${String.fromCharCode(27)}\\[[0-9;]*m`, "g");
/** How long one of the README's install lines may take. A bare `typescript` (7.x) made npm spin for 16 minutes. */
const INSTALL_TIMEOUT_MS = 300_000;

const README = fs.readFileSync(process.env.AS_A_USER_README ?? path.join(REPO_ROOT, "README.md"), "utf8");

/** The README's section under `heading`, with its subsections: up to the next heading of the same or a higher level. */
function readmeSection(readme: string, heading: string): string {
    const lines = readme.split("\n");
    const start = lines.indexOf(heading);
    if (start < 0) {
        throw new Error(`README.md has no heading "${heading}"`);
    }
    const level = heading.indexOf(" ");
    const next = lines.findIndex((line, i) => i > start && /^#+ /.test(line) && line.indexOf(" ") <= level);
    return lines.slice(start + 1, next < 0 ? undefined : next).join("\n");
}

/** The fenced code blocks of `text` in the given language, in order. */
function fencedBlocks(text: string, language: string): string[] {
    return [...text.matchAll(/^```(\w*)\n([\s\S]*?)^```$/gm)].filter((m) => m[1] === language).map((m) => m[2]);
}

/** The one line of `text`'s `sh` blocks that `test` picks. */
function shellLine(text: string, what: string, test: (line: string) => boolean): string {
    const lines = fencedBlocks(text, "sh")
        .flatMap((block) => block.split("\n"))
        .filter(test);
    if (lines.length !== 1) {
        throw new Error(`the README should have one ${what}, has ${lines.length}: ${JSON.stringify(lines)}`);
    }
    return lines[0];
}

/** The ts block the README introduces with a line ending in `intro`. */
function introducedBlock(text: string, intro: string): string {
    const at = text.indexOf(`${intro}\n\n\`\`\`ts\n`);
    if (at < 0) {
        throw new Error(`the README has no ts block after "${intro}"`);
    }
    const start = at + intro.length + "\n\n```ts\n".length;
    return text.slice(start, text.indexOf("\n```\n", start) + 1);
}

/** The snippets a user copies, each from README.md. */
function readmeSnippets(readme: string): {
    installLine: string;
    programTsconfig: string;
    testInstallLine: string;
    testCommand: string;
    testTsconfig: string;
    typescript59Line: string;
    program: string;
    spec: string;
    planLine: string;
} {
    const install = readmeSection(readme, "## Install");
    const unitTesting = readmeSection(readme, "## Unit-testing your program");
    const typescript59 = /`(npm install --save-dev typescript@[^`]*5\.9[^`]*)`/.exec(readmeSection(install, "### Supported versions"));
    if (!typescript59) {
        throw new Error("the README's Supported versions should say how to install TypeScript 5.9");
    }
    const oneJson = (text: string, where: string): string => {
        const blocks = fencedBlocks(text, "json").filter((block) => block.includes('"compilerOptions"'));
        if (blocks.length !== 1) {
            throw new Error(`the README's ${where} should have one tsconfig (a json block with compilerOptions), has ${blocks.length}`);
        }
        return blocks[0];
    };
    return {
        installLine: shellLine(install, "install line in Install", (line) => line.startsWith("npm install ")),
        programTsconfig: oneJson(install, "Install"),
        testInstallLine: shellLine(unitTesting, "test-install line in Unit-testing your program", (line) => /^npm install .* mocha /.test(line)),
        testCommand: shellLine(unitTesting, "mocha command in Unit-testing your program", (line) => line.startsWith("npx mocha ")),
        testTsconfig: oneJson(unitTesting, "Unit-testing your program"),
        typescript59Line: typescript59[1],
        program: introducedBlock(unitTesting, "The program, `index.ts`:"),
        spec: introducedBlock(unitTesting, "Its tests, `index.spec.ts`:"),
        planLine: shellLine(readmeSection(readme, "## Plan your program"), "plan line for ./index.ts --json", (line) =>
            /--program \.\/index\.ts --json\s*$/.test(line),
        ),
    };
}

/** The words of a shell line, as the shell splits them (quotes and all). */
function shellWords(line: string): string[] {
    const out = execFileSync("bash", ["-c", `set -- ${line.replace(/#.*$/, "")}\nprintf '%s\\0' "$@"`], { encoding: "utf8" });
    return out.split("\0").slice(0, -1);
}

/**
 * The environment a user's shell has: without what `npm test` sets for this repository (its package, its folder as the
 * local prefix, the script) and ts-node's settings; npm's own configuration (registry, cache, certificates) stays.
 */
function userEnvironment(): NodeJS.ProcessEnv {
    const env: NodeJS.ProcessEnv = {};
    for (const [name, value] of Object.entries(process.env)) {
        if (!/^(npm_(package_|lifecycle_|command$|execpath$|node_execpath$|config_local_prefix$)|TS_NODE_|INIT_CWD$)/i.test(name)) {
            env[name] = value;
        }
    }
    return { ...env, npm_config_audit: "false", npm_config_fund: "false", npm_config_update_notifier: "false" };
}

interface Run {
    status: number | null;
    stdout: string;
    stderr: string;
    ms: number;
}

/** Runs one of the README's command lines in `cwd` through bash, as a user pastes it. */
function runLine(line: string, cwd: string, timeout = 120_000): Run {
    const started = Date.now();
    const run = spawnSync("bash", ["-c", line], { cwd, encoding: "utf8", env: userEnvironment(), timeout, maxBuffer: 64 * 1024 * 1024 });
    const ms = Date.now() - started;
    if (run.error) {
        throw new Error(`\`${line}\` did not finish in ${timeout / 1000} s (${run.error.message})`);
    }
    return { status: run.status, stdout: run.stdout, stderr: run.stderr, ms };
}

function installedVersion(scratch: string, name: string): string {
    return (JSON.parse(fs.readFileSync(path.join(scratch, "node_modules", name, "package.json"), "utf8")) as { version: string }).version;
}

/** Is the npm registry reachable? The reason when not. */
function registryUnreachable(): string | undefined {
    const ping = spawnSync(NPM, ["ping", "--fetch-retries=0", "--fetch-timeout=15000"], { encoding: "utf8", env: userEnvironment(), timeout: 30_000 });
    if (ping.status === 0) {
        return undefined;
    }
    const reason = ping.error?.message ?? ping.stderr.split("\n").find((line) => line.startsWith("npm error") && !line.includes("A complete log")) ?? ping.stderr.trim();
    return `the npm registry is unreachable (npm ping: ${reason})`;
}

describe("the README as a user runs it", function () {
    this.timeout(INSTALL_TIMEOUT_MS + 60_000);
    const snippets = readmeSnippets(README);
    let scratch: string;
    let semver: { satisfies(version: string, range: string): boolean; maxSatisfying(versions: string[], range: string): string | null };
    let sdkPeerRange: string;

    before(function () {
        const unreachable = registryUnreachable();
        if (unreachable) {
            console.log(`      skipped: ${unreachable}`);
            this.skip();
        }
        scratch = fs.mkdtempSync(path.join(os.tmpdir(), "lambda-concurrency-as-a-user-"));
        const packed = JSON.parse(
            execFileSync(NPM, ["pack", "--json", "--pack-destination", scratch], { cwd: REPO_ROOT, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] }),
        ) as { filename: string }[];
        fs.writeFileSync(path.join(scratch, "package.json"), JSON.stringify({ name: "user-project", private: true }));
        fs.mkdirSync(path.join(scratch, "program"));
        fs.mkdirSync(path.join(scratch, "unit-tests"));
        // The README's program with the Install section's tsconfig; the same program with its tests and the
        // Unit-testing section's tsconfig.
        fs.writeFileSync(path.join(scratch, "program", "tsconfig.json"), snippets.programTsconfig);
        fs.writeFileSync(path.join(scratch, "program", "index.ts"), snippets.program);
        fs.writeFileSync(path.join(scratch, "unit-tests", "tsconfig.json"), snippets.testTsconfig);
        fs.writeFileSync(path.join(scratch, "unit-tests", "index.ts"), snippets.program);
        fs.writeFileSync(path.join(scratch, "unit-tests", "index.spec.ts"), snippets.spec);
        // The README's install line, with the packed tarball where it names the package.
        const words = snippets.installLine.split(" ");
        expect(words.filter((w) => w === "lambda-concurrency"), snippets.installLine).to.have.length(1);
        const installLine = words.map((w) => (w === "lambda-concurrency" ? `./${packed[0].filename}` : w)).join(" ");
        const run = runLine(installLine, scratch, INSTALL_TIMEOUT_MS);
        expect(run.status, run.stderr).to.equal(0);
        console.log(`      ${snippets.installLine}: ${(run.ms / 1000).toFixed(0)} s`);
        semver = createRequire(path.join(scratch, "package.json"))("semver") as typeof semver;
        sdkPeerRange = (
            JSON.parse(fs.readFileSync(path.join(scratch, "node_modules", "@pulumi", "pulumi", "package.json"), "utf8")) as {
                peerDependencies: Record<string, string>;
            }
        ).peerDependencies.typescript;
    });

    after(() => {
        if (scratch) {
            fs.rmSync(scratch, { recursive: true, force: true });
        }
    });

    it("installs the package with the SDK the README says this Node gets", () => {
        expect(fs.existsSync(path.join(scratch, "node_modules", "lambda-concurrency", "dist", "components", "index.js"))).to.equal(true);
        const sdk = installedVersion(scratch, "@pulumi/pulumi");
        if (process.versions.node.startsWith("20.")) {
            expect(sdk).to.equal("3.248.0");
            expect(readmeSection(README, "## Install")).to.contain("On Node 20, npm installs `@pulumi/pulumi` 3.248.0");
        }
        expect(installedVersion(scratch, "@pulumi/aws")).to.match(/^7\./);
    });

    for (const round of [
        { name: "the test-install line's TypeScript (6.x)", line: () => snippets.testInstallLine, major: 6, resolves: false },
        { name: "TypeScript 5.9, installed as Supported versions says", line: () => snippets.typescript59Line, major: 5, resolves: false },
    ]) {
        describe(`with ${round.name}`, () => {
            it("names a TypeScript that npm resolves inside @pulumi/pulumi's peer range", () => {
                // Checked before installing: a bare `typescript` takes 7.x, and npm then spins for many minutes.
                const spec = shellWords(round.line()).find((word) => word === "typescript" || word.startsWith("typescript@"));
                expect(spec, `${round.line()} installs no typescript`).to.be.a("string");
                const range = spec === "typescript" ? "*" : spec!.slice("typescript@".length);
                const view = JSON.parse(
                    execFileSync(NPM, ["view", "typescript", "versions", "dist-tags", "--json"], { encoding: "utf8", env: userEnvironment() }),
                ) as { versions: string[]; "dist-tags": { latest: string } };
                // npm's pick: the latest tag when it is in the range, else the highest version in it.
                const latest = view["dist-tags"].latest;
                const picked = semver.satisfies(latest, range) ? latest : semver.maxSatisfying(view.versions, range);
                expect(picked, `${round.line()} takes typescript ${picked}, outside @pulumi/pulumi's peer range ${sdkPeerRange}`).to.satisfy(
                    (v: string | null) => v !== null && semver.satisfies(v, sdkPeerRange),
                );
                expect(Number(picked!.split(".")[0])).to.equal(round.major);
                round.resolves = true;
            });

            it("installs it with the README's line, within the SDK's peer range", () => {
                expect(round.resolves, `not installed: ${round.line()} takes a TypeScript outside the SDK's peer range`).to.equal(true);
                const run = runLine(round.line(), scratch, INSTALL_TIMEOUT_MS);
                expect(run.status, run.stderr).to.equal(0);
                const typescript = installedVersion(scratch, "typescript");
                expect(semver.satisfies(typescript, sdkPeerRange), `typescript ${typescript} in ${sdkPeerRange}`).to.equal(true);
                expect(Number(typescript.split(".")[0])).to.equal(round.major);
                const versions = ["typescript", "ts-node", "mocha", "@types/mocha", "@types/node", "@pulumi/pulumi", "@pulumi/aws"].map(
                    (name) => `${name} ${installedVersion(scratch, name)}`,
                );
                console.log(`      ${round.line()}: ${(run.ms / 1000).toFixed(0)} s; ${versions.join(", ")}`);
            });

            /** The installed TypeScript's `tsc --noEmit` on the tsconfig of the scratch project's `folder`: no output. */
            const typeChecksClean = (folder: string): void => {
                const tsc = spawnSync(process.execPath, [path.join(scratch, "node_modules", "typescript", "bin", "tsc"), "--noEmit", "-p", "."], {
                    cwd: path.join(scratch, folder),
                    encoding: "utf8",
                });
                expect(tsc.stdout + tsc.stderr).to.equal("");
                expect(tsc.status).to.equal(0);
            };

            it("compiles the README's program with the Install section's tsconfig", () => typeChecksClean("program"));

            it("compiles the program and its tests with the Unit-testing section's tsconfig", () => typeChecksClean("unit-tests"));

            if (round.major === 6) {
                it("needs that tsconfig's types: without them TypeScript 6 does not know mocha's describe", () => {
                    const config = JSON.parse(snippets.testTsconfig) as { compilerOptions: Record<string, unknown> };
                    expect(config.compilerOptions.types).to.deep.equal(["node", "mocha"]);
                    delete config.compilerOptions.types;
                    fs.writeFileSync(path.join(scratch, "unit-tests", "tsconfig.without-types.json"), JSON.stringify(config));
                    const tsc = spawnSync(
                        process.execPath,
                        [path.join(scratch, "node_modules", "typescript", "bin", "tsc"), "--noEmit", "-p", "tsconfig.without-types.json"],
                        { cwd: path.join(scratch, "unit-tests"), encoding: "utf8" },
                    );
                    fs.rmSync(path.join(scratch, "unit-tests", "tsconfig.without-types.json"));
                    expect(tsc.stdout).to.contain("index.spec.ts(16,1): error TS2593: Cannot find name 'describe'.");
                    expect(tsc.status).to.equal(2);
                });
            }

            it("runs the README's tests with the README's mocha command: every test passes", () => {
                const run = runLine(snippets.testCommand, path.join(scratch, "unit-tests"));
                const titles = [...snippets.spec.matchAll(/^\s+it\("([^"]+)"/gm)].map((m) => m[1]);
                expect(titles).to.have.length(4);
                expect(run.stderr).to.equal("");
                // Mocha colours its report where the environment says colours work (CI=true does): read it plain.
                const report = run.stdout.replace(ANSI_COLOUR, "");
                for (const title of titles) {
                    expect(report).to.contain(`✔ ${title}`);
                }
                expect(report).to.match(new RegExp(`\\n  ${titles.length} passing \\(\\d+m?s\\)\\n`));
                expect(report).not.to.contain("failing");
                expect(run.status).to.equal(0);
            });

            it("plans the program with the README's plan command", () => {
                const run = runLine(snippets.planLine, path.join(scratch, "program"));
                expect(run.status, run.stderr).to.equal(0);
                const plan = JSON.parse(run.stdout) as {
                    roots: { type: string; name: string; children: { type: string; name: string }[] }[];
                    totals: { resources: number; provisionedConcurrentExecutions: number };
                };
                expect(plan.roots.map((r) => [r.type, r.name, r.children.map((c) => `${c.type} ${c.name}`)])).to.deep.equal([
                    ["aws:iam/role:Role", "orders-role", []],
                    ["aws:lambda/function:Function", "api", []],
                    ["aws:lambda/function:Function", "worker", []],
                    ["aws:lambda/alias:Alias", "api-live", []],
                    [
                        "lambda-concurrency:index:UtilizationScaling",
                        "worker-load",
                        [
                            "aws:lambda/provisionedConcurrencyConfig:ProvisionedConcurrencyConfig worker-load",
                            "aws:appautoscaling/target:Target worker-load-target",
                            "aws:appautoscaling/policy:Policy worker-load-tracking",
                        ],
                    ],
                    [
                        "lambda-concurrency:index:FixedConcurrency",
                        "api-warm",
                        [
                            "aws:lambda/provisionedConcurrencyConfig:ProvisionedConcurrencyConfig api-warm",
                            "aws:appautoscaling/target:Target api-warm-target",
                        ],
                    ],
                ]);
                expect(plan.totals).to.include({ resources: 11, provisionedConcurrentExecutions: 3 });
            });
        });
    }
});
