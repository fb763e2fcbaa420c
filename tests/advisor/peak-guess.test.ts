import { expect } from "chai";
import { peakGuess } from "../../advisor/peak-guess";

describe("advisor: the per-hour goal's guess from a passing run's peak in flight", () => {
    it("guesses the peak less the hour's allowance, never below the search's lowest level", () => {
        // A passing run with 28 in flight at most, 2 cold starts allowed an hour.
        expect(peakGuess(28, 2, 122, 0)).to.equal(26);
        expect(peakGuess(28, 0, 122, 0)).to.equal(28);
        expect(peakGuess(4, 2, 40, 3)).to.equal(3);
    });

    it("says nothing (undefined) when no level below the passing one is guessed to be enough", () => {
        expect(peakGuess(28, 2, 26, 0)).to.equal(undefined);
        expect(peakGuess(28, 2, 27, 0)).to.equal(26);
    });
});
