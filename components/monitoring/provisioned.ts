// The monitoring of FixedConcurrency, ScheduledConcurrency and UtilizationScaling: a spillover alarm, a ceiling alarm
// (scaling components) or a low-utilization alarm (FixedConcurrency), and the dashboard.
import * as pulumi from "@pulumi/pulumi";
import { MetricAlarm } from "@pulumi/aws/cloudwatch";
import { AlarmSpec, ceilingAlarm, lowUtilizationAlarm, spilloverAlarm } from "./alarms";
import { provisionedConcurrencyDashboard } from "./dashboard";
import { MonitoringResources, createAlarm, createDashboard, deploymentRegion } from "./resources";
import { BREAK_EVEN_UTILIZATION, ResolvedMonitoring } from "./settings";

/** The capacity a scaling component's target has over a week: what the dashboard draws and the ceiling alarm uses. */
export interface WeekBounds {
    lowestMin: number;
    lowestMax: number;
    highestMax: number;
}

/** What is monitored. */
export interface ProvisionedConcurrencySubject {
    componentType: "FixedConcurrency" | "ScheduledConcurrency" | "UtilizationScaling";
    functionName: pulumi.Output<string>;
    qualifier: pulumi.Output<string>;
    /** FixedConcurrency's count. */
    count?: pulumi.Input<number>;
    /** The scaling components' bounds over the week. */
    bounds?: pulumi.Input<WeekBounds>;
    /** UtilizationScaling's target utilization. */
    targetUtilization?: pulumi.Input<number>;
}

export function monitorProvisionedConcurrency(
    component: pulumi.Resource,
    name: string,
    label: string,
    monitoring: ResolvedMonitoring | undefined,
    subject: ProvisionedConcurrencySubject,
): MonitoringResources {
    if (monitoring === undefined) {
        return { alarms: [] };
    }
    const values = pulumi.all([
        subject.functionName,
        subject.qualifier,
        pulumi.output(subject.count),
        pulumi.output(subject.bounds),
        pulumi.output(subject.targetUtilization),
    ]);
    const alarms: MetricAlarm[] = [];
    const { spillover, ceiling, lowUtilization } = monitoring.alarms;
    // Placeholders for the alarms' shapes (see createAlarm); the real names come when they resolve.
    const [fnShape, qualifierShape] = ["function", "qualifier"];
    if (spillover !== undefined) {
        const spec = values.apply(([fn, q]) => spilloverAlarm(fn, q, spillover));
        alarms.push(createAlarm(component, name, spilloverAlarm(fnShape, qualifierShape, spillover), spec, monitoring));
    }
    if (ceiling !== undefined) {
        // Only UtilizationScaling scales between bounds; ScheduledConcurrency's count is what the schedules set.
        const scaling = subject.componentType === "UtilizationScaling";
        const spec = values.apply(([fn, q, , bounds]): AlarmSpec => ceilingAlarm(fn, q, ceiling, scaling ? bounds?.lowestMax : undefined));
        alarms.push(createAlarm(component, name, ceilingAlarm(fnShape, qualifierShape, ceiling, scaling ? 1 : undefined), spec, monitoring));
    }
    if (lowUtilization !== undefined) {
        const spec = values.apply(([fn, q, count]) => lowUtilizationAlarm(fn, q, count as number, lowUtilization));
        alarms.push(createAlarm(component, name, lowUtilizationAlarm(fnShape, qualifierShape, 1, lowUtilization), spec, monitoring));
    }
    if (!monitoring.dashboard) {
        return { alarms };
    }
    const region = deploymentRegion(component);
    const body = pulumi
        .all([values, region, pulumi.all(alarms.map((a) => a.arn))])
        .apply(([[fn, q, count, bounds, target], region, alarmArns]) =>
            provisionedConcurrencyDashboard({
                componentType: subject.componentType,
                componentName: name,
                region,
                functionName: fn,
                qualifier: q,
                count,
                bounds: bounds === undefined ? undefined : { lowestMin: bounds.lowestMin, highestMax: bounds.highestMax },
                targetUtilization: target,
                spilloverThreshold: spillover?.threshold,
                ceilingThreshold: ceiling?.threshold,
                breakEven: subject.componentType === "FixedConcurrency" ? (lowUtilization?.threshold ?? BREAK_EVEN_UTILIZATION) : undefined,
                alarmArns,
            }),
        );
    return { alarms, dashboard: createDashboard(component, label, name, region, body) };
}
