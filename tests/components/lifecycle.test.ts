// The components' whole life in AWS, offline: each program is run under the AWS-like mocks, and what it declares goes
// through the lifecycle model (tests/helpers/lifecycle: the Pulumi engine's step order and what AWS does for each
// call). After every removal and destroy no provisioned concurrency may remain; after every change of mind, what the
// new program declares must exist in AWS, and nothing Pulumi believes in may be missing.
import { expect } from "chai";
import * as pulumi from "@pulumi/pulumi";
import { FixedConcurrency, LambdaWarmer, ScheduledConcurrency, ScheduleArgs, UtilizationScaling } from "../../components";
import { AwsError, AwsModel, leftovers, missingInAws, objectKeys, provisionedConcurrency } from "../helpers/lifecycle/aws-model";
import { deployed, destroy, refresh, up } from "../helpers/lifecycle/engine";
import { declaredBy } from "../helpers/lifecycle/from-mocks";
import { OperationResult, StackState, TYPES, emptyState } from "../helpers/lifecycle/types";
import { resetProgram } from "../helpers/pulumi";
import { autoName } from "../../testing/mock-aws";

const NOON = new Date("2026-12-01T12:00:00Z");
const EVENING = new Date("2026-12-01T20:00:00Z");
const DAY_AND_NIGHT: ScheduleArgs[] = [
    { name: "day", schedule: "cron(0 8 * * ? *)", capacity: 10 },
    { name: "night", schedule: "cron(0 18 * * ? *)", capacity: 2 },
];
const ORDERS_LIVE = "function:orders:live";

/** An account with the function `orders` (deployed elsewhere: the stack uses it by name), versions 1 and 2, `live` at 2. */
function account(options: { reservedConcurrentExecutions?: number; aliases?: Record<string, string> } = {}): AwsModel {
    const aws = new AwsModel();
    aws.addFunction("orders", {
        versions: ["1", "2"],
        aliases: options.aliases ?? { live: "2", blue: "1" },
        reservedConcurrentExecutions: options.reservedConcurrentExecutions,
    });
    return aws;
}


/** The steps of one operation, as `op urn-suffix`, for exact assertions. */
function steps(result: OperationResult): string[] {
    // Components have no AWS effect; their URNs have no parent type ("$").
    return result.steps.filter((s) => s.op !== "same" && s.urn.includes("$")).map((s) => `${s.op} ${s.urn.slice(s.urn.lastIndexOf("$") + 1)}`);
}

/** Every AWS call of one operation. */
function calls(result: OperationResult): string[] {
    return result.steps.flatMap((s) => s.awsCalls);
}

/** Nothing Pulumi believes in is missing, and AWS holds exactly `expected` provisioned concurrency. */
function expectConsistent(state: StackState, aws: AwsModel, expected: { functionName: string; qualifier: string; count: number }[]): void {
    expect(missingInAws(state, aws).map((r) => r.urn)).to.deep.equal([]);
    expect(provisionedConcurrency(aws)).to.deep.equal(expected);
}

const fixed = (name: string, count = 5, qualifier = "live", extra: Partial<ConstructorParameters<typeof FixedConcurrency>[1]> = {}, opts = {}) => () =>
    new FixedConcurrency(name, { functionName: "orders", qualifier, provisionedConcurrentExecutions: count, ...extra }, opts);
const utilization = (name: string, opts = {}) => () =>
    new UtilizationScaling(name, { functionName: "orders", qualifier: "live", minCapacity: 1, maxCapacity: 10 }, opts);
const scheduled = (name: string, schedules = DAY_AND_NIGHT, opts = {}) => () =>
    new ScheduledConcurrency(name, { functionName: "orders", qualifier: "live", schedules }, opts);
const scheduledUtilization = (name: string) => () =>
    new UtilizationScaling(name, { functionName: "orders", qualifier: "live", minCapacity: 1, maxCapacity: 10, schedules: DAY_AND_NIGHT });

describe("lifecycle in AWS (model): nothing left billing", () => {
    afterEach(resetProgram);

    // What Application Auto Scaling did since the deployment: a burst scaled out, or a schedule moved the capacity.
    const burst = (aws: AwsModel): void => void aws.scaleTo(ORDERS_LIVE, 7);
    const evening = (aws: AwsModel): void => aws.runScheduledAction(ORDERS_LIVE, "night");
    for (const [what, program, scale, count] of [
        ["FixedConcurrency", fixed("api"), undefined, 5],
        ["ScheduledConcurrency", scheduled("api"), evening, 2],
        ["UtilizationScaling", utilization("api"), burst, 7],
        ["UtilizationScaling with schedules", scheduledUtilization("api"), evening, 2],
    ] as const) {
        const scaled = scale !== undefined;
        it(`${what}: removing it from the program, or destroying the stack, releases the capacity it had`, async () => {
            const aws = account();
            const before = objectKeys(aws);
            const state = deployed(emptyState(), await declaredBy(program), aws);
            scale?.(aws);
            expect(provisionedConcurrency(aws)).to.deep.equal([{ functionName: "orders", qualifier: "live", count }]);
            // Removed from the program: the configuration is deleted last, after the target.
            const removed = up(state, [], aws);
            expect(removed.error).to.equal(undefined);
            expect(provisionedConcurrency(aws)).to.deep.equal([]);
            expect(leftovers(aws, before)).to.deep.equal([]);
            if (scaled) {
                expect(calls(removed).filter((c) => /Deregister|DeleteProvisioned/.test(c))).to.deep.equal([
                    "DeregisterScalableTarget(function:orders:live)",
                    "DeleteProvisionedConcurrencyConfig(orders,live)",
                ]);
            }
            // The same through `pulumi destroy`.
            const again = account();
            const stack = deployed(emptyState(), await declaredBy(program), again);
            scale?.(again);
            expect(destroy(stack, again).error).to.equal(undefined);
            expect(provisionedConcurrency(again)).to.deep.equal([]);
            expect(leftovers(again, before)).to.deep.equal([]);
        });
    }

    it("a LambdaWarmer leaves nothing behind when removed", async () => {
        const aws = account();
        const before = objectKeys(aws);
        const state = deployed(emptyState(), await declaredBy(() => new LambdaWarmer("warmer", { targets: [{ functionName: "orders", qualifier: "blue", concurrency: 3 }] })), aws);
        expect(leftovers(aws, before).length).to.be.greaterThan(5);
        expect(up(state, [], aws).error).to.equal(undefined);
        expect(leftovers(aws, before)).to.deep.equal([]);
    });

    it("a LambdaWarmer removed and added again: its role is created under a new name, and what refers to the role follows it (found by a random sequence under the real engine)", async () => {
        const aws = account();
        const before = objectKeys(aws);
        const program = (): void => void new LambdaWarmer("warmer", { targets: [{ functionName: "orders", qualifier: "blue", concurrency: 3 }] });
        let state = deployed(emptyState(), await declaredBy(program), aws);
        state = deployed(state, [], aws);
        const again = up(state, await declaredBy(program), aws);
        expect(again.error).to.equal(undefined);
        expect(missingInAws(again.state, aws)).to.deep.equal([]);
        const role = again.state.resources.find((r) => r.type === "aws:iam/role:Role");
        expect(role?.outputs.name).to.not.equal(autoName("aws:iam/role:Role", "warmer-role"));
        const attachments = again.state.resources.filter((r) => r.type === "aws:iam/rolePolicyAttachment:RolePolicyAttachment");
        expect(attachments.map((a) => a.inputs.role)).to.deep.equal(attachments.map(() => role?.outputs.name));
        expect(destroy(again.state, aws).error).to.equal(undefined);
        expect(leftovers(aws, before)).to.deep.equal([]);
    });

    it("ScheduledConcurrency refuses nights at 0 before anything reaches AWS (issue 19, item 1)", () => {
        const nightsOff: ScheduleArgs[] = [DAY_AND_NIGHT[0], { name: "night", schedule: "cron(0 18 * * ? *)", capacity: 0 }];
        expect(() => new ScheduledConcurrency("api", { functionName: "orders", qualifier: "live", schedules: nightsOff })).to.throw(
            pulumi.ResourceError,
            'ScheduledConcurrency "api": schedules[1] ("night").capacity must be at least 1, got 0: at 0 Application Auto Scaling deletes',
        );
    });

    it("ScheduledConcurrency with nights at 1: a refresh at night keeps the configuration, and destroy after the morning action leaves nothing (issue 19, item 1)", async () => {
        const nightsLow: ScheduleArgs[] = [DAY_AND_NIGHT[0], { name: "night", schedule: "cron(0 18 * * ? *)", capacity: 1 }];
        const aws = account();
        const before = objectKeys(aws);
        let state = deployed(emptyState(), await declaredBy(scheduled("api", nightsLow), NOON), aws);
        aws.runScheduledAction(ORDERS_LIVE, "night");
        expect(provisionedConcurrency(aws)).to.deep.equal([{ functionName: "orders", qualifier: "live", count: 1 }]);
        state = refresh(state, aws).state;
        expect(state.resources.filter((r) => r.type === "aws:lambda/provisionedConcurrencyConfig:ProvisionedConcurrencyConfig").map((r) => r.outputs.provisionedConcurrentExecutions)).to.deep.equal([1]);
        aws.runScheduledAction(ORDERS_LIVE, "day");
        expect(provisionedConcurrency(aws)).to.deep.equal([{ functionName: "orders", qualifier: "live", count: 10 }]);
        expect(destroy(state, aws).error).to.equal(undefined);
        expect(provisionedConcurrency(aws)).to.deep.equal([]);
        expect(leftovers(aws, before)).to.deep.equal([]);
    });
});

describe("lifecycle in AWS (model): changing your mind wipes nothing", () => {
    afterEach(resetProgram);

    it("FixedConcurrency -> UtilizationScaling of the same name: the configuration and the target are kept, scaling resumed, the policy added", async () => {
        const aws = account();
        const state = deployed(emptyState(), await declaredBy(fixed("api", 5)), aws);
        expect(aws.suspendedScaling(ORDERS_LIVE)).to.deep.equal({ dynamicScalingInSuspended: true, dynamicScalingOutSuspended: true, scheduledScalingSuspended: true });
        const swap = up(state, await declaredBy(utilization("api")), aws);
        expect(swap.error).to.equal(undefined);
        expect(steps(swap)).to.deep.equal([
            "update aws:appautoscaling/target:Target::api-target",
            "create aws:appautoscaling/policy:Policy::api-tracking",
        ]);
        expect(aws.suspendedScaling(ORDERS_LIVE)).to.deep.equal({ dynamicScalingInSuspended: false, dynamicScalingOutSuspended: false, scheduledScalingSuspended: false });
        expect(calls(swap).filter((c) => c.includes("ProvisionedConcurrencyConfig"))).to.deep.equal([]);
        // The capacity stays at 5, inside the registered bounds 1 to 10, until tracking moves it.
        expectConsistent(swap.state, aws, [{ functionName: "orders", qualifier: "live", count: 5 }]);
        expect(aws.scalingOf(ORDERS_LIVE)).to.deep.equal({ policies: [autoName("aws:appautoscaling/policy:Policy", "api-tracking")], scheduledActions: [] });
        aws.scaleTo(ORDERS_LIVE, 8);
        expect(destroy(swap.state, aws).error).to.equal(undefined);
        expect(provisionedConcurrency(aws)).to.deep.equal([]);
    });

    it("FixedConcurrency -> ScheduledConcurrency of the same name: registering the target brings the capacity to the bounds in force", async () => {
        const aws = account();
        const state = deployed(emptyState(), await declaredBy(fixed("api", 5)), aws);
        const swap = up(state, await declaredBy(scheduled("api")), aws);
        expect(swap.error).to.equal(undefined);
        expect(calls(swap)).to.include("RegisterScalableTarget(function:orders:live,10,10)");
        expectConsistent(swap.state, aws, [{ functionName: "orders", qualifier: "live", count: 10 }]);
        expect(aws.scalingOf(ORDERS_LIVE).scheduledActions).to.deep.equal(["day", "night"]);
    });

    it("ScheduledConcurrency -> UtilizationScaling of the same name: the target and the actions of the same name are kept", async () => {
        const aws = account();
        const state = deployed(emptyState(), await declaredBy(scheduled("api")), aws);
        const swap = up(state, await declaredBy(scheduledUtilization("api")), aws);
        expect(swap.error).to.equal(undefined);
        expect(calls(swap).filter((c) => /Deregister|Delete/.test(c))).to.deep.equal([]);
        expectConsistent(swap.state, aws, [{ functionName: "orders", qualifier: "live", count: 10 }]);
        expect(aws.scalingOf(ORDERS_LIVE).scheduledActions).to.deep.equal(["day", "night"]);
        expect(aws.scalingOf(ORDERS_LIVE).policies).to.have.length(1);
    });

    it("UtilizationScaling -> FixedConcurrency of the same name: the configuration takes the fixed count, the target holds it with scaling suspended", async () => {
        const aws = account();
        const state = deployed(emptyState(), await declaredBy(utilization("api")), aws);
        aws.scaleTo(ORDERS_LIVE, 7);
        const swap = up(state, await declaredBy(fixed("api", 4)), aws);
        expect(swap.error).to.equal(undefined);
        // Scaling is suspended before the policy goes (deletes run last): tracking cannot act on the fixed count.
        expect(calls(swap).filter((c) => /ProvisionedConcurrency|ScalableTarget|Policy/.test(c))).to.deep.equal([
            "PutProvisionedConcurrencyConfig(orders,live,4)",
            "RegisterScalableTarget(function:orders:live,4,4)",
            `DeleteScalingPolicy(function:orders:live,${autoName("aws:appautoscaling/policy:Policy", "api-tracking")})`,
        ]);
        expectConsistent(swap.state, aws, [{ functionName: "orders", qualifier: "live", count: 4 }]);
        expect(aws.scalableTarget(ORDERS_LIVE)).to.deep.equal({ minCapacity: 4, maxCapacity: 4 });
        expect(aws.scalingOf(ORDERS_LIVE)).to.deep.equal({ policies: [], scheduledActions: [] });
    });

    it("UtilizationScaling -> FixedConcurrency with the count the configuration was created with: the target's registration applies it, no refresh needed (issue 19, item 4)", async () => {
        const aws = account();
        const state = deployed(emptyState(), await declaredBy(utilization("api")), aws);
        aws.scaleTo(ORDERS_LIVE, 7);
        // Pulumi compares the configuration with the count it last saw (1, at creation): no Put. The target's
        // suspended state differs, so it is registered again at 1..1, and AAS brings the 7 down to 1.
        const swap = up(state, await declaredBy(fixed("api", 1)), aws);
        expect(swap.error).to.equal(undefined);
        expect(calls(swap).filter((c) => c.startsWith("PutProvisionedConcurrencyConfig"))).to.deep.equal([]);
        expect(calls(swap)).to.include("RegisterScalableTarget(function:orders:live,1,1)");
        expectConsistent(swap.state, aws, [{ functionName: "orders", qualifier: "live", count: 1 }]);
    });

    it("UtilizationScaling -> FixedConcurrency under load: between the target's registration and the policy's delete, tracking cannot move the fixed count (issue 19, item 5)", async () => {
        const aws = account();
        const state = deployed(emptyState(), await declaredBy(utilization("api")), aws);
        aws.scaleTo(ORDERS_LIVE, 7);
        // Stop the swap right before the policy's delete, the last step: the window in which the old policy exists
        // beside the fixed count.
        aws.failNext("delete", "aws:appautoscaling/policy:Policy", new AwsError("DeleteScalingPolicy", "ThrottlingException", "Rate exceeded"));
        const stopped = up(state, await declaredBy(fixed("api", 4)), aws);
        expect(String(stopped.error)).to.match(/ThrottlingException/);
        expect(aws.scalingOf(ORDERS_LIVE).policies).to.have.length(1);
        expect(provisionedConcurrency(aws)).to.deep.equal([{ functionName: "orders", qualifier: "live", count: 4 }]);
        // A scale-out (or in) the alarms would ask for now does nothing: the bounds are 4..4, and dynamic scaling is
        // suspended besides.
        aws.scaleTo(ORDERS_LIVE, 9);
        aws.scaleTo(ORDERS_LIVE, 1);
        expect(provisionedConcurrency(aws)).to.deep.equal([{ functionName: "orders", qualifier: "live", count: 4 }]);
        const finished = up(stopped.state, await declaredBy(fixed("api", 4)), aws);
        expect(finished.error).to.equal(undefined);
        expect(aws.scalingOf(ORDERS_LIVE)).to.deep.equal({ policies: [], scheduledActions: [] });
        expectConsistent(finished.state, aws, [{ functionName: "orders", qualifier: "live", count: 4 }]);
    });

    it("ScheduledConcurrency -> FixedConcurrency: an old scheduled action firing before its delete does not move the fixed count (issue 19, item 5)", async () => {
        const aws = account();
        const state = deployed(emptyState(), await declaredBy(scheduled("api"), NOON), aws);
        aws.failNext("delete", "aws:appautoscaling/scheduledAction:ScheduledAction", new AwsError("DeleteScheduledAction", "ThrottlingException", "Rate exceeded"));
        const stopped = up(state, await declaredBy(fixed("api", 10), NOON), aws);
        expect(String(stopped.error)).to.match(/ThrottlingException/);
        expect(aws.scalingOf(ORDERS_LIVE).scheduledActions.length).to.be.greaterThan(0);
        for (const action of aws.scalingOf(ORDERS_LIVE).scheduledActions) {
            aws.runScheduledAction(ORDERS_LIVE, action);
        }
        expect(provisionedConcurrency(aws)).to.deep.equal([{ functionName: "orders", qualifier: "live", count: 10 }]);
        expect(aws.scalableTarget(ORDERS_LIVE)).to.deep.equal({ minCapacity: 10, maxCapacity: 10 });
    });

    it("ScheduledConcurrency created by day, swapped for FixedConcurrency(10) at night: the count is 10 again (issue 19, item 4)", async () => {
        const aws = account();
        const nightsLow: ScheduleArgs[] = [DAY_AND_NIGHT[0], { name: "night", schedule: "cron(0 18 * * ? *)", capacity: 1 }];
        const state = deployed(emptyState(), await declaredBy(scheduled("api", nightsLow), NOON), aws);
        aws.runScheduledAction(ORDERS_LIVE, "night");
        expect(provisionedConcurrency(aws)).to.deep.equal([{ functionName: "orders", qualifier: "live", count: 1 }]);
        // The state says 10 (the configuration's count at noon): no Put. Registering 10..10 restores it.
        const swap = up(state, await declaredBy(fixed("api", 10), EVENING), aws);
        expect(swap.error).to.equal(undefined);
        expectConsistent(swap.state, aws, [{ functionName: "orders", qualifier: "live", count: 10 }]);
        expect(aws.scalingOf(ORDERS_LIVE)).to.deep.equal({ policies: [], scheduledActions: [] });
        expect(destroy(swap.state, aws).error).to.equal(undefined);
        expect(provisionedConcurrency(aws)).to.deep.equal([]);
        expect(aws.scalableTarget(ORDERS_LIVE)).to.equal(undefined);
    });

    it("a rename with `aliases: [{ name }]` keeps everything; a rename and a swap need only the same alias", async () => {
        const aws = account();
        const state = deployed(emptyState(), await declaredBy(scheduledUtilization("api")), aws);
        const renamed = up(state, await declaredBy(() => new UtilizationScaling("api-load", { functionName: "orders", qualifier: "live", minCapacity: 1, maxCapacity: 10, schedules: DAY_AND_NIGHT }, { aliases: [{ name: "api" }] })), aws);
        expect(renamed.error).to.equal(undefined);
        expect(calls(renamed).filter((c) => /Deregister|Delete/.test(c))).to.deep.equal([]);
        expectConsistent(renamed.state, aws, [{ functionName: "orders", qualifier: "live", count: 10 }]);
        const swapped = up(renamed.state, await declaredBy(fixed("orders-fixed", 3, "live", {}, { aliases: [{ name: "api-load" }] })), aws);
        expect(swapped.error).to.equal(undefined);
        expectConsistent(swapped.state, aws, [{ functionName: "orders", qualifier: "live", count: 3 }]);
        expect(aws.scalableTarget(ORDERS_LIVE)).to.deep.equal({ minCapacity: 3, maxCapacity: 3 });
    });

    it("a rename WITHOUT aliases deletes what the new component just set (documented; refresh and up repair it)", async () => {
        const aws = account();
        const state = deployed(emptyState(), await declaredBy(utilization("api")), aws);
        const renamed = up(state, await declaredBy(utilization("api-load")), aws);
        expect(renamed.error).to.equal(undefined);
        // The old configuration's delete, which Pulumi runs last, removed the capacity; the old target's
        // deregistration took the new policy with it.
        expect(provisionedConcurrency(aws)).to.deep.equal([]);
        expect(missingInAws(renamed.state, aws).map((r) => r.name).sort()).to.deep.equal(["api-load", "api-load-target", "api-load-tracking"]);
        const repaired = up(refresh(renamed.state, aws).state, await declaredBy(utilization("api-load")), aws);
        expect(repaired.error).to.equal(undefined);
        expectConsistent(repaired.state, aws, [{ functionName: "orders", qualifier: "live", count: 1 }]);
    });

    it("giving the function by ARN instead of by name changes nothing in AWS", async () => {
        const aws = account();
        const state = deployed(emptyState(), await declaredBy(fixed("api", 5)), aws);
        const byArn = up(state, await declaredBy(() => new FixedConcurrency("api", { functionName: "arn:aws:lambda:us-east-1:123456789012:function:orders", qualifier: "live", provisionedConcurrentExecutions: 5 })), aws);
        expect(steps(byArn)).to.deep.equal([]);
        expectConsistent(byArn.state, aws, [{ functionName: "orders", qualifier: "live", count: 5 }]);
    });

    it("upgrading a 0.1 stack that gave an ARN: the replacement would delete the new configuration; deleteOldConfigurationFirst keeps it (README, Upgrading from 0.1)", async () => {
        const ARN = "arn:aws:lambda:us-east-1:123456789012:function:orders";
        // What 0.1 declared: the ARN handed to AWS as the function name.
        const old = (await declaredBy(fixed("api", 5))).map((r) =>
            r.type === "aws:lambda/provisionedConcurrencyConfig:ProvisionedConcurrencyConfig"
                ? { ...r, id: `${ARN},live`, inputs: { ...r.inputs, functionName: ARN }, state: { ...r.state, functionName: ARN } }
                : r,
        );
        const aws = account();
        const state = deployed(emptyState(), old, aws);
        const plain = up(state, await declaredBy(fixed("api", 5)), aws);
        expect(plain.error).to.equal(undefined);
        expect(provisionedConcurrency(aws)).to.deep.equal([]);
        const again = account();
        const upgraded = up(deployed(emptyState(), old, again), await declaredBy(fixed("api", 5, "live", { deleteOldConfigurationFirst: true })), again);
        expect(upgraded.error).to.equal(undefined);
        expectConsistent(upgraded.state, again, [{ functionName: "orders", qualifier: "live", count: 5 }]);
    });

    it("a scheduled action moved the bounds: a later `up --refresh` at that time leaves them (no fight)", async () => {
        const aws = account();
        let state = deployed(emptyState(), await declaredBy(scheduledUtilization("api"), NOON), aws);
        expect(aws.scalableTarget(ORDERS_LIVE)).to.deep.equal({ minCapacity: 10, maxCapacity: 10 });
        aws.runScheduledAction(ORDERS_LIVE, "night");
        state = refresh(state, aws).state;
        const evening = up(state, await declaredBy(scheduledUtilization("api"), EVENING), aws);
        expect(calls(evening).filter((c) => c.startsWith("Register") || c.startsWith("Put"))).to.deep.equal([]);
        expect(aws.scalableTarget(ORDERS_LIVE)).to.deep.equal({ minCapacity: 2, maxCapacity: 2 });
        expectConsistent(evening.state, aws, [{ functionName: "orders", qualifier: "live", count: 2 }]);
    });
});

describe("lifecycle in AWS (model): qualifiers, versions and headroom", () => {
    afterEach(resetProgram);

    it("a scaling component moved to a new version starts at the minimum in force even if the engine carried a stale count into the replacement (issue 19, item 3)", async () => {
        const onVersion = (version: string) => () =>
            new UtilizationScaling("api", { functionName: "orders", qualifier: version, minCapacity: 1, maxCapacity: 10, schedules: DAY_AND_NIGHT });
        // At noon the code changes. Pulumi 3.276 gives the replacement the program's count (10, the noon minimum); an
        // engine that carried the ignored old input into it (pulumi/pulumi#2657) would send 2, the evening count the
        // configuration was created with. Both end at 10: the new target's registration brings the count into the
        // bounds in force.
        const noon = await declaredBy(onVersion("2"), NOON);
        const stale = noon.map((d) =>
            d.type === "aws:lambda/provisionedConcurrencyConfig:ProvisionedConcurrencyConfig"
                ? { ...d, inputs: { ...d.inputs, provisionedConcurrentExecutions: 2 }, state: { ...d.state, provisionedConcurrentExecutions: 2 } }
                : d,
        );
        for (const [engine, program] of [["3.276", noon], ["carrying ignoreChanges", stale]] as const) {
            const aws = account({ reservedConcurrentExecutions: 40 });
            const evening = deployed(emptyState(), await declaredBy(onVersion("1"), EVENING), aws);
            aws.scaleTo("function:orders:1", 9);
            const moved = up(evening, program, aws);
            expect(moved.error, engine).to.equal(undefined);
            expect(provisionedConcurrency(aws), engine).to.deep.equal([{ functionName: "orders", qualifier: "2", count: 10 }]);
        }
    });

    it("a new version number replaces the configuration: new one first, then the old one, when the function has room for both", async () => {
        const aws = account({ reservedConcurrentExecutions: 20 });
        const state = deployed(emptyState(), await declaredBy(fixed("api", 6, "1")), aws);
        const next = up(state, await declaredBy(fixed("api", 6, "2")), aws);
        expect(next.error).to.equal(undefined);
        expect(steps(next)).to.deep.equal([
            "create-replacement aws:lambda/provisionedConcurrencyConfig:ProvisionedConcurrencyConfig::api",
            "create-replacement aws:appautoscaling/target:Target::api-target",
            "delete-replaced aws:appautoscaling/target:Target::api-target",
            "delete-replaced aws:lambda/provisionedConcurrencyConfig:ProvisionedConcurrencyConfig::api",
        ]);
        expect(aws.scalableTarget("function:orders:1")).to.equal(undefined);
        expect(aws.scalableTarget("function:orders:2")).to.deep.equal({ minCapacity: 6, maxCapacity: 6 });
        expectConsistent(next.state, aws, [{ functionName: "orders", qualifier: "2", count: 6 }]);
    });

    it("without room for both in reserved concurrency the default fails before anything is lost; deleteOldConfigurationFirst goes through", async () => {
        const aws = account({ reservedConcurrentExecutions: 10 });
        const state = deployed(emptyState(), await declaredBy(fixed("api", 6, "1")), aws);
        const overlap = up(state, await declaredBy(fixed("api", 6, "2")), aws);
        expect(String(overlap.error)).to.match(/PutProvisionedConcurrencyConfig/);
        // The old version keeps its environments: nothing was wiped.
        expect(provisionedConcurrency(aws)).to.deep.equal([{ functionName: "orders", qualifier: "1", count: 6 }]);
        const sequential = up(overlap.state, await declaredBy(fixed("api", 6, "2", { deleteOldConfigurationFirst: true })), aws);
        expect(sequential.error).to.equal(undefined);
        // The target first: its resource id comes from the configuration, so the delete-before-replace deletes it
        // too, as a dependent the replacement replaces (scalable-target.ts, createScalableTarget).
        expect(steps(sequential)).to.deep.equal([
            "delete-replaced aws:appautoscaling/target:Target::api-target",
            "delete-replaced aws:lambda/provisionedConcurrencyConfig:ProvisionedConcurrencyConfig::api",
            "create-replacement aws:lambda/provisionedConcurrencyConfig:ProvisionedConcurrencyConfig::api",
            "create-replacement aws:appautoscaling/target:Target::api-target",
        ]);
        expect(aws.scalableTarget("function:orders:1")).to.equal(undefined);
        expectConsistent(sequential.state, aws, [{ functionName: "orders", qualifier: "2", count: 6 }]);
    });

    it("from a version to the alias that points at it: Lambda refuses both at once, so deleteOldConfigurationFirst is needed", async () => {
        const aws = account();
        const state = deployed(emptyState(), await declaredBy(fixed("api", 3, "2")), aws);
        const overlap = up(state, await declaredBy(fixed("api", 3, "live")), aws);
        expect(String(overlap.error)).to.match(/ResourceConflictException/);
        expect(provisionedConcurrency(aws)).to.deep.equal([{ functionName: "orders", qualifier: "2", count: 3 }]);
        const moved = up(overlap.state, await declaredBy(fixed("api", 3, "live", { deleteOldConfigurationFirst: true })), aws);
        expect(moved.error).to.equal(undefined);
        expectConsistent(moved.state, aws, [{ functionName: "orders", qualifier: "live", count: 3 }]);
    });

    it("from one alias to another of another version: the new one first, then the old one", async () => {
        const aws = account();
        const state = deployed(emptyState(), await declaredBy(scheduled("api")), aws);
        const moved = up(state, await declaredBy(() => new ScheduledConcurrency("api", { functionName: "orders", qualifier: "blue", schedules: DAY_AND_NIGHT })), aws);
        expect(moved.error).to.equal(undefined);
        expectConsistent(moved.state, aws, [{ functionName: "orders", qualifier: "blue", count: 10 }]);
        expect(aws.scalableTarget(ORDERS_LIVE)).to.equal(undefined);
        expect(aws.scalableTarget("function:orders:blue")).to.deep.equal({ minCapacity: 10, maxCapacity: 10 });
    });

    it("from one alias to another of the same version: Lambda refuses both at once, so deleteOldConfigurationFirst is needed", async () => {
        const aws = account({ aliases: { live: "2", green: "2" } });
        const state = deployed(emptyState(), await declaredBy(fixed("api", 3, "live")), aws);
        const overlap = up(state, await declaredBy(fixed("api", 3, "green")), aws);
        expect(String(overlap.error)).to.match(/ResourceConflictException/);
        expect(provisionedConcurrency(aws)).to.deep.equal([{ functionName: "orders", qualifier: "live", count: 3 }]);
        const moved = up(overlap.state, await declaredBy(fixed("api", 3, "green", { deleteOldConfigurationFirst: true })), aws);
        expect(moved.error).to.equal(undefined);
        expectConsistent(moved.state, aws, [{ functionName: "orders", qualifier: "green", count: 3 }]);
    });

    it("the owned configuration of a scaling component takes deleteOldConfigurationFirst too", async () => {
        const [config] = (await declaredBy(() => new UtilizationScaling("api", { functionName: "orders", qualifier: "2", maxCapacity: 4, deleteOldConfigurationFirst: true }))).filter(
            (r) => r.type === "aws:lambda/provisionedConcurrencyConfig:ProvisionedConcurrencyConfig",
        );
        expect(config.options).to.deep.equal({
            deleteBeforeReplace: true,
            deleteBeforeReplaceDefined: true,
            ignoreChanges: ["provisionedConcurrentExecutions"],
            // Its name under the component's swap aliases (child-aliases.ts): on version 2, a WarmAlias's child for it too.
            aliases: [
                `urn:pulumi:test::lambda-concurrency-test::lambda-concurrency:index:FixedConcurrency$${TYPES.provisionedConcurrencyConfig}::api`,
                `urn:pulumi:test::lambda-concurrency-test::lambda-concurrency:index:ScheduledConcurrency$${TYPES.provisionedConcurrencyConfig}::api`,
                `urn:pulumi:test::lambda-concurrency-test::lambda-concurrency:index:WarmAlias$lambda-concurrency:index:FixedConcurrency$${TYPES.provisionedConcurrencyConfig}::api-v2`,
                `urn:pulumi:test::lambda-concurrency-test::lambda-concurrency:index:WarmAlias$lambda-concurrency:index:FixedConcurrency$${TYPES.provisionedConcurrencyConfig}::api`,
                `urn:pulumi:test::lambda-concurrency-test::lambda-concurrency:index:WarmAlias$lambda-concurrency:index:UtilizationScaling$${TYPES.provisionedConcurrencyConfig}::api-v2`,
                `urn:pulumi:test::lambda-concurrency-test::lambda-concurrency:index:WarmAlias$lambda-concurrency:index:UtilizationScaling$${TYPES.provisionedConcurrencyConfig}::api`,
            ],
            retainOnDelete: false,
        });
    });
});
