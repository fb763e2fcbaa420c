// How the Pulumi AWS provider (a Terraform provider bridged by pulumi/pulumi-terraform-bridge) answers the engine's
// Check, Diff and Read, as pure functions over plain property maps. The AWS stand-in provider (provider.ts) answers
// the real Pulumi engine with these, so that auto-naming, replacements and refresh go as they would against AWS.
// Sources (read in pulumi-terraform-bridge v3.136.0, pulumi-aws v7, and the engine pkg/v3 v3.276.0):
// - Check: an auto-named property the program leaves out gets `<logical name>-<7 hex>`, from a generator seeded with
//   the engine's random seed (bridge info/autonaming.go ComputeAutoNameDefault; sdk resource_id.go NewUniqueName,
//   which refuses rather than truncates a name over the maximum); with old inputs, a value listed in the old
//   `__defaults` is reused (bridge schema.go applyDefaults); `__defaults` lists what was filled in; pulumi-aws adds
//   `region` from the provider's configuration (provider/region.go). On a replacement the engine checks again with no
//   old inputs (step_generator.go, continueStepsFromDiff), so the replacement gets a new name.
// - Diff: the checked inputs against the old outputs (prior state); replace when a changed property forces a new
//   resource (ForceNew); delete-before-replace when an auto-nameable property was given explicitly (bridge schema.go
//   nameRequiresDeleteBeforeReplace) or the resource always needs it (pulumi-aws: RolePolicyAttachment).
// - Read: the refreshed outputs, and as inputs the old input keys with their refreshed values (bridge
//   ExtractInputsFromOutputs); a missing object reads back empty, which the engine takes as deleted.
import { createHash } from "crypto";
import { RESOURCE_SCHEMAS, ResourceSchema } from "../lifecycle/engine";
import { TYPES } from "../lifecycle/types";
import { AWS_NAME_LIMITS } from "../../../testing/mock-aws";

type Props = Record<string, unknown>;

/** The engine's marker of a value not known during a preview (sdk resource/properties.go, UnknownStringValue). */
export const UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";
/** The bridge's list of the properties it filled in with a default (pkg/reservedkeys: Defaults). */
export const DEFAULTS_KEY = "__defaults";

/** pulumi-aws sets delete-before-replace on these resources whatever the names (provider/resource_overrides.go). */
const ALWAYS_DELETE_BEFORE_REPLACE = new Set<string>([TYPES.rolePolicyAttachment]);

/** The prefix inputs that make the provider leave an auto-name out (ConflictsWith in the Terraform schema). */
const PREFIX_OF: Readonly<Record<string, string>> = { name: "namePrefix", statementId: "statementIdPrefix" };

export function schemaOf(type: string): ResourceSchema {
    const schema = RESOURCE_SCHEMAS[type];
    if (schema === undefined) {
        throw new Error(`the AWS stand-in knows no schema for ${type}: add it to RESOURCE_SCHEMAS (tests/helpers/lifecycle/engine.ts)`);
    }
    return schema;
}

/** The longest name AWS accepts for the auto-named property of `type` (255, pulumi-aws's blanket rule, otherwise). */
export function maxNameLength(type: string): number {
    return AWS_NAME_LIMITS[type]?.maxLength ?? 255;
}

/** Seven hex characters drawn from the engine's random seed, as NewUniqueName draws them. */
export function randomHex(seed: Uint8Array | string, length = 7): string {
    return createHash("sha256").update(seed).update("lambda-concurrency:auto-name").digest("hex").slice(0, length);
}

export function isUnknown(value: unknown): boolean {
    if (value === UNKNOWN) {
        return true;
    }
    if (Array.isArray(value)) {
        return value.some(isUnknown);
    }
    if (typeof value === "object" && value !== null) {
        return Object.values(value).some(isUnknown);
    }
    return false;
}

export function deepEqual(a: unknown, b: unknown): boolean {
    if (a === b) {
        return true;
    }
    if (typeof a !== "object" || typeof b !== "object" || a === null || b === null || Array.isArray(a) !== Array.isArray(b)) {
        return false;
    }
    if (Array.isArray(a) && Array.isArray(b)) {
        return a.length === b.length && a.every((v, i) => deepEqual(v, b[i]));
    }
    const ao = a as Props;
    const bo = b as Props;
    return [...new Set([...Object.keys(ao), ...Object.keys(bo)])].every((k) => deepEqual(ao[k], bo[k]));
}

/** The properties a program gave, without the bridge's bookkeeping. */
export function withoutBookkeeping(props: Props): Props {
    return Object.fromEntries(Object.entries(props).filter(([k, v]) => k !== DEFAULTS_KEY && v !== undefined && v !== null));
}

export interface CheckResult {
    inputs: Props;
    failures: { property: string; reason: string }[];
}

/**
 * The provider's Check: the program's inputs with the auto-name filled in (reused from `olds` when it was the
 * provider's own), `region` from the provider's configuration, and `__defaults`.
 */
export function checkInputs(type: string, logicalName: string, olds: Props, news: Props, seed: Uint8Array | string, region: string): CheckResult {
    const schema = schemaOf(type);
    const inputs: Props = withoutBookkeeping(news);
    const defaults: string[] = [];
    const failures: CheckResult["failures"] = [];
    const property = schema.autoNameProperty;
    const prefix = property !== undefined ? PREFIX_OF[property] : undefined;
    if (property !== undefined && inputs[property] === undefined && (prefix === undefined || inputs[prefix] === undefined)) {
        const oldDefaults = olds[DEFAULTS_KEY];
        const reusable = !Array.isArray(oldDefaults) || oldDefaults.includes(property);
        if (olds[property] !== undefined && reusable) {
            inputs[property] = olds[property];
        } else {
            const generated = `${logicalName}-${randomHex(seed)}`;
            if (generated.length > maxNameLength(type)) {
                failures.push({
                    property,
                    reason: `could not make instance of '${type}': name '${logicalName}' plus 7 random chars is longer than maximum length ${maxNameLength(type)}`,
                });
            }
            inputs[property] = generated;
        }
        defaults.push(property);
    }
    if (inputs.region === undefined && type !== TYPES.role && type !== TYPES.rolePolicy && type !== TYPES.iamPolicy && type !== TYPES.rolePolicyAttachment && type !== TYPES.dashboard) {
        // IAM is global and dashboards are account-wide: no `region` on those (pulumi-aws provider/region.go).
        inputs.region = region;
    }
    inputs[DEFAULTS_KEY] = defaults.sort();
    return { inputs, failures };
}

export type DiffKind = "add" | "update" | "delete";

export interface DiffResult {
    /** The top-level properties that change. */
    changed: string[];
    replaces: string[];
    deleteBeforeReplace: boolean;
    detailed: Record<string, { kind: DiffKind; replace: boolean }>;
}

/**
 * The provider's Diff: `news` (checked inputs) against `olds` (the outputs in the state) and `oldInputs`. A property
 * the program set is compared with the old output; a property the program set before and no longer sets is a change
 * (Optional, not Computed, in the Terraform schema: it plans to null); an output the program never set is computed
 * and never a change.
 */
export function diffInputs(type: string, olds: Props, news: Props, oldInputs: Props): DiffResult {
    const schema = schemaOf(type);
    const given = withoutBookkeeping(news);
    const before = withoutBookkeeping(oldInputs);
    const detailed: DiffResult["detailed"] = {};
    const replaceKeys = [...schema.replaceKeys, ...(schema.conditionalReplaceKeys?.(given) ?? [])];
    const keys = new Set([...Object.keys(given), ...Object.keys(before)]);
    for (const key of keys) {
        const now = given[key];
        const then = olds[key] ?? before[key];
        let kind: DiffKind | undefined;
        if (now === undefined) {
            kind = before[key] !== undefined ? "delete" : undefined;
        } else if (then === undefined) {
            kind = "add";
        } else if (isUnknown(now) || !deepEqual(now, then)) {
            const equivalent = schema.equivalent?.[key];
            kind = !isUnknown(now) && equivalent !== undefined && equivalent(then, now) ? undefined : "update";
        }
        if (kind !== undefined) {
            detailed[key] = { kind, replace: replaceKeys.includes(key) };
        }
    }
    const changed = Object.keys(detailed).sort();
    const replaces = changed.filter((k) => detailed[k].replace);
    const property = schema.autoNameProperty;
    const defaults = Array.isArray(news[DEFAULTS_KEY]) ? (news[DEFAULTS_KEY] as unknown[]) : undefined;
    const explicitName = property !== undefined && defaults !== undefined && given[property] !== undefined && !defaults.includes(property);
    return {
        changed,
        replaces,
        deleteBeforeReplace: replaces.length > 0 && (ALWAYS_DELETE_BEFORE_REPLACE.has(type) || explicitName),
        detailed,
    };
}

/** The inputs a refresh leaves in the state: the old input keys, with the values AWS reports now. */
export function refreshedInputs(oldInputs: Props, outputs: Props): Props {
    const result: Props = {};
    for (const [key, value] of Object.entries(oldInputs)) {
        if (key === DEFAULTS_KEY) {
            const kept = Array.isArray(value) ? value.filter((k) => typeof k === "string" && deepEqual(oldInputs[k], outputs[k])) : [];
            if (kept.length > 0) {
                result[key] = kept;
            }
            continue;
        }
        result[key] = key in outputs ? outputs[key] : value;
    }
    return result;
}
