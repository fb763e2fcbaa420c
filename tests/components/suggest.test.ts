// The "did you mean ...?" helper: edit distances, the reach of a suggestion, and the choice among known words.
import { expect } from "chai";
import { closestWord, defaultMaxDistance, editDistance } from "../../components/suggest";

describe("editDistance", () => {
    const cases: [string, string, number][] = [
        ["", "", 0],
        ["", "abc", 3],
        ["abc", "", 3],
        ["rps", "rps", 0],
        // One insertion, deletion or substitution each.
        ["peak-rp", "peak-rps", 1],
        ["Europe/Berln", "Europe/Berlin", 1],
        ["memory", "memori", 1],
        // Adjacent letters swapped count once (Levenshtein alone would say 2).
        ["memroy", "memory", 1],
        ["Berlni", "Berlin", 1],
        ["ab", "ba", 1],
        // Optimal string alignment: no substring is edited twice, so "ca" to "abc" is 3 (true Damerau-Levenshtein: 2).
        ["ca", "abc", 3],
        ["kitten", "sitting", 3],
        ["flaw", "lawn", 2],
    ];
    for (const [a, b, distance] of cases) {
        it(`"${a}" to "${b}" is ${distance}`, () => {
            expect(editDistance(a, b)).to.equal(distance);
            expect(editDistance(b, a)).to.equal(distance);
        });
    }

    it("is case-sensitive", () => {
        expect(editDistance("Berlin", "berlin")).to.equal(1);
    });
});

describe("defaultMaxDistance", () => {
    it("is a third of the word's length, rounded down, at least 1", () => {
        expect([0, 1, 2, 3, 5, 6, 8, 9, 12].map((length) => defaultMaxDistance("x".repeat(length)))).to.deep.equal([1, 1, 1, 1, 1, 2, 2, 3, 4]);
    });
});

describe("closestWord", () => {
    const flags = ["rps", "shape", "peak-rps", "csv", "memory", "duration-ms", "p95-ms"];

    it("suggests the known word fewest edits away", () => {
        expect(closestWord("peak-rp", flags)).to.equal("peak-rps");
        expect(closestWord("memroy", flags)).to.equal("memory");
        expect(closestWord("duraton-ms", flags)).to.equal("duration-ms");
    });

    it("suggests nothing for a known word, an empty word, or a word too far from every known one", () => {
        expect(closestWord("rps", flags)).to.equal(undefined);
        expect(closestWord("", flags)).to.equal(undefined);
        expect(closestWord("foo", flags)).to.equal(undefined);
        // "rpm" is 1 edit from "rps", within the reach of 1 for a 3-letter word; "rpmx" is 2 edits, beyond it.
        expect(closestWord("rpm", flags)).to.equal("rps");
        expect(closestWord("rpmx", flags)).to.equal(undefined);
        expect(closestWord("anything", [])).to.equal(undefined);
    });

    it("keeps to the reach: exactly maxDistance edits is close enough, one more is not", () => {
        expect(closestWord("abcdef", ["abcxyz"], { maxDistance: 3 })).to.equal("abcxyz");
        expect(closestWord("abcdef", ["abcxyz"], { maxDistance: 2 })).to.equal(undefined);
        // Default reach of a 6-letter word: 2.
        expect(closestWord("abcdef", ["abcdxy"])).to.equal("abcdxy");
        expect(closestWord("abcdef", ["abcxyz"])).to.equal(undefined);
        // A length difference beyond the reach is too far, whatever the letters.
        expect(closestWord("ab", ["abcd"])).to.equal(undefined);
    });

    it("prefers the nearer word, and the first of equally near ones", () => {
        expect(closestWord("shapes", ["shape", "shapess"])).to.equal("shape");
        expect(closestWord("cat", ["bat", "cut", "car"])).to.equal("bat");
        expect(closestWord("cat", ["car", "bat", "cut"])).to.equal("car");
        expect(closestWord("xyz-ms", ["p95-ms", "xyz-msss", "xyz-m"])).to.equal("xyz-m");
    });

    it("ignores case when asked, suggesting the known word in its own case", () => {
        expect(closestWord("EUROPE/BERLN", ["Europe/Paris", "Europe/Berlin"])).to.equal(undefined);
        expect(closestWord("EUROPE/BERLN", ["Europe/Paris", "Europe/Berlin"], { ignoreCase: true })).to.equal("Europe/Berlin");
        // Only the exact word counts as known: another case is still suggested, in the known case.
        expect(closestWord("UTC", ["utc"], { ignoreCase: true })).to.equal("utc");
    });

    it("takes any iterable of known words", () => {
        expect(closestWord("peak-rp", new Set(flags))).to.equal("peak-rps");
        expect(closestWord("peak-rp", new Map(flags.map((flag) => [flag, true])).keys())).to.equal("peak-rps");
    });
});
