/**
 * How the advisor's searches get their simulations run: a search is a generator that yields what it wants simulated
 * and receives the result, so the same search code runs one simulation at a time in this thread (advise) or side by
 * side with the other searches on worker threads (adviseInParallel, simulation-pool.ts).
 *
 * Both runners share one rule for reusing a result, so that the answers never depend on which search asked first or
 * which thread finished first: a run of the same plan that was allowed to stop early answers any request that may stop
 * early; a request for a whole period takes a full run, or an early-stopping run that in fact reached the end.
 */
import { CapacityPlan, SimulationInput, SimulationResult } from "./simulator";

/** One simulation a search asks for. */
export interface SimulationRequest {
    /** What is simulated, for the progress bar, e.g. "fixed 12". */
    readonly label: string;
    readonly plan: CapacityPlan;
    /** Whether the run may stop as soon as it has exceeded the goal (a search only needs to know that it failed). */
    readonly stopEarly: boolean;
    /** Another init duration than the function's (SnapStart's restore). */
    readonly initMs?: number;
}

/** A search: yields simulation requests, receives their results, returns its answer. */
export type Search<T> = Generator<SimulationRequest, T, SimulationResult>;

/** A simulation's input without what the runner adds (the traffic, and the callbacks that cannot cross threads). */
export type SimulationSettings = Omit<SimulationInput, "traffic" | "onColdStart" | "onProgress">;

/** A key equal for requests that give the same result. */
export function requestKey(request: SimulationRequest): string {
    return request.initMs === undefined ? planKey(request.plan) : `${planKey(request.plan)} init ${request.initMs}`;
}

/** A key that is equal for plans that behave the same: capacity actions that change nothing are left out. */
export function planKey(plan: CapacityPlan): string {
    const actions: { atMs: number; capacity: number }[] = [];
    let capacity = plan.initialCapacity;
    for (const action of plan.capacityActions ?? []) {
        if (action.capacity !== capacity) actions.push(action);
        capacity = action.capacity;
    }
    return JSON.stringify({ initial: plan.initialCapacity, actions, tracking: plan.tracking ?? null, warmer: plan.warmer ?? null, deploys: plan.deploys ?? null });
}

/**
 * Whether a run started before the goal's budgets were known (they come with the on-demand run's count of requests, so
 * the run had none over the period) is the run a request made once they are known would get: it is when the run meets
 * the goal (`meetsGoal`, judged with those budgets), for then no budget would have stopped it, and budgets change
 * nothing else in a run. A run that misses is not: with them it might have stopped early.
 */
export function speculativeRunHolds(result: SimulationResult, meetsGoal: boolean): boolean {
    return meetsGoal && !result.stoppedEarly && result.stopConditionMetAtMs === null;
}

/** Results (or promises of results) by request key, reused by the rule above. */
export class ResultCache<T> {
    private readonly full = new Map<string, T>();
    private readonly mayHaveStopped = new Map<string, T>();

    /** A full run of the key, or (when `stopEarly`) one that may have stopped early. */
    find(key: string, stopEarly: boolean): T | undefined {
        return this.full.get(key) ?? (stopEarly ? this.mayHaveStopped.get(key) : undefined);
    }

    /** A run that was allowed to stop early: it answers a full request only if it did not stop (the caller checks). */
    earlyRun(key: string): T | undefined {
        return this.mayHaveStopped.get(key);
    }

    add(key: string, stopEarly: boolean, value: T): void {
        if (stopEarly) {
            if (!this.mayHaveStopped.has(key)) this.mayHaveStopped.set(key, value);
        } else {
            this.full.set(key, value);
        }
    }
}

/** Runs a search to its answer, one simulation at a time. */
export function runSearch<T>(search: Search<T>, simulate: (request: SimulationRequest) => SimulationResult): T {
    let step = search.next();
    while (!step.done) step = search.next(simulate(step.value));
    return step.value;
}

/** Runs a search to its answer, awaiting each simulation (other searches run meanwhile). */
export async function runSearchAsync<T>(search: Search<T>, simulate: (request: SimulationRequest) => Promise<SimulationResult>): Promise<T> {
    let step = search.next();
    while (!step.done) step = search.next(await simulate(step.value));
    return step.value;
}
