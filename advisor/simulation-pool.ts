/**
 * A pool of worker threads that run simulations side by side (adviseInParallel): the searches of the different
 * strategies are independent once the on-demand run is done, and each simulation is single-threaded, so on N cores
 * up to N of them run at once. The traffic goes to each worker once, at start (a trace's timestamps in shared memory,
 * not copied); a job is then only the plan and settings, and a result comes back with its series' memory handed over.
 * A job can be cancelled (a speculative run that turned out not to be needed): a running one stops at its next
 * progress point, as the worker reads the job it must drop from memory shared with this thread.
 */
import * as os from "os";
import * as path from "path";
import { Worker } from "worker_threads";
import { SimulationSettings } from "./simulation-runner";
import { SimulationResult } from "./simulator";
import { Traffic } from "./traffic";

/** What the pool sends a worker. */
export interface PoolJob {
    readonly id: number;
    readonly settings: SimulationSettings;
    readonly reportProgress: boolean;
}

/** What a worker sends back: progress of a job, then its result or its error. */
export type PoolMessage =
    | { readonly id: number; readonly progress: number }
    | { readonly id: number; readonly result: SimulationResult }
    | { readonly id: number; readonly error: string }
    | { readonly id: number; readonly cancelled: true };

/** What a worker gets at start: the traffic, and where this thread writes the id of a job to drop (0: none). */
export interface WorkerStart {
    readonly traffic: Traffic;
    readonly cancel: Int32Array;
}

/** The error of a cancelled job's promise. */
export const CANCELLED_MESSAGE = "the simulation was cancelled";

interface PendingJob {
    readonly job: PoolJob;
    readonly priority: number;
    readonly onProgress?: (fraction: number) => void;
    readonly resolve: (result: SimulationResult) => void;
    readonly reject: (error: Error) => void;
}

/** As many workers as the machine runs threads at once (at most 8: the searches rarely keep more busy). */
export function defaultWorkerCount(): number {
    return Math.max(1, Math.min(8, os.availableParallelism()));
}

export class SimulationPool {
    private readonly workers: Worker[] = [];
    /** Each worker's shared cell for the id of the job it must drop. */
    private readonly cancelCells: Int32Array[] = [];
    /** The job each worker is running (undefined when idle). */
    private readonly running: (PendingJob | undefined)[] = [];
    private readonly queue: PendingJob[] = [];
    private nextId = 1;
    private failure: Error | undefined;

    constructor(traffic: Traffic, size: number) {
        if (!Number.isInteger(size) || size < 1) throw new Error(`SimulationPool needs at least one worker, got ${size}`);
        const shared = sharedTraffic(traffic);
        for (let index = 0; index < size; index++) {
            const cancel = new Int32Array(new SharedArrayBuffer(Int32Array.BYTES_PER_ELEMENT));
            const worker = startWorker({ traffic: shared, cancel });
            this.cancelCells.push(cancel);
            worker.on("message", (message: PoolMessage) => this.onMessage(index, message));
            worker.on("error", (error: Error) => this.fail(new Error(`a simulation worker failed: ${error.message}`)));
            worker.on("exit", (code) => {
                if (code !== 0) this.fail(new Error(`a simulation worker exited with code ${code}`));
            });
            this.workers.push(worker);
            this.running.push(undefined);
        }
    }

    /** How many workers the pool has. */
    get size(): number {
        return this.workers.length;
    }

    /**
     * Runs one simulation on the first free worker. Waiting jobs start by priority (lower first), then in order: the
     * caller puts first what the most work waits on.
     */
    run(settings: SimulationSettings, onProgress?: (fraction: number) => void, priority = 0): Promise<SimulationResult> {
        return this.start(settings, onProgress, priority).result;
    }

    /**
     * Like run(), with a way to drop the job: a queued one is taken out, a running one stops at its next progress point
     * (every 131,072 requests) and frees its worker. The result is then rejected with CANCELLED_MESSAGE.
     */
    start(settings: SimulationSettings, onProgress?: (fraction: number) => void, priority = 0): { result: Promise<SimulationResult>; cancel: () => void } {
        const id = this.nextId++;
        if (this.failure) return { result: Promise.reject(this.failure), cancel: () => undefined };
        const result = new Promise<SimulationResult>((resolve, reject) => {
            const job = { id, settings, reportProgress: onProgress !== undefined };
            const pending = { job, priority, onProgress, resolve, reject };
            const after = this.queue.findIndex((queued) => queued.priority > priority);
            this.queue.splice(after < 0 ? this.queue.length : after, 0, pending);
            this.dispatch();
        });
        return { result, cancel: () => this.cancel(id) };
    }

    private cancel(id: number): void {
        const queued = this.queue.findIndex((pending) => pending.job.id === id);
        if (queued >= 0) {
            const [pending] = this.queue.splice(queued, 1);
            pending.reject(new Error(CANCELLED_MESSAGE));
            return;
        }
        const index = this.running.findIndex((pending) => pending?.job.id === id);
        if (index >= 0) Atomics.store(this.cancelCells[index], 0, id);
    }

    /** Stops the workers (jobs still queued or running are rejected). */
    async close(): Promise<void> {
        this.fail(new Error("the simulation pool was closed"));
        await Promise.all(this.workers.map((worker) => worker.terminate()));
    }

    private dispatch(): void {
        for (let index = 0; index < this.workers.length && this.queue.length > 0; index++) {
            if (this.running[index]) continue;
            const pending = this.queue.shift()!;
            this.running[index] = pending;
            this.workers[index].postMessage(pending.job);
        }
    }

    private onMessage(index: number, message: PoolMessage): void {
        const pending = this.running[index];
        if (!pending || pending.job.id !== message.id) return;
        if ("progress" in message) {
            pending.onProgress?.(message.progress);
            return;
        }
        this.running[index] = undefined;
        if ("result" in message) pending.resolve(message.result);
        else if ("cancelled" in message) pending.reject(new Error(CANCELLED_MESSAGE));
        else pending.reject(new Error(`simulation failed in a worker: ${message.error}`));
        // Not at once: first let the search that waited for this result ask for its next simulation (its promise
        // callbacks run before the next event): it may come before jobs queued earlier. Measured on issue 13's weeks:
        // the slowest (11 million requests, 2 cold starts an hour) 5.6 -> 4.9 s; the others within 0.3 s either way.
        setImmediate(() => this.dispatch());
    }

    private fail(error: Error): void {
        if (this.failure) return;
        this.failure = error;
        const pending = [...this.queue, ...this.running.filter((job): job is PendingJob => job !== undefined)];
        this.queue.length = 0;
        this.running.fill(undefined);
        for (const job of pending) job.reject(error);
    }
}

/** The traffic with a trace's timestamps moved to shared memory, so that every worker reads the one copy. */
function sharedTraffic(traffic: Traffic): Traffic {
    if (traffic.kind !== "trace") return traffic;
    const timestampsMs = new Float64Array(new SharedArrayBuffer(traffic.timestampsMs.byteLength));
    timestampsMs.set(traffic.timestampsMs);
    return { ...traffic, timestampsMs };
}

/**
 * Starts a worker on simulation-worker.js; when this module runs as TypeScript (ts-node: tests, `npm run advise`), on
 * simulation-worker.ts with ts-node registered in the worker too.
 */
function startWorker(workerData: WorkerStart): Worker {
    const script = path.join(__dirname, `simulation-worker${path.extname(__filename)}`);
    if (!script.endsWith(".ts")) return new Worker(script, { workerData });
    const register = require.resolve("ts-node/register/transpile-only");
    const code = `if (!require.extensions[".ts"]) require(${JSON.stringify(register)}); require(${JSON.stringify(script)});`;
    return new Worker(code, { eval: true, workerData });
}
