// Benchmark of the advisor (`npm run bench`): one week at 50,000 requests an hour (about 8.4 million requests).
// 1. each of the five strategies simulated once, at fixed parameters: requests simulated per second;
// 2. the whole comparison as `lambda-concurrency advise` runs it, parameter searches included, in this thread;
// 2b. realistic weeks through the compiled command (built first), on one thread and on one worker per core;
// 3. memory at 1x and 4x the traffic, each in a fresh process: peak RSS (the kernel's high-water mark) and the
//    highest heap in use sampled during the runs, to show that memory does not grow with the number of requests.
// It measures; it asserts nothing (timings depend on the machine and its load).
import { execFileSync, spawnSync } from "child_process";
import * as os from "os";
import * as path from "path";
import { advise, CapacityPlan, defaultWorkerCount, simulate, steadyTraffic, Traffic } from "../advisor";

const WEEK_MS = 7 * 24 * 3_600_000;
const REQUESTS_PER_HOUR = 50_000;
// The Compute Blog function (../shared/background/002): median 175 ms, init over a second.
const FUNCTION = { memoryMb: 1024, architecture: "x86_64" as const, initMs: 1200, duration: { medianMs: 175, p95Ms: 230 } };

/** Fixed parameters for the one-simulation-each run: sized for ~2.5 environments in use on average. */
const PLANS: { name: string; plan: CapacityPlan }[] = [
    { name: "on-demand", plan: { initialCapacity: 0 } },
    { name: "warmer", plan: { initialCapacity: 0, warmer: { concurrency: 6, intervalMs: 5 * 60_000 } } },
    { name: "fixed", plan: { initialCapacity: 6 } },
    {
        name: "scheduled",
        plan: {
            initialCapacity: 3,
            capacityActions: Array.from({ length: 14 }, (_, i) => ({ atMs: (i * 12 + 8) * 3_600_000, capacity: i % 2 === 0 ? 8 : 3 })),
        },
    },
    {
        name: "tracking",
        plan: { initialCapacity: 2, tracking: { targetUtilization: 0.7, statistic: "Maximum", minCapacity: 2, maxCapacity: 40 } },
    },
];

const COMMAND = path.join(__dirname, "..", "dist", "cli", "main.js");
/**
 * Realistic weeks (issue 13's cases: office-hours APIs, a slow init, bursts, the per-hour and p99 goals), as a user
 * runs them: `lambda-concurrency advise` from the compiled package, process start included.
 */
const REALISTIC_CASES: [string, string][] = [
    ["business hours 30/3 rps, init 900 ms, 0.001%", "--shape business-hours --peak-rps 30 --rps 3 --init-ms 900 --duration-ms 120 --p95-ms 300 --goal-cold-starts 0.00001"],
    ["business hours 20/2 rps, init 4 s, 0.01%", "--shape business-hours --peak-rps 20 --rps 2 --init-ms 4000 --goal-cold-starts 0.0001"],
    ["business hours 20/2 rps, init 4 s, 2 per hour", "--shape business-hours --peak-rps 20 --rps 2 --init-ms 4000 --goal-cold-starts 0.0001,2/hour"],
    ["business hours 20/2 rps, init 4 s, p99 300 ms", "--shape business-hours --peak-rps 20 --rps 2 --init-ms 4000 --goal-p99-ms 300"],
    ["business hours 20/2 rps, java21 (+ SnapStart)", "--shape business-hours --peak-rps 20 --rps 2 --runtime java21 --goal-cold-starts 0.0001"],
    ["spiky 50/5 rps, init 4 s, 0.01%", "--shape spiky --peak-rps 50 --rps 5 --init-ms 4000 --goal-cold-starts 0.0001"],
    ["business hours 50/5 rps, init 4 s, 2 per hour", "--shape business-hours --peak-rps 50 --rps 5 --init-ms 4000 --goal-cold-starts 0.0001,2/hour"],
    ["business hours 100/10 rps, init 4 s, 0.01%", "--shape business-hours --peak-rps 100 --rps 10 --init-ms 4000 --goal-cold-starts 0.0001"],
    // Issue 20's cases: item 7's week (slow p95, 4 s init), item 6's office hours in Madrid under a per-hour goal.
    ["business hours 30/2 rps, p95 600 ms, init 4 s, 0.01%", "--shape business-hours --peak-rps 30 --rps 2 --duration-ms 250 --p95-ms 600 --init-ms 4000 --goal-cold-starts 0.0001"],
    [
        "09:00-18:00 Madrid 25/1 rps, init 2.5 s, 2 per hour",
        "--shape business-hours --timezone Europe/Madrid --open 09:00 --close 18:00 --peak-rps 25 --rps 1 --duration-ms 300 --init-ms 2500 --goal-cold-starts 2/hour",
    ],
];

/** Runs the compiled command once; returns its wall-clock time and what its JSON says of the work. */
function timeCommand(args: string): { seconds: number; requests: number; simulations: number; simulatedRequests: number } {
    const start = process.hrtime.bigint();
    const run = spawnSync(process.execPath, [COMMAND, "advise", ...args.split(" "), "--json"], { encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
    const elapsed = seconds(start);
    if (run.status !== 0) throw new Error(`lambda-concurrency advise ${args} failed: ${run.stderr}`);
    const json = JSON.parse(run.stdout) as { inputs: { requests: number }; work: { simulations: number; simulatedRequests: number } };
    return { seconds: elapsed, requests: json.inputs.requests, ...json.work };
}

/** Tracks the highest heap in use, sampled whenever a simulation reports progress (every 131,072 requests). */
class MemoryWatch {
    peakHeapUsed = 0;
    sample = (): void => {
        this.peakHeapUsed = Math.max(this.peakHeapUsed, process.memoryUsage().heapUsed);
    };
}

function traffic(scale: number): Traffic {
    return steadyTraffic((REQUESTS_PER_HOUR * scale) / 3600, WEEK_MS);
}

function seconds(since: bigint): number {
    return Number(process.hrtime.bigint() - since) / 1e9;
}

function millions(count: number): string {
    return `${(count / 1e6).toFixed(2)}M`;
}

function mb(bytes: number): string {
    return `${(bytes / 1024 / 1024).toFixed(0)} MB`;
}

/** Runs the named plans once each at a scale; returns what a child reports to the parent. */
interface MemoryReport {
    scale: number;
    requests: number;
    seconds: number;
    peakRss: number;
    peakHeapUsed: number;
    baselineRss: number;
}

function measureMemory(scale: number, names: readonly string[]): MemoryReport {
    const baselineRss = process.memoryUsage().rss;
    const watch = new MemoryWatch();
    const start = process.hrtime.bigint();
    let requests = 0;
    for (const { plan } of PLANS.filter((entry) => names.includes(entry.name))) {
        const result = simulate({ traffic: traffic(scale), fn: FUNCTION, plan, seed: 1, onProgress: watch.sample });
        requests += result.arrivals;
    }
    watch.sample();
    // resourceUsage().maxRSS is the process's peak resident set size, in kilobytes.
    const peakRss = process.resourceUsage().maxRSS * 1024;
    return { scale, requests, seconds: seconds(start), peakRss, peakHeapUsed: watch.peakHeapUsed, baselineRss };
}

function main(): void {
    const childScale = process.argv.indexOf("--memory-child");
    if (childScale >= 0) {
        const scale = Number(process.argv[childScale + 1]);
        process.stdout.write(JSON.stringify(measureMemory(scale, ["on-demand", "tracking"])));
        return;
    }

    const cpus = os.cpus();
    console.log(`Advisor benchmark: one week of steady traffic at ${REQUESTS_PER_HOUR.toLocaleString("en-US")} requests/hour`);
    console.log(`Node ${process.version}, ${cpus.length} CPU(s) (${cpus[0]?.model ?? "unknown"}), load average ${os.loadavg().map((load) => load.toFixed(2)).join(" ")}`);
    console.log("");

    console.log("1. Each strategy simulated once, at fixed parameters:");
    const watch = new MemoryWatch();
    let total = 0;
    let totalRequests = 0;
    for (const { name, plan } of PLANS) {
        const start = process.hrtime.bigint();
        const result = simulate({ traffic: traffic(1), fn: FUNCTION, plan, seed: 1, onProgress: watch.sample });
        const elapsed = seconds(start);
        total += elapsed;
        totalRequests += result.arrivals;
        console.log(
            `   ${name.padEnd(10)} ${result.arrivals.toLocaleString("en-US").padStart(10)} requests  ${elapsed.toFixed(2).padStart(5)} s  ` +
                `${millions(result.arrivals / elapsed).padStart(6)} requests/s  (${result.coldStarts} cold starts)`,
        );
    }
    console.log(`   all five   ${millions(totalRequests).padStart(10)} requests  ${total.toFixed(2).padStart(5)} s  ${millions(totalRequests / total).padStart(6)} requests/s`);
    console.log("");

    console.log("2. The whole comparison (`advise`: on-demand profile, searches for each strategy's parameters, verification):");
    // The default goal (0.1% cold starts), which on-demand already meets here, then one that needs warm capacity.
    for (const goal of [undefined, { maxColdStartFraction: 0.00001 }]) {
        const start = process.hrtime.bigint();
        const cpuStart = process.cpuUsage();
        const advice = advise({ traffic: traffic(1), fn: FUNCTION, goal, onProgress: watch.sample });
        const elapsed = seconds(start);
        const cpu = process.cpuUsage(cpuStart);
        console.log(
            `   ${advice.simulations} simulations, ${millions(advice.simulatedRequests)} requests simulated in ${elapsed.toFixed(2)} s ` +
                `(CPU ${((cpu.user + cpu.system) / 1e6).toFixed(2)} s): ${millions(advice.simulatedRequests / elapsed)} requests/s`,
        );
        console.log(`   ${advice.recommendation.summary}`);
    }
    console.log(`   peak heap in use in this process: ${mb(watch.peakHeapUsed)}`);
    console.log("");

    console.log("2b. Realistic weeks, each the whole comparison with every strategy and the goal search (issue 13's cases),");
    console.log(`    timed as \`lambda-concurrency advise ... --json\` (compiled, process start included), on 1 thread and on ${defaultWorkerCount()}:`);
    console.log("   case                                                   requests/week  simulations  requests simulated  --workers 1  default");
    execFileSync("npm", ["run", "--silent", "build"], { stdio: "inherit" });
    for (const [name, args] of REALISTIC_CASES) {
        const oneThread = timeCommand(`${args} --workers 1`);
        const parallel = timeCommand(args);
        console.log(
            `   ${name.padEnd(53)}  ${millions(parallel.requests).padStart(13)}  ${String(parallel.simulations).padStart(11)}  ` +
                `${millions(parallel.simulatedRequests).padStart(18)}  ${oneThread.seconds.toFixed(2).padStart(9)} s  ${parallel.seconds.toFixed(2).padStart(5)} s`,
        );
    }
    console.log("");

    console.log("3. Memory, each scale in a fresh process (on-demand and tracking simulated once each):");
    console.log("   scale  requests/hour  requests simulated  time     peak RSS  peak heap used  RSS before simulating");
    for (const scale of [1, 4]) {
        const child = spawnSync(process.execPath, [...process.execArgv, __filename, "--memory-child", String(scale)], { encoding: "utf8" });
        if (child.status !== 0) {
            console.log(`   ${scale}x failed: ${child.stderr}`);
            continue;
        }
        const report = JSON.parse(child.stdout) as MemoryReport;
        console.log(
            `   ${`${scale}x`.padEnd(5)}  ${(REQUESTS_PER_HOUR * scale).toLocaleString("en-US").padStart(13)}  ${millions(report.requests).padStart(18)}  ` +
                `${report.seconds.toFixed(1).padStart(5)} s  ${mb(report.peakRss).padStart(8)}  ${mb(report.peakHeapUsed).padStart(14)}  ${mb(report.baselineRss).padStart(21)}`,
        );
    }
}

main();
