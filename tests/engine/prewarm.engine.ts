// A code deploy warmed by LambdaWarmer under the real engine (issue 21): without provisioned concurrency, the alias
// moves to a new version only after the deploy-time warm-up reached it (warmedQualifier), and a version that no ping
// reaches stops `pulumi up` before the alias moves. The pattern of the README: one warmer, schedule off, warms each
// new version at deploy time and gates the alias; another pings the alias on its schedule, so that it keeps warming
// the live version whatever a failed deploy left.
import { expect } from "chai";
import { Alias } from "@pulumi/aws/lambda";
import { LambdaWarmer } from "../../components";
import { callPosition, ordersStack } from "./deploy-order";

const NOON = new Date("2026-12-01T12:00:00Z");

function program(version: string): () => void {
    return () => {
        const deploy = new LambdaWarmer("deploy", { targets: [{ functionName: "orders", qualifier: version, concurrency: 3 }], prewarm: true, enabled: false });
        const alias = new Alias("live", { functionName: "orders", name: "live", functionVersion: deploy.warmedQualifier(0) });
        new LambdaWarmer("pings", { targets: [{ functionName: "orders", qualifier: alias.name, concurrency: 3 }] });
    };
}

describe("LambdaWarmer.warmedQualifier: versions go live warmed, under the real engine", () => {
    it("each new version is pinged before the alias moves to it; one that fails to initialize stops the up, the alias stays, the next version goes live", async () => {
        const { account, stack } = await ordersStack();
        try {
            const first = await stack.up(program("1"), NOON);
            expect(first.error, first.output).to.equal(undefined);
            expect(callPosition(first.awsCalls, "Invoke(orders,1)")).to.be.below(callPosition(first.awsCalls, "CreateAlias(orders,live,1)"));

            const second = account.aws.publishVersion("orders");
            const deployed = await stack.up(program(second), NOON);
            expect(deployed.error, deployed.output).to.equal(undefined);
            expect(callPosition(deployed.awsCalls, `Invoke(orders,${second})`)).to.be.below(callPosition(deployed.awsCalls, `UpdateAlias(orders,live,${second})`));
            expect(account.aws.aliasesOf("orders")).to.deep.equal({ live: second });

            const broken = account.aws.publishVersion("orders");
            account.aws.failInitializationOf("orders", broken);
            for (const attempt of ["first", "again"]) {
                const failed = await stack.up(program(broken), NOON);
                expect(failed.error, attempt).to.equal("pulumi up exited with 1");
                expect(failed.output, attempt).to.contain(
                    `LambdaWarmer "deploy": targets[0] (function "orders" qualifier "${broken}"): none of its 3 warm-up pings at deploy time reached an instance: 3 failed`,
                );
                expect(failed.awsCalls.filter((call) => call.includes("Alias(")), attempt).to.deep.equal([]);
                expect(account.aws.aliasesOf("orders"), attempt).to.deep.equal({ live: second });
            }

            const fixed = account.aws.publishVersion("orders");
            const rolled = await stack.up(program(fixed), NOON);
            expect(rolled.error, rolled.output).to.equal(undefined);
            expect(callPosition(rolled.awsCalls, `Invoke(orders,${fixed})`)).to.be.below(callPosition(rolled.awsCalls, `UpdateAlias(orders,live,${fixed})`));
            expect(account.aws.aliasesOf("orders")).to.deep.equal({ live: fixed });
            expect((await stack.destroy()).error).to.equal(undefined);
            expect(account.aws.aliasesOf("orders")).to.deep.equal({});
        } finally {
            await stack.remove();
        }
    });
});
