// The monitoring's resources: one aws.cloudwatch.MetricAlarm per alarm spec and one aws.cloudwatch.Dashboard, children
// of the component, so that they are renamed, replaced and deleted with it. Their whole life: an alarm's settings
// change in place (PutMetricAlarm "completely overwrites the previous configuration"); a new name (a renamed
// component without `aliases`) creates the new alarm before deleting the old; removing `monitoring`, or the
// component, deletes them. The dashboard is named after project, stack and component, so that two stacks of one
// program never overwrite each other's (dashboards are global to the account).
import * as pulumi from "@pulumi/pulumi";
import { childOptions } from "../child-aliases";
import { Dashboard, MetricAlarm } from "@pulumi/aws/cloudwatch";
import { getRegionOutput } from "@pulumi/aws/getRegion";
import { OutputCheckError, checkedInput } from "../checked-input";
import { programOwnershipRegistry, providerScopeOf } from "../ownership";
import { fittedName, hashedName } from "../physical-name";
import { AlarmSpec } from "./alarms";
import { DashboardBody, dashboardBodyProblem, dashboardName } from "./dashboard";
import { MonitoredComponent, ResolvedMonitoring, resolveMonitoring, validateTopicArn } from "./settings";

/** AlarmName: "Minimum length of 1. Maximum length of 255." (CloudWatch API reference, MetricAlarm). */
export const MAX_ALARM_NAME_LENGTH = 255;

/**
 * The alarm's physical name, when the provider's auto-name (logical name and a random suffix) would pass 255
 * characters: cut, with a hash that includes project and stack. PutMetricAlarm overwrites an alarm of the same name,
 * so two stacks of one program in one account and region must never compute the same cut name (the provider's
 * random suffix keeps short names apart). Undefined when the auto-name fits.
 */
export function alarmName(logical: string, project: string, stack: string): string | undefined {
    return fittedName(logical, MAX_ALARM_NAME_LENGTH) === undefined ? undefined : hashedName(logical, `${project}/${stack}/${logical}`, MAX_ALARM_NAME_LENGTH);
}

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
 * The alarm of `spec`. `shape` is the same alarm built from placeholder names, at construction: what does not depend
 * on names (metric math or not, comparison, threshold, evaluation, missing data, namespace, metric name, statistic,
 * period) is set from it as plain values, so that only the inputs that name the function wait for (and depend on) it.
 */
export function createAlarm(
    component: pulumi.Resource,
    componentName: string,
    shape: AlarmSpec,
    spec: pulumi.Output<AlarmSpec>,
    monitoring: ResolvedMonitoring,
): MetricAlarm {
    const logical = `${componentName}-${shape.suffix}`;
    const name = alarmName(logical, pulumi.getProject(), pulumi.getStack());
    const single =
        shape.metric === undefined
            ? {}
            : {
                  namespace: shape.metric.namespace,
                  metricName: shape.metric.metricName,
                  statistic: shape.metric.stat,
                  period: shape.metric.period,
                  dimensions: spec.apply((s) => s.metric!.dimensions),
              };
    const math =
        shape.queries === undefined
            ? {}
            : {
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
              };
    return new MetricAlarm(
        logical,
        {
            name,
            alarmDescription: spec.apply((s) => s.description),
            comparisonOperator: shape.comparisonOperator,
            threshold: shape.threshold,
            evaluationPeriods: shape.evaluationPeriods,
            datapointsToAlarm: shape.datapointsToAlarm,
            treatMissingData: shape.treatMissingData,
            alarmActions: monitoring.alarmActions,
            okActions: monitoring.okActions,
            ...single,
            ...math,
        },
        // The name is the only replace-forcing input, so a replacement always has a new name: created first, safely.
        childOptions(component, logical),
    );
}

/**
 * The dashboard of a component, its body built once the names and alarm ARNs resolve. Its name is given once, when it
 * is created, and kept (`ignoreChanges`): a component renamed with `aliases` keeps its dashboard under the name it has,
 * where a new name would replace it (DeleteDashboards of the old one).
 */
export function createDashboard(
    component: pulumi.Resource,
    label: string,
    componentName: string,
    region: pulumi.Output<string>,
    body: pulumi.Output<DashboardBody>,
): Dashboard {
    // Dashboards are global to the account and named after project, stack, region and component name only (see
    // dashboardName), so two components of one name in one program and region (a FixedConcurrency and a LambdaWarmer
    // "api", or two under different parents) would share one: each `up` would overwrite the other's, and the first
    // removed would delete both. Refused here, where the program still can say which.
    const registry = programOwnershipRegistry();
    const key = `${providerScopeOf(component)}|${componentName}`;
    const holder = registry.dashboardNames.get(key);
    if (holder !== undefined) {
        throw new pulumi.ResourceError(
            `${label}: monitoring.dashboard: ${holder} in this program already has a dashboard of that name (dashboards are named after the project, stack, region and component name, and are global to the account). Give one of the two another name, or set monitoring.dashboard to false on one of them`,
            component,
        );
    }
    registry.dashboardNames.set(key, label);
    return new Dashboard(
        `${componentName}-dashboard`,
        {
            dashboardName: region.apply((r) => dashboardName(pulumi.getProject(), pulumi.getStack(), r, componentName)),
            dashboardBody: body.apply((b) => {
                const problem = dashboardBodyProblem(b);
                if (problem !== undefined) {
                    throw new OutputCheckError(`${label}: monitoring.dashboard: ${problem}`, component);
                }
                return JSON.stringify(b);
            }),
        },
        // dashboardName is the only replace-forcing input, and it is kept: the dashboard is updated in place, never
        // replaced, and is deleted with the component.
        { ...childOptions(component, `${componentName}-dashboard`), ignoreChanges: ["dashboardName"] },
    );
}

/** The region the component's provider deploys to: every metric widget names one. */
export function deploymentRegion(component: pulumi.Resource): pulumi.Output<string> {
    return getRegionOutput({}, { parent: component }).apply((r) => r.region);
}
