/**
 * The search for the lowest level (of provisioned environments, pings, a schedule's factor...) that meets the goal:
 * a pure generator over simulation results (simulation-runner.ts), so it is tested on its own with made-up results.
 *
 * It assumes more capacity never hurts (the advisor's tests check this monotonicity on real simulations): starting from
 * a predicted level, it steps up until a level passes, then bisects down to the lowest passing level. A failing probe
 * may stop early (it only needs to fail); a passing one runs in full, so the order of probes is chosen to need few
 * passing ones: the bisection probes the lower third of what is left rather than its middle (more probes, most of them
 * failing early: issue 13's 50 rps week with a per-hour goal went from four full runs of the schedule to two), unless
 * the search's failures run long too (failuresRunLong: target tracking).
 */
import { Search } from "./simulation-runner";
import { CapacityPlan, SimulationResult } from "./simulator";

/** The most simulations one search may run (a safety net; the searches usually need 1 to 4). */
export const MAX_SIMULATIONS_PER_SEARCH = 12;

/** A search for the lowest level that meets the goal. */
export interface LevelSearch {
    /** Names the simulations, e.g. "fixed" for "fixed 12". */
    readonly label: string;
    readonly planFor: (level: number) => CapacityPlan;
    /** Whether a result meets the goal. */
    readonly meetsGoal: (result: SimulationResult) => boolean;
    /** The predicted level: simulated first. */
    readonly candidate: number;
    readonly minLevel: number;
    readonly maxLevel: number;
    /** Levels with the same key share a simulation (default: the level). */
    readonly keyFor?: (level: number) => string;
    /** The most simulations (default MAX_SIMULATIONS_PER_SEARCH). */
    readonly maxSimulations?: number;
    /** For a passing run, the lowest level sure to run exactly the same (so to pass too): no need to simulate between. */
    readonly sameDownTo?: (level: number, result: SimulationResult) => number;
    /**
     * Probe minLevel before the candidate: when it passes, nothing lower exists and one simulation was enough; when it
     * fails (early, as failing runs stop), the search goes on from the candidate and bisects between them.
     */
    readonly tryLowestFirst?: boolean;
    /**
     * From the run that showed a level passes (its own, or a higher level's that runs the same: see sameDownTo), the
     * level predicted to be the lowest that passes (calibrated-guess.ts, peak-guess.ts), or undefined when none
     * below is: probed first, then its neighbour on the side it leaves open.
     */
    readonly guessBelow?: (level: number, result: SimulationResult) => number | undefined;
    /**
     * A level sure to pass without simulating it (under a per-hour goal, a fixed level or tracking minimum of the
     * demand's peak: no request ever spills over): after a failing level the search bisects up to it instead of
     * stepping up, and simulates it only if it is the answer.
     */
    readonly knownToPass?: number;
    /**
     * After a failing level, how far up to try next, as a fraction of it (default 1/2: a prediction can be far off).
     */
    readonly stepUp?: number;
    /**
     * Failing runs of this search go on long before they fail (tracking adds capacity as load comes, so it misses
     * late), so a failure costs about what a pass does: bisect at the middle.
     */
    readonly failuresRunLong?: boolean;
}

export interface LevelFound {
    readonly level: number;
    /** The level's simulation, in full. */
    readonly result: SimulationResult;
    /** Simulations the search ran. */
    readonly simulations: number;
}

/**
 * The lowest integer level in [minLevel, maxLevel] whose simulation meets the goal. When no level passes, the closest
 * (the one that ran longest before exceeding the goal), simulated in full.
 */
export function* searchLowestLevel(search: LevelSearch): Search<LevelFound> {
    const { label, planFor, meetsGoal, candidate, minLevel, maxLevel, sameDownTo } = search;
    const keyFor = search.keyFor ?? String;
    const maxSimulations = search.maxSimulations ?? MAX_SIMULATIONS_PER_SEARCH;
    const cache = new Map<string, SimulationResult>();
    let simulations = 0;
    function* run(level: number): Search<SimulationResult> {
        const key = keyFor(level);
        let result = cache.get(key);
        if (!result) {
            result = yield { label: `${label} ${level}`, plan: planFor(level), stopEarly: true };
            simulations++;
            cache.set(key, result);
        }
        return result;
    }
    let level = Math.min(maxLevel, Math.max(minLevel, candidate));
    let failedBelow = minLevel - 1; // the highest level known to fail (or just below the range)
    // A passing level, with its result unless it is only known to pass (see sameDownTo); `seen` is the run that showed
    // it, the same as the level's own but for the capacity billed, which is all a guess needs.
    let passing: { level: number; result?: SimulationResult; seen?: SimulationResult } | undefined;
    let closest: { level: number; result: SimulationResult } | undefined;
    const passes = (level: number, result: SimulationResult): { level: number; result?: SimulationResult; seen: SimulationResult } => {
        const same = sameDownTo ? Math.max(failedBelow + 1, sameDownTo(level, result)) : level;
        return same < level ? { level: same, seen: result } : { level, result, seen: result };
    };
    if (search.tryLowestFirst && level > minLevel) {
        const lowest = yield* run(minLevel);
        if (meetsGoal(lowest)) return { level: minLevel, result: lowest, simulations };
        closest = { level: minLevel, result: lowest };
        failedBelow = minLevel;
    }
    for (;;) {
        const result = yield* run(level);
        if (meetsGoal(result)) {
            passing = passes(level, result);
            break;
        }
        if (!closest || exceededAtMs(result) > exceededAtMs(closest.result)) closest = { level, result };
        failedBelow = level;
        if (search.knownToPass !== undefined && search.knownToPass > level && search.knownToPass <= maxLevel) {
            passing = { level: search.knownToPass };
            break;
        }
        if (level >= maxLevel || simulations >= maxSimulations) break;
        level = Math.min(maxLevel, level + Math.max(1, Math.ceil(level * (search.stepUp ?? 1 / 2))));
    }
    if (!passing) {
        const best = closest!; // the loop ran at least once
        const full = yield { label: `${label} ${best.level}`, plan: planFor(best.level), stopEarly: false };
        return { level: best.level, result: full, simulations: simulations + 1 };
    }
    let firstProbe = true;
    // A guess and the side of it still to check: after the guess passes, the level below; after it fails, the one above.
    let guessed: number | undefined;
    while (passing.level - failedBelow > 1 && simulations < maxSimulations) {
        let probe = search.failuresRunLong
            ? Math.floor((failedBelow + passing.level) / 2)
            : failedBelow + Math.max(1, Math.floor((passing.level - failedBelow) / 3));
        const guess = firstProbe && search.guessBelow && passing.seen ? search.guessBelow(passing.level, passing.seen) : undefined;
        if (guess !== undefined && guess > failedBelow && guess < passing.level) {
            probe = guess;
            guessed = guess;
        } else if (guessed !== undefined) {
            probe = failedBelow === guessed ? guessed + 1 : passing.level - 1;
            guessed = undefined;
        } else if (firstProbe && passing.level === candidate && !search.tryLowestFirst && search.guessBelow) {
            // The candidate passed and no lower level is predicted to: try just below it (such a prediction is usually
            // right or one off). Without a way to guess, the candidate may be far too high: bisect.
            probe = passing.level - 1;
        }
        firstProbe = false;
        const result = yield* run(probe);
        if (meetsGoal(result)) passing = passes(probe, result);
        else failedBelow = probe;
    }
    const result = passing.result ?? (yield* run(passing.level));
    return { level: passing.level, result, simulations };
}

/** When a run exceeded the goal (or would have, had it been allowed to stop): the later, the closer it came. */
function exceededAtMs(result: SimulationResult): number {
    return result.stopConditionMetAtMs ?? result.periodMs;
}
