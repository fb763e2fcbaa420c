// The count Application Auto Scaling keeps on the version an alias routes to now, read from AWS when a WarmAlias that
// scales ships a new version, so that the new version starts with it and not at the minimum: at a deploy under load,
// the new version then takes the traffic with as many environments as the old one had, instead of spilling over to
// on-demand environments (cold starts) for the minutes target tracking needs to scale out again (three one-minute
// datapoints above the target: Application Auto Scaling User Guide, target tracking).
//
// Read at `pulumi up` time, not from the stack: the stack holds the count Pulumi saw when it created the
// configuration (the count is in ignoreChanges), not what scaling did since.
import * as pulumi from "@pulumi/pulumi";
import { ProvisionedConcurrencyConfig } from "@pulumi/aws/lambda";
import { childOptions } from "./child-aliases";
import { LiveRouting } from "./canary-plan";

/**
 * The environments Lambda has allocated on the version the alias routes to now, when that is not `newVersion`: what
 * the new version should start with. When `newVersion` is the canary the alias sends a weight to (a promotion), the
 * canary's own environments too: the version is to take the traffic both serve now. Undefined on a first deploy, and
 * when the alias already routes to `newVersion` (nothing to carry; this is also the way back after a version's
 * environments were lost, as nothing is read then). The reads are `ProvisionedConcurrencyConfig.get`s of the
 * configurations, named NAME-live and NAME-canary: the AWS provider's Read reports
 * AllocatedProvisionedConcurrentExecutions (resourceProvisionedConcurrencyConfigRead).
 */
export function liveCountToCarry(
    parent: pulumi.ComponentResource,
    name: string,
    functionName: pulumi.Input<string>,
    live: pulumi.Output<LiveRouting | undefined>,
    newVersion: pulumi.Input<string>,
): pulumi.Output<number | undefined> {
    return pulumi.all([functionName, live, newVersion]).apply(([plainName, routing, version]) => {
        if (routing === undefined || routing.version === version) {
            return pulumi.output<number | undefined>(undefined);
        }
        const allocated = (readName: string, qualifier: string): pulumi.Output<number> =>
            ProvisionedConcurrencyConfig.get(readName, `${plainName},${qualifier}`, undefined, childOptions(parent, readName)).provisionedConcurrentExecutions;
        const onLive = allocated(`${name}-live`, routing.version);
        if (routing.canary?.version !== version) {
            return onLive;
        }
        return pulumi.all([onLive, allocated(`${name}-canary`, version)]).apply(([liveCount, canaryCount]) => liveCount + canaryCount);
    });
}
