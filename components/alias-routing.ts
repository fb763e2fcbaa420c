// How a WarmAlias's alias routes in AWS when `pulumi up` runs: which version it sends its traffic to, and which
// version takes a canary weight. Read at `pulumi up`, not taken from the stack: the stack holds what the last `up`
// declared, which a failed `up`, a refresh or a change made outside Pulumi may have left behind (canary-plan.ts says
// what the component does with it).
import * as pulumi from "@pulumi/pulumi";
import { Alias, getAlias } from "@pulumi/aws/lambda";
import { childOptions } from "./child-aliases";
import { isKnown } from "./checked-input";
import { LiveRouting } from "./canary-plan";
import { stopDeployment } from "./stop-deployment";

/** Lambda's answer for a function or alias that does not exist (GetAlias: ResourceNotFoundException, HTTP 404). */
export function isNotFound(error: unknown): boolean {
    const message = error instanceof Error ? error.message : String(error);
    return message.includes("ResourceNotFoundException");
}

/**
 * The alias's ARN, or undefined when the alias does not exist (a first deploy). The AWS provider's alias data source
 * calls GetAlias and fails with its error (hashicorp/terraform-provider-aws, internal/service/lambda/
 * alias_data_source.go); only Lambda's "not found" means no alias. Any other failure (access denied, throttling) is
 * thrown: reading nothing would take a live canary or the live count for absent.
 */
export async function existingAliasArn(parent: pulumi.Resource, functionName: string, aliasName: string): Promise<string | undefined> {
    try {
        const alias = await getAlias({ functionName, name: aliasName }, { parent });
        return alias.arn;
    } catch (error) {
        if (isNotFound(error)) {
            return undefined;
        }
        throw error;
    }
}

/**
 * The routing of an alias as GetAlias reports it: its FunctionVersion, and the one additional version of its
 * RoutingConfig with its weight (Lambda routes an alias to at most two versions: AliasRoutingConfiguration,
 * "the second version, and the percentage of traffic that's routed to it").
 */
export function liveRoutingOf(functionVersion: string, additionalVersionWeights: Record<string, number> | undefined): LiveRouting {
    const weights = Object.entries(additionalVersionWeights ?? {});
    if (weights.length > 1) {
        throw new Error(`the alias routes to ${weights.length} additional versions (${weights.map(([v]) => v).join(", ")}); Lambda allows one`);
    }
    if (weights.length === 0) {
        return { version: functionVersion };
    }
    const [[version, weight]] = weights;
    return { version: functionVersion, canary: { version, weight } };
}

/**
 * How the alias routes now, or undefined when there is no alias yet. The data source does not return the routing
 * (GetAlias's RoutingConfig: the data source sets only arn, description, function_version, invoke_arn), so the alias
 * itself is read, as NAME-routing: `Alias.get`, whose Read is GetAlias by function name and alias name
 * (alias.go, resourceAliasRead, routing_config from RoutingConfig.AdditionalVersionWeights). A read is an external
 * resource: never created or deleted by Pulumi, dropped from the stack when a later program does not make it.
 */
export function aliasRoutingAtUp(
    parent: pulumi.ComponentResource,
    name: string,
    label: string,
    functionName: pulumi.Input<string>,
    aliasName: pulumi.Input<string>,
): pulumi.Output<LiveRouting | undefined> {
    // A failure stops the deployment as a failed step, not as a program error, which an inline Automation API program
    // follows with the deletes of what was not registered (stop-deployment.ts): here, every configuration and the alias.
    const unreadable = (plainName: string, alias: string, error: unknown): Promise<never> =>
        stopDeployment(
            parent,
            `${name}-routing-unread`,
            `${plainName},${alias}-routing-unread`,
            `${label}: could not read how alias "${alias}" of function "${plainName}" routes (GetAlias), so nothing changes: ` +
                `${error instanceof Error ? error.message : String(error)}. The deploying role needs lambda:GetAlias on the alias; run \`pulumi up\` again once it can read it.`,
        );
    // A preview that creates or replaces the function does not know its name: there is no alias of it yet.
    const named = pulumi.all([functionName, aliasName]);
    const known = pulumi.output(isKnown(named));
    const existing = known.apply((isNamed) => (isNamed ? named : pulumi.output<[string, string] | undefined>(undefined))).apply(async (names) => {
        if (names === undefined) {
            return undefined;
        }
        const [plainName, alias] = names;
        try {
            const aliasArn = await existingAliasArn(parent, plainName, alias);
            return aliasArn === undefined ? undefined : { plainName, alias, aliasArn };
        } catch (error) {
            return unreadable(plainName, alias, error);
        }
    });
    return existing.apply((found): pulumi.Output<LiveRouting | undefined> => {
        if (found === undefined) {
            return pulumi.output<LiveRouting | undefined>(undefined);
        }
        const { plainName, alias, aliasArn } = found;
        const read = Alias.get(`${name}-routing`, aliasArn, { functionName: plainName, name: alias }, childOptions(parent, `${name}-routing`));
        // An alias without weights may come back without the property, which a preview takes for a value not known
        // yet (the SDK resolves an absent output as unknown in a dry run): read as no weights then, so that a preview
        // does not show the configurations replaced by an unknown version. In an `up` it is known.
        type Weights = Record<string, number> | undefined;
        const weights = pulumi
            .output(isKnown(read.routingConfig))
            .apply((known): pulumi.Output<Weights> => (known ? read.routingConfig.apply((routing): Weights => routing?.additionalVersionWeights) : pulumi.output<Weights>(undefined)));
        return pulumi.all([read.functionVersion, weights]).apply(async ([version, additional]) => {
            try {
                return liveRoutingOf(version, additional);
            } catch (error) {
                return unreadable(plainName, alias, error);
            }
        });
    });
}
