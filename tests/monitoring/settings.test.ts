import { expect } from "chai";
import * as pulumi from "@pulumi/pulumi";
import {
    BREAK_EVEN_UTILIZATION,
    defaultAlarmSettings,
    resolveAlarmSettings,
    resolveMonitoring,
    validateTopicArn,
} from "../../components/monitoring/settings";

const TOPIC = "arn:aws:sns:us-east-1:123456789012:on-call";

describe("monitoring settings", () => {
    it("takes the break-even from the advisor's prices: 0.6", () => {
        expect(BREAK_EVEN_UTILIZATION).to.equal(0.6);
    });

    it("fills in each alarm's defaults", () => {
        expect(resolveMonitoring("FixedConcurrency", {})).to.deep.equal({
            monitoring: {
                alarms: {
                    spillover: { threshold: 0, periodSeconds: 60, evaluationPeriods: 5, datapointsToAlarm: 3 },
                    lowUtilization: { threshold: 0.6, periodSeconds: 86400, evaluationPeriods: 1, datapointsToAlarm: 1 },
                },
                alarmActions: [],
                okActions: [],
                dashboard: true,
            },
        });
        expect(resolveMonitoring("UtilizationScaling", {})).to.deep.equal({
            monitoring: {
                alarms: {
                    spillover: { threshold: 0, periodSeconds: 60, evaluationPeriods: 5, datapointsToAlarm: 3 },
                    ceiling: { threshold: 0.9, periodSeconds: 60, evaluationPeriods: 15, datapointsToAlarm: 12 },
                },
                alarmActions: [],
                okActions: [],
                dashboard: true,
            },
        });
        expect(resolveMonitoring("ScheduledConcurrency", { dashboard: false })).to.deep.equal({
            monitoring: {
                alarms: {
                    spillover: { threshold: 0, periodSeconds: 60, evaluationPeriods: 5, datapointsToAlarm: 3 },
                    ceiling: { threshold: 0.9, periodSeconds: 60, evaluationPeriods: 15, datapointsToAlarm: 12 },
                },
                alarmActions: [],
                okActions: [],
                dashboard: false,
            },
        });
        expect(resolveMonitoring("LambdaWarmer", { alarmActions: [TOPIC] }, { warmerPeriodSeconds: 300 })).to.deep.equal({
            monitoring: {
                alarms: {
                    warmerShortfall: { threshold: 0, periodSeconds: 300, evaluationPeriods: 3, datapointsToAlarm: 3 },
                    warmerFailures: { threshold: 0, periodSeconds: 300, evaluationPeriods: 3, datapointsToAlarm: 2 },
                },
                alarmActions: [TOPIC],
                okActions: [],
                dashboard: true,
            },
        });
    });

    it("is off when not given", () => {
        expect(resolveMonitoring("FixedConcurrency", undefined)).to.deep.equal({});
    });

    it("keeps a warmer's daily run within the one-day evaluation limit", () => {
        expect(defaultAlarmSettings("warmerShortfall", 86400)).to.deep.equal({ threshold: 0, periodSeconds: 86400, evaluationPeriods: 1, datapointsToAlarm: 1 });
        expect(defaultAlarmSettings("warmerFailures", 43200)).to.deep.equal({ threshold: 0, periodSeconds: 43200, evaluationPeriods: 2, datapointsToAlarm: 2 });
    });

    it("leaves out an alarm turned off, and keeps what the user set", () => {
        expect(resolveAlarmSettings("spillover", { enabled: false })).to.deep.equal({});
        expect(resolveAlarmSettings("spillover", { threshold: 5, evaluationPeriods: 10, datapointsToAlarm: 10 })).to.deep.equal({
            settings: { threshold: 5, periodSeconds: 60, evaluationPeriods: 10, datapointsToAlarm: 10 },
        });
        // A longer period alone shortens the evaluation to fit a day, and the datapoints with it.
        expect(resolveAlarmSettings("ceiling", { periodSeconds: 7200 })).to.deep.equal({
            settings: { threshold: 0.9, periodSeconds: 7200, evaluationPeriods: 12, datapointsToAlarm: 12 },
        });
    });

    const refused: [string, Parameters<typeof resolveMonitoring>[0], unknown, string][] = [
        ["a monitoring that is not an object", "FixedConcurrency", true, "monitoring must be an object (give {} for the defaults), got true"],
        ["a misspelt key", "FixedConcurrency", { spilover: {} }, 'monitoring has no setting "spilover" (did you mean "spillover"?)'],
        [
            "an unknown key far from any",
            "FixedConcurrency",
            { pager: "x" },
            'monitoring has no setting "pager"; known: alarmActions, okActions, spillover, ceiling, lowUtilization, warmerShortfall, warmerFailures, dashboard',
        ],
        [
            "an alarm of another component",
            "FixedConcurrency",
            { ceiling: {} },
            "monitoring.ceiling applies to ScheduledConcurrency and UtilizationScaling, not to FixedConcurrency (its alarms: spillover, lowUtilization)",
        ],
        [
            "a warmer alarm on a scaling component",
            "UtilizationScaling",
            { warmerShortfall: { enabled: false } },
            "monitoring.warmerShortfall applies to LambdaWarmer, not to UtilizationScaling (its alarms: spillover, ceiling)",
        ],
        ["a misspelt alarm setting", "FixedConcurrency", { spillover: { treshold: 1 } }, 'monitoring.spillover has no setting "treshold" (did you mean "threshold"?)'],
        ["settings that are not an object", "FixedConcurrency", { spillover: 3 }, "monitoring.spillover must be an object of alarm settings (or left out), got 3"],
        ["enabled that is not a boolean", "FixedConcurrency", { spillover: { enabled: "no" } }, 'monitoring.spillover.enabled must be true or false, got "no"'],
        ["a negative count threshold", "FixedConcurrency", { spillover: { threshold: -1 } }, "monitoring.spillover.threshold is a count: 0 or more, got -1"],
        ["a threshold that is not a number", "FixedConcurrency", { spillover: { threshold: "1" } }, 'monitoring.spillover.threshold must be a number, got "1"'],
        [
            "a utilization given as a percentage",
            "UtilizationScaling",
            { ceiling: { threshold: 95 } },
            "monitoring.ceiling.threshold is a utilization: a fraction above 0 and at most 1, got 95 (a fraction: did you mean 0.95?)",
        ],
        [
            "a utilization of 0",
            "FixedConcurrency",
            { lowUtilization: { threshold: 0 } },
            "monitoring.lowUtilization.threshold is a utilization: a fraction above 0 and at most 1, got 0",
        ],
        ["a period shorter than a minute", "FixedConcurrency", { spillover: { periodSeconds: 30 } }, "monitoring.spillover.periodSeconds must be a whole number, at least 60, got 30"],
        [
            "a period that is not whole minutes",
            "FixedConcurrency",
            { spillover: { periodSeconds: 90 } },
            "monitoring.spillover.periodSeconds must be a whole number of minutes (a multiple of 60): the Lambda metrics have one-minute resolution, got 90",
        ],
        ["a period over a day", "FixedConcurrency", { lowUtilization: { periodSeconds: 172800 } }, "monitoring.lowUtilization.periodSeconds must be at most 86400 (a day), got 172800"],
        [
            "an evaluation over a day",
            "FixedConcurrency",
            { spillover: { periodSeconds: 3600, evaluationPeriods: 25 } },
            "monitoring.spillover: periodSeconds times evaluationPeriods must be at most 86400 (CloudWatch evaluates at most a day), got 3600 x 25 = 90000",
        ],
        ["zero evaluation periods", "FixedConcurrency", { spillover: { evaluationPeriods: 0 } }, "monitoring.spillover.evaluationPeriods must be a whole number, at least 1, got 0"],
        [
            "more datapoints than periods",
            "FixedConcurrency",
            { spillover: { evaluationPeriods: 2, datapointsToAlarm: 3 } },
            "monitoring.spillover.datapointsToAlarm (3) must not be above evaluationPeriods (2)",
        ],
        ["a fractional datapoint count", "FixedConcurrency", { spillover: { datapointsToAlarm: 1.5 } }, "monitoring.spillover.datapointsToAlarm must be a whole number, at least 1, got 1.5"],
        ["actions that are not a list", "FixedConcurrency", { alarmActions: TOPIC }, `monitoring.alarmActions must be an array of SNS topic ARNs, got "${TOPIC}"`],
        [
            "six actions",
            "FixedConcurrency",
            { okActions: [TOPIC, TOPIC, TOPIC, TOPIC, TOPIC, TOPIC] },
            "monitoring.okActions lists 6 topics; CloudWatch takes at most 5 per alarm state",
        ],
        [
            "an action that is not an SNS topic",
            "FixedConcurrency",
            { alarmActions: ["arn:aws:lambda:us-east-1:123456789012:function:pager"] },
            'monitoring.alarmActions[0] must be an SNS topic ARN (arn:aws:sns:REGION:ACCOUNT_ID:TOPIC_NAME), got "arn:aws:lambda:us-east-1:123456789012:function:pager"',
        ],
        ["an action that is a number", "FixedConcurrency", { alarmActions: [7] }, "monitoring.alarmActions[0] must be an SNS topic ARN, got 7"],
        ["a dashboard flag that is not a boolean", "FixedConcurrency", { dashboard: "yes" }, 'monitoring.dashboard must be true or false, got "yes"'],
    ];
    for (const [what, component, given, message] of refused) {
        it(`refuses ${what}`, () => {
            expect(resolveMonitoring(component, given)).to.deep.equal({ error: message });
        });
    }

    it("leaves an action that is an Output for the component to check when it resolves", () => {
        const later = pulumi.output(TOPIC);
        const resolved = resolveMonitoring("FixedConcurrency", { alarmActions: [later] });
        expect("monitoring" in resolved && resolved.monitoring?.alarmActions[0]).to.equal(later);
    });

    describe("validateTopicArn", () => {
        for (const arn of [TOPIC, "arn:aws-cn:sns:cn-north-1:123456789012:alerts", "arn:aws-us-gov:sns:us-gov-west-1:123456789012:a_b-c.fifo"]) {
            it(`accepts ${arn}`, () => expect(validateTopicArn(arn, "a")).to.equal(undefined));
        }
        for (const arn of [
            "arn:aws:sns:us-east-1:123456789012:",
            "arn:aws:sns:us-east-1:12345:on-call",
            "arn:aws:sns:us-east-1:123456789012:on call",
            "arn:aws:sqs:us-east-1:123456789012:queue",
            `arn:aws:sns:us-east-1:123456789012:${"t".repeat(257)}`,
        ]) {
            it(`refuses ${arn.slice(0, 60)}`, () =>
                expect(validateTopicArn(arn, "a")).to.equal(`a must be an SNS topic ARN (arn:aws:sns:REGION:ACCOUNT_ID:TOPIC_NAME), got "${arn}"`));
        }
    });
});
