// Provisioned concurrency goes on a published version or an alias, never $LATEST (Lambda developer guide,
// "Configuring provisioned concurrency"): the components' own check of the qualifier (validateQualifier), on a
// hand-written configuration's `qualifier` and on the qualifier in a scaling resource's `resourceId`.
import { validateQualifier } from "../../components/function-reference";
import { CONFIG_TYPE, PolicyResourceData, ResourceRule, Violation, isProvisionedConcurrencyScaling, parseScalingResourceId, problemOf, stringProp } from "../resources";

export const qualifierRule: ResourceRule = {
    kind: "resource",
    name: "lambda-concurrency-qualifier",
    description:
        "Provisioned concurrency configurations and Application Auto Scaling targets, policies and scheduled actions of Lambda provisioned concurrency name a published version or an alias, never $LATEST.",
    enforcementLevel: "mandatory",
    check(resource: PolicyResourceData): Violation[] {
        if (resource.type === CONFIG_TYPE) {
            const qualifier = resource.props.qualifier;
            return qualifier === undefined ? [] : problemOf(resource, validateQualifier(qualifier, "qualifier"));
        }
        if (!isProvisionedConcurrencyScaling(resource)) {
            return [];
        }
        const resourceId = stringProp(resource, "resourceId");
        if (resourceId === undefined) {
            return [];
        }
        const parsed = parseScalingResourceId(resourceId);
        if (parsed === undefined) {
            return problemOf(
                resource,
                `resourceId "${resourceId}" is not a Lambda resource id; Application Auto Scaling takes function:NAME:QUALIFIER, with an alias name or a published version number as the qualifier`,
            );
        }
        return problemOf(resource, validateQualifier(parsed.qualifier, `the qualifier of resourceId "${resourceId}"`));
    },
};
