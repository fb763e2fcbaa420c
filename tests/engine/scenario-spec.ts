// Runs a group of engine scenarios (scenarios.ts) twice: with the real Pulumi engine against the AWS stand-in, and
// through the lifecycle model (in a process of its own, under the mocks). The real run must keep the scenario's
// invariants (real-runner.ts), and the two runs must agree step for step and call for call on each AWS object
// (trace.ts), so that the model, which `npm test` uses for its fast lifecycle tests, stays true to the engine.
import { execFileSync } from "child_process";
import * as path from "path";
import { expect } from "chai";
import { SCENARIO_GROUPS, ScenarioGroup } from "./scenarios";
import { realRun } from "./real-runner";
import { ScenarioTrace, compareTraces } from "./trace";

const REPO_ROOT = path.resolve(__dirname, "..", "..");

export function describeScenarios(group: ScenarioGroup): void {
    describe(`scenarios (${group}): the real Pulumi engine, and the lifecycle model against it`, function () {
        let model: Record<string, ScenarioTrace | { failure: string }> = {};

        before(function () {
            this.timeout(120_000);
            const output = execFileSync(process.execPath, ["-r", "ts-node/register/transpile-only", path.join(__dirname, "model-runner.ts"), group], {
                cwd: REPO_ROOT,
                encoding: "utf8",
                maxBuffer: 256 * 1024 * 1024,
            });
            model = JSON.parse(output) as typeof model;
        });

        for (const scenario of SCENARIO_GROUPS[group]()) {
            it(scenario.name, async () => {
                const real = await realRun(scenario);
                expect(real.problems, "what the real engine left").to.deep.equal(scenario.knownProblems ?? []);
                const modelled = model[scenario.name];
                expect(modelled, "the model's run").to.not.equal(undefined);
                if ("failure" in modelled) {
                    expect.fail(`the model could not run the scenario: ${modelled.failure}`);
                }
                expect(compareTraces(modelled, real.trace), "where the model and the real engine differ").to.deep.equal([]);
            });
        }
    });
}
