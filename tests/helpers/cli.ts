// Runs the `lambda-concurrency` command from source in a child process, as `npm start` does.
import { spawnSync } from "child_process";
import * as path from "path";

export const REPO_ROOT = path.resolve(__dirname, "..", "..");

export interface CliRun {
    status: number | null;
    stdout: string;
    stderr: string;
}

export function runCli(args: string[], options: { cwd?: string } = {}): CliRun {
    const result = spawnSync(
        process.execPath,
        ["-r", "ts-node/register/transpile-only", path.join(REPO_ROOT, "cli", "main.ts"), ...args],
        { cwd: options.cwd ?? REPO_ROOT, encoding: "utf8", env: { ...process.env, TS_NODE_PROJECT: path.join(REPO_ROOT, "tsconfig.json") } },
    );
    return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}
