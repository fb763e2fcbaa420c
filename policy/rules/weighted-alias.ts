// Provisioned concurrency on an alias with weighted routing: Lambda refuses to configure it while the alias routes a
// share of the traffic to a second version (hashicorp/terraform#24957; README, "WarmAlias"), so the deployment fails
// half-way, or a weight added later leaves the capacity on one version only.
import { label, PolicyResourceData, StackRule, Violation, aliasesByQualified, describeQualified, keyOf, managers } from "../resources";

/** The versions an alias routes weights to (routingConfig.additionalVersionWeights), if any. */
function weightedVersions(alias: PolicyResourceData): string[] {
    const routing = alias.props.routingConfig;
    if (routing === null || typeof routing !== "object") {
        return [];
    }
    const weights = (routing as Record<string, unknown>).additionalVersionWeights;
    return weights === null || typeof weights !== "object" ? [] : Object.keys(weights).sort();
}

export const weightedAliasRule: StackRule = {
    kind: "stack",
    name: "lambda-concurrency-weighted-alias",
    description: "Provisioned concurrency and its scalable targets do not go on an alias with weighted routing (routingConfig.additionalVersionWeights).",
    enforcementLevel: "mandatory",
    check(resources: readonly PolicyResourceData[]): Violation[] {
        const aliases = aliasesByQualified(resources);
        return managers(resources).flatMap(({ resource, on }): Violation[] => {
            const alias = aliases.get(keyOf(on));
            const versions = alias === undefined ? [] : weightedVersions(alias);
            if (alias === undefined || versions.length === 0) {
                return [];
            }
            return [
                {
                    urn: resource.urn,
                    message: `${label(resource)} provisions ${describeQualified(on)}, but ${label(alias)} routes part of its traffic to version ${versions.join(", ")} (routingConfig.additionalVersionWeights); Lambda does not configure provisioned concurrency on an alias with weighted routing. Remove the routingConfig, or provision the versions themselves and move the alias at once (WarmAlias does this).`,
                },
            ];
        });
    },
};
