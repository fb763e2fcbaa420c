import { expect } from "chai";
import {
    MAX_ALARM_METRICS,
    WARMER_TARGETS_PER_ALARM,
    ceilingAlarm,
    lowUtilizationAlarm,
    spilloverAlarm,
    warmerFailureAlarms,
    warmerShortfallAlarms,
} from "../../components/monitoring/alarms";
import { defaultAlarmSettings } from "../../components/monitoring/settings";

const ALIAS_DIMENSIONS = { FunctionName: "orders", Resource: "orders:live" };

describe("alarm specs", () => {
    it("spillover: Sum of ProvisionedConcurrencySpilloverInvocations on the alias, above 0 in 3 of 5 minutes, no data not breaching", () => {
        const spec = spilloverAlarm("orders", "live", defaultAlarmSettings("spillover"));
        expect({ ...spec, description: undefined }).to.deep.equal({
            kind: "spillover",
            suffix: "spillover",
            description: undefined,
            metric: {
                namespace: "AWS/Lambda",
                metricName: "ProvisionedConcurrencySpilloverInvocations",
                dimensions: ALIAS_DIMENSIONS,
                stat: "Sum",
                period: 60,
            },
            comparisonOperator: "GreaterThanThreshold",
            threshold: 0,
            evaluationPeriods: 5,
            datapointsToAlarm: 3,
            treatMissingData: "notBreaching",
        });
        expect(spec.description).to.equal(
            "Requests to orders:live found every provisioned environment busy and ran on demand, possibly cold " +
                "(ProvisionedConcurrencySpilloverInvocations Sum above 0 in 3 of 5 periods of 1 min). Raise the provisioned " +
                "concurrency (or the scalable target's maximum), or scale out earlier with a lower target utilization.",
        );
    });

    it("ceiling without a maximum (ScheduledConcurrency): Maximum utilization at or above 0.9 in 12 of 15 minutes", () => {
        const spec = ceilingAlarm("orders", "live", defaultAlarmSettings("ceiling"));
        expect(spec.metric).to.deep.equal({
            namespace: "AWS/Lambda",
            metricName: "ProvisionedConcurrencyUtilization",
            dimensions: ALIAS_DIMENSIONS,
            stat: "Maximum",
            period: 60,
        });
        expect(spec.queries).to.equal(undefined);
        expect([spec.comparisonOperator, spec.threshold, spec.evaluationPeriods, spec.datapointsToAlarm, spec.treatMissingData]).to.deep.equal([
            "GreaterThanOrEqualToThreshold",
            0.9,
            15,
            12,
            "notBreaching",
        ]);
        expect(spec.description).to.equal(
            "orders:live used at least 90% of its provisioned environments (ProvisionedConcurrencyUtilization Maximum, 12 of " +
                "15 periods of 1 min): the capacity the schedules set is full. Raise the schedule's capacity for these hours, " +
                "or let UtilizationScaling follow the load.",
        );
    });

    it("ceiling with the lowest maximum (UtilizationScaling): metric math on utilization and busy environments", () => {
        const spec = ceilingAlarm("orders", "live", defaultAlarmSettings("ceiling"), 20);
        expect(spec.metric).to.equal(undefined);
        const utilization = { namespace: "AWS/Lambda", metricName: "ProvisionedConcurrencyUtilization", dimensions: ALIAS_DIMENSIONS, period: 60 };
        expect(spec.queries).to.deep.equal([
            { id: "utilization_max", returnData: false, metric: { ...utilization, stat: "Maximum" } },
            { id: "utilization_avg", returnData: false, metric: { ...utilization, stat: "Average" } },
            {
                id: "busy_avg",
                returnData: false,
                metric: { namespace: "AWS/Lambda", metricName: "ProvisionedConcurrentExecutions", dimensions: ALIAS_DIMENSIONS, period: 60, stat: "Average" },
            },
            {
                id: "at_ceiling",
                label: "Utilization at least 90% with at least 20 environments",
                returnData: true,
                expression: "IF(utilization_max >= 0.9 AND busy_avg >= 19.5 * utilization_avg, 1, 0)",
            },
        ]);
        expect([spec.comparisonOperator, spec.threshold, spec.evaluationPeriods, spec.datapointsToAlarm]).to.deep.equal([
            "GreaterThanOrEqualToThreshold",
            1,
            15,
            12,
        ]);
    });

    it("low utilization: busy share of the paid environment-time over a day, below 0.6, no data breaching", () => {
        const spec = lowUtilizationAlarm("orders", "live", 4, defaultAlarmSettings("lowUtilization"));
        const sum = (metricName: string): object => ({ namespace: "AWS/Lambda", metricName, dimensions: ALIAS_DIMENSIONS, stat: "Sum", period: 86400 });
        expect(spec.queries).to.deep.equal([
            { id: "duration_ms", returnData: false, metric: sum("Duration") },
            { id: "provisioned_invocations", returnData: false, metric: sum("ProvisionedConcurrencyInvocations") },
            { id: "invocations", returnData: false, metric: sum("Invocations") },
            {
                id: "busy_share",
                label: "Share of 4 provisioned environment(s) in use",
                returnData: true,
                expression: "duration_ms * (provisioned_invocations / invocations) / 345600000",
            },
        ]);
        expect([spec.comparisonOperator, spec.threshold, spec.evaluationPeriods, spec.datapointsToAlarm, spec.treatMissingData]).to.deep.equal([
            "LessThanThreshold",
            0.6,
            1,
            1,
            "breaching",
        ]);
        expect(spec.suffix).to.equal("low-utilization");
    });

    it("warmer shortfall: one alarm per 4 targets, Requested minus InstancesReached with the warmer's dimensions", () => {
        const targets = [{ functionName: "a", qualifier: "live" }, { functionName: "b" }];
        const [spec, ...rest] = warmerShortfallAlarms("warm", targets, defaultAlarmSettings("warmerShortfall", 300));
        expect(rest).to.deep.equal([]);
        const metric = (metricName: string, dimensions: Record<string, string>): object => ({
            namespace: "LambdaConcurrency/Warmer",
            metricName,
            dimensions,
            stat: "Sum",
            period: 300,
        });
        expect(spec.queries).to.deep.equal([
            { id: "requested_0", returnData: false, metric: metric("Requested", { FunctionName: "a", Qualifier: "live" }) },
            { id: "reached_0", returnData: false, metric: metric("InstancesReached", { FunctionName: "a", Qualifier: "live" }) },
            { id: "requested_1", returnData: false, metric: metric("Requested", { FunctionName: "b" }) },
            { id: "reached_1", returnData: false, metric: metric("InstancesReached", { FunctionName: "b" }) },
            {
                id: "shortfall",
                label: "Instances requested but not reached",
                returnData: true,
                expression: "SUM([requested_0, requested_1]) - SUM([reached_0, reached_1])",
            },
        ]);
        expect([spec.suffix, spec.comparisonOperator, spec.threshold, spec.evaluationPeriods, spec.datapointsToAlarm, spec.treatMissingData]).to.deep.equal([
            "warmer-shortfall",
            "GreaterThanThreshold",
            0,
            3,
            3,
            "notBreaching",
        ]);
    });

    it("warmer failures: pings' Errors and Throttles, and the warmer function's own in the first alarm", () => {
        const targets = Array.from({ length: 5 }, (_, i) => ({ functionName: `f${i}` }));
        const specs = warmerFailureAlarms("warm", "warm-fn", targets, defaultAlarmSettings("warmerFailures", 300));
        expect(specs.map((s) => s.suffix)).to.deep.equal(["warmer-failures-0", "warmer-failures-1"]);
        expect(specs[0].queries?.map((q) => q.id)).to.deep.equal([
            "errors_0",
            "throttles_0",
            "errors_1",
            "throttles_1",
            "errors_2",
            "throttles_2",
            "errors_3",
            "throttles_3",
            "warmer_errors",
            "warmer_throttles",
            "failures",
        ]);
        expect(specs[0].queries?.[8].metric).to.deep.equal({
            namespace: "AWS/Lambda",
            metricName: "Errors",
            dimensions: { FunctionName: "warm-fn" },
            stat: "Sum",
            period: 300,
        });
        expect(specs[0].queries?.[10].expression).to.equal(
            "SUM([errors_0, throttles_0, errors_1, throttles_1, errors_2, throttles_2, errors_3, throttles_3, warmer_errors, warmer_throttles])",
        );
        expect(specs[1].queries?.map((q) => q.id)).to.deep.equal(["errors_0", "throttles_0", "failures"]);
        expect(specs[1].description).to.match(/^Warm-up pings of warm failed or were throttled \(targets 5 to 5\) \(sum above 0/);
        expect([specs[0].evaluationPeriods, specs[0].datapointsToAlarm]).to.deep.equal([3, 2]);
    });

    it("never puts more metrics in one alarm than CloudWatch takes (10), for any number of targets", () => {
        expect(WARMER_TARGETS_PER_ALARM).to.equal(4);
        for (const count of [1, 4, 5, 8, 9, 400]) {
            const targets = Array.from({ length: count }, (_, i) => ({ functionName: `f${i}` }));
            const specs = [
                ...warmerShortfallAlarms("w", targets, defaultAlarmSettings("warmerShortfall")),
                ...warmerFailureAlarms("w", "w-fn", targets, defaultAlarmSettings("warmerFailures")),
            ];
            expect(specs.length).to.equal(2 * Math.ceil(count / 4));
            for (const spec of specs) {
                const metrics = spec.queries?.filter((q) => q.metric !== undefined).length ?? 0;
                expect(metrics).to.be.at.most(MAX_ALARM_METRICS);
                expect(spec.queries?.filter((q) => q.returnData)).to.have.length(1);
                for (const query of spec.queries ?? []) {
                    expect(query.id).to.match(/^[a-z][A-Za-z0-9_]*$/);
                }
            }
        }
    });
});

describe("the metrics the monitoring reads are the ones the warmer writes", () => {
    it("namespace, metric names and their number come from the warmer's own log line", async () => {
        const { WARMER_NAMESPACE, WARMER_METRICS_PER_TARGET, WARMER_REQUESTED, WARMER_INSTANCES_REACHED, WARMER_ERRORS, WARMER_THROTTLES } = await import(
            "../../components/monitoring/metrics"
        );
        // eslint-disable-next-line @typescript-eslint/no-require-imports
        const warmer = require("../../runtime/warmer-function.js") as { metricsLogLine: (report: object, id: string, at: number) => string };
        const line = JSON.parse(
            warmer.metricsLogLine(
                { functionName: "orders", qualifier: "live", requested: 2, instancesReached: 2, coldInstances: 0, errors: 0, throttles: 0, unrecognizedReplies: 0, durationMs: 5, target: "orders", errorSamples: [] },
                "w",
                0,
            ),
        ) as { _aws: { CloudWatchMetrics: { Namespace: string; Dimensions: string[][]; Metrics: { Name: string }[] }[] } };
        const directive = line._aws.CloudWatchMetrics[0];
        expect(directive.Namespace).to.equal(WARMER_NAMESPACE);
        expect(directive.Dimensions).to.deep.equal([["FunctionName", "Qualifier"]]);
        const names = directive.Metrics.map((m) => m.Name);
        expect(names).to.have.length(WARMER_METRICS_PER_TARGET);
        expect(names).to.include.members([WARMER_REQUESTED, WARMER_INSTANCES_REACHED, WARMER_ERRORS, WARMER_THROTTLES]);
    });
});
