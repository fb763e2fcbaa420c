import { expect } from "chai";
import { calibratedGuess } from "../../advisor/calibrated-guess";

describe("advisor: a passing run's guess at the lowest passing level", () => {
    // Issue 20's case 7: the on-demand run's predicted cold starts at levels 0 to 10; 425 simulated at 10; budget 625.
    const CASE_7 = [977, 976, 975, 974, 973, 853, 674, 641, 634, 628, 623];
    const predicted = (level: number): number => CASE_7[Math.min(level, CASE_7.length - 1)];

    it("shifts the prediction by the error seen at the passing level", () => {
        // 623 predicted, 425 seen: 198 fewer at every level; 674 - 198 = 476 <= 625 at 6, 853 - 198 = 655 at 5.
        expect(calibratedGuess(predicted, 10, 425, 625, 0)).to.equal(6);
        expect(calibratedGuess(predicted, 10, 425, 625, 7)).to.equal(7);
    });

    it("guesses nothing when no lower level is predicted to pass, or without a budget", () => {
        expect(calibratedGuess(predicted, 10, 625, 625, 0)).to.equal(undefined);
        expect(calibratedGuess(predicted, 10, 425, Infinity, 0)).to.equal(undefined);
        expect(calibratedGuess(predicted, 0, 0, 625, 0)).to.equal(undefined);
    });

    it("shifts up when the run saw more than predicted", () => {
        // 10 more than predicted at 10: 641 + 10 = 651 > 640 at 7, 634 + 10 = 644 > 640 at 8, 628 + 10 = 638 at 9.
        expect(calibratedGuess(predicted, 10, 633, 640, 0)).to.equal(9);
    });
});
