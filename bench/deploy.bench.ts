// A code deploy at peak traffic, with and without the warm rollout (`npm run bench:deploy`, part of `npm run bench`):
// the function of issue 20's week (median 250 ms, p95 600 ms, init 4 s) at 30 requests a second, with enough
// provisioned environments for the peak. Half an hour before the deploy lets the state settle; the figures count the
// requests that arrive in the 10 minutes from the deploy. It measures; it asserts nothing.
import { CapacityPlan, simulate, steadyTraffic } from "../advisor";

const MINUTE_MS = 60_000;
const DEPLOY_AT_MS = 30 * MINUTE_MS;
const WINDOW_MS = 10 * MINUTE_MS;
const RATE = 30;
const PROVISIONED_LEVELS = [15, 20];
const SLOW_MS = 1000;
const FUNCTION = { memoryMb: 1024, initMs: 4000, duration: { medianMs: 250, p95Ms: 600 } };

interface Figures {
    coldStarts: number;
    slow: number;
    requests: number;
    provisionedMinutes: number;
}

function run(plan: CapacityPlan, seed: number): Figures {
    const inWindow = (atMs: number): boolean => atMs >= DEPLOY_AT_MS && atMs < DEPLOY_AT_MS + WINDOW_MS;
    let coldStarts = 0;
    const result = simulate({
        traffic: steadyTraffic(RATE, DEPLOY_AT_MS + WINDOW_MS),
        fn: FUNCTION,
        plan,
        seed,
        stopWhen: { slowThresholdMs: SLOW_MS, slowRequestsAbove: Number.MAX_SAFE_INTEGER },
        runToEnd: true,
        onColdStart: (atMs) => {
            if (inWindow(atMs)) coldStarts++;
        },
    });
    const first = DEPLOY_AT_MS / MINUTE_MS;
    const last = first + WINDOW_MS / MINUTE_MS;
    const sum = (series: Float64Array): number => series.slice(first, last).reduce((a, b) => a + b, 0);
    return {
        coldStarts,
        slow: sum(result.series.slowRequests),
        requests: sum(result.series.arrivals),
        provisionedMinutes: result.usage.provisionedEnabledMs / MINUTE_MS,
    };
}

function main(): void {
    const seeds = [1, 2, 3, 4, 5];
    console.log(`A deploy at ${RATE} requests a second (about 9 requests in flight on average), init ${FUNCTION.initMs / 1000} s, median ${FUNCTION.duration.medianMs} ms, p95 ${FUNCTION.duration.p95Ms} ms;`);
    console.log(`the requests that arrive in the 10 minutes from the deploy, mean of ${seeds.length} seeds:`);
    console.log(`  ${"provisioned".padEnd(12)} ${"case".padEnd(34)} ${"requests".padStart(8)} ${"cold starts".padStart(12)} ${`over ${SLOW_MS} ms`.padStart(12)} ${"environment-minutes billed".padStart(27)}`);
    for (const provisioned of PROVISIONED_LEVELS) {
        const cases: [string, CapacityPlan][] = [
            ["no deploy", { initialCapacity: provisioned }],
            ["deploy, warm rollout (WarmAlias)", { initialCapacity: provisioned, deploys: [{ atMs: DEPLOY_AT_MS, warmRollout: true }] }],
            ["deploy, alias moved at once", { initialCapacity: provisioned, deploys: [{ atMs: DEPLOY_AT_MS, warmRollout: false }] }],
        ];
        for (const [name, plan] of cases) {
            const figures = seeds.map((seed) => run(plan, seed));
            const mean = (pick: (f: Figures) => number): number => figures.reduce((sum, f) => sum + pick(f), 0) / figures.length;
            console.log(
                `  ${String(provisioned).padEnd(12)} ${name.padEnd(34)} ${mean((f) => f.requests).toFixed(0).padStart(8)} ${mean((f) => f.coldStarts).toFixed(1).padStart(12)} ${mean((f) => f.slow).toFixed(1).padStart(12)} ${mean((f) => f.provisionedMinutes).toFixed(0).padStart(27)}`,
            );
        }
    }
}

main();
