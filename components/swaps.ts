// Changing one's mind without losing capacity. Pulumi creates new resources before it deletes old ones, and the
// resources this package creates are addressed in AWS by function and qualifier (a provisioned concurrency
// configuration; a scalable target's resource id), not by a name of their own. So when a program swaps
// FixedConcurrency "api" for UtilizationScaling "api", the old configuration's delete, which runs last, would remove
// the capacity that the new one just set. The three provisioned concurrency components therefore declare each other
// as aliases (`{ type: <the other component type> }`): Pulumi then sees the same-named component of another type as
// the same component, and its children of the same name and type (the configuration `NAME`, the scalable target
// `NAME-target`, the scheduled actions `NAME-ACTION`) as the same resources, updated in place instead of created and
// deleted (Pulumi docs, "Resource options: aliases": a child inherits its parent's aliases).
import * as pulumi from "@pulumi/pulumi";
import { isKnown } from "./checked-input";
import { OwnershipRegistry, parentScopeOf, programOwnershipRegistry } from "./ownership";
import { validateReplacementChoice } from "./replacement";

/** The component types that manage provisioned concurrency, and so take over from each other. */
export const PROVISIONED_CONCURRENCY_COMPONENT_TYPES: readonly string[] = [
    "lambda-concurrency:index:FixedConcurrency",
    "lambda-concurrency:index:ScheduledConcurrency",
    "lambda-concurrency:index:UtilizationScaling",
];

/**
 * WarmAlias: each version's configuration and target live in a child named by the version (NAME-vN, warm-alias.ts), a
 * FixedConcurrency or, with `scaling`, a UtilizationScaling.
 */
export const WARM_ALIAS_TYPE = "lambda-concurrency:index:WarmAlias";
const WARM_ALIAS_CHILD_TYPES = ["lambda-concurrency:index:FixedConcurrency", "lambda-concurrency:index:UtilizationScaling"] as const;

/**
 * A provisioned concurrency component's options with the aliases that let it take over a deployed component of
 * another of the three types and the same name, and the FixedConcurrency or UtilizationScaling a deployed WarmAlias of
 * the same name holds for the component's `qualifier` (NAME-vQUALIFIER: a WarmAlias replaced by a component on the
 * version it routes to; without it, the WarmAlias's configuration, deleted last, would take the capacity the new
 * component just put there). A user's own alias that gives only a name (a rename) is extended to the other types
 * too, so that a rename and a swap in one step also keep the capacity. The options given are not changed.
 */
export function withSwapAliases(
    type: string,
    name: string,
    qualifier: pulumi.Input<string> | undefined,
    opts: pulumi.ComponentResourceOptions | undefined,
): pulumi.ComponentResourceOptions {
    const others = PROVISIONED_CONCURRENCY_COMPONENT_TYPES.filter((t) => t !== type);
    const given = opts?.aliases ?? [];
    const aliases: pulumi.Input<string | pulumi.Alias>[] = [...given, ...others.map((other) => ({ type: other }))];
    const names = [name];
    for (const alias of given) {
        if (isPlainAlias(alias) && alias.type === undefined) {
            aliases.push(...others.map((other) => ({ ...alias, type: other })));
            if (typeof alias.name === "string" && !Object.prototype.hasOwnProperty.call(alias, "parent")) {
                names.push(alias.name);
            }
        }
    }
    // The qualifier as the WarmAlias's child names it. And the child of the WarmAlias's own name: what a WarmAlias's
    // child left when it took over a component of its name and failed before its configuration followed (the
    // configuration keeps its name under the new parent: pulumi/pulumi snapshot.go, NormalizeURNReferences).
    // A plain qualifier that is no version number (an alias) has no such child.
    const versioned = typeof qualifier !== "string" ? qualifier !== undefined : /^\d+$/.test(qualifier);
    const versionName = (warmName: string): pulumi.Output<string> => {
        // An alias is sent whole once it is known (@pulumi/pulumi runtime/resource.js, mapAliasesForRequest): a
        // qualifier a preview does not know yet (a version about to be published) stands for no child.
        const given = pulumi.output(qualifier);
        return pulumi.output(isKnown(given)).apply((known) => (known ? given.apply((q) => `${warmName}-v${q ?? ""}`) : pulumi.output(warmName)));
    };
    for (const warmName of names) {
        const warmAlias = pulumi.createUrn(warmName, WARM_ALIAS_TYPE, opts?.parent);
        for (const child of WARM_ALIAS_CHILD_TYPES) {
            if (versioned) {
                aliases.push({ name: versionName(warmName), type: child, parent: warmAlias });
            }
            aliases.push({ name: warmName, type: child, parent: warmAlias });
        }
    }
    return { ...opts, aliases };
}

/**
 * The aliases WarmAlias gives the FixedConcurrency or UtilizationScaling child of the version its alias is created on
 * or routes to: a deployed component of any of the three types, of the WarmAlias's name (or a name it aliases) beside
 * it (under the WarmAlias's parent), so that moving from a component on a version to a WarmAlias on that version
 * keeps the capacity (see withSwapAliases for the way back).
 */
export function warmAliasTakeoverAliases(name: string, opts: pulumi.ComponentResourceOptions | undefined): pulumi.Alias[] {
    const names = [name];
    for (const alias of opts?.aliases ?? []) {
        if (isPlainAlias(alias) && alias.type === undefined && typeof alias.name === "string" && !Object.prototype.hasOwnProperty.call(alias, "parent")) {
            names.push(alias.name);
        }
    }
    // `parent` is set even when undefined: Pulumi reads an alias whose parent is set to undefined as one with no parent
    // (@pulumi/pulumi runtime/resource.js, mapAliasesForRequest: setNoparent), which a top-level component has.
    return names.flatMap((n) => PROVISIONED_CONCURRENCY_COMPONENT_TYPES.map((t): pulumi.Alias => ({ name: n, type: t, parent: opts?.parent })));
}

/** An alias given as an object (not a URN string, an Output or a promise). */
function isPlainAlias(alias: pulumi.Input<string | pulumi.Alias>): alias is pulumi.Alias {
    return typeof alias === "object" && alias !== null && !pulumi.Output.isInstance(alias) && !(alias instanceof Promise);
}

/**
 * Claims a component's name among the provisioned concurrency components under one parent. Two of them of different
 * types with one name would both answer to the same alias, which Pulumi refuses; say so at construction, plainly.
 */
export function claimComponentName(
    registry: OwnershipRegistry,
    parent: pulumi.Resource | undefined,
    name: string,
    type: string,
): string | undefined {
    const key = `${parentScopeOf(parent)}|${name}`;
    const existing = registry.componentNames.get(key);
    if (existing !== undefined && existing !== type) {
        return `the name "${name}" is already the name of a ${shortType(existing)} in this program; a ${shortType(type)} takes over a deployed ${shortType(existing)} of the same name (so that swapping one for the other keeps the capacity), so the two cannot share a name. Give one of them another name`;
    }
    registry.componentNames.set(key, type);
    return undefined;
}

/** "FixedConcurrency" for "lambda-concurrency:index:FixedConcurrency". */
function shortType(type: string): string {
    return type.slice(type.lastIndexOf(":") + 1);
}

/**
 * What each provisioned concurrency component checks first, right after `super`: its name among the others (see
 * claimComponentName) and its `deleteOldConfigurationFirst` argument. Throws a ResourceError naming the component.
 * Returns the program's registry, for the component's claims, and the replacement choice.
 */
export function startProvisionedConcurrencyComponent(
    component: pulumi.ComponentResource,
    type: string,
    name: string,
    parent: pulumi.Resource | undefined,
    deleteOldConfigurationFirst: unknown,
): { registry: OwnershipRegistry; deleteOldConfigurationFirst: boolean } {
    const fail = (message: string): never => {
        throw new pulumi.ResourceError(`${shortType(type)} "${name}": ${message}`, component);
    };
    const registry = programOwnershipRegistry();
    const nameProblem = claimComponentName(registry, parent, name, type);
    if (nameProblem !== undefined) {
        fail(nameProblem);
    }
    const choice = validateReplacementChoice(deleteOldConfigurationFirst);
    return { registry, deleteOldConfigurationFirst: "error" in choice ? fail(choice.error) : choice.value };
}
