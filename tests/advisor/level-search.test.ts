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
    it("confirms a right prediction with one probe just below it", () => {
        const { found, requests, labels } = search(12, { candidate: 12 });
        expect(requests).to.deep.equal(["12", "11"]);
        expect(labels).to.deep.equal(["fixed 12", "fixed 11"]);
        expect(found).to.deep.include({ level: 12, simulations: 2 });
    });

    it("steps up by half from a low prediction, then bisects down", () => {
        const { found, requests } = search(20, { candidate: 8 });
        // 8 fails, 12 fails, 18 fails, 27 passes; then between 18 and 27.
        expect(requests).to.deep.equal(["8", "12", "18", "27", "22", "20", "19"]);
        expect(found.level).to.equal(20);
    });

    it("bisects down from a high prediction", () => {
        const { found, requests } = search(5, { candidate: 40 });
        // 40 and 39 pass; then halves of [0, 39]: 19 and 9 pass, 4 fails, 6 and 5 pass.
        expect(requests).to.deep.equal(["40", "39", "19", "9", "4", "6", "5"]);
        expect(found).to.deep.include({ level: 5, simulations: 7 });
    });

    it("tries the lowest level before the candidate when asked (tracking): one simulation when it passes", () => {
        const lowestPasses = search(1, { candidate: 8, tryLowestFirst: true });
        expect(lowestPasses.requests).to.deep.equal(["1"]);
        expect(lowestPasses.found).to.deep.include({ level: 1, simulations: 1 });
        // 1 fails (stopping early), 8 passes: plain bisection between them.
        const higher = search(3, { candidate: 8, tryLowestFirst: true });
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
        // The candidate 40 passes using 9 environments at most: 9 to 40 all run the same. No 39, no 19.
        const low = search(5, { candidate: 40, sameDownTo: (_level, result) => result.peakConcurrency }, 9);
        expect(low.requests).to.deep.equal(["40", "4", "6", "5"]);
        expect(low.found.level).to.equal(5);
        const atBound = search(9, { candidate: 40, sameDownTo: (_level, result) => result.peakConcurrency }, 9);
        expect(atBound.requests).to.deep.equal(["40", "4", "6", "7", "8", "9"]);
        expect(atBound.found).to.deep.include({ level: 9, simulations: 6 });
        expect(atBound.found.result.peakConcurrency).to.equal(9);
        // Never below a level known to fail, whatever the bound says: 8 failed, so a bound of 5 from 12 means 9.
        const clamped = search(10, { candidate: 8, sameDownTo: () => 5 });
        expect(clamped.requests).to.deep.equal(["8", "12", "9"]);
        expect(clamped.found.level).to.equal(9);
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
        expect(requests).to.deep.equal(["40", "39", "19"]);
        expect(found).to.deep.include({ level: 19, simulations: 3 });
    });

    it("shares one simulation between levels of the same key", () => {
        // Levels 1 to 4 make the same plan (as a schedule's factor can): one simulation answers 3 and then 1.
        const floorAt4 = (level: number): number => Math.max(level, 4);
        const { found, requests } = search(3, {
            candidate: 8,
            planFor: (level) => ({ initialCapacity: floorAt4(level) }),
            keyFor: (level) => String(floorAt4(level)),
        });
        expect(requests).to.deep.equal(["8", "7", "4"]);
        expect(found).to.deep.include({ level: 1, simulations: 3 });
    });

    describe("with a guess from a passing run (calibrated-guess.ts)", () => {
        it("probes the guess, then the level below it: two simulations when the guess is right", () => {
            const { found, requests } = search(7, { candidate: 10, minLevel: 4, guessBelow: () => 7 });
            expect(requests).to.deep.equal(["10", "7", "6"]);
            expect(found).to.deep.include({ level: 7, simulations: 3 });
        });

        it("probes the level above a guess that fails, and bisects when both miss", () => {
            expect(search(7, { candidate: 10, minLevel: 4, guessBelow: () => 6 }).requests).to.deep.equal(["10", "6", "7"]);
            // 5 fails, 6 fails too: bisection between 6 and 10 takes over.
            const { found, requests } = search(8, { candidate: 10, minLevel: 4, guessBelow: () => 5 });
            expect(requests).to.deep.equal(["10", "5", "6", "8", "7"]);
            expect(found).to.deep.include({ level: 8, simulations: 5 });
        });

        it("asks for the guess once, from the candidate's run, and ignores one outside the open range", () => {
            const asked: number[] = [];
            const guessBelow = (level: number): number => {
                asked.push(level);
                return 12;
            };
            // 12 is not below the passing 10: the search probes as it does without a guess.
            const { requests } = search(7, { candidate: 10, minLevel: 4, guessBelow });
            expect(asked).to.deep.equal([10]);
            expect(requests).to.deep.equal(["10", "9", "6", "7"]);
            // A guess that says nothing leaves the search as it was.
            expect(search(7, { candidate: 10, minLevel: 4, guessBelow: () => undefined }).requests).to.deep.equal(["10", "9", "6", "7"]);
        });
    });
});
