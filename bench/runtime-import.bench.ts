// What importing lambda-concurrency/runtime costs a user's function on a cold start.
//
// Compiles runtime/index.ts with the TypeScript API into a temporary folder (the same CommonJS/ES2022 output as the
// published build, without depending on dist/ existing), then starts fresh `node` processes that each require either
// the compiled library or an empty module, timing the require inside the child with process.hrtime. Each child also
// times the library's first use (coldStartInfo(), which makes the instance id) and lists every module it loaded, so
// the run fails if anything from @pulumi (or anything outside the library) was loaded.
//
// Run: node -r ts-node/register/transpile-only bench/runtime-import.bench.ts   (RUNS=60 for more samples)
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import * as ts from "typescript";

const RUNTIME_DIRECTORY = path.resolve(__dirname, "..", "runtime");
const RUNS = Number(process.env.RUNS ?? 40);

/** What a child process reports. */
interface ChildMeasurement {
  requireNs: number;
  firstUseNs: number | null;
  /** Files in require.cache after the require. */
  loadedFiles: string[];
  /** Node.js internal modules loaded by the require (process.moduleLoadList grew by these). */
  internalsLoadedByRequire: string[];
  /** Node.js internal modules loaded by the first use. */
  internalsLoadedByFirstUse: string[];
}

// The child's program: passed with -e, the module path as its first argument.
const CHILD_PROGRAM = `
const modulePath = process.argv[1];
// The first process.hrtime.bigint() of a process costs milliseconds of one-off setup; keep it out of the timings.
process.hrtime.bigint();
const internalsBefore = process.moduleLoadList.length;
const started = process.hrtime.bigint();
const library = require(modulePath);
const required = process.hrtime.bigint();
const internalsAfterRequire = process.moduleLoadList.length;
const loadedFiles = Object.keys(require.cache);
let firstUseNs = null;
if (typeof library.coldStartInfo === "function") {
  const beforeUse = process.hrtime.bigint();
  library.coldStartInfo();
  firstUseNs = Number(process.hrtime.bigint() - beforeUse);
}
const internalsAfterUse = process.moduleLoadList.length;
process.stdout.write(JSON.stringify({
  requireNs: Number(required - started),
  firstUseNs,
  loadedFiles,
  internalsLoadedByRequire: process.moduleLoadList.slice(internalsBefore, internalsAfterRequire),
  internalsLoadedByFirstUse: process.moduleLoadList.slice(internalsAfterRequire, internalsAfterUse),
}));
`;

function compileRuntime(outDir: string): string[] {
  const program = ts.createProgram([path.join(RUNTIME_DIRECTORY, "index.ts")], {
    module: ts.ModuleKind.CommonJS,
    target: ts.ScriptTarget.ES2022,
    strict: true,
    esModuleInterop: true,
    skipLibCheck: true,
    types: ["node"],
    rootDir: RUNTIME_DIRECTORY,
    outDir,
  });
  const emitted: string[] = [];
  const result = program.emit(undefined, (fileName, text) => {
    fs.mkdirSync(path.dirname(fileName), { recursive: true });
    fs.writeFileSync(fileName, text);
    emitted.push(fileName);
  });
  const diagnostics = ts.getPreEmitDiagnostics(program).concat(result.diagnostics);
  if (diagnostics.length > 0) {
    const host: ts.FormatDiagnosticsHost = {
      getCanonicalFileName: (name) => name,
      getCurrentDirectory: () => process.cwd(),
      getNewLine: () => "\n",
    };
    throw new Error(ts.formatDiagnostics(diagnostics, host));
  }
  return emitted;
}

function measure(modulePath: string): ChildMeasurement {
  const child = spawnSync(process.execPath, ["-e", CHILD_PROGRAM, modulePath], { encoding: "utf8" });
  if (child.status !== 0) {
    throw new Error(`child failed (${String(child.status)}): ${child.stderr}`);
  }
  return JSON.parse(child.stdout) as ChildMeasurement;
}

/** The value below which `fraction` of the sorted samples fall (nearest rank). */
function percentile(sortedValues: number[], fraction: number): number {
  const rank = Math.ceil(fraction * sortedValues.length);
  return sortedValues[Math.min(sortedValues.length, Math.max(1, rank)) - 1];
}

function summarize(label: string, nanoseconds: number[]): void {
  const sorted = [...nanoseconds].sort((a, b) => a - b);
  const ms = (value: number) => (value / 1e6).toFixed(3).padStart(7);
  console.log(
    `${label.padEnd(34)} median ${ms(percentile(sorted, 0.5))} ms   p95 ${ms(percentile(sorted, 0.95))} ms   ` +
      `min ${ms(sorted[0])} ms   max ${ms(sorted[sorted.length - 1])} ms`,
  );
}

function main(): void {
  const workDirectory = fs.mkdtempSync(path.join(os.tmpdir(), "lambda-concurrency-runtime-bench-"));
  try {
    const emitted = compileRuntime(workDirectory);
    const libraryPath = path.join(workDirectory, "index.js");
    const emptyPath = path.join(workDirectory, "empty.js");
    fs.writeFileSync(emptyPath, "");

    const library: ChildMeasurement[] = [];
    const empty: ChildMeasurement[] = [];
    // Alternate, so that drift in the machine's load affects both series alike.
    for (let run = 0; run < RUNS; run += 1) {
      empty.push(measure(emptyPath));
      library.push(measure(libraryPath));
    }

    console.log(`lambda-concurrency/runtime import cost: ${RUNS} fresh node ${process.version} processes each`);
    console.log(`compiled: ${emitted.map((file) => path.relative(workDirectory, file)).join(", ")}`);
    summarize("require(empty module) [baseline]", empty.map((sample) => sample.requireNs));
    summarize("require(lambda-concurrency/runtime)", library.map((sample) => sample.requireNs));
    const baselineMedian = percentile([...empty.map((sample) => sample.requireNs)].sort((a, b) => a - b), 0.5);
    summarize(
      "  minus the baseline median",
      library.map((sample) => sample.requireNs - baselineMedian),
    );
    summarize("first coldStartInfo() call", library.map((sample) => sample.firstUseNs ?? 0));

    const loadedFiles = [...new Set(library.flatMap((sample) => sample.loadedFiles))].sort();
    const internals = (pick: (sample: ChildMeasurement) => string[]) =>
      [...new Set(library.flatMap(pick))].sort().join(", ") || "none";
    console.log(`modules loaded by the require: ${loadedFiles.map((file) => path.relative(workDirectory, file)).join(", ")}`);
    console.log(`Node.js internals loaded by the require: ${internals((sample) => sample.internalsLoadedByRequire)}`);
    console.log(`Node.js internals loaded by the first use: ${internals((sample) => sample.internalsLoadedByFirstUse)}`);

    const pulumiModules = loadedFiles.filter((file) => file.includes(`${path.sep}@pulumi${path.sep}`));
    const foreignModules = loadedFiles.filter((file) => !file.startsWith(workDirectory + path.sep));
    if (pulumiModules.length > 0 || foreignModules.length > 0) {
      console.error(`FAIL: the runtime library loaded modules outside itself: ${[...pulumiModules, ...foreignModules].join(", ")}`);
      process.exitCode = 1;
    } else {
      console.log("OK: no @pulumi module, and no module outside the library itself, was loaded");
    }
  } finally {
    fs.rmSync(workDirectory, { recursive: true, force: true });
  }
}

main();
