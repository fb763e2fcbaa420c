/**
 * A small seeded pseudo-random generator, so that every simulation is reproducible from its seed.
 *
 * sfc32 (Chris Doty-Humphrey's "small fast chaotic" generator, public domain, from PractRand): 128 bits of state,
 * period of at least 2^32 and in practice about 2^127, passes PractRand; it needs only 32-bit integer operations, which
 * V8 runs without allocation. Math.random() would not do: it cannot be seeded.
 */
export class SeededRandom {
    /**
     * The four 32-bit words of state. An Int32Array rather than four number fields: V8 keeps typed-array elements
     * unboxed, whereas a field holding a value beyond 31 bits becomes a heap number (this halves the cost of a draw).
     */
    private readonly state = new Int32Array(4);

    constructor(seed: number) {
        // Spread the seed over the four words with splitmix32 so that nearby seeds give unrelated streams.
        let s = seed >>> 0;
        const next = (): number => {
            s = (s + 0x9e3779b9) | 0;
            let z = s;
            z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
            z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
            return (z ^ (z >>> 16)) >>> 0;
        };
        for (let i = 0; i < 4; i++) this.state[i] = next();
        // The author's recommendation: discard the first outputs so the state is well mixed.
        for (let i = 0; i < 12; i++) this.nextUint32();
    }

    /** A uniformly distributed 32-bit unsigned integer. */
    nextUint32(): number {
        const state = this.state;
        const a = state[0];
        const b = state[1];
        const c = state[2];
        const d = state[3];
        const t = (((a + b) | 0) + d) | 0;
        state[0] = b ^ (b >>> 9);
        state[1] = (c + (c << 3)) | 0;
        state[2] = (((c << 21) | (c >>> 11)) + t) | 0;
        state[3] = (d + 1) | 0;
        return t >>> 0;
    }

    /** Uniform on the open interval (0, 1): never exactly 0, so that log(u) is always finite. */
    nextUniform(): number {
        return (this.nextUint32() + 0.5) * 2.3283064365386963e-10; // 2^-32
    }

    /**
     * Fills `out` with the next uniforms, exactly as as many nextUniform() calls would return them; faster in bulk, as
     * the state stays in local variables through the loop.
     */
    fillUniform(out: Float64Array): void {
        const state = this.state;
        let a = state[0];
        let b = state[1];
        let c = state[2];
        let d = state[3];
        for (let i = 0; i < out.length; i++) {
            const t = (((a + b) | 0) + d) | 0;
            a = b ^ (b >>> 9);
            b = (c + (c << 3)) | 0;
            c = (((c << 21) | (c >>> 11)) + t) | 0;
            d = (d + 1) | 0;
            out[i] = ((t >>> 0) + 0.5) * 2.3283064365386963e-10;
        }
        state[0] = a;
        state[1] = b;
        state[2] = c;
        state[3] = d;
    }

    /** An integer in [0, n). */
    nextInt(n: number): number {
        return Math.floor(this.nextUniform() * n);
    }
}
