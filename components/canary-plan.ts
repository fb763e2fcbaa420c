// What a WarmAlias declares for the versions it serves, given what its alias routes to in AWS when `pulumi up` runs
// and what the program asks for. Pure: the component reads the alias (alias-routing.ts) and asks this.
//
// Why the alias is read and not only the program: the configuration of the version the alias routes to is named by
// role (NAME, declared when the component is constructed, when the version is still an output), and the canary's by
// its version (NAME-canary-vN, declared once the alias is read). Promoting the canary moves its version under NAME:
// Pulumi puts NAME's configuration on that version (PutProvisionedConcurrencyConfig applies to the one configuration
// a version has) and, were NAME-canary-vN simply left out, deletes its configuration at the end of the `up`: the same
// configuration, the capacity the promoted version serves all traffic with. Only the alias tells a promotion (the
// program's version is the one the alias sends the canary weight to) from an abandoned canary (any other version),
// so that the one is kept and the other deleted.
import { describeValue } from "./function-reference";

/** How the alias routes now, as GetAlias reports it. */
export interface LiveRouting {
    /** The version that takes the traffic the additional version does not (FunctionVersion). */
    readonly version: string;
    /** The additional version and its share of invocations (RoutingConfig.AdditionalVersionWeights), if any. */
    readonly canary?: { readonly version: string; readonly weight: number };
}

/** What the component declares at this `up`. */
export interface CanaryPlan {
    /** The version the alias routes to (its FunctionVersion), with the NAME configuration. */
    readonly stableVersion: string;
    /** The canary: its version, with the NAME-canary-vN configuration, and the share the alias sends it. */
    readonly canary?: { readonly version: string; readonly weight: number };
    /**
     * A promotion: the version the canary configuration stays declared on, retained on delete and unchanged, so that
     * this `up` deletes none of its resources (NAME's configuration takes them over); the next `up` leaves it out,
     * and Pulumi drops it from the stack without a delete.
     */
    readonly promotedCanary?: string;
    /** The canary the alias routed to that this `up` drops (deleted after the alias stops routing to it). */
    readonly abandonedCanary?: string;
}

/**
 * The plan for a program that asks for `programVersion`, with `canaryWeight` when the new version is to take only
 * that share of the invocations first, given the alias's routing now (undefined: no alias yet, a first deploy).
 *
 * - No alias yet: the program's version takes all traffic (there is nothing to share it with).
 * - A canary weight, and a version other than the one the alias routes to: that version stays, the program's is the
 *   canary. The program's version being the routed one (a rollback, or nothing new) means no canary.
 * - No canary weight: the program's version takes all traffic; when it is the alias's canary, that is a promotion.
 */
export function canaryPlan(programVersion: string, canaryWeight: number | undefined, live: LiveRouting | undefined): CanaryPlan {
    const liveCanary = live?.canary?.version;
    const abandoned = (kept: string | undefined): { abandonedCanary?: string } =>
        liveCanary !== undefined && liveCanary !== kept ? { abandonedCanary: liveCanary } : {};
    if (live === undefined) {
        return { stableVersion: stableVersionOf(canaryWeight, live) ?? programVersion };
    }
    const stableVersion = stableVersionOf(canaryWeight, live) ?? programVersion;
    if (canaryWeight !== undefined && programVersion !== live.version) {
        return { stableVersion, canary: { version: programVersion, weight: canaryWeight }, ...abandoned(programVersion) };
    }
    if (canaryWeight === undefined && liveCanary === programVersion) {
        return { stableVersion, promotedCanary: programVersion };
    }
    return { stableVersion, ...abandoned(undefined) };
}

/**
 * The version the alias keeps routing to when that does not depend on the program's version: with a canary weight
 * and an alias, the version it routes to now (a new version is the canary; the same one is no canary). Undefined
 * when it is the program's version. So that a preview, which does not know a version about to be published, still
 * shows the live version's configuration unchanged during a canary deploy.
 */
export function stableVersionOf(canaryWeight: number | undefined, live: LiveRouting | undefined): string | undefined {
    return canaryWeight !== undefined && live !== undefined ? live.version : undefined;
}

/**
 * Checks a canary's weight: the share of invocations the alias sends the new version, strictly between 0 and 1.
 * Lambda accepts 0.0 to 1.0 (AliasRoutingConfiguration, AdditionalVersionWeights), but a canary of 0 takes no
 * traffic and one of 1 takes it all: neither is a canary.
 */
export function validateCanaryWeight(value: unknown, argument: string): string | undefined {
    if (typeof value !== "number" || !Number.isFinite(value) || value <= 0 || value >= 1) {
        return (
            `${argument} must be a number greater than 0 and less than 1 (the share of invocations the new version takes, ` +
            `e.g. 0.1 for 10%), got ${describeValue(value)}; to send it all traffic, leave the canary out`
        );
    }
    return undefined;
}
