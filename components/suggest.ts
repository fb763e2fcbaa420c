// "Did you mean ...?": the known word closest to a misspelt one, by edit distance. Pure, no dependencies and no
// Pulumi import, so that both the components (time zone names) and the command line (flag names, through
// cli/advise.ts and cli/plan.ts) can use it without loading the Pulumi SDK.
//
// The distance is the optimal string alignment distance: the Levenshtein distance (insert, delete or substitute one
// character) plus the transposition of two adjacent characters as a single edit, because swapped letters
// ("Berlni", "--memroy") are the most common typing slip (Damerau, "A technique for computer detection and correction
// of spelling errors", Communications of the ACM 7(3), 1964: about 80% of misspellings are one insertion, deletion,
// substitution or transposition). A suggestion is made only within a third of the word's length (at least 1 edit),
// so that an unrelated word ("Nowhere", "Mars/Olympus") gets no suggestion rather than a wrong one.

/** How {@link closestWord} compares words. */
export interface SuggestOptions {
    /**
     * Compare without regard to case ("europe/berlin" is 0 edits from "Europe/Berlin"). The suggestion keeps the known
     * word's own case.
     * @default false
     */
    readonly ignoreCase?: boolean;
    /**
     * The most edits a known word may be away and still be suggested.
     * @default a third of the word's length, rounded down, at least 1 (see {@link defaultMaxDistance})
     */
    readonly maxDistance?: number;
}

/** The default reach of a suggestion: a third of the word's length, rounded down, at least 1. */
export function defaultMaxDistance(word: string): number {
    return Math.max(1, Math.floor(word.length / 3));
}

/**
 * The optimal string alignment distance between `a` and `b`: the fewest insertions, deletions, substitutions and
 * transpositions of adjacent characters that turn one into the other (no substring is edited twice). Counts UTF-16
 * code units, which is exact for the ASCII names this package compares.
 */
export function editDistance(a: string, b: string): number {
    if (a === b) {
        return 0;
    }
    // Three rows of the dynamic programming table: two back (for transpositions), one back, and the current one.
    let beforePrevious: number[] = [];
    let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
    for (let i = 1; i <= a.length; i++) {
        const current = [i];
        for (let j = 1; j <= b.length; j++) {
            const cost = a[i - 1] === b[j - 1] ? 0 : 1;
            let best = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost);
            if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
                best = Math.min(best, beforePrevious[j - 2] + 1);
            }
            current.push(best);
        }
        beforePrevious = previous;
        previous = current;
    }
    return previous[b.length];
}

/**
 * The known word closest to `word`, for a "did you mean ...?" hint: the one at the fewest edits (see
 * {@link editDistance}), the first of them in `known`'s order on a tie, and only within `options.maxDistance`.
 * Returns undefined when `word` is itself known (exactly), is empty, or no known word is close enough.
 *
 * e.g. `closestWord("peak-rp", ["rps", "peak-rps"])` is "peak-rps";
 * `closestWord("europe/berln", zones, { ignoreCase: true })` is "Europe/Berlin".
 */
export function closestWord(word: string, known: Iterable<string>, options: SuggestOptions = {}): string | undefined {
    if (word === "") {
        return undefined;
    }
    const fold = (text: string): string => (options.ignoreCase === true ? text.toLowerCase() : text);
    const wanted = fold(word);
    const maxDistance = options.maxDistance ?? defaultMaxDistance(word);
    let best: { word: string; distance: number } | undefined;
    for (const candidate of known) {
        if (candidate === word) {
            return undefined;
        }
        // The distance is at least the difference in length: skip the table when that alone is too far.
        if (Math.abs(candidate.length - word.length) > maxDistance) {
            continue;
        }
        const distance = editDistance(wanted, fold(candidate));
        if (distance <= maxDistance && (best === undefined || distance < best.distance)) {
            best = { word: candidate, distance };
        }
    }
    return best?.word;
}
