/**
 * What `npm run test:aws` deploys and what it expects to find, with no AWS or Pulumi call: the sample programs, the
 * lifecycle transitions, the expected state after each step, the cost estimate and the reasons to skip. Kept pure so
 * that tests/acceptance/plan.test.ts checks it offline; acceptance/run.ts does the deploying.
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { pricesFor } from "../aws-facts/pricing";
import type { ExpectedAction } from "./checks";

/** What one step's deployment must look like in AWS, for one function. */
export interface ExpectedState {
    readonly functionName: string;
    /** Exactly these qualifiers carry a provisioned concurrency configuration, with these counts. */
    readonly configs: readonly { qualifier: string; requested: number | { min: number; max: number } }[];
    /** The scalable target on a qualifier, its bounds, policy and actions; absent when there is none. */
    readonly target?: {
        readonly qualifier: string;
        readonly minCapacity?: number;
        readonly maxCapacity?: number;
        /** Every scaling activity suspended (FixedConcurrency's target) or none (the scaling components'). */
        readonly suspended?: boolean;
        /** The target tracking value, or undefined for no policy. */
        readonly targetValue?: number;
        readonly actions: readonly ExpectedAction[];
    };
    /** Qualifiers that must have no scalable target (removed, or never a scaling component). */
    readonly noTargetOn: readonly string[];
    /** Invoke this qualifier and expect a provisioned environment to answer. */
    readonly invoke?: string;
    /** The warmer's report must show this many instances reached. */
    readonly warmer?: { readonly requested: number };
    /** The `up` that led here must create, replace and delete nothing (a rename with aliases). */
    readonly noChurn?: boolean;
}

export type Outputs = Readonly<Record<string, string>>;

/** A step of a case: a sample program picked by `scenario`, or a transition's program (acceptance/programs.ts). */
export type StepProgram =
    /** A sample, with stack config values set before its `up` (e.g. the `rollout` sample's `revision`). */
    | { readonly scenario: string; readonly config?: Readonly<Record<string, string>> }
    | { readonly transition: string; readonly step: "before" | "after" };

/**
 * What the runner does after a step's `up` besides comparing with `expect` (acceptance/run.ts, runProbe): the claims
 * of README "What only AWS can tell" that need an out-of-band call, a wait, or an `up` that must fail.
 */
export type ProbeName =
    /** The `up` must fail with Lambda's refusal of provisioned concurrency on an alias with weighted routing. */
    | "weighted-alias-refused"
    /** The scheduled action `raise-min` (minimum above the maximum in force) fails when it runs; bounds unchanged. */
    | "min-above-max-fails"
    /** Before the next step's `up`, another program (the runner, out of band) puts a configuration on `live`. */
    | "configured-out-of-band"
    /** The action `off` (capacity 0) runs, and the configuration is gone. */
    | "scale-to-zero-deletes"
    /** A target registered out of band on an alias without a configuration creates one at the minimum. */
    | "register-creates-at-minimum"
    /** The component's target deregistered out of band: the configuration stays. */
    | "deregister-leaves-capacity"
    /** Reports (never fails) whether scaleInWhenIdle's FILL brings an idle alias to its minimum within 20 minutes. */
    | "fill-when-idle"
    /** The at() action `low` runs and takes the count from 2 to 1, below what the stack last saw. */
    | "scheduled-action-lowers";

/**
 * Requests sent while a step's `up` runs, one at a time: to the alias of the step before (its outputs `functionName`
 * and `alias`), counting the cold starts the deploy causes from the ColdStart metric lines in the function's log group
 * (its output `logGroup`), and the versions the answers name (`version`: the step before's `liveVersion`, then this
 * step's). acceptance/checks.ts, checkDeployUnderLoad, judges them.
 */
export interface DeployLoad {
    /** Requests a second, one at a time (a second one waits for the first's answer). */
    readonly perSecond: number;
}

export interface Step {
    readonly program: StepProgram;
    /** Requests to send while this step's `up` runs (the step before must be a sample with such outputs). */
    readonly load?: DeployLoad;
    /** Run after `expect` is checked (the `up` before it must fail for weighted-alias-refused). */
    readonly probe?: ProbeName;
    /** The most provisioned environments this step can hold while it is deployed (for the cost estimate). */
    readonly environments: number;
    /** How long this step stays deployed, at most, in minutes: allocation, checks, and the next change. */
    readonly minutes: number;
    readonly expect: (outputs: Outputs, now: Date) => ExpectedState;
}

export interface Case {
    readonly name: string;
    readonly describe: string;
    readonly steps: readonly Step[];
}

/** Allocation takes a minute or two (DESIGN.md, Lambda developer guide); the runner polls up to 10. */
export const STEP_MINUTES = 15;
/** The warmer runs every 5 minutes: waiting for its report can take two periods. */
export const WARMER_STEP_MINUTES = 20;
/** Every sample function is arm64 with 256 MB (programs/shared.ts). */
export const SAMPLE_MEMORY_MB = 256;

function alias(functionName: string, qualifier: string, requested: number | { min: number; max: number }, extra: Partial<ExpectedState> = {}): ExpectedState {
    return { functionName, configs: [{ qualifier, requested }], noTargetOn: [], invoke: qualifier, ...extra };
}

/** The `scheduled` sample's capacity in force: 10 from 08:00, 2 from 18:00 UTC (programs/scheduled.ts). */
export function scheduledCapacityAt(now: Date): number {
    const hour = now.getUTCHours();
    return hour >= 8 && hour < 18 ? 10 : 2;
}

/** The `rollout` sample's first step: revision 1 live on its version's 2 environments. */
const ROLLOUT_REVISION_1: Step = {
    program: { scenario: "rollout", config: { revision: "1" } },
    environments: 2,
    minutes: STEP_MINUTES,
    expect: (o) => alias(o.functionName, o.liveVersion, 2),
};

const SAMPLES: readonly Case[] = [
    {
        name: "hello-api",
        describe: "the HTTP API's `live` alias with 2 provisioned environments",
        steps: [{ program: { scenario: "hello-api" }, environments: 2, minutes: STEP_MINUTES, expect: (o) => alias(o.functionName, o.alias, 2) }],
    },
    {
        name: "fixed",
        describe: "2 provisioned environments on a published version",
        steps: [{ program: { scenario: "fixed" }, environments: 2, minutes: STEP_MINUTES, expect: (o) => alias(o.functionName, o.version, 2) }],
    },
    {
        name: "scheduled",
        describe: "10 by day, 2 by night on an alias, and its two scheduled actions",
        steps: [
            {
                program: { scenario: "scheduled" },
                environments: 10,
                minutes: STEP_MINUTES,
                expect: (o, now) =>
                    alias(o.functionName, o.alias, scheduledCapacityAt(now), {
                        target: {
                            qualifier: o.alias,
                            actions: [
                                { schedule: "cron(0 8 * * ? *)", minCapacity: 10, maxCapacity: 10 },
                                { schedule: "cron(0 18 * * ? *)", minCapacity: 2, maxCapacity: 2 },
                            ],
                        },
                    }),
            },
        ],
    },
    {
        name: "utilization",
        describe: "1 to 10 environments tracking 80% utilization on an alias",
        steps: [
            {
                program: { scenario: "utilization" },
                environments: 1,
                minutes: STEP_MINUTES,
                expect: (o) =>
                    alias(o.functionName, o.alias, { min: 1, max: 10 }, {
                        target: { qualifier: o.alias, minCapacity: 1, maxCapacity: 10, targetValue: 0.8, actions: [] },
                    }),
            },
        ],
    },
    {
        name: "business-hours",
        describe: "10-50 on weekday business hours (Europe/Paris), 1-5 otherwise, tracking 70% inside",
        steps: [
            {
                program: { scenario: "business-hours" },
                environments: 10,
                minutes: STEP_MINUTES,
                expect: (o) =>
                    alias(o.functionName, o.alias, { min: 1, max: 50 }, {
                        target: {
                            qualifier: o.alias,
                            targetValue: 0.7,
                            actions: [
                                { schedule: "cron(0 8 ? * MON-FRI *)", timezone: "Europe/Paris", minCapacity: 10, maxCapacity: 50 },
                                { schedule: "cron(0 19 ? * MON-FRI *)", timezone: "Europe/Paris", minCapacity: 1, maxCapacity: 5 },
                            ],
                        },
                    }),
            },
        ],
    },
    {
        name: "warmer",
        describe: "a LambdaWarmer keeping 3 instances warm every 5 minutes",
        steps: [
            {
                program: { scenario: "warmer" },
                environments: 0,
                minutes: WARMER_STEP_MINUTES,
                expect: (o) => ({ functionName: o.functionName, configs: [], noTargetOn: [], warmer: { requested: 3 } }),
            },
        ],
    },
    {
        name: "rollout",
        describe:
            "a WarmAlias: revision 1 live on its version's 2 environments, then revision 2 allocated before the alias moves and the old version's released, under load: no request meets a cold start",
        steps: [
            ROLLOUT_REVISION_1,
            {
                program: { scenario: "rollout", config: { revision: "2" } },
                load: { perSecond: 5 },
                // Both versions' environments while the new one is allocated.
                environments: 4,
                minutes: STEP_MINUTES,
                expect: (o) => alias(o.functionName, o.liveVersion, 2),
            },
        ],
    },
    {
        name: "canary",
        describe:
            "a WarmAlias canary: revision 2 takes 10% of the invocations on its own 2 environments while revision 1 keeps its 2, then the promotion leaves revision 2 alone, provisioned",
        steps: [
            ROLLOUT_REVISION_1,
            {
                program: { scenario: "rollout", config: { revision: "2", canaryWeight: "0.1" } },
                // Both versions provisioned while the canary runs.
                environments: 4,
                minutes: STEP_MINUTES,
                expect: (o) => ({
                    functionName: o.functionName,
                    configs: [
                        { qualifier: o.liveVersion, requested: 2 },
                        { qualifier: o.canaryVersion, requested: 2 },
                    ],
                    noTargetOn: [],
                    invoke: o.canaryVersion,
                }),
            },
            {
                program: { scenario: "rollout", config: { revision: "2" } },
                environments: 4,
                minutes: STEP_MINUTES,
                expect: (o) => alias(o.functionName, o.liveVersion, 2),
            },
        ],
    },
];

/** The lifecycle transitions of README "Changing your mind", each from its `before` program to its `after` one. */
const TRANSITIONS: readonly Case[] = [
    {
        name: "remove-scaling",
        describe: "remove a UtilizationScaling: its policy, target and configuration go",
        steps: [
            { program: { transition: "remove-scaling", step: "before" }, environments: 1, minutes: STEP_MINUTES, expect: utilizationOnLive(0.8) },
            {
                program: { transition: "remove-scaling", step: "after" },
                environments: 0,
                minutes: STEP_MINUTES,
                expect: (o) => ({ functionName: o.functionName, configs: [], noTargetOn: [o.alias] }),
            },
        ],
    },
    {
        name: "fixed-to-utilization",
        describe: "swap FixedConcurrency for UtilizationScaling of the same name on the same alias",
        steps: [
            { program: { transition: "fixed-to-utilization", step: "before" }, environments: 2, minutes: STEP_MINUTES, expect: fixedOnLive },
            { program: { transition: "fixed-to-utilization", step: "after" }, environments: 4, minutes: STEP_MINUTES, expect: utilizationOnLive(0.7) },
        ],
    },
    {
        name: "rename-with-aliases",
        describe: "rename a UtilizationScaling with `aliases`: nothing is created or deleted",
        steps: [
            { program: { transition: "rename-with-aliases", step: "before" }, environments: 1, minutes: STEP_MINUTES, expect: utilizationOnLive(0.8) },
            {
                program: { transition: "rename-with-aliases", step: "after" },
                environments: 1,
                minutes: STEP_MINUTES,
                expect: (o) => ({ ...utilizationOnLive(0.8)(o), noChurn: true }),
            },
        ],
    },
    {
        name: "version-to-alias",
        describe: "move a FixedConcurrency from a version to the alias on it: nothing left on the version",
        steps: [
            {
                program: { transition: "version-to-alias", step: "before" },
                environments: 2,
                minutes: STEP_MINUTES,
                expect: (o) => fixedOn(o.functionName, o.version),
            },
            {
                program: { transition: "version-to-alias", step: "after" },
                environments: 2,
                minutes: STEP_MINUTES,
                expect: (o) => fixedOn(o.functionName, o.alias, { noTargetOn: [o.version] }),
            },
        ],
    },
    {
        name: "by-name",
        describe: "a UtilizationScaling on a function the stack did not create: destroy leaves no configuration on it",
        steps: [
            { program: { transition: "by-name", step: "before" }, environments: 1, minutes: STEP_MINUTES, expect: utilizationOnLive(0.8) },
        ],
    },
];

/** How far ahead the programs put their `at()` actions: long enough for `up` to finish first. */
export const AT_LEAD_MINUTES = 3;
/** How long the fill-when-idle case leaves the alias without traffic. */
export const IDLE_MINUTES = 20;

/**
 * The claims of README "What is checked offline, and what only AWS can tell" that only an account can confirm, each
 * with a case that checks it (tests/acceptance/plan.test.ts reads the README and fails on a claim without a case).
 * `phrase` is a piece of the README's text that names the claim.
 */
export const AWS_ONLY_CLAIMS: readonly { readonly phrase: string; readonly cases: readonly string[]; readonly how: string }[] = [
    { phrase: "whether the function, version or alias exists", cases: ["hello-api", "fixed", "by-name"], how: "every step's up creates the configuration on a real function, version and alias" },
    { phrase: "whether your account's concurrency quota has room", cases: ["business-hours", "fixed-to-utilization"], how: "the largest steps must reach READY with all environments allocated" },
    { phrase: "whether an alias has weighted routing", cases: ["weighted-alias"], how: "FixedConcurrency on an alias with AdditionalVersionWeights: up fails with Lambda's error, no configuration" },
    { phrase: "whether a scheduled action's new minimum is above the maximum in force", cases: ["min-above-max"], how: "an at() action raising only the minimum above the maximum in force: DescribeScalingActivities shows it Failed, bounds unchanged" },
    { phrase: "whether another program or the console already configured the same version", cases: ["configured-out-of-band"], how: "an out-of-band Put before up: up overwrites it with the declared count, destroy removes it" },
    { phrase: "which version an alias points to", cases: ["warmer-on-provisioned-alias"], how: "a warmer on an alias whose version has provisioned concurrency: invoking the alias lands on a provisioned environment" },
    { phrase: "how long allocation takes", cases: ["hello-api", "fixed", "scheduled", "utilization"], how: "the runner prints how long each step took to settle" },
    { phrase: "Application Auto Scaling deletes the configuration when it scales to 0", cases: ["scale-to-zero"], how: "an at() action to capacity 0: GetProvisionedConcurrencyConfig is NotFound after it runs" },
    { phrase: "registering a target on an alias without a configuration creates one at the minimum", cases: ["register-without-config"], how: "RegisterScalableTarget out of band: a configuration appears at the minimum" },
    {
        phrase: "registering a target again brings a count Application Auto Scaling lowered back into its bounds",
        cases: ["fixed-after-scheduled-action"],
        how: "an at() action takes 2 to 1, then FixedConcurrency(2) takes over: the count is 2 again, its target 2-2 with scaling suspended",
    },
    { phrase: "deregistering leaves the capacity", cases: ["deregister-leaves-capacity"], how: "DeregisterScalableTarget out of band: the configuration is still there" },
    { phrase: "how `scaleInWhenIdle`'s `FILL` behaves when a function is idle", cases: ["fill-when-idle"], how: `${IDLE_MINUTES} minutes without traffic: the count is reported, not judged` },
];

/** `at(yyyy-mm-ddThh:mm:ss)` for `minutes` after `now`, whole minutes, UTC. */
export function atExpression(now: Date, minutes: number): { expression: string; firesAt: Date } {
    const firesAt = new Date(Math.ceil(now.getTime() / 60_000) * 60_000 + minutes * 60_000);
    return { expression: `at(${firesAt.toISOString().slice(0, 19)})`, firesAt };
}

/**
 * The claims only AWS can tell (AWS_ONLY_CLAIMS) that the samples and transitions don't check by themselves. Each
 * program is in acceptance/programs.ts under the case's name; a step with a probe gets its extra work in run.ts.
 */
const AWS_ONLY: readonly Case[] = [
    {
        name: "weighted-alias",
        describe: "FixedConcurrency on an alias with weighted routing: Lambda refuses it",
        steps: [
            { program: { transition: "weighted-alias", step: "before" }, environments: 0, minutes: 5, expect: (o) => ({ functionName: o.functionName, configs: [], noTargetOn: [] }) },
            {
                program: { transition: "weighted-alias", step: "after" },
                environments: 0,
                minutes: 5,
                probe: "weighted-alias-refused",
                expect: (o) => ({ functionName: o.functionName, configs: [], noTargetOn: [] }),
            },
        ],
    },
    {
        name: "min-above-max",
        describe: "a scheduled action raising only the minimum above the maximum in force fails when it runs",
        steps: [
            {
                program: { transition: "min-above-max", step: "before" },
                environments: 1,
                minutes: AT_LEAD_MINUTES + 10,
                probe: "min-above-max-fails",
                expect: (o) => alias(o.functionName, o.alias, 1, { invoke: undefined, target: { qualifier: o.alias, minCapacity: 1, maxCapacity: 1, actions: [{ schedule: "cron(0 0 * * ? *)", minCapacity: 1, maxCapacity: 1 }, { schedule: o.raiseMinAt, minCapacity: 3 }] } }),
            },
        ],
    },
    {
        name: "configured-out-of-band",
        describe: "another program configured the alias first: up overwrites it, destroy removes it",
        steps: [
            {
                program: { transition: "configured-out-of-band", step: "before" },
                environments: 3,
                minutes: 5,
                probe: "configured-out-of-band",
                expect: (o) => ({ functionName: o.functionName, configs: [], noTargetOn: [] }),
            },
            { program: { transition: "configured-out-of-band", step: "after" }, environments: 3, minutes: STEP_MINUTES, expect: fixedOnLive },
        ],
    },
    {
        name: "warmer-on-provisioned-alias",
        describe: "a warmer on an alias whose version has provisioned concurrency: its pings land on provisioned environments",
        steps: [
            {
                program: { transition: "warmer-on-provisioned-alias", step: "before" },
                environments: 2,
                minutes: STEP_MINUTES,
                expect: (o) => fixedOn(o.functionName, o.version, { invoke: o.alias }),
            },
        ],
    },
    {
        name: "scale-to-zero",
        describe: "a scheduled action to capacity 0: Application Auto Scaling deletes the configuration",
        steps: [
            {
                program: { transition: "scale-to-zero", step: "before" },
                environments: 1,
                minutes: AT_LEAD_MINUTES + 10,
                probe: "scale-to-zero-deletes",
                // Before the action runs: the configuration at the minimum in force (1), the probe then waits for it.
                expect: (o) => alias(o.functionName, o.alias, 1, { invoke: undefined }),
            },
        ],
    },
    {
        name: "fixed-after-scheduled-action",
        describe: "a scheduled action takes 2 to 1; FixedConcurrency(2) then takes over, though the stack last saw 2: registering its target sets 2 again",
        steps: [
            {
                program: { transition: "fixed-after-scheduled-action", step: "before" },
                environments: 2,
                minutes: AT_LEAD_MINUTES + 10,
                probe: "scheduled-action-lowers",
                // Before the action runs: `on` has held 2 since midnight.
                expect: (o) =>
                    alias(o.functionName, o.alias, 2, {
                        invoke: undefined,
                        target: {
                            qualifier: o.alias,
                            minCapacity: 2,
                            maxCapacity: 2,
                            suspended: false,
                            actions: [
                                { schedule: "cron(0 0 * * ? *)", minCapacity: 2, maxCapacity: 2 },
                                { schedule: o.lowAt, minCapacity: 1, maxCapacity: 1 },
                            ],
                        },
                    }),
            },
            { program: { transition: "fixed-after-scheduled-action", step: "after" }, environments: 2, minutes: STEP_MINUTES, expect: fixedOnLive },
        ],
    },
    {
        name: "register-without-config",
        describe: "a target registered on an alias without a configuration creates one at the minimum",
        steps: [
            {
                program: { transition: "register-without-config", step: "before" },
                environments: 2,
                minutes: 10,
                probe: "register-creates-at-minimum",
                expect: (o) => ({ functionName: o.functionName, configs: [], noTargetOn: [] }),
            },
        ],
    },
    {
        name: "deregister-leaves-capacity",
        describe: "deregistering the scalable target leaves the configuration",
        steps: [
            {
                program: { transition: "deregister-leaves-capacity", step: "before" },
                environments: 1,
                minutes: STEP_MINUTES,
                probe: "deregister-leaves-capacity",
                expect: utilizationOnLive(0.8),
            },
        ],
    },
    {
        name: "fill-when-idle",
        describe: `scaleInWhenIdle with no traffic for ${IDLE_MINUTES} minutes: reports whether capacity went to the minimum`,
        steps: [
            {
                program: { transition: "fill-when-idle", step: "before" },
                environments: 3,
                minutes: IDLE_MINUTES + STEP_MINUTES,
                probe: "fill-when-idle",
                expect: utilizationOnLive(0.8),
            },
        ],
    },
];

/** The transition programs' UtilizationScaling: 1 to 4 environments on `live` (acceptance/programs.ts). */
function utilizationOnLive(targetValue: number): (o: Outputs) => ExpectedState {
    return (o) =>
        alias(o.functionName, o.alias, { min: 1, max: 4 }, {
            target: { qualifier: o.alias, minCapacity: 1, maxCapacity: 4, suspended: false, targetValue, actions: [] },
        });
}

/** FixedConcurrency(2) on a qualifier: its configuration, and its target holding 2 with scaling suspended. */
function fixedOn(functionName: string, qualifier: string, extra: Partial<ExpectedState> = {}): ExpectedState {
    return alias(functionName, qualifier, 2, { target: { qualifier, minCapacity: 2, maxCapacity: 2, suspended: true, actions: [] }, ...extra });
}

function fixedOnLive(o: Outputs): ExpectedState {
    return fixedOn(o.functionName, o.alias);
}

export const CASES: readonly Case[] = [...SAMPLES, ...TRANSITIONS, ...AWS_ONLY];

/** The cases named on the command line (all when none), or an error naming the unknown ones. */
export function selectCases(names: readonly string[]): readonly Case[] | string {
    if (names.length === 0) {
        return CASES;
    }
    const unknown = names.filter((n) => !CASES.some((c) => c.name === n));
    if (unknown.length > 0) {
        return `unknown case ${unknown.join(", ")}; known: ${CASES.map((c) => c.name).join(", ")}`;
    }
    return CASES.filter((c) => names.includes(c.name));
}

export interface CostEstimate {
    /** Provisioned environment-hours, each step's environments for its minutes rounded up to 5-minute steps. */
    readonly environmentHours: number;
    /** USD for provisioned concurrency at the advisor's arm64 price (aws-facts/pricing.ts, us-east-1). */
    readonly provisionedUsd: number;
    /** The run's longest duration in minutes, every step at its most. */
    readonly minutes: number;
}

/**
 * An upper bound of what the run costs in provisioned concurrency, the only charge that accrues by the minute
 * whether invoked or not. Requests, the warmer's pings, API Gateway and the target tracking alarms cost fractions of
 * a cent for a run this short (pricing pages of Lambda, API Gateway and CloudWatch).
 */
export function estimateCost(cases: readonly Case[]): CostEstimate {
    const prices = pricesFor("arm64");
    const incrementMinutes = prices.provisionedBillingIncrementMs / 60_000;
    let environmentMinutes = 0;
    let minutes = 0;
    for (const c of cases) {
        for (const s of c.steps) {
            // "rounded up to the nearest five minutes" (Lambda pricing page).
            environmentMinutes += s.environments * Math.ceil(s.minutes / incrementMinutes) * incrementMinutes;
            minutes += s.minutes;
        }
    }
    const environmentHours = environmentMinutes / 60;
    const gbSeconds = environmentHours * 3600 * (SAMPLE_MEMORY_MB / 1024);
    return { environmentHours, provisionedUsd: gbSeconds * prices.provisionedConcurrencyPerGbSecond, minutes };
}

export function formatEstimate(cases: readonly Case[], region: string): string {
    const e = estimateCost(cases);
    return (
        `test:aws will deploy ${cases.length} case(s) in ${region} (${cases.map((c) => c.name).join(", ")}): ` +
        `at most ${e.environmentHours.toFixed(2)} provisioned environment-hours of ${SAMPLE_MEMORY_MB} MB arm64, ` +
        `about $${e.provisionedUsd.toFixed(3)} at us-east-1 prices, at most ${e.minutes} minutes`
    );
}

/** Why the run cannot happen on this machine, or undefined when it can. */
export function skipReason(env: NodeJS.ProcessEnv, home: string = os.homedir()): string | undefined {
    if (findOnPath("pulumi", env.PATH ?? "") === undefined) {
        return "test:aws skipped: the pulumi CLI is not on PATH (https://www.pulumi.com/docs/install/)";
    }
    if (!hasAwsCredentials(env, home)) {
        return "test:aws skipped: no AWS credentials (set AWS_ACCESS_KEY_ID, AWS_PROFILE or AWS_WEB_IDENTITY_TOKEN_FILE, or configure ~/.aws)";
    }
    return undefined;
}

function findOnPath(command: string, pathVariable: string): string | undefined {
    const names = process.platform === "win32" ? [`${command}.exe`, `${command}.cmd`] : [command];
    for (const dir of pathVariable.split(path.delimiter).filter((d) => d !== "")) {
        for (const name of names) {
            const candidate = path.join(dir, name);
            try {
                fs.accessSync(candidate, fs.constants.X_OK);
                return candidate;
            } catch {
                // not here
            }
        }
    }
    return undefined;
}

/**
 * The sources the AWS SDK's default credential chain reads (AWS SDK for JavaScript v3 developer guide, "Setting
 * credentials in Node.js"): environment, shared files, web identity, container and instance metadata. Instance
 * metadata can't be seen without a network call, so AWS_EC2_METADATA_DISABLED aside it needs one of the others here,
 * or `AWS_ACCEPTANCE_USE_IMDS=1` on an EC2 instance with a role.
 */
export function hasAwsCredentials(env: NodeJS.ProcessEnv, home: string): boolean {
    const set = (name: string): boolean => (env[name] ?? "") !== "";
    if ((set("AWS_ACCESS_KEY_ID") && set("AWS_SECRET_ACCESS_KEY")) || set("AWS_PROFILE") || set("AWS_WEB_IDENTITY_TOKEN_FILE")) {
        return true;
    }
    if (set("AWS_CONTAINER_CREDENTIALS_RELATIVE_URI") || set("AWS_CONTAINER_CREDENTIALS_FULL_URI") || set("AWS_ACCEPTANCE_USE_IMDS")) {
        return true;
    }
    const files = [env.AWS_SHARED_CREDENTIALS_FILE ?? path.join(home, ".aws", "credentials"), env.AWS_CONFIG_FILE ?? path.join(home, ".aws", "config")];
    return files.some((f) => fs.existsSync(f));
}
