// The monitoring's whole life in AWS, offline (tests/helpers/lifecycle): turned on, changed, renamed, swapped,
// turned off, destroyed. Alarms and the dashboard are children of the component: they follow it.
import { expect } from "chai";
import { FixedConcurrency, UtilizationScaling } from "../../components";
import { AwsModel, leftovers, missingInAws, objectKeys, provisionedConcurrency } from "../helpers/lifecycle/aws-model";
import { deployed, destroy, up } from "../helpers/lifecycle/engine";
import { declaredBy } from "../helpers/lifecycle/from-mocks";
import { OperationResult, emptyState } from "../helpers/lifecycle/types";
import { resetProgram } from "../helpers/pulumi";
import { Monitoring } from "../../components/monitoring/settings";

function account(): AwsModel {
    const aws = new AwsModel();
    aws.addFunction("orders", { versions: ["1", "2"], aliases: { live: "2" } });
    return aws;
}


function calls(result: OperationResult): string[] {
    return result.steps.flatMap((s) => s.awsCalls);
}

/** The CloudWatch objects in AWS: alarms and dashboards, by key. */
function cloudWatch(aws: AwsModel): string[] {
    return aws
        .objects()
        .filter((o) => /Alarm|Dashboard/i.test(o.kind) && !o.key.includes("TargetTracking-"))
        .map((o) => o.key)
        .sort();
}

const fixed = (name: string, monitoring?: Monitoring, opts = {}) => () =>
    new FixedConcurrency(name, { functionName: "orders", qualifier: "live", provisionedConcurrentExecutions: 3, monitoring }, opts);
const scaling = (name: string, monitoring?: Monitoring) => () =>
    new UtilizationScaling(name, { functionName: "orders", qualifier: "live", maxCapacity: 10, monitoring });

describe("monitoring in AWS (model)", () => {
    afterEach(resetProgram);

    it("turned on, then off: the alarms and dashboard come and go, the capacity is never touched", async () => {
        const aws = account();
        let state = deployed(emptyState(), await declaredBy(fixed("api")), aws);
        expect(cloudWatch(aws)).to.deep.equal([]);
        const on = up(state, await declaredBy(fixed("api", {})), aws);
        expect(on.error).to.equal(undefined);
        expect(calls(on).filter((c) => c.includes("ProvisionedConcurrency"))).to.deep.equal([]);
        expect(cloudWatch(aws)).to.have.length(3);
        state = on.state;
        const off = up(state, await declaredBy(fixed("api")), aws);
        expect(off.error).to.equal(undefined);
        expect(calls(off).filter((c) => c.includes("ProvisionedConcurrency"))).to.deep.equal([]);
        expect(cloudWatch(aws)).to.deep.equal([]);
        expect(provisionedConcurrency(aws)).to.deep.equal([{ functionName: "orders", qualifier: "live", count: 3 }]);
    });

    it("a changed threshold updates the alarm and the dashboard's line in place (PutMetricAlarm, PutDashboard), nothing is replaced", async () => {
        const aws = account();
        const state = deployed(emptyState(), await declaredBy(fixed("api", {})), aws);
        const before = cloudWatch(aws);
        const changed = up(state, await declaredBy(fixed("api", { spillover: { threshold: 5 } })), aws);
        expect(changed.error).to.equal(undefined);
        expect(changed.steps.filter((s) => s.op !== "same" && s.urn.includes("cloudwatch")).map((s) => `${s.op} ${s.urn.split("::").pop()}`)).to.deep.equal([
            "update api-spillover",
            "update api-dashboard",
        ]);
        expect(calls(changed).filter((c) => /Alarm|Dashboard/.test(c)).map((c) => c.split("(")[0])).to.deep.equal(["PutMetricAlarm", "PutDashboard"]);
        expect(cloudWatch(aws)).to.deep.equal(before);
    });

    it("renamed with aliases: the dashboard keeps its name and is rewritten in place, alarms keep theirs, none is lost or left", async () => {
        const aws = account();
        const start = objectKeys(aws);
        const state = deployed(emptyState(), await declaredBy(fixed("api", {})), aws);
        const alarms = cloudWatch(aws).filter((k) => k.includes("Alarm"));
        const renamed = up(state, await declaredBy(fixed("orders-api", {}, { aliases: [{ name: "api" }] })), aws);
        expect(renamed.error).to.equal(undefined);
        expect(calls(renamed).filter((c) => /Dashboard/.test(c))).to.deep.equal(["PutDashboard(lambda-concurrency-test-test-us-east-1-api)"]);
        expect(cloudWatch(aws).filter((k) => k.includes("Alarm"))).to.deep.equal(alarms);
        expect(provisionedConcurrency(aws)).to.deep.equal([{ functionName: "orders", qualifier: "live", count: 3 }]);
        expect(cloudWatch(aws).filter((k) => k.includes("dashboard"))).to.deep.equal(["aws:cloudwatch/dashboard:Dashboard:lambda-concurrency-test-test-us-east-1-api"]);
        expect(missingInAws(renamed.state, aws)).to.deep.equal([]);
        expect(destroy(renamed.state, aws).error).to.equal(undefined);
        expect(leftovers(aws, start)).to.deep.equal([]);
    });

    it("FixedConcurrency -> UtilizationScaling of the same name: the spillover alarm stays as it is, the dashboard is rewritten in place, one alarm swaps for another", async () => {
        const aws = account();
        const state = deployed(emptyState(), await declaredBy(fixed("api", {})), aws);
        const dashboard = cloudWatch(aws).filter((k) => k.includes("dashboard"));
        const swap = up(state, await declaredBy(scaling("api", {})), aws);
        expect(swap.error).to.equal(undefined);
        expect(swap.steps.filter((s) => s.op !== "same" && s.urn.includes("cloudwatch")).map((s) => `${s.op} ${s.urn.split("::").pop()}`).sort()).to.deep.equal([
            "create api-ceiling",
            "delete api-low-utilization",
            "update api-dashboard",
        ]);
        expect(cloudWatch(aws).filter((k) => k.includes("dashboard"))).to.deep.equal(dashboard);
        expect(missingInAws(swap.state, aws)).to.deep.equal([]);
    });

    it("destroy leaves no alarm and no dashboard", async () => {
        const aws = account();
        const start = objectKeys(aws);
        const state = deployed(emptyState(), await declaredBy(scaling("api", { alarmActions: ["arn:aws:sns:us-east-1:123456789012:on-call"] })), aws);
        expect(cloudWatch(aws)).to.have.length(3);
        expect(destroy(state, aws).error).to.equal(undefined);
        expect(leftovers(aws, start)).to.deep.equal([]);
    });
});
