/**
 * Under a per-hour cold-start goal, a passing run's guess at the lowest passing number of warm environments (provisioned
 * or kept warm by pings). The on-demand run's prediction is far too high there: at a morning ramp with a slow init,
 * requests that waited for an init pile up as ranks (issue 13's 50 rps week, 4 s init, 2 an hour: 122 predicted, 26
 * enough). A passing run shows instead how many requests were really in flight at once (few of them waited for an
 * init, as it passed). With L environments always warm, a request meets a cold start only when more than L are in
 * flight and no on-demand environment is left warm, so the hour with the highest peak P needs about P less the hour's
 * allowance. Only a guess: the search proves the level it returns (it passes and the one below fails).
 */

/** The guessed level in [minLevel, level), or undefined when none below `level` is guessed to be enough. */
export function peakGuess(peakInFlight: number, allowedPerHour: number, level: number, minLevel: number): number | undefined {
    const guess = Math.max(minLevel, Math.ceil(peakInFlight - allowedPerHour));
    return guess < level ? guess : undefined;
}
