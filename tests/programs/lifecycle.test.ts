// Every sample program through the lifecycle model (tests/helpers/lifecycle): `pulumi up`, time passing (the
// schedules fire, tracking scales out), `pulumi refresh`, `pulumi up` again, then `pulumi destroy`. Nothing may be
// left in AWS, provisioned concurrency least of all, and at no point may Pulumi believe in something AWS lacks.
import { expect } from "chai";
import { SCENARIOS } from "../../programs/scenarios";
import { AwsModel, leftovers, missingInAws, objectKeys, provisionedConcurrency } from "../helpers/lifecycle/aws-model";
import { destroy, refresh, up } from "../helpers/lifecycle/engine";
import { declaredBy } from "../helpers/lifecycle/from-mocks";
import { emptyState } from "../helpers/lifecycle/types";
import { resetProgram } from "../helpers/pulumi";

describe("sample programs: their whole life in AWS (model)", () => {
    afterEach(resetProgram);

    for (const [scenario, sample] of Object.entries(SCENARIOS)) {
        it(`${scenario}: up, time passes, refresh, up, destroy: nothing left`, async () => {
            const aws = new AwsModel();
            const before = objectKeys(aws);
            const program = await declaredBy(() => void sample.run());
            const first = up(emptyState(), program, aws);
            expect(first.error).to.equal(undefined);
            expect(missingInAws(first.state, aws)).to.deep.equal([]);
            const provisioned = provisionedConcurrency(aws).reduce((sum, c) => sum + c.count, 0);
            expect(provisioned > 0).to.equal(scenario !== "warmer");

            // Application Auto Scaling acts between deployments: every scheduled action fires, in order.
            for (const target of program.filter((r) => r.type === "aws:appautoscaling/target:Target")) {
                const resourceId = String(target.inputs.resourceId);
                for (const action of program.filter((r) => r.type === "aws:appautoscaling/scheduledAction:ScheduledAction")) {
                    aws.runScheduledAction(resourceId, String(action.inputs.name));
                }
            }
            const reread = refresh(first.state, aws);
            expect(reread.error).to.equal(undefined);
            const second = up(reread.state, program, aws);
            expect(second.error).to.equal(undefined);
            expect(missingInAws(second.state, aws)).to.deep.equal([]);

            const gone = destroy(second.state, aws);
            expect(gone.error).to.equal(undefined);
            expect(gone.state.resources).to.deep.equal([]);
            expect(provisionedConcurrency(aws)).to.deep.equal([]);
            expect(leftovers(aws, before)).to.deep.equal([]);
        });
    }
});
