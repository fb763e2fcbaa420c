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
 * the new version should start with. Undefined on a first deploy, and when the alias already routes to `newVersion`
 * (nothing to carry; this is also the way back after a version's environments were lost, as nothing is read then).
 * The read is a `ProvisionedConcurrencyConfig.get` of the live version's configuration, named NAME-live: the AWS
 * provider's Read reports AllocatedProvisionedConcurrentExecutions (resourceProvisionedConcurrencyConfigRead).
 */
export function liveCountToCarry(
    parent: pulumi.ComponentResource,
    name: string,
    functionName: pulumi.Input<string>,
    live: pulumi.Output<LiveRouting | undefined>,
    newVersion: pulumi.Input<string>,
): pulumi.Output<number | undefined> {
    return pulumi.all([functionName, live.apply((routing) => routing?.version), newVersion]).apply(([plainName, liveVersion, version]) => {
        if (liveVersion === undefined || liveVersion === version) {
            return pulumi.output<number | undefined>(undefined);
        }
        const read = ProvisionedConcurrencyConfig.get(`${name}-live`, `${plainName},${liveVersion}`, undefined, childOptions(parent, `${name}-live`));
        return read.provisionedConcurrentExecutions;
    });
}
