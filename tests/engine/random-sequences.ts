// A sample of random step sequences for the real engine (issue 19): the property-based lifecycle tests run thousands
// of sequences on the model in `npm test` (tests/components/lifecycle-properties.test.ts); these few run under the real
// Pulumi engine and the model alike and must agree (scenario-spec.ts), with the invariants checked on the real run:
// I2 after every up (each `atLeast`), nothing of the stack left after the final destroy (real-runner.ts). They are
// drawn by fast-check from a fixed seed, so that the real run and the model run (model-runner.ts, another process)
// draw the same sequences; set LIFECYCLE_ENGINE_SEED to draw others.
import * as fc from "fast-check";
import type { AwsModel } from "../helpers/lifecycle/aws-model";
import {
    EVENING,
    EngineScenario,
    NIGHTS_LOW,
    NOON,
    ORDERS,
    Program,
    ScenarioStep,
    destroy,
    fixed,
    nothing,
    orders,
    refresh,
    scheduled,
    up,
    utilization,
    warmer,
} from "./scenario-programs";

const DEFAULT_SEED = 1919;
const SEQUENCES = 8;

type Kind = "fixed" | "scheduled" | "utilization" | "warmer" | "nothing";
type Qualifier = "live" | "blue";
type Name = "api" | "api-renamed";

interface Choice {
    kind: Kind;
    /** live is version 2, blue version 1: a move between them is a replacement on another version. */
    qualifier: Qualifier;
    /** Each name declares the other as an alias, so that a rename never deletes what the new name just set. */
    name: Name;
    count: 3 | 5;
    at: "noon" | "evening";
}

type Action = { kind: "up"; choice: Choice } | { kind: "refresh" } | { kind: "night" } | { kind: "day" } | { kind: "burst" };

const choice: fc.Arbitrary<Choice> = fc.record({
    kind: fc.constantFrom<Kind>("fixed", "scheduled", "utilization", "warmer", "nothing"),
    qualifier: fc.constantFrom<Qualifier>("live", "blue"),
    name: fc.constantFrom<Name>("api", "api-renamed"),
    count: fc.constantFrom<3 | 5>(3, 5),
    at: fc.constantFrom<"noon" | "evening">("noon", "evening"),
});

const action: fc.Arbitrary<Action> = fc.oneof(
    { weight: 4, arbitrary: choice.map((c): Action => ({ kind: "up", choice: c })) },
    { weight: 1, arbitrary: fc.constantFrom<Action>({ kind: "refresh" }, { kind: "night" }, { kind: "day" }, { kind: "burst" }) },
);

/** A sequence starts with an up; 2 to 6 actions in all; a destroy follows. */
const sequence: fc.Arbitrary<Action[]> = fc.tuple(choice, fc.array(action, { minLength: 1, maxLength: 5 })).map(([first, rest]) => [{ kind: "up", choice: first }, ...rest]);

function programOf(c: Choice): Program {
    const opts = { aliases: [{ name: c.name === "api" ? "api-renamed" : "api" }] };
    switch (c.kind) {
        case "fixed":
            return fixed(c.name, c.count, c.qualifier, {}, opts);
        case "scheduled":
            return scheduled(c.name, c.qualifier, NIGHTS_LOW, opts);
        case "utilization":
            return utilization(c.name, c.qualifier, {}, opts);
        case "warmer":
            return warmer(c.name);
        case "nothing":
            return nothing;
    }
}

/** The minimum the component has in force after the up (I2): the fixed count, the schedule's capacity, tracking's 1. */
function minimumOf(c: Choice): number | undefined {
    switch (c.kind) {
        case "fixed":
            return c.count;
        case "scheduled":
            return c.at === "noon" ? 10 : 1;
        case "utilization":
            return 1;
        default:
            return undefined;
    }
}

function label(a: Action): string {
    if (a.kind !== "up") {
        return a.kind;
    }
    const c = a.choice;
    const what = c.kind === "fixed" ? `fixed ${c.count}` : c.kind;
    return c.kind === "nothing" ? `up nothing (${c.at})` : `up ${what} ${c.name} on ${c.kind === "warmer" ? "blue" : c.qualifier} (${c.at})`;
}

/** Runs the named scheduled action on every target that has one. */
function everyAction(name: string): (aws: AwsModel) => void {
    return (aws) => {
        for (const a of aws.scheduledActionList().filter((x) => x.name === name)) {
            aws.runScheduledAction(a.resourceId, a.name);
        }
    };
}

/** Target tracking asks for 7 on every target it tracks. */
function burstWhereTracked(aws: AwsModel): void {
    for (const t of aws.scalableTargetList()) {
        if (aws.scalingOf(t.resourceId).policies.length > 0) {
            aws.scaleTo(t.resourceId, 7);
        }
    }
}

function stepOf(a: Action): ScenarioStep {
    switch (a.kind) {
        case "up": {
            const minimum = minimumOf(a.choice);
            const atLeast = minimum === undefined ? [] : [{ functionName: ORDERS, qualifier: a.choice.qualifier, count: minimum }];
            return up(programOf(a.choice), a.choice.at === "noon" ? NOON : EVENING, { atLeast });
        }
        case "refresh":
            return refresh;
        case "night":
            return { kind: "aws", what: "the night actions run", act: everyAction("night") };
        case "day":
            return { kind: "aws", what: "the day actions run", act: everyAction("day") };
        case "burst":
            return { kind: "aws", what: "tracking scales out to 7", act: burstWhereTracked };
    }
}

/** The sample: SEQUENCES sequences drawn from the seed, each ending with destroy. */
export function randomSequences(seed = Number(process.env.LIFECYCLE_ENGINE_SEED ?? DEFAULT_SEED)): EngineScenario[] {
    return fc.sample(sequence, { seed, numRuns: SEQUENCES }).map((actions, i) => ({
        name: `random ${i + 1} (seed ${seed}): ${actions.map(label).join(", ")}, destroy`,
        account: orders(),
        steps: [...actions.map(stepOf), destroy],
    }));
}
