/**
 * `npm run test:aws [-- --yes] [--timeout-minutes N] [CASE ...]`: deploys each case (acceptance/plan.ts) to the AWS
 * account of the environment's credentials with the Pulumi Automation API, checks it with the AWS SDK after every
 * step, destroys it, and checks that nothing of it is left. Without the pulumi CLI or AWS credentials it prints one
 * line and exits 0, so that an offline CI stays green; without --yes it prints the cost estimate and deploys nothing.
 *
 * Every stack is destroyed and removed, also on a failed check, an error, SIGINT/SIGTERM or the time limit.
 *
 * `runCases` does the work for `main` and for tests/engine/acceptance.engine.ts, which runs every case against the
 * AWS stand-in (tests/helpers/stand-in/) with the real Pulumi engine: there only the RunSettings differ (the clients'
 * endpoint, a clock that the stand-in moves, the CLI and the provider the stacks use), so that on a real account only
 * AWS differs.
 */
import * as crypto from "crypto";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import type { LocalWorkspaceOptions, Stack } from "@pulumi/pulumi/automation";
import {
    checkConfigurationGone,
    checkConfigurationThere,
    checkConfigurationsOnly,
    checkRefusedForWeightedRouting,
    checkScheduledActionFailed,
    describeIdleOutcome,
    checkInvocationOnProvisioned,
    checkMonitoring,
    checkNothingLeft,
    monitoringOf,
    checkProvisionedConfig,
    checkScalableTargets,
    checkScalingPolicies,
    checkScheduledActions,
    checkWarmerReports,
    answeredVersion,
    checkDeployUnderLoad,
    footprintOf,
    type LoadRequest,
    resourceIdOf,
    type ExportedResource,
    type Footprint,
} from "./checks";
import { formatEstimate, IDLE_MINUTES, selectCases, skipReason, type Case, type DeployLoad, type ExpectedState, type Outputs, type Step } from "./plan";

const REPO_ROOT = path.resolve(__dirname, "..");
const INLINE_PROJECT = "lambda-concurrency-acceptance";
const POLL_MS = 15_000;
/** How long a step's state may take to settle: allocation takes a minute or two (DESIGN.md); the warmer runs every 5. */
const SETTLE_MS = 10 * 60_000;
const WARMER_SETTLE_MS = 12 * 60_000;
/** Above the default run's longest duration (acceptance/plan.ts, estimateCost: 361 minutes). */
const DEFAULT_TIMEOUT_MINUTES = 480;
/** A deploy's load goes on this long after the up, so that requests reach the alias where the up left it. */
const LOAD_AFTER_UP_MS = 3_000;
/** How long CloudWatch Logs is given to take in a function's lines before they are counted (usually seconds). */
const LOG_INGESTION_MS = 60_000;

/** How the runner reads the time and waits for AWS: every wait goes through `sleep`. */
export interface RunClock {
    now(): Date;
    sleep(ms: number): Promise<void>;
}

/** How a run reaches AWS and waits for it; REAL_ACCOUNT is `npm run test:aws`'s. */
export interface RunSettings {
    /** Every SDK client's endpoint; undefined: the SDK's own resolution (which honours AWS_ENDPOINT_URL). */
    readonly endpoint?: string;
    /** The clients' credentials; undefined: the SDK's default chain. */
    readonly credentials?: { readonly accessKeyId: string; readonly secretAccessKey: string };
    /** How long to wait between two reads of a state that has not settled. */
    readonly pollMs: number;
    /** How long a step's state may take to settle, without and with a warmer's report to wait for. */
    readonly settleMs: number;
    readonly warmerSettleMs: number;
    readonly clock: RunClock;
    /** More options for every stack's workspace: the Pulumi CLI, its home, environment variables for it. */
    readonly workspace?: Pick<LocalWorkspaceOptions, "pulumiCommand" | "pulumiHome" | "envVars">;
    /** Run the sample programs inline, in this process, rather than as the repository's Pulumi project. */
    readonly inlineSamples: boolean;
    /** Added to every REPORT line: what the reported outcome was observed on, when it is not AWS. */
    readonly reportNote?: string;
    readonly log: (line: string) => void;
}

export const REAL_CLOCK: RunClock = { now: () => new Date(), sleep: (ms) => sleep(ms) };

export const REAL_ACCOUNT: RunSettings = {
    pollMs: POLL_MS,
    settleMs: SETTLE_MS,
    warmerSettleMs: WARMER_SETTLE_MS,
    clock: REAL_CLOCK,
    inlineSamples: false,
    log: (line) => console.log(line),
};

interface Options {
    readonly yes: boolean;
    readonly timeoutMinutes: number;
    readonly cases: readonly string[];
}

export function parseArguments(argv: readonly string[]): Options | string {
    let yes = false;
    let timeoutMinutes = DEFAULT_TIMEOUT_MINUTES;
    const cases: string[] = [];
    for (let i = 0; i < argv.length; i++) {
        const a = argv[i];
        if (a === "--yes" || a === "-y") {
            yes = true;
        } else if (a === "--timeout-minutes") {
            const n = Number(argv[++i]);
            if (!Number.isFinite(n) || n <= 0) {
                return `--timeout-minutes must be a positive number of minutes, got ${argv[i]}`;
            }
            timeoutMinutes = n;
        } else if (a.startsWith("-")) {
            return `unknown option ${a}; usage: npm run test:aws -- [--yes] [--timeout-minutes N] [CASE ...]`;
        } else {
            cases.push(a);
        }
    }
    return { yes, timeoutMinutes, cases };
}

/** The AWS clients, loaded only when the run really happens. */
async function awsClients(region: string, settings: Pick<RunSettings, "endpoint" | "credentials"> = {}) {
    const lambda = await import("@aws-sdk/client-lambda");
    const aas = await import("@aws-sdk/client-application-auto-scaling");
    const iam = await import("@aws-sdk/client-iam");
    const events = await import("@aws-sdk/client-eventbridge");
    const logs = await import("@aws-sdk/client-cloudwatch-logs");
    const cloudwatch = await import("@aws-sdk/client-cloudwatch");
    const config = {
        region,
        ...(settings.endpoint === undefined ? {} : { endpoint: settings.endpoint }),
        ...(settings.credentials === undefined ? {} : { credentials: settings.credentials }),
    };
    return {
        cloudwatch,
        lambda,
        aas,
        iam,
        events,
        logs,
        lambdaClient: new lambda.LambdaClient(config),
        aasClient: new aas.ApplicationAutoScalingClient(config),
        // IAM is global; its client still takes a region for signing.
        iamClient: new iam.IAMClient(config),
        eventsClient: new events.EventBridgeClient(config),
        logsClient: new logs.CloudWatchLogsClient(config),
        cloudwatchClient: new cloudwatch.CloudWatchClient(config),
    };
}
type Clients = Awaited<ReturnType<typeof awsClients>>;

function destroyClients(aws: Clients): void {
    for (const client of [aws.lambdaClient, aws.aasClient, aws.iamClient, aws.eventsClient, aws.logsClient, aws.cloudwatchClient]) {
        client.destroy();
    }
}

function isNotFound(error: unknown): boolean {
    const name = (error as { name?: string } | undefined)?.name ?? "";
    return ["ResourceNotFoundException", "ProvisionedConcurrencyConfigNotFoundException", "NoSuchEntityException"].includes(name);
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** Reads the account's state for one expected state and returns the problems (empty: as declared). */
async function observe(aws: Clients, expected: ExpectedState): Promise<string[]> {
    const problems: string[] = [];
    const fn = expected.functionName;
    const listed = await aws.lambdaClient.send(new aws.lambda.ListProvisionedConcurrencyConfigsCommand({ FunctionName: fn }));
    problems.push(...checkConfigurationsOnly(fn, listed.ProvisionedConcurrencyConfigs ?? [], expected.configs.map((c) => c.qualifier)));
    for (const c of expected.configs) {
        let response;
        try {
            response = await aws.lambdaClient.send(new aws.lambda.GetProvisionedConcurrencyConfigCommand({ FunctionName: fn, Qualifier: c.qualifier }));
        } catch (error) {
            if (!isNotFound(error)) {
                throw error;
            }
        }
        problems.push(...checkProvisionedConfig(`${fn}:${c.qualifier}`, response, c.requested));
    }
    const ids = [...(expected.target === undefined ? [] : [expected.target.qualifier]), ...expected.noTargetOn].map((q) => resourceIdOf(fn, q));
    if (ids.length > 0) {
        const targets = await aws.aasClient.send(new aws.aas.DescribeScalableTargetsCommand({ ServiceNamespace: "lambda", ResourceIds: ids }));
        const t = expected.target;
        problems.push(
            ...checkScalableTargets(
                targets.ScalableTargets ?? [],
                t === undefined ? [] : [{ resourceId: resourceIdOf(fn, t.qualifier), minCapacity: t.minCapacity, maxCapacity: t.maxCapacity, suspended: t.suspended }],
                expected.noTargetOn.map((q) => resourceIdOf(fn, q)),
            ),
        );
        for (const q of [...(t === undefined ? [] : [t.qualifier]), ...expected.noTargetOn]) {
            const id = resourceIdOf(fn, q);
            const declared = t !== undefined && t.qualifier === q ? t : undefined;
            const policies = await aws.aasClient.send(new aws.aas.DescribeScalingPoliciesCommand({ ServiceNamespace: "lambda", ResourceId: id }));
            problems.push(...checkScalingPolicies(id, policies.ScalingPolicies ?? [], declared?.targetValue));
            const actions = await aws.aasClient.send(new aws.aas.DescribeScheduledActionsCommand({ ServiceNamespace: "lambda", ResourceId: id }));
            problems.push(...checkScheduledActions(id, actions.ScheduledActions ?? [], declared?.actions ?? []));
        }
    }
    if (expected.invoke !== undefined && problems.length === 0) {
        const reply = await aws.lambdaClient.send(new aws.lambda.InvokeCommand({ FunctionName: fn, Qualifier: expected.invoke, Payload: Buffer.from("{}") }));
        problems.push(...checkInvocationOnProvisioned(`${fn}:${expected.invoke}`, Buffer.from(reply.Payload ?? new Uint8Array()).toString("utf8")));
    }
    return problems;
}

async function warmerProblems(aws: Clients, footprint: Footprint, functionName: string, requested: number, since: Date): Promise<string[]> {
    const lines: string[] = [];
    for (const group of footprint.warmerLogGroups) {
        const page = await aws.logsClient.send(
            new aws.logs.FilterLogEventsCommand({ logGroupName: group, startTime: since.getTime(), filterPattern: '"InstancesReached"' }),
        );
        lines.push(...(page.events ?? []).map((e) => e.message ?? ""));
    }
    return checkWarmerReports(functionName, lines, requested);
}

/** Polls until the state is as declared, or the settle time passes; returns the last problems. */
async function settle(ctx: RunContext, footprint: Footprint, expected: ExpectedState, since: Date): Promise<string[]> {
    const { aws, settings, signal } = ctx;
    const { clock } = settings;
    const deadline = clock.now().getTime() + (expected.warmer === undefined ? settings.settleMs : settings.warmerSettleMs);
    for (;;) {
        // A configuration IN_PROGRESS, a target not yet registered: poll until settled or out of time.
        const problems = await observe(aws, expected);
        if (expected.warmer !== undefined) {
            problems.push(...(await warmerProblems(aws, footprint, expected.functionName, expected.warmer.requested, since)));
        }
        if (problems.length === 0 || clock.now().getTime() > deadline || signal.aborted) {
            // How long allocation took is one of the things only AWS can tell (README, "What only AWS can tell").
            settings.log(`  settled ${problems.length === 0 ? "as declared" : "with problems"} after ${Math.round((clock.now().getTime() - since.getTime()) / 1000)} s`);
            return problems;
        }
        await clock.sleep(settings.pollMs);
    }
}

async function exportedResources(stack: Stack): Promise<ExportedResource[]> {
    const exported = await stack.exportStack();
    return ((exported.deployment as { resources?: ExportedResource[] } | undefined)?.resources ?? []).filter((r) => r.type !== undefined);
}

/** After destroy: nothing of the footprint is left. */
async function leftovers(aws: Clients, footprint: Footprint): Promise<string[]> {
    const configs: Record<string, import("@aws-sdk/client-lambda").ProvisionedConcurrencyConfigListItem[]> = {};
    for (const fn of footprint.functions) {
        try {
            const listed = await aws.lambdaClient.send(new aws.lambda.ListProvisionedConcurrencyConfigsCommand({ FunctionName: fn }));
            configs[fn] = listed.ProvisionedConcurrencyConfigs ?? [];
        } catch (error) {
            // A function the stack deleted has no configuration left.
            if (!isNotFound(error)) {
                throw error;
            }
        }
    }
    const targets =
        footprint.resourceIds.length === 0
            ? []
            : ((await aws.aasClient.send(new aws.aas.DescribeScalableTargetsCommand({ ServiceNamespace: "lambda", ResourceIds: [...footprint.resourceIds] })))
                  .ScalableTargets ?? []);
    const roles: string[] = [];
    for (const r of footprint.roles) {
        try {
            await aws.iamClient.send(new aws.iam.GetRoleCommand({ RoleName: r }));
            roles.push(r);
        } catch (error) {
            if (!isNotFound(error)) {
                throw error;
            }
        }
    }
    const rules: string[] = [];
    for (const r of footprint.rules) {
        try {
            await aws.eventsClient.send(new aws.events.DescribeRuleCommand({ Name: r }));
            rules.push(r);
        } catch (error) {
            if (!isNotFound(error)) {
                throw error;
            }
        }
    }
    const logGroups: string[] = [];
    for (const g of footprint.logGroups) {
        const found = await aws.logsClient.send(new aws.logs.DescribeLogGroupsCommand({ logGroupNamePrefix: g }));
        if ((found.logGroups ?? []).some((x) => x.logGroupName === g)) {
            logGroups.push(g);
        }
    }
    const found = await cloudWatchObjects(aws, footprint.alarms);
    return checkNothingLeft(footprint.resourceIds, {
        configsByFunction: configs,
        scalableTargets: targets,
        roles,
        rules,
        logGroups,
        alarms: found.alarms.map((a) => a.AlarmName ?? ""),
        dashboards: found.dashboards.filter((d) => footprint.dashboards.includes(d)),
    });
}

/** The alarms of these names (DescribeAlarms takes 100 names a call) and every dashboard name (ListDashboards, paged). */
async function cloudWatchObjects(
    aws: Clients,
    alarmNames: readonly string[],
): Promise<{ alarms: import("@aws-sdk/client-cloudwatch").MetricAlarm[]; dashboards: string[] }> {
    const alarms: import("@aws-sdk/client-cloudwatch").MetricAlarm[] = [];
    for (let i = 0; i < alarmNames.length; i += 100) {
        const described = await aws.cloudwatchClient.send(new aws.cloudwatch.DescribeAlarmsCommand({ AlarmNames: alarmNames.slice(i, i + 100) }));
        alarms.push(...(described.MetricAlarms ?? []));
    }
    const dashboards: string[] = [];
    let next: string | undefined;
    do {
        const listed = await aws.cloudwatchClient.send(new aws.cloudwatch.ListDashboardsCommand({ NextToken: next }));
        dashboards.push(...(listed.DashboardEntries ?? []).map((d) => d.DashboardName ?? ""));
        next = listed.NextToken;
    } while (next !== undefined);
    return { alarms, dashboards };
}

function stringOutputs(outputs: Record<string, { value: unknown }>): Outputs {
    return Object.fromEntries(Object.entries(outputs).map(([k, v]) => [k, String(v.value)]));
}

interface RunContext {
    readonly aws: Clients;
    readonly settings: RunSettings;
    readonly region: string;
    readonly runId: string;
    readonly envVars: Record<string, string>;
    readonly signal: AbortSignal;
    /** Stacks to destroy and remove, newest first, whatever happens. */
    readonly live: Stack[];
    /** Undoes what a probe made out of band (a configuration, a scalable target), run before the stacks are destroyed. */
    readonly undo: (() => Promise<void>)[];
    /** The REPORT lines of the case running (outcomes reported, not judged). */
    readonly reports: string[];
}

/**
 * An inline program: the Automation API runs it in this process, once for every `up` of every stack, each run in a
 * store of the SDK's own, where the components keep their per-program registry (components/ownership.ts), so each run
 * starts with no claims, as a program run by the CLI in a process of its own does.
 */
function inline(program: () => Record<string, unknown>): () => Promise<Record<string, unknown>> {
    return () => Promise.resolve(program());
}

async function newStack(ctx: RunContext, name: string, step: Step | undefined, fixture?: () => Record<string, unknown>): Promise<Stack> {
    const automation = await import("@pulumi/pulumi/automation");
    const stackName = `${ctx.runId}-${name}`;
    const workspace = { ...ctx.settings.workspace, envVars: { ...ctx.envVars, ...ctx.settings.workspace?.envVars } };
    let stack: Stack;
    if (step !== undefined && "scenario" in step.program && !ctx.settings.inlineSamples) {
        stack = await automation.LocalWorkspace.createStack({ stackName, workDir: REPO_ROOT }, workspace);
        await stack.setConfig("scenario", { value: step.program.scenario });
    } else if (step !== undefined && "scenario" in step.program) {
        const { SCENARIOS } = await import("../programs/scenarios");
        const sample = SCENARIOS[step.program.scenario];
        stack = await automation.LocalWorkspace.createStack({ stackName, projectName: INLINE_PROJECT, program: inline(() => sample.run()) }, workspace);
    } else {
        stack = await automation.LocalWorkspace.createStack(
            { stackName, projectName: INLINE_PROJECT, program: inline(() => (fixture === undefined ? {} : fixture())) },
            workspace,
        );
    }
    ctx.live.unshift(stack);
    await stack.setConfig("aws:region", { value: ctx.region });
    return stack;
}

async function runCase(ctx: RunContext, c: Case): Promise<string[]> {
    const { TRANSITION_PROGRAMS } = await import("./programs");
    const first = c.steps[0];
    const transition = "transition" in first.program ? TRANSITION_PROGRAMS[first.program.transition] : undefined;
    let fixtureOutputs: Outputs | undefined;
    const problems: string[] = [];
    if (transition?.fixture !== undefined) {
        // Made by a stack of its own, destroyed last by cleanUp: the case's stack only uses it by name.
        const fixtureStack = await newStack(ctx, `${c.name}-fixture`, undefined, transition.fixture);
        fixtureOutputs = stringOutputs((await fixtureStack.up({ signal: ctx.signal })).outputs);
    }
    const stack = await newStack(ctx, c.name, first);
    let footprint: Footprint = footprintOf([]);
    let previousOutputs: Outputs | undefined;
    /** The config keys the last sample step set (see below). */
    let sampleConfigKeys: string[] = [];
    for (const [i, step] of c.steps.entries()) {
        if ("transition" in step.program && transition !== undefined) {
            const program = step.program.step === "before" ? transition.before : transition.after;
            if (program === undefined) {
                throw new Error(`${c.name} has no ${step.program.step} program`);
            }
            const given = fixtureOutputs;
            stack.workspace.program = inline(() => program(given));
        }
        if ("scenario" in step.program) {
            // A step's config is the whole of the sample's settings: what the step before set and this one does not
            // (the canary case's `canaryWeight`, removed to promote) goes.
            const settings = step.program.config ?? {};
            for (const key of sampleConfigKeys.filter((k) => !(k in settings))) {
                await stack.removeConfig(key);
            }
            for (const [key, value] of Object.entries(settings)) {
                await stack.setConfig(key, { value });
            }
            sampleConfigKeys = Object.keys(settings);
        }
        const since = ctx.settings.clock.now();
        ctx.settings.log(`[${c.name}] step ${i + 1}/${c.steps.length}: up`);
        let result: Awaited<ReturnType<Stack["up"]>> | undefined;
        let upError: string | undefined;
        const before = previousOutputs;
        if (step.load !== undefined && before === undefined) {
            throw new Error(`${c.name} step ${i + 1}: a load needs a step before it, whose alias it invokes`);
        }
        const load = step.load !== undefined && before !== undefined ? startLoad(ctx, before, step.load) : undefined;
        try {
            if (step.probe === "weighted-alias-refused") {
                // This up must fail: the error is the probe's evidence, and the state is the previous step's.
                try {
                    result = await stack.up({ signal: ctx.signal });
                } catch (error) {
                    upError = (error as Error).message;
                }
            } else {
                result = await stack.up({ signal: ctx.signal });
            }
        } finally {
            await load?.stop();
        }
        const outputs = result === undefined ? stringOutputs(await stack.outputs()) : stringOutputs(result.outputs);
        previousOutputs = outputs;
        const expected = step.expect(outputs, ctx.settings.clock.now());
        if (expected.noChurn === true && result !== undefined) {
            const changes = result.summary.resourceChanges ?? {};
            for (const op of ["create", "delete", "replace", "create-replacement", "delete-replaced"] as const) {
                if ((changes[op] ?? 0) > 0) {
                    problems.push(`${c.name} step ${i + 1}: the up did ${changes[op]} ${op}, expected none`);
                }
            }
        }
        // The stack's state after this up (settling changes nothing in it).
        const exported = await exportedResources(stack);
        problems.push(...(await settle(ctx, footprintOf(exported), expected, since)).map((p) => `${c.name} step ${i + 1}: ${p}`));
        footprint = mergeFootprints(footprint, footprintOf(exported));
        const declaredMonitoring = monitoringOf(exported);
        if (declaredMonitoring.alarms.length > 0 || declaredMonitoring.dashboards.length > 0) {
            const found = await cloudWatchObjects(ctx.aws, declaredMonitoring.alarms.map((a) => a.name));
            problems.push(...checkMonitoring(declaredMonitoring, found).map((p) => `${c.name} step ${i + 1}: ${p}`));
        }
        if (load !== undefined && before !== undefined) {
            problems.push(...(await loadProblems(ctx, `${c.name} step ${i + 1}`, load, before, outputs)));
        }
        if (problems.length === 0 && step.probe !== undefined) {
            ctx.settings.log(`[${c.name}] step ${i + 1}: ${step.probe}`);
            problems.push(...(await runProbe(ctx, step.probe, outputs, upError)).map((p) => `${c.name} step ${i + 1}: ${p}`));
        }
        if (problems.length > 0) {
            return problems;
        }
    }
    ctx.settings.log(`[${c.name}] destroy`);
    await stack.destroy({ signal: ctx.signal });
    // Destroyed: removed now, so that cleanUp has nothing left to destroy for it.
    await stack.workspace.removeStack(stack.name);
    ctx.live.splice(ctx.live.indexOf(stack), 1);
    problems.push(...(await leftovers(ctx.aws, footprint)).map((p) => `${c.name} after destroy: ${p}`));
    return problems;
}

/** A deploy's load running (startLoad): when it began, on the stand-in's clock where there is one, and its requests. */
interface RunningLoad {
    readonly startedAt: Date;
    readonly requests: LoadRequest[];
    /** Goes on for LOAD_AFTER_UP_MS, so that requests reach the alias where the up left it, then ends. */
    stop(): Promise<void>;
}

/**
 * Requests to the alias the step before deployed (its outputs `functionName` and `alias`), one at a time, paced on
 * the real clock: they are real requests, whatever clock the run's waits follow.
 */
function startLoad(ctx: RunContext, before: Outputs, load: DeployLoad): RunningLoad {
    const { aws } = ctx;
    const intervalMs = 1000 / load.perSecond;
    const requests: LoadRequest[] = [];
    let ended = false;
    const running = (async () => {
        while (!ended && !ctx.signal.aborted) {
            const began = Date.now();
            try {
                const reply = await aws.lambdaClient.send(
                    new aws.lambda.InvokeCommand({ FunctionName: before.functionName, Qualifier: before.alias, Payload: Buffer.from("{}") }),
                );
                requests.push(answeredVersion(Buffer.from(reply.Payload ?? new Uint8Array()).toString("utf8"), reply.FunctionError));
            } catch (error) {
                requests.push({ error: (error as Error).message });
            }
            await sleep(Math.max(0, intervalMs - (Date.now() - began)));
        }
    })();
    return {
        startedAt: ctx.settings.clock.now(),
        requests,
        stop: async () => {
            await sleep(LOAD_AFTER_UP_MS);
            ended = true;
            await running;
        },
    };
}

/**
 * The load's verdict (checkDeployUnderLoad): its requests, and the ColdStart metric lines the function's log group
 * (output `logGroup`) holds from the load's start, read once CloudWatch Logs has had LOG_INGESTION_MS to take them in.
 */
async function loadProblems(ctx: RunContext, where: string, load: RunningLoad, before: Outputs, after: Outputs): Promise<string[]> {
    const { aws, settings } = ctx;
    await settings.clock.sleep(LOG_INGESTION_MS);
    let coldStartLines = 0;
    let next: string | undefined;
    do {
        const page = await aws.logsClient.send(
            new aws.logs.FilterLogEventsCommand({ logGroupName: after.logGroup, startTime: load.startedAt.getTime(), filterPattern: '"ColdStart"', nextToken: next }),
        );
        coldStartLines += (page.events ?? []).length;
        next = page.nextToken;
    } while (next !== undefined);
    const onOld = load.requests.filter((r) => "version" in r && r.version === before.liveVersion).length;
    settings.log(
        `  under load: ${load.requests.length} requests, ${onOld} on version ${before.liveVersion} then ${load.requests.length - onOld} after; ${coldStartLines} ColdStart line(s)`,
    );
    return checkDeployUnderLoad(where, load.requests, before.liveVersion, after.liveVersion, coldStartLines);
}

/** Polls `read` until `done` holds of its answer, or `minutes` pass; returns the last answer. */
async function pollFor<T>(ctx: RunContext, read: () => Promise<T>, done: (value: T) => boolean, minutes: number): Promise<T> {
    const { clock, pollMs } = ctx.settings;
    const deadline = clock.now().getTime() + minutes * 60_000;
    for (;;) {
        const value = await read();
        if (done(value) || clock.now().getTime() > deadline || ctx.signal.aborted) {
            return value;
        }
        await clock.sleep(pollMs);
    }
}

async function waitUntil(ctx: RunContext, at: Date): Promise<void> {
    const { clock, pollMs } = ctx.settings;
    while (clock.now().getTime() < at.getTime() && !ctx.signal.aborted) {
        await clock.sleep(Math.min(pollMs, at.getTime() - clock.now().getTime()));
    }
}

/** GetProvisionedConcurrencyConfig, undefined for NotFound. */
async function getConfig(aws: Clients, functionName: string, qualifier: string): Promise<import("@aws-sdk/client-lambda").GetProvisionedConcurrencyConfigResponse | undefined> {
    try {
        return await aws.lambdaClient.send(new aws.lambda.GetProvisionedConcurrencyConfigCommand({ FunctionName: functionName, Qualifier: qualifier }));
    } catch (error) {
        if (isNotFound(error)) {
            return undefined;
        }
        throw error;
    }
}

/** Ignores NotFound: for undoing what may already be gone. */
async function ignoringNotFound(call: () => Promise<unknown>): Promise<void> {
    try {
        await call();
    } catch (error) {
        const name = (error as { name?: string } | undefined)?.name ?? "";
        if (!isNotFound(error) && name !== "ObjectNotFoundException") {
            throw error;
        }
    }
}

/**
 * The extra work of a step with a probe (acceptance/plan.ts, ProbeName): out-of-band calls, waits, and the checks of
 * README "What only AWS can tell". Anything made out of band is registered in ctx.undo before it is made.
 */
async function runProbe(ctx: RunContext, probe: NonNullable<Step["probe"]>, o: Outputs, upError: string | undefined): Promise<string[]> {
    const { aws } = ctx;
    const fn = o.functionName;
    const where = `${fn}:${o.alias}`;
    const resourceId = resourceIdOf(fn, o.alias);
    const target = { ServiceNamespace: "lambda" as const, ResourceId: resourceId, ScalableDimension: "lambda:function:ProvisionedConcurrency" as const };
    const deleteConfig = (): Promise<void> =>
        ignoringNotFound(() => aws.lambdaClient.send(new aws.lambda.DeleteProvisionedConcurrencyConfigCommand({ FunctionName: fn, Qualifier: o.alias })));
    const deregister = (): Promise<void> => ignoringNotFound(() => aws.aasClient.send(new aws.aas.DeregisterScalableTargetCommand(target)));
    switch (probe) {
        case "weighted-alias-refused":
            return checkRefusedForWeightedRouting(where, upError);
        case "min-above-max-fails": {
            await waitUntil(ctx, new Date(new Date(o.firesAt).getTime() + 60_000));
            const activities = await pollFor(
                ctx,
                async () => (await aws.aasClient.send(new aws.aas.DescribeScalingActivitiesCommand({ ServiceNamespace: "lambda", ResourceId: resourceId }))).ScalingActivities ?? [],
                (list) => list.some((a) => `${a.Cause ?? ""} ${a.Description ?? ""}`.includes("raise-min") && a.StatusCode !== "InProgress" && a.StatusCode !== "Pending"),
                5,
            );
            const targets = await aws.aasClient.send(new aws.aas.DescribeScalableTargetsCommand({ ServiceNamespace: "lambda", ResourceIds: [resourceId] }));
            return checkScheduledActionFailed(resourceId, "raise-min", activities, targets.ScalableTargets ?? [], { min: 1, max: 1 });
        }
        case "configured-out-of-band":
            // The next step's FixedConcurrency (2) must overwrite this 3, and its destroy remove it.
            ctx.undo.push(deleteConfig);
            await aws.lambdaClient.send(
                new aws.lambda.PutProvisionedConcurrencyConfigCommand({ FunctionName: fn, Qualifier: o.alias, ProvisionedConcurrentExecutions: 3 }),
            );
            return checkConfigurationThere(where, await getConfig(aws, fn, o.alias), 3);
        case "scale-to-zero-deletes": {
            await waitUntil(ctx, new Date(o.firesAt));
            const response = await pollFor(ctx, () => getConfig(aws, fn, o.alias), (r) => r === undefined, 5);
            return checkConfigurationGone(where, response);
        }
        case "scheduled-action-lowers": {
            await waitUntil(ctx, new Date(o.firesAt));
            const response = await pollFor(ctx, () => getConfig(aws, fn, o.alias), (r) => r?.RequestedProvisionedConcurrentExecutions === 1, 5);
            return checkConfigurationThere(where, response, 1);
        }
        case "register-creates-at-minimum": {
            ctx.undo.push(deleteConfig, deregister);
            await aws.aasClient.send(new aws.aas.RegisterScalableTargetCommand({ ...target, MinCapacity: 1, MaxCapacity: 2 }));
            const response = await pollFor(ctx, () => getConfig(aws, fn, o.alias), (r) => r !== undefined, 5);
            const problems = checkConfigurationThere(where, response, 1);
            // Undo now, so that the expected state after the run (nothing) holds; ctx.undo repeats it harmlessly.
            await deregister();
            await deleteConfig();
            return problems;
        }
        case "deregister-leaves-capacity": {
            ctx.undo.push(deleteConfig);
            await aws.aasClient.send(new aws.aas.DeregisterScalableTargetCommand(target));
            await ctx.settings.clock.sleep(60_000);
            return checkConfigurationThere(where, await getConfig(aws, fn, o.alias));
        }
        case "fill-when-idle": {
            // Above the minimum first (the count is the target's, not the stack's: ignoreChanges), then no traffic.
            await aws.lambdaClient.send(
                new aws.lambda.PutProvisionedConcurrencyConfigCommand({ FunctionName: fn, Qualifier: o.alias, ProvisionedConcurrentExecutions: 3 }),
            );
            await waitUntil(ctx, new Date(ctx.settings.clock.now().getTime() + IDLE_MINUTES * 60_000));
            const outcome = describeIdleOutcome(where, 3, await getConfig(aws, fn, o.alias), 1, IDLE_MINUTES);
            // Unverified in the README: reported, not judged.
            const report = ctx.settings.reportNote === undefined ? outcome : `${outcome} (${ctx.settings.reportNote})`;
            ctx.reports.push(report);
            ctx.settings.log(`  REPORT ${report}`);
            return [];
        }
    }
}

function mergeFootprints(a: Footprint, b: Footprint): Footprint {
    const union = (x: readonly string[], y: readonly string[]): string[] => [...new Set([...x, ...y])];
    return {
        functions: union(a.functions, b.functions),
        resourceIds: union(a.resourceIds, b.resourceIds),
        roles: union(a.roles, b.roles),
        rules: union(a.rules, b.rules),
        logGroups: union(a.logGroups, b.logGroups),
        alarms: union(a.alarms, b.alarms),
        dashboards: union(a.dashboards, b.dashboards),
        warmerLogGroups: union(a.warmerLogGroups, b.warmerLogGroups),
    };
}

/** Destroys and removes every stack still alive; a failure here is reported with the stack's name to clean by hand. */
async function cleanUp(live: Stack[]): Promise<string[]> {
    const problems: string[] = [];
    while (live.length > 0) {
        const stack = live.shift() as Stack;
        try {
            await stack.cancel().catch(() => undefined);
            // Refresh first: an interrupted `up` leaves the state behind AWS. Keep going past one failed delete so
            // that the others still happen; a failure still throws, and the stack is reported.
            await stack.destroy({ remove: true, refresh: true, continueOnError: true });
        } catch (error) {
            problems.push(`could not destroy stack ${stack.name}: ${(error as Error).message}; run \`pulumi destroy -s ${stack.name}\``);
        }
    }
    return problems;
}

/** What one case came to: its problems (none: passed) and the outcomes it reported without judging them. */
export interface CaseOutcome {
    readonly name: string;
    readonly problems: string[];
    readonly reports: string[];
}

export interface RunOptions {
    readonly region: string;
    /** The start of every stack's name. */
    readonly runId: string;
    /** Environment variables of every stack's commands (the backend and the passphrase). */
    readonly envVars: Record<string, string>;
    /** Named in the message of a stack that could not be destroyed. */
    readonly backend: string;
    readonly signal: AbortSignal;
    /** The stacks alive, newest first (the caller's, to name them when it must exit at once). */
    readonly live?: Stack[];
    readonly settings: RunSettings;
}

/**
 * Runs the cases one after the other; after each, undoes what it made out of band and destroys and removes its
 * stacks, whatever happened.
 */
export async function runCases(cases: readonly Case[], options: RunOptions): Promise<CaseOutcome[]> {
    const { region, runId, envVars, signal, settings } = options;
    const live = options.live ?? [];
    const aws = await awsClients(region, settings);
    const ctx: RunContext = { aws, settings, region, runId, envVars, signal, live, undo: [], reports: [] };
    const outcomes: CaseOutcome[] = [];
    try {
        for (const c of cases) {
            const problems: string[] = [];
            ctx.reports.length = 0;
            if (signal.aborted) {
                outcomes.push({ name: c.name, problems: [`${c.name}: not run (${String(signal.reason)})`], reports: [] });
                continue;
            }
            settings.log(`[${c.name}] ${c.describe}`);
            try {
                problems.push(...(await runCase(ctx, c)));
            } catch (error) {
                problems.push(`${c.name}: ${(error as Error).message}`);
            } finally {
                while (ctx.undo.length > 0) {
                    const undo = ctx.undo.pop() as () => Promise<void>;
                    await undo().catch((error: unknown) => problems.push(`${c.name}: could not undo an out-of-band change: ${(error as Error).message}`));
                }
                problems.push(...(await cleanUp(live)).map((p) => `${p} with PULUMI_BACKEND_URL=${options.backend}`));
            }
            outcomes.push({ name: c.name, problems, reports: [...ctx.reports] });
        }
    } finally {
        destroyClients(aws);
    }
    return outcomes;
}

export async function main(argv: readonly string[], env: NodeJS.ProcessEnv = process.env): Promise<number> {
    const reason = skipReason(env);
    if (reason !== undefined) {
        console.log(reason);
        return 0;
    }
    const options = parseArguments(argv);
    if (typeof options === "string") {
        console.error(`test:aws: ${options}`);
        return 2;
    }
    const region = env.AWS_REGION ?? env.AWS_DEFAULT_REGION;
    if (region === undefined || region === "") {
        console.error("test:aws: set AWS_REGION to the region to deploy to");
        return 2;
    }
    const cases = selectCases(options.cases);
    if (typeof cases === "string") {
        console.error(`test:aws: ${cases}`);
        return 2;
    }
    console.log(formatEstimate(cases, region));
    if (!options.yes) {
        console.log("test:aws: nothing deployed; run `npm run test:aws -- --yes` to accept this estimate");
        return 0;
    }

    const runId = `acc-${Date.now().toString(36)}-${crypto.randomBytes(3).toString("hex")}`;
    // A backend of its own unless one is given: the run leaves no state behind in the user's usual backend.
    const ownBackend = env.PULUMI_BACKEND_URL === undefined ? fs.mkdtempSync(path.join(os.tmpdir(), "lambda-concurrency-acceptance-")) : undefined;
    const backend = env.PULUMI_BACKEND_URL ?? `file://${ownBackend}`;
    const envVars: Record<string, string> = {
        PULUMI_BACKEND_URL: backend,
        PULUMI_CONFIG_PASSPHRASE: env.PULUMI_CONFIG_PASSPHRASE ?? crypto.randomBytes(16).toString("hex"),
    };
    Object.assign(process.env, envVars);
    const controller = new AbortController();
    const live: Stack[] = [];
    const stop = (why: string): void => {
        if (controller.signal.aborted) {
            console.error(`test:aws: ${why} again; exiting now. Left to destroy: ${live.map((s) => s.name).join(", ") || "nothing"}`);
            process.exit(130);
        }
        console.error(`test:aws: ${why}; destroying what was deployed (again to exit at once)`);
        controller.abort(new Error(why));
    };
    process.on("SIGINT", () => stop("interrupted"));
    process.on("SIGTERM", () => stop("terminated"));
    const timer = setTimeout(() => stop(`time limit of ${options.timeoutMinutes} minutes reached`), options.timeoutMinutes * 60_000);

    const outcomes = await runCases(cases, { region, runId, envVars, backend, signal: controller.signal, live, settings: REAL_ACCOUNT });
    const failures = outcomes.flatMap((o) => o.problems);
    clearTimeout(timer);
    if (ownBackend !== undefined && !failures.some((f) => f.startsWith("could not destroy"))) {
        // Every stack was destroyed and removed: the state has nothing left worth keeping.
        fs.rmSync(ownBackend, { recursive: true, force: true });
    } else if (ownBackend !== undefined) {
        console.error(`test:aws: the state of the stacks left is kept in ${backend}`);
    }
    for (const f of failures) {
        console.error(`FAIL ${f}`);
    }
    console.log(failures.length === 0 ? `test:aws: ${cases.length} case(s) passed` : `test:aws: ${failures.length} problem(s)`);
    return failures.length === 0 ? 0 : 1;
}

if (require.main === module) {
    main(process.argv.slice(2)).then(
        (code) => process.exit(code),
        (error: unknown) => {
            console.error(error);
            process.exit(1);
        },
    );
}
