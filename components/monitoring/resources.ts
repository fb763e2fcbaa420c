// The monitoring's resources: one aws.cloudwatch.MetricAlarm per alarm spec and one aws.cloudwatch.Dashboard, children
// of the component, so that they are renamed, replaced and deleted with it. Their whole life: an alarm's settings
// change in place (PutMetricAlarm "completely overwrites the previous configuration"); a new name (a renamed
// component without `aliases`) creates the new alarm before deleting the old; removing `monitoring`, or the
// component, deletes them. The dashboard is named after project, stack and component, so that two stacks of one
// program never overwrite each other's (dashboards are global to the account).
import * as pulumi from "@pulumi/pulumi";
import { Dashboard, MetricAlarm } from "@pulumi/aws/cloudwatch";
import { getRegionOutput } from "@pulumi/aws/getRegion";
import { OutputCheckError, afterChecks, checkedInput } from "../checked-input";
import { fittedName } from "../warmer-plan";
import { AlarmSpec } from "./alarms";
import { DashboardBody, dashboardBodyProblem, dashboardName } from "./dashboard";
import { MonitoredComponent, ResolvedMonitoring, resolveMonitoring, validateTopicArn } from "./settings";

/** AlarmName: "Minimum length of 1. Maximum length of 255." (CloudWatch API reference, MetricAlarm). */
export const MAX_ALARM_NAME_LENGTH = 255;

/** The alarms and dashboard of a component; empty without `monitoring`. */
export interface MonitoringResources {
    alarms: MetricAlarm[];
    dashboard?: Dashboard;
}

/** `monitoring`, checked at construction (throws the component's ResourceError), with its actions checked on resolve. */
export function checkedMonitoring(
    component: pulumi.Resource,
    label: string,
    componentType: MonitoredComponent,
    given: unknown,
    options: { warmerPeriodSeconds?: number } = {},
): ResolvedMonitoring | undefined {
    const resolved = resolveMonitoring(componentType, given, options);
    if ("error" in resolved) {
        throw new pulumi.ResourceError(`${label}: ${resolved.error}`, component);
    }
    if (resolved.monitoring === undefined) {
        return undefined;
    }
    const check = (list: pulumi.Input<string>[], key: string): pulumi.Input<string>[] =>
        list.map((arn, i) => checkedInput<string>(component, label, arn, (value) => validateTopicArn(value, `monitoring.${key}[${i}]`)));
    return {
        ...resolved.monitoring,
        alarmActions: check(resolved.monitoring.alarmActions, "alarmActions"),
        okActions: check(resolved.monitoring.okActions, "okActions"),
    };
}

/**
 * The alarm of `spec`. `metricMath` is known at construction (it depends on the alarm's kind, not on names), so that
 * each input is either always set or never.
 */
export function createAlarm(
    component: pulumi.Resource,
    componentName: string,
    suffix: string,
    spec: pulumi.Output<AlarmSpec>,
    metricMath: boolean,
    monitoring: ResolvedMonitoring,
): MetricAlarm {
    const logical = `${componentName}-${suffix}`;
    const name = fittedName(logical, MAX_ALARM_NAME_LENGTH);
    const single = metricMath
        ? {}
        : {
              namespace: spec.apply((s) => s.metric!.namespace),
              metricName: spec.apply((s) => s.metric!.metricName),
              dimensions: spec.apply((s) => s.metric!.dimensions),
              statistic: spec.apply((s) => s.metric!.stat),
              period: spec.apply((s) => s.metric!.period),
          };
    const math = metricMath
        ? {
              metricQueries: spec.apply((s) =>
                  s.queries!.map((q) => ({
                      id: q.id,
                      label: q.label,
                      returnData: q.returnData,
                      expression: q.expression,
                      metric:
                          q.metric === undefined
                              ? undefined
                              : {
                                    namespace: q.metric.namespace,
                                    metricName: q.metric.metricName,
                                    dimensions: q.metric.dimensions,
                                    stat: q.metric.stat,
                                    period: q.metric.period,
                                },
                  })),
              ),
          }
        : {};
    return new MetricAlarm(
        logical,
        {
            name,
            alarmDescription: spec.apply((s) => s.description),
            comparisonOperator: spec.apply((s) => s.comparisonOperator),
            threshold: spec.apply((s) => s.threshold),
            evaluationPeriods: spec.apply((s) => s.evaluationPeriods),
            datapointsToAlarm: spec.apply((s) => s.datapointsToAlarm),
            treatMissingData: spec.apply((s) => s.treatMissingData),
            alarmActions: monitoring.alarmActions,
            okActions: monitoring.okActions,
            ...single,
            ...math,
        },
        // A cut name is fixed: replacing it must delete the old alarm first (AlarmName is unique in the region).
        { parent: component, dependsOn: afterChecks(component), deleteBeforeReplace: name !== undefined },
    );
}

/** The dashboard of a component, its body built once the names and alarm ARNs resolve. */
export function createDashboard(
    component: pulumi.Resource,
    label: string,
    componentName: string,
    body: pulumi.Output<DashboardBody>,
): Dashboard {
    return new Dashboard(
        `${componentName}-dashboard`,
        {
            dashboardName: dashboardName(pulumi.getProject(), pulumi.getStack(), componentName),
            dashboardBody: body.apply((b) => {
                const problem = dashboardBodyProblem(b);
                if (problem !== undefined) {
                    throw new OutputCheckError(`${label}: monitoring.dashboard: ${problem}`, component);
                }
                return JSON.stringify(b);
            }),
        },
        // The name is fixed: a replacement (none is expected, the name follows the component's) deletes first.
        { parent: component, dependsOn: afterChecks(component), deleteBeforeReplace: true },
    );
}

/** The region the component's provider deploys to: every metric widget names one. */
export function deploymentRegion(component: pulumi.Resource): pulumi.Output<string> {
    return getRegionOutput({}, { parent: component }).apply((r) => r.region);
}
