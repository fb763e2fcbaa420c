// CloudWatch's alarms and dashboards on the stand-in endpoint, in the protocol @aws-sdk/client-cloudwatch 3.1164.0
// speaks: AWS JSON 1.0 (X-Amz-Target GraniteServiceVersion20100801.<Operation>), awsQueryCompatible (errors also
// carry x-amzn-query-error), as tests/helpers/local-cloudwatch.ts serves GetMetricData for the advisor's tests. The
// alarms and dashboards are the lifecycle model's (the provider's MetricAlarm and Dashboard objects, kept in its
// properties' shape and turned into the API's MetricAlarm and DashboardEntry here, CloudWatch API reference).
import { TYPES } from "../lifecycle/types";
import type { StandInContext } from "./aws-endpoint";
import { ApiError, epochSeconds, optionalString, requiredString } from "./wire";

export const CLOUDWATCH_TARGET_PREFIX = "GraniteServiceVersion20100801";

type Body = Record<string, unknown>;
type Props = Record<string, unknown>;

/** DescribeAlarms and ListDashboards pages (the API's defaults: 50 alarms; dashboards are paged at 1,000). */
const ALARM_PAGE = 50;
const DASHBOARD_PAGE = 1000;

function dimensionList(map: unknown): { Name: string; Value: string }[] | undefined {
    if (typeof map !== "object" || map === null) {
        return undefined;
    }
    return Object.entries(map as Record<string, unknown>).map(([Name, Value]) => ({ Name, Value: String(Value) }));
}

function dimensionMap(list: unknown): Record<string, string> | undefined {
    if (!Array.isArray(list)) {
        return undefined;
    }
    return Object.fromEntries((list as { Name?: string; Value?: string }[]).map((d) => [String(d.Name), String(d.Value)]));
}

function defined(entries: Record<string, unknown>): Record<string, unknown> {
    return Object.fromEntries(Object.entries(entries).filter(([, v]) => v !== undefined && v !== null));
}

/** A provider MetricAlarm's properties as DescribeAlarms' MetricAlarm. */
function metricAlarm(ctx: StandInContext, p: Props): Record<string, unknown> {
    const created = epochSeconds(ctx.createdAt(`alarm:${String(p.name)}`));
    const queries = Array.isArray(p.metricQueries) ? (p.metricQueries as Props[]) : undefined;
    return defined({
        AlarmName: p.name,
        AlarmArn: `arn:aws:cloudwatch:${ctx.region}:${ctx.accountId}:alarm:${String(p.name)}`,
        AlarmDescription: p.alarmDescription,
        AlarmConfigurationUpdatedTimestamp: created,
        ActionsEnabled: p.actionsEnabled ?? true,
        OKActions: p.okActions ?? [],
        AlarmActions: p.alarmActions ?? [],
        InsufficientDataActions: p.insufficientDataActions ?? [],
        // A new alarm has no data yet (CloudWatch user guide, "Alarm states").
        StateValue: "INSUFFICIENT_DATA",
        StateReason: "Unchecked: Initial alarm creation",
        StateUpdatedTimestamp: created,
        MetricName: p.metricName,
        Namespace: p.namespace,
        Statistic: p.statistic,
        ExtendedStatistic: p.extendedStatistic,
        // Both lists are answered, empty when unused (a metric math alarm has no Dimensions, a single-metric alarm no
        // Metrics), as moto answers them (tests/engine/moto-differential.engine.ts).
        Dimensions: queries === undefined ? (dimensionList(p.dimensions) ?? []) : [],
        Period: p.period,
        Unit: p.unit,
        EvaluationPeriods: p.evaluationPeriods,
        DatapointsToAlarm: p.datapointsToAlarm,
        Threshold: p.threshold,
        ComparisonOperator: p.comparisonOperator,
        TreatMissingData: p.treatMissingData,
        ThresholdMetricId: p.thresholdMetricId,
        Metrics: (queries ?? []).map((q) => {
            const m = q.metric as Props | undefined;
            return defined({
                Id: q.id,
                Expression: q.expression,
                Label: q.label,
                ReturnData: q.returnData,
                Period: q.period,
                MetricStat:
                    m === undefined || m === null
                        ? undefined
                        : defined({
                              Metric: defined({ Namespace: m.namespace, MetricName: m.metricName, Dimensions: dimensionList(m.dimensions) ?? [] }),
                              Period: m.period,
                              Stat: m.stat,
                              Unit: m.unit,
                          }),
            });
        }),
    });
}

/** PutMetricAlarm's parameters in the provider's MetricAlarm shape, as the model keeps alarms. */
function alarmProps(body: Body): Props {
    const metrics = Array.isArray(body.Metrics) ? (body.Metrics as Body[]) : undefined;
    return defined({
        name: requiredString(body, "AlarmName"),
        alarmDescription: body.AlarmDescription,
        actionsEnabled: body.ActionsEnabled,
        okActions: body.OKActions,
        alarmActions: body.AlarmActions,
        insufficientDataActions: body.InsufficientDataActions,
        metricName: body.MetricName,
        namespace: body.Namespace,
        statistic: body.Statistic,
        extendedStatistic: body.ExtendedStatistic,
        dimensions: dimensionMap(body.Dimensions),
        period: body.Period,
        unit: body.Unit,
        evaluationPeriods: body.EvaluationPeriods,
        datapointsToAlarm: body.DatapointsToAlarm,
        threshold: body.Threshold,
        comparisonOperator: body.ComparisonOperator,
        treatMissingData: body.TreatMissingData,
        thresholdMetricId: body.ThresholdMetricId,
        metricQueries: metrics?.map((q) => {
            const stat = q.MetricStat as Body | undefined;
            const metric = stat?.Metric as Body | undefined;
            return defined({
                id: q.Id,
                expression: q.Expression,
                label: q.Label,
                returnData: q.ReturnData,
                period: q.Period,
                metric:
                    stat === undefined
                        ? undefined
                        : defined({
                              namespace: metric?.Namespace,
                              metricName: metric?.MetricName,
                              dimensions: dimensionMap(metric?.Dimensions),
                              period: stat.Period,
                              stat: stat.Stat,
                              unit: stat.Unit,
                          }),
            });
        }),
    });
}

function page<T>(items: readonly T[], token: string | undefined, size: number): { items: T[]; next?: string } {
    const start = token === undefined ? 0 : Number(token);
    if (!Number.isInteger(start) || start < 0) {
        throw new ApiError(400, "InvalidNextToken", "The service returned an invalid next token.");
    }
    const slice = items.slice(start, start + size);
    return { items: slice, next: start + size < items.length ? String(start + size) : undefined };
}

export function handleCloudWatch(ctx: StandInContext, operation: string, body: Body): unknown {
    const { aws } = ctx;
    switch (operation) {
        case "DescribeAlarms": {
            const names = Array.isArray(body.AlarmNames) ? (body.AlarmNames as string[]) : undefined;
            const prefix = optionalString(body, "AlarmNamePrefix");
            const alarms = aws
                .objectsOfType(TYPES.metricAlarm)
                .map((o) => o.props)
                .filter((p) => (names === undefined || names.includes(String(p.name))) && (prefix === undefined || String(p.name).startsWith(prefix)))
                .sort((a, b) => String(a.name).localeCompare(String(b.name)));
            const { items, next } = page(alarms, optionalString(body, "NextToken"), ALARM_PAGE);
            return defined({ MetricAlarms: items.map((p) => metricAlarm(ctx, p)), CompositeAlarms: [], NextToken: next });
        }
        case "PutMetricAlarm": {
            const props = alarmProps(body);
            aws.create(TYPES.metricAlarm, props);
            ctx.createdAt(`alarm:${String(props.name)}`);
            return {};
        }
        case "DeleteAlarms": {
            for (const name of (body.AlarmNames as string[] | undefined) ?? []) {
                aws.delete(TYPES.metricAlarm, name, { name });
                ctx.forget(`alarm:${name}`);
            }
            return {};
        }
        case "ListDashboards": {
            const prefix = optionalString(body, "DashboardNamePrefix");
            const dashboards = aws
                .objectsOfType(TYPES.dashboard)
                .map((o) => o.props)
                .filter((p) => prefix === undefined || String(p.dashboardName).startsWith(prefix))
                .sort((a, b) => String(a.dashboardName).localeCompare(String(b.dashboardName)));
            const { items, next } = page(dashboards, optionalString(body, "NextToken"), DASHBOARD_PAGE);
            return defined({
                DashboardEntries: items.map((p) => ({
                    DashboardName: p.dashboardName,
                    DashboardArn: `arn:aws:cloudwatch::${ctx.accountId}:dashboard/${String(p.dashboardName)}`,
                    LastModified: epochSeconds(ctx.createdAt(`dashboard:${String(p.dashboardName)}`)),
                    Size: Buffer.byteLength(typeof p.dashboardBody === "string" ? p.dashboardBody : ""),
                })),
                NextToken: next,
            });
        }
        case "PutDashboard": {
            const dashboardName = requiredString(body, "DashboardName");
            const dashboardBody = requiredString(body, "DashboardBody");
            aws.create(TYPES.dashboard, { dashboardName, dashboardBody });
            ctx.createdAt(`dashboard:${dashboardName}`);
            return { DashboardValidationMessages: [] };
        }
        case "DeleteDashboards": {
            const names = (body.DashboardNames as string[] | undefined) ?? [];
            const missing = names.filter((n) => !aws.objectsOfType(TYPES.dashboard).some((o) => o.props.dashboardName === n));
            if (missing.length > 0) {
                // DeleteDashboards fails as a whole on a name that does not exist (CloudWatch API reference, Errors).
                throw new ApiError(404, "ResourceNotFound", `Dashboard ${missing[0]} does not exist`);
            }
            for (const dashboardName of names) {
                aws.delete(TYPES.dashboard, dashboardName, { dashboardName });
                ctx.forget(`dashboard:${dashboardName}`);
            }
            return {};
        }
        default:
            throw new ApiError(400, "UnknownOperationException", `the AWS stand-in does not implement ${CLOUDWATCH_TARGET_PREFIX}.${operation}`);
    }
}
