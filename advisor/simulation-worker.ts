/**
 * A worker thread of the simulation pool (simulation-pool.ts): receives the traffic once, then simulations to run,
 * and posts back progress and results. Nothing here but the message protocol: the simulation is simulator.ts's.
 */
import { parentPort, workerData } from "worker_threads";
import { simulate } from "./simulator";
import { Traffic } from "./traffic";
import type { PoolJob, PoolMessage } from "./simulation-pool";

const port = parentPort;
if (!port) throw new Error("simulation-worker.ts runs as a worker thread of SimulationPool, not on its own");
const traffic = (workerData as { traffic: Traffic }).traffic;

port.on("message", (job: PoolJob) => {
    const reply = (message: PoolMessage, transfer?: ArrayBuffer[]): void => port.postMessage(message, transfer);
    try {
        const result = simulate({
            ...job.settings,
            traffic,
            onProgress: job.reportProgress ? (fraction) => reply({ id: job.id, progress: fraction }) : undefined,
        });
        // The series are this thread's own: hand their memory over instead of copying it.
        const series = result.series;
        const buffers = [series.arrivals, series.coldStarts, series.throttled, series.slowRequests, series.peakInFlight, series.busyMs, series.readyCapacity, series.configuredCapacity].map(
            (array) => array.buffer as ArrayBuffer,
        );
        reply({ id: job.id, result }, buffers);
    } catch (error) {
        reply({ id: job.id, error: error instanceof Error ? (error.stack ?? error.message) : String(error) });
    }
});
