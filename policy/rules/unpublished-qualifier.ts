// Provisioned concurrency on a qualifier that has no published code behind it: a version number of a function this
// stack declares without publish: true (it publishes no version, so the number names whatever someone else published,
// or nothing), or an alias of the stack that points at $LATEST, which gets none (Lambda developer guide, "Configuring
// provisioned concurrency": a published version or an alias of one, not $LATEST; shared/DESIGN.md, "AWS facts").
import { label, PolicyResourceData, StackRule, Violation, aliasesByQualified, describeQualified, functionsByName, keyOf, managers, stringProp } from "../resources";

export const unpublishedQualifierRule: StackRule = {
    kind: "stack",
    name: "lambda-concurrency-unpublished-qualifier",
    description:
        "Provisioned concurrency and its scalable targets go on a version the stack publishes (publish: true) or on an alias that points at a published version, not at $LATEST.",
    enforcementLevel: "mandatory",
    check(resources: readonly PolicyResourceData[]): Violation[] {
        const functions = functionsByName(resources);
        const aliases = aliasesByQualified(resources);
        return managers(resources).flatMap(({ resource, on }): Violation[] => {
            if (/^[0-9]+$/.test(on.qualifier)) {
                const fn = functions.get(on.functionName);
                if (fn === undefined || fn.props.publish === true) {
                    return [];
                }
                return [
                    {
                        urn: resource.urn,
                        message: `${label(resource)} provisions ${describeQualified(on)}, but ${label(fn)} does not publish versions (publish is not true), so version ${on.qualifier} is not code this stack deploys. Set publish: true on the function and use its version output as the qualifier, or use an alias that points at it.`,
                    },
                ];
            }
            const alias = aliases.get(keyOf(on));
            if (alias === undefined || stringProp(alias, "functionVersion") !== "$LATEST") {
                return [];
            }
            return [
                {
                    urn: resource.urn,
                    message: `${label(resource)} provisions ${describeQualified(on)}, but ${label(alias)} points at $LATEST, which never gets provisioned concurrency. Publish the function (publish: true) and point the alias at its version output (functionVersion: fn.version).`,
                },
            ];
        });
    },
};
