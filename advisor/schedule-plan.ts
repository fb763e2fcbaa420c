/**
 * Scheduled capacity: hourly levels over a repeating cycle (a week, or a day for periods shorter than a week), merged
 * into steps, written as AWS cron expressions, and expanded into the capacity changes the simulator applies.
 *
 * The cycle starts Monday 00:00 UTC (weekly) or 00:00 UTC (daily); the traffic's `startMinuteOfWeek` places the
 * simulated period in it. Increases are scheduled early by the allocation delay, so that the environments are ready
 * when the step starts; decreases happen at the step start.
 */
import { LEAST_SCALED_CAPACITY } from "../aws-facts/scaling";
import { DAY_MS, HOUR_MS, MINUTE_MS, WEEK_MS } from "./defaults";
import { BoundsAction, CapacityAction } from "./simulator";

/**
 * The smallest capacity a scheduled step sets: the least a scaling component takes (aws-facts/scaling.ts), never 0,
 * so that the advisor's answers are arguments the components accept. The helpers below stay generic (any level, 0
 * included); the scheduled search applies the floor where it computes its levels (searches.ts).
 */
export const MIN_SCHEDULED_CAPACITY = LEAST_SCALED_CAPACITY;

export interface ScheduleCycle {
    /** Length of the repeating cycle: a week or a day. */
    readonly cycleMs: number;
    /** Length of one slot (an hour). */
    readonly slotMs: number;
    readonly slots: number;
    /** Where the simulated period's time 0 falls in the cycle, in milliseconds. */
    readonly offsetMs: number;
}

/** The cycle for a period: a week when the period covers one, otherwise a day; hourly slots. */
export function scheduleCycle(periodMs: number, startMinuteOfWeek: number): ScheduleCycle {
    const cycleMs = periodMs >= WEEK_MS ? WEEK_MS : DAY_MS;
    const offsetMs = ((startMinuteOfWeek * MINUTE_MS) % cycleMs + cycleMs) % cycleMs;
    return { cycleMs, slotMs: HOUR_MS, slots: cycleMs / HOUR_MS, offsetMs };
}

/** The slot of the cycle that a time of the simulated period falls in. */
export function slotOf(cycle: ScheduleCycle, timeMs: number): number {
    return Math.floor(((timeMs + cycle.offsetMs) % cycle.cycleMs) / cycle.slotMs);
}

/** A step of capacity: from `startSlot` to the next step's start (the last step wraps around to the first). */
export interface ScheduleStep {
    readonly startSlot: number;
    readonly capacity: number;
}

/**
 * Merges hourly levels into steps. Slots the period never covered (NaN) take the level before them. Neighbouring
 * hours merge while the step's highest level exceeds its lowest by at most a quarter of the lowest, rounded down
 * (`high - low <= floor(low / 4)`), the step taking the highest: a schedule of a few steps is easier to read and to
 * trust than one that follows every hour's noise, and taking the highest only ever adds warm capacity.
 *
 * Rounded down, not up: a merge pays for whole environments, and a quarter of a small level rounded up is always one
 * more (1 with 2, 2 with 3, 3 with 4): a night of 1 beside a day of 2 became one step of 2, twice the night's capacity
 * paid through every night, dearer than fixed 1, to save a scheduled action on a schedule that was already readable.
 * So levels below 4 merge only with equal levels, 4 to 7 with one more, 8 to 11 with two more, 20 with 25, and so on
 * (0 only with 0): a merge never adds more than 25% to any hour, while larger levels still merge their hour-to-hour
 * noise into few steps.
 */
export function stepsFromLevels(levels: readonly number[]): ScheduleStep[] {
    const filled = fillUnobserved(levels);
    const steps: { startSlot: number; low: number; high: number }[] = [];
    for (let slot = 0; slot < filled.length; slot++) {
        const level = filled[slot];
        const current = steps[steps.length - 1];
        if (current && canMerge(Math.min(current.low, level), Math.max(current.high, level))) {
            current.low = Math.min(current.low, level);
            current.high = Math.max(current.high, level);
        } else {
            steps.push({ startSlot: slot, low: level, high: level });
        }
    }
    const merged = steps.map((step) => ({ startSlot: step.startSlot, capacity: step.high }));
    // The cycle repeats: a last step at the same level as the first simply continues into it.
    if (merged.length > 1 && merged[0].capacity === merged[merged.length - 1].capacity) merged.shift();
    return merged;
}

/** `high - low <= floor(low / 4)`, in integers (levels are whole environments). */
function canMerge(low: number, high: number): boolean {
    return 4 * (high - low) <= low;
}

function fillUnobserved(levels: readonly number[]): number[] {
    const lastObserved = [...levels].reverse().find((level) => !Number.isNaN(level));
    let previous = lastObserved ?? 0;
    return levels.map((level) => {
        if (!Number.isNaN(level)) previous = level;
        return previous;
    });
}

/** One scheduled action, as the components take it. */
export interface ScheduledAction {
    /** Unique per target, e.g. "mon-0758". */
    readonly name: string;
    /** AWS cron expression, UTC, e.g. "cron(58 7 ? * MON *)". */
    readonly schedule: string;
    readonly capacity: number;
    /** Minute of the cycle at which the action runs. */
    readonly minuteOfCycle: number;
}

const DAY_NAMES = ["MON", "TUE", "WED", "THU", "FRI", "SAT", "SUN"];

/** The scheduled actions for steps: increases `leadMinutes` early, decreases on time. */
export function scheduledActions(steps: readonly ScheduleStep[], cycle: ScheduleCycle, leadMinutes: number): ScheduledAction[] {
    const cycleMinutes = cycle.cycleMs / MINUTE_MS;
    const slotMinutes = cycle.slotMs / MINUTE_MS;
    const actions = steps.map((step, index) => {
        const previous = steps[(index - 1 + steps.length) % steps.length];
        const early = step.capacity > previous.capacity ? leadMinutes : 0;
        const minuteOfCycle = (((step.startSlot * slotMinutes - early) % cycleMinutes) + cycleMinutes) % cycleMinutes;
        return {
            name: actionName(minuteOfCycle, cycle),
            schedule: cronAt(minuteOfCycle, cycle),
            capacity: step.capacity,
            minuteOfCycle,
        };
    });
    return actions.sort((a, b) => a.minuteOfCycle - b.minuteOfCycle);
}

/** An AWS cron expression (minutes hours day-of-month month day-of-week year) for a minute of the cycle, UTC. */
export function cronAt(minuteOfCycle: number, cycle: ScheduleCycle): string {
    const minute = minuteOfCycle % 60;
    const hour = Math.floor(minuteOfCycle / 60) % 24;
    if (cycle.cycleMs === WEEK_MS) {
        const day = DAY_NAMES[Math.floor(minuteOfCycle / 1440)];
        return `cron(${minute} ${hour} ? * ${day} *)`;
    }
    return `cron(${minute} ${hour} * * ? *)`;
}

/**
 * Groups weekly actions that do the same thing at the same time of day on several days into one action with a day
 * list, e.g. five "08:00 -> 12" actions into "cron(0 8 ? * MON-FRI *)". Equivalent: each day still runs the same
 * action. Daily cycles are returned as they are.
 */
export function groupActions(actions: readonly ScheduledAction[], cycle: ScheduleCycle): ScheduledAction[] {
    if (cycle.cycleMs !== WEEK_MS) return [...actions];
    const groups = new Map<string, { minuteOfDay: number; capacity: number; days: number[]; first: number }>();
    for (const action of actions) {
        const minuteOfDay = action.minuteOfCycle % 1440;
        const key = `${minuteOfDay}/${action.capacity}`;
        const group = groups.get(key) ?? { minuteOfDay, capacity: action.capacity, days: [], first: action.minuteOfCycle };
        group.days.push(Math.floor(action.minuteOfCycle / 1440));
        groups.set(key, group);
    }
    return [...groups.values()]
        .sort((a, b) => a.first - b.first)
        .map((group) => {
            const days = dayList(group.days);
            const hhmm = `${pad2(Math.floor(group.minuteOfDay / 60))}${pad2(group.minuteOfDay % 60)}`;
            return {
                name: `${days.toLowerCase().replace(/,/g, "-")}-${hhmm}`,
                schedule: `cron(${group.minuteOfDay % 60} ${Math.floor(group.minuteOfDay / 60)} ? * ${days} *)`,
                capacity: group.capacity,
                minuteOfCycle: group.first,
            };
        });
}

/** Day indexes (0 = Monday) as an AWS cron day-of-week field: runs of three or more days become ranges. */
export function dayList(days: readonly number[]): string {
    const sorted = [...new Set(days)].sort((a, b) => a - b);
    const parts: string[] = [];
    for (let i = 0; i < sorted.length; ) {
        let j = i;
        while (j + 1 < sorted.length && sorted[j + 1] === sorted[j] + 1) j++;
        if (j - i >= 2) parts.push(`${DAY_NAMES[sorted[i]]}-${DAY_NAMES[sorted[j]]}`);
        else for (let k = i; k <= j; k++) parts.push(DAY_NAMES[sorted[k]]);
        i = j + 1;
    }
    return parts.join(",");
}

function actionName(minuteOfCycle: number, cycle: ScheduleCycle): string {
    const hhmm = `${pad2(Math.floor(minuteOfCycle / 60) % 24)}${pad2(minuteOfCycle % 60)}`;
    if (cycle.cycleMs === WEEK_MS) return `${DAY_NAMES[Math.floor(minuteOfCycle / 1440)].toLowerCase()}-${hhmm}`;
    return `daily-${hhmm}`;
}

function pad2(value: number): string {
    return value.toString().padStart(2, "0");
}

/**
 * The scheduled actions over the simulated period: the capacity in force at time 0 (the last action at or before
 * that point of the cycle, wrapping around) and every action inside the period, in order.
 */
export function expandOverPeriod(
    actions: readonly ScheduledAction[],
    cycle: ScheduleCycle,
    periodMs: number,
): { initialCapacity: number; capacityActions: CapacityAction[] } {
    if (actions.length === 0) return { initialCapacity: 0, capacityActions: [] };
    const sorted = [...actions].sort((a, b) => a.minuteOfCycle - b.minuteOfCycle);
    let initial = sorted[sorted.length - 1].capacity;
    for (const action of sorted) {
        if (action.minuteOfCycle * MINUTE_MS <= cycle.offsetMs) initial = action.capacity;
    }
    const capacityActions: CapacityAction[] = [];
    for (let cycleStart = -cycle.offsetMs; cycleStart < periodMs; cycleStart += cycle.cycleMs) {
        for (const action of sorted) {
            const atMs = cycleStart + action.minuteOfCycle * MINUTE_MS;
            if (atMs > 0 && atMs < periodMs) capacityActions.push({ atMs, capacity: action.capacity });
        }
    }
    return { initialCapacity: initial, capacityActions };
}

/** The same expansion for scheduled bounds of target tracking (each action sets min to its capacity, max fixed). */
export function expandBoundsOverPeriod(
    actions: readonly ScheduledAction[],
    cycle: ScheduleCycle,
    periodMs: number,
    maxCapacity: number,
): { initialMinCapacity: number; boundsActions: BoundsAction[] } {
    const { initialCapacity, capacityActions } = expandOverPeriod(actions, cycle, periodMs);
    return {
        initialMinCapacity: initialCapacity,
        boundsActions: capacityActions.map((action) => ({ atMs: action.atMs, minCapacity: action.capacity, maxCapacity })),
    };
}
