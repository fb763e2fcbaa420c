// The aliases a component gives each of its children explicitly, rather than leaving them to inheritance.
//
// A child inherits from the engine only the one alias by which its parent was found in the same deployment
// (pulumi/pulumi step_generator.go, generateAliases: `sg.aliases[parent]`). When an `up` renames or swaps a component
// (aliases) and fails before every child followed, the state holds the component under its new URN and the children
// not yet reached under their old ones. The next `up` finds the component by its own URN, so the children inherit no
// alias: Pulumi creates them again and deletes the old ones at its end. For a provisioned concurrency configuration
// or a scalable target, which AWS addresses by function and qualifier and not by name, that delete removes what the
// create just put: the capacity is gone, and the state says it is there. So each child names, as its own aliases, its
// URN under each alias of its component, with the component's name swapped in its own name the way the engine does
// for inherited aliases (inheritedChildAlias: `front-target` under `front` aliased from `api` was `api-target`).
// Where the component was found by an alias, these are the aliases the child would have inherited anyway.
import * as pulumi from "@pulumi/pulumi";
import { afterChecks } from "./checked-input";

interface ComponentIdentity {
    name: string;
    /** The URN the component had under each of its aliases. */
    aliasUrns: pulumi.Output<string>[];
}

const identities = new WeakMap<pulumi.Resource, ComponentIdentity>();

/**
 * Records the URNs a component's aliases stand for, for its children (childOptions). Call it right after `super`,
 * with the options given to `super`. An alias without a parent of its own has the component's parent, without a name
 * or type the component's, as Pulumi reads it (Node SDK resource.ts, collapseAliasToUrn).
 */
export function rememberAliases(component: pulumi.Resource, type: string, name: string, opts: pulumi.ComponentResourceOptions | undefined): void {
    const aliasUrns = (opts?.aliases ?? []).map((alias) =>
        // pulumi.output unwraps the alias's fields (and keeps a Resource as it is): each is plain here.
        pulumi.output(alias).apply((a): pulumi.Output<string> => {
            if (typeof a === "string") {
                return pulumi.output(a);
            }
            const parent = Object.prototype.hasOwnProperty.call(a, "parent") ? a.parent : opts?.parent;
            return pulumi.createUrn(a.name ?? name, a.type ?? type, parent, a.project, a.stack);
        }),
    );
    identities.set(component, { name, aliasUrns });
}

/**
 * The aliases of a child named `childName` of `component`: the child's name under each of the component's aliases
 * (see above). None for a component whose aliases were not recorded.
 */
export function childAliases(component: pulumi.Resource, childName: string): pulumi.Alias[] {
    const identity = identities.get(component);
    if (identity === undefined) {
        return [];
    }
    return identity.aliasUrns.map((urn) => ({
        name: urn.apply((u) => {
            const aliasName = u.slice(u.lastIndexOf("::") + 2);
            return childName.startsWith(identity.name) ? aliasName + childName.slice(identity.name.length) : childName;
        }),
        parent: urn,
    }));
}

/**
 * The options every child of `component` starts from: parented to it, registered once its Output-time checks passed
 * (afterChecks, with `dependsOn` besides), with its aliases under the component's (childAliases).
 */
export function childOptions(
    component: pulumi.Resource,
    childName: string,
    dependsOn: pulumi.Input<pulumi.Resource>[] = [],
): pulumi.CustomResourceOptions {
    return { parent: component, dependsOn: afterChecks(component, dependsOn), aliases: childAliases(component, childName) };
}
