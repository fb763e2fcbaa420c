// How a function gets the runtime library: the lambda-concurrency-runtime package (built from runtime/), packed and
// installed alone into a function's folder the way the README says, measured, and run; and the same handler bundled
// with esbuild. The components package and its Pulumi peers must never reach a function bundle.
import { expect } from "chai";
import { execFileSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { REPO_ROOT } from "../helpers/cli";

const NPM = process.platform === "win32" ? "npm.cmd" : "npm";
const TSC = path.join(REPO_ROOT, "node_modules", "typescript", "bin", "tsc");
/** The budget for what the runtime may add to a function's node_modules. */
const BUDGET_BYTES = 100 * 1024;

const HANDLER = `
const { withWarmup, coldStartInfo } = require("lambda-concurrency-runtime");
exports.handler = withWarmup(async (event) => ({ statusCode: 200, body: JSON.stringify({ path: event.rawPath, first: coldStartInfo().firstInvocation }) }));
`;

/** Every file under `dir` with its size. */
function filesUnder(dir: string): { file: string; bytes: number }[] {
    return fs.readdirSync(dir, { withFileTypes: true, recursive: true }).flatMap((entry) => {
        if (!entry.isFile()) {
            return [];
        }
        const file = path.join(entry.parentPath, entry.name);
        return [{ file: path.relative(dir, file), bytes: fs.statSync(file).size }];
    });
}

/** Runs the handler in `dir` with a warm-up ping and a request; returns both replies. */
function runHandler(dir: string, entry: string): { ping: Record<string, unknown>; reply: Record<string, unknown> } {
    const script = `
        const { handler } = require(${JSON.stringify(path.join(dir, entry))});
        (async () => {
            const ping = await handler({ "lambda-concurrency": "warmup", warmupId: "w", index: 0, concurrency: 1, delayMs: 0 }, {});
            const reply = await handler({ rawPath: "/orders" }, {});
            process.stdout.write(JSON.stringify({ ping, reply }));
        })();`;
    return JSON.parse(execFileSync(process.execPath, ["-e", script], { encoding: "utf8" })) as { ping: Record<string, unknown>; reply: Record<string, unknown> };
}

describe("the runtime package in a function's bundle", function () {
    this.timeout(120_000);
    let scratch: string;
    let fn: string;

    before(() => {
        scratch = fs.mkdtempSync(path.join(os.tmpdir(), "lambda-concurrency-runtime-"));
        execFileSync(process.execPath, [TSC, "-p", path.join(REPO_ROOT, "runtime", "tsconfig.json")], { stdio: "pipe" });
        const packed = JSON.parse(
            execFileSync(NPM, ["pack", "--json", "--pack-destination", scratch], { cwd: path.join(REPO_ROOT, "runtime"), encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] }),
        ) as { filename: string; files: { path: string }[] }[];
        expect(packed[0].files.map((f) => f.path).sort()).to.deep.equal([
            "dist/cold-start-metric.d.ts",
            "dist/cold-start-metric.js",
            "dist/index.d.ts",
            "dist/index.js",
            "dist/instance-state.d.ts",
            "dist/instance-state.js",
            "package.json",
        ]);
        fn = path.join(scratch, "function");
        fs.mkdirSync(fn);
        fs.writeFileSync(path.join(fn, "package.json"), JSON.stringify({ name: "orders-function", private: true }));
        fs.writeFileSync(path.join(fn, "index.js"), HANDLER);
        // As the README says: `npm install lambda-concurrency-runtime` in the function's folder (here, the tarball).
        execFileSync(NPM, ["install", "--no-audit", "--no-fund", "--prefer-offline", path.join(scratch, packed[0].filename)], { cwd: fn, stdio: "pipe" });
    });

    after(() => {
        fs.rmSync(scratch, { recursive: true, force: true });
    });

    it("adds only itself to node_modules, far under 100 KB", () => {
        const files = filesUnder(path.join(fn, "node_modules"));
        const packages = new Set(files.filter((f) => !f.file.startsWith(".")).map((f) => f.file.split(path.sep)[0]));
        expect([...packages]).to.deep.equal(["lambda-concurrency-runtime"]);
        const bytes = files.reduce((sum, f) => sum + f.bytes, 0);
        expect(bytes).to.be.below(BUDGET_BYTES);
    });

    it("answers a warm-up without running the handler, and runs it for a request", () => {
        const { ping, reply } = runHandler(fn, "index.js");
        expect(ping).to.include({ warmup: true, cold: true, warmupId: "w", index: 0 });
        expect(reply).to.deep.equal({ statusCode: 200, body: JSON.stringify({ path: "/orders", first: false }) });
    });

    it("bundles with esbuild into one small file with no Pulumi in it", () => {
        // eslint-disable-next-line @typescript-eslint/no-require-imports
        const esbuild = require("esbuild") as typeof import("esbuild");
        const out = path.join(scratch, "bundle", "index.js");
        const result = esbuild.buildSync({
            entryPoints: [path.join(fn, "index.js")],
            bundle: true,
            platform: "node",
            target: "node20",
            outfile: out,
            metafile: true,
        });
        expect(Object.keys(result.metafile.inputs).map((input) => input.slice(input.indexOf("node_modules") >= 0 ? input.indexOf("node_modules") : 0)).sort()).to.deep.equal([
            "node_modules/lambda-concurrency-runtime/dist/cold-start-metric.js",
            "node_modules/lambda-concurrency-runtime/dist/index.js",
            "node_modules/lambda-concurrency-runtime/dist/instance-state.js",
            path.relative(process.cwd(), path.join(fn, "index.js")),
        ].sort());
        expect(fs.statSync(out).size).to.be.below(20 * 1024);
        const { ping } = runHandler(path.dirname(out), "index.js");
        expect(ping).to.include({ warmup: true, warmupId: "w" });
    });
});
