// The monitoring of LambdaWarmer: alarms on the metrics its function writes (shortfall, failures) and the dashboard.
import * as pulumi from "@pulumi/pulumi";
import { MetricAlarm } from "@pulumi/aws/cloudwatch";
import { occurrencesBetween } from "../schedule";
import { parseScheduleExpression } from "../schedule/parse";
import { warmerFailureAlarms, warmerShortfallAlarms } from "./alarms";
import { warmerDashboard } from "./dashboard";
import { WarmedTarget } from "./metrics";
import { MonitoringResources, createAlarm, createDashboard, deploymentRegion } from "./resources";
import { MAX_EVALUATION_SECONDS, ResolvedMonitoring } from "./settings";

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * The warmer alarms' default period: the time between two runs, so that each period holds one run. A rate gives it
 * directly; for a cron, the shortest gap between its runs over the next 8 days (a cron that pings every 5 minutes in
 * office hours gets 5 minutes: the nights have no data, which these alarms treat as not breaching). Rounded up to a
 * whole minute, the resolution of the warmer's metrics, and at most a day.
 */
export function warmerPeriodSeconds(schedule: string, now: Date): number {
    const parsed = parseScheduleExpression(schedule, { service: "eventbridge" });
    let gapMs: number;
    if (parsed.kind === "rate") {
        gapMs = parsed.intervalMs;
    } else {
        const runs = occurrencesBetween(schedule, now, new Date(now.getTime() + 8 * DAY_MS)).map((d) => d.getTime());
        gapMs = runs.length < 2 ? DAY_MS : Math.min(...runs.slice(1).map((t, i) => t - runs[i]));
    }
    return Math.min(MAX_EVALUATION_SECONDS, Math.max(60, Math.ceil(gapMs / 60_000) * 60));
}

/** What is monitored. */
export interface WarmerSubject {
    schedule: string;
    /** The time between two runs (see warmerPeriodSeconds). */
    periodSeconds: number;
    warmerFunctionName: pulumi.Output<string>;
    targets: pulumi.Output<WarmedTarget>[];
}

export function monitorWarmer(
    component: pulumi.Resource,
    name: string,
    label: string,
    monitoring: ResolvedMonitoring | undefined,
    subject: WarmerSubject,
): MonitoringResources {
    if (monitoring === undefined) {
        return { alarms: [] };
    }
    const targets = pulumi.all(subject.targets);
    const alarms: MetricAlarm[] = [];
    const { warmerShortfall, warmerFailures } = monitoring.alarms;
    // How many alarms there are follows from the number of targets, known at construction.
    // Placeholders for the alarms' shapes (see createAlarm): the targets' names come when they resolve.
    const placeholders = subject.targets.map((_, i) => ({ functionName: `target-${i}` }));
    if (warmerShortfall !== undefined) {
        const specs = targets.apply((resolved) => warmerShortfallAlarms(name, resolved, warmerShortfall));
        warmerShortfallAlarms(name, placeholders, warmerShortfall).forEach((shape, i) =>
            alarms.push(createAlarm(component, name, shape, specs.apply((s) => s[i]), monitoring)),
        );
    }
    if (warmerFailures !== undefined) {
        const specs = pulumi
            .all([subject.warmerFunctionName, targets])
            .apply(([warmer, resolved]) => warmerFailureAlarms(name, warmer, resolved, warmerFailures));
        warmerFailureAlarms(name, "warmer", placeholders, warmerFailures).forEach((shape, i) =>
            alarms.push(createAlarm(component, name, shape, specs.apply((s) => s[i]), monitoring)),
        );
    }
    if (!monitoring.dashboard) {
        return { alarms };
    }
    const region = deploymentRegion(component);
    const body = pulumi
        .all([subject.warmerFunctionName, targets, region, pulumi.all(alarms.map((a) => a.arn))])
        .apply(([warmer, resolved, region, alarmArns]) =>
            warmerDashboard({
                componentName: name,
                region,
                warmerFunctionName: warmer,
                schedule: subject.schedule,
                periodSeconds: subject.periodSeconds,
                targets: resolved,
                alarmArns,
            }),
        );
    return { alarms, dashboard: createDashboard(component, label, name, region, body) };
}
