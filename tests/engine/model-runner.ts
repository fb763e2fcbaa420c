// Runs engine scenarios (scenarios.ts) through the lifecycle model: each program under the AWS-like mocks, its
// declared resources through the model of the engine (tests/helpers/lifecycle/engine.ts) over the model of AWS.
// Run as its own process (the mocks replace the Pulumi SDK's runtime, which the real engine's inline programs need):
//     node -r ts-node/register/transpile-only tests/engine/model-runner.ts
// prints one JSON object: { [scenario name]: ScenarioTrace | { failure: string } } for every scenario, or for the
// group named as its argument.
import { mocks } from "../helpers/pulumi";
import type { DeployedAws } from "../../testing/mock-aws";
import { AwsModel } from "../helpers/lifecycle/aws-model";
import { DeploymentError, destroy, refresh, up } from "../helpers/lifecycle/engine";
import { declaredBy } from "../helpers/lifecycle/from-mocks";
import { DeclaredResource, OperationResult, StackState, emptyState } from "../helpers/lifecycle/types";
import { EngineScenario, SCENARIO_GROUPS, ScenarioGroup, engineScenarios } from "./scenarios";
import { OperationKind, ScenarioTrace, generatedIdOf } from "./trace";

/**
 * What a program reads of the model's AWS at `pulumi up` (a WarmAlias asks how its alias routes): the alias and its
 * weights. What is allocated is left to the mocks (a readback finds the configuration as the program declares it,
 * allocated at once, as the model's up then allocates it).
 */
function programView(aws: AwsModel): DeployedAws {
    return {
        aliasVersion: (functionName, alias) => aws.aliasesOf(functionName)[alias],
        aliasWeights: (functionName, alias) => aws.aliasWeightsOf(functionName, alias),
        allocated: () => undefined,
    };
}

/** The AWS calls of a program's provider functions (the engine's invokes), in the model's notation. */
function invokeCalls(): string[] {
    return mocks.calls.flatMap((call) =>
        call.token === "aws:lambda/getAlias:getAlias" ? [`GetAlias(${String(call.inputs.functionName)},${String(call.inputs.name)})`] : [],
    );
}

/** Runs `program` as the next `up` would, reading the model's AWS, and returns what it declares and the AWS calls of its invokes. */
async function declaredOn(aws: AwsModel, program: () => void, at?: Date): Promise<{ declared: DeclaredResource[]; invoked: string[] }> {
    mocks.awsView = programView(aws);
    try {
        const declared = await declaredBy(program, at);
        return { declared, invoked: invokeCalls() };
    } finally {
        mocks.awsView = undefined;
    }
}

export async function modelTrace(scenario: EngineScenario): Promise<ScenarioTrace> {
    const aws = new AwsModel();
    scenario.account(aws);
    let state: StackState = emptyState();
    const trace: ScenarioTrace = { operations: [], creates: [] };
    const record = (kind: OperationKind, step: number, result: OperationResult, invoked: string[] = []): void => {
        state = result.state;
        trace.operations.push({
            kind,
            step,
            error: result.error?.message,
            steps: result.steps.map((s) => ({ urn: s.urn, op: s.op })),
            // The program's invokes run before the engine takes any step.
            awsCalls: [...invoked, ...result.steps.flatMap((s) => s.awsCalls)],
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
            case "up": {
                const { declared, invoked } = await declaredOn(aws, step.program, step.at);
                record("up", i, up(state, declared, aws), invoked);
                break;
            }
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
