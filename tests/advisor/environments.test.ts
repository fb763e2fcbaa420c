import { expect } from "chai";
import { EnvironmentPool } from "../../advisor/environments";
import { EndTimeHeap, TimeHeap } from "../../advisor/heap";
import { SeededRandom } from "../../advisor/random";

describe("advisor busy-time heap", () => {
    it("pops times in ascending order, whatever the order of pushes, and grows past its initial size", () => {
        const random = new SeededRandom(9);
        const heap = new TimeHeap(2);
        const times = Array.from({ length: 500 }, () => random.nextUniform() * 1000);
        times.forEach((time, id) => heap.push(time, id));
        const popped: number[] = [];
        while (heap.size > 0) {
            const id = heap.peekId();
            expect(times[id]).to.equal(heap.peekTime());
            popped.push(heap.peekTime());
            heap.pop();
        }
        expect(popped).to.deep.equal([...times].sort((a, b) => a - b));
        expect(heap.peekTime()).to.equal(Infinity);
    });

    it("keeps times alone for provisioned environments (EndTimeHeap), in the same order, pushes and pops interleaved", () => {
        const random = new SeededRandom(10);
        const heap = new EndTimeHeap(2);
        const reference: number[] = [];
        const popped: number[] = [];
        for (let i = 0; i < 2000; i++) {
            const time = Math.round(random.nextUniform() * 100) + i; // ties included
            heap.push(time);
            reference.push(time);
            if (i % 3 === 2) {
                reference.sort((a, b) => a - b);
                expect(heap.peekTime()).to.equal(reference[0]);
                popped.push(reference.shift()!);
                heap.pop();
            }
        }
        expect(heap.size).to.equal(reference.length);
        expect(popped.length).to.equal(666);
        while (heap.size > 0) {
            expect(heap.peekTime()).to.equal(Math.min(...reference));
            reference.splice(reference.indexOf(heap.peekTime()), 1);
            heap.pop();
        }
        expect(heap.peekTime()).to.equal(Infinity);
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
