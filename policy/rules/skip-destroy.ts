// skipDestroy on a configuration whose qualifier is replaced in the life of the program. The AWS provider's Delete does
// nothing under skip_destroy, on a replacement as on destroy, so each new version (or alias move) leaves the old
// configuration allocated and billed, outside the stack (components/replacement.ts, where the components refuse
// skipDestroy for that reason: the message is theirs).
import { validateSkipDestroy } from "../../components/replacement";
import { ALIAS_TYPE, CONFIG_TYPE, FUNCTION_TYPE, PolicyResourceData, StackRule, Violation, aliasesByQualified, keyOf, label, qualifiedOf } from "../resources";

/** Why a configuration's qualifier will be replaced, or undefined when nothing in the stack says it will. */
function replaceableBecause(config: PolicyResourceData, resources: readonly PolicyResourceData[], aliasKeys: ReadonlySet<string>): string | undefined {
    const on = qualifiedOf(config);
    if (on !== undefined && /^[0-9]+$/.test(on.qualifier)) {
        return `its qualifier "${on.qualifier}" is a version number, which every newly published version replaces`;
    }
    if (on !== undefined && aliasKeys.has(keyOf(on))) {
        return `its qualifier "${on.qualifier}" is an alias this stack declares, which a rename or a move replaces`;
    }
    // While a preview cannot know the qualifier, where it comes from says the same.
    const sources = new Set(config.props.qualifier === undefined ? (config.propertyDependencies?.qualifier ?? []) : []);
    const source = resources.find((r) => sources.has(r.urn) && (r.type === FUNCTION_TYPE || r.type === ALIAS_TYPE));
    if (source !== undefined) {
        return `its qualifier comes from ${label(source)}, whose new versions replace it`;
    }
    return undefined;
}

export const skipDestroyRule: StackRule = {
    kind: "stack",
    name: "lambda-concurrency-skip-destroy",
    description:
        "A provisioned concurrency configuration whose qualifier is a version number or an alias of the stack does not set skipDestroy: every replacement would leave the old configuration billing.",
    enforcementLevel: "mandatory",
    check(resources: readonly PolicyResourceData[]): Violation[] {
        const aliasKeys = new Set(aliasesByQualified(resources).keys());
        return resources.flatMap((resource): Violation[] => {
            if (resource.type !== CONFIG_TYPE || resource.props.skipDestroy !== true) {
                return [];
            }
            const because = replaceableBecause(resource, resources, aliasKeys);
            const refusal = validateSkipDestroy(true);
            return because === undefined || refusal === undefined ? [] : [{ urn: resource.urn, message: `${label(resource)}: ${refusal} (${because}).` }];
        });
    },
};
