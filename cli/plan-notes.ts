// Explanations the plan prints: under Application Auto Scaling resources, a scalable target's capacity over the coming
// week (its bounds after each scheduled action, folded into daily or weekday patterns) and what a target tracking
// policy follows; under a warmer's deploy-time warm-up, whether it waits for the alias it pings; and what the plan
// costs a month at the advisor's prices.
import { CapacityStep, TimelineSchedule, capacityTimeline, occurrencesBetween } from "../components/schedule";
import { DEFAULT_MEMORY_MB, HOURS_PER_MONTH, WEEKDAYS } from "../advisor/defaults";
import { Architecture, PRICES_READ_ON, PRICES_REGION, US_EAST_1_PRICES, gbSeconds } from "../aws-facts/pricing";
import { CLOUDWATCH_PRICES, CLOUDWATCH_PRICES_READ_ON } from "../advisor/cloudwatch-pricing";
import { WARMER_METRICS_PER_TARGET } from "../components/monitoring/metrics";
import { DEFAULT_WARMUP_DELAY_MS } from "../runtime/index";
import type { RecordedResource } from "../testing/mock-aws";

const WEEK_MS = 7 * 24 * 60 * 60 * 1000;

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

/** A scalable target's min and max over the week from `now`, and the time zone to read it in. */
export interface TargetWeek {
    steps: CapacityStep[];
    timezone: string;
    /** False when the target has no scheduled actions (its registered bounds hold all week). */
    scheduled: boolean;
}

/**
 * A scalable target's min and max over the week from `now`. The state at `now` comes from replaying the week before
 * from the registered bounds, so a recurring schedule shows the bounds it really leaves in force. Undefined when the
 * target has no plain bounds; throws a ScheduleError when a schedule can't be read.
 */
export function targetWeek(target: RecordedResource, all: readonly RecordedResource[], now: Date): TargetWeek | undefined {
    const resourceId = stringInput(target.inputs.resourceId) ?? "";
    const min = numberInput(target.inputs.minCapacity);
    const max = numberInput(target.inputs.maxCapacity);
    if (min === undefined || max === undefined) {
        return undefined;
    }
    const schedules = schedulesOf(resourceId, all);
    if (schedules.length === 0) {
        return { steps: [{ at: now, min, max, by: "initial" }], timezone: "UTC", scheduled: false };
    }
    const zones = [...new Set(schedules.map((s) => s.timezone ?? "UTC"))];
    const timezone = zones.length === 1 ? zones[0] : "UTC";
    const before = capacityTimeline(schedules, {
        from: new Date(now.getTime() - WEEK_MS),
        to: now,
        initial: { min, max },
    });
    const atNow = before[before.length - 1];
    const steps = capacityTimeline(schedules, {
        from: now,
        to: new Date(now.getTime() + WEEK_MS),
        initial: { min: atNow.min, max: atNow.max },
    });
    return { steps, timezone, scheduled: true };
}

/** A scalable target's min and max over the week from `now`, as lines (see targetWeek). */
export function capacityWeekNotes(target: RecordedResource, all: readonly RecordedResource[], now: Date): string[] {
    try {
        const week = targetWeek(target, all, now);
        if (week === undefined) {
            return [];
        }
        const first = week.steps[0];
        if (!week.scheduled) {
            return [`capacity: ${first.min} to ${first.max} all week (no scheduled actions)`];
        }
        return [
            `capacity over a week, once the schedules have run (${week.timezone}):`,
            ...summarizeWeek(week.steps, week.timezone).map((line) => `  ${line}`),
        ];
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
    type Statement = { Effect?: string; Action?: string | string[]; Resource?: string | string[] };
    type Document = { Statement?: Statement | Statement[] };
    let parsed: Document;
    if (typeof document === "string") {
        try {
            parsed = JSON.parse(document) as Document;
        } catch {
            return ["policy: (not JSON)"];
        }
    } else if (document !== null && typeof document === "object") {
        // The provider takes a policy document as an object too, and sends it as JSON.
        parsed = document;
    } else {
        return [];
    }
    const statements = ([] as Statement[]).concat(parsed.Statement ?? []);
    const shown = 3;
    return statements.flatMap((s) => {
        const actions = ([] as string[]).concat(s.Action ?? []).join(", ");
        const resources = ([] as string[]).concat(s.Resource ?? []);
        const more = resources.length > shown ? [`    ... and ${resources.length - shown} more`] : [];
        return [`${s.Effect ?? "?"} ${actions} on:`, ...resources.slice(0, shown).map((r) => `    ${r}`), ...more];
    });
}

// ---------------------------------------------------------------------------------------------------------------------
// A warmer's deploy-time warm-up and the alias it pings
// ---------------------------------------------------------------------------------------------------------------------

const ALIAS = "aws:lambda/alias:Alias";

/** The plain name of a function given by name, full ARN or partial ARN (`123456789012:function:NAME`). */
export function plainFunctionName(nameOrArn: string): string {
    const match = /(?:^|:)function:([^:]+)/.exec(nameOrArn);
    return match !== null ? match[1] : nameOrArn;
}

/**
 * Warns when a warmer's deploy-time Invocation pings an alias of the program without depending on it. The qualifier
 * was then given as a plain string ("live" rather than the Alias's `name` Output), so nothing orders the Invocation
 * after the alias: on the first `pulumi up` the warm-up may run before the alias exists, and fail.
 */
export function prewarmOrderNotes(invocation: RecordedResource, all: readonly RecordedResource[]): string[] {
    const input = stringInput(invocation.inputs.input);
    if (input === undefined) {
        return [];
    }
    let plan: { targets?: { functionName?: unknown; qualifier?: unknown }[] };
    try {
        plan = JSON.parse(input) as typeof plan;
    } catch {
        return [];
    }
    const notes: string[] = [];
    for (const target of plan.targets ?? []) {
        if (typeof target.functionName !== "string" || typeof target.qualifier !== "string") {
            continue;
        }
        const functionName = plainFunctionName(target.functionName);
        const aliases = all.filter(
            (r) =>
                r.type === ALIAS &&
                r.state.name === target.qualifier &&
                typeof r.state.functionName === "string" &&
                plainFunctionName(r.state.functionName) === functionName,
        );
        for (const alias of aliases) {
            if (!invocation.dependencies.includes(alias.urn)) {
                notes.push(
                    `warning: the warm-up invokes ${functionName}:${target.qualifier} but does not depend on the Alias "${alias.name}" that creates "${target.qualifier}" (the qualifier is a plain string): it may run before the alias exists, and fail. Give the target the Alias's Output (qualifier: <alias>.name)`,
                );
            }
        }
    }
    return notes;
}

// ---------------------------------------------------------------------------------------------------------------------
// What the plan costs a month
// ---------------------------------------------------------------------------------------------------------------------

/** When and for which region the advisor's price table (aws-facts/pricing.ts) was read. */
export { PRICES_READ_ON, PRICES_REGION };

/** How long one warmer invocation is billed, estimated: the pings' hold, plus about 100 ms to send and await them. */
export const WARMER_INVOCATION_MS_ESTIMATE = DEFAULT_WARMUP_DELAY_MS + 100;

const PROVISIONED_CONFIG = "aws:lambda/provisionedConcurrencyConfig:ProvisionedConcurrencyConfig";
const SCALABLE_TARGET = "aws:appautoscaling/target:Target";
const FUNCTION = "aws:lambda/function:Function";
const EVENT_RULE = "aws:cloudwatch/eventRule:EventRule";
const EVENT_TARGET = "aws:cloudwatch/eventTarget:EventTarget";
const WARMER = "lambda-concurrency:index:LambdaWarmer";
const SECONDS_PER_MONTH = HOURS_PER_MONTH * 3600;
const WEEKS_PER_MONTH = HOURS_PER_MONTH / (7 * 24);

/** One line of the cost: what is paid for, and its monthly cost (a range where scaling decides). */
export interface CostItem {
    /** The component (or resource) that creates it, e.g. `FixedConcurrency "api-warm"`. */
    owner: string;
    description: string;
    /** USD a month at the least. */
    low: number;
    /** USD a month at the most (equal to low when nothing decides at run time). */
    high: number;
}

export interface PlanCost {
    /** The region and date of the prices used. */
    pricesRegion: string;
    pricesReadOn: string;
    hoursPerMonth: number;
    items: CostItem[];
    total: { low: number; high: number };
}

/** A function's memory and architecture as the program declares them, or Lambda's defaults, assumed. */
interface FunctionSize {
    memoryMb: number;
    architecture: Architecture;
    /** Set when the function is not in the program: what was assumed. */
    assumed?: string;
}

function functionSize(functionName: string, all: readonly RecordedResource[]): FunctionSize {
    const fn = all.find((r) => r.type === FUNCTION && r.custom && r.state.name === functionName);
    if (fn === undefined) {
        return { memoryMb: DEFAULT_MEMORY_MB, architecture: "x86_64", assumed: `memory unknown, assumed ${DEFAULT_MEMORY_MB} MB` };
    }
    const architectures = fn.inputs.architectures;
    const architecture = Array.isArray(architectures) && architectures[0] === "arm64" ? "arm64" : "x86_64";
    return { memoryMb: numberInput(fn.inputs.memorySize) ?? DEFAULT_MEMORY_MB, architecture };
}

function describeSize(size: FunctionSize): string {
    return `${size.memoryMb} MB ${size.architecture}${size.assumed !== undefined ? ` (${size.assumed})` : ""}`;
}

/** USD a month of `environments` provisioned environments kept all month. */
function provisionedMonthly(environments: number, size: FunctionSize): number {
    const prices = US_EAST_1_PRICES[size.architecture];
    return gbSeconds(SECONDS_PER_MONTH * 1000, size.memoryMb) * environments * prices.provisionedConcurrencyPerGbSecond;
}

/** USD of `invocations` on-demand invocations of `durationMs` each (first duration tier: a warmer's volume is small). */
function invocationsCost(invocations: number, durationMs: number, size: FunctionSize): number {
    const prices = US_EAST_1_PRICES[size.architecture];
    const perRequest = prices.requestsPerMillion / 1e6;
    return invocations * (perRequest + gbSeconds(durationMs, size.memoryMb) * prices.onDemandDurationTiers[0].pricePerGbSecond);
}

/** The component a resource belongs to (its nearest component ancestor), or the resource itself. */
function ownerOf(resource: RecordedResource, all: readonly RecordedResource[]): string {
    let parentUrn = resource.parent;
    while (parentUrn !== undefined) {
        const parent = all.find((r) => r.urn === parentUrn);
        if (parent === undefined) {
            break;
        }
        if (!parent.custom) {
            return `${parent.type.split(":").pop() ?? parent.type} "${parent.name}"`;
        }
        parentUrn = parent.parent;
    }
    return `${resource.type.split(":").pop() ?? resource.type} "${resource.name}"`;
}

/** The average min and max over the week of the steps (each step holds until the next, the last to the week's end). */
function weekAverages(steps: readonly CapacityStep[]): { min: number; max: number } {
    const start = steps[0].at.getTime();
    const end = start + WEEK_MS;
    let min = 0;
    let max = 0;
    steps.forEach((step, i) => {
        const until = i + 1 < steps.length ? steps[i + 1].at.getTime() : end;
        const share = (until - step.at.getTime()) / WEEK_MS;
        min += step.min * share;
        max += step.max * share;
    });
    return { min, max };
}

function formatCount(value: number): string {
    return Number.isInteger(value) ? String(value) : value.toFixed(1);
}

/** The environments a provisioned concurrency configuration keeps, and their cost. */
function provisionedItem(config: RecordedResource, all: readonly RecordedResource[], now: Date): CostItem {
    const functionName = plainFunctionName(stringInput(config.inputs.functionName) ?? "");
    const qualifier = stringInput(config.inputs.qualifier) ?? "";
    const size = functionSize(functionName, all);
    const owner = ownerOf(config, all);
    const count = numberInput(config.inputs.provisionedConcurrentExecutions) ?? 0;
    const on = `${functionName}:${qualifier}`;
    // A scaling component's configuration: Application Auto Scaling sets its count within the target's bounds.
    const target = config.options.ignoreChanges.includes("provisionedConcurrentExecutions")
        ? all.find((r) => r.type === "aws:appautoscaling/target:Target" && r.inputs.resourceId === `function:${functionName}:${qualifier}`)
        : undefined;
    let week: TargetWeek | undefined;
    try {
        week = target !== undefined ? targetWeek(target, all, now) : undefined;
    } catch {
        week = undefined;
    }
    if (week === undefined) {
        const cost = provisionedMonthly(count, size);
        return { owner, description: `${count} environment${count === 1 ? "" : "s"} on ${on} x ${describeSize(size)}, all month`, low: cost, high: cost };
    }
    const average = weekAverages(week.steps);
    const low = provisionedMonthly(average.min, size);
    const high = provisionedMonthly(average.max, size);
    const bounds = week.scheduled ? "the week's bounds above" : "the target's bounds";
    const environments =
        average.min === average.max
            ? `${formatCount(average.min)} environments on average (${bounds})`
            : week.scheduled
              ? `${formatCount(average.min)} to ${formatCount(average.max)} environments on average (${bounds}; tracking decides within them)`
              : `${formatCount(average.min)} to ${formatCount(average.max)} environments (${bounds}; tracking decides within them)`;
    return { owner, description: `${environments} on ${on} x ${describeSize(size)}`, low, high };
}

/** How many times a month an EventBridge schedule fires; undefined when it can't be read. */
export function runsPerMonth(expression: string, now: Date): number | undefined {
    const rate = /^rate\((\d+) (minute|minutes|hour|hours|day|days)\)$/.exec(expression);
    if (rate !== null) {
        const minutes = Number(rate[1]) * (rate[2].startsWith("minute") ? 1 : rate[2].startsWith("hour") ? 60 : 1440);
        return (HOURS_PER_MONTH * 60) / minutes;
    }
    try {
        return occurrencesBetween(expression, now, new Date(now.getTime() + WEEK_MS)).length * WEEKS_PER_MONTH;
    } catch {
        return undefined;
    }
}

/** A warmer's cost: its own invocations (one per plan part and run) and the pings they send. */
function warmerItems(warmer: RecordedResource, all: readonly RecordedResource[], now: Date): CostItem[] {
    const owner = `LambdaWarmer "${warmer.name}"`;
    const rules = all.filter((r) => r.type === EVENT_RULE && r.parent === warmer.urn);
    const items: CostItem[] = [];
    let targets = 0;
    for (const rule of rules) {
        const expression = stringInput(rule.inputs.scheduleExpression) ?? "";
        const disabled = rule.inputs.state === "DISABLED";
        const runs = disabled ? 0 : runsPerMonth(expression, now);
        const parts = all.filter((r) => r.type === EVENT_TARGET && r.inputs.rule === rule.state.name);
        const senderArn = parts.map((p) => stringInput(p.inputs.arn)).find((arn) => arn !== undefined);
        const sender = all.find((r) => r.type === FUNCTION && r.state.arn === senderArn);
        const senderSize = functionSize(stringInput(sender?.state.name) ?? "", all);
        if (runs === undefined) {
            items.push({ owner, description: `schedule ${expression}: runs a month unknown, not priced`, low: 0, high: 0 });
            continue;
        }
        const schedule = disabled ? `${expression}, disabled` : expression;
        const invocations = runs * parts.length;
        const own = invocationsCost(invocations, WARMER_INVOCATION_MS_ESTIMATE, senderSize);
        items.push({
            owner,
            description: `${Math.round(runs).toLocaleString("en-US")} runs a month (${schedule}) x ${parts.length} invocation${parts.length === 1 ? "" : "s"} of ~${WARMER_INVOCATION_MS_ESTIMATE} ms (estimate) x ${describeSize(senderSize)}`,
            low: own,
            high: own,
        });
        // Each ping is an invocation of its target, held for the runtime library's default delay.
        let pings = 0;
        let pingCost = 0;
        const sizes = new Set<string>();
        for (const part of parts) {
            let plan: { targets?: { functionName?: unknown; concurrency?: unknown }[] };
            try {
                plan = JSON.parse(stringInput(part.inputs.input) ?? "{}") as typeof plan;
            } catch {
                continue;
            }
            for (const target of plan.targets ?? []) {
                const concurrency = typeof target.concurrency === "number" ? target.concurrency : 0;
                const size = functionSize(typeof target.functionName === "string" ? plainFunctionName(target.functionName) : "", all);
                sizes.add(describeSize(size));
                pings += runs * concurrency;
                pingCost += invocationsCost(runs * concurrency, DEFAULT_WARMUP_DELAY_MS, size);
            }
        }
        if (pings > 0) {
            items.push({
                owner,
                description: `${Math.round(pings).toLocaleString("en-US")} pings a month, held ~${DEFAULT_WARMUP_DELAY_MS} ms each (the runtime library's default) x ${[...sizes].join(", ")}`,
                low: pingCost,
                high: pingCost,
            });
        }
        // A disabled warmer writes no log lines, so no metrics.
        targets += runs > 0 ? planTargetCount(parts) : 0;
    }
    if (targets > 0) {
        // Each target's Embedded Metric Format line makes WARMER_METRICS_PER_TARGET custom metrics.
        const metrics = targets * WARMER_METRICS_PER_TARGET;
        const cost = metrics * CLOUDWATCH_PRICES.customMetricPerMonth;
        items.push({
            owner,
            description: `${metrics} CloudWatch custom metrics (${WARMER_METRICS_PER_TARGET} per target, from the warmer's log lines) x $${CLOUDWATCH_PRICES.customMetricPerMonth.toFixed(2)}`,
            low: cost,
            high: cost,
        });
    }
    return items;
}

/** How many targets the plan parts of a rule carry. */
function planTargetCount(parts: readonly RecordedResource[]): number {
    let count = 0;
    for (const part of parts) {
        try {
            const plan = JSON.parse(stringInput(part.inputs.input) ?? "{}") as { targets?: unknown[] };
            count += plan.targets?.length ?? 0;
        } catch {
            continue;
        }
    }
    return count;
}

const METRIC_ALARM = "aws:cloudwatch/metricAlarm:MetricAlarm";
const DASHBOARD = "aws:cloudwatch/dashboard:Dashboard";

/** How many metrics an alarm reads: one, or each metric of its metric math. */
function alarmMetrics(alarm: RecordedResource): number {
    const queries = alarm.inputs.metricQueries;
    if (Array.isArray(queries)) {
        return queries.filter((q: { metric?: unknown }) => q.metric !== undefined && q.metric !== null).length;
    }
    return 1;
}

/** How many metrics a dashboard's graphs read (not counting expressions). */
function dashboardMetrics(dashboard: RecordedResource): number {
    try {
        const body = JSON.parse(stringInput(dashboard.inputs.dashboardBody) ?? "{}") as { widgets?: { properties?: { metrics?: unknown[][] } }[] };
        return (body.widgets ?? []).flatMap((w) => w.properties?.metrics ?? []).filter((m) => typeof m[0] === "string").length;
    } catch {
        return 0;
    }
}

/**
 * A component's alarms and dashboard, at CloudWatch's prices: alarm metrics always; a dashboard of up to 50 metrics
 * may fall in the account's 3 free ones, hence a range.
 */
function monitoringItems(component: RecordedResource, all: readonly RecordedResource[]): CostItem[] {
    const owner = `${component.type.split(":")[2]} "${component.name}"`;
    const items: CostItem[] = [];
    const alarms = all.filter((r) => r.type === METRIC_ALARM && r.parent === component.urn);
    if (alarms.length > 0) {
        const metrics = alarms.reduce((sum, alarm) => sum + alarmMetrics(alarm), 0);
        const cost = metrics * CLOUDWATCH_PRICES.alarmMetricPerMonth;
        items.push({
            owner,
            description: `${alarms.length} CloudWatch alarm${alarms.length === 1 ? "" : "s"} reading ${metrics} metric${metrics === 1 ? "" : "s"} x $${CLOUDWATCH_PRICES.alarmMetricPerMonth.toFixed(2)}`,
            low: cost,
            high: cost,
        });
    }
    for (const dashboard of all.filter((r) => r.type === DASHBOARD && r.parent === component.urn)) {
        const metrics = dashboardMetrics(dashboard);
        const mayBeFree = metrics <= CLOUDWATCH_PRICES.freeDashboardMaxMetrics;
        items.push({
            owner,
            description: `1 CloudWatch dashboard of ${metrics} metrics${mayBeFree ? " (free if among the account's first 3)" : ""}`,
            low: mayBeFree ? 0 : CLOUDWATCH_PRICES.dashboardPerMonth,
            high: CLOUDWATCH_PRICES.dashboardPerMonth,
        });
    }
    return items;
}

/**
 * What the plan costs a month at the advisor's prices: the provisioned environments it creates (a scaling
 * component's over the week's timeline) and its warmers. Not the requests and duration of the functions' own traffic.
 */
export function planCost(all: readonly RecordedResource[], now: Date): PlanCost {
    const items: CostItem[] = [
        ...all.filter((r) => r.type === PROVISIONED_CONFIG && r.custom).map((config) => provisionedItem(config, all, now)),
        ...all.filter((r) => r.type === WARMER && !r.custom).flatMap((warmer) => warmerItems(warmer, all, now)),
        ...all.filter((r) => !r.custom && r.type.startsWith("lambda-concurrency:")).flatMap((component) => monitoringItems(component, all)),
    ];
    return {
        pricesRegion: PRICES_REGION,
        pricesReadOn: PRICES_READ_ON,
        hoursPerMonth: HOURS_PER_MONTH,
        items,
        total: { low: items.reduce((sum, i) => sum + i.low, 0), high: items.reduce((sum, i) => sum + i.high, 0) },
    };
}

function dollars(value: number): string {
    if (value > 0 && value < 0.005) {
        return "under $0.01";
    }
    return `$${value.toLocaleString("en-US", { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;
}

function range(low: number, high: number): string {
    return dollars(low) === dollars(high) ? dollars(low) : `${dollars(low)} to ${dollars(high)}`;
}

/** The cost as lines; none when the plan creates nothing that costs by the hour or by schedule. */
export function formatCost(cost: PlanCost, region: string): string[] {
    if (cost.items.length === 0) {
        return [];
    }
    const where = region === cost.pricesRegion ? "" : `; ${region}'s may differ`;
    const cloudWatch = cost.items.some((item) => item.description.includes("CloudWatch")) ? `; CloudWatch pricing page, read ${CLOUDWATCH_PRICES_READ_ON}` : "";
    return [
        `Cost per month (${cost.hoursPerMonth} hours), at ${cost.pricesRegion} prices (AWS Lambda pricing page, read ${cost.pricesReadOn}${cloudWatch}${where}):`,
        ...cost.items.map((item) => `  ${item.owner}: ${item.description}: ${range(item.low, item.high)}`),
        `  Total: ${range(cost.total.low, cost.total.high)} a month, before the requests and duration of the functions' own traffic`,
    ];
}

/** The minutes a version's provisioned concurrency is billed at least (AWS Lambda pricing: 5-minute increments). */
const PROVISIONED_BILLING_INCREMENT_MINUTES = 5;

/** A WarmAlias's `canary` argument as its component recorded it: the weight, and its own count if given. */
function canaryOf(component: RecordedResource | undefined): { weight: number; count?: number } | undefined {
    const canary = component?.inputs.canary as { weight?: unknown; provisionedConcurrentExecutions?: unknown } | undefined;
    const weight = numberInput(canary?.weight);
    return weight === undefined ? undefined : { weight, count: numberInput(canary?.provisionedConcurrentExecutions) };
}

/** A share as a percentage: 0.1 is "10%", 0.05 "5%", 0.125 "12.5%". */
function percent(share: number): string {
    return `${Number((share * 100).toFixed(2))}%`;
}

/**
 * Under a WarmAlias's alias: what a deploy of a new version does, in Pulumi's order, and what the overlap of the two
 * versions' environments costs (the new version's, billed from its creation, while the old one's still run).
 */
export function warmAliasNotes(alias: RecordedResource, all: readonly RecordedResource[]): string[] {
    if (alias.parent === undefined || !alias.parent.includes("lambda-concurrency:index:WarmAlias")) {
        return [];
    }
    // The live version's: each version's is named by its version under the WarmAlias (NAME-vN, as its alias is named).
    const liveName = `${alias.name}-v${String(alias.inputs.functionVersion)}`;
    const capacity = all.find(
        (r) =>
            !r.custom &&
            r.parent === alias.parent &&
            r.name === liveName &&
            (r.type === "lambda-concurrency:index:FixedConcurrency" || r.type === "lambda-concurrency:index:UtilizationScaling"),
    );
    const config = all.find((r) => r.type === PROVISIONED_CONFIG && r.custom && capacity !== undefined && r.parent === capacity.urn);
    const count = numberInput(config?.inputs.provisionedConcurrentExecutions);
    if (capacity === undefined || config === undefined || count === undefined) {
        return [];
    }
    const size = functionSize(String(config.inputs.functionName), all);
    const perMinute = (environments: number): number => provisionedMonthly(environments, size) / (HOURS_PER_MONTH * 60);
    const billed = PROVISIONED_BILLING_INCREMENT_MINUTES;
    if (capacity.type === "lambda-concurrency:index:FixedConcurrency") {
        const canary = canaryOf(all.find((r) => r.urn === alias.parent));
        if (canary !== undefined) {
            const canaryCount = canary.count ?? count;
            return [
                `on a new version: a canary first: its ${canaryCount} environments are created and reported allocated, then the alias sends it ${percent(canary.weight)} of the invocations while the live version keeps its ${count}; leave \`canary\` out to promote it (the alias moves, the old version's environments are deleted), ship another version to replace it`,
                `while a canary runs: ${canaryCount} more environments: ${dollars(perMinute(canaryCount) * 60)} an hour, billed ${billed} minutes at least (${describeSize(size)})`,
            ];
        }
        return [
            `on a new version: its ${count} environments are created and reported allocated, then the alias moves, then the old version's are deleted; a version not fully allocated stops \`pulumi up\` before the alias moves`,
            `overlap per deploy: ${count} more environments while both exist, billed ${billed} minutes at least: ${dollars(perMinute(count) * billed)}, then ${dollars(perMinute(count) * 60)} an hour (${describeSize(size)})`,
        ];
    }
    // Scaling: the configuration starts at the minimum in force (a first deploy); a new version at the live count.
    const target = all.find((r) => r.type === SCALABLE_TARGET && r.custom && r.parent === capacity.urn);
    const most = numberInput(target?.inputs.maxCapacity) ?? count;
    const canary = canaryOf(all.find((r) => r.urn === alias.parent));
    if (canary?.count !== undefined) {
        return [
            `on a new version: a canary first: its ${canary.count} environments (a fixed count) are created and reported allocated, then the alias sends it ${percent(canary.weight)} of the invocations while the live version keeps scaling (now ${count} to ${most}); leave \`canary\` out to promote it (its count is raised to the live version's, read from AWS, before the alias moves, and scaled from then on), ship another version to replace it`,
            `while a canary runs: ${canary.count} more environments: ${dollars(perMinute(canary.count) * 60)} an hour, billed ${billed} minutes at least (${describeSize(size)})`,
        ];
    }
    return [
        `on a new version: it starts with the environments scaling has on the live version (read from AWS at \`pulumi up\`), kept within the bounds in force (now ${count} to ${most}); they are created and reported allocated, then the alias moves, then the old version's configuration, target and policy are deleted; a version without the minimum allocated stops \`pulumi up\` before the alias moves`,
        `overlap per deploy: as many more environments as the live version has (now ${count} to ${most}) while both exist, billed ${billed} minutes at least: ${range(perMinute(count) * billed, perMinute(most) * billed)}, then ${range(perMinute(count) * 60, perMinute(most) * 60)} an hour (${describeSize(size)})`,
    ];
}
