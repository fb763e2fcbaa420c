// What the engine does when a program fails after it started registering: a component whose Output-time check fails
// (a qualifier that resolves to "$LATEST") registers none of its children, so that nothing wrong reaches AWS.
//
// Under the Automation API's inline programs (@pulumi/pulumi automation/server.js, LanguageServer.run, read in 3.270)
// the SDK signals the end of the program to the engine (settings.disconnect(true): SignalAndWaitForShutdown) before
// it looks at the errors the program logged, so the engine takes the program as complete and deletes what it no
// longer registers: the configuration the component had deployed is deleted, then the update fails with the check's
// message. The CLI's own Node.js language host does not signal the end when an error was logged
// (cmd/run/index.js, beforeExitHandler), so `pulumi up` stops before any delete; its binary is not built here (its Go
// module is not served), so this test pins the inline behaviour, which the acceptance suite and Automation API users
// meet (README, "What the real engine showed").
import { expect } from "chai";
import * as pulumi from "@pulumi/pulumi";
import { FixedConcurrency } from "../../components";
import { EngineStack, StandInAccount } from "./harness";

const NOON = new Date("2026-12-01T12:00:00Z");

describe("a program that fails an Output-time check, under the real engine (inline program)", () => {
    it("stops with the component's message; the configuration it no longer registers is deleted (the SDK's inline language server)", async () => {
        const account = new StandInAccount();
        account.aws.addFunction("orders", { versions: ["1", "2"], aliases: { live: "2" } });
        const stack = await EngineStack.create(account);
        try {
            const first = await stack.up(() => void new FixedConcurrency("api", { functionName: "orders", qualifier: "live", provisionedConcurrentExecutions: 5 }), NOON);
            expect(first.error, first.output).to.equal(undefined);
            const failed = await stack.up(
                () => void new FixedConcurrency("api", { functionName: "orders", qualifier: pulumi.output("$LATEST"), provisionedConcurrentExecutions: 5 }),
                NOON,
            );
            expect(failed.error).to.equal("pulumi up exited with 1");
            expect(failed.output).to.contain(
                'FixedConcurrency "api": qualifier cannot be "$LATEST": provisioned concurrency needs a published version or an alias',
            );
            expect(failed.awsCalls).to.deep.equal(["DeregisterScalableTarget(function:orders:live)", "DeleteProvisionedConcurrencyConfig(orders,live)"]);
            expect(account.aws.provisionedConcurrencyConfigs()).to.deep.equal([]);
            // The next good up puts it back.
            const fixed = await stack.up(() => void new FixedConcurrency("api", { functionName: "orders", qualifier: "live", provisionedConcurrentExecutions: 5 }), NOON);
            expect(fixed.error, fixed.output).to.equal(undefined);
            expect(account.aws.provisionedConcurrencyConfigs()).to.deep.equal([{ functionName: "orders", qualifier: "live", count: 5 }]);
            expect((await stack.destroy()).error).to.equal(undefined);
            expect(account.aws.provisionedConcurrencyConfigs()).to.deep.equal([]);
        } finally {
            await stack.remove();
            await account.stop();
        }
    });
});
