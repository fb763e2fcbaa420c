/**
 * The busy environments, ordered by the time each becomes free: a sorted array whose front moves on as environments
 * free up. It replaced a binary heap: a new end time (now + a duration) lands among the latest, so an insertion moves
 * only the few ends after it, and a removal moves nothing, where every heap removal sifted through the whole depth
 * (issue 13's 100 rps week, five strategies twice in one process: 14.8 s against 15.8 s, the same cold starts; a gain
 * this machine's run-to-run noise often hides). Far from the back (a warm-up ping's short hold among long requests, or
 * a wide spread of durations), the place is found by bisection and the tail moved in one copy, so an insertion never
 * scans more than SCAN_LIMIT entries one by one.
 *
 * Equal times come out in the order they went in (the heap's order among them was arbitrary). The array compacts to
 * its start when its front has passed the middle, and doubles when full, so its size follows the peak concurrency,
 * never the number of requests.
 */
const SCAN_LIMIT = 32;

/** End times with the id of the environment that frees up then: the on-demand environments. */
export class BusyQueue {
    private times: Float64Array;
    private ids: Int32Array;
    private front = 0;
    size = 0;

    constructor(initialCapacity = 64) {
        this.times = new Float64Array(initialCapacity);
        this.ids = new Int32Array(initialCapacity);
    }

    /** The earliest time, or Infinity when empty. */
    peekTime(): number {
        return this.size > 0 ? this.times[this.front] : Infinity;
    }

    /** The id paired with the earliest time (only meaningful when not empty). */
    peekId(): number {
        return this.ids[this.front];
    }

    push(time: number, id: number): void {
        if (this.front + this.size === this.times.length) this.makeRoom();
        const times = this.times;
        const ids = this.ids;
        const front = this.front;
        let index = front + this.size++;
        const scanStop = Math.max(front, index - SCAN_LIMIT);
        while (index > scanStop && times[index - 1] > time) {
            times[index] = times[index - 1];
            ids[index] = ids[index - 1];
            index--;
        }
        if (index === scanStop && index > front && times[index - 1] > time) {
            const place = firstAfter(times, front, index - 1, time);
            times.copyWithin(place + 1, place, index);
            ids.copyWithin(place + 1, place, index);
            index = place;
        }
        times[index] = time;
        ids[index] = id;
    }

    /** Removes the earliest (read it with peekTime and peekId first). */
    pop(): void {
        this.size--;
        this.front = this.size === 0 ? 0 : this.front + 1;
    }

    private makeRoom(): void {
        this.times = withRoom(this.times, this.front, this.size);
        this.ids = withRoom(this.ids, this.front, this.size);
        this.front = 0;
    }
}

/**
 * End times alone: the provisioned environments, which need no identity (any free one serves). It repeats BusyQueue
 * without the ids on purpose: this loop runs for every request served by provisioned concurrency.
 */
export class EndTimeQueue {
    private times: Float64Array;
    private front = 0;
    size = 0;

    constructor(initialCapacity = 64) {
        this.times = new Float64Array(initialCapacity);
    }

    /** The earliest time, or Infinity when empty. */
    peekTime(): number {
        return this.size > 0 ? this.times[this.front] : Infinity;
    }

    push(time: number): void {
        if (this.front + this.size === this.times.length) this.makeRoom();
        const times = this.times;
        const front = this.front;
        let index = front + this.size++;
        const scanStop = Math.max(front, index - SCAN_LIMIT);
        while (index > scanStop && times[index - 1] > time) {
            times[index] = times[index - 1];
            index--;
        }
        if (index === scanStop && index > front && times[index - 1] > time) {
            const place = firstAfter(times, front, index - 1, time);
            times.copyWithin(place + 1, place, index);
            index = place;
        }
        times[index] = time;
    }

    /** Removes the earliest time. */
    pop(): void {
        this.size--;
        this.front = this.size === 0 ? 0 : this.front + 1;
    }

    private makeRoom(): void {
        this.times = withRoom(this.times, this.front, this.size);
        this.front = 0;
    }
}

/**
 * A full array's `size` entries from `front` moved to its start: in place when the front has passed the middle (room
 * enough after it), otherwise into an array twice as long.
 */
function withRoom<T extends Float64Array | Int32Array>(array: T, front: number, size: number): T {
    if (front >= array.length >> 1) {
        array.copyWithin(0, front, front + size);
        return array;
    }
    const bigger = new (array.constructor as new (length: number) => T)(array.length * 2);
    bigger.set(array.subarray(front, front + size));
    return bigger;
}

/** The first index in [low, high] whose time is after `time`, given that times[high] is. */
function firstAfter(times: Float64Array, low: number, high: number, time: number): number {
    while (low < high) {
        const middle = (low + high) >> 1;
        if (times[middle] > time) high = middle;
        else low = middle + 1;
    }
    return low;
}
