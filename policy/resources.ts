// What the policy pack's rules read: resources as plain data (type, name, URN, properties, the options that matter),
// the AWS types they look at, and how each names the Lambda function and qualifier it acts on. No Pulumi here: the
// adapter (index.ts) turns what the policy SDK passes into these, and the tests build them by hand or from the
// testing kit's recorded resources.
import { ValidationResult, parseFunctionReference, plainFunctionName } from "../components/function-reference";

/** One resource as a rule sees it. */
export interface PolicyResourceData {
    /** The resource's type token, e.g. `aws:lambda/provisionedConcurrencyConfig:ProvisionedConcurrencyConfig`. */
    type: string;
    /** The resource's Pulumi (logical) name. */
    name: string;
    urn: string;
    /**
     * Its properties: the inputs for a resource policy, the outputs for a stack policy (as the policy SDK passes them).
     * A value not known yet (a preview) is absent.
     */
    props: Readonly<Record<string, unknown>>;
    /** The properties whose changes Pulumi ignores (the `ignoreChanges` resource option). */
    ignoreChanges?: readonly string[];
    /** For each property that came from other resources' outputs, those resources' URNs. */
    propertyDependencies?: Readonly<Record<string, readonly string[]>>;
    /** The parent's URN, if the resource has a parent. */
    parent?: string;
}

/** The qualified type of a URN (`parent$...$type`), as `urn:pulumi:STACK::PROJECT::QUALIFIED-TYPE::NAME` has it. */
function qualifiedType(urn: string): string | undefined {
    const parts = urn.split("::");
    return parts.length >= 4 ? parts[2] : undefined;
}

/** Whether a URN is one of this package's components (type token `lambda-concurrency:index:...`). */
export function isPackageComponent(urn: string | undefined): boolean {
    const type = urn === undefined ? undefined : qualifiedType(urn);
    return type !== undefined && /(?:^|\$)lambda-concurrency:index:[A-Za-z]+$/.test(type);
}

/**
 * Whether two parents are one of this package's components, or one nested in the other (a WarmAlias and the
 * FixedConcurrency it holds): by their URNs' qualified types, the nested one's extending the outer one's.
 */
export function withinOneComponent(a: string | undefined, b: string | undefined): boolean {
    if (a === undefined || b === undefined || !isPackageComponent(a) || !isPackageComponent(b)) {
        return false;
    }
    const [typeA, typeB] = [qualifiedType(a) ?? "", qualifiedType(b) ?? ""];
    return a === b || typeA.startsWith(`${typeB}$`) || typeB.startsWith(`${typeA}$`);
}

/** A broken rule: the message names the resource and the fix; `urn` is the resource it is reported on. */
export interface Violation {
    message: string;
    urn?: string;
}

/** The enforcement levels of the policy SDK (@pulumi/policy, EnforcementLevel). */
export type EnforcementLevel = "advisory" | "mandatory" | "remediate" | "disabled";

/** One property of a policy's configuration, as a JSON schema (@pulumi/policy, PolicyConfigSchema). */
export interface ConfigProperty {
    type: "number" | "integer";
    description: string;
    default?: number;
    minimum?: number;
    maximum?: number;
}

interface RuleBase {
    /** The policy's name: unique in the pack, what users set the enforcement level and configuration of. */
    name: string;
    description: string;
    /** The enforcement level unless the user sets another. */
    enforcementLevel: "advisory" | "mandatory";
    /** The configuration the policy takes, if a number is involved. */
    configSchema?: Readonly<Record<string, ConfigProperty>>;
}

/** A rule over one resource at a time. */
export interface ResourceRule extends RuleBase {
    kind: "resource";
    check(resource: PolicyResourceData, config: Readonly<Record<string, unknown>>): Violation[];
}

/** A rule over the stack's resources together. */
export interface StackRule extends RuleBase {
    kind: "stack";
    check(resources: readonly PolicyResourceData[], config: Readonly<Record<string, unknown>>): Violation[];
}

export type Rule = ResourceRule | StackRule;

/** The configuration of a rule with the defaults of its schema filled in. */
export function withDefaults(rule: Rule, given: Readonly<Record<string, unknown>> = {}): Record<string, unknown> {
    const config: Record<string, unknown> = {};
    for (const [key, property] of Object.entries(rule.configSchema ?? {})) {
        if (property.default !== undefined) {
            config[key] = property.default;
        }
    }
    for (const [key, value] of Object.entries(given)) {
        if (value !== undefined) {
            config[key] = value;
        }
    }
    return config;
}

// The AWS provider's type tokens (@pulumi/aws 7).
export const FUNCTION_TYPE = "aws:lambda/function:Function";
export const ALIAS_TYPE = "aws:lambda/alias:Alias";
export const CONFIG_TYPE = "aws:lambda/provisionedConcurrencyConfig:ProvisionedConcurrencyConfig";
export const TARGET_TYPE = "aws:appautoscaling/target:Target";
export const SCALING_POLICY_TYPE = "aws:appautoscaling/policy:Policy";
export const SCHEDULED_ACTION_TYPE = "aws:appautoscaling/scheduledAction:ScheduledAction";
export const EVENT_RULE_TYPE = "aws:cloudwatch/eventRule:EventRule";
export const EVENT_TARGET_TYPE = "aws:cloudwatch/eventTarget:EventTarget";

/** Application Auto Scaling's names for Lambda provisioned concurrency (RegisterScalableTarget). */
export const LAMBDA_NAMESPACE = "lambda";
export const PROVISIONED_CONCURRENCY_DIMENSION = "lambda:function:ProvisionedConcurrency";

/** How a message names a resource: its type token and its Pulumi name. */
export function label(resource: PolicyResourceData): string {
    return `${resource.type} "${resource.name}"`;
}

/** A function and qualifier, by the function's plain name. */
export interface Qualified {
    functionName: string;
    qualifier: string;
}

/** The key of a function and qualifier, for grouping. */
export function keyOf(q: Qualified): string {
    return `${q.functionName}|${q.qualifier}`;
}

/** How a message names a function and qualifier. */
export function describeQualified(q: Qualified): string {
    return `function "${q.functionName}" qualifier "${q.qualifier}"`;
}

/** A string property, or undefined when absent, unknown or not a string. */
export function stringProp(resource: PolicyResourceData, key: string): string | undefined {
    const value = resource.props[key];
    return typeof value === "string" ? value : undefined;
}

/** A number property, or undefined. */
export function numberProp(resource: PolicyResourceData, key: string): number | undefined {
    const value = resource.props[key];
    return typeof value === "number" ? value : undefined;
}

/**
 * Whether an Application Auto Scaling resource (target, policy, scheduled action) acts on Lambda provisioned
 * concurrency: namespace `lambda` and, where given, the dimension `lambda:function:ProvisionedConcurrency`.
 */
export function isProvisionedConcurrencyScaling(resource: PolicyResourceData): boolean {
    if (resource.type !== TARGET_TYPE && resource.type !== SCALING_POLICY_TYPE && resource.type !== SCHEDULED_ACTION_TYPE) {
        return false;
    }
    const dimension = stringProp(resource, "scalableDimension");
    return stringProp(resource, "serviceNamespace") === LAMBDA_NAMESPACE && (dimension === undefined || dimension === PROVISIONED_CONCURRENCY_DIMENSION);
}

/**
 * The function and qualifier in an Application Auto Scaling resource id, `function:NAME:QUALIFIER` (RegisterScalableTarget,
 * ResourceId). A resource id with no qualifier gives an empty one (checked by the qualifier rule).
 */
export function parseScalingResourceId(resourceId: string): Qualified | undefined {
    const match = /^function:([^:]+)(?::(.*))?$/.exec(resourceId);
    return match === null ? undefined : { functionName: match[1], qualifier: match[2] ?? "" };
}

/**
 * The function and qualifier a provisioned concurrency configuration or a Lambda scaling resource acts on, by the
 * function's plain name; undefined for other resources or while a value is unknown.
 */
export function qualifiedOf(resource: PolicyResourceData): Qualified | undefined {
    if (resource.type === CONFIG_TYPE) {
        const functionName = stringProp(resource, "functionName");
        const qualifier = stringProp(resource, "qualifier");
        return functionName === undefined || qualifier === undefined ? undefined : { functionName: plainFunctionName(functionName), qualifier };
    }
    if (isProvisionedConcurrencyScaling(resource)) {
        const resourceId = stringProp(resource, "resourceId");
        return resourceId === undefined ? undefined : parseScalingResourceId(resourceId);
    }
    return undefined;
}

/** The provisioned concurrency configurations and Lambda scalable targets of a stack, with what they act on. */
export function managers(resources: readonly PolicyResourceData[]): { resource: PolicyResourceData; on: Qualified }[] {
    return resources.flatMap((resource) => {
        if (resource.type !== CONFIG_TYPE && resource.type !== TARGET_TYPE) {
            return [];
        }
        const on = qualifiedOf(resource);
        return on === undefined || on.qualifier === "" ? [] : [{ resource, on }];
    });
}

/** The stack's functions, by their names (as the provider's Check gave them, so auto-names too). */
export function functionsByName(resources: readonly PolicyResourceData[]): Map<string, PolicyResourceData> {
    const byName = new Map<string, PolicyResourceData>();
    for (const resource of resources) {
        const name = resource.type === FUNCTION_TYPE ? stringProp(resource, "name") : undefined;
        if (name !== undefined) {
            byName.set(name, resource);
        }
    }
    return byName;
}

/** The stack's aliases, by function (plain name) and alias name. */
export function aliasesByQualified(resources: readonly PolicyResourceData[]): Map<string, PolicyResourceData> {
    const byKey = new Map<string, PolicyResourceData>();
    for (const resource of resources) {
        if (resource.type !== ALIAS_TYPE) {
            continue;
        }
        const functionName = stringProp(resource, "functionName");
        const name = stringProp(resource, "name");
        if (functionName !== undefined && name !== undefined) {
            byKey.set(keyOf({ functionName: plainFunctionName(functionName), qualifier: name }), resource);
        }
    }
    return byKey;
}

/** A Lambda ARN's function and qualifier, when it is a qualified function ARN. */
export function qualifiedArn(arn: string): Qualified | undefined {
    const parsed = parseFunctionReference(arn, "arn");
    if ("error" in parsed || parsed.reference.arnQualifier === undefined || parsed.reference.accountId === undefined) {
        return undefined;
    }
    return { functionName: parsed.reference.name, qualifier: parsed.reference.arnQualifier };
}

/** A message for one resource: its label, then the problem a component validator found. */
export function problemOf(resource: PolicyResourceData, problem: ValidationResult): Violation[] {
    return problem === undefined ? [] : [{ message: `${label(resource)}: ${problem}`, urn: resource.urn }];
}
