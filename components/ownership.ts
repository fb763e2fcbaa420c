// One owner per function version or alias, within one program. AWS keeps one provisioned concurrency configuration
// per version or alias and Application Auto Scaling one scalable target, so two components acting on the same one
// would silently fight; warm-up pings on a qualifier with provisioned concurrency would occupy environments that never
// need warming. Each component files a claim here at construction (or when its Outputs resolve), and a second claim
// on the same function and qualifier fails, naming both components.
import * as pulumi from "@pulumi/pulumi";
import { ValidationResult } from "./function-reference";
import { ONE_CONFIGURATION, ONE_TARGET, PINGS_ON_PROVISIONED, TARGET_FIGHTS_CONFIGURATION } from "./ownership-reasons";

/** What a component does to a qualifier. */
export type OwnershipKind = "provisioned-concurrency-config" | "scalable-target" | "warm-up-pings";

/** A component that claims one function and qualifier. */
export interface QualifierOwner {
    /** The component's class name, e.g. "FixedConcurrency". */
    componentType: string;
    /** The component's Pulumi name. */
    name: string;
    kind: OwnershipKind;
}

/** The claims of one program, and the names of its provisioned concurrency components (see swaps.ts). */
export class OwnershipRegistry {
    /** Claims on qualifiers, keyed by {@link ownershipKey}. */
    public readonly qualifiers = new Map<string, QualifierOwner>();
    /** Component type by `parent scope|name`, for the components that take over each other's resources. */
    public readonly componentNames = new Map<string, string>();
    /** The label of the component that has each dashboard name, by `provider scope|component name` (monitoring). */
    public readonly dashboardNames = new Map<string, string>();

    /** Forgets every claim: a new program starts (used between unit tests). */
    public clear(): void {
        this.qualifiers.clear();
        this.componentNames.clear();
        this.dashboardNames.clear();
    }
}

// One registry per program run. A program run by the CLI's language host has the process to itself; the Automation
// API runs every inline program in the same process, each with a root stack resource of its own
// (runtime/stack.js, runInPulumiStack), and a multi-language plugin constructs each component of one program in a call
// of its own, with no stack resource (provider/server.js, construct). Keyed by the stack resource (the process when
// there is none), a second `up` in one process (an Automation API program that swaps or renames a component) starts
// with no claims, while the components of one plugin program still see each other's. The map is kept on globalThis
// so that two copies of this package loaded by one program still share it.
const REGISTRIES_SYMBOL = Symbol.for("lambda-concurrency.ownership-registries");

/** What identifies the program run in progress: its root stack resource, or the process when it has none. */
function programRun(): object {
    return pulumi.runtime.getStackResource() ?? globalThis;
}

/** The registry of the running program. */
export function programOwnershipRegistry(): OwnershipRegistry {
    const holder = globalThis as unknown as Record<symbol, WeakMap<object, OwnershipRegistry> | undefined>;
    const registries = (holder[REGISTRIES_SYMBOL] ??= new WeakMap<object, OwnershipRegistry>());
    const run = programRun();
    let registry = registries.get(run);
    if (registry === undefined) {
        registry = new OwnershipRegistry();
        registries.set(run, registry);
    }
    return registry;
}

/**
 * The key under which a claim is filed: the function's plain name and the qualifier, within the scope of the AWS
 * provider the component uses (one provider is one account and region; a function given by ARN must live there, see
 * function-home.ts, so its plain name identifies it).
 */
export function ownershipKey(functionName: string, qualifier: string | undefined, providerScope: string): string {
    return `${providerScope}|${functionName}|${qualifier ?? "$LATEST"}`;
}

/** Says how the two components of a conflict can be made one without losing what is deployed. */
const KEEP_DEPLOYED =
    'if one of them is already deployed, give the one you keep its name, so that Pulumi takes over its resources instead of deleting them (README, "Changing your mind")';

/**
 * Files `owner`'s claim on a function and qualifier. Returns a message naming both components when another
 * component already claimed it.
 */
export function claimQualifier(
    registry: OwnershipRegistry,
    key: string,
    owner: QualifierOwner,
    functionName: string,
    qualifier: string | undefined,
): ValidationResult {
    const existing = registry.qualifiers.get(key);
    // The same component claiming again is the same program run again in one process (the Automation API runs an
    // inline program for preview, then for update): one program cannot hold two components of one type and name.
    if (existing === undefined || (existing.componentType === owner.componentType && existing.name === owner.name)) {
        registry.qualifiers.set(key, owner);
        return undefined;
    }
    const what = qualifier === undefined ? `function "${functionName}"` : `function "${functionName}" qualifier "${qualifier}"`;
    const both = `${owner.componentType} "${owner.name}" and ${existing.componentType} "${existing.name}"`;
    const kinds = new Set([owner.kind, existing.kind]);
    if (kinds.size === 1 && owner.kind === "warm-up-pings") {
        return `${both} both warm ${what}; their pings would land on the same environments and each would count the other's. List the function in one warmer, with the concurrency you want.`;
    }
    if (kinds.has("warm-up-pings")) {
        const [warmer, manager] = owner.kind === "warm-up-pings" ? [owner, existing] : [existing, owner];
        return `${warmer.componentType} "${warmer.name}" warms ${what}, whose provisioned concurrency ${manager.componentType} "${manager.name}" manages: ${PINGS_ON_PROVISIONED}`;
    }
    if (kinds.size === 1 && owner.kind === "provisioned-concurrency-config") {
        return `${both} both give provisioned concurrency to ${what}; ${ONE_CONFIGURATION}. Keep one of them; ${KEEP_DEPLOYED}.`;
    }
    if (kinds.size === 1) {
        return `${both} both scale ${what}; ${ONE_TARGET}. Use one UtilizationScaling with the schedules; ${KEEP_DEPLOYED}.`;
    }
    return `${both} both manage the provisioned concurrency of ${what}; ${TARGET_FIGHTS_CONFIGURATION}. Use ScheduledConcurrency or UtilizationScaling alone (minCapacity is the fixed floor); ${KEEP_DEPLOYED}.`;
}

// Providers and parents are told apart by object identity: one provider object is one account and region.
const scopes = new WeakMap<pulumi.Resource, string>();
let nextScope = 1;

/** A label for a resource object, stable for the life of the process. */
function scopeOf(resource: pulumi.Resource | undefined, fallback: string): string {
    if (resource === undefined) {
        return fallback;
    }
    let scope = scopes.get(resource);
    if (scope === undefined) {
        scope = `scope-${nextScope++}`;
        scopes.set(resource, scope);
    }
    return scope;
}

/** A scope label for the AWS provider a component will use ("default" for the program's default provider). */
export function providerScopeOf(component: pulumi.Resource): string {
    return scopeOf(component.getProvider("aws::"), "default");
}

/** A scope label for a component's parent ("root" at the top of the program). */
export function parentScopeOf(parent: pulumi.Resource | undefined): string {
    return scopeOf(parent, "root");
}
