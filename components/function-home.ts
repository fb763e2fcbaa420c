// Where a function given by ARN lives, against where the component acts. Every component hands AWS the function's
// plain name, and AWS resolves a plain name in the caller's own account and region: Application Auto Scaling's
// resource id is `function:NAME:QUALIFIER` with no account or region in it (RegisterScalableTarget, ResourceId), the
// Lambda metrics' FunctionName dimension is a plain name, and the warmer's regional Lambda client invokes in its own
// region. An ARN of another partition, region or account would therefore configure another function, or none, so
// it is refused, naming both places.
import * as pulumi from "@pulumi/pulumi";
import { getCallerIdentity } from "@pulumi/aws/getCallerIdentity";
import { getPartition } from "@pulumi/aws/getPartition";
import { getRegion } from "@pulumi/aws/getRegion";
import { ValidationResult, parseFunctionReference } from "./function-reference";

/** The partition, region and account that a component's AWS provider deploys to. */
export interface ProviderHome {
    partition: string;
    region: string;
    accountId: string;
}

/** True when `functionName` is an ARN (full or partial), whose home must be checked against the provider's. */
export function namesHome(functionName: string): boolean {
    const parsed = parseFunctionReference(functionName);
    return !("error" in parsed) && parsed.reference.accountId !== undefined;
}

/**
 * Checks that a function given by ARN lives where the component's AWS provider works: same partition, region and
 * account, as far as the ARN names them (a partial ARN names only the account). A plain name always passes.
 */
export function validateFunctionHome(functionName: string, home: ProviderHome, argument = "functionName"): ValidationResult {
    const parsed = parseFunctionReference(functionName, argument);
    if ("error" in parsed) {
        return parsed.error;
    }
    const { partition, region, accountId } = parsed.reference;
    const differs =
        (partition !== undefined && partition !== home.partition) ||
        (region !== undefined && region !== home.region) ||
        (accountId !== undefined && accountId !== home.accountId);
    if (!differs) {
        return undefined;
    }
    const showPartition = partition !== undefined && partition !== home.partition;
    const theirs = describeHome({ partition: showPartition ? partition : undefined, region, accountId });
    const ours = describeHome({ partition: showPartition ? home.partition : undefined, region: home.region, accountId: home.accountId });
    return `${argument} "${functionName}" is a function of ${theirs}, but this component's AWS provider works in ${ours}; AWS would look the function up by name in ${ours} and configure another function, or none. Give the component a provider for ${theirs} (opts.provider), or name a function of ${ours}`;
}

function describeHome(home: { partition?: string; region?: string; accountId?: string }): string {
    const parts: string[] = [];
    if (home.accountId !== undefined) {
        parts.push(`account ${home.accountId}`);
    }
    if (home.region !== undefined) {
        parts.push(`region ${home.region}`);
    }
    if (home.partition !== undefined) {
        parts.push(`partition ${home.partition}`);
    }
    return parts.join(", ");
}

/**
 * The partition, region and account of the AWS provider a component's children use: the data sources are invoked
 * with the component as parent, so an explicit provider given to the component (another region, an assumed role)
 * is the one asked. Looked up once per component, and only when one of its functions is given by ARN.
 */
export function providerHome(component: pulumi.Resource): Promise<ProviderHome> {
    let home = homes.get(component);
    if (home === undefined) {
        const options: pulumi.InvokeOptions = { parent: component };
        home = Promise.all([getPartition({}, options), getRegion({}, options), getCallerIdentity({}, options)]).then(
            ([partition, region, identity]) => ({ partition: partition.partition, region: region.region, accountId: identity.accountId }),
        );
        homes.set(component, home);
    }
    return home;
}
const homes = new WeakMap<pulumi.Resource, Promise<ProviderHome>>();
