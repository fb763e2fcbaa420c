// A WarmAlias canary under the real engine (issue 21): a new version takes a weight of the alias's traffic only once
// its environments are allocated, both versions stay provisioned while it does, a promotion keeps the canary's
// configuration (each version's is a resource of its own, NAME-vN) and releases the old version's after the alias
// moved, an abandoned canary is deleted after the alias stops routing to it, and nothing accumulates.
import { expect } from "chai";
import * as fc from "fast-check";
import { WarmAlias } from "../../components";
import { AwsError, AwsModel } from "../helpers/lifecycle/aws-model";
import { TYPES } from "../helpers/lifecycle/types";
import { callPosition, ordersStack } from "./deploy-order";
import type { EngineStack } from "./harness";
import { rolloutProgram } from "../../programs/rollout";

const NOON = new Date("2026-12-01T12:00:00Z");
/** The live version's environments in every program here. */
const LIVE_COUNT = 3;

function program(version: string, canary?: { weight: number; count?: number }): () => void {
    return () =>
        void new WarmAlias("live", {
            functionName: "orders",
            aliasName: "live",
            functionVersion: version,
            provisionedConcurrentExecutions: LIVE_COUNT,
            canary: canary === undefined ? undefined : { weight: canary.weight, provisionedConcurrentExecutions: canary.count },
        });
}

/** The AWS calls that change something. */
const mutating = (calls: string[]): string[] => calls.filter((call) => /^(Put|Delete|UpdateAlias|CreateAlias|Register|Deregister)/.test(call));

/** What AWS must hold: the alias's routing, and exactly one configuration and one target per routed version. */
interface Routed {
    stable: string;
    canary?: { version: string; weight: number; count: number };
}

/** `failed`: versions whose configurations failed to initialize, there with nothing allocated until an up removes them. */
function expectHolds(aws: AwsModel, routed: Routed, what: string, failed: string[] = []): void {
    expect(aws.aliasesOf("orders"), `alias: ${what}`).to.deep.equal({ live: routed.stable });
    expect(aws.aliasWeightsOf("orders", "live"), `weights: ${what}`).to.deep.equal(routed.canary === undefined ? undefined : { [routed.canary.version]: routed.canary.weight });
    const expected = [{ functionName: "orders", qualifier: routed.stable, count: LIVE_COUNT }];
    if (routed.canary !== undefined) {
        expected.push({ functionName: "orders", qualifier: routed.canary.version, count: routed.canary.count });
    }
    const byVersion = (a: { qualifier: string }, b: { qualifier: string }): number => Number(a.qualifier) - Number(b.qualifier);
    for (const version of failed) {
        expected.push({ functionName: "orders", qualifier: version, count: 0 });
    }
    expect(aws.provisionedConcurrencyConfigs().sort(byVersion), `configurations: ${what}`).to.deep.equal(expected.sort(byVersion));
    // Every routed version has all of its environments allocated: no request of the deploy meets a cold start.
    for (const { qualifier, count } of expected.filter((c) => !failed.includes(c.qualifier))) {
        expect(aws.provisionedConcurrencyConfig("orders", qualifier)?.allocated, `allocated on ${qualifier}: ${what}`).to.equal(count);
    }
    expect(
        aws.scalableTargetList().map((t) => [t.resourceId, t.minCapacity, t.maxCapacity]).sort(),
        `targets: ${what}`,
    ).to.deep.equal(
        expected.filter((c) => !failed.includes(c.qualifier)).map((c) => [`function:orders:${c.qualifier}`, c.count, c.count]).sort(),
    );
}

/** Publishes a version of `orders` that fails to initialize and ships it, as a canary or not: the up fails. */
async function shipBroken(stack: EngineStack, aws: AwsModel, canary: boolean): Promise<string> {
    const broken = aws.publishVersion("orders");
    aws.failInitializationOf("orders", broken);
    const failed = await stack.up(program(broken, canary ? { weight: 0.1 } : undefined), NOON);
    expect(failed.error, failed.output).to.equal("pulumi up exited with 1");
    return broken;
}

describe("WarmAlias canary: two provisioned versions, under the real engine", () => {
    it("canary, promotion, a canary abandoned for a newer one, a rollback, a promotion of a smaller canary, destroy: routed versions only, in order", async () => {
        const { account, stack } = await ordersStack();
        const aws = account.aws;
        try {
            expect((await stack.up(program("1"), NOON)).error).to.equal(undefined);
            expectHolds(aws, { stable: "1" }, "first up");

            // Version 2 as a 10% canary: put, read back, then weighted; nothing deleted.
            const v2 = aws.publishVersion("orders");
            const canary = await stack.up(program(v2, { weight: 0.1 }), NOON);
            expect(canary.error, canary.output).to.equal(undefined);
            const put = callPosition(canary.awsCalls, `PutProvisionedConcurrencyConfig(orders,${v2},3)`);
            const readBack = callPosition(canary.awsCalls, `GetProvisionedConcurrencyConfig(orders,${v2})`);
            const weighted = callPosition(canary.awsCalls, `UpdateAlias(orders,live,1,${v2}=0.1)`);
            expect(put < readBack && readBack < weighted, JSON.stringify(canary.awsCalls)).to.equal(true);
            expect(canary.awsCalls.filter((call) => /^(Delete|Deregister)/.test(call))).to.deep.equal([]);
            expectHolds(aws, { stable: "1", canary: { version: v2, weight: 0.1, count: 3 } }, "canary 2");

            // The same program, a preview and a refresh change nothing.
            for (const [what, run] of [
                ["same", () => stack.up(program(v2, { weight: 0.1 }), NOON)],
                ["preview", () => stack.preview(program(v2, { weight: 0.1 }), NOON)],
                ["refresh", () => stack.refresh()],
            ] as const) {
                const result = await run();
                expect(result.error, `${what}: ${result.output}`).to.equal(undefined);
                expect(mutating(result.awsCalls), what).to.deep.equal([]);
                // Nor does the engine plan a change (a preview that showed the configurations replaced would mislead).
                expect(result.steps.filter((s) => s.op !== "same" && s.op !== "read" && s.op !== "refresh").map((s) => `${s.op} ${s.urn}`), what).to.deep.equal([]);
                expectHolds(aws, { stable: "1", canary: { version: v2, weight: 0.1, count: 3 } }, what);
            }

            // Promotion: the canary left out. Version 2's configuration stays as it is (the same count: no put), the
            // alias moves with no weight, version 1's goes; version 2's configuration and target are never deleted.
            const promoted = await stack.up(program(v2), NOON);
            expect(promoted.error, promoted.output).to.equal(undefined);
            expect(mutating(promoted.awsCalls).filter((call) => call.includes(`orders,${v2}`) || call.includes(`orders:${v2}`))).to.deep.equal([]);
            const moved = callPosition(promoted.awsCalls, `UpdateAlias(orders,live,${v2})`);
            const released = callPosition(promoted.awsCalls, "DeleteProvisionedConcurrencyConfig(orders,1)");
            expect(moved < released, JSON.stringify(promoted.awsCalls)).to.equal(true);
            expect(promoted.awsCalls.filter((call) => call.includes(`orders,${v2})`) && call.startsWith("Delete"))).to.deep.equal([]);
            expect(promoted.awsCalls.filter((call) => call.startsWith("Deregister") && call.includes(`:${v2}`))).to.deep.equal([]);
            expectHolds(aws, { stable: v2 }, "promoted 2");

            // The next up changes nothing.
            const after = await stack.up(program(v2), NOON);
            expect(after.error, after.output).to.equal(undefined);
            expect(mutating(after.awsCalls)).to.deep.equal([]);
            expectHolds(aws, { stable: v2 }, "after the promotion");
            // An alias without weights: a preview plans no change either (the routing read back without the property).
            const quiet = await stack.preview(program(v2), NOON);
            expect(quiet.steps.filter((s) => s.op !== "same" && s.op !== "read").map((s) => `${s.op} ${s.urn}`)).to.deep.equal([]);

            // Version 3 as a canary with 1 environment, then version 4 in its place: 3's goes after the alias moves on.
            const v3 = aws.publishVersion("orders");
            expect((await stack.up(program(v3, { weight: 0.1, count: 1 }), NOON)).error).to.equal(undefined);
            expectHolds(aws, { stable: v2, canary: { version: v3, weight: 0.1, count: 1 } }, "canary 3");
            const v4 = aws.publishVersion("orders");
            const abandoned = await stack.up(program(v4, { weight: 0.25, count: 1 }), NOON);
            expect(abandoned.error, abandoned.output).to.equal(undefined);
            const reweighted = callPosition(abandoned.awsCalls, `UpdateAlias(orders,live,${v2},${v4}=0.25)`);
            const dropped = callPosition(abandoned.awsCalls, `DeleteProvisionedConcurrencyConfig(orders,${v3})`);
            expect(callPosition(abandoned.awsCalls, `PutProvisionedConcurrencyConfig(orders,${v4},1)`) < reweighted && reweighted < dropped).to.equal(true);
            expectHolds(aws, { stable: v2, canary: { version: v4, weight: 0.25, count: 1 } }, "canary 4");

            // A rollback: the live version with the canary weight; the canary goes after the alias stops routing to it.
            const rollback = await stack.up(program(v2, { weight: 0.25 }), NOON);
            expect(rollback.error, rollback.output).to.equal(undefined);
            expect(callPosition(rollback.awsCalls, `UpdateAlias(orders,live,${v2})`) < callPosition(rollback.awsCalls, `DeleteProvisionedConcurrencyConfig(orders,${v4})`)).to.equal(true);
            expectHolds(aws, { stable: v2 }, "rolled back");

            // A canary of 1 environment promoted: the live configuration's put raises it to 3 before the alias moves.
            const v5 = aws.publishVersion("orders");
            expect((await stack.up(program(v5, { weight: 0.1, count: 1 }), NOON)).error).to.equal(undefined);
            const raised = await stack.up(program(v5), NOON);
            expect(raised.error, raised.output).to.equal(undefined);
            expect(callPosition(raised.awsCalls, `PutProvisionedConcurrencyConfig(orders,${v5},3)`) < callPosition(raised.awsCalls, `UpdateAlias(orders,live,${v5})`)).to.equal(true);
            expectHolds(aws, { stable: v5 }, "promoted 5");

            const gone = await stack.destroy();
            expect(gone.error, gone.output).to.equal(undefined);
            expect(aws.provisionedConcurrencyConfigs()).to.deep.equal([]);
            expect(aws.scalableTargetList()).to.deep.equal([]);
            expect(aws.aliasesOf("orders")).to.deep.equal({});
        } finally {
            await stack.remove();
        }
    });

    it("a destroy right after a promotion deletes the promoted version's configuration once, and leaves nothing", async () => {
        const { account, stack } = await ordersStack();
        try {
            expect((await stack.up(program("1"), NOON)).error).to.equal(undefined);
            const v2 = account.aws.publishVersion("orders");
            expect((await stack.up(program(v2, { weight: 0.1 }), NOON)).error).to.equal(undefined);
            expect((await stack.up(program(v2), NOON)).error).to.equal(undefined);
            const gone = await stack.destroy();
            expect(gone.error, gone.output).to.equal(undefined);
            expect(gone.awsCalls.filter((call) => call.startsWith("DeleteProvisionedConcurrencyConfig"))).to.deep.equal([`DeleteProvisionedConcurrencyConfig(orders,${v2})`]);
            expect(account.aws.provisionedConcurrencyConfigs()).to.deep.equal([]);
            expect(account.aws.scalableTargetList()).to.deep.equal([]);
        } finally {
            await stack.remove();
        }
    });

    it("a canary that fails to initialize stops the up before the alias sends it anything; the next good canary rolls on and removes it", async () => {
        const { account, stack } = await ordersStack();
        const aws = account.aws;
        try {
            expect((await stack.up(program("1"), NOON)).error).to.equal(undefined);
            const broken = aws.publishVersion("orders");
            aws.failInitializationOf("orders", broken);
            const failed = await stack.up(program(broken, { weight: 0.1 }), NOON);
            expect(failed.error).to.equal("pulumi up exited with 1");
            expect(failed.output).to.contain("unexpected state 'FAILED', wanted target 'READY'. last error: FUNCTION_ERROR_INIT_FAILURE");
            expect(failed.awsCalls.filter((call) => /^(CreateAlias|UpdateAlias|Delete)/.test(call))).to.deep.equal([]);
            expect(aws.aliasesOf("orders")).to.deep.equal({ live: "1" });
            expect(aws.aliasWeightsOf("orders", "live")).to.equal(undefined);
            const good = aws.publishVersion("orders");
            const rolled = await stack.up(program(good, { weight: 0.1 }), NOON);
            expect(rolled.error, rolled.output).to.equal(undefined);
            expectHolds(aws, { stable: "1", canary: { version: good, weight: 0.1, count: 3 } }, "the next canary");
            expect((await stack.destroy()).error).to.equal(undefined);
            expect(aws.provisionedConcurrencyConfigs()).to.deep.equal([]);
        } finally {
            await stack.remove();
        }
    });

    // A preview of a code change does not know the number of the version about to be published, which names its
    // configuration (NAME-vN): the preview shows it as NAME-new-version (canary-plan.ts, UNPUBLISHED_VERSION), and
    // the live version's configuration as the up will treat it: deleted after a deploy, unchanged during a canary.
    it("the rollout sample: a preview of revision 2 shows the new version's configuration and what happens to the live one's, and the up does it", async () => {
        const { account, stack } = await ordersStack();
        try {
            const first = await stack.up(() => rolloutProgram("1", undefined), NOON);
            expect(first.error, first.output).to.equal(undefined);
            const configSteps = (steps: { op: string; urn: string }[]): string[] =>
                steps
                    .filter((s) => s.urn.includes("FixedConcurrency$aws:lambda/provisionedConcurrencyConfig:ProvisionedConcurrencyConfig::"))
                    .map((s) => `${s.op} ${s.urn.slice(s.urn.lastIndexOf("::") + 2)}`)
                    .sort();
            const deploy = await stack.preview(() => rolloutProgram("2", undefined), NOON);
            expect(deploy.error, deploy.output).to.equal(undefined);
            expect(configSteps(deploy.steps)).to.deep.equal(["create live-new-version", "delete live-v1"]);
            const canaryPreview = await stack.preview(() => rolloutProgram("2", 0.1), NOON);
            expect(canaryPreview.error, canaryPreview.output).to.equal(undefined);
            expect(configSteps(canaryPreview.steps)).to.deep.equal(["create live-new-version", "same live-v1"]);
            const up = await stack.up(() => rolloutProgram("2", 0.1), NOON);
            expect(up.error, up.output).to.equal(undefined);
            expect(configSteps(up.steps)).to.deep.equal(["create live-v2", "same live-v1"]);
            const configs = account.aws.provisionedConcurrencyConfigs();
            const fn = configs[0].functionName;
            expect(configs.map((c) => [c.qualifier, c.count]).sort()).to.deep.equal([
                ["1", 2],
                ["2", 2],
            ]);
            expect(account.aws.aliasesOf(fn)).to.deep.equal({ live: "1" });
            expect(account.aws.aliasWeightsOf(fn, "live")).to.deep.equal({ "2": 0.1 });
            expect((await stack.destroy()).error).to.equal(undefined);
        } finally {
            await stack.remove();
        }
    });

    // Under the Automation API's inline programs a program error is followed by the deletes of what the program did
    // not register (stop-deployment.ts): an alias that cannot be read must fail a step instead.
    it("an alias that cannot be read (GetAlias denied) stops the up as a failed step: nothing is created, moved or deleted", async () => {
        const { account, stack } = await ordersStack();
        const aws = account.aws;
        try {
            expect((await stack.up(program("1"), NOON)).error).to.equal(undefined);
            const v2 = aws.publishVersion("orders");
            aws.failNext("read", TYPES.alias, new AwsError("GetAlias", "AccessDeniedException", "not authorized to perform: lambda:GetAlias"));
            const denied = await stack.up(program(v2, { weight: 0.1 }), NOON);
            expect(denied.error).to.equal("pulumi up exited with 1");
            expect(denied.output).to.contain('WarmAlias "live": could not read how alias "live" of function "orders" routes (GetAlias), so nothing changes:');
            expect(mutating(denied.awsCalls), JSON.stringify(denied.awsCalls)).to.deep.equal([]);
            expectHolds(aws, { stable: "1" }, "after the denied read");
            const again = await stack.up(program(v2, { weight: 0.1 }), NOON);
            expect(again.error, again.output).to.equal(undefined);
            expectHolds(aws, { stable: "1", canary: { version: v2, weight: 0.1, count: 3 } }, "once the alias can be read");
        } finally {
            await stack.remove();
        }
    });

    // A failed create that replaces a resource marks the one it replaces for deletion at the end of the next up
    // (pulumi/pulumi step.go, CreateStep.Apply: `s.old.Delete = true` also on a partial failure; step_generator.go,
    // GenerateDeletes). Were the canary's configuration one resource whose version changes, this promotion would
    // delete version 2's environments right after the alias moved all traffic there.
    it("a canary that fails while another runs, then the promotion of the one that runs: its environments stay", async () => {
        const { account, stack } = await ordersStack();
        const aws = account.aws;
        try {
            expect((await stack.up(program("1"), NOON)).error).to.equal(undefined);
            const v2 = aws.publishVersion("orders");
            expect((await stack.up(program(v2, { weight: 0.1 }), NOON)).error).to.equal(undefined);
            const broken = await shipBroken(stack, aws, true);
            expectHolds(aws, { stable: "1", canary: { version: v2, weight: 0.1, count: 3 } }, "after the failed canary", [broken]);
            const promoted = await stack.up(program(v2), NOON);
            expect(promoted.error, promoted.output).to.equal(undefined);
            expect(promoted.awsCalls.filter((call) => call.startsWith("Delete") && call.includes(`orders,${v2})`))).to.deep.equal([]);
            expectHolds(aws, { stable: v2 }, "promoted 2");
            expect((await stack.up(program(v2), NOON)).error).to.equal(undefined);
            expectHolds(aws, { stable: v2 }, "the up after");
        } finally {
            await stack.remove();
        }
    });

    // A failed deploy without a canary creates version B's configuration (NAME-vB) beside the live one's: it replaces
    // nothing, so nothing is left pending delete (pulumi/pulumi step.go, CreateStep.Apply marks the replaced resource
    // only). While the live configuration was one resource replaced from version to version, the next up that kept
    // the alias where it was (a canary, a rollback by number) deleted the live version's environments at its end.
    it("after a failed deploy without a canary, a canary, a rollback by number and the last program again keep the live version's environments and remove the failed one's", async () => {
        const { account, stack } = await ordersStack();
        const aws = account.aws;
        try {
            expect((await stack.up(program("1"), NOON)).error).to.equal(undefined);
            const released = (calls: string[]): string[] => calls.filter((call) => /^(DeleteProvisionedConcurrencyConfig|DeregisterScalableTarget)/.test(call)).sort();
            // A failed version's configuration (its target was never registered), and a version's that served.
            const failedGone = (version: string): string[] => [`DeleteProvisionedConcurrencyConfig(orders,${version})`];
            const gone = (version: string): string[] => [`DeleteProvisionedConcurrencyConfig(orders,${version})`, `DeregisterScalableTarget(function:orders:${version})`].sort();

            let broken = await shipBroken(stack, aws, false);
            expectHolds(aws, { stable: "1" }, "after the failed deploy", [broken]);
            const v3 = aws.publishVersion("orders");
            const canary = await stack.up(program(v3, { weight: 0.1 }), NOON);
            expect(canary.error, canary.output).to.equal(undefined);
            expect(released(canary.awsCalls), "the canary up").to.deep.equal(failedGone(broken));
            expectHolds(aws, { stable: "1", canary: { version: v3, weight: 0.1, count: 3 } }, "the canary after it");

            broken = await shipBroken(stack, aws, false);
            const rollback = await stack.up(program("1"), NOON);
            expect(rollback.error, rollback.output).to.equal(undefined);
            expect(released(rollback.awsCalls), "the rollback by number").to.deep.equal([...failedGone(broken), ...gone(v3)].sort());
            expectHolds(aws, { stable: "1" }, "the rollback after it");

            broken = await shipBroken(stack, aws, false);
            const again = await stack.up(program("1"), NOON);
            expect(again.error, again.output).to.equal(undefined);
            expect(released(again.awsCalls), "the last program again").to.deep.equal(failedGone(broken));
            expectHolds(aws, { stable: "1" }, "the last program after it");
        } finally {
            await stack.remove();
        }
    });

    // With scaling: the live version keeps its UtilizationScaling while the canary runs on a fixed count; the promotion
    // turns the canary's FixedConcurrency into a UtilizationScaling of the same name (swaps.ts), which puts there what
    // serves the alias's traffic now (the live version's count and the canary's) before the alias moves, and scales
    // from then on.
    it("with scaling: a canary on its own count beside the live version's scaling, then its promotion: both counts set on it before the alias moves, then scaled", async () => {
        const { account, stack } = await ordersStack();
        const aws = account.aws;
        const scaling = (version: string, canary?: { weight: number; count: number }): (() => void) =>
            () =>
                void new WarmAlias("live", {
                    functionName: "orders",
                    aliasName: "live",
                    functionVersion: version,
                    scaling: { minCapacity: 2, maxCapacity: 20 },
                    canary: canary === undefined ? undefined : { weight: canary.weight, provisionedConcurrentExecutions: canary.count },
                });
        const configs = (): [string, number][] => aws.provisionedConcurrencyConfigs().map((c): [string, number] => [c.qualifier, c.count]);
        const targets = (): [string, number, number, boolean][] =>
            aws
                .scalableTargetList()
                .map((t): [string, number, number, boolean] => [t.resourceId, t.minCapacity, t.maxCapacity, aws.suspendedScaling(t.resourceId)?.dynamicScalingInSuspended ?? false]);
        try {
            expect((await stack.up(scaling("1"), NOON)).error).to.equal(undefined);
            aws.scaleTo("function:orders:1", 7);
            const v2 = aws.publishVersion("orders");
            const canary = await stack.up(scaling(v2, { weight: 0.1, count: 3 }), NOON);
            expect(canary.error, canary.output).to.equal(undefined);
            expect(mutating(canary.awsCalls)).to.deep.equal([
                `PutProvisionedConcurrencyConfig(orders,${v2},3)`,
                `RegisterScalableTarget(function:orders:${v2},3,3)`,
                `UpdateAlias(orders,live,1,${v2}=0.1)`,
            ]);
            // Version 1 keeps the 7 scaling gave it, its target and policy; the canary its fixed 3, scaling suspended.
            expect(configs().sort()).to.deep.equal([
                ["1", 7],
                [v2, 3],
            ]);
            expect(targets().sort()).to.deep.equal([
                ["function:orders:1", 2, 20, false],
                [`function:orders:${v2}`, 3, 3, true],
            ]);
            expect(aws.scalingPolicyList().map((p) => p.resourceId)).to.deep.equal(["function:orders:1"]);

            // The same program again changes nothing, scaling on version 1 included.
            aws.scaleTo("function:orders:1", 9);
            const same = await stack.up(scaling(v2, { weight: 0.1, count: 3 }), NOON);
            expect(same.error, same.output).to.equal(undefined);
            expect(mutating(same.awsCalls)).to.deep.equal([]);

            const promoted = await stack.up(scaling(v2), NOON);
            expect(promoted.error, promoted.output).to.equal(undefined);
            const calls = promoted.awsCalls;
            const readLive = callPosition(calls, "GetProvisionedConcurrencyConfig(orders,1)");
            const readCanary = callPosition(calls, `GetProvisionedConcurrencyConfig(orders,${v2})`);
            const raised = callPosition(calls, `PutProvisionedConcurrencyConfig(orders,${v2},12)`);
            const moved = callPosition(calls, `UpdateAlias(orders,live,${v2})`);
            const released = callPosition(calls, "DeleteProvisionedConcurrencyConfig(orders,1)");
            expect(readLive < raised && readCanary < raised && raised < moved && moved < released, JSON.stringify(calls)).to.equal(true);
            expect(calls.filter((call) => /^(Delete|Deregister)/.test(call) && call.includes(`:${v2}`))).to.deep.equal([]);
            expect(configs()).to.deep.equal([[v2, 12]]);
            expect(targets()).to.deep.equal([[`function:orders:${v2}`, 2, 20, false]]);
            expect(aws.scalingPolicyList().map((p) => p.resourceId)).to.deep.equal([`function:orders:${v2}`]);
            expect(aws.aliasesOf("orders")).to.deep.equal({ live: v2 });
            expect(aws.aliasWeightsOf("orders", "live")).to.equal(undefined);

            // From then on the count is Application Auto Scaling's: scaled to 4, the next up leaves it there.
            aws.scaleTo(`function:orders:${v2}`, 4);
            const after = await stack.up(scaling(v2), NOON);
            expect(after.error, after.output).to.equal(undefined);
            expect(mutating(after.awsCalls)).to.deep.equal([]);
            expect(configs()).to.deep.equal([[v2, 4]]);

            const gone = await stack.destroy();
            expect(gone.error, gone.output).to.equal(undefined);
            expect(aws.provisionedConcurrencyConfigs()).to.deep.equal([]);
            expect(aws.scalableTargetList()).to.deep.equal([]);
            expect(aws.scalingPolicyList()).to.deep.equal([]);
        } finally {
            await stack.remove();
        }
    });

    // Random sequences under the real engine. After every step:
    // - K1: after an up that completed, the alias routes to the versions the programs so far asked for (a canary's
    //   weight to the newest canary, the rest to the live version), each with all its environments allocated, and
    //   only those versions have a configuration and a target (nothing accumulates, nothing routed is lost);
    // - K2: an up of the same program, a preview and a refresh change nothing in AWS;
    // - K3: a version that fails to initialize leaves the routing and every allocation as they were;
    // - K4: nothing of the stack is left after destroy.
    type Step =
        | { kind: "canary"; weight: number; count: number }
        | { kind: "deploy" }
        | { kind: "promote" }
        | { kind: "rollback" }
        | { kind: "broken"; canary: boolean }
        | { kind: "same" }
        | { kind: "preview" }
        | { kind: "refresh" };
    const step: fc.Arbitrary<Step> = fc.oneof(
        { weight: 4, arbitrary: fc.record({ kind: fc.constant("canary" as const), weight: fc.constantFrom(0.05, 0.1, 0.5), count: fc.integer({ min: 1, max: 3 }) }) },
        { weight: 3, arbitrary: fc.constant<Step>({ kind: "promote" }) },
        { weight: 1, arbitrary: fc.constant<Step>({ kind: "deploy" }) },
        { weight: 1, arbitrary: fc.constant<Step>({ kind: "rollback" }) },
        { weight: 1, arbitrary: fc.boolean().map((canary): Step => ({ kind: "broken", canary })) },
        { weight: 1, arbitrary: fc.constantFrom<Step>({ kind: "same" }, { kind: "preview" }, { kind: "refresh" }) },
    );
    const SEED = Number(process.env.WARM_ALIAS_CANARY_ENGINE_SEED ?? 2222);
    const sequences = fc.sample(fc.array(step, { minLength: 5, maxLength: 9 }), { seed: SEED, numRuns: 6 });
    const describeStep = (s: Step): string =>
        s.kind === "canary" ? `canary ${s.weight}x${s.count}` : s.kind === "broken" ? `broken ${s.canary ? "canary" : "deploy"}` : s.kind;

    for (const [index, steps] of sequences.entries()) {
        it(`random sequence ${index + 1} (seed ${SEED}): ${steps.map(describeStep).join(", ")}; then destroy`, async () => {
            const { account, stack } = await ordersStack();
            const aws = account.aws;
            try {
                expect((await stack.up(program("1"), NOON)).error).to.equal(undefined);
                let routed: Routed = { stable: "1" };
                // The program of the last completed up, and whether an up failed since (after which anything goes:
                // a failed version's configuration replaces nothing, so nothing routed is left pending delete).
                let last = program("1");
                let failed = false;
                const failedVersions: string[] = [];
                for (const s of steps) {
                    const what = describeStep(s);
                    if (s.kind === "refresh" || s.kind === "preview" || (s.kind === "same" && !failed)) {
                        const result = s.kind === "refresh" ? await stack.refresh() : s.kind === "preview" ? await stack.preview(last, NOON) : await stack.up(last, NOON);
                        expect(result.error, `${what}: ${result.output}`).to.equal(undefined);
                        expect(mutating(result.awsCalls), `K2 ${what}`).to.deep.equal([]);
                        expectHolds(aws, routed, `K2 ${what}`, failedVersions);
                        continue;
                    }
                    if (s.kind === "broken") {
                        const version = await shipBroken(stack, aws, s.canary);
                        // The failed configuration stays in AWS with nothing allocated until a later up removes it.
                        failedVersions.push(version);
                        expectHolds(aws, routed, `K3 ${what}`, failedVersions);
                        failed = true;
                        continue;
                    }
                    let next: Routed;
                    let run: () => void;
                    if (s.kind === "promote" && routed.canary !== undefined) {
                        next = { stable: routed.canary.version };
                        run = program(routed.canary.version);
                    } else if (s.kind === "rollback") {
                        next = { stable: routed.stable };
                        run = program(routed.stable, { weight: 0.1 });
                    } else if (s.kind === "same") {
                        next = routed;
                        run = last;
                    } else if (s.kind === "canary") {
                        const version = aws.publishVersion("orders");
                        next = { stable: routed.stable, canary: { version, weight: s.weight, count: s.count } };
                        run = program(version, { weight: s.weight, count: s.count });
                    } else {
                        // deploy, and a promotion without a canary.
                        const version = aws.publishVersion("orders");
                        next = { stable: version };
                        run = program(version);
                    }
                    const up = await stack.up(run, NOON);
                    expect(up.error, `K1 ${what}: ${up.output}`).to.equal(undefined);
                    routed = next;
                    last = run;
                    failed = false;
                    failedVersions.length = 0;
                    expectHolds(aws, routed, `K1 ${what}`);
                }
                const gone = await stack.destroy();
                expect(gone.error, gone.output).to.equal(undefined);
                expect(aws.provisionedConcurrencyConfigs(), "K4").to.deep.equal([]);
                expect(aws.scalableTargetList(), "K4").to.deep.equal([]);
                expect(aws.aliasesOf("orders"), "K4").to.deep.equal({});
            } finally {
                await stack.remove();
            }
        });
    }
});
