// The acceptance checkers against recorded responses shaped like the real APIs' (field names and values from the
// Lambda and Application Auto Scaling API references; the SDK types make a misspelled field a compile error).
import { expect } from "chai";
import type {
    GetProvisionedConcurrencyConfigResponse,
    ProvisionedConcurrencyConfigListItem,
} from "@aws-sdk/client-lambda";
import type { ScalableTarget, ScalingActivity, ScalingPolicy, ScheduledAction } from "@aws-sdk/client-application-auto-scaling";
import {
    answeredVersion,
    checkDeployUnderLoad,
    checkConfigurationGone,
    checkConfigurationThere,
    checkConfigurationsOnly,
    checkRefusedForWeightedRouting,
    checkScheduledActionFailed,
    describeIdleOutcome,
    checkInvocationOnProvisioned,
    checkMonitoring,
    checkNothingLeft,
    monitoringOf,
    checkProvisionedConfig,
    checkScalableTargets,
    checkScalingPolicies,
    checkScheduledActions,
    checkWarmerReports,
    isSettling,
    parseWarmerReport,
    qualifierOfArn,
    resourceIdOf,
} from "../../acceptance/checks";

const ARN = "arn:aws:lambda:us-east-1:123456789012:function:fixed-fn-1a2b3c4";
const LAST_MODIFIED = "2026-12-01T10:00:00+0000";

function ready(count: number): GetProvisionedConcurrencyConfigResponse {
    return {
        RequestedProvisionedConcurrentExecutions: count,
        AvailableProvisionedConcurrentExecutions: count,
        AllocatedProvisionedConcurrentExecutions: count,
        Status: "READY",
        LastModified: LAST_MODIFIED,
    };
}

function listed(qualifier: string, count: number, status: "READY" | "IN_PROGRESS" | "FAILED" = "READY"): ProvisionedConcurrencyConfigListItem {
    return {
        FunctionArn: `${ARN}:${qualifier}`,
        RequestedProvisionedConcurrentExecutions: count,
        AvailableProvisionedConcurrentExecutions: status === "READY" ? count : 0,
        AllocatedProvisionedConcurrentExecutions: status === "READY" ? count : 0,
        Status: status,
        LastModified: LAST_MODIFIED,
    };
}

const RESOURCE_ID = resourceIdOf("utilization-fn-1a2b3c4", "live");

function target(min: number, max: number, resourceId = RESOURCE_ID): ScalableTarget {
    return {
        ServiceNamespace: "lambda",
        ResourceId: resourceId,
        ScalableDimension: "lambda:function:ProvisionedConcurrency",
        MinCapacity: min,
        MaxCapacity: max,
        RoleARN: "arn:aws:iam::123456789012:role/aws-service-role/lambda.application-autoscaling.amazonaws.com/AWSServiceRoleForApplicationAutoScaling_LambdaConcurrency",
        CreationTime: new Date("2026-12-01T10:00:00Z"),
        SuspendedState: { DynamicScalingInSuspended: false, DynamicScalingOutSuspended: false, ScheduledScalingSuspended: false },
        ScalableTargetARN: "arn:aws:application-autoscaling:us-east-1:123456789012:scalable-target/056abcdef",
    };
}

function policy(targetValue: number): ScalingPolicy {
    return {
        PolicyARN: "arn:aws:autoscaling:us-east-1:123456789012:scalingPolicy:1:resource/lambda/function:x:live:policyName/utilization",
        PolicyName: "utilization",
        ServiceNamespace: "lambda",
        ResourceId: RESOURCE_ID,
        ScalableDimension: "lambda:function:ProvisionedConcurrency",
        PolicyType: "TargetTrackingScaling",
        TargetTrackingScalingPolicyConfiguration: {
            TargetValue: targetValue,
            PredefinedMetricSpecification: { PredefinedMetricType: "LambdaProvisionedConcurrencyUtilization" },
        },
        Alarms: [],
        CreationTime: new Date("2026-12-01T10:00:00Z"),
    };
}

function action(name: string, schedule: string, min: number, max: number, timezone?: string): ScheduledAction {
    return {
        ScheduledActionName: name,
        ScheduledActionARN: `arn:aws:autoscaling:us-east-1:123456789012:scheduledAction:1:resource/lambda/${RESOURCE_ID}:scheduledActionName/${name}`,
        ServiceNamespace: "lambda",
        Schedule: schedule,
        Timezone: timezone,
        ResourceId: RESOURCE_ID,
        ScalableDimension: "lambda:function:ProvisionedConcurrency",
        ScalableTargetAction: { MinCapacity: min, MaxCapacity: max },
        CreationTime: new Date("2026-12-01T10:00:00Z"),
    };
}

describe("acceptance checks", () => {
    describe("names", () => {
        it("reads the qualifier at the end of a qualified ARN and nothing from an unqualified one", () => {
            expect(qualifierOfArn(`${ARN}:live`)).to.equal("live");
            expect(qualifierOfArn(`${ARN}:3`)).to.equal("3");
            expect(qualifierOfArn(ARN)).to.equal(undefined);
            expect(resourceIdOf("f", "live")).to.equal("function:f:live");
        });
    });

    describe("GetProvisionedConcurrencyConfig", () => {
        it("passes a READY configuration with the requested count allocated", () => {
            expect(checkProvisionedConfig("f:live", ready(2), 2)).to.deep.equal([]);
            expect(checkProvisionedConfig("f:live", ready(3), { min: 1, max: 10 })).to.deep.equal([]);
        });

        it("fails a configuration stuck IN_PROGRESS, and says the runner should keep polling it", () => {
            const stuck: GetProvisionedConcurrencyConfigResponse = {
                ...ready(2),
                AllocatedProvisionedConcurrentExecutions: 0,
                AvailableProvisionedConcurrentExecutions: 0,
                Status: "IN_PROGRESS",
            };
            expect(isSettling(stuck)).to.equal(true);
            expect(checkProvisionedConfig("f:live", stuck, 2)).to.deep.equal(["f:live: configuration is IN_PROGRESS, expected READY"]);
        });

        it("fails a FAILED configuration with AWS's reason", () => {
            const failed: GetProvisionedConcurrencyConfigResponse = {
                ...ready(2),
                AllocatedProvisionedConcurrentExecutions: 0,
                Status: "FAILED",
                StatusReason: "FUNCTION_ERROR_INIT_FAILURE",
            };
            expect(isSettling(failed)).to.equal(false);
            expect(checkProvisionedConfig("f:live", failed, 2)).to.deep.equal([
                "f:live: configuration is FAILED (FUNCTION_ERROR_INIT_FAILURE), expected READY",
            ]);
        });

        it("fails a missing configuration, a wrong count, a count outside the bounds and a short allocation", () => {
            expect(checkProvisionedConfig("f:live", undefined, 2)).to.deep.equal(["f:live: no provisioned concurrency configuration"]);
            expect(checkProvisionedConfig("f:live", ready(3), 2)).to.deep.equal(["f:live: requested 3, expected 2"]);
            expect(checkProvisionedConfig("f:live", ready(12), { min: 1, max: 10 })).to.deep.equal([
                "f:live: requested 12, expected between 1 and 10",
            ]);
            expect(checkProvisionedConfig("f:live", { ...ready(2), AllocatedProvisionedConcurrentExecutions: 1 }, 2)).to.deep.equal([
                "f:live: 1 allocated of 2 requested",
            ]);
        });
    });

    describe("ListProvisionedConcurrencyConfigs", () => {
        it("passes configurations on exactly the declared qualifiers", () => {
            expect(checkConfigurationsOnly("f", [listed("live", 2)], ["live"])).to.deep.equal([]);
        });

        it("fails a configuration left on an old version after the move to an alias", () => {
            expect(checkConfigurationsOnly("f", [listed("1", 2), listed("live", 2)], ["live"])).to.deep.equal([
                "f:1: provisioned concurrency configuration left (READY, 2 requested)",
            ]);
        });

        it("fails a configuration that should exist and does not", () => {
            expect(checkConfigurationsOnly("f", [], ["live"])).to.deep.equal(["f:live: no provisioned concurrency configuration"]);
        });
    });

    describe("DescribeScalableTargets", () => {
        it("passes the declared target with its bounds", () => {
            expect(checkScalableTargets([target(1, 10)], [{ resourceId: RESOURCE_ID, minCapacity: 1, maxCapacity: 10 }])).to.deep.equal([]);
        });

        it("ignores other namespaces' targets and fails wrong bounds", () => {
            const other: ScalableTarget = { ...target(0, 4), ServiceNamespace: "ecs", ScalableDimension: "ecs:service:DesiredCount" };
            expect(checkScalableTargets([other, target(2, 10)], [{ resourceId: RESOURCE_ID, minCapacity: 1, maxCapacity: 10 }])).to.deep.equal([
                `${RESOURCE_ID}: MinCapacity 2, expected 1`,
            ]);
        });

        it("fails a target left registered after it was removed", () => {
            expect(checkScalableTargets([target(1, 10)], [], [RESOURCE_ID])).to.deep.equal([`${RESOURCE_ID}: scalable target left registered`]);
        });

        it("fails a missing target", () => {
            expect(checkScalableTargets([], [{ resourceId: RESOURCE_ID }])).to.deep.equal([`${RESOURCE_ID}: 0 scalable targets registered, expected 1`]);
        });
    });

    describe("DescribeScalingPolicies", () => {
        it("passes one target tracking policy on the utilization metric at the declared value", () => {
            expect(checkScalingPolicies(RESOURCE_ID, [policy(0.8)], 0.8)).to.deep.equal([]);
        });

        it("fails a wrong target value, a step policy, and a policy left after the swap to FixedConcurrency", () => {
            expect(checkScalingPolicies(RESOURCE_ID, [policy(0.7)], 0.8)).to.deep.equal([`${RESOURCE_ID}: target value 0.7, expected 0.8`]);
            const step: ScalingPolicy = { ...policy(0.8), PolicyType: "StepScaling", TargetTrackingScalingPolicyConfiguration: undefined };
            expect(checkScalingPolicies(RESOURCE_ID, [step], 0.8)).to.have.length(1);
            expect(checkScalingPolicies(RESOURCE_ID, [policy(0.8)], undefined)).to.deep.equal([`${RESOURCE_ID}: scaling policy utilization left`]);
        });
    });

    describe("DescribeScheduledActions", () => {
        const declared = [
            { schedule: "cron(0 8 ? * MON-FRI *)", timezone: "Europe/Paris", minCapacity: 10, maxCapacity: 50 },
            { schedule: "cron(0 19 ? * MON-FRI *)", timezone: "Europe/Paris", minCapacity: 1, maxCapacity: 5 },
        ];

        it("passes exactly the declared actions", () => {
            const actions = [
                action("open", "cron(0 8 ? * MON-FRI *)", 10, 50, "Europe/Paris"),
                action("close", "cron(0 19 ? * MON-FRI *)", 1, 5, "Europe/Paris"),
            ];
            expect(checkScheduledActions(RESOURCE_ID, actions, declared)).to.deep.equal([]);
        });

        it("treats an absent time zone as UTC", () => {
            expect(checkScheduledActions(RESOURCE_ID, [action("day", "cron(0 8 * * ? *)", 10, 10)], [{ schedule: "cron(0 8 * * ? *)" }])).to.deep.equal([]);
        });

        it("fails a missing action, wrong bounds, a wrong zone and an action left over", () => {
            const actions = [
                action("open", "cron(0 8 ? * MON-FRI *)", 10, 40, "UTC"),
                action("old", "cron(0 7 * * ? *)", 1, 1),
            ];
            expect(checkScheduledActions(RESOURCE_ID, actions, declared)).to.deep.equal([
                `${RESOURCE_ID}: action open in UTC, expected Europe/Paris`,
                `${RESOURCE_ID}: action on cron(0 8 ? * MON-FRI *) sets MaxCapacity 40, expected 50`,
                `${RESOURCE_ID}: no scheduled action on cron(0 19 ? * MON-FRI *)`,
                `${RESOURCE_ID}: scheduled action old (cron(0 7 * * ? *)) left`,
            ]);
        });
    });

    describe("the warmer's report", () => {
        // The EMF line as runtime/warmer-function.js writes it, behind the Lambda text log format's prefix.
        function reportLine(reached: number, errors = 0): string {
            const emf = {
                _aws: {
                    Timestamp: 1764583200000,
                    CloudWatchMetrics: [{ Namespace: "LambdaConcurrency/Warmer", Dimensions: [["FunctionName"]], Metrics: [{ Name: "InstancesReached", Unit: "Count" }] }],
                },
                FunctionName: "warmed-fn-1a2b3c4",
                Requested: 3,
                InstancesReached: reached,
                ColdInstances: 0,
                Errors: errors,
                Throttles: 0,
                UnrecognizedReplies: 0,
                Duration: 812,
                Target: "warmed-fn-1a2b3c4",
                WarmupId: "w-1",
                ErrorSamples: [],
            };
            return `2026-12-01T10:05:00.000Z\t5f1c0c3e-0000-4000-8000-000000000000\tINFO\t${JSON.stringify(emf)}`;
        }

        it("parses the report and ignores other lines", () => {
            expect(parseWarmerReport(reportLine(3))).to.deep.include({ functionName: "warmed-fn-1a2b3c4", requested: 3, instancesReached: 3 });
            expect(parseWarmerReport("START RequestId: 5f1c Version: $LATEST")).to.equal(undefined);
            expect(parseWarmerReport('{"not":"emf"}')).to.equal(undefined);
            expect(parseWarmerReport("INFO {broken")).to.equal(undefined);
        });

        it("passes when the latest report reached every requested instance", () => {
            expect(checkWarmerReports("warmed-fn-1a2b3c4", [reportLine(2), reportLine(3)], 3)).to.deep.equal([]);
        });

        it("fails a short reach, errors, and no report at all", () => {
            expect(checkWarmerReports("warmed-fn-1a2b3c4", [reportLine(2)], 3)).to.deep.equal(["warmed-fn-1a2b3c4: warmer reached 2 of 3 instances"]);
            expect(checkWarmerReports("warmed-fn-1a2b3c4", [reportLine(3, 1)], 3)).to.deep.equal(["warmed-fn-1a2b3c4: warmer report has 1 errors"]);
            expect(checkWarmerReports("warmed-fn-1a2b3c4", [], 3)).to.deep.equal(["warmed-fn-1a2b3c4: no warmer report in the warmer's log"]);
        });
    });

    describe("an invocation", () => {
        it("passes a reply from a provisioned environment and fails an on-demand one or a foreign payload", () => {
            const reply = (type: string): string =>
                JSON.stringify({ statusCode: 200, body: JSON.stringify({ hello: "world", initializationType: type }) });
            expect(checkInvocationOnProvisioned("f:live", reply("provisioned-concurrency"))).to.deep.equal([]);
            expect(checkInvocationOnProvisioned("f:live", reply("on-demand"))).to.deep.equal([
                "f:live: ran on a on-demand environment, expected provisioned-concurrency",
            ]);
            expect(checkInvocationOnProvisioned("f:live", "null")).to.have.length(1);
            expect(checkInvocationOnProvisioned("f:live", "<html>")).to.have.length(1);
        });
    });

    describe("after destroy", () => {
        const nothing = {
            configsByFunction: { "fixed-fn-1a2b3c4": [], "external-fn": [] },
            scalableTargets: [],
            roles: [],
            rules: [],
            logGroups: [],
            alarms: [],
            dashboards: [],
        };

        it("passes an account with nothing of the stack left", () => {
            expect(checkNothingLeft([RESOURCE_ID], nothing)).to.deep.equal([]);
        });

        it("fails a configuration left on a function the stack did not create, a target, and the warmer's pieces", () => {
            const left = {
                ...nothing,
                configsByFunction: { ...nothing.configsByFunction, "external-fn": [listed("live", 1)] },
                scalableTargets: [target(1, 10)],
                roles: ["warmer-role-1a2b3c4"],
                rules: ["warmer-0-1a2b3c4"],
                logGroups: ["/aws/lambda/warmer-1a2b3c4"],
                alarms: ["api-spillover-1a2b3c4"],
                dashboards: ["lambda-concurrency-acc-api"],
            };
            expect(checkNothingLeft([RESOURCE_ID], left)).to.deep.equal([
                "external-fn:live: provisioned concurrency configuration left (READY, 1 requested)",
                `${RESOURCE_ID}: scalable target left registered`,
                "IAM role warmer-role-1a2b3c4 left",
                "EventBridge rule warmer-0-1a2b3c4 left",
                "log group /aws/lambda/warmer-1a2b3c4 left",
                "CloudWatch alarm api-spillover-1a2b3c4 left",
                "CloudWatch dashboard lambda-concurrency-acc-api left",
            ]);
        });
    });

    describe("monitoring after up", () => {
        const topic = "arn:aws:sns:us-east-1:123456789012:alerts-1a2b3c4";
        // As `pulumi stack export` lists them.
        const exported = [
            {
                urn: "urn:pulumi:acc::lambda-concurrency::lambda-concurrency:index:UtilizationScaling$aws:cloudwatch/metricAlarm:MetricAlarm::api-spillover",
                type: "aws:cloudwatch/metricAlarm:MetricAlarm",
                outputs: { name: "api-spillover-1", metricName: "ProvisionedConcurrencySpilloverInvocations", threshold: 0, comparisonOperator: "GreaterThanThreshold", alarmActions: [topic], metricQueries: [] },
            },
            {
                urn: "urn:pulumi:acc::lambda-concurrency::lambda-concurrency:index:UtilizationScaling$aws:cloudwatch/metricAlarm:MetricAlarm::api-ceiling",
                type: "aws:cloudwatch/metricAlarm:MetricAlarm",
                outputs: {
                    name: "api-ceiling-1",
                    metricName: "",
                    threshold: 1,
                    comparisonOperator: "GreaterThanOrEqualToThreshold",
                    alarmActions: [topic],
                    metricQueries: [{ id: "utilization_max" }, { id: "utilization_avg" }, { id: "busy_avg" }, { id: "at_ceiling" }],
                },
            },
            {
                urn: "urn:pulumi:acc::lambda-concurrency::lambda-concurrency:index:UtilizationScaling$aws:cloudwatch/dashboard:Dashboard::api-dashboard",
                type: "aws:cloudwatch/dashboard:Dashboard",
                outputs: { dashboardName: "lambda-concurrency-acc-api" },
            },
        ];
        // As DescribeAlarms returns them.
        const spillover = {
            AlarmName: "api-spillover-1",
            MetricName: "ProvisionedConcurrencySpilloverInvocations",
            Namespace: "AWS/Lambda",
            Threshold: 0,
            ComparisonOperator: "GreaterThanThreshold" as const,
            AlarmActions: [topic],
        };
        const ceiling = {
            AlarmName: "api-ceiling-1",
            Threshold: 1,
            ComparisonOperator: "GreaterThanOrEqualToThreshold" as const,
            AlarmActions: [topic],
            Metrics: [{ Id: "utilization_max" }, { Id: "utilization_avg" }, { Id: "busy_avg" }, { Id: "at_ceiling", ReturnData: true }],
        };

        it("reads the declared alarms and dashboards from the stack's state", () => {
            expect(monitoringOf(exported)).to.deep.equal({
                alarms: [
                    {
                        name: "api-spillover-1",
                        metricName: "ProvisionedConcurrencySpilloverInvocations",
                        threshold: 0,
                        comparisonOperator: "GreaterThanThreshold",
                        alarmActions: [topic],
                        queryIds: [],
                    },
                    {
                        name: "api-ceiling-1",
                        metricName: undefined,
                        threshold: 1,
                        comparisonOperator: "GreaterThanOrEqualToThreshold",
                        alarmActions: [topic],
                        queryIds: ["utilization_max", "utilization_avg", "busy_avg", "at_ceiling"],
                    },
                ],
                dashboards: ["lambda-concurrency-acc-api"],
            });
        });

        it("passes when CloudWatch holds what was declared", () => {
            expect(checkMonitoring(monitoringOf(exported), { alarms: [spillover, ceiling], dashboards: ["other", "lambda-concurrency-acc-api"] })).to.deep.equal([]);
        });

        it("fails a missing alarm or dashboard, another threshold, other queries and other actions", () => {
            expect(
                checkMonitoring(monitoringOf(exported), {
                    alarms: [
                        { ...spillover, Threshold: 5, AlarmActions: [] },
                        { ...ceiling, Metrics: [{ Id: "utilization_max" }] },
                    ],
                    dashboards: [],
                }),
            ).to.deep.equal([
                "CloudWatch alarm api-spillover-1: GreaterThanThreshold 5, declared GreaterThanThreshold 0",
                `CloudWatch alarm api-spillover-1: actions none, declared ${topic}`,
                "CloudWatch alarm api-ceiling-1: queries utilization_max, declared utilization_max,utilization_avg,busy_avg,at_ceiling",
                "CloudWatch dashboard lambda-concurrency-acc-api missing",
            ]);
            expect(checkMonitoring(monitoringOf(exported), { alarms: [], dashboards: ["lambda-concurrency-acc-api"] })).to.deep.equal([
                "CloudWatch alarm api-spillover-1 missing",
                "CloudWatch alarm api-ceiling-1 missing",
            ]);
        });
    });

    describe("what only AWS can tell", () => {
        it("wants the up on a weighted alias refused with Lambda's error", () => {
            // As `pulumi up` reports the provider's error from PutProvisionedConcurrencyConfig.
            const refused =
                "error: 1 error occurred:\n\t* creating Lambda Provisioned Concurrency Config (wa-fn-1a2b3c4,live): operation error Lambda: " +
                "PutProvisionedConcurrencyConfig, https response error StatusCode: 400, InvalidParameterValueException: Alias with weights can not be used with Provisioned Concurrency";
            expect(checkRefusedForWeightedRouting("wa-fn:live", refused)).to.deep.equal([]);
            expect(checkRefusedForWeightedRouting("wa-fn:live", undefined)).to.deep.equal([
                "wa-fn:live: up succeeded, expected Lambda to refuse provisioned concurrency on an alias with weighted routing",
            ]);
            expect(checkRefusedForWeightedRouting("wa-fn:live", "error: ResourceConflictException: The operation cannot be performed at this time.")).to.match(
                /^wa-fn:live: up failed, but not with the weighted routing refusal/,
            );
        });

        function activity(status: ScalingActivity["StatusCode"], action = "raise-min"): ScalingActivity {
            return {
                ActivityId: "e6b1a0f2-0000-4000-8000-000000000001",
                ServiceNamespace: "lambda",
                ResourceId: RESOURCE_ID,
                ScalableDimension: "lambda:function:ProvisionedConcurrency",
                Description: "Setting min capacity to 3",
                Cause: `scheduled action name ${action} was triggered`,
                StartTime: new Date("2026-12-01T10:04:00Z"),
                EndTime: new Date("2026-12-01T10:04:01Z"),
                StatusCode: status,
                StatusMessage: status === "Failed" ? "Failed to set min capacity to 3 and max capacity to 1. Reason: min capacity cannot be greater than max capacity" : "Successfully set min capacity to 3",
            };
        }

        it("wants the scheduled action above the maximum Failed and the bounds unchanged", () => {
            expect(checkScheduledActionFailed(RESOURCE_ID, "raise-min", [activity("Failed")], [target(1, 1)], { min: 1, max: 1 })).to.deep.equal([]);
            expect(checkScheduledActionFailed(RESOURCE_ID, "raise-min", [activity("Successful")], [target(3, 3)], { min: 1, max: 1 })).to.deep.equal([
                `${RESOURCE_ID}: scheduled action raise-min Successful, expected Failed`,
                `${RESOURCE_ID}: MinCapacity 3, expected 1`,
                `${RESOURCE_ID}: MaxCapacity 3, expected 1`,
            ]);
            expect(checkScheduledActionFailed(RESOURCE_ID, "raise-min", [activity("Failed", "base")], [target(1, 1)], { min: 1, max: 1 })).to.deep.equal([
                `${RESOURCE_ID}: no scaling activity of scheduled action raise-min`,
            ]);
        });

        it("wants the configuration gone after a scale to 0, there after a deregistration, at the minimum after a registration", () => {
            expect(checkConfigurationGone("zero-fn:live", undefined)).to.deep.equal([]);
            expect(checkConfigurationGone("zero-fn:live", ready(1))).to.deep.equal(["zero-fn:live: configuration still there (READY, 1 requested)"]);
            expect(checkConfigurationThere("dereg-fn:live", ready(1))).to.deep.equal([]);
            expect(checkConfigurationThere("dereg-fn:live", undefined)).to.deep.equal(["dereg-fn:live: no provisioned concurrency configuration"]);
            expect(checkConfigurationThere("reg-fn:live", { ...ready(1), Status: "IN_PROGRESS", AllocatedProvisionedConcurrentExecutions: 0 }, 1)).to.deep.equal([]);
            expect(checkConfigurationThere("reg-fn:live", ready(2), 1)).to.deep.equal(["reg-fn:live: requested 2, expected 1"]);
        });

        it("reports what an idle alias did under FILL, never a failure", () => {
            expect(describeIdleOutcome("fill-fn:live", 3, ready(1), 1, 20)).to.equal("fill-fn:live: after 20 idle minutes 3 -> 1 requested (minimum 1): went to the minimum");
            expect(describeIdleOutcome("fill-fn:live", 3, ready(2), 1, 20)).to.equal("fill-fn:live: after 20 idle minutes 3 -> 2 requested (minimum 1): scaled in, not to the minimum");
            expect(describeIdleOutcome("fill-fn:live", 3, ready(3), 1, 20)).to.equal("fill-fn:live: after 20 idle minutes 3 -> 3 requested (minimum 1): did not scale in");
            expect(describeIdleOutcome("fill-fn:live", 3, undefined, 1, 20)).to.equal("fill-fn:live: after 20 idle minutes the configuration is gone (was 3)");
        });
    });

    describe("a deploy under load (checkDeployUnderLoad)", () => {
        const on = (version: string) => ({ version });

        it("reads the version from the sample handler's answer, or says why there is none", () => {
            const answer = JSON.stringify({ statusCode: 200, body: JSON.stringify({ revision: "2", version: "7" }) });
            expect(answeredVersion(answer, undefined)).to.deep.equal({ version: "7" });
            expect(answeredVersion('{"errorMessage":"boom"}', "Unhandled")).to.deep.equal({ error: 'Unhandled: {"errorMessage":"boom"}' });
            expect(answeredVersion("<html>", undefined)).to.deep.equal({ error: "not the sample handler's JSON with a version: <html>" });
            expect(answeredVersion(JSON.stringify({ body: "{}" }), undefined)).to.deep.equal({ error: `not the sample handler's JSON with a version: {"body":"{}"}` });
        });

        it("passes requests on the old version, then only on the new one, none cold", () => {
            expect(checkDeployUnderLoad("rollout step 2", [on("1"), on("1"), on("2"), on("2")], "1", "2", 0)).to.deep.equal([]);
        });

        it("names every way a deploy under load goes wrong", () => {
            expect(checkDeployUnderLoad("s", [on("1"), { error: "Rate exceeded" }, on("2"), { error: "x" }], "1", "2", 0)).to.deep.equal([
                "s: 2 of 4 requests failed during the deploy, the first: Rate exceeded",
            ]);
            expect(checkDeployUnderLoad("s", [on("1"), on("2"), on("1"), on("2")], "1", "2", 0)).to.deep.equal([
                "s: requests ran on version 1 again after version 2: the alias moved back",
            ]);
            expect(checkDeployUnderLoad("s", [on("1"), on("3"), on("2")], "1", "2", 0)).to.deep.equal(["s: a request ran on version 3, expected only 1 then 2"]);
            expect(checkDeployUnderLoad("s", [on("2")], "1", "2", 0)).to.deep.equal(["s: no request ran on version 1: the load began after the alias moved"]);
            expect(checkDeployUnderLoad("s", [on("1")], "1", "2", 0)).to.deep.equal(["s: no request ran on version 2: the load ended before the alias moved"]);
            expect(checkDeployUnderLoad("s", [on("1"), on("2")], "1", "2", 3)).to.deep.equal([
                "s: 3 request(s) met a cold start during the deploy (ColdStart metric lines in the function's log group)",
            ]);
        });
    });
});
