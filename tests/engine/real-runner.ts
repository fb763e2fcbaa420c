// Runs an engine scenario (scenarios.ts) with the real Pulumi engine against the AWS stand-in, checking after every
// step what must hold whatever the model says: each operation fails exactly where the scenario says; after a
// successful step nothing the stack's state holds is missing in AWS (unless the scenario says the step leaves it
// so); a `noChange` up takes no step but "same"; and after the final destroy the state is empty and the account
// holds nothing of the stack, provisioned concurrency least of all.
import { AwsModel, leftovers, objectKeys, provisionedConcurrency } from "../helpers/lifecycle/aws-model";
import { EngineStack, OperationRecord, StandInAccount, StateResource } from "./harness";
import { EngineScenario } from "./scenarios";
import { TEST_PROJECT, TEST_STACK } from "../helpers/test-names";
import { OperationKind, ScenarioTrace, generatedIdOf } from "./trace";

/** The state's custom resources whose AWS object is missing. */
function missing(resources: readonly StateResource[], aws: AwsModel): string[] {
    return resources
        .filter((r) => r.custom && r.delete !== true && r.pendingReplacement !== true && !aws.exists(r.type, r.id, r.outputs ?? {}))
        .map((r) => r.urn);
}

export interface RealRun {
    trace: ScenarioTrace;
    /** What did not hold (empty: the scenario's invariants held). */
    problems: string[];
}

export async function realRun(scenario: EngineScenario): Promise<RealRun> {
    const account = new StandInAccount();
    scenario.account(account.aws);
    const before = objectKeys(account.aws);
    const stack = await EngineStack.create(account, { project: TEST_PROJECT, stack: TEST_STACK });
    const trace: ScenarioTrace = { operations: [], creates: [] };
    const problems: string[] = [];
    const record = (kind: OperationKind, step: number, result: OperationRecord): void => {
        trace.operations.push({
            kind,
            step,
            error: result.error,
            steps: result.steps.filter((s) => !s.urn.includes("::pulumi:pulumi:Stack::") && !s.urn.includes("::pulumi:providers:")).map((s) => ({ urn: s.urn, op: s.op })),
            awsCalls: result.awsCalls,
        });
        for (const call of result.providerCalls) {
            if (call.method === "create" && !call.preview && call.error === undefined) {
                trace.creates.push({ urn: call.urn, autoName: call.autoName, id: generatedIdOf(call.urn, call.id) });
            }
        }
    };
    try {
        let predicted: { step: number; steps: string[] } | undefined;
        for (const [i, step] of scenario.steps.entries()) {
            const where = `step ${i} (${step.kind})`;
            let result: OperationRecord | undefined;
            switch (step.kind) {
                case "preview": {
                    const preview = await stack.preview(step.program, step.at);
                    if (preview.error !== undefined) {
                        problems.push(`${where} failed: ${lastLines(preview.output)}`);
                    }
                    const changing = preview.awsCalls.filter((c) => !/^(Get|Describe|List)/.test(c));
                    if (changing.length > 0) {
                        problems.push(`${where}: a preview called AWS: ${changing.join("; ")}`);
                    }
                    predicted = { step: i, steps: stepList(preview) };
                    break;
                }
                case "up":
                    // A failure stops the engine's parallel steps wherever each one is; one step at a time (`--parallel 1`,
                    // in registration order) makes the steps before it the model's, so that the runs compare.
                    result = await stack.up(step.program, step.at, step.fails !== undefined ? 1 : undefined);
                    record("up", i, result);
                    if (predicted !== undefined && asPublished(predicted.steps, stepList(result)).join("\n") !== stepList(result).join("\n")) {
                        problems.push(`the preview of step ${predicted.step} predicted [${predicted.steps.join("; ")}], ${where} did [${stepList(result).join("; ")}]`);
                    }
                    predicted = undefined;
                    if (step.fails === undefined && result.error !== undefined) {
                        problems.push(`${where} failed: ${lastLines(result.output)}`);
                    } else if (step.fails !== undefined && !(result.output.includes(step.fails))) {
                        problems.push(`${where} should have failed with "${step.fails}": ${lastLines(result.output)}`);
                    }
                    for (const minimum of step.atLeast ?? []) {
                        const have = account.aws.provisionedConcurrencyConfig(minimum.functionName, minimum.qualifier)?.requested ?? 0;
                        if (have < minimum.count) {
                            problems.push(`after ${where}, ${minimum.functionName}:${minimum.qualifier} has ${have} environments, below the ${minimum.count} in force`);
                        }
                    }
                    if (step.noChange === true) {
                        // A read (Resource.get: WarmAlias reads what Lambda allocated) runs on every up and changes nothing.
                        const changed = result.steps.filter((s) => s.op !== "same" && s.op !== "read").map((s) => `${s.op} ${s.urn}`);
                        if (changed.length > 0) {
                            problems.push(`${where} should change nothing: ${changed.join("; ")}`);
                        }
                    }
                    break;
                case "refresh":
                case "destroy":
                    result = step.kind === "refresh" ? await stack.refresh() : await stack.destroy();
                    record(step.kind, i, result);
                    if (result.error !== undefined) {
                        problems.push(`${where} failed: ${lastLines(result.output)}`);
                    }
                    break;
                case "aws":
                    step.act(account.aws);
                    break;
            }
            const consistent = step.kind === "aws" || step.kind === "destroy" || step.kind === "preview" || step.consistent !== false;
            if (result !== undefined && consistent) {
                const gone = missing(await stack.resources(), account.aws);
                if (gone.length > 0) {
                    problems.push(`after ${where}, the state holds what AWS lacks: ${gone.join(", ")}`);
                }
            }
        }
        const left = await stack.resources();
        if (left.length > 0) {
            problems.push(`after the last step the state still holds ${left.map((r) => r.urn).join(", ")}`);
        }
        const billing = provisionedConcurrency(account.aws).filter((c) => !before.has(`lambda:provisioned-concurrency:${c.functionName}:${c.qualifier}`));
        if (billing.length > 0) {
            problems.push(`provisioned concurrency left billing: ${billing.map((c) => `${c.functionName}:${c.qualifier} x${c.count}`).join(", ")}`);
        }
        const rest = leftovers(account.aws, before).filter((o) => !o.key.startsWith("lambda:provisioned-concurrency:"));
        if (rest.length > 0) {
            problems.push(`left in the account: ${rest.map((o) => o.key).join(", ")}`);
        }
    } finally {
        await stack.remove();
        await account.stop();
    }
    return { trace, problems };
}

/**
 * An operation's steps on resources (not the stack or providers), each once, sorted, as `op urn` (a preview reports a
 * component both when it registers and when it registers its outputs).
 */
function stepList(result: OperationRecord): string[] {
    const steps = result.steps.filter((s) => !s.urn.includes("::pulumi:pulumi:Stack::") && !s.urn.includes("::pulumi:providers:")).map((s) => `${s.op} ${s.urn}`);
    return [...new Set(steps)].sort();
}

/**
 * A preview's steps with a WarmAlias's version it could not know named as the up named it: the preview declares that
 * version's configuration as NAME-new-version (components/canary-plan.ts, UNPUBLISHED_VERSION), the up as NAME-vN,
 * N the version it published (the one NAME-vN component the up created).
 */
function asPublished(previewSteps: readonly string[], upSteps: readonly string[]): string[] {
    const published = new Map<string, string>();
    for (const step of upSteps) {
        const created = /^create .*lambda-concurrency:index:WarmAlias\$lambda-concurrency:index:(?:FixedConcurrency|UtilizationScaling)::(.+)-v(\d+)$/.exec(step);
        if (created !== null) {
            published.set(created[1], `${created[1]}-v${created[2]}`);
        }
    }
    return previewSteps
        .map((step) => step.replace(/::([^:]+?)-new-version([^:]*)$/, (whole, name: string, rest: string) => (published.has(name) ? `::${published.get(name)}${rest}` : whole)))
        .sort();
}

function lastLines(output: string): string {
    return output.trim().split("\n").slice(-12).join("\n");
}
