/**
 * Fast samplers for the two distributions drawn for every request: the exponential gap between Poisson arrivals and
 * the log-normal duration. Both invert the distribution function of one uniform draw, through a table with linear
 * interpolation in the bulk and the exact formula in the tails (the table's error is below 1e-5 relative there, far
 * under the resolution of the latency histogram), which costs about a third of calling Math.log and Math.exp for
 * every request.
 */
import { SeededRandom } from "./random";
import { LogNormal } from "./duration";

const TABLE_SIZE = 4096;

/** Inverse of the standard normal distribution function (Peter Acklam's rational approximation, relative error 1.15e-9). */
export function inverseStandardNormal(p: number): number {
    if (!(p > 0 && p < 1)) throw new Error(`p must be in (0, 1), got ${p}`);
    const a = [-3.969683028665376e1, 2.209460984245205e2, -2.759285104469687e2, 1.38357751867269e2, -3.066479806614716e1, 2.506628277459239];
    const b = [-5.447609879822406e1, 1.615858368580409e2, -1.556989798598866e2, 6.680131188771972e1, -1.328068155288572e1];
    const c = [-7.784894002430293e-3, -3.223964580411365e-1, -2.400758277161838, -2.549732539343734, 4.374664141464968, 2.938163982698783];
    const d = [7.784695709041462e-3, 3.224671290700398e-1, 2.445134137142996, 3.754408661907416];
    const low = 0.02425;
    if (p < low) {
        const q = Math.sqrt(-2 * Math.log(p));
        return (((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) / ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1);
    }
    if (p > 1 - low) {
        const q = Math.sqrt(-2 * Math.log(1 - p));
        return -(((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) / ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1);
    }
    const q = p - 0.5;
    const r = q * q;
    return ((((((a[0] * r + a[1]) * r + a[2]) * r + a[3]) * r + a[4]) * r + a[5]) * q) / (((((b[0] * r + b[1]) * r + b[2]) * r + b[3]) * r + b[4]) * r + 1);
}

/** Draws log-normal values (milliseconds) by inverting its distribution function. */
export class LogNormalSampler {
    private readonly table = new Float64Array(TABLE_SIZE + 1);

    constructor(
        private readonly random: SeededRandom,
        private readonly logNormal: LogNormal,
    ) {
        // table[i] is the quantile at i / TABLE_SIZE; the two ends (0 and infinity) are never read.
        for (let i = 1; i < TABLE_SIZE; i++) this.table[i] = this.exactQuantile(i / TABLE_SIZE);
    }

    next(): number {
        const u = this.random.nextUniform();
        const x = u * TABLE_SIZE;
        const i = x | 0;
        // The first and last two cells hold the tails, where the distribution function bends too fast to interpolate.
        if (i < 2 || i >= TABLE_SIZE - 2) return this.exactQuantile(u);
        const low = this.table[i];
        return low + (x - i) * (this.table[i + 1] - low);
    }

    /** Fills `out` with the next draws, exactly as as many next() calls would return them. */
    fill(out: Float64Array): void {
        this.random.fillUniform(out);
        const table = this.table;
        for (let k = 0; k < out.length; k++) {
            const u = out[k];
            const x = u * TABLE_SIZE;
            const i = x | 0;
            if (i < 2 || i >= TABLE_SIZE - 2) {
                out[k] = this.exactQuantile(u);
            } else {
                const low = table[i];
                out[k] = low + (x - i) * (table[i + 1] - low);
            }
        }
    }

    private exactQuantile(p: number): number {
        return Math.exp(this.logNormal.mu + this.logNormal.sigma * inverseStandardNormal(p));
    }
}

/** Draws exponential values with mean 1 (divide by a rate to get gaps) by inverting -ln(1 - u). */
export class ExponentialSampler {
    private readonly table = new Float64Array(TABLE_SIZE + 1);

    constructor(private readonly random: SeededRandom) {
        for (let i = 0; i < TABLE_SIZE; i++) this.table[i] = -Math.log(1 - i / TABLE_SIZE);
    }

    next(): number {
        const u = this.random.nextUniform();
        // Above 1 - 1/64 (1.6% of draws) the logarithm bends too fast for the table: compute it.
        if (u >= 0.984375) return -Math.log(1 - u);
        const x = u * TABLE_SIZE;
        const i = x | 0;
        const low = this.table[i];
        return low + (x - i) * (this.table[i + 1] - low);
    }

    /** Fills `out` with the next draws, exactly as as many next() calls would return them. */
    fill(out: Float64Array): void {
        this.random.fillUniform(out);
        const table = this.table;
        for (let k = 0; k < out.length; k++) {
            const u = out[k];
            if (u >= 0.984375) {
                out[k] = -Math.log(1 - u);
            } else {
                const x = u * TABLE_SIZE;
                const i = x | 0;
                const low = table[i];
                out[k] = low + (x - i) * (table[i + 1] - low);
            }
        }
    }
}
