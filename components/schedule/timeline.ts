// Capacity timelines: the min and max of a scalable target over a period, as its scheduled actions set them, and
// their formatting for the offline plan.
// Sources in brackets are listed in components/schedule.ts.
import { DAY_MS, pad2, pad4, wallClockAt } from "./calendar";
import { collectBetween, requireDate, requireTimezone, windowOf } from "./occurrences";
import { parseScheduleExpression } from "./parse";
import { ScheduleError } from "./types";
import { validateScheduleExpression, validateScheduleTimes, validateScheduledActionName, validateTimezone } from "./validate";

/** A scheduled action on one scalable target, as the components declare it. */
export interface TimelineSchedule {
    /** The scheduled action name; unique per scalable target [AAS scheduled]. */
    readonly name: string;
    /** A cron, rate or at expression. */
    readonly schedule: string;
    /** The new minimum capacity; unset leaves the current minimum. */
    readonly minCapacity?: number;
    /** The new maximum capacity; unset leaves the current maximum. */
    readonly maxCapacity?: number;
    /** IANA time zone for cron and at; defaults to the timeline's defaultTimezone, then UTC. */
    readonly timezone?: string;
    /** RFC 3339 StartTime. */
    readonly startTime?: string;
    /** RFC 3339 EndTime. */
    readonly endTime?: string;
}

/** The scalable target's minimum and maximum from `at` on. */
export interface CapacityStep {
    readonly at: Date;
    readonly min: number;
    readonly max: number;
    /** The scheduled action that set these values, or "initial". */
    readonly by: string;
    /**
     * Set when the action fired but could not apply: a new minimum above the maximum (or a new maximum below the
     * minimum). min and max are then unchanged.
     */
    readonly failed?: string;
}

export interface CapacityTimelineOptions {
    /** Start of the period (inclusive); `initial` is the target's capacity here. */
    readonly from: Date;
    /** End of the period (exclusive). */
    readonly to: Date;
    /** The scalable target's min and max at `from`. */
    readonly initial: { readonly min: number; readonly max: number };
    /** Time zone for schedules that set none. @default "UTC" */
    readonly defaultTimezone?: string;
}

function capacityProblem(label: string, value: number | undefined): string | undefined {
    if (value === undefined) return undefined;
    // [PutScheduledAction] MinCapacity/MaxCapacity are integers; Lambda provisioned concurrency allows 0
    // (RegisterScalableTarget MinCapacity).
    if (typeof value !== "number" || !Number.isInteger(value) || value < 0) {
        return `${label} must be a whole number >= 0, got ${String(value)}`;
    }
    return undefined;
}

/** Says what is wrong with one scheduled action of a timeline, or undefined. */
function timelineScheduleProblem(
    schedule: TimelineSchedule,
    defaultTimezone: string,
    seenNames: ReadonlySet<string>,
): string | undefined {
    const nameProblem = validateScheduledActionName(schedule.name);
    if (nameProblem !== undefined) return nameProblem;
    if (seenNames.has(schedule.name)) {
        return "the name is used twice; scheduled action names must be unique per scalable target";
    }
    const expressionProblem = validateScheduleExpression(schedule.schedule);
    if (expressionProblem !== undefined) return expressionProblem;
    const timezoneProblem = validateTimezone(schedule.timezone ?? defaultTimezone);
    if (timezoneProblem !== undefined) return timezoneProblem;
    const timesProblem = validateScheduleTimes(schedule.startTime, schedule.endTime);
    if (timesProblem !== undefined) return timesProblem;
    const boundsProblem =
        capacityProblem("minCapacity", schedule.minCapacity) ?? capacityProblem("maxCapacity", schedule.maxCapacity);
    if (boundsProblem !== undefined) return boundsProblem;
    if (schedule.minCapacity === undefined && schedule.maxCapacity === undefined) {
        return "set minCapacity, maxCapacity or both";
    }
    if (
        schedule.minCapacity !== undefined &&
        schedule.maxCapacity !== undefined &&
        schedule.minCapacity > schedule.maxCapacity
    ) {
        return `minCapacity ${schedule.minCapacity} is above maxCapacity ${schedule.maxCapacity}`;
    }
    return undefined;
}

/**
 * The steps of a scalable target's min and max over [from, to), in time order: an "initial" step at `from`, then one
 * step each time a scheduled action changes min or max, or fails.
 *
 * Rules encoded:
 * - An action sets the min and/or max it names; the other keeps its value [AAS scheduled, "The request can optionally
 *   include only one of these sizes"].
 * - If the result would have min above max, the action fails and nothing changes: AWS says "you must include both
 *   sizes to ensure that the new minimum capacity is not greater than the maximum capacity" [AAS scheduled] and "if the
 *   maximum capacity is less than the value specified for minimum capacity, you must specify a new minimum and maximum
 *   capacity" [AAS examples]; it does not adjust the other bound. The step carries `failed`.
 * - An action given both bounds with min > max, or neither bound, is rejected by the API (ValidationException "Maximum
 *   capacity cannot be less than minimum capacity" / "At least one of minimum capacity and maximum capacity should be
 *   provided"): this throws a ScheduleError.
 * - Outside StartTime/EndTime an action does not fire; after EndTime the capacity is not reverted [AAS cron].
 * - Actions firing at the same instant apply in the order given: AAS "guarantees the order in which scheduled actions
 *   run for the same scalable target" and runs them "in the order that they are specified" (Application Auto Scaling
 *   User Guide, "Scheduled scaling", awsdocs/application-auto-scaling-user-guide application-auto-scaling-scheduled-scaling.md).
 */
export function capacityTimeline(
    schedules: readonly TimelineSchedule[],
    options: CapacityTimelineOptions,
): CapacityStep[] {
    const fromMs = requireDate("from", options.from);
    const toMs = requireDate("to", options.to);
    if (toMs <= fromMs) throw new ScheduleError(`to must be after from`);
    const initialProblem =
        capacityProblem("initial min", options.initial.min) ?? capacityProblem("initial max", options.initial.max);
    if (initialProblem !== undefined) throw new ScheduleError(initialProblem);
    if (options.initial.min > options.initial.max) {
        throw new ScheduleError(`initial min ${options.initial.min} is above initial max ${options.initial.max}`);
    }
    const defaultTimezone = options.defaultTimezone ?? "UTC";
    const defaultProblem = validateTimezone(defaultTimezone);
    if (defaultProblem !== undefined) throw new ScheduleError(`defaultTimezone: ${defaultProblem}`);

    interface Firing {
        readonly at: number;
        readonly order: number;
        readonly schedule: TimelineSchedule;
    }
    const firingsInPeriod: Firing[] = [];
    const seenNames = new Set<string>();
    for (const [order, schedule] of schedules.entries()) {
        const problem = timelineScheduleProblem(schedule, defaultTimezone, seenNames);
        if (problem !== undefined) {
            throw new ScheduleError(`schedule "${String(schedule.name)}": ${problem}`);
        }
        seenNames.add(schedule.name);
        const parsed = parseScheduleExpression(schedule.schedule);
        const timezone = schedule.timezone ?? defaultTimezone;
        for (const at of collectBetween(parsed, timezone, windowOf(schedule), fromMs, toMs)) {
            firingsInPeriod.push({ at, order, schedule });
        }
    }
    firingsInPeriod.sort((a, b) => a.at - b.at || a.order - b.order);

    let min = options.initial.min;
    let max = options.initial.max;
    const steps: CapacityStep[] = [{ at: new Date(fromMs), min, max, by: "initial" }];
    for (const firing of firingsInPeriod) {
        const { schedule } = firing;
        const newMin = schedule.minCapacity ?? min;
        const newMax = schedule.maxCapacity ?? max;
        if (newMin > newMax) {
            const failed =
                schedule.minCapacity !== undefined && schedule.maxCapacity === undefined
                    ? `new min ${newMin} is above the current max ${max}; set maxCapacity in the same action`
                    : `new max ${newMax} is below the current min ${min}; set minCapacity in the same action`;
            steps.push({ at: new Date(firing.at), min, max, by: schedule.name, failed });
            continue;
        }
        if (newMin === min && newMax === max) continue;
        min = newMin;
        max = newMax;
        steps.push({ at: new Date(firing.at), min, max, by: schedule.name });
    }
    return steps;
}

/** How far back lastFiringAtOrBefore looks, window by window: the first window with a firing ends the search. */
const LOOKBACK_WINDOWS_MS = [DAY_MS, 8 * DAY_MS, 32 * DAY_MS, 367 * DAY_MS, 5 * 366 * DAY_MS];
/** Cron years and at() dates start at 1970 [EB cron], so nothing fires before. */
const EPOCH_MS = Date.UTC(1970, 0, 1);

/**
 * The last time at or before `atMs` that `schedule` fired, however long ago (a monthly cron, an at() of last year, a
 * long rate with a StartTime), or undefined if it never fired. A rate without a StartTime runs from the start of the
 * window it is read in (occurrences.ts), as Application Auto Scaling runs it from the moment the action is created;
 * such a rate counts as fired at the start of the first window.
 */
export function lastFiringAtOrBefore(schedule: TimelineSchedule, atMs: number, defaultTimezone = "UTC"): number | undefined {
    const parsed = parseScheduleExpression(schedule.schedule);
    const timezone = schedule.timezone ?? defaultTimezone;
    const window = windowOf(schedule);
    const spans = [...LOOKBACK_WINDOWS_MS, atMs - EPOCH_MS];
    for (const span of spans) {
        const fromMs = Math.max(EPOCH_MS, atMs - span);
        const found = collectBetween(parsed, timezone, window, fromMs, atMs + 1);
        if (found.length > 0) {
            return found[found.length - 1];
        }
        if (fromMs === EPOCH_MS) {
            break;
        }
    }
    return undefined;
}

/**
 * Formats a timeline as short lines for the offline plan, e.g. `Mon 08:00  min 10  max 10  (business-hours)`, on the
 * wall clock of `timezone`. When the steps span a week or more, each line also shows the date
 * (`Mon 2026-11-30 08:00 ...`). Lines are joined with "\n".
 */
export function formatTimeline(steps: readonly CapacityStep[], timezone = "UTC"): string {
    requireTimezone(timezone);
    if (steps.length === 0) return "";
    const first = steps[0];
    const last = steps[steps.length - 1];
    const withDate = last.at.getTime() - first.at.getTime() >= 7 * DAY_MS;
    const minWidth = Math.max(...steps.map((s) => String(s.min).length));
    const maxWidth = Math.max(...steps.map((s) => String(s.max).length));
    return steps
        .map((step) => {
            const wall = wallClockAt(step.at.getTime(), timezone);
            const date = withDate ? ` ${pad4(wall.year)}-${pad2(wall.month)}-${pad2(wall.day)}` : "";
            const when = `${wall.weekday}${date} ${pad2(wall.hour)}:${pad2(wall.minute)}`;
            const bounds = `min ${String(step.min).padStart(minWidth)}  max ${String(step.max).padStart(maxWidth)}`;
            const cause = step.failed === undefined ? step.by : `${step.by} FAILED: ${step.failed}`;
            return `${when}  ${bounds}  (${cause})`;
        })
        .join("\n");
}
