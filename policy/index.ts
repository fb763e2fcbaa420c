// `lambda-concurrency/policy`: what this package knows about provisioned concurrency, as policies of a Pulumi policy pack
// (@pulumi/policy, CrossGuard), for programs in any language, with or without the components. The rules are pure
// functions over plain resources (rules.ts); this module only adapts them to the policy SDK's shapes. It reads
// @pulumi/policy's types and nothing of its code, so that importing it needs no @pulumi/policy at run time: the pack
// (pack/index.ts, or a user's own) hands the policies to `new PolicyPack(...)`.
import type {
    EnforcementLevel,
    Policies,
    PolicyResource,
    ReportViolation,
    ResourceValidationArgs,
    ResourceValidationPolicy,
    StackValidationArgs,
    StackValidationPolicy,
} from "@pulumi/policy";
import { PolicyResourceData, ResourceRule, Rule, StackRule, withDefaults } from "./resources";
import { RULES } from "./rules";

export { RULES, checkResources, NamedViolation } from "./rules";
export {
    ConfigProperty,
    PolicyResourceData,
    ResourceRule,
    Rule,
    StackRule,
    Violation,
    withDefaults,
} from "./resources";

/** The name `pulumi preview --policy-pack` shows for the pack. */
export const POLICY_PACK_NAME = "lambda-concurrency";

/** Choices for {@link lambdaConcurrencyPolicies}. */
export interface PolicyChoices {
    /**
     * The enforcement level of each policy, by name, where it should differ from the policy's default (`advisory`,
     * `mandatory`, `remediate` or `disabled`). A policy pack configuration (`--policy-pack-config`, or a Pulumi Cloud
     * policy group) overrides these too.
     */
    enforcementLevels?: Readonly<Record<string, EnforcementLevel>>;
}

/**
 * A copy of a value the policy SDK passes, without what a preview cannot know yet: the SDK's properties throw when an
 * unknown value is read (@pulumi/policy proxy.js, unknownCheckingProxy), which would abort a whole stack policy for
 * one unknown field. Unknown values are left out, as the rules expect.
 */
export function knownValues(value: unknown, depth = 0): unknown {
    if (value === null || typeof value !== "object" || depth > 20) {
        return value;
    }
    const source = value as Record<string, unknown>;
    const copy: Record<string, unknown> | unknown[] = Array.isArray(value) ? [] : {};
    for (const key of Object.keys(source)) {
        try {
            const read = knownValues(source[key], depth + 1);
            if (read !== undefined) {
                (copy as Record<string, unknown>)[key] = read;
            }
        } catch {
            // Unknown during a preview.
        }
    }
    return copy;
}

/** A resource as a resource policy receives it. */
export function fromValidationArgs(
    args: Pick<ResourceValidationArgs, "type" | "name" | "urn" | "props"> & { opts?: { ignoreChanges?: string[]; parent?: string } },
): PolicyResourceData {
    return {
        type: args.type,
        name: args.name,
        urn: args.urn,
        props: knownValues(args.props) as Record<string, unknown>,
        ignoreChanges: args.opts?.ignoreChanges ?? [],
        ...(args.opts?.parent === undefined ? {} : { parent: args.opts.parent }),
    };
}

/** A resource as a stack policy receives it. */
export function fromPolicyResource(
    resource: Pick<PolicyResource, "type" | "name" | "urn" | "props"> & {
        opts?: { ignoreChanges?: string[]; parent?: string };
        parent?: { urn: string };
        propertyDependencies?: Record<string, { urn: string }[]>;
    },
): PolicyResourceData {
    const propertyDependencies: Record<string, string[]> = {};
    for (const [key, sources] of Object.entries(resource.propertyDependencies ?? {})) {
        propertyDependencies[key] = sources.map((s) => s.urn);
    }
    const parent = resource.parent?.urn ?? resource.opts?.parent;
    return { ...fromValidationArgs(resource), propertyDependencies, ...(parent === undefined ? {} : { parent }) };
}

/**
 * A resource the testing kit recorded (`lambda-concurrency/testing`, RecordedResource), as a stack policy would see
 * it after `pulumi up`: its outputs (`state`), its ignoreChanges and where its inputs came from.
 */
export function fromRecordedResource(resource: {
    type: string;
    name: string;
    urn: string;
    state: Record<string, unknown>;
    options: { ignoreChanges: string[] };
    propertyDependencies?: Record<string, string[]>;
    parent?: string;
}): PolicyResourceData {
    return {
        ...(resource.parent === undefined ? {} : { parent: resource.parent }),
        type: resource.type,
        name: resource.name,
        urn: resource.urn,
        props: resource.state,
        ignoreChanges: resource.options.ignoreChanges,
        propertyDependencies: resource.propertyDependencies ?? {},
    };
}

/** The fields every policy of the pack shares, from its rule. */
function policyBase(rule: Rule, choices: PolicyChoices): Pick<ResourceValidationPolicy, "name" | "description" | "enforcementLevel" | "configSchema"> {
    return {
        name: rule.name,
        description: rule.description,
        enforcementLevel: choices.enforcementLevels?.[rule.name] ?? rule.enforcementLevel,
        ...(rule.configSchema === undefined ? {} : { configSchema: { properties: { ...rule.configSchema } } }),
    };
}

function resourcePolicy(rule: ResourceRule, choices: PolicyChoices): ResourceValidationPolicy {
    return {
        ...policyBase(rule, choices),
        validateResource: (args: ResourceValidationArgs, reportViolation: ReportViolation) => {
            const config = withDefaults(rule, args.getConfig<Record<string, unknown>>());
            for (const violation of rule.check(fromValidationArgs(args), config)) {
                reportViolation(violation.message);
            }
        },
    };
}

function stackPolicy(rule: StackRule, choices: PolicyChoices): StackValidationPolicy {
    return {
        ...policyBase(rule, choices),
        validateStack: (args: StackValidationArgs, reportViolation: ReportViolation) => {
            const config = withDefaults(rule, args.getConfig<Record<string, unknown>>());
            for (const violation of rule.check(args.resources.map(fromPolicyResource), config)) {
                if (violation.urn === undefined) {
                    reportViolation(violation.message);
                } else {
                    reportViolation(violation.message, violation.urn);
                }
            }
        },
    };
}

/** The pack's policies, for `new PolicyPack("lambda-concurrency", { policies: lambdaConcurrencyPolicies() })`. */
export function lambdaConcurrencyPolicies(choices: PolicyChoices = {}): Policies {
    return RULES.map((rule) => (rule.kind === "resource" ? resourcePolicy(rule, choices) : stackPolicy(rule, choices)));
}
