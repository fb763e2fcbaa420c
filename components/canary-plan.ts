// Which versions a WarmAlias provisions at this `pulumi up`, and how its alias routes between them, given what the
// alias routes to in AWS when the `up` runs and what the program asks for. Pure: the component reads the alias
// (alias-routing.ts) and asks this.
//
// Every version's configuration is a resource of its own, named by its version (NAME-vN), never one resource whose
// version changes. A resource replaced by a create that fails (a version that does not initialize) stays in the stack
// marked for deletion, and the next `up` that completes deletes it at its end (pulumi/pulumi step.go, CreateStep.Apply
// sets old.Delete on a partial failure too; step_generator.go, GenerateDeletes): were the live configuration one
// resource moved from version to version, the `up` after a failed deploy that keeps the alias where it is (a canary, a
// rollback) would delete the very configuration the alias's traffic runs on. Named by version, a configuration is
// only ever created, updated in place (its count) or deleted once no declaration names its version: after the alias
// update, as Pulumi deletes what a program no longer declares after every create and update of the `up`.
import { describeValue } from "./function-reference";

/** How the alias routes now, as GetAlias reports it. */
export interface LiveRouting {
    /** The version that takes the traffic the additional version does not (FunctionVersion). */
    readonly version: string;
    /** The additional version and its share of invocations (RoutingConfig.AdditionalVersionWeights), if any. */
    readonly canary?: { readonly version: string; readonly weight: number };
}

/**
 * The program's version during a preview of a change that publishes a new one: AWS numbers a version when it is
 * published, so the preview does not know it. Not a version number, so it is never one the alias routes to: a new
 * version, which the plan treats as such (its configuration is then declared as NAME-new-version, for the preview
 * only).
 */
export const UNPUBLISHED_VERSION = "(unpublished)";

/** What the component declares at this `up`. */
export interface CanaryPlan {
    /** The version the alias routes to after this `up` (its FunctionVersion): provisioned with the live count. */
    readonly liveVersion: string;
    /** The canary: its version, provisioned with the canary's count, and the share of invocations the alias sends it. */
    readonly canary?: { readonly version: string; readonly weight: number };
    /** The canary the alias routed a weight to that now takes all traffic, its configuration kept (for the log). */
    readonly promotedCanary?: string;
    /** The canary the alias routed to that this `up` drops: deleted after the alias stops routing to it (for the log). */
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
 *
 * Any version the plan names neither live nor canary is no longer declared, and so deleted after the alias moved.
 */
export function canaryPlan(programVersion: string, canaryWeight: number | undefined, live: LiveRouting | undefined): CanaryPlan {
    const liveCanary = live?.canary?.version;
    const abandoned = (kept: string | undefined): { abandonedCanary?: string } =>
        liveCanary !== undefined && liveCanary !== kept ? { abandonedCanary: liveCanary } : {};
    if (live === undefined) {
        return { liveVersion: programVersion };
    }
    if (canaryWeight !== undefined && programVersion !== live.version) {
        return { liveVersion: live.version, canary: { version: programVersion, weight: canaryWeight }, ...abandoned(programVersion) };
    }
    if (canaryWeight === undefined && liveCanary === programVersion) {
        return { liveVersion: programVersion, promotedCanary: programVersion };
    }
    return { liveVersion: programVersion, ...abandoned(undefined) };
}

/**
 * The name of a version's configuration component under a WarmAlias named `name`: NAME-vN, or NAME-new-version for
 * the version a preview does not know yet.
 */
export function versionResourceName(name: string, version: string): string {
    return version === UNPUBLISHED_VERSION ? `${name}-new-version` : `${name}-v${version}`;
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
