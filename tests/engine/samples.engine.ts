// Every sample program through the real Pulumi engine against the AWS stand-in: `pulumi up`, a second `up` with no
// change at the same clock (no step but "same"), `pulumi refresh`, `pulumi destroy`; then nothing of the stack is left
// in the account.
import { expect } from "chai";
import { SCENARIOS } from "../../programs/scenarios";
import { leftovers, objectKeys, provisionedConcurrency } from "../helpers/lifecycle/aws-model";
import { EngineStack, StandInAccount } from "./harness";

const NOON = new Date("2026-12-01T12:00:00Z");

describe("sample programs under the real Pulumi engine", () => {
    for (const [scenario, sample] of Object.entries(SCENARIOS)) {
        it(`${scenario}: up, up again (no change), refresh, destroy: nothing left`, async () => {
            const account = new StandInAccount();
            const before = objectKeys(account.aws);
            const stack = await EngineStack.create(account);
            try {
                const program = () => sample.run();
                const first = await stack.up(program, NOON);
                expect(first.error, first.output).to.equal(undefined);
                expect(provisionedConcurrency(account.aws).length > 0).to.equal(scenario !== "warmer");
                const second = await stack.up(program, NOON);
                expect(second.error, second.output).to.equal(undefined);
                expect(second.steps.filter((s) => s.op !== "same").map((s) => `${s.op} ${s.urn}`)).to.deep.equal([]);
                const refreshed = await stack.refresh();
                expect(refreshed.error, refreshed.output).to.equal(undefined);
                const gone = await stack.destroy();
                expect(gone.error, gone.output).to.equal(undefined);
                expect(await stack.resources()).to.deep.equal([]);
                expect(provisionedConcurrency(account.aws)).to.deep.equal([]);
                expect(leftovers(account.aws, before)).to.deep.equal([]);
            } finally {
                await stack.remove();
                await account.stop();
            }
        });
    }
});
