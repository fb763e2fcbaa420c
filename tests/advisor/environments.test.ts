import { expect } from "chai";
import { EnvironmentPool } from "../../advisor/environments";
import { BusyQueue, EndTimeQueue } from "../../advisor/busy-queue";
import { SeededRandom } from "../../advisor/random";

describe("advisor busy queues (busy-queue.ts)", () => {
    it("pops times in ascending order with their ids, whatever the order of pushes, and grows past its initial size", () => {
        const random = new SeededRandom(9);
        const queue = new BusyQueue(2);
        // Spread over 1000 ms: most pushes land far from the back (the bisection and one copy).
        const times = Array.from({ length: 500 }, () => random.nextUniform() * 1000);
        times.forEach((time, id) => queue.push(time, id));
        const popped: number[] = [];
        while (queue.size > 0) {
            const id = queue.peekId();
            expect(times[id]).to.equal(queue.peekTime());
            popped.push(queue.peekTime());
            queue.pop();
        }
        expect(popped).to.deep.equal([...times].sort((a, b) => a - b));
        expect(queue.peekTime()).to.equal(Infinity);
    });

    it("gives equal times back in the order they went in, near the back and far from it", () => {
        const queue = new BusyQueue(4);
        for (let id = 0; id < 40; id++) queue.push(1000, id); // beyond the one-by-one scan
        queue.push(500, 40);
        queue.push(500, 41);
        queue.push(2000, 42);
        const order: number[] = [];
        while (queue.size > 0) {
            order.push(queue.peekId());
            queue.pop();
        }
        expect(order).to.deep.equal([40, 41, ...Array.from({ length: 40 }, (_, id) => id), 42]);
    });

    it("keeps times alone for provisioned environments (EndTimeQueue), in the same order, pushes and pops interleaved", () => {
        const random = new SeededRandom(10);
        const queue = new EndTimeQueue(2);
        const reference: number[] = [];
        const popped: number[] = [];
        for (let i = 0; i < 2000; i++) {
            // Ties included; the window of 100 keeps the queue a few hundred long, so its front moves and compacts.
            const time = Math.round(random.nextUniform() * (i % 7 === 0 ? 400 : 100)) + i;
            queue.push(time);
            reference.push(time);
            if (i % 3 === 2) {
                reference.sort((a, b) => a - b);
                expect(queue.peekTime()).to.equal(reference[0]);
                popped.push(reference.shift()!);
                queue.pop();
            }
        }
        expect(queue.size).to.equal(reference.length);
        expect(popped.length).to.equal(666);
        while (queue.size > 0) {
            expect(queue.peekTime()).to.equal(Math.min(...reference));
            reference.splice(reference.indexOf(queue.peekTime()), 1);
            queue.pop();
        }
        expect(queue.peekTime()).to.equal(Infinity);
    });

    it("compacts to its start when its front has moved past the middle, keeping the order", () => {
        const queue = new BusyQueue(8);
        for (let id = 0; id < 8; id++) queue.push(id, id);
        for (let i = 0; i < 5; i++) queue.pop(); // front at 5 of 8: the next push compacts instead of growing
        queue.push(3.5, 8);
        queue.push(9, 9);
        const order: number[] = [];
        while (queue.size > 0) {
            order.push(queue.peekId());
            queue.pop();
        }
        expect(order).to.deep.equal([8, 5, 6, 7, 9]);
    });
});

describe("advisor environment pool", () => {
    const MINUTE = 60_000;

    it("reuses the most recently freed environment first", () => {
        const pool = new EnvironmentPool(10 * MINUTE, 14 * 60 * MINUTE);
        const a = pool.create(0);
        const b = pool.create(0);
        pool.busy.push(100, a);
        pool.busy.push(200, b);
        pool.releaseUntil(300);
        expect(pool.takeWarm(300)).to.equal(b);
        expect(pool.takeWarm(300)).to.equal(a);
        expect(pool.takeWarm(300)).to.equal(-1);
    });

    it("does not hand out an environment before its work ends", () => {
        const pool = new EnvironmentPool(10 * MINUTE, 14 * 60 * MINUTE);
        const a = pool.create(0);
        pool.busy.push(500, a);
        pool.releaseUntil(499);
        expect(pool.takeWarm(499)).to.equal(-1);
        pool.releaseUntil(500);
        expect(pool.takeWarm(500)).to.equal(a);
    });

    it("recycles environments idle longer than the idle timeout", () => {
        const pool = new EnvironmentPool(10 * MINUTE, 14 * 60 * MINUTE);
        const a = pool.create(0);
        pool.busy.push(1000, a);
        pool.releaseUntil(1000);
        expect(pool.takeWarm(1000 + 10 * MINUTE + 1)).to.equal(-1);
        // Its id is reused by the next environment created.
        expect(pool.create(20 * MINUTE)).to.equal(a);
    });

    it("retires environments at their maximum lifetime", () => {
        const pool = new EnvironmentPool(10 * MINUTE, 60 * MINUTE);
        const old = pool.create(0);
        pool.busy.push(60 * MINUTE + 5, old); // finishes after its lifetime: retired on release
        const young = pool.create(30 * MINUTE);
        pool.busy.push(59 * MINUTE, young);
        pool.releaseUntil(61 * MINUTE);
        expect(pool.takeWarm(61 * MINUTE)).to.equal(young);
        expect(pool.takeWarm(61 * MINUTE)).to.equal(-1);
    });

    it("starts warm environments that already exist", () => {
        const pool = new EnvironmentPool(10 * MINUTE, 60 * MINUTE);
        pool.addIdle(-30 * MINUTE, 0);
        expect(pool.takeWarm(5 * MINUTE)).to.be.at.least(0);
        pool.addIdle(-59 * MINUTE, 0);
        expect(pool.takeWarm(2 * MINUTE)).to.equal(-1); // past its 60-minute lifetime by then
    });
});
