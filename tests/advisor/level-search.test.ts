import { expect } from "chai";
import { LevelFound, LevelSearch, searchLowestLevel } from "../../advisor/level-search";
import { runSearch } from "../../advisor/simulation-runner";
import { SimulationResult } from "../../advisor/simulator";

/**
 * A made-up world: a level passes from `threshold` up; a failing run stops early, the later the closer its level is
 * to the threshold; a passing run uses `used` environments at most, without spillover.
 */
function world(
    threshold: number,
    used = Infinity,
    exceededAt = (level: number): number => 1000 * (level / threshold),
): { requests: string[]; simulate: (level: number, stopEarly: boolean) => SimulationResult } {
    const requests: string[] = [];
    return {
        requests,
        simulate: (level, stopEarly) => {
            requests.push(`${level}${stopEarly ? "" : " full"}`);
            const passes = level >= threshold;
            return {
                periodMs: 1000,
                stopConditionMetAtMs: passes ? null : exceededAt(level),
                stoppedEarly: !passes && stopEarly,
                spillover: 0,
                peakConcurrency: Math.min(level, used),
                coldStarts: passes ? 0 : 1,
            } as unknown as SimulationResult;
        },
    };
}

function search(
    threshold: number,
    options: Partial<LevelSearch> & Pick<LevelSearch, "candidate">,
    used?: number,
    exceededAt?: (level: number) => number,
): { found: LevelFound; requests: string[]; labels: string[] } {
    const made = world(threshold, used, exceededAt);
    const labels: string[] = [];
    const found = runSearch(
        searchLowestLevel({
            label: "fixed",
            planFor: (level) => ({ initialCapacity: level }),
            meetsGoal: (result) => result.coldStarts === 0 && !result.stoppedEarly,
            minLevel: 1,
            maxLevel: 100,
            ...options,
        }),
        (request) => {
            labels.push(request.label);
            return made.simulate(request.plan.initialCapacity, request.stopEarly);
        },
    );
    return { found, requests: made.requests, labels };
}

describe("advisor: the search for the lowest level that meets the goal", () => {
    it("confirms a right prediction with one probe just below it, when the guess says nothing lower passes", () => {
        const { found, requests, labels } = search(12, { candidate: 12, guessBelow: () => undefined });
        expect(requests).to.deep.equal(["12", "11"]);
        expect(labels).to.deep.equal(["fixed 12", "fixed 11"]);
        expect(found).to.deep.include({ level: 12, simulations: 2 });
    });

    it("steps up by half from a low prediction, then bisects down at the lower third", () => {
        const { found, requests } = search(20, { candidate: 8 });
        // 8 fails, 12 fails, 18 fails, 27 passes; then 18 + 9/3 = 21 passes, 18 + 1 = 19 fails, 20 passes.
        expect(requests).to.deep.equal(["8", "12", "18", "27", "21", "19", "20"]);
        expect(found).to.deep.include({ level: 20, simulations: 7 });
    });

    it("bisects down from a high prediction without a guess, probing the lower third: fewer runs in full", () => {
        const { found, requests } = search(5, { candidate: 40 });
        // [0, 40]: 13 passes; [0, 13]: 4 fails; [4, 13]: 7 passes; [4, 7]: 5 passes. Four runs pass (each in full),
        // where halving ran six: 40, 39, 19, 9, 6 and 5.
        expect(requests).to.deep.equal(["40", "13", "4", "7", "5"]);
        expect(found).to.deep.include({ level: 5, simulations: 5 });
        // A search whose failures run long (tracking) halves instead: 20, 10 and 5 pass, 2 fails, 3 and 4 fail.
        const halving = search(5, { candidate: 40, failuresRunLong: true });
        expect(halving.requests).to.deep.equal(["40", "20", "10", "5", "2", "3", "4"]);
        expect(halving.found).to.deep.include({ level: 5, simulations: 7 });
    });

    it("tries the lowest level before the candidate when asked (tracking): one simulation when it passes", () => {
        const lowestPasses = search(1, { candidate: 8, tryLowestFirst: true });
        expect(lowestPasses.requests).to.deep.equal(["1"]);
        expect(lowestPasses.found).to.deep.include({ level: 1, simulations: 1 });
        // 1 fails (stopping early), 8 passes: bisection between them, at the middle as tracking's failures run long.
        const higher = search(3, { candidate: 8, tryLowestFirst: true, failuresRunLong: true });
        expect(higher.requests).to.deep.equal(["1", "8", "4", "2", "3"]);
        expect(higher.found).to.deep.include({ level: 3, simulations: 5 });
        // The candidate is the lowest level: nothing to try first.
        expect(search(1, { candidate: 1, tryLowestFirst: true }).requests).to.deep.equal(["1"]);
        // When nothing passes, the closest of all tried (the lowest included) is run in full.
        const none = search(200, { candidate: 8, tryLowestFirst: true, maxLevel: 12 });
        expect(none.requests).to.deep.equal(["1", "8", "12", "12 full"]);
        expect(none.found.level).to.equal(12);
    });

    it("skips the levels a passing run proves equal, and simulates the bound only if it is the answer", () => {
        // The candidate 40 passes using 9 environments at most: 9 to 40 all run the same. No 13: [0, 9] from 3.
        const low = search(5, { candidate: 40, sameDownTo: (_level, result) => result.peakConcurrency }, 9);
        expect(low.requests).to.deep.equal(["40", "3", "5", "4"]);
        expect(low.found.level).to.equal(5);
        const atBound = search(9, { candidate: 40, sameDownTo: (_level, result) => result.peakConcurrency }, 9);
        expect(atBound.requests).to.deep.equal(["40", "3", "5", "6", "7", "8", "9"]);
        expect(atBound.found).to.deep.include({ level: 9, simulations: 7 });
        expect(atBound.found.result.peakConcurrency).to.equal(9);
        // Never below a level known to fail, whatever the bound says: 8 failed, so a bound of 5 from 12 means 9.
        const clamped = search(10, { candidate: 8, sameDownTo: () => 5 });
        expect(clamped.requests).to.deep.equal(["8", "12", "9"]);
        expect(clamped.found.level).to.equal(9);
    });

    it("after a failing candidate, bisects up to a level known to pass instead of stepping up by half", () => {
        // The candidate 24 fails; 27 is known to pass (fixed: the demand's peak): [24, 27] from its lower third.
        const { found, requests } = search(26, { candidate: 24, knownToPass: 27 });
        expect(requests).to.deep.equal(["24", "25", "26"]);
        expect(found).to.deep.include({ level: 26, simulations: 3 });
        // When the known level is the answer, it is simulated once, in full, for its result.
        const atKnown = search(27, { candidate: 25, knownToPass: 27 });
        expect(atKnown.requests).to.deep.equal(["25", "26", "27"]);
        expect(atKnown.found).to.deep.include({ level: 27, simulations: 3 });
        // A candidate that passes searches down as before; a known level above the range is not used.
        expect(search(20, { candidate: 24, knownToPass: 27 }).requests).to.deep.equal(["24", "8", "13", "16", "18", "20", "19"]);
        expect(search(30, { candidate: 24, knownToPass: 200 }).requests).to.deep.equal(["24", "36", "28", "30", "29"]);
    });

    it("steps up by the fraction asked after a failing level (a close lower bound: the schedule under a per-hour goal)", () => {
        // 32 fails; an eighth more is 36, which passes; [32, 36] from its lower third: 33 passes. Two runs in full,
        // where stepping up by half ran three (48, then 37 and 33).
        const { found, requests } = search(33, { candidate: 32, stepUp: 1 / 8 });
        expect(requests).to.deep.equal(["32", "36", "33"]);
        expect(found).to.deep.include({ level: 33, simulations: 3 });
        expect(search(33, { candidate: 32 }).requests).to.deep.equal(["32", "48", "37", "33"]);
    });

    it("when no level passes, returns the closest one, simulated in full", () => {
        const { found, requests, labels } = search(1000, { candidate: 50 });
        expect(requests).to.deep.equal(["50", "75", "100", "100 full"]);
        expect(labels[3]).to.equal("fixed 100");
        expect(found).to.deep.include({ level: 100, simulations: 4 });
        // The closest is the run that went furthest before exceeding the goal, the lowest level on a tie.
        const furthest = { 50: 900, 75: 500, 100: 700 } as Record<number, number>;
        expect(search(1000, { candidate: 50 }, undefined, (level) => furthest[level]).requests).to.deep.equal(["50", "75", "100", "50 full"]);
        const tie = { 50: 800, 75: 800, 100: 500 } as Record<number, number>;
        expect(search(1000, { candidate: 50 }, undefined, (level) => tie[level]).requests).to.deep.equal(["50", "75", "100", "50 full"]);
        // Stepping up stops at the most simulations allowed too.
        expect(search(1000, { candidate: 2, maxSimulations: 2 }).requests).to.deep.equal(["2", "3", "3 full"]);
    });

    it("stops at the most simulations allowed, with the lowest level that passed so far", () => {
        const { found, requests } = search(2, { candidate: 40, maxSimulations: 3 });
        expect(requests).to.deep.equal(["40", "13", "4"]);
        expect(found).to.deep.include({ level: 4, simulations: 3 });
    });

    it("shares one simulation between levels of the same key", () => {
        // Levels 1 to 4 make the same plan (as a schedule's factor can): one simulation answers 2 and then 1.
        const floorAt4 = (level: number): number => Math.max(level, 4);
        const { found, requests } = search(3, {
            candidate: 8,
            planFor: (level) => ({ initialCapacity: floorAt4(level) }),
            keyFor: (level) => String(floorAt4(level)),
        });
        expect(requests).to.deep.equal(["8", "4"]);
        expect(found).to.deep.include({ level: 1, simulations: 2 });
    });

    describe("with a guess from a passing run (calibrated-guess.ts)", () => {
        it("probes the guess, then the level below it: two simulations when the guess is right", () => {
            const { found, requests } = search(7, { candidate: 10, minLevel: 4, guessBelow: () => 7 });
            expect(requests).to.deep.equal(["10", "7", "6"]);
            expect(found).to.deep.include({ level: 7, simulations: 3 });
        });

        it("probes the level above a guess that fails, and bisects when both miss", () => {
            expect(search(7, { candidate: 10, minLevel: 4, guessBelow: () => 6 }).requests).to.deep.equal(["10", "6", "7"]);
            // 5 fails, 6 fails too: bisection between 6 and 10 takes over, from its lower third (7, then 8).
            const { found, requests } = search(8, { candidate: 10, minLevel: 4, guessBelow: () => 5 });
            expect(requests).to.deep.equal(["10", "5", "6", "7", "8"]);
            expect(found).to.deep.include({ level: 8, simulations: 5 });
        });

        it("asks for the guess once, from the candidate's run, and ignores one outside the open range", () => {
            const asked: number[] = [];
            const guessBelow = (level: number): number => {
                asked.push(level);
                return 12;
            };
            // 12 is not below the passing 10: the search probes as it does when no lower level is predicted to pass.
            const { requests } = search(7, { candidate: 10, minLevel: 4, guessBelow });
            expect(asked).to.deep.equal([10]);
            expect(requests).to.deep.equal(["10", "9", "5", "6", "7"]);
            expect(search(7, { candidate: 10, minLevel: 4, guessBelow: () => undefined }).requests).to.deep.equal(["10", "9", "5", "6", "7"]);
        });

        it("guesses from a higher level's run that runs the same (sameDownTo), and simulates the answer in full", () => {
            const seen: { level: number; peak: number }[] = [];
            const { found, requests } = search(7, {
                candidate: 40,
                sameDownTo: (_level, result) => result.peakConcurrency,
                guessBelow: (level, result) => {
                    seen.push({ level, peak: result.peakConcurrency });
                    return 7;
                },
            }, 9);
            // 40 passes with 9 in use: the guess is asked for 9 with 40's run; 7 passes, 6 fails.
            expect(seen).to.deep.equal([{ level: 9, peak: 9 }]);
            expect(requests).to.deep.equal(["40", "7", "6"]);
            expect(found).to.deep.include({ level: 7, simulations: 3 });
        });
    });
});
