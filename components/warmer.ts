import * as path from "path";
import * as pulumi from "@pulumi/pulumi";
import { childOptions, rememberAliases } from "./child-aliases";
import { Dashboard, EventRule, EventTarget, LogGroup, MetricAlarm } from "@pulumi/aws/cloudwatch";
import { Policy, Role, RolePolicy, RolePolicyAttachment } from "@pulumi/aws/iam";
import { Function, FunctionEventInvokeConfig, Invocation, Permission } from "@pulumi/aws/lambda";
import { getCallerIdentityOutput } from "@pulumi/aws/getCallerIdentity";
import { getPartitionOutput } from "@pulumi/aws/getPartition";
import { getRegionOutput } from "@pulumi/aws/getRegion";
import { OutputCheckError, afterChecks, checkedInput, exportable, gateOn, isPlain, outputsAfterChecks } from "./checked-input";
import { currentTime } from "./clock";
import { checkedMonitoring } from "./monitoring/resources";
import { Monitoring } from "./monitoring/settings";
import { monitorWarmer, warmerPeriodSeconds } from "./monitoring/warmer";
import { programOwnershipRegistry } from "./ownership";
import { prewarmReadinessProblem } from "./prewarm-readiness";
import { stopDeployment } from "./stop-deployment";
import { checkFunction } from "./target";
import {
    DEFAULT_LOG_RETENTION_DAYS,
    DEFAULT_WARMER_MEMORY_MB,
    DEFAULT_WARMER_SCHEDULE,
    DEFAULT_WARMER_TIMEOUT_SECONDS,
    PLAN_TARGETS_PER_RULE_TARGET,
    PlanTarget,
    RULE_TARGETS_PER_RULE,
    TARGETS_PER_INVOKE_POLICY,
    WARMER_MAX_PARALLELISM,
    chunk,
    fittedName,
    invokePolicyDocument,
    invokeResourceArn,
    loggingPolicyDocument,
    maxPingsInFlight,
    planInput,
    validateArchitecture,
    validateInvokeQualifier,
    validateLogRetention,
    validateMemorySize,
    validateTargetCount,
    validateTimeoutSeconds,
    validateWarmConcurrency,
    validateWarmerSchedule,
} from "./warmer-plan";

/**
 * The instruction set the warmer function runs on.
 *
 * A constant object and a type of its values, for the reasons given at UtilizationStatistic (utilization.ts): plain
 * strings keep working in TypeScript, and the schema other languages are generated from gets an enum.
 */
export const WarmerArchitecture = {
    /** AWS Graviton (ARM): about 20% cheaper per GB-second than x86_64 (AWS Lambda pricing). */
    Arm64: "arm64",
    /** x86_64. */
    X86_64: "x86_64",
} as const;
/** The instruction set the warmer function runs on: `"arm64"` or `"x86_64"`. */
export type WarmerArchitecture = (typeof WarmerArchitecture)[keyof typeof WarmerArchitecture];

/**
 * One function the warmer keeps warm.
 *
 * Named without an `Args` suffix for the reason given at Schedule (scalable-target.ts); {@link WarmerTargetArgs}
 * stays as the TypeScript name of earlier releases.
 */
export interface WarmerTarget {
    /**
     * The function's name, ARN or partial ARN; an ARN must be of the account and region the warmer is deployed to
     * (its regional Lambda client invokes there).
     */
    functionName: pulumi.Input<string>;
    /**
     * The version or alias to ping. Warm the qualifier your callers invoke: an API that calls the `live` alias runs
     * on the alias's environments. Never a qualifier that has provisioned concurrency (from FixedConcurrency,
     * ScheduledConcurrency or UtilizationScaling): its environments are always initialized, and pings would only
     * occupy them. Defaults to none: pings go to the unqualified function ($LATEST).
     */
    qualifier?: pulumi.Input<string>;
    /**
     * How many instances to keep warm: pings sent at the same moment, each held briefly so that they land on
     * distinct instances. A whole number from 1 to 50. Defaults to the warmer's `concurrency`.
     * @default the warmer's `concurrency`
     */
    concurrency?: pulumi.Input<number>;
    /**
     * The version the qualifier currently points to (an alias's `functionVersion`, say). Only used with `prewarm`:
     * when it changes, the deploy-time warm-up runs again, warming the new version's environments. Defaults to none:
     * the warm-up runs again only when the target's function, qualifier or concurrency changes.
     */
    version?: pulumi.Input<string>;
}

/** The name {@link WarmerTarget} had before the package was usable from other languages. */
export type WarmerTargetArgs = WarmerTarget;

/** The arguments of {@link LambdaWarmer}. */
export interface LambdaWarmerArgs {
    /** The functions to keep warm (at least 1, at most 400 per warmer). Their handlers should be wrapped with `withWarmup`. */
    targets: WarmerTarget[];
    /**
     * When to ping: an EventBridge `rate(...)` or `cron(...)` expression. Idle environments are recycled after
     * minutes, so pings more than ~10 minutes apart keep little warm. Defaults to `rate(5 minutes)`.
     * @default "rate(5 minutes)"
     */
    schedule?: string;
    /**
     * Instances to keep warm for targets that set no `concurrency`, a whole number from 1 to 50. Defaults to 1.
     * @default 1
     */
    concurrency?: pulumi.Input<number>;
    /**
     * False keeps every resource but disables the schedule. Defaults to true.
     * @default true
     */
    enabled?: pulumi.Input<boolean>;
    /**
     * Also warm the targets once during `pulumi up`, and again whenever a target's function, qualifier (a new
     * version, say) or concurrency changes. Defaults to false.
     * @default false
     */
    prewarm?: boolean;
    /**
     * The warmer function's memory in MB, a whole number from 128 to 10240. Defaults to 128.
     * @default 128
     */
    memorySize?: pulumi.Input<number>;
    /**
     * The warmer function's timeout in seconds, a whole number from 1 to 900. Defaults to 60.
     * @default 60
     */
    timeoutSeconds?: pulumi.Input<number>;
    /**
     * The warmer function's architecture. Defaults to `arm64`.
     * @default "arm64"
     */
    architecture?: WarmerArchitecture;
    /**
     * How long the warmer's logs (one line per target and run, in CloudWatch Embedded Metric Format) are kept, in
     * days: one of the values CloudWatch Logs accepts (1, 3, 5, 7, 14, 30, ... 3653), or 0 to keep them forever.
     * Defaults to 14.
     * @default 14
     */
    logRetentionInDays?: pulumi.Input<number>;
    /**
     * CloudWatch alarms (warmerShortfall, warmerFailures) on the metrics the warmer writes, and a dashboard; `{}` for
     * the defaults. The alarms' period defaults to the time between two runs. Defaults to none.
     */
    monitoring?: Monitoring;
}

/** The maintained Node.js runtime the warmer runs on; it provides the AWS SDK v3 the warmer code uses. */
export const WARMER_RUNTIME = "nodejs24.x";

/** Where the warmer function's code is: a plain file shipped with the package (runtime/warmer-function.js). */
export function warmerCodePath(): string {
    return path.join(__dirname, "..", "runtime", "warmer-function.js");
}

const LAMBDA_ASSUME_ROLE_POLICY = JSON.stringify({
    Version: "2012-10-17",
    Statement: [{ Effect: "Allow", Principal: { Service: "lambda.amazonaws.com" }, Action: "sts:AssumeRole" }],
});

/**
 * What warmedQualifier needs of each warmer: its name and label, its targets as given and as checked, and the gates
 * made so far (one per target: each may stop the deployment with a read of its own name). Kept beside the component,
 * not in fields of its own: the plugin's schema is inferred from the class's fields (they would be outputs).
 */
interface PrewarmGates {
    name: string;
    label: string;
    checkedTargets: pulumi.Output<PlanTarget>[];
    givenTargets: LambdaWarmerArgs["targets"];
    gates: Map<number, pulumi.Output<string>>;
}
const prewarmGates = new WeakMap<LambdaWarmer, PrewarmGates>();

/**
 * Scheduled warm-up pings that reach N instances of each target and say so: a small warmer function, its role (may
 * invoke exactly the targets, may write exactly its own logs), its log group, an EventBridge schedule, the
 * permission for that schedule alone to invoke it, no retries, and optionally a warm-up during `pulumi up`.
 */
export class LambdaWarmer extends pulumi.ComponentResource {
    /** The warmer function. */
    public readonly function: Function;
    /** Its execution role. */
    public readonly role: Role;
    /** Its log group (with the retention set). */
    public readonly logGroup: LogGroup;
    /** The schedule rules: one per 150 targets (EventBridge allows 5 targets of 30 plan entries per rule). */
    public readonly rules: EventRule[];
    /** The rules' targets, each carrying one part of the warm-up plan. */
    public readonly ruleTargets: EventTarget[];
    /** The managed policies that allow invoking the targets, 40 targets each. */
    public readonly invokePolicies: Policy[];
    /** The deploy-time warm-ups (only with `prewarm`). */
    public readonly prewarmInvocations: Invocation[];
    /**
     * The most pings in flight at once in one scheduled run: at most 50 per plan part (30 targets), and the parts run
     * side by side. Each ping holds an environment of its target, counting against the target's reserved concurrency
     * and the account's concurrency like any request.
     */
    public readonly maxPingsInFlight: pulumi.Output<number>;
    /** The alarms of `monitoring` (none without it). */
    public readonly alarms: MetricAlarm[];
    /** The dashboard of `monitoring`, unless turned off. */
    public readonly dashboard?: Dashboard;

    constructor(name: string, args: LambdaWarmerArgs, opts?: pulumi.ComponentResourceOptions) {
        super("lambda-concurrency:index:LambdaWarmer", name, args, opts);
        rememberAliases(this, "lambda-concurrency:index:LambdaWarmer", name, opts);
        const label = `LambdaWarmer "${name}"`;
        const fail = (message: string): never => {
            throw new pulumi.ResourceError(`${label}: ${message}`, this);
        };
        const check = (problem: string | undefined): void => {
            if (problem !== undefined) {
                fail(problem);
            }
        };
        // Sizes are known only once names resolve; a piece over an AWS limit still fails naming the component, and
        // gates the component's children like a failed check (the results are filed with gateOn).
        const withLabel = <T>(build: () => T): T => {
            try {
                return build();
            } catch (error) {
                throw new OutputCheckError(`${label}: ${error instanceof Error ? error.message : String(error)}`, this);
            }
        };

        // The name is the start of the function's, role's and rule's names: keep to the characters all three allow.
        if (!/^[a-zA-Z0-9_-]+$/.test(name)) {
            fail(`the component's name "${name}" may use only letters, digits, hyphens and underscores: it starts the names of the warmer's function, role and schedule rule`);
        }
        const given: unknown = args.targets;
        if (!Array.isArray(given)) {
            fail(`targets must be an array of functions to warm, got ${JSON.stringify(given)}`);
        }
        check(validateTargetCount(args.targets.length));
        const schedule = args.schedule ?? DEFAULT_WARMER_SCHEDULE;
        check(validateWarmerSchedule(schedule));
        const architecture = args.architecture ?? "arm64";
        check(validateArchitecture(architecture));
        if (args.prewarm !== undefined && typeof args.prewarm !== "boolean") {
            fail(`prewarm must be true or false, got ${JSON.stringify(args.prewarm)}`);
        }
        const periodSeconds = warmerPeriodSeconds(schedule, currentTime());
        const monitoring = checkedMonitoring(this, label, "LambdaWarmer", args.monitoring, { warmerPeriodSeconds: periodSeconds });
        const memorySize = checkedInput<number>(this, label, args.memorySize ?? DEFAULT_WARMER_MEMORY_MB, validateMemorySize);
        const timeout = checkedInput<number>(this, label, args.timeoutSeconds ?? DEFAULT_WARMER_TIMEOUT_SECONDS, validateTimeoutSeconds);
        const retention = checkedInput<number>(this, label, args.logRetentionInDays ?? DEFAULT_LOG_RETENTION_DAYS, validateLogRetention);
        const defaultConcurrency = checkedInput<number>(this, label, args.concurrency ?? 1, (v) => validateWarmConcurrency(v, "concurrency"));

        // Each target, checked; plain duplicates are refused now, the rest when they resolve. Each claims its function
        // and qualifier in the program's registry, so that no qualifier with provisioned concurrency is warmed.
        const registry = programOwnershipRegistry();
        const owner = { componentType: "LambdaWarmer", name, kind: "warm-up-pings" as const };
        const seen = new Map<string, number>();
        const targets: pulumi.Output<PlanTarget>[] = args.targets.map((target, i) => {
            const at = `targets[${i}]`;
            const checked = checkFunction(this, owner, target.functionName, target.qualifier, {
                functionArgument: `${at}.functionName`,
                qualifierArgument: `${at}.qualifier`,
                validateQualifier: validateInvokeQualifier,
                registry,
            });
            const concurrency =
                target.concurrency === undefined
                    ? defaultConcurrency
                    : checkedInput(this, label, target.concurrency, (v) => validateWarmConcurrency(v, `${at}.concurrency`));
            if (isPlain(target.functionName) && isPlain(target.qualifier)) {
                const key = `${target.functionName}|${target.qualifier ?? ""}`;
                const previous = seen.get(key);
                if (previous !== undefined) {
                    fail(`${at} warms the same function and qualifier as targets[${previous}]; list each once, with the concurrency you want`);
                }
                seen.set(key, i);
            }
            return pulumi.all([checked.functionName, checked.qualifier, concurrency]).apply(([fn, q, c]) =>
                q === undefined ? { functionName: fn, concurrency: c } : { functionName: fn, qualifier: q, concurrency: c },
            );
        });

        prewarmGates.set(this, { name, label, checkedTargets: targets, givenTargets: args.targets, gates: new Map() });

        // Every child registers only once the component's Output-time checks passed (see checked-input.ts), with its
        // aliases under the component's (child-aliases.ts); the invokes that a check may wait for are not held back.
        const child = (childName: string): pulumi.CustomResourceOptions => childOptions(this, childName);
        const invokeOptions = { parent: this };
        // Names for long component names: the provider's auto-name would pass AWS's limits (64 for roles, functions
        // and rules), so such names are cut, with a hash, and replaced by deleting first. The hash takes the project,
        // stack and region too: IAM names are global to the account, and function and rule names to the region, so two
        // stacks with the same long-named warmer would otherwise take each other's role.
        const region = getRegionOutput({}, invokeOptions);
        const scope = region.apply((r) => `${pulumi.getProject()}/${pulumi.getStack()}/${r.region}`);
        const named = (logical: string, maxLength: number): { name?: pulumi.Output<string>; replaceFirst: pulumi.CustomResourceOptions } => {
            if (fittedName(logical, maxLength) === undefined) {
                return { replaceFirst: child(logical) };
            }
            const name = scope.apply((s) => fittedName(logical, maxLength, s) ?? logical);
            return { name, replaceFirst: { ...child(logical), deleteBeforeReplace: true } };
        };

        const roleName = named(`${name}-role`, 64);
        this.role = new Role(`${name}-role`, { name: roleName.name, assumeRolePolicy: LAMBDA_ASSUME_ROLE_POLICY }, roleName.replaceFirst);

        const logGroupName = named(`${name}-logs`, 512);
        this.logGroup = new LogGroup(`${name}-logs`, { name: logGroupName.name, retentionInDays: retention }, logGroupName.replaceFirst);
        const loggingName = named(`${name}-logs`, 128);
        const logging = new RolePolicy(
            `${name}-logs`,
            { name: loggingName.name, role: this.role.name, policy: this.logGroup.arn.apply(loggingPolicyDocument) },
            loggingName.replaceFirst,
        );

        // lambda:InvokeFunction on exactly the targets' ARNs, qualified where a qualifier is given.
        const account = pulumi
            .all([getPartitionOutput({}, invokeOptions), region, getCallerIdentityOutput({}, invokeOptions)])
            .apply(([partition, region, identity]) => ({
                partition: partition.partition,
                region: region.region,
                accountId: identity.accountId,
            }));
        this.invokePolicies = [];
        const attachments: RolePolicyAttachment[] = [];
        chunk(targets, TARGETS_PER_INVOKE_POLICY).forEach((piece, index) => {
            const policyName = named(`${name}-invoke-${index}`, 128);
            const policy = new Policy(
                `${name}-invoke-${index}`,
                {
                    name: policyName.name,
                    description: `Lets the warmer ${name} invoke the functions it warms (part ${index + 1})`,
                    policy: gateOn(
                        this,
                        pulumi
                            .all([account, pulumi.all(piece)])
                            .apply(([acct, resolved]) =>
                                withLabel(() => invokePolicyDocument(resolved.map((t) => invokeResourceArn(t.functionName, t.qualifier, acct)))),
                            ),
                    ),
                },
                policyName.replaceFirst,
            );
            this.invokePolicies.push(policy);
            attachments.push(new RolePolicyAttachment(`${name}-invoke-${index}`, { role: this.role.name, policyArn: policy.arn }, child(`${name}-invoke-${index}`)));
        });

        const functionName = named(name, 64);
        this.function = new Function(
            name,
            {
                name: functionName.name,
                description: `Keeps ${args.targets.length} function(s) warm (lambda-concurrency LambdaWarmer ${name})`,
                runtime: WARMER_RUNTIME,
                architectures: [architecture],
                handler: "index.handler",
                code: new pulumi.asset.AssetArchive({ "index.js": new pulumi.asset.FileAsset(warmerCodePath()) }),
                memorySize,
                timeout,
                role: this.role.arn,
                loggingConfig: { logFormat: "Text", logGroup: this.logGroup.name },
            },
            // The role must hold its permissions before the first run.
            { ...functionName.replaceFirst, dependsOn: afterChecks(this, [logging, ...attachments]) },
        );
        // A warm-up that failed is not worth repeating later: the next scheduled run comes soon.
        new FunctionEventInvokeConfig(
            name,
            { functionName: this.function.name, maximumRetryAttempts: 0, maximumEventAgeInSeconds: 60 },
            child(name),
        );

        // The plan, in parts that fit EventBridge's input limit; up to 5 parts per rule.
        const parts = chunk(targets, PLAN_TARGETS_PER_RULE_TARGET);
        this.maxPingsInFlight = exportable(pulumi.all(parts.map((piece) => pulumi.all(piece))).apply((resolved) => maxPingsInFlight(resolved)));
        const inputs = parts.map((piece) =>
            gateOn(this, pulumi.all(piece).apply((resolved) => withLabel(() => planInput(resolved, WARMER_MAX_PARALLELISM)))),
        );
        const state = pulumi.output(args.enabled ?? true).apply((enabled) => (enabled ? "ENABLED" : "DISABLED"));
        this.rules = [];
        this.ruleTargets = [];
        chunk(inputs, RULE_TARGETS_PER_RULE).forEach((ruleInputs, ruleIndex) => {
            const ruleLogical = ruleIndex === 0 ? `${name}-schedule` : `${name}-schedule-${ruleIndex}`;
            const ruleName = named(ruleLogical, 64);
            const rule = new EventRule(
                ruleLogical,
                {
                    name: ruleName.name,
                    description: `Warm-up pings of lambda-concurrency LambdaWarmer ${name}`,
                    scheduleExpression: schedule,
                    state,
                },
                ruleName.replaceFirst,
            );
            this.rules.push(rule);
            // Only this rule may invoke the warmer.
            const statement = named(ruleLogical, 100);
            new Permission(
                ruleLogical,
                {
                    statementId: statement.name,
                    action: "lambda:InvokeFunction",
                    function: this.function.name,
                    principal: "events.amazonaws.com",
                    sourceArn: rule.arn,
                },
                statement.replaceFirst,
            );
            ruleInputs.forEach((input, i) => {
                const part = ruleIndex * RULE_TARGETS_PER_RULE + i;
                this.ruleTargets.push(
                    new EventTarget(
                        `${name}-plan-${part}`,
                        { rule: rule.name, arn: this.function.arn, targetId: `warm-up-plan-${part}`, input },
                        child(`${name}-plan-${part}`),
                    ),
                );
            });
        });

        // Warm once at deploy time. The Invocation runs again when its input changes (a target's name, qualifier or
        // concurrency) or its triggers do (the versions the targets' qualifiers point to).
        const versionParts = chunk(
            args.targets.map((t) => pulumi.output(t.version ?? "")),
            PLAN_TARGETS_PER_RULE_TARGET,
        );
        this.prewarmInvocations =
            args.prewarm === true
                ? inputs.map(
                      (input, part) =>
                          new Invocation(
                              `${name}-prewarm-${part}`,
                              {
                                  functionName: this.function.name,
                                  input,
                                  triggers: pulumi.all(versionParts[part]).apply((versions) => ({ versions: versions.join(",") })),
                              },
                              childOptions(this, `${name}-prewarm-${part}`, [this.function]),
                          ),
                  )
                : [];

        const monitored = monitorWarmer(this, name, label, monitoring, {
            schedule,
            periodSeconds,
            warmerFunctionName: this.function.name,
            targets: targets.map((t) => t.apply((r) => (r.qualifier === undefined ? { functionName: r.functionName } : { functionName: r.functionName, qualifier: r.qualifier }))),
        });
        this.alarms = monitored.alarms;
        this.dashboard = monitored.dashboard;

        this.registerOutputs(
            outputsAfterChecks(this, {
                alarms: this.alarms,
                dashboard: this.dashboard,
                function: this.function,
                role: this.role,
                logGroup: this.logGroup,
                rules: this.rules,
                ruleTargets: this.ruleTargets,
                invokePolicies: this.invokePolicies,
                prewarmInvocations: this.prewarmInvocations,
                maxPingsInFlight: this.maxPingsInFlight,
            }),
        );
    }

    /**
     * The qualifier of `targets[index]` (a published version: `qualifier: fn.version`), once the warm-up during
     * `pulumi up` (`prewarm: true`) has reached an instance of it. Give it to an alias's `functionVersion`, and the
     * alias moves to a new version only once the warm-up's instances are initialized, without provisioned concurrency
     * (best effort, as every warm-up: what traffic needs beyond them starts cold). A version that no ping reached (its initialization fails, say) stops the
     * deployment before the alias moves, saying so (prewarm-readiness.ts).
     */
    public warmedQualifier(index: number): pulumi.Output<string> {
        const { name, label, checkedTargets, givenTargets, gates } = prewarmGates.get(this)!;
        const fail = (message: string): never => {
            throw new pulumi.ResourceError(`${label}: warmedQualifier(${String(index)}): ${message}`, this);
        };
        if (this.prewarmInvocations.length === 0) {
            fail("the warmer warms at deploy time only with prewarm: true; set it, so that there is a warm-up to wait for");
        }
        if (!Number.isInteger(index) || index < 0 || index >= checkedTargets.length) {
            fail(`targets has ${checkedTargets.length} entries; give the index of one (0 to ${checkedTargets.length - 1})`);
        }
        if (givenTargets[index].qualifier === undefined) {
            fail(`targets[${index}] has no qualifier; warm the published version the alias is to route to (qualifier: fn.version)`);
        }
        const known = gates.get(index);
        if (known !== undefined) {
            return known;
        }
        const invocation = this.prewarmInvocations[Math.floor(index / PLAN_TARGETS_PER_RULE_TARGET)];
        const gate = pulumi.all([invocation.result, checkedTargets[index]]).apply(async ([result, target]) => {
            const qualifier = target.qualifier ?? "$LATEST";
            const problem = prewarmReadinessProblem({
                label,
                index,
                position: index % PLAN_TARGETS_PER_RULE_TARGET,
                functionName: target.functionName,
                qualifier,
                result,
            });
            if (problem !== undefined) {
                return stopDeployment(this, `${name}-prewarm-${index}-not-warm`, `${target.functionName},${qualifier}-not-warm`, problem);
            }
            return qualifier;
        });
        const exported = exportable(gate);
        gates.set(index, exported);
        return exported;
    }
}
