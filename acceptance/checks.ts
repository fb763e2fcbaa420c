/**
 * What a deployed program must look like in AWS, as pure functions over AWS SDK v3 responses.
 *
 * Each check returns the list of problems it found (empty when the state is as declared), so that the runner
 * (acceptance/run.ts) can call AWS and these functions stay testable offline against recorded responses
 * (tests/acceptance/checks.test.ts). Field names and values follow the API references:
 * - Lambda GetProvisionedConcurrencyConfig / ListProvisionedConcurrencyConfigs: Status is IN_PROGRESS, READY or
 *   FAILED; RequestedProvisionedConcurrentExecutions, AllocatedProvisionedConcurrentExecutions, StatusReason
 *   (Lambda API reference, "GetProvisionedConcurrencyConfig").
 * - Application Auto Scaling DescribeScalableTargets / DescribeScalingPolicies / DescribeScheduledActions: namespace
 *   `lambda`, resource id `function:NAME:QUALIFIER`, dimension `lambda:function:ProvisionedConcurrency`, predefined
 *   metric `LambdaProvisionedConcurrencyUtilization` (Application Auto Scaling user guide, "AWS Lambda and
 *   Application Auto Scaling").
 * - The warmer's report: the CloudWatch embedded metric format line written by runtime/warmer-function.js.
 * - CloudWatch DescribeAlarms (MetricAlarms: AlarmName, Namespace, MetricName, Dimensions, Metrics, Threshold,
 *   ComparisonOperator, AlarmActions) and ListDashboards (DashboardEntries: DashboardName) (CloudWatch API reference).
 */
import type {
    GetProvisionedConcurrencyConfigResponse,
    ProvisionedConcurrencyConfigListItem,
} from "@aws-sdk/client-lambda";
import type { ScalableTarget, ScalingActivity, ScalingPolicy, ScheduledAction } from "@aws-sdk/client-application-auto-scaling";
import type { MetricAlarm } from "@aws-sdk/client-cloudwatch";

export const LAMBDA_NAMESPACE = "lambda";
export const PC_DIMENSION = "lambda:function:ProvisionedConcurrency";
export const PC_METRIC = "LambdaProvisionedConcurrencyUtilization";

/** The resource id Application Auto Scaling uses for provisioned concurrency on a function's qualifier. */
export function resourceIdOf(functionName: string, qualifier: string): string {
    return `function:${functionName}:${qualifier}`;
}

/** The qualifier (version or alias) at the end of a qualified function ARN, or undefined for an unqualified one. */
export function qualifierOfArn(functionArn: string | undefined): string | undefined {
    // arn:aws:lambda:REGION:ACCOUNT:function:NAME[:QUALIFIER]
    const parts = (functionArn ?? "").split(":");
    return parts.length >= 8 ? parts[7] : undefined;
}

/**
 * GetProvisionedConcurrencyConfig after `up`: READY, with the requested count allocated. `response` is undefined
 * when the API answered ProvisionedConcurrencyConfigNotFoundException.
 */
export function checkProvisionedConfig(
    where: string,
    response: GetProvisionedConcurrencyConfigResponse | undefined,
    requested: number | { min: number; max: number },
): string[] {
    if (response === undefined) {
        return [`${where}: no provisioned concurrency configuration`];
    }
    const problems: string[] = [];
    if (response.Status !== "READY") {
        const reason = response.StatusReason === undefined ? "" : ` (${response.StatusReason})`;
        problems.push(`${where}: configuration is ${response.Status ?? "without a status"}${reason}, expected READY`);
    }
    const count = response.RequestedProvisionedConcurrentExecutions;
    if (typeof requested === "number") {
        if (count !== requested) {
            problems.push(`${where}: requested ${count ?? "nothing"}, expected ${requested}`);
        }
    } else if (count === undefined || count < requested.min || count > requested.max) {
        problems.push(`${where}: requested ${count ?? "nothing"}, expected between ${requested.min} and ${requested.max}`);
    }
    if (response.Status === "READY" && response.AllocatedProvisionedConcurrentExecutions !== count) {
        problems.push(`${where}: ${response.AllocatedProvisionedConcurrentExecutions ?? 0} allocated of ${count ?? 0} requested`);
    }
    return problems;
}

/** Whether a configuration is still being allocated (the runner polls until it is not, within its time limit). */
export function isSettling(response: GetProvisionedConcurrencyConfigResponse | undefined): boolean {
    return response?.Status === "IN_PROGRESS";
}

/**
 * ListProvisionedConcurrencyConfigs of one function: configurations exist on exactly `expectedQualifiers`, and on
 * nothing else (a configuration left on an old version or an old alias keeps billing).
 */
export function checkConfigurationsOnly(
    functionName: string,
    configs: readonly ProvisionedConcurrencyConfigListItem[],
    expectedQualifiers: readonly string[],
): string[] {
    const problems: string[] = [];
    const found = configs.map((c) => qualifierOfArn(c.FunctionArn) ?? "(unqualified)");
    for (const q of found) {
        if (!expectedQualifiers.includes(q)) {
            problems.push(`${functionName}:${q}: provisioned concurrency configuration left (${describeListed(configs, q)})`);
        }
    }
    for (const q of expectedQualifiers) {
        if (!found.includes(q)) {
            problems.push(`${functionName}:${q}: no provisioned concurrency configuration`);
        }
    }
    return problems;
}

function describeListed(configs: readonly ProvisionedConcurrencyConfigListItem[], qualifier: string): string {
    const c = configs.find((x) => qualifierOfArn(x.FunctionArn) === qualifier);
    return `${c?.Status ?? "?"}, ${c?.RequestedProvisionedConcurrentExecutions ?? "?"} requested`;
}

/** What the program declares for one scalable target; absent fields are not checked. */
export interface ExpectedTarget {
    readonly resourceId: string;
    readonly minCapacity?: number;
    readonly maxCapacity?: number;
    /** All three scaling activities suspended (FixedConcurrency) or none (the scaling components); unchecked if absent. */
    readonly suspended?: boolean;
}

/**
 * DescribeScalableTargets (namespace `lambda`): the declared target is registered once with its bounds, and none of
 * `absentResourceIds` is registered (a target left registered after a removal or a destroy).
 */
export function checkScalableTargets(
    targets: readonly ScalableTarget[],
    expected: readonly ExpectedTarget[],
    absentResourceIds: readonly string[] = [],
): string[] {
    const problems: string[] = [];
    const lambdaTargets = targets.filter(
        (t) => t.ServiceNamespace === LAMBDA_NAMESPACE && t.ScalableDimension === PC_DIMENSION,
    );
    for (const e of expected) {
        const matching = lambdaTargets.filter((t) => t.ResourceId === e.resourceId);
        if (matching.length !== 1) {
            problems.push(`${e.resourceId}: ${matching.length} scalable targets registered, expected 1`);
            continue;
        }
        const t = matching[0];
        if (e.minCapacity !== undefined && t.MinCapacity !== e.minCapacity) {
            problems.push(`${e.resourceId}: MinCapacity ${t.MinCapacity}, expected ${e.minCapacity}`);
        }
        if (e.maxCapacity !== undefined && t.MaxCapacity !== e.maxCapacity) {
            problems.push(`${e.resourceId}: MaxCapacity ${t.MaxCapacity}, expected ${e.maxCapacity}`);
        }
        if (e.suspended !== undefined) {
            const state = t.SuspendedState ?? {};
            const flags = [state.DynamicScalingInSuspended ?? false, state.DynamicScalingOutSuspended ?? false, state.ScheduledScalingSuspended ?? false];
            if (flags.some((flag) => flag !== e.suspended)) {
                problems.push(`${e.resourceId}: SuspendedState ${JSON.stringify(state)}, expected every activity ${e.suspended ? "suspended" : "active"}`);
            }
        }
    }
    for (const id of absentResourceIds) {
        if (lambdaTargets.some((t) => t.ResourceId === id)) {
            problems.push(`${id}: scalable target left registered`);
        }
    }
    return problems;
}

/**
 * DescribeScalingPolicies for one resource id: one target tracking policy on the provisioned concurrency
 * utilization at `targetValue`, or none when `targetValue` is undefined.
 */
export function checkScalingPolicies(
    resourceId: string,
    policies: readonly ScalingPolicy[],
    targetValue: number | undefined,
): string[] {
    const mine = policies.filter((p) => p.ResourceId === resourceId);
    if (targetValue === undefined) {
        return mine.map((p) => `${resourceId}: scaling policy ${p.PolicyName ?? "?"} left`);
    }
    if (mine.length !== 1) {
        return [`${resourceId}: ${mine.length} scaling policies, expected 1`];
    }
    const p = mine[0];
    const problems: string[] = [];
    const tracking = p.TargetTrackingScalingPolicyConfiguration;
    if (p.PolicyType !== "TargetTrackingScaling" || tracking === undefined) {
        return [`${resourceId}: policy ${p.PolicyName ?? "?"} is ${p.PolicyType ?? "untyped"}, expected TargetTrackingScaling`];
    }
    if (tracking.TargetValue === undefined || Math.abs(tracking.TargetValue - targetValue) > 1e-9) {
        problems.push(`${resourceId}: target value ${tracking.TargetValue}, expected ${targetValue}`);
    }
    const metric = tracking.PredefinedMetricSpecification?.PredefinedMetricType;
    // A customized metric (the minute's Maximum, or scaleInWhenIdle's metric math) is also a utilization policy.
    if (metric !== undefined && metric !== PC_METRIC) {
        problems.push(`${resourceId}: predefined metric ${metric}, expected ${PC_METRIC}`);
    }
    if (metric === undefined && tracking.CustomizedMetricSpecification === undefined) {
        problems.push(`${resourceId}: policy has no metric`);
    }
    return problems;
}

/** A declared scheduled action, matched by its schedule expression; absent fields are not checked. */
export interface ExpectedAction {
    readonly schedule: string;
    readonly timezone?: string;
    readonly minCapacity?: number;
    readonly maxCapacity?: number;
}

/** DescribeScheduledActions for one resource id: exactly the declared actions, and no other. */
export function checkScheduledActions(
    resourceId: string,
    actions: readonly ScheduledAction[],
    expected: readonly ExpectedAction[],
): string[] {
    const mine = actions.filter((a) => a.ResourceId === resourceId);
    const problems: string[] = [];
    for (const e of expected) {
        const a = mine.find((x) => x.Schedule === e.schedule);
        if (a === undefined) {
            problems.push(`${resourceId}: no scheduled action on ${e.schedule}`);
            continue;
        }
        // The API answers the default time zone as "UTC" or leaves it out.
        const zone = a.Timezone ?? "UTC";
        if (zone !== (e.timezone ?? "UTC")) {
            problems.push(`${resourceId}: action ${a.ScheduledActionName ?? "?"} in ${zone}, expected ${e.timezone ?? "UTC"}`);
        }
        const bounds = a.ScalableTargetAction ?? {};
        if (e.minCapacity !== undefined && bounds.MinCapacity !== e.minCapacity) {
            problems.push(`${resourceId}: action on ${e.schedule} sets MinCapacity ${bounds.MinCapacity}, expected ${e.minCapacity}`);
        }
        if (e.maxCapacity !== undefined && bounds.MaxCapacity !== e.maxCapacity) {
            problems.push(`${resourceId}: action on ${e.schedule} sets MaxCapacity ${bounds.MaxCapacity}, expected ${e.maxCapacity}`);
        }
    }
    for (const a of mine) {
        if (!expected.some((e) => e.schedule === a.Schedule)) {
            problems.push(`${resourceId}: scheduled action ${a.ScheduledActionName ?? "?"} (${a.Schedule ?? "?"}) left`);
        }
    }
    return problems;
}

/** The fields of the warmer's report line that the acceptance run checks. */
export interface WarmerReport {
    readonly functionName: string;
    readonly qualifier?: string;
    readonly requested: number;
    readonly instancesReached: number;
    readonly errors: number;
}

/** The warmer's EMF report in a log line (the line may carry a Lambda text-format prefix), or undefined. */
export function parseWarmerReport(line: string): WarmerReport | undefined {
    const start = line.indexOf("{");
    if (start < 0) {
        return undefined;
    }
    let parsed: unknown;
    try {
        parsed = JSON.parse(line.slice(start));
    } catch {
        return undefined;
    }
    if (typeof parsed !== "object" || parsed === null || !("_aws" in parsed)) {
        return undefined;
    }
    const r = parsed as Record<string, unknown>;
    if (typeof r.FunctionName !== "string" || typeof r.Requested !== "number" || typeof r.InstancesReached !== "number") {
        return undefined;
    }
    return {
        functionName: r.FunctionName,
        qualifier: typeof r.Qualifier === "string" ? r.Qualifier : undefined,
        requested: r.Requested,
        instancesReached: r.InstancesReached,
        errors: typeof r.Errors === "number" ? r.Errors : 0,
    };
}

/** The warmer's latest report for `functionName` says it reached `requested` instances. */
export function checkWarmerReports(functionName: string, lines: readonly string[], requested: number): string[] {
    const reports = lines.map(parseWarmerReport).filter((r): r is WarmerReport => r?.functionName === functionName);
    if (reports.length === 0) {
        return [`${functionName}: no warmer report in the warmer's log`];
    }
    const last = reports[reports.length - 1];
    const problems: string[] = [];
    if (last.requested !== requested) {
        problems.push(`${functionName}: warmer requested ${last.requested}, expected ${requested}`);
    }
    if (last.instancesReached !== last.requested) {
        problems.push(`${functionName}: warmer reached ${last.instancesReached} of ${last.requested} instances`);
    }
    if (last.errors > 0) {
        problems.push(`${functionName}: warmer report has ${last.errors} errors`);
    }
    return problems;
}

/**
 * An invocation's payload (the sample handler's reply, programs/shared.ts) says it ran on a provisioned environment:
 * AWS_LAMBDA_INITIALIZATION_TYPE is `provisioned-concurrency` (Lambda developer guide, "Defined runtime environment
 * variables").
 */
export function checkInvocationOnProvisioned(where: string, payload: string): string[] {
    const answer = sampleAnswer(payload);
    if (answer === undefined) {
        return [`${where}: the reply is not the sample handler's JSON: ${payload.slice(0, 200)}`];
    }
    const type = (answer.body as { initializationType?: unknown } | undefined)?.initializationType;
    return type === "provisioned-concurrency" ? [] : [`${where}: ran on a ${String(type)} environment, expected provisioned-concurrency`];
}

/** One request of a deploy's load: the version its answer names, or why it failed. */
export type LoadRequest = { readonly version: string } | { readonly error: string };

/** The version named in a sample handler's answer (the `rollout` sample's `version`), or the reason there is none. */
export function answeredVersion(payload: string, functionError: string | undefined): LoadRequest {
    if (functionError !== undefined) {
        return { error: `${functionError}: ${payload.slice(0, 200)}` };
    }
    const version = (sampleAnswer(payload)?.body as { version?: unknown } | undefined)?.version;
    return typeof version === "string" ? { version } : { error: `not the sample handler's JSON with a version: ${payload.slice(0, 200)}` };
}

/** A sample handler's answer, API Gateway-shaped (its `body` a JSON string, parsed here), or undefined when not JSON. */
function sampleAnswer(payload: string): { body: unknown } | undefined {
    try {
        const reply = JSON.parse(payload) as { body?: unknown };
        return { body: typeof reply.body === "string" ? JSON.parse(reply.body) : reply.body };
    } catch {
        return undefined;
    }
}

/**
 * A deploy under load (README, "Zero cold starts through a code deploy"): the requests sent to the alias while `up`
 * moved it from version `from` to version `to`. Every request answered; each on `from` until the alias moved, then on
 * `to` (never back); both seen, so that the load really spanned the move; and no ColdStart metric line (the runtime
 * library's, written by the handler on the first request of an environment initialized on demand) in the function's
 * log group over the load's time.
 */
export function checkDeployUnderLoad(where: string, requests: readonly LoadRequest[], from: string, to: string, coldStartLines: number): string[] {
    const problems: string[] = [];
    const failed = requests.filter((r): r is { error: string } => "error" in r);
    if (failed.length > 0) {
        problems.push(`${where}: ${failed.length} of ${requests.length} requests failed during the deploy, the first: ${failed[0].error}`);
    }
    const versions = requests.filter((r): r is { version: string } => "version" in r).map((r) => r.version);
    const stray = versions.find((v) => v !== from && v !== to);
    if (stray !== undefined) {
        problems.push(`${where}: a request ran on version ${stray}, expected only ${from} then ${to}`);
    }
    const firstOnNew = versions.indexOf(to);
    if (firstOnNew >= 0 && versions.slice(firstOnNew).includes(from)) {
        problems.push(`${where}: requests ran on version ${from} again after version ${to}: the alias moved back`);
    }
    if (!versions.includes(from)) {
        problems.push(`${where}: no request ran on version ${from}: the load began after the alias moved`);
    }
    if (!versions.includes(to)) {
        problems.push(`${where}: no request ran on version ${to}: the load ended before the alias moved`);
    }
    if (coldStartLines > 0) {
        problems.push(`${where}: ${coldStartLines} request(s) met a cold start during the deploy (ColdStart metric lines in the function's log group)`);
    }
    return problems;
}

/** What is still in the account after `destroy`, gathered by the runner for the stack's own names and ids. */
export interface Leftovers {
    /** ListProvisionedConcurrencyConfigs of every function the stack used, created by it or not. */
    readonly configsByFunction: Readonly<Record<string, readonly ProvisionedConcurrencyConfigListItem[]>>;
    /** DescribeScalableTargets (namespace lambda) of the stack's resource ids. */
    readonly scalableTargets: readonly ScalableTarget[];
    /** Names of the warmer's IAM roles, EventBridge rules and log groups that still exist. */
    readonly roles: readonly string[];
    readonly rules: readonly string[];
    readonly logGroups: readonly string[];
    /** Names of the stack's CloudWatch alarms and dashboards that still exist. */
    readonly alarms: readonly string[];
    readonly dashboards: readonly string[];
}

/** After `destroy`: nothing of the stack left that bills or that a later run would collide with. */
export function checkNothingLeft(stackResourceIds: readonly string[], left: Leftovers): string[] {
    const problems: string[] = [];
    for (const [fn, configs] of Object.entries(left.configsByFunction)) {
        problems.push(...checkConfigurationsOnly(fn, configs, []));
    }
    problems.push(...checkScalableTargets(left.scalableTargets, [], stackResourceIds));
    problems.push(...left.roles.map((r) => `IAM role ${r} left`));
    problems.push(...left.rules.map((r) => `EventBridge rule ${r} left`));
    problems.push(...left.logGroups.map((g) => `log group ${g} left`));
    problems.push(...left.alarms.map((a) => `CloudWatch alarm ${a} left`));
    problems.push(...left.dashboards.map((d) => `CloudWatch dashboard ${d} left`));
    return problems;
}

/** An alarm as the program declared it (from the stack's state): what CloudWatch must hold. */
export interface DeclaredAlarm {
    readonly name: string;
    readonly metricName?: string;
    readonly threshold: number;
    readonly comparisonOperator: string;
    readonly alarmActions: readonly string[];
    /** The ids of a metric math alarm's queries, in order. */
    readonly queryIds: readonly string[];
}

/** After `up`: every declared alarm exists with its metric, threshold, comparison and actions, and every dashboard. */
export function checkMonitoring(
    declared: { alarms: readonly DeclaredAlarm[]; dashboards: readonly string[] },
    found: { alarms: readonly MetricAlarm[]; dashboards: readonly string[] },
): string[] {
    const problems: string[] = [];
    for (const want of declared.alarms) {
        const alarm = found.alarms.find((a) => a.AlarmName === want.name);
        if (alarm === undefined) {
            problems.push(`CloudWatch alarm ${want.name} missing`);
            continue;
        }
        if (want.metricName !== undefined && alarm.MetricName !== want.metricName) {
            problems.push(`CloudWatch alarm ${want.name}: metric ${String(alarm.MetricName)}, declared ${want.metricName}`);
        }
        const ids = (alarm.Metrics ?? []).map((m) => m.Id ?? "");
        if (want.queryIds.join(",") !== ids.join(",")) {
            problems.push(`CloudWatch alarm ${want.name}: queries ${ids.join(",") || "none"}, declared ${want.queryIds.join(",") || "none"}`);
        }
        if (alarm.Threshold !== want.threshold || alarm.ComparisonOperator !== want.comparisonOperator) {
            problems.push(
                `CloudWatch alarm ${want.name}: ${String(alarm.ComparisonOperator)} ${String(alarm.Threshold)}, declared ${want.comparisonOperator} ${want.threshold}`,
            );
        }
        const actions = [...(alarm.AlarmActions ?? [])].sort().join(",");
        if (actions !== [...want.alarmActions].sort().join(",")) {
            problems.push(`CloudWatch alarm ${want.name}: actions ${actions || "none"}, declared ${[...want.alarmActions].sort().join(",") || "none"}`);
        }
    }
    for (const name of declared.dashboards) {
        if (!found.dashboards.includes(name)) {
            problems.push(`CloudWatch dashboard ${name} missing`);
        }
    }
    return problems;
}

/** The alarms and dashboards in a stack's exported state. */
export function monitoringOf(resources: readonly ExportedResource[]): { alarms: DeclaredAlarm[]; dashboards: string[] } {
    const alarms: DeclaredAlarm[] = [];
    const dashboards: string[] = [];
    for (const r of resources) {
        const o = r.outputs ?? {};
        if (r.type === "aws:cloudwatch/metricAlarm:MetricAlarm" && typeof o.name === "string") {
            alarms.push({
                name: o.name,
                metricName: typeof o.metricName === "string" && o.metricName !== "" ? o.metricName : undefined,
                threshold: Number(o.threshold),
                comparisonOperator: String(o.comparisonOperator),
                alarmActions: Array.isArray(o.alarmActions) ? o.alarmActions.map(String) : [],
                queryIds: Array.isArray(o.metricQueries) ? o.metricQueries.map((q: { id?: unknown }) => String(q.id)) : [],
            });
        } else if (r.type === "aws:cloudwatch/dashboard:Dashboard" && typeof o.dashboardName === "string") {
            dashboards.push(o.dashboardName);
        }
    }
    return { alarms, dashboards };
}

/** A resource as `pulumi stack export` lists it (deployment version 3): only the fields read here. */
export interface ExportedResource {
    readonly urn: string;
    readonly type: string;
    readonly outputs?: Readonly<Record<string, unknown>>;
}

/** The names and ids by which the stack's resources are found in AWS, read from its exported state before destroy. */
export interface Footprint {
    readonly functions: readonly string[];
    readonly resourceIds: readonly string[];
    readonly roles: readonly string[];
    readonly rules: readonly string[];
    readonly logGroups: readonly string[];
    readonly alarms: readonly string[];
    readonly dashboards: readonly string[];
    /** The log groups of LambdaWarmer components (their report lines are written there). */
    readonly warmerLogGroups: readonly string[];
}

/**
 * Collects what the stack put in AWS. Functions include those the stack only configured (a provisioned concurrency
 * configuration's or scalable target's function, given by name), so that `destroy` is checked on them too. Type
 * tokens are the Pulumi AWS provider's (`aws:lambda/function:Function`, ...).
 */
export function footprintOf(resources: readonly ExportedResource[]): Footprint {
    const functions = new Set<string>();
    const resourceIds = new Set<string>();
    const roles: string[] = [];
    const rules: string[] = [];
    const logGroups: string[] = [];
    const warmerLogGroups: string[] = [];
    const alarms: string[] = [];
    const dashboards: string[] = [];
    const text = (r: ExportedResource, key: string): string | undefined => {
        const v = r.outputs?.[key];
        return typeof v === "string" && v !== "" ? v : undefined;
    };
    for (const r of resources) {
        switch (r.type) {
            case "aws:lambda/function:Function":
            case "aws:lambda/provisionedConcurrencyConfig:ProvisionedConcurrencyConfig": {
                const name = text(r, r.type === "aws:lambda/function:Function" ? "name" : "functionName");
                if (name !== undefined) {
                    // A configuration may have been given an ARN; AWS is asked by plain name.
                    functions.add(name.startsWith("arn:") ? name.split(":")[6] : name);
                }
                break;
            }
            case "aws:appautoscaling/target:Target": {
                const id = text(r, "resourceId");
                if (id !== undefined) {
                    resourceIds.add(id);
                    functions.add(id.split(":")[1]);
                }
                break;
            }
            case "aws:iam/role:Role":
                pushDefined(roles, text(r, "name"));
                break;
            case "aws:cloudwatch/eventRule:EventRule":
                pushDefined(rules, text(r, "name"));
                break;
            case "aws:cloudwatch/logGroup:LogGroup":
                pushDefined(logGroups, text(r, "name"));
                if (r.urn.includes("lambda-concurrency:index:LambdaWarmer$")) {
                    pushDefined(warmerLogGroups, text(r, "name"));
                }
                break;
            case "aws:cloudwatch/metricAlarm:MetricAlarm":
                pushDefined(alarms, text(r, "name"));
                break;
            case "aws:cloudwatch/dashboard:Dashboard":
                pushDefined(dashboards, text(r, "dashboardName"));
                break;
            default:
                break;
        }
    }
    return { functions: [...functions], resourceIds: [...resourceIds], roles, rules, logGroups, alarms, dashboards, warmerLogGroups };
}

function pushDefined(into: string[], value: string | undefined): void {
    if (value !== undefined) {
        into.push(value);
    }
}

// The claims of README "What only AWS can tell" (acceptance/plan.ts, AWS_ONLY_CLAIMS) that need more than a state.

/**
 * The `up` of a FixedConcurrency on an alias with weighted routing (AdditionalVersionWeights) must fail with Lambda's
 * refusal (an InvalidParameterValueException naming the weights / routing config). `error` is the `up`'s error
 * message, or undefined when the `up` succeeded.
 */
export function checkRefusedForWeightedRouting(where: string, error: string | undefined): string[] {
    if (error === undefined) {
        return [`${where}: up succeeded, expected Lambda to refuse provisioned concurrency on an alias with weighted routing`];
    }
    if (!/weight|routing/i.test(error)) {
        return [`${where}: up failed, but not with the weighted routing refusal: ${error.slice(0, 300)}`];
    }
    return [];
}

/**
 * DescribeScalingActivities of one resource id after a scheduled action ran: the action `actionName` failed
 * (StatusCode Failed; its Cause names the scheduled action, Application Auto Scaling API reference,
 * "ScalingActivity"), and the target's bounds are still `bounds`.
 */
export function checkScheduledActionFailed(
    resourceId: string,
    actionName: string,
    activities: readonly ScalingActivity[],
    targets: readonly ScalableTarget[],
    bounds: { min: number; max: number },
): string[] {
    const problems: string[] = [];
    const mine = activities.filter((a) => a.ResourceId === resourceId && `${a.Cause ?? ""} ${a.Description ?? ""}`.includes(actionName));
    if (mine.length === 0) {
        problems.push(`${resourceId}: no scaling activity of scheduled action ${actionName}`);
    } else if (!mine.some((a) => a.StatusCode === "Failed")) {
        problems.push(`${resourceId}: scheduled action ${actionName} ${mine.map((a) => a.StatusCode ?? "?").join(", ")}, expected Failed`);
    }
    problems.push(...checkScalableTargets(targets, [{ resourceId, minCapacity: bounds.min, maxCapacity: bounds.max }]));
    return problems;
}

/** GetProvisionedConcurrencyConfig answered NotFound (`response` undefined): the configuration is gone. */
export function checkConfigurationGone(where: string, response: GetProvisionedConcurrencyConfigResponse | undefined): string[] {
    return response === undefined ? [] : [`${where}: configuration still there (${response.Status ?? "?"}, ${response.RequestedProvisionedConcurrentExecutions ?? "?"} requested)`];
}

/** A configuration exists, and (when `requested` is given) with that count: made by Application Auto Scaling, or left by it. */
export function checkConfigurationThere(where: string, response: GetProvisionedConcurrencyConfigResponse | undefined, requested?: number): string[] {
    if (response === undefined) {
        return [`${where}: no provisioned concurrency configuration`];
    }
    const count = response.RequestedProvisionedConcurrentExecutions;
    if (requested !== undefined && count !== requested) {
        return [`${where}: requested ${count ?? "nothing"}, expected ${requested}`];
    }
    return [];
}

/**
 * What an idle alias's count did under scaleInWhenIdle (FILL): a report, never a failure, since the README calls it
 * unverified.
 */
export function describeIdleOutcome(
    where: string,
    before: number,
    response: GetProvisionedConcurrencyConfigResponse | undefined,
    minCapacity: number,
    minutes: number,
): string {
    const after = response?.RequestedProvisionedConcurrentExecutions;
    if (after === undefined) {
        return `${where}: after ${minutes} idle minutes the configuration is gone (was ${before})`;
    }
    const verdict = after === minCapacity ? "went to the minimum" : after < before ? "scaled in, not to the minimum" : "did not scale in";
    return `${where}: after ${minutes} idle minutes ${before} -> ${after} requested (minimum ${minCapacity}): ${verdict}`;
}
