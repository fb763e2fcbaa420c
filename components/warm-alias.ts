import * as pulumi from "@pulumi/pulumi";
import { Alias, ProvisionedConcurrencyConfig } from "@pulumi/aws/lambda";
import { Policy, ScheduledAction, Target } from "@pulumi/aws/appautoscaling";
import { childOptions, rememberAliases } from "./child-aliases";
import { checkedInput, exportable, isKnown, outputAfterChecks, outputsAfterChecks } from "./checked-input";
import { FixedConcurrency } from "./fixed";
import { liveCountToCarry } from "./live-count";
import { aliasRoutingAtUp } from "./alias-routing";
import { CanaryPlan, LiveRouting, UNPUBLISHED_VERSION, canaryPlan, validateCanaryWeight, versionResourceName } from "./canary-plan";
import {
    UtilizationScaling,
    UtilizationScalingArgs,
    UtilizationTracking,
    WARM_ALIAS_SETTINGS,
    WarmAliasSettings,
    checkUtilizationTracking,
} from "./utilization";
import { describeValue, validateAliasName, validateCapacity, validateVersionNumber } from "./function-reference";
import { programOwnershipRegistry } from "./ownership";
import { WARM_ALIAS_TYPE, claimComponentName, warmAliasTakeoverAliases } from "./swaps";
import { stopDeployment } from "./stop-deployment";
import { checkTarget } from "./target";
import { versionReadinessProblem } from "./version-readiness";

/** The arguments of {@link WarmAlias}. */
export interface WarmAliasArgs {
    /** The function: its name, its ARN or a partial ARN, as FixedConcurrency takes it. */
    functionName: pulumi.Input<string>;
    /** The alias to create and move: `live`. Not a version number, not `$LATEST`. */
    aliasName: pulumi.Input<string>;
    /**
     * The published version the alias is to route to: the function's `version` output with `publish: true`, so that
     * every code change ships as a new version. The alias moves there only once its environments are ready.
     */
    functionVersion: pulumi.Input<string>;
    /**
     * How many execution environments the live version keeps initialized: a whole number, at least 1. Give this or
     * `scaling`. Defaults to none.
     */
    provisionedConcurrentExecutions?: pulumi.Input<number>;
    /**
     * Environments that follow the load instead of a fixed count: each version gets a UtilizationScaling with these
     * bounds, target and schedules, and a new version starts with the count Application Auto Scaling has on the live
     * one (read from AWS at `pulumi up`, kept inside the bounds in force). Give this or
     * `provisionedConcurrentExecutions`. Defaults to none.
     */
    scaling?: UtilizationTracking;
    /**
     * Ship each new version as a canary first: the alias keeps routing to the version it routes to now, and sends this
     * share of the invocations to the new one, both versions provisioned. Leave it out (or run without it) to promote:
     * the canary version then takes all traffic, keeping its environments (with `scaling`, raised to the live version's
     * count before the alias moves, and from then on scaled). Defaults to none.
     */
    canary?: WarmAliasCanary;
    /** The alias's description. Defaults to none. */
    description?: pulumi.Input<string>;
}

/** A canary step of {@link WarmAlias}: how much traffic the new version takes, with how many environments. */
export interface WarmAliasCanary {
    /** The share of invocations the new version takes: more than 0, less than 1 (0.1 for 10%). */
    weight: pulumi.Input<number>;
    /**
     * Environments for the canary version, a fixed count while it runs: a whole number, at least 1. Fewer than the live
     * version's cost less, but Lambda splits invocations between the versions at random (a weighted alias routes each
     * invocation with the weight's probability), so a burst may reach the canary with more than its share. Defaults
     * to `provisionedConcurrentExecutions`; required with `scaling`.
     */
    provisionedConcurrentExecutions?: pulumi.Input<number>;
}

/**
 * An alias whose new versions go live warm: the provisioned environments live on the versions, each version's
 * configuration and target a component of its own (NAME-vN: a FixedConcurrency, or with `scaling` a
 * UtilizationScaling), and the alias moves to a new version only once Lambda reports all of them allocated. A deploy
 * then runs, in Pulumi's own order: the new version's configuration is created (the AWS provider waits for READY),
 * its allocated count is read back from AWS, the alias moves, and the old version's configuration, no longer
 * declared, is deleted last (Pulumi deletes what a program no longer declares after every create and update). No
 * request meets a cold start because of the deploy, one version's worth of environments overlaps for the minutes of
 * the deploy, and nothing stays behind. A version that fails to initialize stops `pulumi up` before the alias moves,
 * and its configuration is never one the alias routes to (README, "Zero cold starts through a code deploy").
 */
export class WarmAlias extends pulumi.ComponentResource {
    /** The alias, routed to the live version. */
    public readonly alias: Alias;
    /**
     * The provisioned concurrency configuration of the version the alias routes to: a resource of each version
     * (NAME-vN), known once the alias was read at `pulumi up`.
     */
    public readonly config: pulumi.Output<ProvisionedConcurrencyConfig>;
    /**
     * The scalable target that holds the live version's count: as FixedConcurrency's (min = max = the count, scaling
     * suspended), or with `scaling`, as UtilizationScaling's.
     */
    public readonly target: pulumi.Output<Target>;
    /** With `scaling`: the target tracking policy of the live version's target. */
    public readonly policy?: pulumi.Output<Policy>;
    /** With `scaling`: the scheduled actions of the live version's target, in the order of `schedules`. */
    public readonly scheduledActions?: pulumi.Output<ScheduledAction[]>;
    /** The version the alias routes to, once its environments were all reported allocated. */
    public readonly liveVersion: pulumi.Output<string>;
    /** The version the alias sends the canary weight to, once its environments were all reported allocated; none without a canary. */
    public readonly canaryVersion: pulumi.Output<string | undefined>;
    /** The function's plain name. */
    public readonly functionName: pulumi.Output<string>;
    /** The alias's ARN: what an API, an event source or a warmer invokes. */
    public readonly aliasArn: pulumi.Output<string>;

    constructor(name: string, args: WarmAliasArgs, opts?: pulumi.ComponentResourceOptions) {
        const type = WARM_ALIAS_TYPE;
        super(type, name, args, opts);
        rememberAliases(this, type, name, opts);
        const label = `WarmAlias "${name}"`;
        // Its FixedConcurrency takes over a provisioned concurrency component of its name beside it, and such a
        // component takes over a deployed WarmAlias's (swaps.ts): the two cannot share a name in one program.
        const registry = programOwnershipRegistry();
        const nameProblem = claimComponentName(registry, opts?.parent, name, type);
        if (nameProblem !== undefined) {
            throw new pulumi.ResourceError(`${label}: ${nameProblem}`, this);
        }
        const aliasName = checkedInput(this, label, args.aliasName, (value) => validateAliasName(value, "aliasName"));
        const version = checkedInput(this, label, args.functionVersion, (value) => validateVersionNumber(value, "functionVersion"));
        const sizing = sizingOf(args);
        if ("error" in sizing) {
            throw new pulumi.ResourceError(`${label}: ${sizing.error}`, this);
        }
        const canaryProblem = canaryArgumentProblem(args.canary, "scaling" in sizing);
        if (canaryProblem !== undefined) {
            throw new pulumi.ResourceError(`${label}: ${canaryProblem}`, this);
        }
        const canaryWeight =
            args.canary === undefined || args.canary === null
                ? pulumi.output<number | undefined>(undefined)
                : checkedInput(this, label, args.canary.weight, (value) => validateCanaryWeight(value, "canary.weight"));
        // The alias is claimed as a provisioned qualifier: Lambda keeps one configuration per version, on the version
        // or on an alias that points to it (developer guide, "Configuring provisioned concurrency"), so another
        // component giving this alias provisioned concurrency, or a warmer pinging it, is refused at construction.
        const aliasTarget = checkTarget(
            this,
            { componentType: "WarmAlias", name, kind: "provisioned-concurrency-config" },
            { functionName: args.functionName, qualifier: args.aliasName },
            registry,
        );

        // The counts are checked before anything is read from AWS.
        const fixedCount =
            "fixed" in sizing ? checkedInput(this, label, sizing.fixed, (value) => validateCapacity(value, "provisionedConcurrentExecutions", 1)) : undefined;
        const canaryCountInput = args.canary?.provisionedConcurrentExecutions;
        // The canary's: the count of `canary`, by default the live version's.
        const canaryCount =
            canaryCountInput === undefined
                ? fixedCount
                : checkedInput(this, label, canaryCountInput, (value) => validateCapacity(value, "canary.provisionedConcurrentExecutions", 1));
        // Each version's UtilizationScaling is declared once the alias is read: its arguments are checked now.
        const scaling = "scaling" in sizing ? sizing.scaling : undefined;
        if (scaling !== undefined) {
            checkUtilizationTracking(this, `${label} scaling`, scaling);
        }
        // How the alias routes now decides which versions are provisioned (canary-plan.ts).
        const live = aliasRoutingAtUp(this, name, label, aliasTarget.functionName, aliasName);
        // A preview of a change that publishes a version does not know its number yet.
        const programVersion = pulumi.output(isKnown(version)).apply((known) => (known ? version : pulumi.output(UNPUBLISHED_VERSION)));
        const plan = pulumi.all([programVersion, canaryWeight, live]).apply(([planned, weight, routing]) => {
            if (routing === undefined && weight !== undefined) {
                void pulumi.log.info(`${label}: no version is live yet, so version ${planned} takes all invocations; the canary weight applies from the next version`, this);
            }
            const versions = canaryPlan(planned, weight, routing);
            if (versions.promotedCanary !== undefined) {
                void pulumi.log.info(`${label}: promoting canary version ${versions.promotedCanary}: it takes all invocations, keeping its environments`, this);
            }
            if (versions.abandonedCanary !== undefined) {
                void pulumi.log.info(
                    `${label}: canary version ${versions.abandonedCanary} is dropped: its environments are deleted once the alias no longer routes to it`,
                    this,
                );
            }
            return { versions, routing };
        });
        // Declared only once every check of the component passed: a failed check declares no version at all.
        const declared = outputAfterChecks(this, plan).apply(({ versions, routing }) =>
            declareVersions(this, {
                name,
                label,
                functionName: aliasTarget.functionName,
                programVersion: version,
                plan: versions,
                routing,
                live,
                sizing: fixedCount !== undefined ? { fixed: fixedCount } : { scaling: scaling as UtilizationTracking },
                canaryCount,
                takeoverAliases: warmAliasTakeoverAliases(name, opts),
            }),
        );
        // An output of what was declared.
        const fromDeclared = <T>(pick: (d: DeclaredVersions) => T | pulumi.Output<T>): pulumi.Output<T> =>
            exportable(declared.apply(pick) as unknown as pulumi.Output<T>);
        this.config = fromDeclared((d) => d.live.capacity.config);
        this.target = fromDeclared((d) => d.live.capacity.target);
        if (scaling !== undefined) {
            this.policy = fromDeclared((d) => (d.live.capacity as UtilizationScaling).policy);
            this.scheduledActions = fromDeclared((d) => (d.live.capacity as UtilizationScaling).scheduledActions);
        }
        // Not a gate on the component's children (checked-input.ts): it waits for one of them. It stops the alias alone,
        // whose functionVersion it is, and the component's outputs, which carry it.
        const ready = fromDeclared((d) => readyVersion(this, { label, functionName: aliasTarget.functionName, aliasName, ...d.live }));
        const routingConfig = fromDeclared((d): AliasRouting | undefined | pulumi.Output<AliasRouting> => {
            if (d.canary === undefined) {
                return undefined;
            }
            const { weight } = d.canary;
            return readyVersion(this, { label, functionName: aliasTarget.functionName, aliasName, ...d.canary }).apply((qualifier) => ({
                additionalVersionWeights: { [qualifier]: weight },
            }));
        });
        this.alias = new Alias(
            name,
            {
                name: aliasName,
                functionName: aliasTarget.functionName,
                functionVersion: ready,
                routingConfig,
                description: args.description,
            },
            childOptions(this, name),
        );
        // Each output rejects with the readiness error rather than wait for an alias that never registers (before
        // @pulumi/pulumi 3.257 a failed registration never settles its outputs: see checked-input.ts).
        const afterReady = <T>(value: pulumi.Output<T>): pulumi.Output<T> =>
            exportable(pulumi.all([ready, value]).apply(([, resolved]) => resolved) as unknown as pulumi.Output<T>);
        this.functionName = exportable(aliasTarget.functionName);
        this.liveVersion = afterReady(outputAfterChecks(this, this.alias.functionVersion));
        this.aliasArn = afterReady(outputAfterChecks(this, this.alias.arn));
        this.canaryVersion = afterReady(
            outputAfterChecks(this, this.alias.routingConfig).apply((routing) => Object.keys(routing?.additionalVersionWeights ?? {})[0]),
        );
        this.registerOutputs(
            outputsAfterChecks(this, {
                liveVersion: this.liveVersion,
                canaryVersion: this.canaryVersion,
                functionName: this.functionName,
                aliasArn: this.aliasArn,
            }),
        );
    }
}

/**
 * Which of the two ways to size the live version the arguments take: exactly one of a fixed count and scaling. (Their
 * values are checked by the FixedConcurrency or UtilizationScaling that gets them.)
 */
export function sizingOf(args: WarmAliasArgs): { fixed: pulumi.Input<number> } | { scaling: UtilizationTracking } | { error: string } {
    const fixed = args.provisionedConcurrentExecutions;
    const scaling: unknown = args.scaling;
    const hasFixed = fixed !== undefined && fixed !== null;
    const hasScaling = scaling !== undefined && scaling !== null;
    if (hasFixed && hasScaling) {
        return {
            error:
                "give provisionedConcurrentExecutions (a fixed count) or scaling (a count that follows the load), not both: " +
                "with scaling, set its minCapacity to the count you would have fixed",
        };
    }
    if (hasFixed) {
        return { fixed };
    }
    if (!hasScaling) {
        return {
            error:
                "provisionedConcurrentExecutions or scaling is required: how many environments the live version keeps " +
                "initialized (e.g. provisionedConcurrentExecutions: 5), or bounds that follow the load (e.g. scaling: { maxCapacity: 20 })",
        };
    }
    if (typeof scaling !== "object" || Array.isArray(scaling)) {
        return { error: `scaling must be an object with at least maxCapacity, got ${describeValue(scaling)}` };
    }
    return { scaling: scaling as UtilizationTracking };
}

/**
 * What is wrong with the `canary` argument, if anything: an object with a weight (checked when it resolves), and with
 * `scaling` a count of its own (the live version's count moves with the load: no figure to default to).
 */
export function canaryArgumentProblem(canary: unknown, scaling: boolean): string | undefined {
    if (canary === undefined || canary === null) {
        return undefined;
    }
    if (typeof canary !== "object" || Array.isArray(canary)) {
        return `canary must be an object with a weight (e.g. canary: { weight: 0.1 }), got ${describeValue(canary)}`;
    }
    const weight: unknown = (canary as { weight?: unknown }).weight;
    if (weight === undefined || weight === null) {
        return "canary.weight is required: the share of invocations the new version takes (e.g. canary: { weight: 0.1 })";
    }
    const count: unknown = (canary as { provisionedConcurrentExecutions?: unknown }).provisionedConcurrentExecutions;
    if (scaling && (count === undefined || count === null)) {
        return (
            "with scaling, canary.provisionedConcurrentExecutions is required: the canary's own fixed count while it runs " +
            "(the live version's moves with the load), e.g. canary: { weight: 0.1, provisionedConcurrentExecutions: 2 }"
        );
    }
    return undefined;
}

/** The routing configuration the alias takes: the canary's weight. */
type AliasRouting = { additionalVersionWeights: Record<string, number> };

/** What declareVersions needs of the WarmAlias. */
interface VersionsContext {
    name: string;
    label: string;
    functionName: pulumi.Output<string>;
    /** The program's version (unknown in a preview that publishes one). */
    programVersion: pulumi.Output<string>;
    plan: CanaryPlan;
    /** How the alias routes now (undefined: no alias yet), and the same as an Output, for the live count's read. */
    routing: LiveRouting | undefined;
    live: pulumi.Output<LiveRouting | undefined>;
    sizing: { fixed: pulumi.Output<number> } | { scaling: UtilizationTracking };
    /** The canary's count (a fixed count only). */
    canaryCount: pulumi.Output<number> | undefined;
    /** The aliases by which the live version's configuration takes over a component of the WarmAlias's name beside it. */
    takeoverAliases: pulumi.Alias[];
}

/** A version's capacity as declared, with what its readback must find allocated. */
interface DeclaredVersion {
    /** NAME-vN: names the component, its readback and the read that stops the deployment. */
    name: string;
    capacity: FixedConcurrency | UtilizationScaling;
    requested: pulumi.Input<number>;
}

/** What declareVersions declared: the live version's capacity, and the canary's with its weight. */
interface DeclaredVersions {
    live: DeclaredVersion;
    canary?: DeclaredVersion & { weight: number };
}

/**
 * Declares a configuration and target for each version the plan provisions, inside the apply of the alias's routing:
 * NAME-vN for the version the alias routes to after this `up` (the live count: a FixedConcurrency, or with scaling a
 * UtilizationScaling that starts at the live version's count), and for the canary (its count). A version the plan
 * does not name is not declared, and Pulumi deletes its configuration at the end of the `up`, after the alias moved.
 */
function declareVersions(component: WarmAlias, context: VersionsContext): DeclaredVersions {
    const { name, label, functionName, programVersion, plan, routing, live, sizing, canaryCount, takeoverAliases } = context;
    // The version a preview does not know yet is the program's, as an Output.
    const qualifierOf = (version: string): pulumi.Input<string> => (version === UNPUBLISHED_VERSION ? programVersion : version);
    const optionsOf = (version: string): pulumi.ComponentResourceOptions => {
        const options = childOptions(component, versionResourceName(name, version));
        // A FixedConcurrency, ScheduledConcurrency or UtilizationScaling of the WarmAlias's name beside it, on the
        // version the alias is created on or routes to, is taken over: its configuration and target stay (swaps.ts).
        const takesOver = routing === undefined || version === routing.version;
        return takesOver ? { ...options, aliases: [...(options.aliases ?? []), ...takeoverAliases] } : options;
    };
    const liveName = versionResourceName(name, plan.liveVersion);
    let liveVersion: DeclaredVersion;
    if ("fixed" in sizing) {
        const capacity = new FixedConcurrency(
            liveName,
            { functionName, qualifier: qualifierOf(plan.liveVersion), provisionedConcurrentExecutions: sizing.fixed },
            optionsOf(plan.liveVersion),
        );
        liveVersion = { name: liveName, capacity, requested: sizing.fixed };
    } else {
        // A promoted canary's configuration exists, with the canary's count: the live version's count is set there at
        // this up, before the alias moves (its UtilizationScaling takes over the canary's FixedConcurrency of the same
        // name: swaps.ts), and from the next up it is Application Auto Scaling's again.
        const settings: WarmAliasSettings = {
            label: `${label} scaling`,
            startingCapacity: liveCountToCarry(component, name, functionName, live, qualifierOf(plan.liveVersion)),
            setCount: plan.promotedCanary === plan.liveVersion,
        };
        const capacity = new UtilizationScaling(
            liveName,
            { ...sizing.scaling, functionName, qualifier: qualifierOf(plan.liveVersion), [WARM_ALIAS_SETTINGS]: settings } as UtilizationScalingArgs,
            optionsOf(plan.liveVersion),
        );
        // The count is Application Auto Scaling's, and may be below the one the configuration was created with
        // (scaled in since): at least the minimum in force must be allocated, which a version that fails to
        // initialize never has (Lambda allocates nothing then).
        liveVersion = { name: liveName, capacity, requested: capacity.target.minCapacity };
    }
    if (plan.canary === undefined || canaryCount === undefined) {
        return { live: liveVersion };
    }
    const canaryName = versionResourceName(name, plan.canary.version);
    const canary = new FixedConcurrency(
        canaryName,
        { functionName, qualifier: qualifierOf(plan.canary.version), provisionedConcurrentExecutions: canaryCount },
        optionsOf(plan.canary.version),
    );
    return { live: liveVersion, canary: { name: canaryName, capacity: canary, requested: canaryCount, weight: plan.canary.weight } };
}

/** What readyVersion reads back, and how its messages and reads are named. */
interface Readback {
    /** Names the readback (NAME-allocated) and the read that stops the deployment (NAME-not-ready). */
    name: string;
    label: string;
    functionName: pulumi.Output<string>;
    aliasName: pulumi.Output<string>;
    capacity: FixedConcurrency | UtilizationScaling;
    /** The environments that must be allocated. */
    requested: pulumi.Input<number>;
}

/**
 * The version of `capacity`'s configuration once Lambda reports at least `requested` environments allocated there:
 * read back from AWS on every `up`, after the configuration is created or updated. Otherwise the deployment stops
 * (versionReadinessProblem's message) before anything that waits for it, the alias, changes.
 */
function readyVersion(component: WarmAlias, readback: Readback): pulumi.Output<string> {
    const { name, label, functionName, aliasName, capacity, requested } = readback;
    const allocated = ProvisionedConcurrencyConfig.get(`${name}-allocated`, capacity.config.id, undefined, childOptions(component, `${name}-allocated`, [capacity]));
    return pulumi
        .all([functionName, aliasName, capacity.config.qualifier, requested, allocated.provisionedConcurrentExecutions])
        .apply(async ([fn, alias, qualifier, requestedCount, allocatedNow]) => {
            const problem = versionReadinessProblem({ label, functionName: fn, version: qualifier, aliasName: alias, requested: requestedCount, allocated: allocatedNow });
            if (problem !== undefined) {
                return stopDeployment(component, `${name}-not-ready`, `${fn},${qualifier}-not-ready`, problem);
            }
            return qualifier;
        });
}
