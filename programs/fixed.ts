// `fixed`: a function published with publish: true and 2 provisioned environments on its version, as in the Pulumi
// blog post on provisioned concurrency (../shared/background). A new version on every code change moves the
// provisioned concurrency with it.
import { FixedConcurrency } from "../components";
import { helloFunction } from "./shared";

export function fixedScenario(): Record<string, unknown> {
    const fn = helloFunction("fixed-fn");
    const warm = new FixedConcurrency("fixed", {
        functionName: fn.name,
        qualifier: fn.version,
        provisionedConcurrentExecutions: 2,
    });
    return {
        functionName: fn.name,
        version: fn.version,
        provisionedConcurrentExecutions: warm.provisionedConcurrentExecutions,
    };
}
