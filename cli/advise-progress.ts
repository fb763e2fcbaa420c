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
