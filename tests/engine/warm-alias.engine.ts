// A code deploy through WarmAlias under the real engine (issue 21): each new version's provisioned concurrency is
// allocated before the alias moves to it, the old version's is deleted after, nothing accumulates, and a version that
// fails to initialize stops `pulumi up` before the alias moves, with the next good deploy rolling on unaided.
import { expect } from "chai";
import * as fc from "fast-check";
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
                expect(failed.awsCalls.filter((call) => /^(CreateAlias|UpdateAlias|DeleteAlias|Delete)/.test(call))).to.deep.equal([]);
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
                expect(again.awsCalls.filter((call) => /^(CreateAlias|UpdateAlias|DeleteAlias|Delete)/.test(call))).to.deep.equal([]);
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

        it("a WarmAlias that scales on version 1, then a UtilizationScaling of its name there, then a FixedConcurrency: each takes over, version 1 keeps its capacity", async () => {
            const { account, stack } = await ordersStack();
            try {
                const steps: [string, () => void, Record<string, string>, number][] = [
                    ["WarmAlias with scaling", scaling("1"), { live: "1" }, 2],
                    ["UtilizationScaling", () => void new UtilizationScaling("live", { functionName: "orders", qualifier: "1", minCapacity: 2, maxCapacity: 20 }), {}, 2],
                    ["FixedConcurrency", () => void new FixedConcurrency("live", { functionName: "orders", qualifier: "1", provisionedConcurrentExecutions: 3 }), {}, 3],
                ];
                for (const [what, step, aliases, count] of steps) {
                    const up = await stack.up(step, NOON);
                    expect(up.error, `${what}: ${up.output}`).to.equal(undefined);
                    expect(up.awsCalls.filter((call) => call.startsWith("DeleteProvisionedConcurrencyConfig") || call.startsWith("Deregister")), what).to.deep.equal([]);
                    expect(account.aws.provisionedConcurrencyConfigs(), what).to.deep.equal([{ functionName: "orders", qualifier: "1", count }]);
                    expect(account.aws.aliasesOf("orders"), what).to.deep.equal(aliases);
                }
                expect((await stack.destroy()).error).to.equal(undefined);
                expect(account.aws.provisionedConcurrencyConfigs()).to.deep.equal([]);
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

        // Random sequences under the real engine. The invariants, checked after every step:
        // - C1: after an up that completed, the alias routes to the version of the program, which has the only
        //   configuration (at least the minimum in force allocated), the only target (2 to 20) and the only policy;
        // - C2: a new version starts with what Lambda had allocated on the live one just before the up, kept in 2..20;
        // - C3: an up of the same version, a preview and a refresh change nothing in AWS, and keep scaling's count;
        // - C4: a version that fails to initialize leaves the alias and the live version's count as they were, and the
        //   next good version (rolling forward, as the README says to) carries that count;
        // - C5: nothing of the stack is left after destroy.
        type Step = { kind: "deploy" } | { kind: "broken" } | { kind: "scale"; to: number } | { kind: "same" } | { kind: "preview" } | { kind: "refresh" };
        const step: fc.Arbitrary<Step> = fc.oneof(
            { weight: 3, arbitrary: fc.constant<Step>({ kind: "deploy" }) },
            { weight: 1, arbitrary: fc.constant<Step>({ kind: "broken" }) },
            { weight: 3, arbitrary: fc.integer({ min: 1, max: 30 }).map((to): Step => ({ kind: "scale", to })) },
            { weight: 1, arbitrary: fc.constantFrom<Step>({ kind: "same" }, { kind: "preview" }, { kind: "refresh" }) },
        );
        const SEED = Number(process.env.WARM_ALIAS_ENGINE_SEED ?? 2121);
        const sequences = fc.sample(fc.array(step, { minLength: 4, maxLength: 7 }), { seed: SEED, numRuns: 4 });
        const mutating = (calls: string[]): string[] => calls.filter((call) => /^(Put|Delete|UpdateAlias|CreateAlias|Register|Deregister)/.test(call));

        for (const [index, steps] of sequences.entries()) {
            const described = steps.map((s) => (s.kind === "scale" ? `scale to ${s.to}` : s.kind)).join(", ");
            it(`random sequence ${index + 1} (seed ${SEED}): ${described}; then destroy`, async () => {
                const { account, stack } = await ordersStack();
                const allocatedOn = (version: string): number => account.aws.provisionedConcurrencyConfig("orders", version)?.allocated ?? 0;
                const holds = (live: string, count: number, what: string): void => {
                    expect(account.aws.aliasesOf("orders"), `C1 alias: ${what}`).to.deep.equal({ live });
                    expect(account.aws.provisionedConcurrencyConfigs(), `C1 configuration: ${what}`).to.deep.equal([{ functionName: "orders", qualifier: live, count }]);
                    expect(count, `C1 at least the minimum: ${what}`).to.be.at.least(2);
                    expect(account.aws.scalableTargetList().map((t) => [t.resourceId, t.minCapacity, t.maxCapacity]), `C1 target: ${what}`).to.deep.equal([[`function:orders:${live}`, 2, 20]]);
                    expect(account.aws.scalingPolicyList().map((p) => p.resourceId), `C1 policy: ${what}`).to.deep.equal([`function:orders:${live}`]);
                };
                try {
                    const first = await stack.up(scaling("1"), NOON);
                    expect(first.error, first.output).to.equal(undefined);
                    let live = "1";
                    let count = 2;
                    holds(live, count, "first up");
                    // After a failed deploy only a new good version is shipped next (roll forward, not back by number).
                    let failedBefore = false;
                    for (const s of steps) {
                        const what = s.kind === "scale" ? `scale to ${s.to}` : s.kind;
                        if (s.kind === "scale") {
                            account.aws.scaleTo(`function:orders:${live}`, s.to);
                            count = Math.min(20, Math.max(2, s.to));
                            expect(allocatedOn(live), what).to.equal(count);
                            continue;
                        }
                        if (s.kind === "refresh" || s.kind === "preview" || (s.kind === "same" && !failedBefore)) {
                            const result = s.kind === "refresh" ? await stack.refresh() : s.kind === "preview" ? await stack.preview(scaling(live), NOON) : await stack.up(scaling(live), NOON);
                            expect(result.error, `${what}: ${result.output}`).to.equal(undefined);
                            expect(mutating(result.awsCalls), `C3 ${what}`).to.deep.equal([]);
                            if (!failedBefore) {
                                holds(live, count, what);
                            }
                            continue;
                        }
                        const version = account.aws.publishVersion("orders");
                        if (s.kind === "broken") {
                            account.aws.failInitializationOf("orders", version);
                            const failed = await stack.up(scaling(version), NOON);
                            expect(failed.error, `C4 ${what}: ${failed.output}`).to.equal("pulumi up exited with 1");
                            expect(account.aws.aliasesOf("orders"), `C4 ${what}`).to.deep.equal({ live });
                            expect(allocatedOn(live), `C4 ${what}`).to.equal(count);
                            failedBefore = true;
                            continue;
                        }
                        // deploy (also what "same" becomes after a failure: the next good version).
                        const carried = Math.min(20, Math.max(2, allocatedOn(live)));
                        const up = await stack.up(scaling(version), NOON);
                        expect(up.error, `${what} ${version}: ${up.output}`).to.equal(undefined);
                        expect(up.awsCalls, `C2 ${what} ${version}`).to.include(`PutProvisionedConcurrencyConfig(orders,${version},${carried})`);
                        live = version;
                        count = carried;
                        failedBefore = false;
                        holds(live, count, `${what} ${version}`);
                    }
                    const gone = await stack.destroy();
                    expect(gone.error, gone.output).to.equal(undefined);
                    expect(account.aws.provisionedConcurrencyConfigs(), "C5").to.deep.equal([]);
                    expect(account.aws.scalableTargetList(), "C5").to.deep.equal([]);
                    expect(account.aws.scalingPolicyList(), "C5").to.deep.equal([]);
                    expect(account.aws.aliasesOf("orders"), "C5").to.deep.equal({});
                } finally {
                    await stack.remove();
                }
            });
        }

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
