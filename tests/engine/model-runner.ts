// Runs engine scenarios (scenarios.ts) through the lifecycle model: each program under the AWS-like mocks, its
// declared resources through the model of the engine (tests/helpers/lifecycle/engine.ts) over the model of AWS.
// Run as its own process (the mocks replace the Pulumi SDK's runtime, which the real engine's inline programs need):
//     node -r ts-node/register/transpile-only tests/engine/model-runner.ts
// prints one JSON object: { [scenario name]: ScenarioTrace | { failure: string } } for every scenario, or for the
// group named as its argument.
import "../helpers/pulumi";
import { AwsModel } from "../helpers/lifecycle/aws-model";
import { DeploymentError, destroy, refresh, up } from "../helpers/lifecycle/engine";
import { declaredBy } from "../helpers/lifecycle/from-mocks";
import { OperationResult, StackState, emptyState } from "../helpers/lifecycle/types";
import { EngineScenario, SCENARIO_GROUPS, ScenarioGroup, engineScenarios } from "./scenarios";
import { OperationKind, ScenarioTrace, generatedIdOf } from "./trace";

export async function modelTrace(scenario: EngineScenario): Promise<ScenarioTrace> {
    const aws = new AwsModel();
    scenario.account(aws);
    let state: StackState = emptyState();
    const trace: ScenarioTrace = { operations: [], creates: [] };
    const record = (kind: OperationKind, step: number, result: OperationResult): void => {
        state = result.state;
        trace.operations.push({
            kind,
            step,
            error: result.error?.message,
            steps: result.steps.map((s) => ({ urn: s.urn, op: s.op })),
            awsCalls: result.steps.flatMap((s) => s.awsCalls),
        });
        for (const s of result.steps) {
            if (s.op === "create" || s.op === "create-replacement") {
                trace.creates.push({ urn: s.urn, autoName: s.autoName, id: generatedIdOf(s.urn, s.id) });
            }
        }
        if (result.error instanceof DeploymentError) {
            // The failed step is not among the steps: add it, with the calls it made before failing.
            const operation = trace.operations[trace.operations.length - 1];
            operation.steps.push({ urn: result.error.urn, op: result.error.op });
            operation.awsCalls.push(...result.error.awsCalls);
        }
    };
    for (const [i, step] of scenario.steps.entries()) {
        switch (step.kind) {
            case "up":
                record("up", i, up(state, await declaredBy(step.program, step.at), aws));
                break;
            case "refresh":
                record("refresh", i, refresh(state, aws));
                break;
            case "destroy":
                record("destroy", i, destroy(state, aws));
                break;
            case "aws":
                step.act(aws);
                break;
            case "preview":
                // The model has no preview; the real run checks what a preview predicts against the up after it.
                break;
        }
    }
    return trace;
}

async function main(): Promise<void> {
    const group = process.argv[2] as ScenarioGroup | undefined;
    const scenarios = group !== undefined ? SCENARIO_GROUPS[group]() : engineScenarios();
    const result: Record<string, ScenarioTrace | { failure: string }> = {};
    for (const scenario of scenarios) {
        try {
            result[scenario.name] = await modelTrace(scenario);
        } catch (error) {
            result[scenario.name] = { failure: error instanceof Error ? `${error.name}: ${error.message}` : String(error) };
        }
    }
    process.stdout.write(JSON.stringify(result));
}

if (require.main === module) {
    main().catch((error: unknown) => {
        console.error(error);
        process.exit(1);
    });
}
