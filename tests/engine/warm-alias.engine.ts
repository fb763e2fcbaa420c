// A code deploy through WarmAlias under the real engine (issue 21): each new version's provisioned concurrency is
// allocated before the alias moves to it, the old version's is deleted after, nothing accumulates, and a version that
// fails to initialize stops `pulumi up` before the alias moves, with the next good deploy rolling on unaided.
import { expect } from "chai";
import { FixedConcurrency, UtilizationScaling, WarmAlias } from "../../components";
import { AwsModel } from "../helpers/lifecycle/aws-model";
import { callPosition, ordersStack } from "./deploy-order";

const NOON = new Date("2026-12-01T12:00:00Z");

function program(version: string): () => void {
    return () => void new WarmAlias("live", { functionName: "orders", aliasName: "live", functionVersion: version, provisionedConcurrentExecutions: 3 });
}

describe("WarmAlias: versions go live warm, under the real engine", () => {
    it("20 deploys: each configuration allocated, then the alias moved, then the old one deleted; at most 2 configurations at any time, 1 after each", async () => {
        const { account, stack } = await ordersStack();
        try {
            const first = await stack.up(program("1"), NOON);
            expect(first.error, first.output).to.equal(undefined);
            expect(account.aws.aliasesOf("orders")).to.deep.equal({ live: "1" });
            for (let deploy = 2; deploy <= 21; deploy++) {
                const version = account.aws.publishVersion("orders");
                const up = await stack.up(program(version), NOON);
                expect(up.error, up.output).to.equal(undefined);
                const calls = up.awsCalls;
                const put = callPosition(calls, `PutProvisionedConcurrencyConfig(orders,${version},3)`);
                const read = callPosition(calls, `GetProvisionedConcurrencyConfig(orders,${version})`);
                const move = callPosition(calls, `UpdateAlias(orders,live,${version})`);
                const release = callPosition(calls, `DeleteProvisionedConcurrencyConfig(orders,${Number(version) - 1})`);
                expect(put < read && read < move && move < release, JSON.stringify(calls)).to.equal(true);
                expect(account.aws.aliasesOf("orders")).to.deep.equal({ live: version });
                expect(account.aws.provisionedConcurrencyConfigs()).to.deep.equal([{ functionName: "orders", qualifier: version, count: 3 }]);
                expect(account.aws.scalableTargetList().map((t) => t.resourceId)).to.deep.equal([`function:orders:${version}`]);
                // During the deploy: the new configuration was put while the old one was there, never a third.
                const before = calls.slice(0, release).filter((call) => call.startsWith("PutProvisionedConcurrencyConfig")).length;
                expect(before).to.equal(1);
            }
            const gone = await stack.destroy();
            expect(gone.error, gone.output).to.equal(undefined);
            expect(account.aws.provisionedConcurrencyConfigs()).to.deep.equal([]);
            expect(account.aws.aliasesOf("orders")).to.deep.equal({});
        } finally {
            await stack.remove();
        }
    });

    // The properties found this in the model (tests/components/lifecycle-properties.test.ts, "WarmAlias deploys"):
    // without the takeover aliases (swaps.ts), each step created the configuration anew under the other component
    // and the old one's delete, run last, took the capacity of version 1 with it.
    it("a FixedConcurrency on version 1, then a WarmAlias of its name there, then a UtilizationScaling: each takes over the configuration, version 1 keeps its capacity", async () => {
        const { account, stack } = await ordersStack();
        const fixed = () => void new FixedConcurrency("live", { functionName: "orders", qualifier: "1", provisionedConcurrentExecutions: 3 });
        const scaling = () => void new UtilizationScaling("live", { functionName: "orders", qualifier: "1", minCapacity: 3, maxCapacity: 10 });
        try {
            const steps: [string, () => void, Record<string, string>][] = [
                ["FixedConcurrency", fixed, {}],
                ["WarmAlias", program("1"), { live: "1" }],
                ["UtilizationScaling", scaling, {}],
                ["WarmAlias again", program("1"), { live: "1" }],
            ];
            for (const [what, step, aliases] of steps) {
                const up = await stack.up(step, NOON);
                expect(up.error, `${what}: ${up.output}`).to.equal(undefined);
                expect(up.awsCalls.filter((call) => call.startsWith("DeleteProvisionedConcurrencyConfig") || call.startsWith("Deregister")), what).to.deep.equal([]);
                expect(account.aws.provisionedConcurrencyConfigs(), what).to.deep.equal([{ functionName: "orders", qualifier: "1", count: 3 }]);
                expect(account.aws.scalableTargetList().map((t) => t.resourceId), what).to.deep.equal(["function:orders:1"]);
                expect(account.aws.aliasesOf("orders"), what).to.deep.equal(aliases);
            }
            expect((await stack.destroy()).error).to.equal(undefined);
            expect(account.aws.provisionedConcurrencyConfigs()).to.deep.equal([]);
        } finally {
            await stack.remove();
        }
    });

    for (const retries of [true, false]) {
        it(`a version that fails to initialize stops the up before the alias moves, also when retried (the provider's empty update ${retries ? "puts and waits again" : "returns the state unchanged"}); the next good version rolls on`, async () => {
            const { account, stack } = await ordersStack(new AwsModel({ emptyUpdateRetriesAllocation: retries }));
            try {
                expect((await stack.up(program("1"), NOON)).error).to.equal(undefined);
                const broken = account.aws.publishVersion("orders");
                account.aws.failInitializationOf("orders", broken);
                const failed = await stack.up(program(broken), NOON);
                expect(failed.error).to.equal("pulumi up exited with 1");
                expect(failed.output).to.contain("unexpected state 'FAILED', wanted target 'READY'. last error: FUNCTION_ERROR_INIT_FAILURE");
                expect(failed.awsCalls.filter((call) => call.includes("Alias") || call.startsWith("Delete"))).to.deep.equal([]);
                expect(account.aws.aliasesOf("orders")).to.deep.equal({ live: "1" });
                // Version 1 keeps its 3; the failed configuration exists in AWS with nothing allocated.
                const leftAsItWas = [
                    { functionName: "orders", qualifier: "1", count: 3 },
                    { functionName: "orders", qualifier: broken, count: 0 },
                ];
                expect(account.aws.provisionedConcurrencyConfigs()).to.deep.equal(leftAsItWas);
                // The same broken version again: the engine updates the configuration left with errors. The provider
                // puts and waits again and fails the same way; one that did not would still be stopped by the read
                // of what Lambda allocated.
                const again = await stack.up(program(broken), NOON);
                expect(again.error).to.equal("pulumi up exited with 1");
                expect(again.output).to.contain(
                    retries
                        ? "unexpected state 'FAILED', wanted target 'READY'. last error: FUNCTION_ERROR_INIT_FAILURE"
                        : `WarmAlias "live": version ${broken} of function "orders" has 0 of its 3 provisioned environments ready, so alias "live" stays on the version it routes to now.`,
                );
                expect(again.awsCalls.filter((call) => call.includes("Alias") || call.startsWith("Delete"))).to.deep.equal([]);
                expect(account.aws.aliasesOf("orders")).to.deep.equal({ live: "1" });
                expect(account.aws.provisionedConcurrencyConfigs()).to.deep.equal(leftAsItWas);
                const fixed = account.aws.publishVersion("orders");
                const rolled = await stack.up(program(fixed), NOON);
                expect(rolled.error, rolled.output).to.equal(undefined);
                expect(account.aws.aliasesOf("orders")).to.deep.equal({ live: fixed });
                expect(account.aws.provisionedConcurrencyConfigs()).to.deep.equal([{ functionName: "orders", qualifier: fixed, count: 3 }]);
                expect(account.aws.scalableTargetList().map((t) => [t.resourceId, t.minCapacity, t.maxCapacity])).to.deep.equal([[`function:orders:${fixed}`, 3, 3]]);
                expect((await stack.destroy()).error).to.equal(undefined);
                expect(account.aws.provisionedConcurrencyConfigs()).to.deep.equal([]);
                expect(account.aws.scalableTargetList()).to.deep.equal([]);
            } finally {
                await stack.remove();
            }
        });
    }

    describe("with scaling: each new version starts with the count Application Auto Scaling has on the live one", () => {
        const scaling = (version: string) => () =>
            void new WarmAlias("live", { functionName: "orders", aliasName: "live", functionVersion: version, scaling: { minCapacity: 2, maxCapacity: 20 } });

        it("scaled to 7, 12, 25 (held at 20) and 1 (held at 2) between deploys: each version starts with the live count, then the alias moves, then the old one's configuration, target and policy go", async () => {
            const { account, stack } = await ordersStack();
            try {
                const first = await stack.up(scaling("1"), NOON);
                expect(first.error, first.output).to.equal(undefined);
                // A first deploy: no alias yet, so nothing to carry: the minimum in force.
                expect(first.awsCalls.filter((call) => call.startsWith("GetAlias") || call.startsWith("PutProvisioned"))).to.deep.equal([
                    "GetAlias(orders,live)",
                    "PutProvisionedConcurrencyConfig(orders,1,2)",
                ]);
                let live = "1";
                for (const [scaledTo, carried] of [
                    [7, 7],
                    [12, 12],
                    [25, 20],
                    [1, 2],
                ]) {
                    account.aws.scaleTo(`function:orders:${live}`, scaledTo);
                    const version = account.aws.publishVersion("orders");
                    const up = await stack.up(scaling(version), NOON);
                    expect(up.error, up.output).to.equal(undefined);
                    const calls = up.awsCalls;
                    const readLive = callPosition(calls, `GetProvisionedConcurrencyConfig(orders,${live})`);
                    const put = callPosition(calls, `PutProvisionedConcurrencyConfig(orders,${version},${carried})`);
                    const readNew = callPosition(calls, `GetProvisionedConcurrencyConfig(orders,${version})`);
                    const move = callPosition(calls, `UpdateAlias(orders,live,${version})`);
                    const release = callPosition(calls, `DeleteProvisionedConcurrencyConfig(orders,${live})`);
                    expect(readLive < put && put < readNew && readNew < move && move < release, JSON.stringify(calls)).to.equal(true);
                    expect(account.aws.aliasesOf("orders")).to.deep.equal({ live: version });
                    expect(account.aws.provisionedConcurrencyConfigs()).to.deep.equal([{ functionName: "orders", qualifier: version, count: carried }]);
                    expect(account.aws.scalableTargetList().map((t) => [t.resourceId, t.minCapacity, t.maxCapacity])).to.deep.equal([[`function:orders:${version}`, 2, 20]]);
                    expect(account.aws.scalingPolicyList().map((p) => [p.resourceId, p.policyType])).to.deep.equal([[`function:orders:${version}`, "TargetTrackingScaling"]]);
                    live = version;
                }
                // The same version again: nothing read, nothing changed; the count stays scaling's.
                account.aws.scaleTo(`function:orders:${live}`, 9);
                const again = await stack.up(scaling(live), NOON);
                expect(again.error, again.output).to.equal(undefined);
                expect(again.awsCalls.filter((call) => /^(Put|Delete|UpdateAlias|Register|Deregister)/.test(call))).to.deep.equal([]);
                expect(account.aws.provisionedConcurrencyConfigs()).to.deep.equal([{ functionName: "orders", qualifier: live, count: 9 }]);
                const gone = await stack.destroy();
                expect(gone.error, gone.output).to.equal(undefined);
                expect(account.aws.provisionedConcurrencyConfigs()).to.deep.equal([]);
                expect(account.aws.scalableTargetList()).to.deep.equal([]);
                expect(account.aws.scalingPolicyList()).to.deep.equal([]);
                expect(account.aws.aliasesOf("orders")).to.deep.equal({});
            } finally {
                await stack.remove();
            }
        });

        it("from a fixed count to scaling on the same version: the configuration and target are taken over (nothing deleted), and the next version carries the count", async () => {
            const { account, stack } = await ordersStack();
            try {
                expect((await stack.up(program("1"), NOON)).error).to.equal(undefined);
                const swap = await stack.up(scaling("1"), NOON);
                expect(swap.error, swap.output).to.equal(undefined);
                expect(swap.awsCalls.filter((call) => /^(Delete|Deregister|PutProvisioned|UpdateAlias)/.test(call)), JSON.stringify(swap.awsCalls)).to.deep.equal([]);
                // The count stays the fixed one's 3 (it is scaling's from now on: ignoreChanges); the target gets the bounds.
                expect(account.aws.provisionedConcurrencyConfigs()).to.deep.equal([{ functionName: "orders", qualifier: "1", count: 3 }]);
                expect(account.aws.scalableTargetList().map((t) => [t.resourceId, t.minCapacity, t.maxCapacity])).to.deep.equal([["function:orders:1", 2, 20]]);
                const version = account.aws.publishVersion("orders");
                const up = await stack.up(scaling(version), NOON);
                expect(up.error, up.output).to.equal(undefined);
                expect(account.aws.provisionedConcurrencyConfigs()).to.deep.equal([{ functionName: "orders", qualifier: version, count: 3 }]);
                expect((await stack.destroy()).error).to.equal(undefined);
                expect(account.aws.provisionedConcurrencyConfigs()).to.deep.equal([]);
                expect(account.aws.scalableTargetList()).to.deep.equal([]);
            } finally {
                await stack.remove();
            }
        });

        it("a version that fails to initialize stops the up with the live version's 7 untouched; the next good version starts with those 7", async () => {
            const { account, stack } = await ordersStack();
            try {
                expect((await stack.up(scaling("1"), NOON)).error).to.equal(undefined);
                account.aws.scaleTo("function:orders:1", 7);
                const broken = account.aws.publishVersion("orders");
                account.aws.failInitializationOf("orders", broken);
                const failed = await stack.up(scaling(broken), NOON);
                expect(failed.error).to.equal("pulumi up exited with 1");
                expect(failed.output).to.contain("unexpected state 'FAILED', wanted target 'READY'. last error: FUNCTION_ERROR_INIT_FAILURE");
                expect(account.aws.aliasesOf("orders")).to.deep.equal({ live: "1" });
                expect(account.aws.provisionedConcurrencyConfigs()).to.deep.equal([
                    { functionName: "orders", qualifier: "1", count: 7 },
                    { functionName: "orders", qualifier: broken, count: 0 },
                ]);
                const good = account.aws.publishVersion("orders");
                const rolled = await stack.up(scaling(good), NOON);
                expect(rolled.error, rolled.output).to.equal(undefined);
                expect(rolled.awsCalls).to.include(`PutProvisionedConcurrencyConfig(orders,${good},7)`);
                expect(account.aws.aliasesOf("orders")).to.deep.equal({ live: good });
                expect(account.aws.provisionedConcurrencyConfigs()).to.deep.equal([{ functionName: "orders", qualifier: good, count: 7 }]);
                expect(account.aws.scalableTargetList().map((t) => t.resourceId)).to.deep.equal([`function:orders:${good}`]);
                expect((await stack.destroy()).error).to.equal(undefined);
                expect(account.aws.provisionedConcurrencyConfigs()).to.deep.equal([]);
            } finally {
                await stack.remove();
            }
        });
    });
});
