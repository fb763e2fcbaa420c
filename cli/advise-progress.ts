// The progress bar of `lambda-concurrency advise`, drawn by hand: a pure function of the progress, so it is tested
// on its own and the command only decides when to redraw it.
import { AdviseProgress } from "../advisor";

const BAR_WIDTH = 24;

/** e.g. "[############------------]  50%  simulation 3: fixed 12". */
export function renderProgressBar(progress: AdviseProgress): string {
    const fraction = Math.min(1, Math.max(0, progress.fraction));
    const filled = Math.round(fraction * BAR_WIDTH);
    const percent = `${Math.floor(fraction * 100)}%`.padStart(4);
    return `[${"#".repeat(filled)}${"-".repeat(BAR_WIDTH - filled)}] ${percent}  simulation ${progress.simulation}: ${progress.label}`;
}

/**
 * The progress of simulations running side by side (adviseInParallel): the bar follows the oldest one still running,
 * so that it does not jump between threads, and the line names the others and counts those done.
 */
export class ProgressBoard {
    private readonly running = new Map<number, AdviseProgress>();
    private lastFinished: AdviseProgress | undefined;
    private done = 0;

    /** Records a report; true when a simulation finished (worth redrawing at once). */
    update(progress: AdviseProgress): boolean {
        if (progress.fraction >= 1) {
            this.running.delete(progress.simulation);
            this.lastFinished = progress;
            this.done++;
            return true;
        }
        this.running.set(progress.simulation, progress);
        return false;
    }

    /** e.g. "[######------------------]  25%  simulation 5: fixed 20; also warmer 122 (80%); 4 done". */
    render(): string {
        const [oldest, ...others] = [...this.running.values()].sort((a, b) => a.simulation - b.simulation);
        const done = `${this.done} done`;
        // Between simulations (or when each is too short to report before its end): the one that just finished.
        if (!oldest) return this.lastFinished ? `${renderProgressBar(this.lastFinished)}; ${done}` : `simulations: ${done}`;
        const also = others.map((other) => `${other.label} (${Math.floor(other.fraction * 100)}%)`).join(", ");
        return `${renderProgressBar(oldest)}${also ? `; also ${also}` : ""}; ${done}`;
    }
}
