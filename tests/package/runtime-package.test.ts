// How a function gets the runtime library: the lambda-concurrency-runtime package (built from runtime/), packed and
// installed alone into a function's folder the way the README says, measured, and run; and the same handler bundled
// with esbuild. The components package and its Pulumi peers must never reach a function bundle. The README's figures
// (installed size, share of the bundle) are the measured ones within a stated tolerance, and the package's own README
// example compiles with the types it says to install.
import { expect } from "chai";
import { execFileSync, spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { REPO_ROOT } from "../helpers/cli";

const NPM = process.platform === "win32" ? "npm.cmd" : "npm";
const TSC = path.join(REPO_ROOT, "node_modules", "typescript", "bin", "tsc");
/** The budget for what the runtime may add to a function's node_modules. */
const BUDGET_BYTES = 100 * 1024;
/** The README's figures are in kB as npm prints them (1000 bytes), rounded: within these fractions of the measurement. */
const INSTALLED_TOLERANCE = 0.05;
const BUNDLE_TOLERANCE = 0.1;
/** The esbuild command the README shows; the bundle figures are for it. */
const README_ESBUILD = "esbuild index.js --bundle --platform=node --target=node20 --outfile=dist/index.js";

function devDependencyVersion(name: string): string {
    return (JSON.parse(fs.readFileSync(path.join(REPO_ROOT, "package.json"), "utf8")) as { devDependencies: Record<string, string> }).devDependencies[name];
}

/** Every figure the README gives before `unit` (a regular expression source), in bytes (kB = 1000 bytes). */
function readmeFigures(unit: string): number[] {
    const readme = fs.readFileSync(path.join(REPO_ROOT, "README.md"), "utf8");
    return [...readme.matchAll(new RegExp(`([0-9]+(?:\\.[0-9]+)?) kB ${unit}`, "g"))].map((match) => Number(match[1]) * 1000);
}

/** `figure` is `measured` within `tolerance` (a fraction). */
function expectNear(figure: number, measured: number, tolerance: number, what: string): void {
    expect(Math.abs(figure - measured) / measured, `${what}: the README says ${figure / 1000} kB, measured ${measured} bytes`).to.be.at.most(tolerance);
}

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
    let tarball: string;
    let unpackedSize: number;

    before(() => {
        scratch = fs.mkdtempSync(path.join(os.tmpdir(), "lambda-concurrency-runtime-"));
        execFileSync(process.execPath, [TSC, "-p", path.join(REPO_ROOT, "runtime", "tsconfig.json")], { stdio: "pipe" });
        const packed = JSON.parse(
            execFileSync(NPM, ["pack", "--json", "--pack-destination", scratch], { cwd: path.join(REPO_ROOT, "runtime"), encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] }),
        ) as { filename: string; unpackedSize: number; files: { path: string }[] }[];
        expect(packed[0].files.map((f) => f.path).sort()).to.deep.equal([
            "LICENSE",
            "README.md",
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
        tarball = path.join(scratch, packed[0].filename);
        unpackedSize = packed[0].unpackedSize;
        execFileSync(NPM, ["install", "--no-audit", "--no-fund", "--prefer-offline", tarball], { cwd: fn, stdio: "pipe" });
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

    it("is the size the README says, everywhere it says it (kB installed)", () => {
        const installed = filesUnder(path.join(fn, "node_modules", "lambda-concurrency-runtime")).reduce((sum, f) => sum + f.bytes, 0);
        expect(installed).to.equal(unpackedSize);
        const figures = readmeFigures("installed");
        expect(figures).to.not.be.empty;
        for (const figure of figures) {
            expectNear(figure, installed, INSTALLED_TOLERANCE, "installed size");
        }
    });

    it("ships its own README and the project's licence (Apache-2.0, the standard text)", () => {
        const unpacked = path.join(scratch, "unpacked");
        fs.mkdirSync(unpacked);
        execFileSync("tar", ["-xzf", tarball, "-C", unpacked]);
        const manifest = JSON.parse(fs.readFileSync(path.join(unpacked, "package", "package.json"), "utf8")) as { license: string };
        const root = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, "package.json"), "utf8")) as { license: string };
        expect(manifest.license).to.equal(root.license).and.to.equal("Apache-2.0");
        const licence = fs.readFileSync(path.join(unpacked, "package", "LICENSE"), "utf8");
        expect(licence).to.include("Apache License\n                           Version 2.0, January 2004");
        expect(licence).to.include("END OF TERMS AND CONDITIONS");
        const readme = fs.readFileSync(path.join(unpacked, "package", "README.md"), "utf8");
        expect(readme).to.match(/^# lambda-concurrency-runtime\n/);
        expect(readme).to.include("npm install --save-dev @types/aws-lambda");
    });

    it("its README's TypeScript example compiles with the types the README says to install", () => {
        const project = path.join(scratch, "typed-function");
        fs.mkdirSync(project);
        fs.writeFileSync(path.join(project, "package.json"), JSON.stringify({ name: "typed-function", private: true }));
        execFileSync(
            NPM,
            ["install", "--no-audit", "--no-fund", "--prefer-offline", tarball, ...["@types/aws-lambda", "@types/node"].map((name) => `${name}@${devDependencyVersion(name)}`)],
            { cwd: project, stdio: "pipe" },
        );
        const readme = fs.readFileSync(path.join(REPO_ROOT, "runtime", "README.md"), "utf8");
        const example = /```ts\n([\s\S]*?)```/.exec(readme)?.[1];
        expect(example).to.include('from "aws-lambda"');
        fs.writeFileSync(path.join(project, "index.ts"), example!);
        // The compiler options of a Pulumi TypeScript template, as the main README's Install section shows them.
        const compiled = spawnSync(
            process.execPath,
            [TSC, "--noEmit", "--strict", "--target", "ES2022", "--module", "commonjs", "--lib", "ES2022", "--skipLibCheck", "index.ts"],
            { cwd: project, encoding: "utf8" },
        );
        expect(compiled.stdout + compiled.stderr).to.equal("");
        expect(compiled.status).to.equal(0);
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

    it("takes the share of the bundle the README says, with the README's esbuild command and with --minify", () => {
        // eslint-disable-next-line @typescript-eslint/no-require-imports
        const esbuild = require("esbuild") as typeof import("esbuild");
        const readme = fs.readFileSync(path.join(REPO_ROOT, "README.md"), "utf8");
        expect(readme).to.include(README_ESBUILD);
        /** The bytes the library's files take in the bundle of the README's command (--bundle --platform=node --target=node20). */
        const libraryBytes = (minify: boolean): number => {
            const result = esbuild.buildSync({
                entryPoints: [path.join(fn, "index.js")],
                bundle: true,
                platform: "node",
                target: "node20",
                minify,
                outfile: path.join(scratch, minify ? "bundle-min" : "bundle-plain", "index.js"),
                metafile: true,
            });
            const [output] = Object.values(result.metafile.outputs);
            return Object.entries(output.inputs)
                .filter(([input]) => input.includes("node_modules/lambda-concurrency-runtime/"))
                .reduce((sum, [, input]) => sum + input.bytesInOutput, 0);
        };
        const [plain] = readmeFigures("of the bundle");
        const [minified] = readmeFigures("with `--minify`");
        expect(plain, "the README's figure for the library's share of the bundle").to.be.a("number");
        expect(minified, "the README's figure with --minify").to.be.a("number");
        expectNear(plain, libraryBytes(false), BUNDLE_TOLERANCE, "share of the bundle");
        expectNear(minified, libraryBytes(true), BUNDLE_TOLERANCE, "share of the bundle with --minify");
    });
});
