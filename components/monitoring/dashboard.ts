// The CloudWatch dashboard of a component, as the JSON PutDashboard takes ("Dashboard Body Structure and Syntax",
// https://docs.aws.amazon.com/AmazonCloudWatch/latest/APIReference/CloudWatch-Dashboard-Body-Structure.html). Pure.
import { hashedName } from "../physical-name";
import { chunk } from "../chunk";
import { percent } from "./alarms";
import {
    CONCURRENT_EXECUTIONS,
    DURATION,
    ERRORS,
    INVOCATIONS,
    MetricId,
    PROVISIONED_EXECUTIONS,
    PROVISIONED_INVOCATIONS,
    SPILLOVER,
    THROTTLES,
    UTILIZATION,
    WARMER_ERRORS,
    WARMER_INSTANCES_REACHED,
    WARMER_REQUESTED,
    WARMER_THROTTLES,
    WarmedTarget,
    functionLambdaMetric,
    qualifiedLambdaMetric,
    warmerMetric,
} from "./metrics";

/** PutDashboard: "The maximum length is 255, and valid characters are A-Z, a-z, 0-9, "-", and "_"." */
export const MAX_DASHBOARD_NAME_LENGTH = 255;
/** "an array of between 0 and 500 widget objects". */
export const MAX_WIDGETS = 500;
/** "One metrics array can include 0–500 metrics and expressions." */
export const MAX_METRICS_PER_WIDGET = 500;
/** CloudWatch quotas: "Up to 2500 metrics per dashboard, across all widgets". */
export const MAX_METRICS_PER_DASHBOARD = 2500;
/** The alarm status widget: "The array can have 1-100 ARNs." */
export const MAX_ALARMS_PER_WIDGET = 100;
/**
 * AWS documents no byte limit for DashboardBody (PutDashboard, "Dashboard Body Structure and Syntax"): the package
 * sets itself a 1 MB budget, and a test shows the largest body it can make (400 warmer targets, the longest names)
 * stays well under it.
 */
export const DASHBOARD_BODY_BUDGET_BYTES = 1_000_000;
/** Targets per warmer graph: two metrics each keeps a graph far below its 500. */
export const WARMER_TARGETS_PER_WIDGET = 100;

/**
 * A dashboard name for a component: project, stack, region and component name. Dashboards are global to the account
 * (PutDashboard overwrites and DeleteDashboards deletes by name), so the region keeps apart the dashboards of one
 * project and stack deployed to two regions of one account.
 */
export function dashboardName(project: string, stack: string, region: string, component: string): string {
    const whole = `${project}-${stack}-${region}-${component}`;
    const clean = whole.replace(/[^A-Za-z0-9_-]/g, "-");
    if (clean.length <= MAX_DASHBOARD_NAME_LENGTH && clean === whole) {
        return clean;
    }
    // Cut to fit, or cleaned of characters AWS refuses: a hash of the whole keeps two such names apart.
    return hashedName(clean, whole, MAX_DASHBOARD_NAME_LENGTH);
}

type MetricLine = (string | Record<string, unknown>)[];
interface Widget {
    type: "metric" | "text" | "alarm";
    x: number;
    y: number;
    width: number;
    height: number;
    properties: Record<string, unknown>;
}
export interface DashboardBody {
    widgets: Widget[];
}

/** A metric line: namespace, name, each dimension's name and value, then the rendering properties. */
function line(metric: MetricId, properties: Record<string, unknown>): MetricLine {
    return [metric.namespace, metric.metricName, ...Object.entries(metric.dimensions).flat(), properties];
}

function expression(id: string, text: string, label: string, extra: Record<string, unknown> = {}): MetricLine {
    return [{ expression: text, id, label, ...extra }];
}

interface Annotation {
    value: number;
    label: string;
}

/** Lays widgets out two to a row, 12 columns each, below a full-width title. */
class Layout {
    readonly widgets: Widget[] = [];
    private y = 0;
    private column = 0;

    text(markdown: string, height = 2): void {
        this.widgets.push({ type: "text", x: 0, y: this.y, width: 24, height, properties: { markdown, background: "transparent" } });
        this.y += height;
    }

    graph(
        region: string,
        title: string,
        metrics: MetricLine[],
        options: { stat: string; annotations?: Annotation[]; yMax?: number; period?: number },
    ): void {
        const properties: Record<string, unknown> = {
            title,
            region,
            view: "timeSeries",
            stacked: false,
            period: options.period ?? 60,
            stat: options.stat,
            metrics,
        };
        if (options.annotations !== undefined && options.annotations.length > 0) {
            properties.annotations = { horizontal: options.annotations };
        }
        properties.yAxis = { left: options.yMax === undefined ? { min: 0 } : { min: 0, max: options.yMax } };
        this.widgets.push({ type: "metric", x: this.column * 12, y: this.y, width: 12, height: 6, properties });
        this.column = (this.column + 1) % 2;
        if (this.column === 0) {
            this.y += 6;
        }
    }

    alarms(alarmArns: readonly string[]): void {
        this.newRow();
        chunk(alarmArns, MAX_ALARMS_PER_WIDGET).forEach((arns, i) => {
            this.widgets.push({
                type: "alarm",
                x: 0,
                y: this.y,
                width: 24,
                height: 3,
                properties: { title: i === 0 ? "Alarms" : `Alarms (${i + 1})`, alarms: [...arns], sortBy: "stateUpdatedTimestamp" },
            });
            this.y += 3;
        });
    }

    private newRow(): void {
        if (this.column !== 0) {
            this.column = 0;
            this.y += 6;
        }
    }
}

/** What the dashboard of FixedConcurrency, ScheduledConcurrency or UtilizationScaling shows. */
export interface ProvisionedConcurrencyDashboard {
    componentType: "FixedConcurrency" | "ScheduledConcurrency" | "UtilizationScaling";
    componentName: string;
    region: string;
    functionName: string;
    qualifier: string;
    /** FixedConcurrency's count. */
    count?: number;
    /** The scaling components' bounds over the week: the lowest minimum and highest maximum. */
    bounds?: { lowestMin: number; highestMax: number };
    /** UtilizationScaling's target utilization, when known at deployment. */
    targetUtilization?: number;
    /** The alarms' thresholds, drawn on their graphs. */
    spilloverThreshold?: number;
    ceilingThreshold?: number;
    breakEven?: number;
    alarmArns: readonly string[];
}

export function provisionedConcurrencyDashboard(d: ProvisionedConcurrencyDashboard): DashboardBody {
    const q = (name: string): MetricId => qualifiedLambdaMetric(name, d.functionName, d.qualifier);
    const layout = new Layout();
    layout.text(
        `# ${d.componentType} ${d.componentName}: ${d.functionName}:${d.qualifier}\n` +
            `Made by lambda-concurrency with Pulumi: edits in the console are overwritten by the next \`pulumi up\`.`,
    );
    layout.graph(
        d.region,
        "Requests",
        [
            line(q(INVOCATIONS), { label: "Invocations" }),
            line(q(PROVISIONED_INVOCATIONS), { label: "On provisioned environments" }),
            line(q(SPILLOVER), { label: "Spilled over (on demand, possibly cold)" }),
        ],
        { stat: "Sum" },
    );
    layout.graph(d.region, "Spillover", [line(q(SPILLOVER), { label: "Spillover invocations" })], {
        stat: "Sum",
        annotations: d.spilloverThreshold === undefined ? [] : [{ value: d.spilloverThreshold, label: "Spillover alarm threshold" }],
    });
    const capacity: Annotation[] = [];
    if (d.count !== undefined) {
        capacity.push({ value: d.count, label: "Provisioned concurrency" });
    }
    if (d.bounds !== undefined) {
        capacity.push({ value: d.bounds.lowestMin, label: "Scalable target minimum (lowest of the week)" });
        capacity.push({ value: d.bounds.highestMax, label: "Scalable target maximum (highest of the week)" });
    }
    layout.graph(
        d.region,
        "Concurrency and provisioned environments",
        [
            line(functionLambdaMetric(CONCURRENT_EXECUTIONS, d.functionName), { label: "Concurrent executions (whole function)" }),
            line(q(PROVISIONED_EXECUTIONS), { label: "Busy provisioned environments" }),
            line(q(PROVISIONED_EXECUTIONS), { id: "busy_avg", stat: "Average", visible: false }),
            line(q(UTILIZATION), { id: "utilization_avg", stat: "Average", visible: false }),
            // ProvisionedConcurrencyUtilization is ProvisionedConcurrentExecutions over the allocated count.
            expression("allocated", "busy_avg / utilization_avg", "Provisioned environments (allocated)"),
        ],
        { stat: "Maximum", annotations: capacity },
    );
    const utilization: Annotation[] = [];
    if (d.targetUtilization !== undefined) {
        utilization.push({ value: d.targetUtilization, label: "Target utilization (scales out above)" });
    }
    if (d.ceilingThreshold !== undefined) {
        utilization.push({ value: d.ceilingThreshold, label: "Ceiling alarm threshold" });
    }
    if (d.breakEven !== undefined) {
        utilization.push({ value: d.breakEven, label: `Break-even (${percent(d.breakEven)}): below it, on demand costs less` });
    }
    layout.graph(
        d.region,
        "Utilization of provisioned environments",
        [line(q(UTILIZATION), { label: "Maximum", stat: "Maximum" }), line(q(UTILIZATION), { label: "Average", stat: "Average" })],
        { stat: "Maximum", annotations: utilization, yMax: 1 },
    );
    if (d.alarmArns.length > 0) {
        layout.alarms(d.alarmArns);
    }
    return { widgets: layout.widgets };
}

/** What a warmer's dashboard shows. */
export interface WarmerDashboard {
    componentName: string;
    region: string;
    warmerFunctionName: string;
    schedule: string;
    /** The time between two runs: the period of the graphs of the warmer's own metrics, one point per run. */
    periodSeconds: number;
    targets: readonly WarmedTarget[];
    alarmArns: readonly string[];
}

export function warmerDashboard(d: WarmerDashboard): DashboardBody {
    const layout = new Layout();
    layout.text(
        `# LambdaWarmer ${d.componentName}: ${d.targets.length} target(s), ${d.schedule}\n` +
            `Made by lambda-concurrency with Pulumi: edits in the console are overwritten by the next \`pulumi up\`.`,
    );
    const parts = chunk(d.targets, WARMER_TARGETS_PER_WIDGET);
    parts.forEach((part, p) => {
        const which = parts.length === 1 ? "" : ` (targets ${p * WARMER_TARGETS_PER_WIDGET + 1} to ${p * WARMER_TARGETS_PER_WIDGET + part.length})`;
        const hidden = (metricName: string, prefix: string): MetricLine[] =>
            part.map((target, i) => line(warmerMetric(metricName, target), { id: `${prefix}_${i}`, visible: false }));
        const ids = (prefix: string): string => part.map((_, i) => `${prefix}_${i}`).join(", ");
        layout.graph(
            d.region,
            `Instances requested and reached${which}`,
            [
                ...hidden(WARMER_REQUESTED, "requested"),
                ...hidden(WARMER_INSTANCES_REACHED, "reached"),
                expression("requested_total", `SUM([${ids("requested")}])`, "Requested"),
                expression("reached_total", `SUM([${ids("reached")}])`, "Reached"),
            ],
            { stat: "Sum", period: d.periodSeconds },
        );
        layout.graph(
            d.region,
            `Failed and throttled pings${which}`,
            [
                ...hidden(WARMER_ERRORS, "errors"),
                ...hidden(WARMER_THROTTLES, "throttles"),
                expression("errors_total", `SUM([${ids("errors")}])`, "Failed pings"),
                expression("throttles_total", `SUM([${ids("throttles")}])`, "Throttled pings"),
            ],
            { stat: "Sum", period: d.periodSeconds },
        );
    });
    const own = (name: string): MetricId => functionLambdaMetric(name, d.warmerFunctionName);
    layout.graph(
        d.region,
        "Warmer function",
        [
            line(own(INVOCATIONS), { label: "Runs" }),
            line(own(ERRORS), { label: "Errors" }),
            line(own(THROTTLES), { label: "Throttles" }),
        ],
        { stat: "Sum" },
    );
    layout.graph(d.region, "Warmer function duration", [line(own(DURATION), { label: "Duration (ms)", stat: "Maximum" })], { stat: "Maximum" });
    if (d.alarmArns.length > 0) {
        layout.alarms(d.alarmArns);
    }
    return { widgets: layout.widgets };
}

/** The documented limits a body must keep; undefined when it does. */
export function dashboardBodyProblem(body: DashboardBody): string | undefined {
    if (body.widgets.length > MAX_WIDGETS) {
        return `the dashboard has ${body.widgets.length} widgets; CloudWatch allows ${MAX_WIDGETS}`;
    }
    let total = 0;
    for (const widget of body.widgets) {
        const metrics = widget.properties.metrics;
        if (Array.isArray(metrics)) {
            if (metrics.length > MAX_METRICS_PER_WIDGET) {
                return `the graph "${String(widget.properties.title)}" has ${metrics.length} metrics and expressions; CloudWatch allows ${MAX_METRICS_PER_WIDGET}`;
            }
            total += metrics.filter((m: MetricLine) => typeof m[0] === "string").length;
        }
        const alarms = widget.properties.alarms;
        if (Array.isArray(alarms) && (alarms.length < 1 || alarms.length > MAX_ALARMS_PER_WIDGET)) {
            return `an alarm widget lists ${alarms.length} alarms; CloudWatch takes 1 to ${MAX_ALARMS_PER_WIDGET}`;
        }
    }
    if (total > MAX_METRICS_PER_DASHBOARD) {
        return `the dashboard has ${total} metrics; CloudWatch allows ${MAX_METRICS_PER_DASHBOARD}`;
    }
    const bytes = Buffer.byteLength(JSON.stringify(body), "utf8");
    if (bytes > DASHBOARD_BODY_BUDGET_BYTES) {
        return `the dashboard body is ${bytes} bytes; the package keeps it under ${DASHBOARD_BODY_BUDGET_BYTES}`;
    }
    return undefined;
}
