// What every component in this package shares about "the function and qualifier it acts on":
// parsing and checking the function's name or ARN and the qualifier as the Lambda API does, the id that
// Application Auto Scaling uses for it, and the registry that lets only one component own the provisioned
// concurrency of one function version or alias.
import * as pulumi from "@pulumi/pulumi";

/** The longest function name Lambda accepts (CreateFunction, FunctionName: "limited to 64 characters"). */
export const MAX_FUNCTION_NAME_LENGTH = 64;
/**
 * The longest FunctionName parameter of PutProvisionedConcurrencyConfig: 140 characters, and "the length constraint
 * applies only to the full ARN" (Lambda API reference, PutProvisionedConcurrencyConfig, Request Parameters).
 */
export const MAX_FUNCTION_ARN_LENGTH = 140;
/** Qualifier: "Length Constraints: Minimum length of 1. Maximum length of 128." (PutProvisionedConcurrencyConfig). */
export const MAX_QUALIFIER_LENGTH = 128;

// Pieces of the Lambda API's FunctionName pattern (PutProvisionedConcurrencyConfig):
// (arn:(aws[a-zA-Z-]*)?:lambda:)?([a-z]{2}((-gov)|(-iso([a-z]?)))?-[a-z]+-\d{1}:)?(\d{12}:)?(function:)?([a-zA-Z0-9-_]+)
const FUNCTION_NAME = /^[a-zA-Z0-9_-]+$/;
const FULL_ARN =
    /^arn:(aws[a-zA-Z-]*):lambda:([a-z]{2}(?:-gov|-iso[a-z]?)?-[a-z]+-\d):(\d{12}):function:([a-zA-Z0-9_-]+)(?::([a-zA-Z0-9$_-]+))?$/;
const PARTIAL_ARN = /^(\d{12}):function:([a-zA-Z0-9_-]+)(?::([a-zA-Z0-9$_-]+))?$/;
// Alias names: (?!^[0-9]+$)([a-zA-Z0-9-_]+), 1-128 characters (CreateAlias). Versions: [0-9]+ (PublishVersion).
const ALIAS_NAME = /^[a-zA-Z0-9_-]+$/;
const VERSION_NUMBER = /^[0-9]+$/;

/** A function reference, taken apart. */
export interface FunctionReference {
    /** The function's name, whichever form the user gave. */
    name: string;
    /** The unqualified name or ARN to hand to the Lambda API: what the user gave, less a qualifier suffix. */
    unqualified: string;
    /** The qualifier written into an ARN (`...:function:NAME:QUALIFIER`), if any. */
    arnQualifier?: string;
    /** Region and account, when the user gave a full or partial ARN. */
    region?: string;
    accountId?: string;
}

/** A failed check: the message says which argument, which value, and which rule. */
export type ValidationResult = string | undefined;

/**
 * Takes a function name, a full ARN or a partial ARN (`123456789012:function:NAME`) apart, each optionally qualified,
 * as the Lambda API accepts them. Returns a message naming `argument` when the value is not one of those forms.
 */
export function parseFunctionReference(
    value: unknown,
    argument = "functionName",
): { reference: FunctionReference } | { error: string } {
    if (typeof value !== "string") {
        return { error: `${argument} must be a string, got ${describeValue(value)}` };
    }
    if (value.length === 0) {
        return { error: `${argument} must not be empty` };
    }
    if (value.length > MAX_FUNCTION_ARN_LENGTH) {
        return {
            error: `${argument} must be at most ${MAX_FUNCTION_ARN_LENGTH} characters long (the Lambda API's limit for a function ARN), got ${value.length} characters: "${value}"`,
        };
    }
    let reference: FunctionReference;
    let match: RegExpExecArray | null;
    if ((match = FULL_ARN.exec(value))) {
        const [, , region, accountId, name, arnQualifier] = match;
        reference = withQualifier({ name, unqualified: value, region, accountId }, arnQualifier);
    } else if ((match = PARTIAL_ARN.exec(value))) {
        const [, accountId, name, arnQualifier] = match;
        reference = withQualifier({ name, unqualified: value, accountId }, arnQualifier);
    } else if (value.startsWith("arn:") || value.includes(":")) {
        return {
            error: `${argument} "${value}" is not a valid Lambda function ARN; expected arn:PARTITION:lambda:REGION:ACCOUNT:function:NAME[:QUALIFIER] or ACCOUNT:function:NAME[:QUALIFIER]`,
        };
    } else if (FUNCTION_NAME.test(value)) {
        reference = { name: value, unqualified: value };
    } else {
        return {
            error: `${argument} "${value}" is not a valid Lambda function name; use only letters, digits, hyphens and underscores`,
        };
    }
    if (reference.name.length > MAX_FUNCTION_NAME_LENGTH) {
        return {
            error: `${argument} "${value}" names a function of ${reference.name.length} characters; Lambda function names are at most ${MAX_FUNCTION_NAME_LENGTH}`,
        };
    }
    return { reference };
}

/** Splits a qualifier written into an ARN off the ARN. */
function withQualifier(reference: FunctionReference, arnQualifier: string | undefined): FunctionReference {
    if (arnQualifier === undefined) {
        return reference;
    }
    const unqualified = reference.unqualified.slice(0, reference.unqualified.length - arnQualifier.length - 1);
    return { ...reference, unqualified, arnQualifier };
}

/** Checks a function name or ARN; see {@link parseFunctionReference}. */
export function validateFunctionName(value: unknown, argument = "functionName"): ValidationResult {
    const parsed = parseFunctionReference(value, argument);
    return "error" in parsed ? parsed.error : undefined;
}

/**
 * Checks a qualifier that is to receive provisioned concurrency: a published version number or an alias name.
 * `$LATEST` is refused because Lambda never provisions concurrency for it.
 */
export function validateQualifier(value: unknown, argument = "qualifier"): ValidationResult {
    if (typeof value !== "string") {
        return `${argument} must be a string (an alias name or a published version number), got ${describeValue(value)}`;
    }
    if (value.length === 0) {
        return `${argument} must not be empty; give an alias name or a published version number`;
    }
    if (value === "$LATEST") {
        return `${argument} cannot be "$LATEST": provisioned concurrency needs a published version or an alias (publish the function with publish: true and use its version, or create an alias)`;
    }
    if (value.length > MAX_QUALIFIER_LENGTH) {
        return `${argument} must be at most ${MAX_QUALIFIER_LENGTH} characters long, got ${value.length} characters: "${value}"`;
    }
    if (VERSION_NUMBER.test(value)) {
        // Lambda numbers published versions from 1 and never pads them.
        if (!/^[1-9][0-9]*$/.test(value)) {
            return `${argument} "${value}" is not a published version number; versions are numbered from 1 without leading zeros`;
        }
        return undefined;
    }
    if (!ALIAS_NAME.test(value)) {
        return `${argument} "${value}" is not a valid alias name or version number; alias names use only letters, digits, hyphens and underscores`;
    }
    return undefined;
}

/** Checks that an ARN's own qualifier, if it has one, is the `qualifier` argument. */
export function validateArnQualifierAgreement(
    functionName: string,
    qualifier: string,
    functionArgument = "functionName",
    qualifierArgument = "qualifier",
): ValidationResult {
    const parsed = parseFunctionReference(functionName, functionArgument);
    if ("error" in parsed) {
        return parsed.error;
    }
    const { arnQualifier } = parsed.reference;
    if (arnQualifier !== undefined && arnQualifier !== qualifier) {
        return `${functionArgument} "${functionName}" is qualified with "${arnQualifier}" but ${qualifierArgument} is "${qualifier}"; give the unqualified ARN or make them agree`;
    }
    return undefined;
}

/** Checks a count of provisioned environments: a whole number, at least `minimum`. */
export function validateCapacity(value: unknown, argument: string, minimum: number): ValidationResult {
    if (typeof value !== "number" || !Number.isInteger(value)) {
        return `${argument} must be a whole number, got ${describeValue(value)}`;
    }
    if (value < minimum) {
        return `${argument} must be at least ${minimum}, got ${value}`;
    }
    return undefined;
}

/**
 * The resource id Application Auto Scaling uses for a Lambda alias or version: `function:NAME:QUALIFIER`, with the
 * function's plain name even when an ARN was given (Application Auto Scaling API reference, RegisterScalableTarget,
 * ResourceId: "Lambda provisioned concurrency - The resource type is function and the unique identifier is the
 * function name with a function version or alias name suffix that is not $LATEST").
 */
export function scalableTargetResourceId(functionName: string, qualifier: string): string {
    const parsed = parseFunctionReference(functionName);
    const name = "error" in parsed ? functionName : parsed.reference.name;
    return `function:${name}:${qualifier}`;
}

/** A readable form of a value for an error message. */
export function describeValue(value: unknown): string {
    if (typeof value === "string") {
        return `"${value}"`;
    }
    if (value === undefined || value === null || typeof value === "number" || typeof value === "boolean") {
        return String(value);
    }
    try {
        return JSON.stringify(value);
    } catch {
        return Object.prototype.toString.call(value);
    }
}

// ---------------------------------------------------------------------------------------------------------------
// Checking inputs that may be plain values or Outputs.

/** True when `value` is already known: not an Output, not a Promise. */
export function isPlain<T>(value: pulumi.Input<T> | undefined): value is T {
    return !pulumi.Output.isInstance(value) && !(value instanceof Promise);
}

/**
 * Checks an input with `validate`: a plain value at once, throwing a ResourceError attached to `component`; an
 * Output when it resolves, so the deployment stops before AWS sees the value, and the error still names the
 * component and the argument. Returns the input as an Output that carries the check.
 */
export function checkedInput<T extends string | number | boolean>(
    component: pulumi.Resource,
    label: string,
    value: pulumi.Input<T>,
    validate: (value: T) => ValidationResult,
): pulumi.Output<T> {
    // pulumi.output's Unwrap<T> does not reduce for a generic T; for the primitives allowed here it is T itself.
    const output = pulumi.output(value) as unknown as pulumi.Output<T>;
    if (isPlain(value)) {
        const error = validate(value);
        if (error !== undefined) {
            throw new pulumi.ResourceError(`${label}: ${error}`, component);
        }
        return output;
    }
    return output.apply<T>((resolved: T): T => {
        const error = validate(resolved);
        if (error !== undefined) {
            throw new pulumi.ResourceError(`${label}: ${error}`, component);
        }
        return resolved;
    });
}

// ---------------------------------------------------------------------------------------------------------------
// One owner per function version or alias.

/** What a component does to a qualifier's provisioned concurrency. */
export type OwnershipKind = "provisioned-concurrency-config" | "scalable-target";

/** A component that claims the provisioned concurrency of one function and qualifier. */
export interface QualifierOwner {
    /** The component's class name, e.g. "FixedConcurrency". */
    componentType: string;
    /** The component's Pulumi name. */
    name: string;
    kind: OwnershipKind;
}

/** The registry of claims, keyed by {@link ownershipKey}. */
export type OwnershipRegistry = Map<string, QualifierOwner>;

// Kept on globalThis so that two copies of this package loaded by one program still share one registry.
const REGISTRY_SYMBOL = Symbol.for("lambda-concurrency.qualifier-owners");

/** The registry of the running program. */
export function programOwnershipRegistry(): OwnershipRegistry {
    const holder = globalThis as unknown as Record<symbol, OwnershipRegistry | undefined>;
    let registry = holder[REGISTRY_SYMBOL];
    if (registry === undefined) {
        registry = new Map();
        holder[REGISTRY_SYMBOL] = registry;
    }
    return registry;
}

/**
 * The key under which a claim is filed: the function's plain name and the qualifier, within a scope that tells
 * accounts and regions apart (from the ARN when one was given, else the AWS provider the component uses).
 */
export function ownershipKey(functionName: string, qualifier: string, providerScope: string): string {
    const parsed = parseFunctionReference(functionName);
    if ("error" in parsed) {
        return `${providerScope}|${functionName}|${qualifier}`;
    }
    const { name, region, accountId } = parsed.reference;
    const scope = region !== undefined && accountId !== undefined ? `${accountId}:${region}` : providerScope;
    return `${scope}|${name}|${qualifier}`;
}

/**
 * Files `owner`'s claim on a function and qualifier. Returns a message naming both components when another
 * component already claimed it: AWS keeps one provisioned concurrency configuration per version or alias, and
 * Application Auto Scaling one scalable target, so a second owner would silently fight the first.
 */
export function claimQualifier(
    registry: OwnershipRegistry,
    key: string,
    owner: QualifierOwner,
    functionName: string,
    qualifier: string,
): ValidationResult {
    const existing = registry.get(key);
    // The same component claiming again is the same program run again in one process (the Automation API runs an
    // inline program for preview, then for update): one program cannot hold two components of one type and name.
    if (existing === undefined || (existing.componentType === owner.componentType && existing.name === owner.name)) {
        registry.set(key, owner);
        return undefined;
    }
    const what = `function "${functionName}" qualifier "${qualifier}"`;
    const both = `${owner.componentType} "${owner.name}" and ${existing.componentType} "${existing.name}"`;
    if (owner.kind === "provisioned-concurrency-config" && existing.kind === "provisioned-concurrency-config") {
        return `${both} both give provisioned concurrency to ${what}; AWS keeps one provisioned concurrency configuration per version or alias, so they would overwrite each other. Keep one of them.`;
    }
    if (owner.kind === "scalable-target" && existing.kind === "scalable-target") {
        return `${both} both register a scalable target for ${what}; Application Auto Scaling keeps one per version or alias, so they would overwrite each other. Use one UtilizationScaling and give it the schedules.`;
    }
    return `${both} both manage the provisioned concurrency of ${what}; a scalable target sets the provisioned concurrency itself, so it would fight a fixed configuration. Use ScheduledConcurrency or UtilizationScaling alone (with minCapacity for the fixed floor).`;
}

// Providers are told apart by object identity: one provider object is one account and region.
const providerScopes = new WeakMap<pulumi.ProviderResource, string>();
let nextProviderScope = 1;

/** A scope label for the AWS provider a component will use ("default" for the program's default provider). */
export function providerScopeOf(component: pulumi.ComponentResource): string {
    const provider = component.getProvider("aws::");
    if (provider === undefined) {
        return "default";
    }
    let scope = providerScopes.get(provider);
    if (scope === undefined) {
        scope = `provider-${nextProviderScope++}`;
        providerScopes.set(provider, scope);
    }
    return scope;
}

/** The checked function and qualifier of a component, ready to be handed to AWS resources. */
export interface CheckedTarget {
    /** The function's name or ARN without a qualifier suffix, as the Lambda API takes it. */
    functionArgument: pulumi.Output<string>;
    /** The function's plain name. */
    functionName: pulumi.Output<string>;
    qualifier: pulumi.Output<string>;
}

/**
 * Checks a component's `functionName` and `qualifier` arguments (plain values at once, Outputs when they resolve)
 * and claims the qualifier for `owner` in the program's registry.
 */
export function checkTarget(
    component: pulumi.ComponentResource,
    owner: QualifierOwner,
    args: { functionName: pulumi.Input<string>; qualifier: pulumi.Input<string> },
    registry: OwnershipRegistry = programOwnershipRegistry(),
): CheckedTarget {
    const label = `${owner.componentType} "${owner.name}"`;
    const functionName = checkedInput(component, label, args.functionName, (value) => validateFunctionName(value));
    const qualifier = checkedInput(component, label, args.qualifier, (value) => validateQualifier(value));
    const scope = providerScopeOf(component);

    const checkPair = (fn: string, q: string): void => {
        const error =
            validateArnQualifierAgreement(fn, q) ??
            claimQualifier(registry, ownershipKey(fn, q, scope), owner, fn, q);
        if (error !== undefined) {
            throw new pulumi.ResourceError(`${label}: ${error}`, component);
        }
    };

    let pair: pulumi.Output<[string, string]>;
    if (isPlain(args.functionName) && isPlain(args.qualifier)) {
        checkPair(args.functionName, args.qualifier);
        pair = pulumi.output([args.functionName, args.qualifier] as [string, string]);
    } else {
        pair = pulumi.all([functionName, qualifier]).apply(([fn, q]) => {
            checkPair(fn, q);
            return [fn, q] as [string, string];
        });
    }
    const reference = pair.apply(([fn]) => {
        const parsed = parseFunctionReference(fn);
        // Unreachable after the checks above; kept so a broken invariant fails loudly rather than quietly.
        if ("error" in parsed) {
            throw new pulumi.ResourceError(`${label}: ${parsed.error}`, component);
        }
        return parsed.reference;
    });
    return {
        functionArgument: reference.apply((r) => r.unqualified),
        functionName: reference.apply((r) => r.name),
        qualifier: pair.apply(([, q]) => q),
    };
}
