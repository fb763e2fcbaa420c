/**
 * The on-demand execution environments of one function: which are idle and warm, which are busy, and when each was
 * created. Idle environments form a stack ordered by the time they became free, the most recent on top:
 * - a request takes the most recently used environment (Lambda does not document its routing; reusing the freshest
 *   environment is the assumption that lets the others age out, as the idle-recycling measurements show);
 * - because the stack is ordered, if its top has been idle longer than the idle timeout, all of it has, and it is
 *   recycled at once.
 * Ids of recycled environments are reused, so every array here is sized by the peak number of environments alive.
 */
import { BusyQueue } from "./busy-queue";

export class EnvironmentPool {
    /** Busy environments by the time they become free. */
    readonly busy = new BusyQueue();
    private createdAt: Float64Array = new Float64Array(64);
    private freedAt: Float64Array = new Float64Array(64);
    private idleStack: Int32Array = new Int32Array(64);
    private idleCount = 0;
    private recycledIds: Int32Array = new Int32Array(64);
    private recycledCount = 0;
    private nextId = 0;

    constructor(
        private readonly idleTimeoutMs: number,
        private readonly maxLifetimeMs: number,
    ) {}

    /** Moves every environment whose work ends at or before `timeMs` from busy to idle (or retires it). */
    releaseUntil(timeMs: number): void {
        const busy = this.busy;
        while (busy.size > 0 && busy.peekTime() <= timeMs) {
            const freedTime = busy.peekTime();
            const id = busy.peekId();
            busy.pop();
            if (freedTime - this.createdAt[id] >= this.maxLifetimeMs) {
                this.retire(id);
            } else {
                if (this.idleCount === this.idleStack.length) this.idleStack = grown(this.idleStack);
                this.freedAt[id] = freedTime;
                this.idleStack[this.idleCount++] = id;
            }
        }
    }

    /** Takes the most recently freed warm environment, or returns -1 when none is left at `timeMs`. */
    takeWarm(timeMs: number): number {
        while (this.idleCount > 0) {
            const id = this.idleStack[this.idleCount - 1];
            if (timeMs - this.freedAt[id] > this.idleTimeoutMs) {
                // The freshest idle environment has expired, so every older one has too.
                for (let i = 0; i < this.idleCount; i++) this.retire(this.idleStack[i]);
                this.idleCount = 0;
                return -1;
            }
            this.idleCount--;
            if (timeMs - this.createdAt[id] >= this.maxLifetimeMs) {
                this.retire(id);
                continue;
            }
            return id;
        }
        return -1;
    }

    /**
     * Adds an environment that already exists and is idle: created at `createdAtMs`, free since `freedAtMs`. Only for
     * setting up the state at the start of a period, before any environment has been released.
     */
    addIdle(createdAtMs: number, freedAtMs: number): void {
        const id = this.create(createdAtMs);
        if (this.idleCount === this.idleStack.length) this.idleStack = grown(this.idleStack);
        this.freedAt[id] = freedAtMs;
        this.idleStack[this.idleCount++] = id;
    }

    /**
     * A new version takes the traffic: no environment alive now serves another request. The idle ones are retired at
     * once; the busy ones finish what they serve and are retired when released (as past their maximum lifetime).
     */
    retireAll(): void {
        for (let i = 0; i < this.idleCount; i++) this.retire(this.idleStack[i]);
        this.idleCount = 0;
        this.createdAt.fill(-Infinity);
    }

    /** Creates a new environment at `timeMs` (its init starts now) and returns its id. */
    create(timeMs: number): number {
        let id: number;
        if (this.recycledCount > 0) {
            id = this.recycledIds[--this.recycledCount];
        } else {
            id = this.nextId++;
            if (id === this.createdAt.length) {
                this.createdAt = grownFloat(this.createdAt);
                this.freedAt = grownFloat(this.freedAt);
            }
        }
        this.createdAt[id] = timeMs;
        return id;
    }

    private retire(id: number): void {
        if (this.recycledCount === this.recycledIds.length) this.recycledIds = grown(this.recycledIds);
        this.recycledIds[this.recycledCount++] = id;
    }
}

function grown(array: Int32Array): Int32Array {
    const bigger = new Int32Array(array.length * 2);
    bigger.set(array);
    return bigger;
}

function grownFloat(array: Float64Array): Float64Array {
    const bigger = new Float64Array(array.length * 2);
    bigger.set(array);
    return bigger;
}
