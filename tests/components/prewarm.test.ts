// LambdaWarmer's warmedQualifier (issue 21): an alias waits for the warm-up at deploy time to reach a new version,
// and a version that no ping reached stops the deployment before the alias moves. The check itself is pure
// (prewarm-readiness.ts); the component's part runs under the mocks, whose warmer function answers as a healthy one.
import { expect } from "chai";
import { Alias } from "@pulumi/aws/lambda";
import { LambdaWarmer } from "../../components";
import { prewarmReadinessProblem } from "../../components/prewarm-readiness";
import { warmerFunctionReply } from "../../testing/warmer-reply";
import { ofType, resetProgram, settled, testFunction, thrownMessage, valueOf } from "../helpers/pulumi";

const INVOCATION = "aws:lambda/invocation:Invocation";
const ALIAS = "aws:lambda/alias:Alias";

describe("prewarmReadinessProblem (pure)", () => {
    const PLAN = JSON.stringify({ targets: [{ functionName: "users", concurrency: 1 }, { functionName: "orders", qualifier: "8", concurrency: 3 }] });
    const state = { label: 'LambdaWarmer "pings"', index: 31, position: 1, functionName: "orders", qualifier: "8" };

    it("passes a target that a ping reached", () => {
        expect(prewarmReadinessProblem({ ...state, result: warmerFunctionReply(PLAN) })).to.equal(undefined);
    });

    it("passes a target whose handler ran the pings as plain events (not wrapped with withWarmup: still initialized)", () => {
        const reply = JSON.stringify({ targets: [{}, { skipped: null, requested: 3, instancesReached: 0, unrecognizedReplies: 3, errors: 0, throttles: 0, errorSamples: [] }] });
        expect(prewarmReadinessProblem({ ...state, result: reply })).to.equal(undefined);
    });

    it("stops a target that no ping reached, saying what failed and how to roll on", () => {
        expect(prewarmReadinessProblem({ ...state, result: warmerFunctionReply(PLAN, (name) => name === "orders") })).to.equal(
            'LambdaWarmer "pings": targets[31] (function "orders" qualifier "8"): none of its 3 warm-up pings at deploy time reached an instance: 3 failed (Unhandled: Runtime.InitError: the function\'s initialization failed), 0 throttled. So nothing that waits for it (an alias given warmedQualifier(31)) moves to it. A version whose initialization fails answers every ping with an error: the function\'s logs show it. Fix the function and run `pulumi up` again: the new version is warmed, and goes live once a ping reaches it.',
        );
        const throttled = JSON.stringify({ targets: [{}, { skipped: null, requested: 3, instancesReached: 0, unrecognizedReplies: 0, errors: 0, throttles: 3, errorSamples: [] }] });
        expect(prewarmReadinessProblem({ ...state, result: throttled })).to.match(/: none of its 3 warm-up pings at deploy time reached an instance: 0 failed, 3 throttled\. /);
    });

    it("stops a target the warmer skipped, and one without a report", () => {
        const skipped = JSON.stringify({ targets: [{}, { skipped: "it is this warmer itself", requested: 0 }] });
        expect(prewarmReadinessProblem({ ...state, result: skipped })).to.equal(
            'LambdaWarmer "pings": targets[31] (function "orders" qualifier "8") was not warmed at deploy time: it is this warmer itself.',
        );
        for (const result of [undefined, "null", "{}", JSON.stringify({ targets: [{}] })]) {
            expect(prewarmReadinessProblem({ ...state, result }), String(result)).to.equal(
                `LambdaWarmer "pings": targets[31] (function "orders" qualifier "8"): the warm-up at deploy time returned no report for it (the warmer function answered ${JSON.stringify(result ?? null)}), so nothing that waits for it moves. Run \`pulumi up\` again; if it persists, the warmer function's logs say why.`,
            );
        }
    });
});

describe("LambdaWarmer.warmedQualifier", () => {
    beforeEach(resetProgram);

    it("resolves to the version once the deploy-time warm-up reached it; an alias given it waits for the warm-up", async () => {
        const fn = testFunction("orders", { publish: true });
        const warmer = new LambdaWarmer("pings", { targets: [{ functionName: fn.name, qualifier: fn.version, concurrency: 3 }], prewarm: true });
        new Alias("live", { functionName: fn.name, functionVersion: warmer.warmedQualifier(0) });
        const resources = await settled();
        const [invocation] = ofType(resources, INVOCATION);
        const [alias] = ofType(resources, ALIAS);
        expect(alias.inputs.functionVersion).to.equal("1");
        expect(alias.propertyDependencies?.functionVersion).to.include(invocation.urn);
        expect(await valueOf(warmer.warmedQualifier(0))).to.equal("1");
        // One gate per target, made once.
        expect(warmer.warmedQualifier(0)).to.equal(warmer.warmedQualifier(0));
    });

    it("refuses a warmer without prewarm, an index out of range and a target without a qualifier, naming the fix", () => {
        const plain = new LambdaWarmer("plain", { targets: [{ functionName: "orders", qualifier: "3" }] });
        expect(thrownMessage(() => plain.warmedQualifier(0))).to.equal(
            'LambdaWarmer "plain": warmedQualifier(0): the warmer warms at deploy time only with prewarm: true; set it, so that there is a warm-up to wait for',
        );
        const warmer = new LambdaWarmer("pings", { targets: [{ functionName: "orders", qualifier: "4" }, { functionName: "users" }], prewarm: true });
        for (const index of [2, -1, 0.5]) {
            expect(thrownMessage(() => warmer.warmedQualifier(index))).to.equal(
                `LambdaWarmer "pings": warmedQualifier(${index}): targets has 2 entries; give the index of one (0 to 1)`,
            );
        }
        expect(thrownMessage(() => warmer.warmedQualifier(1))).to.equal(
            'LambdaWarmer "pings": warmedQualifier(1): targets[1] has no qualifier; warm the published version the alias is to route to (qualifier: fn.version)',
        );
    });
});
