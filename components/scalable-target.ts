// What ScheduledConcurrency and UtilizationScaling share: the schedule arguments and their checks, the provisioned
// concurrency configuration they own, the Application Auto Scaling scalable target of a Lambda alias or version, and
// its scheduled actions.
import * as pulumi from "@pulumi/pulumi";
import { childOptions } from "./child-aliases";
import { ScheduledAction, Target } from "@pulumi/aws/appautoscaling";
import { ProvisionedConcurrencyConfig } from "@pulumi/aws/lambda";
import { OutputCheckError, checkedInput, gateOn, isPlain } from "./checked-input";
import { ValidationResult, describeValue } from "./function-reference";
import {
    TimelineSchedule,
    capacityTimeline,
    lastFiringAtOrBefore,
    validateScheduleExpression,
    validateScheduleTimes,
    validateScheduledActionName,
    validateTimezone,
} from "./schedule";
import { CheckedTarget } from "./target";
import { validateScaledCapacity } from "./scaled-capacity";

// The check of a scaled capacity has no Pulumi in it, so the policy pack reads it too; exported here as before.
export { validateScaledCapacity };

/** Application Auto Scaling's names for Lambda provisioned concurrency (RegisterScalableTarget). */
export const LAMBDA_SERVICE_NAMESPACE = "lambda";
export const PROVISIONED_CONCURRENCY_DIMENSION = "lambda:function:ProvisionedConcurrency";

/**
 * One scheduled change of the scalable target's bounds.
 *
 * Named without an `Args` suffix: the schema other languages are generated from takes the interface's name as the
 * type's name, and the Python and Go generators add `Args` to input types themselves (`ScheduleArgs` would become
 * `ScheduleArgsArgs`). {@link ScheduleArgs} stays as the TypeScript name of earlier releases.
 */
export interface Schedule {
    /** The scheduled action's name: unique within the component; no `:`, `/` or `|`; at most 256 characters. */
    name: string;
    /**
     * When it runs: `cron(minutes hours day-of-month month day-of-week year)`, `rate(value unit)` or
     * `at(yyyy-mm-ddThh:mm:ss)`, as Application Auto Scaling takes them, e.g. `cron(0 8 ? * MON-FRI *)`.
     */
    schedule: string;
    /**
     * Sets both minCapacity and maxCapacity to this value, a whole number. Give either this or minCapacity and/or
     * maxCapacity. Defaults to none: minCapacity and maxCapacity say what changes.
     */
    capacity?: number;
    /** The new minimum provisioned concurrency, a whole number. Defaults to none: the minimum stays as it is. */
    minCapacity?: number;
    /** The new maximum provisioned concurrency, a whole number. Defaults to none: the maximum stays as it is. */
    maxCapacity?: number;
    /**
     * The IANA time zone of the cron or at expression, e.g. `Europe/Paris`. Defaults to the component's `timezone`,
     * else UTC.
     * @default the component's `timezone`, else UTC
     */
    timezone?: string;
    /**
     * When the action starts to apply, as an RFC 3339 UTC timestamp (`2026-12-01T00:00:00Z`). Defaults to none: the
     * action applies from its creation.
     */
    startTime?: string;
    /**
     * When the action stops applying; capacity is not reverted then. RFC 3339 UTC timestamp. Defaults to none: the
     * action applies for good.
     */
    endTime?: string;
}

/** The name {@link Schedule} had before the package was usable from other languages. */
export type ScheduleArgs = Schedule;

/** A schedule with its bounds resolved: what one ScheduledAction will set. */
export interface ResolvedSchedule extends TimelineSchedule {
    timezone: string;
}

/** Checks a capacity of a schedule: absent, or as {@link validateScaledCapacity}. */
function capacityProblem(argument: string, value: unknown): ValidationResult {
    return value === undefined ? undefined : validateScaledCapacity(value, argument);
}

/** Checks the schedules of a component and resolves each to the min and max it sets, each at least 1. */
export function validateSchedules(
    schedules: readonly Schedule[] | undefined,
    options: { defaultTimezone?: string; required: boolean },
): { schedules: ResolvedSchedule[] } | { error: string } {
    // Callers in JavaScript or other languages may pass anything; the type alone does not guarantee an array.
    const given: unknown = schedules;
    if (given !== undefined && !Array.isArray(given)) {
        return { error: `schedules must be an array, got ${describeValue(given)}` };
    }
    if (schedules === undefined || schedules.length === 0) {
        if (options.required) {
            return { error: "schedules must list at least one schedule" };
        }
        // The component's time zone is checked even without schedules: a misspelt one would otherwise pass until the
        // first schedule is added, and then fail a change that did not touch it.
        const problem = options.defaultTimezone === undefined ? undefined : validateTimezone(options.defaultTimezone);
        return problem === undefined ? { schedules: [] } : { error: problem };
    }
    if (options.defaultTimezone !== undefined) {
        const problem = validateTimezone(options.defaultTimezone);
        if (problem !== undefined) {
            return { error: problem };
        }
    }
    const resolved: ResolvedSchedule[] = [];
    const seen = new Map<string, number>();
    for (let i = 0; i < schedules.length; i++) {
        const s = schedules[i];
        const at = `schedules[${i}]`;
        if ((s as unknown) === null || typeof s !== "object") {
            return { error: `${at} must be an object, got ${describeValue(s)}` };
        }
        const nameProblem = validateScheduledActionName(s.name);
        if (nameProblem !== undefined) {
            return { error: `${at}.name: ${nameProblem}` };
        }
        const previous = seen.get(s.name);
        if (previous !== undefined) {
            return {
                error: `${at}.name "${s.name}" is already the name of schedules[${previous}]; scheduled action names must be unique per scalable target`,
            };
        }
        seen.set(s.name, i);
        const label = `${at} ("${s.name}")`;
        const expressionProblem = validateScheduleExpression(s.schedule);
        if (expressionProblem !== undefined) {
            return { error: `${label}.schedule: ${expressionProblem}` };
        }
        const timezone = s.timezone ?? options.defaultTimezone ?? "UTC";
        if (s.timezone !== undefined) {
            const problem = validateTimezone(s.timezone);
            if (problem !== undefined) {
                return { error: `${label}.timezone: ${problem}` };
            }
        }
        const timesProblem = validateScheduleTimes(s.startTime, s.endTime);
        if (timesProblem !== undefined) {
            return { error: `${label}: ${timesProblem}` };
        }
        const boundsProblem =
            capacityProblem(`${label}.capacity`, s.capacity) ??
            capacityProblem(`${label}.minCapacity`, s.minCapacity) ??
            capacityProblem(`${label}.maxCapacity`, s.maxCapacity);
        if (boundsProblem !== undefined) {
            return { error: boundsProblem };
        }
        if (s.capacity !== undefined && (s.minCapacity !== undefined || s.maxCapacity !== undefined)) {
            return {
                error: `${label} sets capacity (${s.capacity}) and also minCapacity or maxCapacity; capacity sets both bounds, so give one or the other`,
            };
        }
        const min = s.capacity ?? s.minCapacity;
        const max = s.capacity ?? s.maxCapacity;
        if (min === undefined && max === undefined) {
            return { error: `${label} must set capacity, or minCapacity and/or maxCapacity` };
        }
        if (min !== undefined && max !== undefined && min > max) {
            return { error: `${label}.minCapacity (${min}) must not be above its maxCapacity (${max})` };
        }
        resolved.push({
            name: s.name,
            schedule: s.schedule,
            minCapacity: min,
            maxCapacity: max,
            timezone,
            startTime: s.startTime,
            endTime: s.endTime,
        });
    }
    return { schedules: resolved };
}

/**
 * The scalable target's bounds: the user's, or by default the lowest and highest capacity the schedules use. Every
 * schedule must stay inside them: a scheduled action outside the registered bounds is a sign of a typo, and the
 * bounds are what the target starts with before the first action runs.
 */
export function resolveTargetBounds(
    schedules: readonly ResolvedSchedule[],
    minCapacity: number | undefined,
    maxCapacity: number | undefined,
    defaults: { min?: number; max?: number },
): { min: number; max: number } | { error: string } {
    const used = schedules.flatMap((s) => [s.minCapacity, s.maxCapacity]).filter((v): v is number => v !== undefined);
    const min = minCapacity ?? defaults.min ?? (used.length > 0 ? Math.min(...used) : undefined);
    const max = maxCapacity ?? defaults.max ?? (used.length > 0 ? Math.max(...used) : undefined);
    if (min === undefined || max === undefined) {
        return { error: "minCapacity and maxCapacity are needed when no schedule sets a capacity" };
    }
    if (min > max) {
        return { error: `minCapacity (${min}) must not be above maxCapacity (${max})` };
    }
    for (let i = 0; i < schedules.length; i++) {
        const s = schedules[i];
        for (const [key, value] of [
            ["minCapacity", s.minCapacity],
            ["maxCapacity", s.maxCapacity],
        ] as const) {
            if (value !== undefined && (value < min || value > max)) {
                return {
                    error: `schedules[${i}] ("${s.name}") sets ${key} ${value}, outside the target's bounds ${min} to ${max}; widen minCapacity/maxCapacity or change the schedule`,
                };
            }
        }
    }
    return { min, max };
}

/**
 * The scalable target's checked bounds, from a component's minCapacity and maxCapacity arguments: each a whole number
 * of at least 1, min not above max, every schedule inside them (see resolveTargetBounds). Plain
 * values are checked now; Outputs when they resolve, failing with the component's label.
 */
export function checkedTargetBounds(
    component: pulumi.Resource,
    label: string,
    schedules: readonly ResolvedSchedule[],
    minCapacity: pulumi.Input<number> | undefined,
    maxCapacity: pulumi.Input<number> | undefined,
): { min: pulumi.Input<number>; max: pulumi.Input<number> } {
    const boundsOf = (min: number | undefined, max: number | undefined, later: boolean): { min: number; max: number } => {
        const bounds = resolveTargetBounds(schedules, min, max, {});
        if ("error" in bounds) {
            // Once Outputs resolved, the failure also gates the component's children (see checked-input.ts).
            throw later ? new OutputCheckError(`${label}: ${bounds.error}`, component) : new pulumi.ResourceError(`${label}: ${bounds.error}`, component);
        }
        return bounds;
    };
    const checked = (value: pulumi.Input<number> | undefined, argument: string): pulumi.Output<number> | undefined =>
        value === undefined ? undefined : checkedInput(component, label, value, (v) => validateScaledCapacity(v, argument));
    const min = checked(minCapacity, "minCapacity");
    const max = checked(maxCapacity, "maxCapacity");
    if (isPlain(minCapacity) && isPlain(maxCapacity)) {
        return boundsOf(minCapacity, maxCapacity, false);
    }
    const resolved = gateOn(component, pulumi.all([min, max]).apply(([lo, hi]) => boundsOf(lo, hi, true)));
    return { min: resolved.min, max: resolved.max };
}

/**
 * The bounds the schedules leave in force at `now`: the registered bounds, then every scheduled action replayed in
 * order from the oldest of the schedules' last firings, so that each schedule's last firing is in the replay however
 * long ago it was (a monthly cron, an at() of last year, a long rate from its StartTime). Each action sets absolute
 * bounds, so the last firing of each schedule decides, in the order they came.
 */
export function boundsInForce(
    schedules: readonly ResolvedSchedule[],
    registered: { min: number; max: number },
    now: Date,
): { min: number; max: number } {
    const lastFirings = schedules.map((s) => lastFiringAtOrBefore(s, now.getTime())).filter((at): at is number => at !== undefined);
    if (lastFirings.length === 0) {
        return registered;
    }
    // An action firing at `now` itself counts as fired (the timeline's end is exclusive).
    const steps = capacityTimeline(schedules, { from: new Date(Math.min(...lastFirings)), to: new Date(now.getTime() + 1), initial: registered });
    const last = steps[steps.length - 1];
    return { min: last.min, max: last.max };
}

/**
 * What a scaling component registers and creates, at `now`: the scalable target's bounds are the ones the schedules
 * have in force (see boundsInForce), not the envelope of every schedule, so that a later `pulumi up` (or `pulumi up
 * --refresh`, which reads the bounds the last action set) never sets back bounds that a scheduled action moved; and
 * the provisioned concurrency configuration starts at the minimum in force (at least 1, see LEAST_SCALED_CAPACITY).
 */
export interface RegisteredCapacity {
    min: pulumi.Input<number>;
    max: pulumi.Input<number>;
    initialCount: pulumi.Input<number>;
}

/** See {@link RegisteredCapacity}; plain bounds give plain values, Output bounds Outputs. */
export function registeredCapacity(
    schedules: readonly ResolvedSchedule[],
    envelope: { min: pulumi.Input<number>; max: pulumi.Input<number> },
    now: Date,
): RegisteredCapacity {
    const of = (min: number, max: number): { min: number; max: number; initialCount: number } => {
        const inForce = boundsInForce(schedules, { min, max }, now);
        return { ...inForce, initialCount: inForce.min };
    };
    if (isPlain(envelope.min) && isPlain(envelope.max)) {
        return of(envelope.min, envelope.max);
    }
    const resolved = pulumi.all([envelope.min, envelope.max]).apply(([min, max]) => of(min, max));
    return { min: resolved.min, max: resolved.max, initialCount: resolved.initialCount };
}

const WEEK_MS = 7 * 24 * 60 * 60 * 1000;

/** The lowest minimum, lowest maximum and highest maximum a scalable target has over the week from `now`. */
export function weekBounds(
    schedules: readonly ResolvedSchedule[],
    registered: { min: pulumi.Input<number>; max: pulumi.Input<number> },
    now: Date,
): pulumi.Input<{ lowestMin: number; lowestMax: number; highestMax: number }> {
    const of = (min: number, max: number): { lowestMin: number; lowestMax: number; highestMax: number } => {
        if (schedules.length === 0) {
            return { lowestMin: min, lowestMax: max, highestMax: max };
        }
        const steps = capacityTimeline(schedules, { from: now, to: new Date(now.getTime() + WEEK_MS), initial: { min, max } });
        return {
            lowestMin: Math.min(...steps.map((s) => s.min)),
            lowestMax: Math.min(...steps.map((s) => s.max)),
            highestMax: Math.max(...steps.map((s) => s.max)),
        };
    };
    if (isPlain(registered.min) && isPlain(registered.max)) {
        return of(registered.min, registered.max);
    }
    return pulumi.all([registered.min, registered.max]).apply(([min, max]) => of(min, max));
}

/**
 * The provisioned concurrency configuration a scaling component owns, so that removing the component or destroying
 * the stack releases the capacity: DeregisterScalableTarget deletes the target's policies and scheduled actions but
 * leaves the provisioned concurrency where it is, billing (aws/aws-cdk#31507, aws/serverless-application-model#1846).
 * It is created with `initialCount` (what the schedules have in force when it is created) and from then on belongs to
 * Application Auto Scaling: `ignoreChanges` keeps Pulumi from setting the count back on later updates, and the
 * target depends on it, so Pulumi deletes the target first and the configuration after (reverse dependency order).
 * `setCount` sets `initialCount` at this `up` on an existing configuration too (WarmAlias promoting a canary).
 * Named after the component, like FixedConcurrency's configuration, so that a swap between the two keeps it.
 * Like every child created here, it registers only once the component's Output-time checks passed (afterChecks).
 */
export function createOwnedCapacity(
    parent: pulumi.ComponentResource,
    name: string,
    target: CheckedTarget,
    initialCount: pulumi.Input<number>,
    deleteOldConfigurationFirst: boolean,
    setCount = false,
): ProvisionedConcurrencyConfig {
    return new ProvisionedConcurrencyConfig(
        name,
        // skipDestroy as FixedConcurrency sets it, so that a swap between the two is no change at all.
        { functionName: target.functionName, qualifier: target.qualifier, provisionedConcurrentExecutions: initialCount, skipDestroy: false },
        { ...childOptions(parent, name), ignoreChanges: setCount ? [] : ["provisionedConcurrentExecutions"], deleteBeforeReplace: deleteOldConfigurationFirst },
    );
}

/** Scaling by policies and scheduled actions, as ScheduledConcurrency and UtilizationScaling need it: on. */
export const SCALING_ACTIVE = { dynamicScalingInSuspended: false, dynamicScalingOutSuspended: false, scheduledScalingSuspended: false } as const;

/** FixedConcurrency's target: every scaling activity suspended (it has no policy and no action of its own). */
export const SCALING_SUSPENDED = { dynamicScalingInSuspended: true, dynamicScalingOutSuspended: true, scheduledScalingSuspended: true } as const;

/**
 * Creates the Application Auto Scaling scalable target of a function's alias or version, after the provisioned
 * concurrency configuration the component owns (see createOwnedCapacity).
 *
 * All three provisioned concurrency components have one, named `NAME-target`, so that a swap between them updates it
 * in place (swaps.ts). The suspended state is always given, never left to the provider's default, because it is what
 * makes a swap to or from FixedConcurrency a change that Pulumi applies whatever the stack's state says: the state
 * holds the count and bounds Pulumi saw at its last `up`, and Application Auto Scaling may have moved both since (a
 * scheduled action at night, tracking under load). FixedConcurrency registers min = max = its count with scaling
 * suspended, ScheduledConcurrency and UtilizationScaling register their bounds with scaling on; the suspended state
 * differs, so the provider registers the target again (its Update calls RegisterScalableTarget on any change but
 * tags: terraform-provider-aws, appautoscaling target.go), and "anytime the RegisterScalableTarget API is called,
 * Application Auto Scaling retrieves the current capacity and compares it to the minimum and maximum capacity. If it
 * falls outside of the minimum-maximum range, then the capacity is updated" (AAS user guide, concepts). A swap to
 * FixedConcurrency at night thus brings the count to the fixed one even when the stack last saw that count by day.
 * Suspending first also keeps the old component's scheduled actions and tracking policy, deleted at the end of the
 * same `up`, from acting on the fixed count in between.
 */
export function createScalableTarget(
    parent: pulumi.ComponentResource,
    name: string,
    bounds: { min: pulumi.Input<number>; max: pulumi.Input<number> },
    capacity: ProvisionedConcurrencyConfig,
    suspendedState: typeof SCALING_ACTIVE | typeof SCALING_SUSPENDED = SCALING_ACTIVE,
): Target {
    return new Target(
        `${name}-target`,
        {
            serviceNamespace: LAMBDA_SERVICE_NAMESPACE,
            scalableDimension: PROVISIONED_CONCURRENCY_DIMENSION,
            // From the configuration's outputs, not the component's arguments (the same values): the target then
            // depends on the configuration by property, so that a delete-before-replace of the configuration
            // (deleteOldConfigurationFirst) deregisters the old target first, with its policies and actions, as
            // dependents the replacement replaces too (step_generator.go, calculateDependentReplacements). Otherwise an
            // `up` failing between the old configuration's delete and the new one's create left the old target
            // registered; its tracking or scheduled actions then put a configuration on the old qualifier again, which
            // the state held as deleted (pending replacement) and no `destroy` removed: it billed on.
            resourceId: pulumi.interpolate`function:${capacity.functionName}:${capacity.qualifier}`,
            minCapacity: bounds.min,
            maxCapacity: bounds.max,
            suspendedState: { ...suspendedState },
        },
        childOptions(parent, `${name}-target`, [capacity]),
    );
}

/**
 * One ScheduledAction per schedule, on `target`. They are created one after the other, after `first` (a scaling
 * policy) when given: Application Auto Scaling refuses concurrent updates of one scalable target with
 * ConcurrentUpdateException (hashicorp/terraform-provider-aws#17915 and #33428 show what parallel creation does).
 */
export function createScheduledActions(
    parent: pulumi.ComponentResource,
    name: string,
    target: Target,
    schedules: readonly ResolvedSchedule[],
    first?: pulumi.Resource,
): ScheduledAction[] {
    const actions: ScheduledAction[] = [];
    let previous: pulumi.Resource | undefined = first;
    for (const s of schedules) {
        const action: ScheduledAction = new ScheduledAction(
            `${name}-${s.name}`,
            {
                name: s.name,
                serviceNamespace: target.serviceNamespace,
                resourceId: target.resourceId,
                scalableDimension: target.scalableDimension,
                schedule: s.schedule,
                timezone: s.timezone,
                startTime: s.startTime,
                endTime: s.endTime,
                scalableTargetAction: { minCapacity: s.minCapacity, maxCapacity: s.maxCapacity },
            },
            childOptions(parent, `${name}-${s.name}`, previous !== undefined ? [previous] : []),
        );
        actions.push(action);
        previous = action;
    }
    return actions;
}
