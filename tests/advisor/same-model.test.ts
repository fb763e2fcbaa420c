// The advisor's tracking strategy models UtilizationScaling as the package builds it: the same target utilization,
// the same statistic, and the same idle behaviour (no scale-in without traffic). These tests tie the two together.
import { expect } from "chai";
import { advise, businessHoursTraffic, UtilizationScalingArgs } from "../../advisor";
import { perMinuteTraffic } from "../../advisor/traffic";
import { simulate } from "../../advisor/simulator";
import { UtilizationScaling, UtilizationScalingArgs as UtilizationScalingComponentArgs } from "../../components";
import {
    DEFAULT_SCALE_IN_WHEN_IDLE,
    DEFAULT_TARGET_UTILIZATION,
    DEFAULT_UTILIZATION_STATISTIC,
} from "../../components/utilization-defaults";
import { ofType, resetProgram, settled } from "../helpers/pulumi";

const DAY = 24 * 3_600_000;

describe("advisor and UtilizationScaling: one model", () => {
    beforeEach(resetProgram);

    const advice = advise({
        traffic: businessHoursTraffic(8, 0.5, 2 * DAY),
        fn: { memoryMb: 1024, architecture: "x86_64", initMs: 900, duration: { medianMs: 150, p95Ms: 200 } },
        strategies: ["tracking"],
        goal: { maxColdStartFraction: 0.0005 },
        target: { functionName: "orders", qualifier: "live" },
    });
    const tracking = advice.strategies[0];
    const args = tracking.args as UtilizationScalingArgs;

    it("the tracking strategy uses the component's defaults: 0.7, Maximum, no scale-in when idle", () => {
        expect(DEFAULT_TARGET_UTILIZATION).to.equal(0.7);
        expect(DEFAULT_UTILIZATION_STATISTIC).to.equal("Maximum");
        expect(DEFAULT_SCALE_IN_WHEN_IDLE).to.equal(false);
        expect(args.targetUtilization).to.equal(DEFAULT_TARGET_UTILIZATION);
        expect(args.statistic).to.equal(DEFAULT_UTILIZATION_STATISTIC);
        expect(args).to.not.have.property("scaleInWhenIdle");
        expect(tracking.configuration).to.match(/ at 70% \(Maximum\)/);
    });

    it("its arguments build the same policy as a UtilizationScaling given none of those settings", async () => {
        // The advisor's arguments are the component's, as they are: no copy, no cast (checked by tsc).
        const componentArgs: UtilizationScalingComponentArgs = args;
        new UtilizationScaling("advised", componentArgs);
        new UtilizationScaling("defaults", { functionName: "orders-b", qualifier: "live", minCapacity: args.minCapacity, maxCapacity: args.maxCapacity });
        const policies = ofType(await settled(), "aws:appautoscaling/policy:Policy");
        const config = (i: number) => policies[i].inputs.targetTrackingScalingPolicyConfiguration as Record<string, unknown>;
        const metric = (i: number) => config(i).customizedMetricSpecification as Record<string, unknown>;
        expect(config(0).targetValue).to.equal(config(1).targetValue);
        expect(metric(0).statistic).to.equal("Maximum");
        expect(metric(1).statistic).to.equal("Maximum");
        // No FILL: without traffic there is no datapoint, and target tracking does not scale in, as the simulator does.
        expect(metric(0)).to.not.have.property("metrics");
        expect(metric(0).metricName).to.equal("ProvisionedConcurrencyUtilization");
    });

    it("the simulator keeps the capacity through silence, as that policy does", () => {
        const burstThenSilence = new Float64Array(60);
        burstThenSilence.fill(20, 0, 10);
        const fn = { memoryMb: 1024, initMs: 1000, duration: { medianMs: 500, p95Ms: 500 } };
        const result = simulate({
            traffic: perMinuteTraffic(burstThenSilence),
            fn,
            plan: {
                initialCapacity: 1,
                tracking: { targetUtilization: DEFAULT_TARGET_UTILIZATION, statistic: DEFAULT_UTILIZATION_STATISTIC, minCapacity: 1, maxCapacity: 40 },
            },
            seed: 1,
        });
        const levels = Array.from(result.series.configuredCapacity);
        expect(Math.max(...levels)).to.be.greaterThan(1);
        expect(levels[levels.length - 1]).to.equal(Math.max(...levels));
    });
});

describe("advisor arguments are the components' arguments", () => {
    it("each kind the advisor emits type-checks as its component's arguments, without a copy or a cast", () => {
        // Compile-time: tsc fails this file if an advisor type stops being assignable to its component's.
        const fixed: import("../../components").FixedConcurrencyArgs = {} as import("../../advisor").FixedConcurrencyArgs;
        const scheduled: import("../../components").ScheduledConcurrencyArgs = {} as import("../../advisor").ScheduledConcurrencyArgs;
        const scaling: UtilizationScalingComponentArgs = {} as UtilizationScalingArgs;
        const warmer: import("../../components").LambdaWarmerArgs = {} as import("../../advisor").LambdaWarmerArgs;
        expect([fixed, scheduled, scaling, warmer].length).to.equal(4);
    });
});
