// The time the components read as "now": what a schedule has in force when a provisioned concurrency configuration
// is first created. The offline plan (`--now`) and the tests set it; kept on globalThis so that a program's copy of
// the package and the command's copy read the same clock.
const CLOCK_SYMBOL = Symbol.for("lambda-concurrency.clock");

type Clock = () => Date;
const holder = globalThis as unknown as Record<symbol, Clock | undefined>;

/** The current time, as the components see it. */
export function currentTime(): Date {
    const clock = holder[CLOCK_SYMBOL];
    return clock === undefined ? new Date() : clock();
}

/** Makes the components see `at` as now (undefined: the real time again). */
export function setCurrentTime(at: Date | undefined): void {
    holder[CLOCK_SYMBOL] = at === undefined ? undefined : () => at;
}
