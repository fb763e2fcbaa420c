/** A strategy with its parameters chosen: what the searches return and the recommendation picks from. */
import { StrategyName } from "./advice";
import { ComponentArgs, ComponentName } from "./component-args";
import { MonthlyCost } from "./cost";
import { SimulationResult } from "./simulator";

export interface Candidate {
    readonly name: StrategyName;
    /** A short human description of the parameters, e.g. "12 provisioned". */
    readonly configuration: string;
    readonly component: ComponentName | null;
    readonly args: ComponentArgs | null;
    /** Its simulation over the whole period. */
    readonly result: SimulationResult;
    readonly cost: MonthlyCost;
    readonly meetsGoal: boolean;
    /** Simulations its search ran. */
    readonly simulations: number;
}

/** Makes a strategy's result a candidate: prices it and judges it against the goal. */
export type MakeCandidate = (
    name: StrategyName,
    configuration: string,
    component: ComponentName | null,
    args: ComponentArgs | null,
    result: SimulationResult,
    simulations: number,
) => Candidate;
