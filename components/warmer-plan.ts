// The pure part of LambdaWarmer: checking its arguments, splitting many targets into pieces that fit AWS's size
// limits, and writing the warm-up plans and IAM policy documents. No Pulumi here, so each piece is tested alone.
import { validateScheduleExpression } from "./schedule";
import { chunk } from "./chunk";
import { fittedName } from "./physical-name";

// Shared helpers the warmer uses, exported here too for earlier importers.
export { chunk, fittedName };
import { ValidationResult, describeValue } from "./function-reference";

/** The warmer function's defaults. */
export const DEFAULT_WARMER_SCHEDULE = "rate(5 minutes)";
export const DEFAULT_WARMER_MEMORY_MB = 128;
/** Pings hold an instance for ~200 ms; a minute leaves room for cold targets and a full parallelism queue. */
export const DEFAULT_WARMER_TIMEOUT_SECONDS = 60;
export const DEFAULT_LOG_RETENTION_DAYS = 14;
/** The warmer function's bound on pings in flight (runtime/warmer-function.js, DEFAULT_MAX_PARALLELISM). */
export const WARMER_MAX_PARALLELISM = 50;

/**
 * Targets per EventBridge rule target. EventBridge limits a target's Input to 8,192 characters (PutTargets, Target,
 * Input); a plan entry is at most ~260 characters with a full ARN and a long alias, so 30 entries stay under it.
 */
export const PLAN_TARGETS_PER_RULE_TARGET = 30;
/** EventBridge: "Each rule can have up to five (5) targets associated with it at one time" (PutTargets). */
export const RULE_TARGETS_PER_RULE = 5;
/** EventBridge Target Input: "Maximum length of 8192" (PutTargets). */
export const MAX_RULE_INPUT_LENGTH = 8192;
/**
 * Invoke permissions per managed policy. IAM counts 6,144 characters per managed policy, white space excluded (IAM
 * quotas, "Managed policy size"); 40 resources of up to ~125 characters (a 64-character name and a short qualifier)
 * fit with the statement around them.
 */
export const TARGETS_PER_INVOKE_POLICY = 40;
export const MAX_MANAGED_POLICY_LENGTH = 6144;
/** IAM: 10 managed policies per role by default (IAM quotas, "Managed policies attached to an IAM role"). */
export const MAX_MANAGED_POLICIES_PER_ROLE = 10;
export const MAX_WARMER_TARGETS = TARGETS_PER_INVOKE_POLICY * MAX_MANAGED_POLICIES_PER_ROLE;

/** CloudWatch Logs PutRetentionPolicy accepts only these values of retentionInDays; the provider takes 0 for "never expire". */
export const LOG_RETENTION_DAYS = [
    0, 1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653,
] as const;

/** One target of a warm-up plan, as the warmer function reads it (runtime/warmer-function.js, WarmupTarget). */
export interface PlanTarget {
    functionName: string;
    qualifier?: string;
    concurrency: number;
}

/** The warmer function's event (runtime/warmer-function.js, WarmupPlan). */
export interface WarmupPlan {
    targets: PlanTarget[];
    maxParallelism: number;
}

/** Checks a qualifier to invoke: a version (or `$LATEST`) or an alias name, as Invoke's Qualifier takes it. */
export function validateInvokeQualifier(value: unknown, argument: string): ValidationResult {
    if (typeof value !== "string" || !/^(\$LATEST|[a-zA-Z0-9_-]{1,128})$/.test(value)) {
        return `${argument} must be a version number, $LATEST or an alias name (letters, digits, hyphens, underscores; at most 128), got ${describeValue(value)}`;
    }
    return undefined;
}

/** Checks a target's number of instances to keep warm: a whole number from 1 to the warmer's parallelism bound. */
export function validateWarmConcurrency(value: unknown, argument: string): ValidationResult {
    if (typeof value !== "number" || !Number.isInteger(value)) {
        return `${argument} must be a whole number, got ${describeValue(value)}`;
    }
    if (value < 1 || value > WARMER_MAX_PARALLELISM) {
        return `${argument} must be between 1 and ${WARMER_MAX_PARALLELISM} (the warmer sends a target's pings at once, at most ${WARMER_MAX_PARALLELISM} in flight), got ${value}`;
    }
    return undefined;
}

/** Checks the warmer's schedule: a cron or rate expression as EventBridge rules take it (no at()). */
export function validateWarmerSchedule(value: unknown): ValidationResult {
    if (typeof value !== "string") {
        return `schedule must be a cron(...) or rate(...) expression, got ${describeValue(value)}`;
    }
    const problem = validateScheduleExpression(value, { service: "eventbridge" });
    return problem === undefined ? undefined : `schedule: ${problem}`;
}

/** Checks memorySize: Lambda takes 128 to 10,240 MB. */
export function validateMemorySize(value: unknown): ValidationResult {
    if (typeof value !== "number" || !Number.isInteger(value) || value < 128 || value > 10240) {
        return `memorySize must be a whole number of MB from 128 to 10240, got ${describeValue(value)}`;
    }
    return undefined;
}

/** Checks timeoutSeconds: Lambda takes 1 to 900 seconds. */
export function validateTimeoutSeconds(value: unknown): ValidationResult {
    if (typeof value !== "number" || !Number.isInteger(value) || value < 1 || value > 900) {
        return `timeoutSeconds must be a whole number of seconds from 1 to 900, got ${describeValue(value)}`;
    }
    return undefined;
}

/** Checks logRetentionInDays against the values CloudWatch Logs accepts. */
export function validateLogRetention(value: unknown): ValidationResult {
    if (typeof value !== "number" || !(LOG_RETENTION_DAYS as readonly number[]).includes(value)) {
        return `logRetentionInDays must be one of ${LOG_RETENTION_DAYS.join(", ")} (the values CloudWatch Logs accepts; 0 keeps logs forever), got ${describeValue(value)}`;
    }
    return undefined;
}

/** Checks the warmer function's architecture. */
export function validateArchitecture(value: unknown): ValidationResult {
    if (value !== "arm64" && value !== "x86_64") {
        return `architecture must be "arm64" or "x86_64", got ${describeValue(value)}`;
    }
    return undefined;
}

/** Checks the number of targets one warmer can hold. */
export function validateTargetCount(count: number): ValidationResult {
    if (count === 0) {
        return "targets must list at least one function to warm";
    }
    if (count > MAX_WARMER_TARGETS) {
        return `targets lists ${count} functions; one warmer holds at most ${MAX_WARMER_TARGETS}, because its role's invoke permissions take ${MAX_MANAGED_POLICIES_PER_ROLE} managed policies (the IAM default quota per role) of ${TARGETS_PER_INVOKE_POLICY} targets (${MAX_MANAGED_POLICY_LENGTH} characters each); split the targets across several LambdaWarmer components`;
    }
    return undefined;
}


/** The warm-up plan of one rule target, as JSON; throws when it would not fit EventBridge's Input limit. */
export function planInput(targets: readonly PlanTarget[], maxParallelism = WARMER_MAX_PARALLELISM): string {
    const plan: WarmupPlan = {
        targets: targets.map((t) =>
            t.qualifier === undefined
                ? { functionName: t.functionName, concurrency: t.concurrency }
                : { functionName: t.functionName, qualifier: t.qualifier, concurrency: t.concurrency },
        ),
        maxParallelism,
    };
    const input = JSON.stringify(plan);
    if (input.length > MAX_RULE_INPUT_LENGTH) {
        throw new Error(
            `the warm-up plan of ${targets.length} targets is ${input.length} characters, over EventBridge's limit of ${MAX_RULE_INPUT_LENGTH} for a rule target's input; use shorter function names or fewer targets per warmer`,
        );
    }
    return input;
}

/**
 * The Lambda ARN that `lambda:InvokeFunction` must allow for a target: qualified when a qualifier is given. The
 * function is named by its plain name, in the warmer's own partition, region and account (a target given by ARN has
 * been checked to live there; see function-home.ts).
 */
export function invokeResourceArn(
    functionName: string,
    qualifier: string | undefined,
    account: { partition: string; region: string; accountId: string },
): string {
    const base = `arn:${account.partition}:lambda:${account.region}:${account.accountId}:function:${functionName}`;
    return qualifier === undefined ? base : `${base}:${qualifier}`;
}

/**
 * The most pings a warmer can have in flight at once. Each plan part is its own EventBridge rule target, so each
 * scheduled run invokes the warmer once per part, and those invocations run side by side; within one invocation at
 * most `maxParallelism` pings are in flight (runtime/warmer-function.js). So the bound is, over the parts, the sum of
 * the lesser of the part's pings and `maxParallelism`.
 */
export function maxPingsInFlight(parts: readonly (readonly PlanTarget[])[], maxParallelism = WARMER_MAX_PARALLELISM): number {
    return parts.reduce((sum, part) => sum + Math.min(maxParallelism, part.reduce((pings, t) => pings + t.concurrency, 0)), 0);
}

/** A policy allowing `lambda:InvokeFunction` on exactly these ARNs; throws when over IAM's managed policy size. */
export function invokePolicyDocument(arns: readonly string[]): string {
    const document = JSON.stringify({
        Version: "2012-10-17",
        Statement: [{ Sid: "InvokeWarmTargets", Effect: "Allow", Action: "lambda:InvokeFunction", Resource: [...new Set(arns)].sort() }],
    });
    if (document.length > MAX_MANAGED_POLICY_LENGTH) {
        throw new Error(
            `the invoke policy for ${arns.length} targets is ${document.length} characters, over IAM's limit of ${MAX_MANAGED_POLICY_LENGTH} for a managed policy; use shorter function names or aliases`,
        );
    }
    return document;
}

/** A policy allowing the warmer to write to its own log group and nothing else. */
export function loggingPolicyDocument(logGroupArn: string): string {
    return JSON.stringify({
        Version: "2012-10-17",
        Statement: [
            { Sid: "WriteOwnLogs", Effect: "Allow", Action: ["logs:CreateLogStream", "logs:PutLogEvents"], Resource: `${logGroupArn}:*` },
        ],
    });
}

