// The capacity timeline and policy lines the plan prints under Application Auto Scaling resources.
import { expect } from "chai";
import {
    capacityWeekNotes,
    describeWeekdays,
    formatCost,
    plainFunctionName,
    planCost,
    policyDocumentNotes,
    prewarmOrderNotes,
    provisionedConcurrencyNotes,
    runsPerMonth,
    summarizeWeek,
    trackingPolicyNotes,
    wallClock,
    warmAliasNotes,
} from "../../cli/plan-notes";
import { NO_OPTIONS, RecordedResource } from "../../testing/mock-aws";

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
    it("lists each statement's actions and first resources", () => {
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

describe("plan notes: the warm-up's order", () => {
    const alias = { ...recorded("aws:lambda/alias:Alias", "orders-live", {}), urn: "urn:alias", state: { name: "live", functionName: "orders" } };
    const invocation = (dependencies: string[], qualifier = "live"): RecordedResource => ({
        ...recorded("aws:lambda/invocation:Invocation", "w-prewarm-0", {
            input: JSON.stringify({ targets: [{ functionName: "arn:aws:lambda:us-east-1:123456789012:function:orders", qualifier, concurrency: 1 }] }),
        }),
        dependencies,
    });

    it("warns when the warm-up does not wait for the alias it pings", () => {
        expect(prewarmOrderNotes(invocation([]), [alias])).to.deep.equal([
            'warning: the warm-up invokes orders:live but does not depend on the Alias "orders-live" that creates "live" (the qualifier is a plain string): it may run before the alias exists, and fail. Give the target the Alias\'s Output (qualifier: <alias>.name)',
        ]);
    });

    it("says nothing when it waits for the alias, pings a version, or the alias is not in the program", () => {
        expect(prewarmOrderNotes(invocation(["urn:alias"]), [alias])).to.deep.equal([]);
        expect(prewarmOrderNotes(invocation([], "3"), [alias])).to.deep.equal([]);
        expect(prewarmOrderNotes(invocation([]), [])).to.deep.equal([]);
        expect(prewarmOrderNotes(recorded("aws:lambda/invocation:Invocation", "x", { input: "not json" }), [alias])).to.deep.equal([]);
    });

    it("reads plain names from names and ARNs", () => {
        expect(plainFunctionName("orders")).to.equal("orders");
        expect(plainFunctionName("arn:aws:lambda:us-east-1:123456789012:function:orders")).to.equal("orders");
        expect(plainFunctionName("arn:aws:lambda:us-east-1:123456789012:function:orders:live")).to.equal("orders");
        expect(plainFunctionName("123456789012:function:orders")).to.equal("orders");
    });
});

describe("plan notes: the cost", () => {
    const component = (type: string, name: string): RecordedResource => ({ ...recorded(type, name, {}), urn: `urn:${name}`, custom: false });
    const config = (parent: string, functionName: string, count: number, scaled: boolean): RecordedResource => ({
        ...recorded("aws:lambda/provisionedConcurrencyConfig:ProvisionedConcurrencyConfig", parent, {
            functionName,
            qualifier: "live",
            provisionedConcurrentExecutions: count,
        }),
        parent: `urn:${parent}`,
        options: { ...NO_OPTIONS, ignoreChanges: scaled ? ["provisionedConcurrentExecutions"] : [] },
    });
    const fn = (name: string, memorySize: number, architecture: string): RecordedResource => ({
        ...recorded("aws:lambda/function:Function", name, { memorySize, architectures: [architecture] }),
        state: { name, arn: `arn:aws:lambda:us-east-1:123456789012:function:${name}` },
    });
    const api = fn("api-1", 1024, "x86_64");
    const fixed = [api, component("lambda-concurrency:index:FixedConcurrency", "warm"), config("warm", "api-1", 2, false)];
    const clockTarget = recorded("aws:appautoscaling/target:Target", "clock-target", { resourceId: "function:f:live", minCapacity: 2, maxCapacity: 10 });
    const scheduled = [
        component("lambda-concurrency:index:ScheduledConcurrency", "clock"),
        config("clock", "f", 2, true),
        clockTarget,
        action("day", "cron(0 8 * * ? *)", 10, 10),
        action("night", "cron(0 18 * * ? *)", 2, 2),
    ];
    const tracking = [
        component("lambda-concurrency:index:UtilizationScaling", "load"),
        config("load", "g", 1, true),
        recorded("aws:appautoscaling/target:Target", "load-target", { resourceId: "function:g:live", minCapacity: 1, maxCapacity: 10 }),
    ];
    const warmer = (state: string): RecordedResource[] => [
        { ...component("lambda-concurrency:index:LambdaWarmer", "w"), urn: "urn:w" },
        fn("w-fn", 128, "arm64"),
        { ...recorded("aws:cloudwatch/eventRule:EventRule", "w-schedule", { scheduleExpression: "rate(1 hour)", state }), parent: "urn:w", state: { name: "w-schedule-x" } },
        {
            ...recorded("aws:cloudwatch/eventTarget:EventTarget", "w-plan-0", {
                rule: "w-schedule-x",
                arn: "arn:aws:lambda:us-east-1:123456789012:function:w-fn",
                input: JSON.stringify({ targets: [{ functionName: "api-1", concurrency: 5 }], maxParallelism: 50 }),
            }),
            parent: "urn:w",
        },
    ];

    it("prices fixed environments with the function's memory and architecture, all month", () => {
        const cost = planCost(fixed, MONDAY);
        expect(cost.items).to.deep.equal([
            { owner: 'FixedConcurrency "warm"', description: "2 environments on api-1:live x 1024 MB x86_64, all month", low: cost.items[0].low, high: cost.items[0].low },
        ]);
        expect(cost.items[0].low).to.be.closeTo(2 * 1 * 730 * 3600 * 0.0000041667, 1e-9);
        expect(formatCost(cost, "us-east-1")).to.deep.equal([
            "Cost per month (730 hours), at us-east-1 prices (AWS Lambda pricing page, read 2026-11-23):",
            '  FixedConcurrency "warm": 2 environments on api-1:live x 1024 MB x86_64, all month: $21.90',
            "  Total: $21.90 a month, before the requests and duration of the functions' own traffic",
        ]);
    });

    it("prices a schedule's week, and a tracking component's bounds as a range, assuming 128 MB for a function not in the program", () => {
        const cost = planCost([...scheduled, ...tracking], MONDAY);
        // 10 environments from 08:00 to 18:00 and 2 otherwise: 5.33 on average.
        expect(cost.items[0].low).to.be.closeTo(((10 * 10 + 2 * 14) / 24) * 0.125 * 730 * 3600 * 0.0000041667, 1e-9);
        expect(formatCost(cost, "eu-west-1")).to.deep.equal([
            "Cost per month (730 hours), at us-east-1 prices (AWS Lambda pricing page, read 2026-11-23; eu-west-1's may differ):",
            '  ScheduledConcurrency "clock": 5.3 environments on average (the week\'s bounds above) on f:live x 128 MB x86_64 (memory unknown, assumed 128 MB): $7.30',
            '  UtilizationScaling "load": 1 to 10 environments (the target\'s bounds; tracking decides within them) on g:live x 128 MB x86_64 (memory unknown, assumed 128 MB): $1.37 to $13.69',
            "  Total: $8.67 to $20.99 a month, before the requests and duration of the functions' own traffic",
        ]);
    });

    it("prices a warmer's invocations, its pings and the metrics its log lines make, and nothing for a disabled one", () => {
        expect(formatCost(planCost([api, ...warmer("ENABLED")], MONDAY), "us-east-1")).to.deep.equal([
            "Cost per month (730 hours), at us-east-1 prices (AWS Lambda pricing page, read 2026-11-23; CloudWatch pricing page, read 2026-12-01):",
            '  LambdaWarmer "w": 730 runs a month (rate(1 hour)) x 1 invocation of ~300 ms (estimate) x 128 MB arm64: under $0.01',
            '  LambdaWarmer "w": 3,650 pings a month, held ~200 ms each (the runtime library\'s default) x 1024 MB x86_64: $0.01',
            "  LambdaWarmer \"w\": 7 CloudWatch custom metrics (7 per target, from the warmer's log lines) x $0.30: $2.10",
            "  Total: $2.11 a month, before the requests and duration of the functions' own traffic",
        ]);
        expect(formatCost(planCost([api, ...warmer("DISABLED")], MONDAY), "us-east-1")).to.deep.equal([
            "Cost per month (730 hours), at us-east-1 prices (AWS Lambda pricing page, read 2026-11-23):",
            '  LambdaWarmer "w": 0 runs a month (rate(1 hour), disabled) x 1 invocation of ~300 ms (estimate) x 128 MB arm64: $0.00',
            "  Total: $0.00 a month, before the requests and duration of the functions' own traffic",
        ]);
    });

    it("counts a schedule's runs a month", () => {
        expect(runsPerMonth("rate(5 minutes)", MONDAY)).to.equal(8760);
        expect(runsPerMonth("rate(1 day)", MONDAY)).to.be.closeTo(730 / 24, 1e-9);
        expect(runsPerMonth("cron(0 9 ? * MON-FRI *)", MONDAY)).to.be.closeTo((5 * 730) / 168, 1e-9);
        expect(runsPerMonth("whenever", MONDAY)).to.equal(undefined);
    });

    it("prints nothing when nothing costs by the hour or by schedule", () => {
        expect(formatCost(planCost([api], MONDAY), "us-east-1")).to.deep.equal([]);
    });
});

describe("plan notes: policy documents given as objects", () => {
    it("reads them as the provider sends them", () => {
        const policy = recorded("aws:iam/rolePolicy:RolePolicy", "p", {
            policy: { Version: "2012-10-17", Statement: { Effect: "Allow", Action: ["logs:PutLogEvents"], Resource: "*" } },
        });
        expect(policyDocumentNotes(policy)).to.deep.equal(["Allow logs:PutLogEvents on:", "    *"]);
    });
});

describe("plan notes: a WarmAlias's deploys", () => {
    const WARM = "lambda-concurrency:index:WarmAlias";
    const child = (type: string, name: string, parent: string, inputs: Record<string, unknown>): RecordedResource => ({
        ...recorded(type, name, inputs),
        urn: `urn:${type}:${name}`,
        parent,
        custom: !type.startsWith("lambda-concurrency:"),
    });
    const api: RecordedResource = {
        ...recorded("aws:lambda/function:Function", "api", { memorySize: 1024, architectures: ["x86_64"] }),
        state: { name: "api-1", arn: "arn:aws:lambda:us-east-1:123456789012:function:api-1" },
    };
    const component: RecordedResource = { ...recorded(WARM, "live", {}), urn: `urn:pulumi:stack::project::${WARM}::live`, custom: false };
    const alias = child("aws:lambda/alias:Alias", "live", component.urn, { name: "live", functionName: "api-1", functionVersion: "1" });
    function deployed(capacityType: string, count: number, maxCapacity: number): RecordedResource[] {
        // Each version's configuration under its own component, named by the version: the live one's, and another's
        // (a canary's, or what a deploy is about to delete), which the notes do not read.
        const versionCapacity = (version: string, environments: number): RecordedResource[] => {
            const capacity = child(capacityType, `live-v${version}`, component.urn, {});
            return [
                capacity,
                child("aws:lambda/provisionedConcurrencyConfig:ProvisionedConcurrencyConfig", `live-v${version}`, capacity.urn, {
                    functionName: "api-1",
                    qualifier: version,
                    provisionedConcurrentExecutions: environments,
                }),
                child("aws:appautoscaling/target:Target", `live-v${version}-target`, capacity.urn, {
                    resourceId: `function:api-1:${version}`,
                    minCapacity: environments,
                    maxCapacity: Math.max(environments, maxCapacity),
                }),
            ];
        };
        return [api, component, ...versionCapacity("2", 7), ...versionCapacity("1", count), alias];
    }

    it("a fixed count: the order of a deploy, and the overlap of that many environments", () => {
        expect(warmAliasNotes(alias, deployed("lambda-concurrency:index:FixedConcurrency", 2, 2))).to.deep.equal([
            "on a new version: its 2 environments are created and reported allocated, then the alias moves, then the old version's are deleted; a version not fully allocated stops `pulumi up` before the alias moves",
            "overlap per deploy: 2 more environments while both exist, billed 5 minutes at least: under $0.01, then $0.03 an hour (1024 MB x86_64)",
        ]);
    });

    it("scaling: the live count carried within the bounds in force, and the overlap as a range from the minimum to the maximum", () => {
        expect(warmAliasNotes(alias, deployed("lambda-concurrency:index:UtilizationScaling", 2, 20))).to.deep.equal([
            "on a new version: it starts with the environments scaling has on the live version (read from AWS at `pulumi up`), kept within the bounds in force (now 2 to 20); they are created and reported allocated, then the alias moves, then the old version's configuration, target and policy are deleted; a version without the minimum allocated stops `pulumi up` before the alias moves",
            "overlap per deploy: as many more environments as the live version has (now 2 to 20) while both exist, billed 5 minutes at least: under $0.01 to $0.03, then $0.03 to $0.30 an hour (1024 MB x86_64)",
        ]);
    });

    it("a canary beside a version that scales: its own fixed count, and the promotion raising it to the live count", () => {
        const withCanary = deployed("lambda-concurrency:index:UtilizationScaling", 2, 20).map((r) =>
            r === component ? { ...component, inputs: { canary: { weight: 0.05, provisionedConcurrentExecutions: 3 } } } : r,
        );
        expect(warmAliasNotes(alias, withCanary)).to.deep.equal([
            "on a new version: a canary first: its 3 environments (a fixed count) are created and reported allocated, then the alias sends it 5% of the invocations while the live version keeps scaling (now 2 to 20); leave `canary` out to promote it (its count is raised to the live version's, read from AWS, before the alias moves, and scaled from then on), ship another version to replace it",
            "while a canary runs: 3 more environments: $0.05 an hour, billed 5 minutes at least (1024 MB x86_64)",
        ]);
    });

    it("a canary: the canary's steps, and what its environments cost an hour while it runs (its own count, or the live one's)", () => {
        const withCanary = (canary: Record<string, unknown>): RecordedResource[] =>
            deployed("lambda-concurrency:index:FixedConcurrency", 2, 2).map((r) => (r === component ? { ...component, inputs: { canary } } : r));
        expect(warmAliasNotes(alias, withCanary({ weight: 0.1 }))).to.deep.equal([
            "on a new version: a canary first: its 2 environments are created and reported allocated, then the alias sends it 10% of the invocations while the live version keeps its 2; leave `canary` out to promote it (the alias moves, the old version's environments are deleted), ship another version to replace it",
            "while a canary runs: 2 more environments: $0.03 an hour, billed 5 minutes at least (1024 MB x86_64)",
        ]);
        expect(warmAliasNotes(alias, withCanary({ weight: 0.125, provisionedConcurrentExecutions: 1 }))[0]).to.match(/^on a new version: a canary first: its 1 environments .* sends it 12\.5% of the invocations while the live version keeps its 2;/);
    });

    it("says nothing under an alias that is not a WarmAlias's", () => {
        expect(warmAliasNotes({ ...alias, parent: undefined }, deployed("lambda-concurrency:index:FixedConcurrency", 2, 2))).to.deep.equal([]);
    });
});

