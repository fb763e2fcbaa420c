// A Lambda function reference as the Lambda API takes it: a name, a full ARN or a partial ARN, optionally qualified;
// the qualifier that receives provisioned concurrency; and the counts. Pure: no Pulumi here, each check tested alone.

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
    /**
     * The function's plain name, whichever form the user gave: what this package hands to AWS. Lambda and Application
     * Auto Scaling resolve a name in the caller's own account and region, which is why an ARN's account, region and
     * partition are checked against the AWS provider's (function-home.ts) instead of being passed through.
     */
    name: string;
    /** The qualifier written into an ARN (`...:function:NAME:QUALIFIER`), if any. */
    arnQualifier?: string;
    /** Partition, region and account, as far as the user gave them in a full or partial ARN. */
    partition?: string;
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
        const [, partition, region, accountId, name, arnQualifier] = match;
        reference = withQualifier({ name, partition, region, accountId }, arnQualifier);
    } else if ((match = PARTIAL_ARN.exec(value))) {
        const [, accountId, name, arnQualifier] = match;
        reference = withQualifier({ name, accountId }, arnQualifier);
    } else if (value.startsWith("arn:") || value.includes(":")) {
        return {
            error: `${argument} "${value}" is not a valid Lambda function ARN; expected arn:PARTITION:lambda:REGION:ACCOUNT:function:NAME[:QUALIFIER] or ACCOUNT:function:NAME[:QUALIFIER]`,
        };
    } else if (FUNCTION_NAME.test(value)) {
        reference = { name: value };
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

/** Adds the qualifier written into an ARN, if there is one. */
function withQualifier(reference: FunctionReference, arnQualifier: string | undefined): FunctionReference {
    return arnQualifier === undefined ? reference : { ...reference, arnQualifier };
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

/**
 * Checks a published version number (what a function with `publish: true` gives as `version`): the qualifier a
 * WarmAlias provisions before its alias routes there. An alias name or `$LATEST` is refused, naming what to pass.
 */
export function validateVersionNumber(value: unknown, argument: string): ValidationResult {
    if (typeof value !== "string") {
        return `${argument} must be a string (a published version number such as "3"), got ${describeValue(value)}`;
    }
    if (!/^[1-9][0-9]*$/.test(value)) {
        return `${argument} must be a published version number such as "3" (the function's version output with publish: true), got "${value}"`;
    }
    return undefined;
}

/** Checks an alias name as CreateAlias takes it: 1-128 letters, digits, hyphens and underscores, not all digits. */
export function validateAliasName(value: unknown, argument: string): ValidationResult {
    if (typeof value !== "string") {
        return `${argument} must be a string (an alias name such as "live"), got ${describeValue(value)}`;
    }
    if (value.length === 0 || value.length > MAX_QUALIFIER_LENGTH || !ALIAS_NAME.test(value) || VERSION_NUMBER.test(value)) {
        return `${argument} "${value}" is not a valid alias name: 1 to ${MAX_QUALIFIER_LENGTH} letters, digits, hyphens and underscores, not only digits (those name versions)`;
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
    return `function:${plainFunctionName(functionName)}:${qualifier}`;
}

/** The plain name of a function given by name or ARN (the value itself when it is neither). */
export function plainFunctionName(functionName: string): string {
    const parsed = parseFunctionReference(functionName);
    return "error" in parsed ? functionName : parsed.reference.name;
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
