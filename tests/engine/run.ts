// `npm run test:engine`: the real Pulumi engine deploys, changes, refreshes and destroys the sample programs and the
// components' transitions against the AWS stand-in (tests/engine/*.engine.ts). The CLI is built from its Go modules
// (tools/pulumi-cli/build.sh, cached outside the clone); on a machine without Go this prints one line and exits 0.
import { spawnSync } from "child_process";
import * as path from "path";
import { CLI_ROOT_VARIABLE } from "./harness";

const REPO_ROOT = path.resolve(__dirname, "..", "..");

function main(): number {
    const go = spawnSync("go", ["version"], { encoding: "utf8" });
    if (go.error !== undefined || go.status !== 0) {
        console.log("test:engine: skipped: Go is not installed here, and the Pulumi CLI is built from its Go modules (README, \"The real Pulumi engine\")");
        return 0;
    }
    const started = Date.now();
    const build = spawnSync("bash", [path.join(REPO_ROOT, "tools", "pulumi-cli", "build.sh")], { encoding: "utf8", stdio: ["ignore", "pipe", "inherit"] });
    if (build.status !== 0) {
        console.error(`test:engine: building the Pulumi CLI failed (exit ${String(build.status)})`);
        return 1;
    }
    const root = build.stdout.trim().split("\n").pop() ?? "";
    console.log(`test:engine: Pulumi CLI at ${root} (ready in ${((Date.now() - started) / 1000).toFixed(1)} s)`);
    const mocha = spawnSync(
        process.execPath,
        [require.resolve("mocha/bin/mocha.js"), "--config", path.join(REPO_ROOT, "tests", "engine", ".mocharc.json"), ...process.argv.slice(2)],
        { cwd: REPO_ROOT, stdio: "inherit", env: { ...process.env, [CLI_ROOT_VARIABLE]: root } },
    );
    console.log(`test:engine: ${((Date.now() - started) / 1000).toFixed(0)} s in all`);
    return mocha.status ?? 1;
}

process.exitCode = main();
