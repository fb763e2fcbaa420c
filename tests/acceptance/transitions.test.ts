// The acceptance run's transitions through the offline lifecycle model (tests/helpers/lifecycle): each program of
// acceptance/programs.ts deploys, changes and destroys there, and the model's AWS agrees with what the acceptance run
// will expect of the real one (acceptance/plan.ts). A transition that fails here would fail on AWS for a reason of
// ours, not AWS's; the real run then checks what the model only assumes.
import { expect } from "chai";
import { CASES, type ExpectedState } from "../../acceptance/plan";
import { TRANSITION_PROGRAMS } from "../../acceptance/programs";
import { resourceIdOf } from "../../acceptance/checks";
import { AwsModel, leftovers, missingInAws, objectKeys, provisionedConcurrency } from "../helpers/lifecycle/aws-model";
import { destroy, up } from "../helpers/lifecycle/engine";
import { declaredBy } from "../helpers/lifecycle/from-mocks";
import { emptyState, type StackState } from "../helpers/lifecycle/types";
import { resetProgram } from "../helpers/pulumi";

const NOW = new Date("2026-12-01T12:00:00Z");
// The by-name fixture's function, made outside the stack (the real run makes it with a stack of its own).
const EXTERNAL = { functionName: "ext-fn-9f8e7d6", alias: "live" };

function outputsOf(state: StackState): Record<string, string> {
    const fn = state.resources.find((r) => r.type === "aws:lambda/function:Function");
    if (fn === undefined) {
        return EXTERNAL;
    }
    return { functionName: String(fn.outputs.name), alias: "live", version: String(fn.outputs.version) };
}

function modelProblems(aws: AwsModel, expected: ExpectedState): string[] {
    const problems: string[] = [];
    const fn = expected.functionName;
    const qualifiers = provisionedConcurrency(aws).filter((c) => c.functionName === fn).map((c) => c.qualifier);
    if ([...qualifiers].sort().join() !== expected.configs.map((c) => c.qualifier).sort().join()) {
        problems.push(`configurations on ${qualifiers.join(", ") || "nothing"}, expected ${expected.configs.map((c) => c.qualifier).join(", ") || "none"}`);
    }
    if (expected.target !== undefined) {
        const id = resourceIdOf(fn, expected.target.qualifier);
        const bounds = aws.scalableTarget(id);
        if (bounds === undefined) {
            problems.push(`no target ${id}`);
        } else if (
            (expected.target.minCapacity ?? bounds.minCapacity) !== bounds.minCapacity ||
            (expected.target.maxCapacity ?? bounds.maxCapacity) !== bounds.maxCapacity
        ) {
            problems.push(`target ${id} bounds ${bounds.minCapacity}-${bounds.maxCapacity}`);
        }
        const suspended = aws.suspendedScaling(id);
        if (expected.target.suspended !== undefined && suspended !== undefined && Object.values(suspended).some((flag) => flag !== expected.target?.suspended)) {
            problems.push(`target ${id} suspended ${JSON.stringify(suspended)}`);
        }
        expect(aws.scalingOf(id).policies.length, `policies of ${id}`).to.equal(expected.target.targetValue === undefined ? 0 : 1);
    }
    for (const q of expected.noTargetOn) {
        if (aws.scalableTarget(resourceIdOf(fn, q)) !== undefined) {
            problems.push(`target left on ${q}`);
        }
    }
    return problems;
}

describe("acceptance transitions, through the lifecycle model", () => {
    afterEach(resetProgram);

    for (const c of CASES.filter((x) => "transition" in x.steps[0].program)) {
        it(`${c.name}: every step as the acceptance run expects it, then nothing left`, async () => {
            const aws = new AwsModel();
            aws.addFunction(EXTERNAL.functionName, { versions: ["1"], aliases: { live: "1" } });
            const before = objectKeys(aws);
            const programs = TRANSITION_PROGRAMS[c.name];
            let state = emptyState();
            for (const step of c.steps) {
                if (!("transition" in step.program)) {
                    throw new Error("not a transition");
                }
                const program = step.program.step === "before" ? programs.before : programs.after;
                expect(program, `${c.name} ${step.program.step}`).to.be.a("function");
                const declared = await declaredBy(() => void program?.(EXTERNAL), NOW);
                const result = up(state, declared, aws);
                if (step.probe === "weighted-alias-refused") {
                    // Not caught by the components: the model refuses it as Lambda does (aws-model.ts, from
                    // hashicorp/terraform#24957); the real run's probe checks that AWS does.
                    expect(result.error?.message, `${c.name} ${step.program.step}`).to.equal(
                        "create urn:pulumi:test::lambda-concurrency-test::lambda-concurrency:index:FixedConcurrency$aws:lambda/provisionedConcurrencyConfig:ProvisionedConcurrencyConfig::api failed: " +
                            "PutProvisionedConcurrencyConfig: InvalidParameterValueException: Alias with weights can not be used with Provisioned Concurrency",
                    );
                    expect(provisionedConcurrency(aws)).to.deep.equal([]);
                    state = result.state;
                    continue;
                }
                expect(result.error, `${c.name} ${step.program.step}`).to.equal(undefined);
                expect(missingInAws(result.state, aws)).to.deep.equal([]);
                state = result.state;
                const expected = step.expect(outputsOf(state), NOW);
                expect(modelProblems(aws, expected), `${c.name} ${step.program.step}`).to.deep.equal([]);
                if (step.probe === "scheduled-action-lowers") {
                    // What the real run waits for: the at() action takes the count from 2 to 1.
                    aws.runScheduledAction(resourceIdOf(expected.functionName, expected.target?.qualifier ?? "live"), "low");
                    expect(provisionedConcurrency(aws).map((c) => c.count), `${c.name} ${step.program.step} probe`).to.deep.equal([1]);
                }
                if (expected.noChurn === true) {
                    expect(result.steps.filter((s) => s.op !== "same" && s.op !== "update").map((s) => `${s.op} ${s.urn}`)).to.deep.equal([]);
                }
            }
            const gone = destroy(state, aws);
            expect(gone.error).to.equal(undefined);
            expect(provisionedConcurrency(aws)).to.deep.equal([]);
            expect(leftovers(aws, before)).to.deep.equal([]);
        });
    }
});
