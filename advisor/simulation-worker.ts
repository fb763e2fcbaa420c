/**
 * A worker thread of the simulation pool (simulation-pool.ts): receives the traffic once, then simulations to run,
 * and posts back progress and results. Nothing here but the message protocol: the simulation is simulator.ts's.
 */
import { parentPort, workerData } from "worker_threads";
import { simulate } from "./simulator";
import type { PoolJob, PoolMessage, WorkerStart } from "./simulation-pool";

const port = parentPort;
if (!port) throw new Error("simulation-worker.ts runs as a worker thread of SimulationPool, not on its own");
const { traffic, cancel } = workerData as WorkerStart;

/** Thrown out of a simulation at a progress point when the pool cancelled its job. */
class Cancelled extends Error {}

port.on("message", (job: PoolJob) => {
    const reply = (message: PoolMessage, transfer?: ArrayBuffer[]): void => port.postMessage(message, transfer);
    try {
        const result = simulate({
            ...job.settings,
            traffic,
            // The simulation calls back at its progress points, the only moments it can be dropped.
            onProgress: (fraction) => {
                if (Atomics.load(cancel, 0) === job.id) throw new Cancelled();
                if (job.reportProgress) reply({ id: job.id, progress: fraction });
            },
        });
        // The series are this thread's own: hand their memory over instead of copying it.
        const series = result.series;
        const buffers = [series.arrivals, series.coldStarts, series.throttled, series.slowRequests, series.peakInFlight, series.busyMs, series.readyCapacity, series.configuredCapacity].map(
            (array) => array.buffer as ArrayBuffer,
        );
        reply({ id: job.id, result }, buffers);
    } catch (error) {
        if (error instanceof Cancelled) return reply({ id: job.id, cancelled: true });
        reply({ id: job.id, error: error instanceof Error ? (error.stack ?? error.message) : String(error) });
    }
});
