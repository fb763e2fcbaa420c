// Property-based lifecycle tests (issue 19): random sequences of steps through the lifecycle model
// (tests/helpers/lifecycle: the Pulumi engine's step order, and what AWS does for each call), with three invariants
// checked after every step:
// - I1: after a `pulumi destroy`, nothing of the stack remains in the account; after a `pulumi up`, nothing remains of
//   what the program no longer has (a component removed, a qualifier left, monitoring turned off, a scaling component
//   swapped for another): every AWS object the stack made belongs to a component the program declares now. Whatever
//   came before: ups, refreshes, scheduled actions, tracking, failed steps, swaps, renames.
// - I2: after every `pulumi up` that completed, each qualifier a provisioned concurrency component manages has in AWS
//   (not in the stack's state) at least the minimum the component has in force then.
// - I3: no step changes or deletes an object of another stack deployed in the same account.
// The steps: `up` of a program from a fixed catalogue (up to two components), time passing from noon to evening or
// back (the scheduled actions of that time run), tracking asking for capacity, `refresh`, `destroy`, and `up`,
// `refresh` or `destroy` with one AWS call failing; every sequence ends with a `destroy`. The catalogue is declared
// once under the mocks before the properties run (a tenth of a second a program). What the README documents (a rename
// without aliases, and the DOCUMENTED patterns after a failed step) is checked as documented, with a named test each.
// The seed is fixed, so that `npm test` runs the same sequences every time; LIFECYCLE_SEED=<n> explores others,
// LIFECYCLE_RUNS=<n> runs more or fewer, LIFECYCLE_STEPS=<n> makes them longer. On failure, fast-check prints the
// seed, the path and the shrunk sequence of steps.
import { expect } from "chai";
import fc from "fast-check";
import * as pulumi from "@pulumi/pulumi";
import { FixedConcurrency, LambdaWarmer, ScheduledConcurrency, ScheduleArgs, UtilizationScaling, WarmAlias } from "../../components";
import {
    AwsError,
    AwsModel,
    AwsObjectRef,
    ProviderOperation,
    leftovers,
    missingInAws,
    objectKeys,
    provisionedConcurrency,
} from "../helpers/lifecycle/aws-model";
import { RESOURCE_SCHEMAS, deployed, destroy, refresh, up } from "../helpers/lifecycle/engine";
import { declaredBy } from "../helpers/lifecycle/from-mocks";
import { DeclaredResource, OperationResult, StackState, Step as EngineStep, TYPES, emptyState } from "../helpers/lifecycle/types";
import { mocks, resetProgram } from "../helpers/pulumi";

type Props = Record<string, unknown>;

// -------------------------------------------------------------------------------------------------------------------
// The account: the functions the stacks use by name (deployed elsewhere), each with versions 1 and 2, `live` at 2 and
// `blue` at 1. `orders` and `billing` are the first stack's; `payments` is the other stack's.

const STACK_FUNCTIONS = ["orders", "billing"];

function account(aws: AwsModel): void {
    for (const name of [...STACK_FUNCTIONS, "payments"]) {
        aws.addFunction(name, { versions: ["1", "2"], aliases: { live: "2", blue: "1" } });
    }
}

// -------------------------------------------------------------------------------------------------------------------
// The catalogue.

const NOON = new Date("2026-12-01T12:00:00Z");
const EVENING = new Date("2026-12-01T20:00:00Z");
type Clock = "noon" | "evening";

// Never 0: the components refuse it (at 0 Application Auto Scaling deletes the configuration).
const DAY_AND_NIGHT: ScheduleArgs[] = [
    { name: "day", schedule: "cron(0 8 * * ? *)", capacity: 10 },
    { name: "night", schedule: "cron(0 18 * * ? *)", capacity: 1 },
];
/** The schedules' capacities in force at each clock (the day from 08:00, the night from 18:00 UTC). */
const SCHEDULED_IN_FORCE: Record<Clock, number> = { noon: 10, evening: 1 };
/** FixedConcurrency's count: the day's, so that taking over a configuration a schedule created keeps its state's count. */
const FIXED_COUNT = 10;
const UTILIZATION = { minCapacity: 1, maxCapacity: 10 };

type Kind = "fixed" | "scheduled" | "utilization" | "warmer" | "warm" | "warm-scaling" | "warm-canary" | "warm-scaling-canary";
/** The kinds that are a WarmAlias: with a fixed count, with scaling (UTILIZATION's bounds), or a fixed count and a canary. */
const WARM_KINDS: ReadonlySet<Kind> = new Set<Kind>(["warm", "warm-scaling", "warm-canary", "warm-scaling-canary"]);
/** The WarmAlias kinds that scale (UTILIZATION's bounds): their declarations depend on what AWS has allocated (byLive). */
const SCALING_WARM_KINDS: ReadonlySet<Kind> = new Set<Kind>(["warm-scaling", "warm-scaling-canary"]);
/** The share of invocations a canary of the catalogue takes (its count is FIXED_COUNT, the default). */
const CANARY_WEIGHT = 0.5;
/**
 * The canary's count of the catalogue's WarmAlias that scales: below UTILIZATION's maximum, so that what a promotion
 * carries (the live version's count and the canary's) shows in I5.
 */
const SCALING_CANARY_COUNT = 3;
/** The alias a WarmAlias of the catalogue creates on orders (its qualifier is the version it deploys: 1 or 2). */
const WARM_ALIAS = "prod";
const SCHEDULED_TYPE = "lambda-concurrency:index:ScheduledConcurrency";
/** Two components at most: slot A (named `api` or `front`) and slot B (named `edge`, on billing:blue only). */
type Slot = "A" | "B";
const SLOT_NAMES: Record<Slot, readonly string[]> = { A: ["api", "front"], B: ["edge"] };

interface ComponentSpec {
    slot: Slot;
    kind: Kind;
    name: string;
    /** The name it had before: `aliases: [{ name }]`, a rename that keeps everything. Unset: no aliases. */
    formerName?: string;
    functionName: string;
    qualifier: string;
    /** Monitoring on, and for the provisioned concurrency components deleteOldConfigurationFirst: true (else false). */
    extras: boolean;
}

function labelOf(spec: ComponentSpec): string {
    const renamed = spec.formerName !== undefined ? ` (aliases: ${spec.formerName})` : "";
    const extras = !spec.extras ? "" : spec.kind === "warmer" ? " +monitoring" : " +monitoring +deleteOldConfigurationFirst";
    if (WARM_KINDS.has(spec.kind)) {
        return `${spec.kind} ${spec.name}${renamed}: ${spec.functionName}:${WARM_ALIAS} to version ${spec.qualifier}`;
    }
    return `${spec.kind} ${spec.name}${renamed} on ${spec.functionName}:${spec.qualifier}${extras}`;
}

function construct(spec: ComponentSpec): pulumi.ComponentResource {
    const opts = spec.formerName !== undefined ? { aliases: [{ name: spec.formerName }] } : undefined;
    const monitoring = spec.extras ? {} : undefined;
    const target = { functionName: spec.functionName, qualifier: spec.qualifier };
    const provisioned = { ...target, monitoring, deleteOldConfigurationFirst: spec.extras };
    switch (spec.kind) {
        case "fixed":
            return new FixedConcurrency(spec.name, { ...provisioned, provisionedConcurrentExecutions: FIXED_COUNT }, opts);
        case "scheduled":
            return new ScheduledConcurrency(spec.name, { ...provisioned, schedules: DAY_AND_NIGHT }, opts);
        case "utilization":
            return new UtilizationScaling(spec.name, { ...provisioned, ...UTILIZATION }, opts);
        case "warmer":
            return new LambdaWarmer(spec.name, { targets: [{ ...target, concurrency: 3 }], monitoring }, opts);
        case "warm":
            return new WarmAlias(
                spec.name,
                { functionName: spec.functionName, aliasName: WARM_ALIAS, functionVersion: spec.qualifier, provisionedConcurrentExecutions: FIXED_COUNT },
                opts,
            );
        case "warm-scaling":
            return new WarmAlias(spec.name, { functionName: spec.functionName, aliasName: WARM_ALIAS, functionVersion: spec.qualifier, scaling: UTILIZATION }, opts);
        case "warm-scaling-canary":
            return new WarmAlias(
                spec.name,
                {
                    functionName: spec.functionName,
                    aliasName: WARM_ALIAS,
                    functionVersion: spec.qualifier,
                    scaling: UTILIZATION,
                    canary: { weight: CANARY_WEIGHT, provisionedConcurrentExecutions: SCALING_CANARY_COUNT },
                },
                opts,
            );
        case "warm-canary":
            return new WarmAlias(
                spec.name,
                {
                    functionName: spec.functionName,
                    aliasName: WARM_ALIAS,
                    functionVersion: spec.qualifier,
                    provisionedConcurrentExecutions: FIXED_COUNT,
                    canary: { weight: CANARY_WEIGHT },
                },
                opts,
            );
    }
}

/** What AWS must hold on the component's qualifier after an `up` at `clock`; undefined for a warmer. */
function minimumInForce(spec: ComponentSpec, clock: Clock): number | undefined {
    switch (spec.kind) {
        case "fixed":
        case "warm":
        case "warm-canary":
            return FIXED_COUNT;
        case "scheduled":
            return SCHEDULED_IN_FORCE[clock];
        case "utilization":
        case "warm-scaling":
        case "warm-scaling-canary":
            return UTILIZATION.minCapacity;
        case "warmer":
            return undefined;
    }
}

/** Slot A: every kind on an alias of another version, an alias and the version it points at, another function. */
function catalogueA(): ComponentSpec[] {
    const specs: ComponentSpec[] = [];
    const names: [string, string | undefined][] = [
        ["api", undefined],
        ["front", "api"],
        ["front", undefined],
        ["api", "front"],
    ];
    for (const kind of ["fixed", "scheduled", "utilization", "warmer"] as const) {
        const targets = kind === "warmer" ? ["orders:live", "billing:live"] : ["orders:live", "orders:blue", "orders:1", "billing:live"];
        for (const target of targets) {
            const [functionName, qualifier] = target.split(":");
            for (const [name, formerName] of names) {
                for (const extras of [false, true]) {
                    specs.push({ slot: "A", kind, name, formerName, functionName, qualifier, extras });
                }
            }
        }
    }
    // WarmAlias: a deploy is an up from one version to the other (2 after 1, or back), on the version a FixedConcurrency
    // of the catalogue also uses (orders:1).
    for (const kind of ["warm", "warm-scaling", "warm-canary", "warm-scaling-canary"] as const) {
        for (const version of ["1", "2"]) {
            for (const [name, formerName] of names) {
                specs.push({ slot: "A", kind, name, formerName, functionName: "orders", qualifier: version, extras: false });
            }
        }
    }
    return specs;
}

/** Slot B: a second component of the program, on a qualifier slot A never uses. */
function catalogueB(): ComponentSpec[] {
    return (["fixed", "scheduled", "utilization", "warmer"] as const).flatMap((kind) =>
        [false, true].map((extras): ComponentSpec => ({ slot: "B", kind, name: "edge", functionName: "billing", qualifier: "blue", extras })),
    );
}

/** The components whose declaration does not depend on the time (no schedules): declared once, at noon. */
const CLOCK_FREE: ReadonlySet<Kind> = new Set<Kind>(["fixed", "utilization", "warmer", "warm", "warm-scaling", "warm-canary", "warm-scaling-canary"]);

interface CatalogueEntry {
    spec: ComponentSpec;
    /** What the component declares whatever AWS holds (not for a WarmAlias that scales: see byLive). */
    declared: Record<Clock, DeclaredResource[]>;
    /**
     * A WarmAlias that scales reads AWS when the program runs (live-count.ts): which version its alias routes to and
     * what is allocated there (the count it carries), and, through the readback before the alias moves, what is
     * allocated on its own version. What it declares for each state of AWS a sequence can reach, keyed by liveKey,
     * declared ahead so that the sequences stay synchronous.
     */
    byLive?: Map<string, DeclaredResource[]>;
    /**
     * A WarmAlias with a fixed count, with or without a canary, reads how its alias routes (canary-plan.ts): what it
     * declares for each routing a sequence can reach, keyed by routingKey (its readbacks pass: a version that fails
     * to initialize fails the configuration's own create or update first).
     */
    byRouting?: Map<string, DeclaredResource[]>;
}

/** The key of byRouting: the alias's version and the version it sends a canary weight to ("-" for none). */
function routingKey(aliasVersion: string | undefined, canaryVersion: string | undefined): string {
    return `${aliasVersion ?? "-"}:${canaryVersion ?? "-"}`;
}

/** The routings of the alias a sequence can reach on versions 1 and 2: none, one version, one and a canary on the other. */
const ROUTINGS: [string | undefined, string | undefined][] = [
    [undefined, undefined],
    ["1", undefined],
    ["2", undefined],
    ["1", "2"],
    ["2", "1"],
];

/** The version the alias of the catalogue's WarmAlias sends a canary weight to, if any. */
function canaryVersionOf(aws: AwsModel): string | undefined {
    return Object.keys(aws.aliasWeightsOf("orders", WARM_ALIAS) ?? {})[0];
}

/** Declares a WarmAlias with a fixed count for every routing of ROUTINGS, with the mocks reading that routing. */
async function declareByRouting(spec: ComponentSpec): Promise<Map<string, DeclaredResource[]>> {
    const byRouting = new Map<string, DeclaredResource[]>();
    for (const [aliasVersion, canaryVersion] of ROUTINGS) {
        mocks.awsView = {
            aliasVersion: (functionName, alias) => (functionName === spec.functionName && alias === WARM_ALIAS ? aliasVersion : undefined),
            aliasWeights: (functionName, alias) =>
                functionName === spec.functionName && alias === WARM_ALIAS && canaryVersion !== undefined ? { [canaryVersion]: CANARY_WEIGHT } : undefined,
            allocated: () => undefined,
        };
        try {
            byRouting.set(routingKey(aliasVersion, canaryVersion), await declaredBy(() => construct(spec), NOON));
        } finally {
            mocks.awsView = undefined;
        }
    }
    return byRouting;
}

/** What is allocated on a version, as the readback's check sees it: no configuration, none allocated, some. */
type AllocationClass = "absent" | "none" | "some";

function allocationClass(allocated: number | undefined): AllocationClass {
    return allocated === undefined ? "absent" : allocated === 0 ? "none" : "some";
}

/**
 * The key of byLive: the alias's version ("-" for no alias) and the version it sends a canary weight to ("-" for
 * none); when the alias's version is another than the component's, what is allocated there; and what is allocated on
 * the component's own version. What is allocated on the alias's version is, for a WarmAlias that scales without a
 * canary, the count it carries to its own (none, or kept in UTILIZATION's bounds; "-" for no configuration, whose
 * read fails); with a canary, whose own version is the canary, only what the live version's readback finds.
 */
function liveKey(
    kind: Kind,
    aliasVersion: string | undefined,
    canaryVersion: string | undefined,
    ownVersion: string,
    allocatedOnAlias: number | undefined,
    allocatedOnOwn: number | undefined,
): string {
    const routing = `${aliasVersion ?? "-"}>${canaryVersion ?? "-"}`;
    if (aliasVersion === undefined || aliasVersion === ownVersion) {
        return `${routing}:${allocationClass(allocatedOnOwn)}`;
    }
    // A promotion carries the canary's own environments too (live-count.ts).
    const promoted = canaryVersion === ownVersion;
    const count = allocatedOnAlias === undefined || (promoted && allocatedOnOwn === undefined) ? undefined : allocatedOnAlias + (promoted ? (allocatedOnOwn ?? 0) : 0);
    const carried = count === undefined ? "-" : count === 0 ? "0" : String(Math.min(UTILIZATION.maxCapacity, Math.max(UTILIZATION.minCapacity, count)));
    const onAlias = kind === "warm-scaling-canary" ? allocationClass(allocatedOnAlias) : carried;
    return `${routing}:${onAlias}:${allocationClass(allocatedOnOwn)}`;
}

/**
 * One state of AWS for each key of byLive: the alias's version, the version it sends a canary weight to, what is
 * allocated on the alias's version and on the own version.
 */
function liveStates(kind: Kind, ownVersion: string): [string | undefined, string | undefined, number | undefined, number | undefined][] {
    const own: (number | undefined)[] = [undefined, 0, 1];
    const other = ownVersion === "1" ? "2" : "1";
    const states: [string | undefined, string | undefined, number | undefined, number | undefined][] = [];
    for (const allocated of own) {
        states.push([undefined, undefined, undefined, allocated]);
        // The alias on the own version, with or without a canary weight on the other (a rollback drops it).
        for (const canary of [undefined, other]) {
            states.push([ownVersion, canary, allocated, allocated]);
        }
    }
    const onAliasCounts = kind === "warm-scaling-canary" ? [0, 1] : Array.from({ length: UTILIZATION.maxCapacity + 1 }, (_, i) => i);
    for (const onAlias of [undefined, ...onAliasCounts]) {
        for (const allocated of own) {
            // The alias on the other version, with or without a canary weight on the own one (a promotion, or the canary
            // going on).
            for (const canary of [undefined, ownVersion]) {
                states.push([other, canary, onAlias, allocated]);
            }
        }
    }
    return states;
}

/** What the spec's component declares when AWS holds `aws`. */
function declarationFor(found: CatalogueEntry, clock: Clock, aws: AwsModel): DeclaredResource[] {
    if (found.byRouting !== undefined) {
        const key = routingKey(aws.aliasesOf(found.spec.functionName)[WARM_ALIAS], canaryVersionOf(aws));
        const declared = found.byRouting.get(key);
        if (declared === undefined) {
            throw new Error(`${labelOf(found.spec)}: no declaration for the routing ${key}`);
        }
        return declared;
    }
    if (found.byLive === undefined) {
        return found.declared[clock];
    }
    const aliasVersion = aws.aliasesOf(found.spec.functionName)[WARM_ALIAS];
    const allocatedOn = (version: string | undefined): number | undefined =>
        version === undefined ? undefined : aws.provisionedConcurrencyConfig(found.spec.functionName, version)?.allocated;
    const key = liveKey(found.spec.kind, aliasVersion, canaryVersionOf(aws), found.spec.qualifier, allocatedOn(aliasVersion), allocatedOn(found.spec.qualifier));
    const declared = found.byLive.get(key);
    if (declared === undefined) {
        throw new Error(`${labelOf(found.spec)}: no declaration for the state ${key}`);
    }
    return declared;
}

/** Declares a WarmAlias that scales for every state of liveStates, with the mocks reading that state. */
async function declareByLive(spec: ComponentSpec): Promise<Map<string, DeclaredResource[]>> {
    const byLive = new Map<string, DeclaredResource[]>();
    for (const [aliasVersion, canaryVersion, allocatedOnAlias, allocatedOnOwn] of liveStates(spec.kind, spec.qualifier)) {
        // A canary's fixed count is put at the up, so its readback finds it, unless nothing can be allocated there (the
        // mocks answer with the declared count for a version they are given nothing for).
        const ownIsCanary = spec.kind === "warm-scaling-canary" && aliasVersion !== undefined && aliasVersion !== spec.qualifier;
        const allocated = new Map<string | undefined, number | undefined>([
            [spec.qualifier, ownIsCanary && allocatedOnOwn !== 0 ? undefined : allocatedOnOwn],
            [aliasVersion, allocatedOnAlias],
        ]);
        mocks.awsView = {
            aliasVersion: (functionName, alias) => (functionName === spec.functionName && alias === WARM_ALIAS ? aliasVersion : undefined),
            aliasWeights: (functionName, alias) =>
                functionName === spec.functionName && alias === WARM_ALIAS && canaryVersion !== undefined ? { [canaryVersion]: CANARY_WEIGHT } : undefined,
            allocated: (functionName, qualifier) => (functionName === spec.functionName ? allocated.get(qualifier) : undefined),
        };
        // With none allocated on a version it reads back, the program stops at the readback and logs why: expected here.
        const logError = console.error;
        if (allocatedOnOwn === 0 || allocatedOnAlias === 0) {
            console.error = (): void => undefined;
        }
        try {
            byLive.set(liveKey(spec.kind, aliasVersion, canaryVersion, spec.qualifier, allocatedOnAlias, allocatedOnOwn), await declaredBy(() => construct(spec), NOON));
        } finally {
            mocks.awsView = undefined;
            console.error = logError;
        }
    }
    return byLive;
}

const catalogue = new Map<string, CatalogueEntry>();

async function declareCatalogue(): Promise<void> {
    for (const spec of [...catalogueA(), ...catalogueB()]) {
        const noon = await declaredBy(() => construct(spec), NOON);
        const evening = CLOCK_FREE.has(spec.kind) ? noon : await declaredBy(() => construct(spec), EVENING);
        const byLive = SCALING_WARM_KINDS.has(spec.kind) ? await declareByLive(spec) : undefined;
        const byRouting = spec.kind === "warm" || spec.kind === "warm-canary" ? await declareByRouting(spec) : undefined;
        catalogue.set(labelOf(spec), { spec, declared: { noon, evening }, byLive, byRouting });
    }
}

function entry(label: string): CatalogueEntry {
    const found = catalogue.get(label);
    if (found === undefined) {
        throw new Error(`not in the catalogue: ${label}`);
    }
    return found;
}

// -------------------------------------------------------------------------------------------------------------------
// The other stack: fixed, deployed first into the same account, never changed.

async function declareOtherStack(): Promise<DeclaredResource[]> {
    return declaredBy(() => {
        new UtilizationScaling("other", { functionName: "payments", qualifier: "live", ...UTILIZATION, schedules: DAY_AND_NIGHT, monitoring: {} });
        new LambdaWarmer("other-warmer", { targets: [{ functionName: "payments", qualifier: "blue", concurrency: 2 }], monitoring: {} });
    }, NOON);
}

// -------------------------------------------------------------------------------------------------------------------
// AWS with a failure that a step can arm: the Nth operation of the provider from now fails (a throttle), through the
// model's own failNext.

class FlakyAws extends AwsModel {
    private armed: number | undefined;

    /** The `call`-th provider operation from now (0: the next) fails, once. */
    public arm(call: number): void {
        this.armed = call;
    }

    /** Forgets an armed failure that no operation reached. */
    public disarm(): void {
        this.armed = undefined;
    }

    private count(operation: ProviderOperation, type: string): void {
        if (this.armed === undefined) {
            return;
        }
        if (this.armed === 0) {
            this.armed = undefined;
            this.failNext(operation, type, new AwsError("Injected", "ThrottlingException", "Rate exceeded"));
            return;
        }
        this.armed -= 1;
    }

    public override create(type: string, props: Props, id?: string): Props {
        this.count("create", type);
        return super.create(type, props, id);
    }

    /**
     * MODEL GAP, worked around here: the engine model's update sends the auto-name the mocks gave the program's
     * resource now (from its logical name, at its first creation), while the bridged provider's Check keeps the name
     * of the old state when the program gives none (tests/helpers/stand-in/bridge.ts, checkInputs). After a rename
     * with aliases, or an update of a resource that was created again (a replacement, a create after a refresh), the
     * model's update put an object of another name and left the old one behind (found by these properties: a
     * ScheduledConcurrency `api` with monitoring renamed `front` with `aliases: [{ name: "api" }]` left the alarm
     * `api-spillover-...` after destroy). An update never changes a name of its own (every auto-named property here
     * forces a replacement), so a different one can only be the mocks'.
     */
    public override update(type: string, id: string | undefined, olds: Props, props: Props): Props {
        this.count("update", type);
        const property = RESOURCE_SCHEMAS[type]?.autoNameProperty;
        const kept = property !== undefined && typeof olds[property] === "string" ? { ...props, [property]: olds[property] } : props;
        return super.update(type, id, olds, kept);
    }

    public override delete(type: string, id: string | undefined, props: Props): void {
        this.count("delete", type);
        super.delete(type, id, props);
    }

    public override read(type: string, id: string | undefined, props: Props): Props | undefined {
        this.count("read", type);
        return super.read(type, id, props);
    }
}

// -------------------------------------------------------------------------------------------------------------------
// Steps.

interface Program {
    a: string | null;
    b: string | null;
}

type Step =
    | ({ op: "up" } & Program)
    /** `pulumi up` whose `call`-th AWS operation fails. */
    | ({ op: "failing up"; call: number } & Program)
    | { op: "failing refresh"; call: number }
    | { op: "failing destroy"; call: number }
    | { op: "refresh" }
    | { op: "destroy" }
    /** Time passes to the next noon or evening: the scheduled actions of that time run (day at 08:00, night at 18:00). */
    | { op: "time passes" }
    /** Target tracking asks for `desired` environments on every target with a tracking policy (kept within bounds). */
    | { op: "load"; desired: number }
    /** Version `version` of orders fails to initialize from now on: every allocation there ends FAILED. */
    | { op: "broken version"; version: "1" | "2" };

function stepArbitrary(): fc.Arbitrary<Step> {
    const a = fc.option(fc.constantFrom(...catalogueA().map(labelOf)), { freq: 6 });
    const b = fc.option(fc.constantFrom(...catalogueB().map(labelOf)), { freq: 2 });
    const call = fc.nat({ max: 12 });
    return fc.oneof(
        { weight: 6, arbitrary: fc.record({ op: fc.constant("up" as const), a, b }) },
        { weight: 2, arbitrary: fc.record({ op: fc.constant("failing up" as const), call, a, b }) },
        { weight: 1, arbitrary: fc.record({ op: fc.constant("failing refresh" as const), call }) },
        { weight: 1, arbitrary: fc.record({ op: fc.constant("failing destroy" as const), call }) },
        { weight: 2, arbitrary: fc.constant({ op: "refresh" as const }) },
        { weight: 1, arbitrary: fc.constant({ op: "destroy" as const }) },
        { weight: 2, arbitrary: fc.constant({ op: "time passes" as const }) },
        { weight: 2, arbitrary: fc.record({ op: fc.constant("load" as const), desired: fc.integer({ min: 1, max: 12 }) }) },
        { weight: 1, arbitrary: fc.record({ op: fc.constant("broken version" as const), version: fc.constantFrom<"1" | "2">("1", "2") }) },
    );
}

// -------------------------------------------------------------------------------------------------------------------
// What belongs to what.

/** Whether `text` has `word` as a whole word (not inside a longer name). */
function hasWord(text: string, word: string): boolean {
    return new RegExp(`(^|[^A-Za-z0-9])${word}([^A-Za-z0-9]|$)`).test(text);
}

const WARMER_TYPES = [
    TYPES.role,
    TYPES.rolePolicy,
    TYPES.iamPolicy,
    TYPES.rolePolicyAttachment,
    TYPES.logGroup,
    TYPES.eventRule,
    TYPES.eventTarget,
    TYPES.permission,
    TYPES.functionEventInvokeConfig,
].map((t) => `${t}:`);
const MONITORING_TYPES = [TYPES.metricAlarm, TYPES.dashboard].map((t) => `${t}:`);

/**
 * Whether an AWS object belongs to a component the program declares: its qualifier's configuration and scalable
 * target, the scheduled actions of a ScheduledConcurrency, the policy (and its alarms) of a UtilizationScaling, and
 * the objects named after the component (its slot's names: a renamed dashboard keeps its first name) of the types it
 * creates: alarms and dashboard with monitoring, the function, role, policies, logs, rules and permission of a warmer.
 */
function belongsTo(object: AwsObjectRef, spec: ComponentSpec): boolean {
    const key = object.key;
    if (WARM_KINDS.has(spec.kind) && key === `lambda:alias:${spec.functionName}:${WARM_ALIAS}`) {
        return true;
    }
    if (spec.kind !== "warmer") {
        const qualifier = `${spec.functionName}:${spec.qualifier}`;
        const resourceId = `function:${qualifier}`;
        if (key === `lambda:provisioned-concurrency:${qualifier}` || key === `application-autoscaling:scalable-target:${resourceId}`) {
            return true;
        }
        if (spec.kind === "scheduled" && key.startsWith(`application-autoscaling:scheduled-action:${resourceId}:`)) {
            return true;
        }
        if (
            (spec.kind === "utilization" || SCALING_WARM_KINDS.has(spec.kind)) &&
            (key.startsWith(`application-autoscaling:scaling-policy:${resourceId}:`) || key.startsWith(`cloudwatch:alarm:TargetTracking-${resourceId}-`))
        ) {
            return true;
        }
    }
    const types = [...(spec.extras ? MONITORING_TYPES : []), ...(spec.kind === "warmer" ? [...WARMER_TYPES, "lambda:function:"] : [])];
    return types.some((t) => key.startsWith(t) && SLOT_NAMES[spec.slot].some((name) => hasWord(key.slice(t.length), name)));
}

/** The objects of `keys`, each with all the model tells of it (absent: undefined): any change of it is a change. */
function describeObjects(aws: AwsModel, keys: ReadonlySet<string>): Record<string, string | undefined> {
    const described = new Map<string, string>(aws.objects().map((o) => [o.key, o.kind]));
    const set = (key: string, value: unknown): void => {
        if (described.has(key)) {
            described.set(key, JSON.stringify(value));
        }
    };
    for (const c of aws.provisionedConcurrencyConfigs()) {
        set(`lambda:provisioned-concurrency:${c.functionName}:${c.qualifier}`, aws.provisionedConcurrencyConfig(c.functionName, c.qualifier));
    }
    for (const t of aws.scalableTargetList()) {
        set(`application-autoscaling:scalable-target:${t.resourceId}`, t);
    }
    for (const p of aws.scalingPolicyList()) {
        set(`application-autoscaling:scaling-policy:${p.resourceId}:${p.name}`, p);
    }
    for (const a of aws.scheduledActionDetails()) {
        set(`application-autoscaling:scheduled-action:${a.resourceId}:${a.name}`, a);
    }
    for (const type of Object.values(TYPES)) {
        for (const o of aws.objectsOfType(type)) {
            set(`${type}:${o.key}`, o.props);
        }
    }
    for (const o of aws.objects().filter((r) => r.key.startsWith("lambda:function:"))) {
        const name = o.key.slice("lambda:function:".length);
        set(o.key, { configuration: aws.functionConfiguration(name), function: aws.lambdaFunction(name), aliases: aws.aliasesOf(name) });
    }
    return Object.fromEntries([...keys].sort().map((k) => [k, described.get(k)]));
}

// -------------------------------------------------------------------------------------------------------------------
// Known counterexamples.

/**
 * What the README documents as the way AWS and Pulumi behave after a failed step, with its remedy ("Deploy and clean
 * up", "After a failed step"). The property checks each as documented: I2 is excused on the qualifier only while the
 * stack's state holds what AWS lacks there (until `pulumi refresh`, then `pulumi up`, puts the capacity back, which the
 * property then checks), and a sequence that leaves the remedy's path is excluded (fc.pre, fast-check draws another),
 * nothing else. Each has a named test below that runs the pattern and its remedy, without exclusions.
 */
const DOCUMENTED = {
    /**
     * A failed move of a configuration to another alias, version or function, then back (reverting the change): the
     * failed `up` left the old configuration and target pending delete, and the next `up` deletes them at its end,
     * after it has put the configuration back on the same qualifier (see capacityRemovedBy). Pulumi deletes what a
     * failed `up` left pending at the end of the next one, whatever it is (step_generator.go, GenerateDeletes), and AWS
     * addresses a configuration by its qualifier only. Remedy: `pulumi refresh`, then `pulumi up`.
     */
    backAfterFailedMove: "a failed move to another alias, then back: the failed up's pending deletes remove the capacity; refresh and up put it back",
    /**
     * After a documented removal (a rename without aliases, the pending deletes of a failed up), `pulumi refresh` drops
     * the configuration from the state while the scalable target stays; tracking or a scheduled action then puts a
     * configuration there, outside the state: a `pulumi up` of the component takes it back (its create puts the
     * count), but a `destroy`, or an `up` without the component, leaves it billing. Remedy: `pulumi up` after the
     * refresh, before a destroy.
     */
    destroyAfterRefreshedRemoval: "a rename without aliases across a failed removal, refresh, tracking: up before destroy, and nothing remains",
    /**
     * A `pulumi destroy` that failed after deleting a ScheduledConcurrency's scheduled actions (the target stays
     * registered), then the time of an action passes, then `pulumi up` instead of the destroy again: the up puts the
     * actions back, but the one whose time passed does not run before its next time, and the up does not register
     * the target again, since the bounds in force equal those in the stack's state (AWS holds the last action's).
     * Remedy: `pulumi destroy` again, or `pulumi refresh` (or `pulumi up --refresh`) before the up.
     */
    missedScheduledAction: "a failed destroy deleted the scheduled actions, the day began without its action: refresh and up put the day's capacity",
} as const;

/** How an `up` removed, at its end, the capacity of a qualifier its program manages (see capacityRemovedBy). */
type Removal = "renamed without aliases" | "pending delete of a failed up" | "children of a failed swap or rename";

/**
 * The qualifiers on which an `up` deleted, at its end, a configuration or scalable target of an older resource, of the
 * same type as one the program puts there (AWS addresses both by function and qualifier, not by name, so the delete
 * removes what the program just put):
 * - "renamed without aliases": an old resource no registration matched (a delete step), of another name (its
 *   component had another name, which the program does not alias: a rename without aliases, or one whose aliases
 *   were dropped before an `up` completed it), or while the program's resource there matched another old one (the
 *   state held two components that the program's aliases both name, after a rename without aliases failed midway:
 *   Pulumi takes the first alias found, step_generator.go, getOldResource). Documented: the README's "a rename or a swap to another name without aliases" ("Changing your mind"), whose
 *   remedy is `pulumi refresh`, then `pulumi up`.
 * - "pending delete of a failed up": the old resource of a replacement that an earlier `up` made before it failed,
 *   left pending delete (Pulumi deletes it at the end of the next `up`: step_generator.go, GenerateDeletes).
 *   DOCUMENTED.backAfterFailedMove.
 * - "children of a failed swap or rename": an old resource no registration matched, of the same name as the program's
 *   resource there, which is new:
 *   an earlier `up` swapped or renamed the component (aliases) and failed before its children followed, so they kept
 *   their old URNs, which the next `up` no longer aliases (children inherit only the alias their parent was found by:
 *   step_generator.go, generateAliases). Fixed: each child names its aliases under its component's (child-aliases.ts),
 *   so this is a failure of I2.
 */
function capacityRemovedBy(before: StackState, steps: readonly EngineStep[], program: readonly DeclaredResource[]): Map<string, Removal> {
    const nameOf = (urn: string | undefined): string | undefined => urn?.slice(urn.lastIndexOf("::") + 2);
    // What the program puts on each qualifier, by type: the name of the resource that puts it, and whether it is new
    // (no old resource matched it, by URN or alias).
    const created = new Set(steps.filter((s) => s.op === "create").map((s) => s.urn));
    const put = new Map<string, { name: string | undefined; created: boolean }>();
    for (const d of program) {
        const qualifier = qualifierOf(d.type, d.inputs);
        if (qualifier !== undefined) {
            put.set(`${d.type}|${qualifier}`, { name: nameOf(d.urn), created: created.has(d.urn) });
        }
    }
    const found = new Map<string, Removal>();
    for (const step of steps.filter((s) => s.op === "delete" || s.op === "delete-replaced")) {
        const pending = step.op === "delete-replaced";
        for (const old of before.resources.filter((r) => r.urn === step.urn && (r.pendingDelete === true) === pending)) {
            const qualifier = qualifierOf(old.type, old.outputs);
            const key = `${old.type}|${qualifier}`;
            if (qualifier === undefined || !put.has(key)) {
                continue;
            }
            const by = put.get(key)!;
            const unmatchedTwin = by.created && nameOf(old.urn) === by.name;
            found.set(qualifier, pending ? "pending delete of a failed up" : unmatchedTwin ? "children of a failed swap or rename" : "renamed without aliases");
        }
    }
    return found;
}

/**
 * DOCUMENTED.missedScheduledAction: the stack's state holds a ScheduledConcurrency's scalable target, registered in
 * AWS with other bounds than the state's (an action moved them), and the action named `firing` is missing at its time.
 */
function missedByTheStack(state: StackState, firing: string, aws: AwsModel): boolean {
    return state.resources.some((r) => {
        const resourceId = String(r.outputs.resourceId);
        const registered = aws.scalableTarget(resourceId);
        return (
            r.type === TYPES.scalableTarget &&
            r.pendingDelete !== true &&
            r.pendingReplacement !== true &&
            r.parent?.includes(`::${SCHEDULED_TYPE}::`) === true &&
            registered !== undefined &&
            (registered.minCapacity !== r.outputs.minCapacity || registered.maxCapacity !== r.outputs.maxCapacity) &&
            !aws.scheduledActionList().some((action) => action.resourceId === resourceId && action.name === firing)
        );
    });
}

/** The name of the component a resource of the state belongs to, from its parent's URN. */
function ownerOf(parent: string | undefined): string | undefined {
    return parent?.slice(parent.lastIndexOf("::") + 2);
}

/**
 * The qualifiers on which the stack's state holds the configurations, or the targets, of components of two names: a
 * rename without aliases under way (its `up` failed before the old one's delete, which will remove the new one's
 * capacity whenever it runs). Documented, as in capacityRemovedBy. (A WarmAlias holds each version under a name of
 * its own, NAME-vN, and never two on one version.)
 */
function heldByTwoNames(state: StackState): string[] {
    const owners = new Map<string, Set<string | undefined>>();
    for (const r of state.resources) {
        const qualifier = qualifierOf(r.type, r.outputs);
        if (qualifier === undefined || r.pendingDelete === true || r.pendingReplacement === true) {
            continue;
        }
        const key = `${r.type}|${qualifier}`;
        owners.set(key, (owners.get(key) ?? new Set()).add(ownerOf(r.parent)));
    }
    return [...owners].filter(([, names]) => names.size > 1).map(([key]) => key.slice(key.indexOf("|") + 1));
}

/**
 * DOCUMENTED.destroyAfterRefreshedRemoval: the qualifiers, among those a documented removal emptied, where AWS holds a
 * configuration that the stack's state does not (a refresh dropped it, then Application Auto Scaling put one there)
 * while the state holds the scalable target, and which `program` does not put there again (a destroy: none).
 */
function outsideTheState(state: StackState, aws: AwsModel, documentedDips: ReadonlySet<string>, program: readonly DeclaredResource[]): string[] {
    const declared = new Set(program.filter((d) => d.type === TYPES.provisionedConcurrencyConfig).map((d) => qualifierOf(d.type, d.inputs)));
    return provisionedConcurrency(aws)
        .map((c) => `${c.functionName}:${c.qualifier}`)
        .filter((qualifier) => {
            const held = state.resources.filter((r) => qualifierOf(r.type, r.outputs) === qualifier && r.pendingDelete !== true && r.pendingReplacement !== true);
            return (
                documentedDips.has(qualifier) &&
                !declared.has(qualifier) &&
                held.some((r) => r.type === TYPES.scalableTarget) &&
                !held.some((r) => r.type === TYPES.provisionedConcurrencyConfig)
            );
        });
}

/** The `function:qualifier` a configuration or a scalable target addresses, from its inputs or outputs. */
function qualifierOf(type: string, props: Props): string | undefined {
    if (type === TYPES.provisionedConcurrencyConfig) {
        return `${String(props.functionName)}:${String(props.qualifier)}`;
    }
    if (type === TYPES.scalableTarget) {
        return String(props.resourceId).replace(/^function:/, "");
    }
    return undefined;
}

// -------------------------------------------------------------------------------------------------------------------
// One sequence.

interface RunOptions {
    /** Exclude (fc.pre) the sequences that leave a DOCUMENTED pattern's remedy; off in the regression tests. */
    excludeKnownFailing: boolean;
    /** Collects what each step did (engine steps and AWS calls), to read a counterexample in a scratch test. */
    trace?: string[];
}

/** Runs `steps`, then `pulumi destroy`, from a fresh account where the other stack is deployed; fails on a broken invariant. */
function runSequence(steps: readonly Step[], other: readonly DeclaredResource[], options: RunOptions): void {
    const { excludeKnownFailing, trace } = options;
    const aws = new FlakyAws();
    account(aws);
    const accountBefore = objectKeys(aws);
    const otherState = deployed(emptyState(), other, aws);
    // The objects the stack under test may never change: the other stack's, and the function it uses with its aliases.
    const baseline = objectKeys(aws);
    const otherKeys = new Set([...baseline].filter((k) => !accountBefore.has(k) || k === "lambda:function:payments" || k.startsWith("lambda:alias:payments:")));
    const otherBefore = describeObjects(aws, otherKeys);

    let state: StackState = emptyState();
    let clock: Clock = "noon";
    // The qualifiers a documented removal emptied or may empty (capacityRemovedBy, heldByTwoNames).
    const documentedDips = new Set<string>();
    // Whether the program of the last `up` (completed or not) has a WarmAlias: I4 holds while it does.
    let warmDeclared = false;
    // The environments I4 asks of the version its alias routes to: the fixed count, or scaling's minimum, as the
    // programs of the ups so far sized it.
    let warmMinimum = FIXED_COUNT;
    // The environments I4 asks of the version the alias sends a canary weight to: the canary's count of the programs.
    let canaryMinimum = FIXED_COUNT;
    // The versions of orders that fail to initialize: I2 cannot hold there (nothing can be allocated), I4 still does.
    const broken = new Set<string>();
    const all: Step[] = [...steps, { op: "destroy" }];
    for (const [index, step] of all.entries()) {
        const at = `after step ${index + 1} (${JSON.stringify(step)})${index === steps.length ? ", the final destroy" : ""}`;
        const firstCall = aws.calls.length;
        const aliasWarmBefore = aliasRoutesWarm(aws, warmMinimum, canaryMinimum);
        let upCompleted = false;
        const traced = (result?: OperationResult): void => {
            const steps = result?.steps.map((s) => `${s.op} ${s.urn.slice(s.urn.lastIndexOf("::") + 2)} [${s.awsCalls.join(" ")}]`).join(", ");
            trace?.push(`${at}: ${steps ?? aws.calls.slice(firstCall).join(" ")}${result?.error !== undefined ? `; FAILED: ${result.error.message}` : ""}`);
        };
        if (step.op === "failing up" || step.op === "failing refresh" || step.op === "failing destroy") {
            aws.arm(step.call);
        }
        switch (step.op) {
            case "up":
            case "failing up": {
                const specs = [step.a, step.b].filter((l): l is string => l !== null).map((l) => entry(l));
                const program = specs.flatMap((e) => declarationFor(e, clock, aws));
                const warm = specs.find((e) => WARM_KINDS.has(e.spec.kind))?.spec;
                warmDeclared = warm !== undefined;
                const programMinimum = warm !== undefined && SCALING_WARM_KINDS.has(warm.kind) ? UTILIZATION.minCapacity : FIXED_COUNT;
                // I5, a WarmAlias that scales shipping a new version: what the live version has now goes with it (and
                // promoting a canary, what the canary has too).
                const liveBefore = aws.aliasesOf("orders")[WARM_ALIAS];
                const onLive = liveBefore === undefined ? undefined : aws.provisionedConcurrencyConfig("orders", liveBefore)?.allocated;
                const canaryBefore = canaryVersionOf(aws);
                const onCanary = canaryBefore === undefined ? undefined : aws.provisionedConcurrencyConfig("orders", canaryBefore)?.allocated;
                const promoting = warm !== undefined && canaryBefore === warm.qualifier;
                const carried = onLive === undefined || (promoting && onCanary === undefined) ? undefined : onLive + (promoting ? (onCanary ?? 0) : 0);
                if (excludeKnownFailing && outsideTheState(state, aws, documentedDips, program).length > 0) {
                    fc.pre(false); // DOCUMENTED.destroyAfterRefreshedRemoval
                }
                const result = up(state, program, aws);
                traced(result);
                // The qualifiers whose capacity this up removed as documented: I5 asks nothing of them either.
                const removedNow = new Set<string>();
                for (const [qualifier, removal] of capacityRemovedBy(state, result.steps, program)) {
                    if (removal !== "children of a failed swap or rename") {
                        documentedDips.add(qualifier); // DOCUMENTED.backAfterFailedMove, README "Changing your mind"
                        removedNow.add(qualifier);
                    }
                }
                state = result.state;
                upCompleted = result.error === undefined;
                // After a completed up the alias's version is sized by this program; after a failed one it may still be
                // sized by the last completed up's (a fixed 10, where this program scales from 1, or the other way).
                warmMinimum = upCompleted ? programMinimum : Math.min(warmMinimum, programMinimum);
                const programCanary = warm?.kind === "warm-scaling-canary" ? SCALING_CANARY_COUNT : FIXED_COUNT;
                canaryMinimum = upCompleted ? programCanary : Math.min(canaryMinimum, programCanary);
                for (const qualifier of heldByTwoNames(state)) {
                    documentedDips.add(qualifier);
                }
                if (
                    result.error === undefined &&
                    warm?.kind === "warm-scaling" &&
                    liveBefore !== undefined &&
                    liveBefore !== warm.qualifier &&
                    carried !== undefined &&
                    !removedNow.has(`orders:${warm.qualifier}`)
                ) {
                    const expected = Math.min(UTILIZATION.maxCapacity, Math.max(UTILIZATION.minCapacity, carried));
                    const now = aws.provisionedConcurrencyConfig("orders", warm.qualifier)?.requested;
                    expect(now, `I5 ${at}: version ${warm.qualifier} starts with what version ${liveBefore} had (${carried})`).to.equal(expected);
                }
                if (result.error === undefined) {
                    checkNothingRemoved(aws, baseline, specs.map((e) => e.spec), at);
                    const allocatable = specs.map((e) => e.spec).filter((spec) => !(spec.functionName === "orders" && broken.has(versionOf(spec.qualifier))));
                    checkMinimumInForce(aws, state, allocatable, clock, documentedDips, at);
                }
                break;
            }
            case "refresh":
            case "failing refresh": {
                const result = refresh(state, aws);
                traced(result);
                state = result.state;
                break;
            }
            case "destroy":
            case "failing destroy": {
                if (excludeKnownFailing && outsideTheState(state, aws, documentedDips, []).length > 0) {
                    fc.pre(false); // DOCUMENTED.destroyAfterRefreshedRemoval
                }
                const result = destroy(state, aws);
                traced(result);
                warmDeclared = false;
                state = result.state;
                if (index === steps.length) {
                    expect(result.error?.message, `${at}: the final destroy failed`).to.equal(undefined);
                }
                if (result.error === undefined) {
                    expectNone(leftovers(aws, baseline).map((o) => o.key), `I1 ${at}: the stack's objects remain`);
                }
                break;
            }
            case "broken version": {
                aws.failInitializationOf("orders", step.version);
                broken.add(step.version);
                traced();
                break;
            }
            case "time passes":
            case "load": {
                if (step.op === "time passes") {
                    clock = clock === "noon" ? "evening" : "noon";
                    const firing = clock === "evening" ? "night" : "day";
                    if (excludeKnownFailing && missedByTheStack(state, firing, aws)) {
                        fc.pre(false); // DOCUMENTED.missedScheduledAction
                    }
                    for (const action of aws.scheduledActionList()) {
                        if (action.name === firing && ownFunction(action.resourceId)) {
                            aws.runScheduledAction(action.resourceId, action.name);
                        }
                    }
                } else {
                    const tracked = new Set(aws.scalingPolicyList().filter((p) => p.policyType === "TargetTrackingScaling").map((p) => p.resourceId));
                    // Not on a version that fails to initialize: what Lambda does to the environments already there when
                    // scaling asks for a count it cannot allocate is not documented (the model drops them all), and it
                    // is Application Auto Scaling acting, which no program step can prevent.
                    const brokenIds = new Set([...broken].map((version) => `function:orders:${version}`));
                    for (const target of aws.scalableTargetList()) {
                        if (tracked.has(target.resourceId) && ownFunction(target.resourceId) && !brokenIds.has(target.resourceId)) {
                            aws.scaleTo(target.resourceId, step.desired);
                        }
                    }
                }
                traced();
                break;
            }
        }
        aws.disarm();
        checkOtherStackUntouched(describeObjects(aws, otherKeys), otherBefore, at);
        // I4 must hold after a completed up, and go on holding through any other step.
        const completedUp = (step.op === "up" || step.op === "failing up") && upCompleted;
        if (warmDeclared && (completedUp || aliasWarmBefore)) {
            checkAliasRoutesWarm(aws, state, documentedDips, warmMinimum, canaryMinimum, broken, at);
        }
    }
    // Both stacks gone: the account is as it was.
    expect(destroy(otherState, aws).error?.message, "the other stack's destroy failed").to.equal(undefined);
    expectNone(leftovers(aws, accountBefore).map((o) => o.key), "objects remain after both stacks were destroyed");
}

/** The version of orders a qualifier stands for (the account's aliases: live is 2, blue is 1). */
function versionOf(qualifier: string): string {
    return qualifier === "live" ? "2" : qualifier === "blue" ? "1" : qualifier;
}

/** Fails, listing them, when there are `keys` (chai would cut the list short). */
function expectNone(keys: readonly string[], message: string): void {
    if (keys.length > 0) {
        throw new Error(`${message}: ${keys.join(", ")}`);
    }
}

/** Whether a scalable target's resource id is on a function of the stack under test. */
function ownFunction(resourceId: string): boolean {
    return STACK_FUNCTIONS.some((f) => resourceId.startsWith(`function:${f}:`));
}

/** I1 after an `up`: every object the stack created belongs to a component the program declares. */
function checkNothingRemoved(aws: AwsModel, baseline: ReadonlySet<string>, specs: readonly ComponentSpec[], at: string): void {
    // A WarmAlias holds the configuration and target of each version its alias routes to: with a canary, two.
    const routed = [aws.aliasesOf("orders")[WARM_ALIAS], canaryVersionOf(aws)].filter((v): v is string => v !== undefined);
    const routedKeys = new Set(routed.flatMap((v) => [`lambda:provisioned-concurrency:orders:${v}`, `application-autoscaling:scalable-target:function:orders:${v}`]));
    // One that scales also holds the live version's tracking policy and the alarms Application Auto Scaling made for it.
    const live = aws.aliasesOf("orders")[WARM_ALIAS];
    const scalingOfLive = (key: string): boolean =>
        live !== undefined &&
        specs.some((s) => SCALING_WARM_KINDS.has(s.kind)) &&
        (key.startsWith(`application-autoscaling:scaling-policy:function:orders:${live}:`) || key.startsWith(`cloudwatch:alarm:TargetTracking-function:orders:${live}-`));
    const heldByWarmAlias = (key: string): boolean => (specs.some((s) => WARM_KINDS.has(s.kind)) && routedKeys.has(key)) || scalingOfLive(key);
    const orphans = leftovers(aws, baseline).filter((o) => !specs.some((s) => belongsTo(o, s)) && !heldByWarmAlias(o.key));
    expectNone(orphans.map((o) => o.key), `I1 ${at}: objects of what the program no longer has remain`);
}

/**
 * I2 after an `up`: each qualifier a provisioned concurrency component of the program manages has in AWS at least
 * the minimum the component has in force at `clock`. Not while a documented rename without aliases has left the
 * stack believing in a configuration or target there that AWS lacks (README: "refresh then up puts everything back";
 * once they have, I2 holds again).
 */
function checkMinimumInForce(
    aws: AwsModel,
    state: StackState,
    specs: readonly ComponentSpec[],
    clock: Clock,
    documentedDips: ReadonlySet<string>,
    at: string,
): void {
    const configs = provisionedConcurrency(aws);
    const missing = new Set(missingInAws(state, aws).map((r) => qualifierOf(r.type, r.outputs)));
    for (const spec of specs) {
        const minimum = minimumInForce(spec, clock);
        const qualifier = `${spec.functionName}:${spec.qualifier}`;
        if (minimum === undefined || (documentedDips.has(qualifier) && missing.has(qualifier))) {
            continue;
        }
        const count = configs.find((c) => c.functionName === spec.functionName && c.qualifier === spec.qualifier)?.count ?? 0;
        expect(count, `I2 ${at}: ${qualifier} of ${labelOf(spec)} at ${clock}`).to.be.at.least(minimum);
    }
}

/**
 * Whether the alias of the catalogue's WarmAlias exists and routes to a version with all its environments allocated,
 * and so does the version it sends a canary weight to, with `canaryMinimum`.
 */
function aliasRoutesWarm(aws: AwsModel, minimum: number, canaryMinimum: number): boolean {
    const version = aws.aliasesOf("orders")[WARM_ALIAS];
    const canary = canaryVersionOf(aws);
    const allocated = (v: string): number => aws.provisionedConcurrencyConfig("orders", v)?.allocated ?? 0;
    return version !== undefined && allocated(version) >= minimum && (canary === undefined || allocated(canary) >= canaryMinimum);
}

/**
 * I4, while the program of the last `up` has a WarmAlias: after an `up` that completed, its alias routes to a version
 * with all its environments allocated, and any later step (a failed `up`, a refresh, Application Auto Scaling acting)
 * keeps it so: the alias never moves to a version that is not ready, and nothing deletes the capacity of the version
 * it routes to. Not once a program drops the WarmAlias: its alias goes with it, and a component that takes over its
 * configuration with deleteOldConfigurationFirst deletes it first, by the user's choice. Not while a documented
 * pattern has left the stack believing in a configuration there that AWS lacks, as in I2.
 */
function checkAliasRoutesWarm(
    aws: AwsModel,
    state: StackState,
    documentedDips: ReadonlySet<string>,
    minimum: number,
    canaryMinimum: number,
    broken: ReadonlySet<string>,
    at: string,
): void {
    const version = aws.aliasesOf("orders")[WARM_ALIAS];
    if (version === undefined) {
        return;
    }
    const canary = canaryVersionOf(aws);
    if (canary !== undefined) {
        checkRoutedVersionWarm(aws, state, documentedDips, canary, canaryMinimum, broken, `${at} (its canary)`);
    }
    checkRoutedVersionWarm(aws, state, documentedDips, version, minimum, broken, at);
}

/** I4 for one version the alias routes to (see checkAliasRoutesWarm). */
function checkRoutedVersionWarm(
    aws: AwsModel,
    state: StackState,
    documentedDips: ReadonlySet<string>,
    version: string,
    minimum: number,
    broken: ReadonlySet<string>,
    at: string,
): void {
    // A live version that fails to initialize from some point on (the "broken version" step after the alias moved
    // there) may lose its environments to any allocation Lambda makes there afterwards (scaling's, or a put of the same
    // count by a component taking over under another name): the model drops them all, and Lambda does not document
    // what it does. Its configuration must still be there: a delete would be ours.
    if (broken.has(version) && aws.provisionedConcurrencyConfig("orders", version) !== undefined) {
        return;
    }
    const qualifier = `orders:${version}`;
    const missing = new Set(missingInAws(state, aws).map((r) => qualifierOf(r.type, r.outputs)));
    if (documentedDips.has(qualifier) && missing.has(qualifier)) {
        return;
    }
    const allocated = aws.provisionedConcurrencyConfig("orders", version)?.allocated ?? 0;
    expect(allocated, `I4 ${at}: the alias ${WARM_ALIAS} routes to version ${version}`).to.be.at.least(minimum);
}

/** I3: the other stack's objects are as they were, each of them. */
function checkOtherStackUntouched(now: Record<string, string | undefined>, before: Record<string, string | undefined>, at: string): void {
    const changed = Object.keys(before).filter((k) => now[k] !== before[k]);
    expectNone(changed, `I3 ${at}: objects of the other stack changed or disappeared`);
}

// -------------------------------------------------------------------------------------------------------------------

/** The fixed seed of `npm test`; LIFECYCLE_SEED=<n> explores other sequences. */
const SEED = Number(process.env.LIFECYCLE_SEED ?? 192026);
/** 4,000 sequences take about 15 s here, after about 11 s of declaring the catalogue; LIFECYCLE_RUNS=<n> changes it. */
const RUNS = Number(process.env.LIFECYCLE_RUNS ?? 4000);
/** The longest sequence before the final destroy; LIFECYCLE_STEPS=<n> changes it. */
const MAX_STEPS = Number(process.env.LIFECYCLE_STEPS ?? 10);

describe("lifecycle properties (model): random sequences of steps", function () {
    // Declaring the catalogue under the mocks takes about 11 s.
    this.timeout(300_000);
    let other: DeclaredResource[] = [];
    const run = (steps: Step[]) => (): void => runSequence(steps, other, { excludeKnownFailing: false });

    before(async () => {
        await declareCatalogue();
        other = await declareOtherStack();
        resetProgram();
    });
    after(resetProgram);

    it("the catalogue's components without schedules declare the same at noon and in the evening", async () => {
        for (const kind of CLOCK_FREE) {
            // With monitoring where the kind has it (a WarmAlias has none).
            const found = [...catalogue.values()].find((e) => e.spec.kind === kind && (e.spec.extras || WARM_KINDS.has(kind)));
            if (found === undefined) {
                throw new Error(`no ${kind} in the catalogue`);
            }
            const evening = await declaredBy(() => construct(found.spec), EVENING);
            expect(evening, labelOf(found.spec)).to.deep.equal(found.declared.noon);
        }
        resetProgram();
    });

    it(`I1, I2 and I3 hold after every step of ${RUNS} random sequences of up to ${MAX_STEPS} steps (seed ${SEED})`, () => {
        fc.assert(
            fc.property(fc.array(stepArbitrary(), { minLength: 1, maxLength: MAX_STEPS, size: "max" }), (steps) => runSequence(steps, other, { excludeKnownFailing: true })),
            { seed: SEED, numRuns: RUNS },
        );
    });

    describe("WarmAlias deploys (issue 21)", () => {
        // Found by the properties once WarmAlias joined the catalogue: a ScheduledConcurrency taking the place of a
        // WarmAlias of the same name on its version created its configuration anew, and the WarmAlias's, deleted last,
        // took the capacity with it (I2: orders:1 held 0). Now each takes over the other's configuration and target
        // (swaps.ts: withSwapAliases, warmAliasTakeoverAliases).
        // Found by the properties once the WarmAlias that scales joined the catalogue: a UtilizationScaling taking the
        // place of a WarmAlias of its name that scales (its configuration in a UtilizationScaling child) created the
        // configuration anew, and the WarmAlias's, deleted last, took the capacity (I2: orders:1 held 0). The
        // components now alias a WarmAlias's child of either type (swaps.ts, withSwapAliases).
        it("a WarmAlias that scales on version 1, then a UtilizationScaling of its name there, renamed on the way: the capacity stays", run([
            { op: "up", a: "warm-scaling front: orders:prod to version 1", b: null },
            { op: "up", a: "utilization front (aliases: api) on orders:1", b: null },
        ]));

        // Found by the properties when each version's configuration got a name of its own (NAME-vN): a WarmAlias
        // taking over a FixedConcurrency of its name on an alias fails at the configuration (the version is pointed
        // to by another alias with provisioned concurrency); the configuration keeps its name, "api", under the
        // WarmAlias's child (pulumi/pulumi snapshot.go, NormalizeURNReferences). The FixedConcurrency again: aliased
        // only to the WarmAlias's child for its qualifier ("api-vblue"), it created the configuration anew, and the
        // old one's delete at the end took it (I2: orders:blue held 0). It aliases the child of the WarmAlias's name too.
        it("a FixedConcurrency on an alias, a WarmAlias of its name that fails to take it over, then the FixedConcurrency again: the capacity stays", run([
            { op: "up", a: "fixed api (aliases: front) on orders:blue +monitoring +deleteOldConfigurationFirst", b: null },
            { op: "up", a: "warm api (aliases: front): orders:prod to version 1", b: null },
            { op: "up", a: "fixed api on orders:blue +monitoring +deleteOldConfigurationFirst", b: null },
        ]));

        // A canary beside a version that scales, on its own fixed count; leaving it out promotes it: its FixedConcurrency
        // is taken over by a UtilizationScaling of the same name, which sets there what serves the alias's traffic (I5:
        // the live version's count and the canary's, in the bounds) before the alias moves; then a rollback by number.
        it("a WarmAlias that scales: a canary, its promotion, a canary of the old version, a rollback: every routed version warm, nothing left behind", run([
            { op: "up", a: "warm-scaling-canary api: orders:prod to version 1", b: null },
            { op: "up", a: "warm-scaling-canary api: orders:prod to version 2", b: null },
            { op: "up", a: "warm-scaling api: orders:prod to version 2", b: null },
            { op: "up", a: "warm-scaling-canary api: orders:prod to version 1", b: null },
            { op: "up", a: "warm-scaling-canary api: orders:prod to version 2", b: null },
        ]));

        it("a FixedConcurrency on a version, then a WarmAlias of its name on it, then a ScheduledConcurrency: the capacity stays", run([
            { op: "up", a: "fixed api on orders:1", b: null },
            { op: "up", a: "warm api: orders:prod to version 1", b: null },
            { op: "up", a: "scheduled api on orders:1", b: null },
        ]));

        // The canary: version 2 takes half the invocations on its own configuration while version 1 keeps its own;
        // leaving the canary out promotes it (its configuration, NAME-v2, stays as it is; version 1's is deleted after
        // the alias moved); a rename and a takeover by a FixedConcurrency of its name on the way. I4 holds for
        // both routed versions, I1 after every up: no configuration of a version the alias no longer routes to.
        it("a canary, its promotion, a rename, then a FixedConcurrency of its name: every routed version warm, nothing left behind", run([
            { op: "up", a: "warm api: orders:prod to version 1", b: null },
            { op: "up", a: "warm-canary api: orders:prod to version 2", b: null },
            { op: "refresh" },
            { op: "up", a: "warm api: orders:prod to version 2", b: null },
            { op: "up", a: "warm api: orders:prod to version 2", b: null },
            { op: "up", a: "warm front (aliases: api): orders:prod to version 2", b: null },
            { op: "up", a: "warm-canary front: orders:prod to version 1", b: null },
            { op: "up", a: "warm-canary front: orders:prod to version 2", b: null },
            { op: "up", a: "fixed front on orders:1", b: null },
        ]));

        it("deploys back and forth, renamed on the way: the alias always routes to a ready version, one configuration at a time", run([
            { op: "up", a: "warm api: orders:prod to version 1", b: null },
            { op: "up", a: "warm api: orders:prod to version 2", b: null },
            { op: "up", a: "warm front (aliases: api): orders:prod to version 1", b: null },
            { op: "refresh" },
            { op: "up", a: "warm front (aliases: api): orders:prod to version 2", b: null },
        ]));

        // A version whose initialization fails: its deploy fails twice (the second time the engine's empty update puts
        // the count again: EMPTY_UPDATE_RETRIES_ALLOCATION), and the alias stays on version 1 with its 10 (I4 after
        // each). Going back to version 1 by its number is the documented pattern of a failed move then back
        // (DOCUMENTED.backAfterFailedMove): the failed deploy left version 1's configuration pending delete, and the
        // up that returns to it deletes it at its end; refresh and up put it back. (A new version, which is what a
        // function with `publish: true` ships when its code is reverted, does not meet this: the engine test
        // tests/engine/warm-alias.engine.ts rolls on to version 3.)
        it("a version that fails to initialize: the alias stays on the ready version; back to it by number, refresh and up restore it", run([
            { op: "up", a: "warm api: orders:prod to version 1", b: null },
            { op: "broken version", version: "2" },
            { op: "up", a: "warm api: orders:prod to version 2", b: null },
            { op: "up", a: "warm api: orders:prod to version 2", b: null },
            { op: "up", a: "warm api: orders:prod to version 1", b: null },
            { op: "refresh" },
            { op: "up", a: "warm api: orders:prod to version 1", b: null },
        ]));
    });

    describe("counterexamples the properties found", () => {
        // Shrunk by fast-check from the properties run against the components before 8282038 ("a swap to
        // FixedConcurrency always sets the count"): the night action had set 1, the swap left it there.
        it("ScheduledConcurrency, the night's action, then FixedConcurrency of the same name: the fixed count is set (slot B)", run([
            { op: "up", a: null, b: "scheduled edge on billing:blue" },
            { op: "time passes" },
            { op: "up", a: null, b: "fixed edge on billing:blue" },
            { op: "up", a: null, b: null },
        ]));

        it("ScheduledConcurrency renamed with aliases, the night's action, then FixedConcurrency of the same name: the fixed count is set", run([
            { op: "up", a: "scheduled api (aliases: front) on orders:live +monitoring +deleteOldConfigurationFirst", b: null },
            { op: "time passes" },
            { op: "up", a: "fixed api on orders:live", b: null },
            { op: "refresh" },
        ]));

        // The model's update used the mocks' auto-name, not the old one (see FlakyAws.update): shrunk from the first
        // run of these properties; it passes with the workaround.
        it("a rename with aliases and a move to another function keeps the alarms' names: destroy leaves nothing", run([
            { op: "up", a: "scheduled api on billing:live +monitoring +deleteOldConfigurationFirst", b: null },
            { op: "up", a: "fixed front (aliases: api) on orders:blue +monitoring +deleteOldConfigurationFirst", b: null },
        ]));

        // Documented (README, "Changing your mind"): the rename's old configuration is deleted last and takes the new
        // one's capacity with it; `pulumi refresh`, then `pulumi up`, puts it back, after which I2 holds again.
        it("a rename without aliases empties the alias (documented); refresh and up put the capacity back", run([
            { op: "up", a: "utilization api on orders:live", b: null },
            { op: "up", a: "fixed front on orders:live", b: null },
            { op: "refresh" },
            { op: "up", a: "fixed front on orders:live", b: null },
        ]));

        // Documented (DOCUMENTED.backAfterFailedMove). Step 2 created the configuration and target on blue, then failed
        // on the old target's delete (call 2), leaving the old configuration and target on live pending delete; step 3
        // puts them back on live, then deletes the pending ones (DeleteProvisionedConcurrencyConfig(orders,live),
        // DeregisterScalableTarget(function:orders:live)): live holds 0. Step 4 finds them gone, step 5 puts them back,
        // and I2 holds again. fast-check's first shrunk form (seed 192026): fixed api (aliases: front) on orders:1;
        // failing up, call 2, utilization front (aliases: api) on billing:live; scheduled front on orders:1; load 1.
        it(DOCUMENTED.backAfterFailedMove, run([
            { op: "up", a: "fixed api on orders:live", b: null },
            { op: "failing up", call: 2, a: "fixed api on orders:blue", b: null },
            { op: "up", a: "fixed api on orders:live", b: null },
            { op: "refresh" },
            { op: "up", a: "fixed api on orders:live", b: null },
        ]));

        // Shrunk by fast-check (seed 192026), when the model failed I2 after step 3 (orders:live held 0). Step 2 swapped
        // the component (UtilizationScaling to ScheduledConcurrency, by the type aliases) and failed on its first child
        // (the new configuration's create on blue). The model then left the children under their old URNs, and step 3
        // created them again and deleted the old ones last. The real engine does not: writing the state, it gives a
        // child whose parent changed URN the parent's type in its own (Snapshot.NormalizeURNReferences), so step 3 finds
        // it by URN; the model now does the same (tests/engine/scenarios.ts runs this case under the real engine).
        it("a failed swap to another alias, then back: the children keep their capacity", run([
            { op: "up", a: "utilization api on orders:live", b: null },
            { op: "failing up", call: 0, a: "scheduled api on orders:blue", b: null },
            { op: "up", a: "scheduled api on orders:live", b: null },
        ]));

        // The same with a rename (aliases: [{ name: "api" }]) instead of a swap, which the real engine showed too: the
        // children keep their old names (api, api-target), which the new ones reach only through aliases, and the
        // component, now found by its own URN, passes none on (generateAliases). Each child now names its own
        // (child-aliases.ts).
        it("a failed rename with aliases to another alias, then back: the children keep their capacity", run([
            { op: "up", a: "fixed api on orders:live", b: null },
            { op: "failing up", call: 0, a: "fixed front (aliases: api) on orders:blue", b: null },
            { op: "up", a: "fixed front (aliases: api) on orders:live", b: null },
        ]));

        // Documented (DOCUMENTED.missedScheduledAction). The destroy (step 3) deleted both scheduled actions, then failed
        // on the dashboard (call 2); at 08:00 there was no action to run. Without the refresh, step 6 would put the
        // actions back and leave the target, whose bounds in the state (10, 10) equal those in force, at the night's 1
        // (I2 failed so, shrunk by fast-check, seed 12); the refresh reads the night's bounds, and the up registers the
        // day's again, which brings the count to 10.
        it(DOCUMENTED.missedScheduledAction, run([
            { op: "up", a: "scheduled front (aliases: api) on billing:live +monitoring +deleteOldConfigurationFirst", b: null },
            { op: "time passes" },
            { op: "failing destroy", call: 2 },
            { op: "time passes" },
            { op: "refresh" },
            { op: "up", a: "scheduled api (aliases: front) on billing:live +monitoring +deleteOldConfigurationFirst", b: null },
        ]));

        // Documented (DOCUMENTED.destroyAfterRefreshedRemoval). Shrunk by fast-check (seed 12): step 2's removal of
        // "front" failed midway (the configuration's delete, call 2); step 3 adds "api" on the same alias, and the
        // removal's delete, at its end, takes api's configuration (a rename without aliases, in effect); the refresh
        // drops it from the state; tracking puts one there again. The up puts it in the state again (its create puts
        // the count), and the destroy deletes it; a destroy right after the tracking would have left it billing.
        it(DOCUMENTED.destroyAfterRefreshedRemoval, run([
            { op: "up", a: "utilization front (aliases: api) on billing:live", b: null },
            { op: "failing up", call: 2, a: null, b: null },
            { op: "up", a: "utilization api on billing:live", b: null },
            { op: "refresh" },
            { op: "load", desired: 1 },
            { op: "up", a: "utilization api on billing:live", b: null },
        ]));

        // Shrunk by fast-check (seed 1) before the target's resource id came from the configuration's outputs: I1 failed
        // after the final destroy (orders:live remained). Step 2 deleted the configuration on live first
        // (deleteOldConfigurationFirst), then failed on the new one's create (call 1), leaving the target on live
        // registered with its tracking policy; tracking (step 3) put a configuration on live again, which the state held
        // only as pending replacement, and destroy deregistered the target only. Now the delete-before-replace deletes
        // the target (a dependent the replacement replaces too) before the configuration.
        it("a failed deleteOldConfigurationFirst move, then tracking on the old alias: destroy leaves nothing", run([
            { op: "up", a: "utilization api (aliases: front) on orders:live +monitoring +deleteOldConfigurationFirst", b: null },
            { op: "failing up", call: 1, a: "utilization api on orders:blue +monitoring +deleteOldConfigurationFirst", b: null },
            { op: "load", desired: 1 },
        ]));

        // The same with the night's scheduled action (orders:blue remained). Shrunk by fast-check (seed 3).
        it("a failed deleteOldConfigurationFirst move, then the night's scheduled action on the old alias: destroy leaves nothing", run([
            { op: "failing up", call: 4, a: "scheduled api (aliases: front) on orders:blue", b: null },
            { op: "failing up", call: 1, a: "utilization front (aliases: api) on billing:live +monitoring +deleteOldConfigurationFirst", b: null },
            { op: "time passes" },
        ]));
    });
});
