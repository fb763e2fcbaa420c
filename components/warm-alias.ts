import * as pulumi from "@pulumi/pulumi";
import { Alias, ProvisionedConcurrencyConfig } from "@pulumi/aws/lambda";
import { Policy, ScheduledAction, Target } from "@pulumi/aws/appautoscaling";
import { childOptions, rememberAliases } from "./child-aliases";
import { checkedInput, exportable, outputAfterChecks, outputsAfterChecks } from "./checked-input";
import { FixedConcurrency, FixedConcurrencyArgs, PROMOTED_CANARY } from "./fixed";
import { liveCountToCarry } from "./live-count";
import { aliasRoutingAtUp } from "./alias-routing";
import { CanaryPlan, canaryPlan, stableVersionOf, validateCanaryWeight } from "./canary-plan";
import { UtilizationScaling, UtilizationScalingArgs, UtilizationTracking, WARM_ALIAS_SETTINGS, WarmAliasSettings } from "./utilization";
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
     * the canary version then takes all traffic, keeping its environments. With a fixed count only. Defaults to none.
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
     * Environments for the canary version: a whole number, at least 1. Fewer than the live version's cost less, but
     * Lambda splits invocations between the versions at random (a weighted alias routes each invocation with the
     * weight's probability), so a burst may reach the canary with more than its share. Defaults to
     * `provisionedConcurrentExecutions`.
     */
    provisionedConcurrentExecutions?: pulumi.Input<number>;
}

/**
 * An alias whose new versions go live warm: the provisioned environments live on the version (a FixedConcurrency on
 * `functionVersion`), and the alias moves to a new version only once Lambda reports all of them allocated. A deploy
 * then runs, in Pulumi's own order: the new version's configuration is created (the AWS provider waits for READY),
 * its allocated count is read back from AWS, the alias moves, and the old version's configuration is deleted last
 * (Pulumi deletes what a replacement replaced after every create and update). No request meets a cold start because
 * of the deploy, one version's worth of environments overlaps for the minutes of the deploy, and nothing stays behind.
 * A version that fails to initialize stops `pulumi up` before the alias moves (README, "Zero cold starts through a
 * code deploy").
 */
export class WarmAlias extends pulumi.ComponentResource {
    /** The alias, routed to the live version. */
    public readonly alias: Alias;
    /** The provisioned concurrency configuration of the version the alias routes to (replaced with each version). */
    public readonly config: ProvisionedConcurrencyConfig;
    /**
     * The scalable target that holds its count: as FixedConcurrency's (min = max = the count, scaling suspended), or
     * with `scaling`, as UtilizationScaling's.
     */
    public readonly target: Target;
    /** With `scaling`: the target tracking policy of the live version's target. */
    public readonly policy?: Policy;
    /** With `scaling`: the scheduled actions of the live version's target, in the order of `schedules`. */
    public readonly scheduledActions?: ScheduledAction[];
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

        // Moving from a FixedConcurrency, ScheduledConcurrency or UtilizationScaling of this name on the version to a
        // WarmAlias keeps the capacity: its configuration and target are taken over, not created and then deleted.
        const childOpts = childOptions(this, name);
        const capacityOpts = { ...childOpts, aliases: [...(childOpts.aliases ?? []), ...warmAliasTakeoverAliases(name, opts)] };
        // The counts are checked before anything is read from AWS.
        const fixedCount =
            "fixed" in sizing ? checkedInput(this, label, sizing.fixed, (value) => validateCapacity(value, "provisionedConcurrentExecutions", 1)) : undefined;
        const canaryCountInput = args.canary?.provisionedConcurrentExecutions;
        // The canary's: the count of `canary`, by default the live version's.
        const canaryCount =
            canaryCountInput === undefined
                ? fixedCount
                : checkedInput(this, label, canaryCountInput, (value) => validateCapacity(value, "canary.provisionedConcurrentExecutions", 1));
        // How the alias routes now decides which version each configuration is on (canary-plan.ts).
        const live = aliasRoutingAtUp(this, name, label, aliasTarget.functionName, aliasName);
        const plan = pulumi.all([version, canaryWeight, live]).apply(([programVersion, weight, routing]) => {
            if (routing === undefined && weight !== undefined) {
                void pulumi.log.info(`${label}: no version is live yet, so version ${programVersion} takes all invocations; the canary weight applies from the next version`, this);
            }
            const planned = canaryPlan(programVersion, weight, routing);
            if (planned.promotedCanary !== undefined) {
                void pulumi.log.info(`${label}: promoting canary version ${planned.promotedCanary}: it takes all invocations, keeping its environments`, this);
            }
            if (planned.abandonedCanary !== undefined) {
                void pulumi.log.info(
                    `${label}: canary version ${planned.abandonedCanary} is dropped: its environments are deleted once the alias no longer routes to it`,
                    this,
                );
            }
            return planned;
        });
        let capacity: FixedConcurrency | UtilizationScaling;
        // The environments the readback must find allocated before the alias moves.
        let requested: pulumi.Output<number>;
        if (fixedCount !== undefined) {
            const count = fixedCount;
            capacity = new FixedConcurrency(
                name,
                {
                    functionName: aliasTarget.functionName,
                    // Not from the plan: during a canary deploy it does not wait for the new version (canary-plan.ts).
                    qualifier: pulumi.all([canaryWeight, live]).apply(([weight, routing]): pulumi.Output<string> => {
                        const stable = stableVersionOf(weight, routing);
                        return stable === undefined ? version : pulumi.output(stable);
                    }),
                    provisionedConcurrentExecutions: count,
                },
                capacityOpts,
            );
            requested = count;
        } else {
            if (!("scaling" in sizing)) {
                throw new Error("unreachable: sizingOf returns a count or scaling");
            }
            const settings: WarmAliasSettings = {
                label: `${label} scaling`,
                startingCapacity: liveCountToCarry(this, name, aliasTarget.functionName, live, version),
            };
            const scaling = new UtilizationScaling(
                name,
                { ...sizing.scaling, functionName: aliasTarget.functionName, qualifier: version, [WARM_ALIAS_SETTINGS]: settings } as UtilizationScalingArgs,
                capacityOpts,
            );
            capacity = scaling;
            this.policy = scaling.policy;
            this.scheduledActions = scaling.scheduledActions;
            // The count is Application Auto Scaling's, and may be below the one the configuration was created with
            // (scaled in since): at least the minimum in force must be allocated, which a version that fails to
            // initialize never has (Lambda allocates nothing then).
            requested = scaling.target.minCapacity;
        }
        this.config = capacity.config;
        this.target = capacity.target;
        // Not a gate on the component's children (checked-input.ts): it waits for one of them. It stops the alias alone,
        // whose functionVersion it is, and the component's outputs, which carry it.
        const ready = readyVersion(this, { name, label, functionName: aliasTarget.functionName, aliasName, capacity, requested });
        const routingConfig = plan.apply((p) =>
            declareCanary(this, { name, label, functionName: aliasTarget.functionName, aliasName, plan: p, canaryCount, stable: capacity }),
        );
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
 * What is wrong with the `canary` argument, if anything: an object with a weight (checked when it resolves), and a
 * fixed count for the versions (a canary of a WarmAlias that scales would need its own tracking during the canary and
 * a hand-over of two targets at the promotion, which are not built).
 */
export function canaryArgumentProblem(canary: unknown, scaling: boolean): string | undefined {
    if (canary === undefined || canary === null) {
        return undefined;
    }
    if (typeof canary !== "object" || Array.isArray(canary)) {
        return `canary must be an object with a weight (e.g. canary: { weight: 0.1 }), got ${describeValue(canary)}`;
    }
    if (scaling) {
        return (
            "canary is available with provisionedConcurrentExecutions only, not with scaling: a canary of a WarmAlias that " +
            "scales is not built yet; ship new versions without canary, or size the versions with a fixed count"
        );
    }
    const weight: unknown = (canary as { weight?: unknown }).weight;
    if (weight === undefined || weight === null) {
        return "canary.weight is required: the share of invocations the new version takes (e.g. canary: { weight: 0.1 })";
    }
    return undefined;
}

/** What declareCanary needs of the WarmAlias. */
interface CanaryContext {
    name: string;
    label: string;
    functionName: pulumi.Output<string>;
    aliasName: pulumi.Output<string>;
    plan: CanaryPlan;
    /** The canary's count (a fixed count only). */
    canaryCount: pulumi.Output<number> | undefined;
    /** The capacity of the version the alias routes to. */
    stable: FixedConcurrency | UtilizationScaling;
}

/**
 * Declares the canary's configuration and target (NAME-canary-vN) as the plan says, inside the apply of the alias's
 * routing: a canary taking its weight, or a promoted canary kept once more without a change (PROMOTED_CANARY), or
 * none. Returns the alias's routing configuration: the canary's weight once its environments were read back
 * allocated, or none.
 */
function declareCanary(component: WarmAlias, context: CanaryContext): pulumi.Output<{ additionalVersionWeights: Record<string, number> } | undefined> {
    const { name, label, functionName, aliasName, plan, canaryCount, stable } = context;
    // Named by version, not by role: a canary's configuration is never replaced by another version's. A create that
    // replaces a resource and fails (a version that does not initialize) marks the resource it replaces for deletion
    // at the end of the next up (pulumi/pulumi step.go, CreateStep.Apply; step_generator.go, GenerateDeletes): were
    // the canary one resource whose version changes, a failed canary would leave the running canary's configuration
    // to be deleted by the next up, also when that up promotes it.
    const canaryName = (version: string): string => `${name}-canary-v${version}`;
    if (plan.promotedCanary !== undefined) {
        if (!(stable instanceof FixedConcurrency)) {
            const problem =
                `${label}: alias routes a canary weight to version ${plan.promotedCanary}, made with a fixed count; a WarmAlias ` +
                `that scales does not take a canary over. Promote it first with provisionedConcurrentExecutions (no canary), then turn scaling on.`;
            return pulumi.output(stopDeployment(component, `${name}-not-promoted`, `${plan.promotedCanary},not-promoted`, problem));
        }
        // The same count as the promoted version's own configuration, known once that configuration is put: should the
        // stack not hold the canary (weights set outside Pulumi), the create puts what is already there.
        const promotedArgs: FixedConcurrencyArgs & { [PROMOTED_CANARY]: boolean } = {
            functionName,
            qualifier: plan.promotedCanary,
            provisionedConcurrentExecutions: stable.config.provisionedConcurrentExecutions,
            [PROMOTED_CANARY]: true,
        };
        new FixedConcurrency(canaryName(plan.promotedCanary), promotedArgs, childOptions(component, canaryName(plan.promotedCanary)));
        return pulumi.output(undefined);
    }
    if (plan.canary === undefined || canaryCount === undefined) {
        return pulumi.output(undefined);
    }
    const { version: canaryVersion, weight } = plan.canary;
    const canaryNamed = canaryName(canaryVersion);
    const canary = new FixedConcurrency(
        canaryNamed,
        { functionName, qualifier: canaryVersion, provisionedConcurrentExecutions: canaryCount },
        childOptions(component, canaryNamed),
    );
    return readyVersion(component, { name: canaryNamed, label, functionName, aliasName, capacity: canary, requested: canaryCount }).apply((qualifier) => ({
        additionalVersionWeights: { [qualifier]: weight },
    }));
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
