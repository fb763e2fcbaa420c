// What ScheduledConcurrency and UtilizationScaling share: the schedule arguments and their checks, the Application
// Auto Scaling scalable target of a Lambda alias or version, and its scheduled actions.
import * as pulumi from "@pulumi/pulumi";
import { ScheduledAction, Target } from "@pulumi/aws/appautoscaling";
import {
    TimelineSchedule,
    validateScheduleExpression,
    validateScheduleTimes,
    validateScheduledActionName,
    validateTimezone,
} from "./schedule";
import { CheckedTarget, ValidationResult, checkedInput, describeValue, isPlain, validateCapacity } from "./target";

/** Application Auto Scaling's names for Lambda provisioned concurrency (RegisterScalableTarget). */
export const LAMBDA_SERVICE_NAMESPACE = "lambda";
export const PROVISIONED_CONCURRENCY_DIMENSION = "lambda:function:ProvisionedConcurrency";

/** One scheduled change of the scalable target's bounds. */
export interface ScheduleArgs {
    /** The scheduled action's name: unique within the component; no `:`, `/` or `|`; at most 256 characters. */
    name: string;
    /**
     * When it runs: `cron(minutes hours day-of-month month day-of-week year)`, `rate(value unit)` or
     * `at(yyyy-mm-ddThh:mm:ss)`, as Application Auto Scaling takes them, e.g. `cron(0 8 ? * MON-FRI *)`.
     */
    schedule: string;
    /** Sets both minCapacity and maxCapacity to this value. */
    capacity?: number;
    /** The new minimum provisioned concurrency. */
    minCapacity?: number;
    /** The new maximum provisioned concurrency. */
    maxCapacity?: number;
    /**
     * The IANA time zone of the cron or at expression, e.g. `Europe/Paris`.
     * @default the component's `timezone`, else UTC
     */
    timezone?: string;
    /** When the action starts to apply, as an RFC 3339 UTC timestamp (`2026-12-01T00:00:00Z`). */
    startTime?: string;
    /** When the action stops applying; capacity is not reverted then. RFC 3339 UTC timestamp. */
    endTime?: string;
}

/** A schedule with its bounds resolved: what one ScheduledAction will set. */
export interface ResolvedSchedule extends TimelineSchedule {
    timezone: string;
}

/** Checks a capacity that is given as a plain number: a whole number, at least `minimum`. */
function capacityProblem(argument: string, value: unknown, minimum: number): ValidationResult {
    if (value === undefined) {
        return undefined;
    }
    if (typeof value !== "number" || !Number.isInteger(value)) {
        return `${argument} must be a whole number, got ${describeValue(value)}`;
    }
    if (value < minimum) {
        return `${argument} must be at least ${minimum}, got ${value}`;
    }
    return undefined;
}

/**
 * Checks the schedules of a component and resolves each to the min and max it sets. `minimumCapacity` is the lowest
 * bound allowed (0 for ScheduledConcurrency, where no provisioned concurrency at night is a real choice).
 */
export function validateSchedules(
    schedules: readonly ScheduleArgs[] | undefined,
    options: { defaultTimezone?: string; minimumCapacity: number; required: boolean },
): { schedules: ResolvedSchedule[] } | { error: string } {
    // Callers in JavaScript or other languages may pass anything; the type alone does not guarantee an array.
    const given: unknown = schedules;
    if (given !== undefined && !Array.isArray(given)) {
        return { error: `schedules must be an array, got ${describeValue(given)}` };
    }
    if (schedules === undefined || schedules.length === 0) {
        return options.required ? { error: "schedules must list at least one schedule" } : { schedules: [] };
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
            capacityProblem(`${label}.capacity`, s.capacity, options.minimumCapacity) ??
            capacityProblem(`${label}.minCapacity`, s.minCapacity, options.minimumCapacity) ??
            capacityProblem(`${label}.maxCapacity`, s.maxCapacity, options.minimumCapacity);
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
 * of at least `minimumCapacity`, min not above max, every schedule inside them (see resolveTargetBounds). Plain
 * values are checked now; Outputs when they resolve, failing with the component's label.
 */
export function checkedTargetBounds(
    component: pulumi.Resource,
    label: string,
    schedules: readonly ResolvedSchedule[],
    minCapacity: pulumi.Input<number> | undefined,
    maxCapacity: pulumi.Input<number> | undefined,
    minimumCapacity: number,
): { min: pulumi.Input<number>; max: pulumi.Input<number> } {
    const boundsOf = (min: number | undefined, max: number | undefined): { min: number; max: number } => {
        const bounds = resolveTargetBounds(schedules, min, max, {});
        if ("error" in bounds) {
            throw new pulumi.ResourceError(`${label}: ${bounds.error}`, component);
        }
        return bounds;
    };
    const checked = (value: pulumi.Input<number> | undefined, argument: string): pulumi.Output<number> | undefined =>
        value === undefined ? undefined : checkedInput(component, label, value, (v) => validateCapacity(v, argument, minimumCapacity));
    const min = checked(minCapacity, "minCapacity");
    const max = checked(maxCapacity, "maxCapacity");
    if (isPlain(minCapacity) && isPlain(maxCapacity)) {
        return boundsOf(minCapacity, maxCapacity);
    }
    const resolved = pulumi.all([min, max]).apply(([lo, hi]) => boundsOf(lo, hi));
    return { min: resolved.min, max: resolved.max };
}

/** Creates the Application Auto Scaling scalable target of a function's alias or version. */
export function createScalableTarget(
    parent: pulumi.ComponentResource,
    name: string,
    target: CheckedTarget,
    bounds: { min: pulumi.Input<number>; max: pulumi.Input<number> },
): Target {
    return new Target(
        `${name}-target`,
        {
            serviceNamespace: LAMBDA_SERVICE_NAMESPACE,
            scalableDimension: PROVISIONED_CONCURRENCY_DIMENSION,
            resourceId: pulumi.interpolate`function:${target.functionName}:${target.qualifier}`,
            minCapacity: bounds.min,
            maxCapacity: bounds.max,
        },
        { parent },
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
            { parent, dependsOn: previous !== undefined ? [previous] : [] },
        );
        actions.push(action);
        previous = action;
    }
    return actions;
}
