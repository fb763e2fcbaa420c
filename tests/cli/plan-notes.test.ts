// The capacity timeline and policy lines the plan prints under Application Auto Scaling resources.
import { expect } from "chai";
import { capacityWeekNotes, describeWeekdays, provisionedConcurrencyNotes, summarizeWeek, trackingPolicyNotes, wallClock } from "../../cli/plan-notes";
import { NO_OPTIONS, RecordedResource } from "../../cli/mock-aws";

const MONDAY = new Date("2026-11-30T00:00:00Z");

function recorded(type: string, name: string, inputs: Record<string, unknown>): RecordedResource {
    return { type, name, urn: `urn:${name}`, custom: true, inputs, state: {}, dependencies: [], options: NO_OPTIONS };
}

const target = recorded("aws:appautoscaling/target:Target", "t", { resourceId: "function:f:live", minCapacity: 2, maxCapacity: 10 });
const action = (name: string, schedule: string, min: number, max: number, extra: Record<string, unknown> = {}): RecordedResource =>
    recorded("aws:appautoscaling/scheduledAction:ScheduledAction", `t-${name}`, {
        name,
        schedule,
        resourceId: "function:f:live",
        scalableTargetAction: { minCapacity: min, maxCapacity: max },
        ...extra,
    });

describe("plan notes", () => {
    it("reads wall clocks in a time zone", () => {
        expect(wallClock(MONDAY, "UTC")).to.deep.equal({ weekday: 0, time: "00:00", date: "2026-11-30" });
        expect(wallClock(MONDAY, "America/New_York")).to.deep.equal({ weekday: 6, time: "19:00", date: "2026-11-29" });
    });

    it("names sets of weekdays", () => {
        expect(describeWeekdays([0, 1, 2, 3, 4, 5, 6])).to.equal("daily");
        expect(describeWeekdays([4, 0, 1, 2, 3])).to.equal("Mon-Fri");
        expect(describeWeekdays([5, 6])).to.equal("Sat, Sun");
        expect(describeWeekdays([0, 2])).to.equal("Mon, Wed");
    });

    it("folds the day and night example into two daily lines, starting from the bounds in force now", () => {
        const all = [target, action("day", "cron(0 8 * * ? *)", 10, 10), action("night", "cron(0 18 * * ? *)", 2, 2)];
        expect(capacityWeekNotes(target, all, MONDAY)).to.deep.equal([
            "capacity over a week, once the schedules have run (UTC):",
            "  from 2026-11-30  min  2  max  2",
            "  daily 08:00      min 10  max 10  (day)",
            "  daily 18:00      min  2  max  2  (night)",
        ]);
    });

    it("folds business hours into weekday lines in the schedules' time zone", () => {
        const all = [
            target,
            action("open", "cron(0 8 ? * MON-FRI *)", 10, 50, { timezone: "Europe/Paris" }),
            action("close", "cron(0 19 ? * MON-FRI *)", 1, 5, { timezone: "Europe/Paris" }),
        ];
        const wide = { ...target, inputs: { ...target.inputs, minCapacity: 1, maxCapacity: 50 } };
        expect(capacityWeekNotes(wide, all, MONDAY)).to.deep.equal([
            "capacity over a week, once the schedules have run (Europe/Paris):",
            "  from 2026-11-30  min  1  max  5",
            "  Mon-Fri 08:00    min 10  max 50  (open)",
            "  Mon-Fri 19:00    min  1  max  5  (close)",
        ]);
    });

    it("shows a one-off action with its date, and a target without actions in one line", () => {
        const all = [target, action("launch", "at(2026-12-02T09:30:00)", 8, 10)];
        expect(capacityWeekNotes(target, all, MONDAY)).to.deep.equal([
            "capacity over a week, once the schedules have run (UTC):",
            "  from 2026-11-30       min 2  max 10",
            "  Wed 2026-12-02 09:30  min 8  max 10  (launch)",
        ]);
        expect(capacityWeekNotes(target, [target], MONDAY)).to.deep.equal(["capacity: 2 to 10 all week (no scheduled actions)"]);
    });

    it("marks an action that cannot apply", () => {
        const steps = summarizeWeek(
            [
                { at: MONDAY, min: 1, max: 5, by: "initial" },
                { at: new Date("2026-12-01T08:00:00Z"), min: 1, max: 5, by: "raise-min", failed: "new min 10 is above the current max 5; set maxCapacity in the same action" },
            ],
            "UTC",
        );
        expect(steps).to.deep.equal([
            "from 2026-11-30       min 1  max 5",
            "Tue 2026-12-01 08:00  min 1  max 5  (raise-min FAILED: new min 10 is above the current max 5; set maxCapacity in the same action)",
        ]);
    });

    it("says who owns a configuration's count and how it is replaced", () => {
        const config = (options: Partial<RecordedResource["options"]>): RecordedResource => ({
            ...recorded("aws:lambda/provisionedConcurrencyConfig:ProvisionedConcurrencyConfig", "c", {}),
            options: { ...NO_OPTIONS, ...options },
        });
        expect(provisionedConcurrencyNotes(config({}))).to.deep.equal([
            "on replacement (new version, qualifier or function): the new configuration is created first, then the old one deleted",
        ]);
        expect(provisionedConcurrencyNotes(config({ ignoreChanges: ["provisionedConcurrentExecutions"], deleteBeforeReplace: true }))).to.deep.equal([
            "count: what the schedules have in force when created; from then on Application Auto Scaling sets it",
            "on replacement (new version, qualifier or function): the old configuration is deleted first",
        ]);
    });

    it("says what a tracking policy follows", () => {
        const policy = (config: Record<string, unknown>): RecordedResource =>
            recorded("aws:appautoscaling/policy:Policy", "p", { targetTrackingScalingPolicyConfiguration: config });
        expect(trackingPolicyNotes(policy({ targetValue: 0.8, predefinedMetricSpecification: { predefinedMetricType: "LambdaProvisionedConcurrencyUtilization" } }))).to.deep.equal([
            "tracks LambdaProvisionedConcurrencyUtilization (the minute's Average) at 0.8",
        ]);
        expect(
            trackingPolicyNotes(
                policy({
                    targetValue: 0.7,
                    customizedMetricSpecification: { metrics: [{ id: "u", metricStat: { stat: "Maximum" } }, { id: "z", expression: "FILL(u, 0)" }] },
                }),
            ),
        ).to.deep.equal(["tracks ProvisionedConcurrencyUtilization (Maximum) through FILL(u, 0) (idle scale-in, unverified in AWS) at 0.7"]);
        expect(trackingPolicyNotes(policy({ targetValue: 0.5, customizedMetricSpecification: { statistic: "Maximum" } }))).to.deep.equal([
            "tracks ProvisionedConcurrencyUtilization (Maximum) at 0.5",
        ]);
    });
});

describe("plan notes: IAM policies", () => {
    it("lists each statement's actions and first resources", async () => {
        const { policyDocumentNotes } = await import("../../cli/plan-notes");
        const arns = Array.from({ length: 5 }, (_, i) => `arn:aws:lambda:us-east-1:123456789012:function:f${i}`);
        const policy = recorded("aws:iam/policy:Policy", "p", {
            policy: JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "lambda:InvokeFunction", Resource: arns }] }),
        });
        expect(policyDocumentNotes(policy)).to.deep.equal([
            "Allow lambda:InvokeFunction on:",
            `    ${arns[0]}`,
            `    ${arns[1]}`,
            `    ${arns[2]}`,
            "    ... and 2 more",
        ]);
        expect(policyDocumentNotes(recorded("aws:iam/policy:Policy", "q", { policy: "nope" }))).to.deep.equal(["policy: (not JSON)"]);
    });
});
