// `utilization`: the Pulumi blog's load-following example. 1 to 10 provisioned environments on the `live` alias,
// tracking 80% utilization (on the minute's Maximum).
import { Alias } from "@pulumi/aws/lambda";
import { UtilizationScaling } from "../components";
import { helloFunction } from "./shared";

export function utilizationScenario(): Record<string, unknown> {
    const fn = helloFunction("utilization-fn");
    const live = new Alias("utilization-live", { name: "live", functionName: fn.name, functionVersion: fn.version });
    const load = new UtilizationScaling("utilization", {
        functionName: fn.name,
        qualifier: live.name,
        minCapacity: 1,
        maxCapacity: 10,
        targetUtilization: 0.8,
    });
    return { functionName: fn.name, alias: live.name, scalableTarget: load.target.resourceId, policy: load.policy.name };
}
