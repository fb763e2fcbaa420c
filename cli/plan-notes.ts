// Explanations the plan prints under Application Auto Scaling resources: a scalable target's capacity over the coming
// week (its bounds after each scheduled action, folded into daily or weekday patterns) and what a target tracking
// policy follows.
import { CapacityStep, TimelineSchedule, capacityTimeline } from "../components/schedule";
import type { RecordedResource } from "./mock-aws";

const WEEK_MS = 7 * 24 * 60 * 60 * 1000;
const WEEKDAYS = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];

/** Weekday (0 = Monday) and "HH:MM" of an instant in a time zone. */
export function wallClock(at: Date, timezone: string): { weekday: number; time: string; date: string } {
    const parts = new Intl.DateTimeFormat("en-GB", {
        timeZone: timezone,
        weekday: "short",
        year: "numeric",
        month: "2-digit",
        day: "2-digit",
        hour: "2-digit",
        minute: "2-digit",
        hourCycle: "h23",
    }).formatToParts(at);
    const part = (type: string): string => parts.find((p) => p.type === type)?.value ?? "";
    return {
        weekday: WEEKDAYS.indexOf(part("weekday")),
        time: `${part("hour")}:${part("minute")}`,
        date: `${part("year")}-${part("month")}-${part("day")}`,
    };
}

/** "daily", "Mon-Fri", "Sat-Sun" or "Mon, Wed" for a set of weekdays (0 = Monday). */
export function describeWeekdays(days: readonly number[]): string {
    const sorted = [...new Set(days)].sort((a, b) => a - b);
    if (sorted.length === 7) {
        return "daily";
    }
    const consecutive = sorted.every((d, i) => i === 0 || d === sorted[i - 1] + 1);
    if (consecutive && sorted.length >= 3) {
        return `${WEEKDAYS[sorted[0]]}-${WEEKDAYS[sorted[sorted.length - 1]]}`;
    }
    return sorted.map((d) => WEEKDAYS[d]).join(", ");
}

/**
 * Folds a week of capacity steps into lines: steps that repeat at the same wall time with the same bounds and cause
 * become one line ("Mon-Fri 08:00  min 10  max 50  (business-hours)"); the first line is the state at `from`.
 */
export function summarizeWeek(steps: readonly CapacityStep[], timezone: string): string[] {
    if (steps.length === 0) {
        return [];
    }
    const [first, ...changes] = steps;
    const groups = new Map<string, { time: string; days: number[]; dates: string[]; step: CapacityStep }>();
    for (const step of changes) {
        const wall = wallClock(step.at, timezone);
        const key = [wall.time, step.min, step.max, step.by, step.failed ?? ""].join("|");
        const group = groups.get(key) ?? { time: wall.time, days: [], dates: [], step };
        group.days.push(wall.weekday);
        group.dates.push(`${WEEKDAYS[wall.weekday]} ${wall.date}`);
        groups.set(key, group);
    }
    // The bounds the schedules leave in force at the start of the week (right after a first deployment the target
    // holds its registered bounds instead, until its first action runs).
    const rows: [string, CapacityStep][] = [[`from ${wallClock(first.at, timezone).date}`, first]];
    for (const group of groups.values()) {
        // A pattern that shows once in the week is a date, not a pattern.
        const when = group.days.length === 1 ? group.dates[0] : describeWeekdays(group.days);
        rows.push([`${when} ${group.time}`, group.step]);
    }
    const width = Math.max(...rows.map(([when]) => when.length));
    const minWidth = Math.max(...rows.map(([, s]) => String(s.min).length));
    const maxWidth = Math.max(...rows.map(([, s]) => String(s.max).length));
    return rows.map(([when, s]) => {
        const cause = s.by === "initial" ? "" : `  (${s.by}${s.failed !== undefined ? ` FAILED: ${s.failed}` : ""})`;
        return `${when.padEnd(width)}  min ${String(s.min).padStart(minWidth)}  max ${String(s.max).padStart(maxWidth)}${cause}`;
    });
}

function numberInput(value: unknown): number | undefined {
    return typeof value === "number" ? value : undefined;
}

function stringInput(value: unknown): string | undefined {
    return typeof value === "string" ? value : undefined;
}

/** The scheduled actions recorded on the scalable target with `resourceId`, as timeline schedules. */
function schedulesOf(resourceId: string, all: readonly RecordedResource[]): TimelineSchedule[] {
    return all
        .filter((r) => r.type === "aws:appautoscaling/scheduledAction:ScheduledAction" && r.inputs.resourceId === resourceId)
        .map((r) => {
            const action = (r.inputs.scalableTargetAction ?? {}) as Record<string, unknown>;
            return {
                name: stringInput(r.inputs.name) ?? r.name,
                schedule: stringInput(r.inputs.schedule) ?? "",
                minCapacity: numberInput(action.minCapacity),
                maxCapacity: numberInput(action.maxCapacity),
                timezone: stringInput(r.inputs.timezone),
                startTime: stringInput(r.inputs.startTime),
                endTime: stringInput(r.inputs.endTime),
            };
        });
}

/**
 * A scalable target's min and max over the week from `now`. The state at `now` comes from replaying the week before
 * from the registered bounds, so a recurring schedule shows the bounds it really leaves in force.
 */
export function capacityWeekNotes(target: RecordedResource, all: readonly RecordedResource[], now: Date): string[] {
    const resourceId = stringInput(target.inputs.resourceId) ?? "";
    const min = numberInput(target.inputs.minCapacity);
    const max = numberInput(target.inputs.maxCapacity);
    if (min === undefined || max === undefined) {
        return [];
    }
    const schedules = schedulesOf(resourceId, all);
    if (schedules.length === 0) {
        return [`capacity: ${min} to ${max} all week (no scheduled actions)`];
    }
    const zones = [...new Set(schedules.map((s) => s.timezone ?? "UTC"))];
    const timezone = zones.length === 1 ? zones[0] : "UTC";
    try {
        const before = capacityTimeline(schedules, {
            from: new Date(now.getTime() - WEEK_MS),
            to: now,
            initial: { min, max },
        });
        const atNow = before[before.length - 1];
        const week = capacityTimeline(schedules, {
            from: now,
            to: new Date(now.getTime() + WEEK_MS),
            initial: { min: atNow.min, max: atNow.max },
        });
        return [`capacity over a week, once the schedules have run (${timezone}):`, ...summarizeWeek(week, timezone).map((line) => `  ${line}`)];
    } catch (error) {
        return [`capacity timeline unavailable: ${error instanceof Error ? error.message : String(error)}`];
    }
}

/** One line on what a target tracking policy follows. */
export function trackingPolicyNotes(policy: RecordedResource): string[] {
    const config = policy.inputs.targetTrackingScalingPolicyConfiguration as Record<string, unknown> | undefined;
    if (config === undefined) {
        return [];
    }
    const target = numberInput(config.targetValue);
    const predefined = config.predefinedMetricSpecification as { predefinedMetricType?: string } | undefined;
    const customized = config.customizedMetricSpecification as
        | { statistic?: string; metrics?: { expression?: string; metricStat?: { stat?: string } }[] }
        | undefined;
    let metric = "a customized metric";
    if (predefined?.predefinedMetricType !== undefined) {
        metric = `${predefined.predefinedMetricType} (the minute's Average)`;
    } else if (customized?.metrics !== undefined) {
        const stat = customized.metrics.find((m) => m.metricStat !== undefined)?.metricStat?.stat;
        const expression = customized.metrics.find((m) => m.expression !== undefined)?.expression;
        metric = `ProvisionedConcurrencyUtilization (${stat ?? "?"}) through ${expression ?? "?"} (idle scale-in, unverified in AWS)`;
    } else if (customized?.statistic !== undefined) {
        metric = `ProvisionedConcurrencyUtilization (${customized.statistic})`;
    }
    return [`tracks ${metric} at ${target ?? "?"}`];
}

/**
 * What happens to a provisioned concurrency configuration's count: a scaling component's configuration (the count
 * ignored after creation) belongs to Application Auto Scaling; every configuration says how it is replaced.
 */
export function provisionedConcurrencyNotes(config: RecordedResource): string[] {
    const notes: string[] = [];
    if (config.options.ignoreChanges.includes("provisionedConcurrentExecutions")) {
        notes.push("count: what the schedules have in force when created; from then on Application Auto Scaling sets it");
    }
    notes.push(
        config.options.deleteBeforeReplace
            ? "on replacement (new version, qualifier or function): the old configuration is deleted first"
            : "on replacement (new version, qualifier or function): the new configuration is created first, then the old one deleted",
    );
    return notes;
}

/** The statements of an IAM policy document, one line each, so a reader can check what a role may do. */
export function policyDocumentNotes(resource: RecordedResource): string[] {
    const document = resource.inputs.policy;
    if (typeof document !== "string") {
        return [];
    }
    let statements: { Effect?: string; Action?: string | string[]; Resource?: string | string[] }[];
    try {
        const parsed = JSON.parse(document) as { Statement?: typeof statements | (typeof statements)[number] };
        statements = ([] as typeof statements).concat(parsed.Statement ?? []);
    } catch {
        return ["policy: (not JSON)"];
    }
    const shown = 3;
    return statements.flatMap((s) => {
        const actions = ([] as string[]).concat(s.Action ?? []).join(", ");
        const resources = ([] as string[]).concat(s.Resource ?? []);
        const more = resources.length > shown ? [`    ... and ${resources.length - shown} more`] : [];
        return [`${s.Effect ?? "?"} ${actions} on:`, ...resources.slice(0, shown).map((r) => `    ${r}`), ...more];
    });
}
