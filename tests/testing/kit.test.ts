// The testing kit (`lambda-concurrency/testing`) in-process: its options reach URNs and ARNs, the engine's duplicate
// URN refusal, the reset between tests, and the helpers. Its mocha hooks are tested in a child process
// (hooks.test.ts), so that they don't change how the rest of this run behaves.
import { expect } from "chai";
import * as pulumi from "@pulumi/pulumi";
import { Alias, Function } from "@pulumi/aws/lambda";
import {
    autoName,
    failureMessage,
    findResource,
    installMocks,
    mockOptions,
    newProgram,
    outputValue,
    recordedResources,
    resetMocks,
    settled,
    urnOf,
} from "../../testing";
import { FixedConcurrency } from "../../components";
import { resetProgram } from "../helpers/pulumi";

const FUNCTION = "aws:lambda/function:Function";
const ALIAS = "aws:lambda/alias:Alias";
const FIXED = "lambda-concurrency:index:FixedConcurrency";

function ordersFunction(name = "orders"): Function {
    return new Function(name, {
        runtime: "nodejs22.x",
        handler: "index.handler",
        role: "arn:aws:iam::210987654321:role/orders",
        code: new pulumi.asset.AssetArchive({ "index.js": new pulumi.asset.StringAsset("exports.handler = async () => 1;") }),
        publish: true,
    });
}

describe("lambda-concurrency/testing", () => {
    before(() => {
        installMocks({ project: "shop", stack: "prod", region: "eu-west-1", accountId: "210987654321", hooks: false });
    });
    beforeEach(resetMocks);
    // The rest of the run expects this repository's own mocks back.
    after(resetProgram);

    it("fills in the defaults and reports the options in force", () => {
        expect(mockOptions()).to.deep.equal({ project: "shop", stack: "prod", region: "eu-west-1", accountId: "210987654321", preview: false });
        expect(pulumi.getProject()).to.equal("shop");
        expect(pulumi.getStack()).to.equal("prod");
    });

    it("names the function as the provider would, with the region and account in its ARNs", async () => {
        const fn = ordersFunction();
        const name = autoName(FUNCTION, "orders");
        expect(await outputValue(fn.name)).to.equal(name);
        expect(await outputValue(fn.arn)).to.equal(`arn:aws:lambda:eu-west-1:210987654321:function:${name}`);
        expect(await outputValue(fn.version)).to.equal("1");
        expect(await outputValue(fn.invokeArn)).to.equal(
            `arn:aws:apigateway:eu-west-1:lambda:path/2015-03-31/functions/arn:aws:lambda:eu-west-1:210987654321:function:${name}/invocations`,
        );
        expect(await outputValue(fn.urn)).to.equal(`urn:pulumi:prod::shop::${FUNCTION}::orders`);
        expect(urnOf(FUNCTION, "orders")).to.equal(`urn:pulumi:prod::shop::${FUNCTION}::orders`);
    });

    it("uses the region's partition", async () => {
        installMocks({ project: "shop", stack: "prod", region: "cn-north-1", hooks: false });
        try {
            const fn = ordersFunction();
            expect(await outputValue(fn.arn)).to.equal(`arn:aws-cn:lambda:cn-north-1:123456789012:function:${autoName(FUNCTION, "orders")}`);
        } finally {
            installMocks({ project: "shop", stack: "prod", region: "eu-west-1", accountId: "210987654321", hooks: false });
        }
    });

    it("records the tree: a component and its configuration, on a function and alias of the program", async () => {
        const fn = ordersFunction();
        const live = new Alias("live", { name: "live", functionName: fn.name, functionVersion: fn.version });
        new FixedConcurrency("orders-warm", { functionName: fn.name, qualifier: live.name, provisionedConcurrentExecutions: 3 });
        const resources = await settled();
        expect(resources.map((r) => [r.type, r.name])).to.deep.equal([
            [FUNCTION, "orders"],
            [ALIAS, "live"],
            [FIXED, "orders-warm"],
            ["aws:lambda/provisionedConcurrencyConfig:ProvisionedConcurrencyConfig", "orders-warm"],
            ["aws:appautoscaling/target:Target", "orders-warm-target"],
        ]);
        const config = findResource("aws:lambda/provisionedConcurrencyConfig:ProvisionedConcurrencyConfig", "orders-warm");
        expect(config.parent).to.equal(urnOf(FIXED, "orders-warm"));
        expect(config.inputs).to.deep.equal({
            functionName: autoName(FUNCTION, "orders"),
            qualifier: "live",
            provisionedConcurrentExecutions: 3,
            skipDestroy: false,
        });
        expect(config.dependencies).to.include.members([urnOf(FUNCTION, "orders"), urnOf(ALIAS, "live")]);
        // Which input waits for which resource, as the engine is told.
        expect(findResource(ALIAS, "live").propertyDependencies).to.deep.equal({
            functionName: [urnOf(FUNCTION, "orders")],
            functionVersion: [urnOf(FUNCTION, "orders")],
        });
        expect(recordedResources(ALIAS).map((r) => r.state.arn)).to.deep.equal([
            `arn:aws:lambda:eu-west-1:210987654321:function:${autoName(FUNCTION, "orders")}:live`,
        ]);
    });

    it("refuses a second resource with the same URN, with the engine's message", async () => {
        const fn = ordersFunction();
        new Alias("live", { name: "live", functionName: fn.name, functionVersion: fn.version });
        const second = new Alias("live", { name: "live", functionName: fn.name, functionVersion: fn.version });
        const message = `Duplicate resource URN 'urn:pulumi:prod::shop::${ALIAS}::live'; try giving it a unique name`;
        expect(await failureMessage(outputValue(second.arn))).to.contain(message);
        expect(await failureMessage(settled())).to.equal(`the mocks refused 1 registration(s): ${message}`);
        // Taken by settled(): nothing left for the next test.
        expect(await settled()).to.have.length(2);
    });

    it("accepts the same name under another parent or of another type", async () => {
        const fn = ordersFunction("live");
        new Alias("live", { name: "live", functionName: fn.name, functionVersion: fn.version });
        new FixedConcurrency("live", { functionName: "orders", qualifier: "live", provisionedConcurrentExecutions: 1 });
        // In the order the registrations complete, which the aliases each child awaits (child-aliases.ts) may change.
        expect((await settled()).map((r) => r.name).sort()).to.deep.equal(["live", "live", "live", "live", "live-target"]);
    });

    it("lets the next program reuse names and qualifiers after resetMocks or newProgram, also while the last one is in flight", async () => {
        new FixedConcurrency("a", { functionName: "orders", qualifier: "live", provisionedConcurrentExecutions: 1 });
        // No await: the first program's registrations are still in flight when the next one starts.
        resetMocks();
        new FixedConcurrency("a", { functionName: "orders", qualifier: "live", provisionedConcurrentExecutions: 2 });
        newProgram();
        new FixedConcurrency("b", { functionName: "orders", qualifier: "live", provisionedConcurrentExecutions: 3 });
        const counts = (await settled())
            .filter((r) => r.type === "aws:lambda/provisionedConcurrencyConfig:ProvisionedConcurrencyConfig")
            .map((r) => r.inputs.provisionedConcurrentExecutions);
        // resetMocks forgot what the first program had recorded by then; newProgram kept the second's records.
        expect(counts).to.include.members([2, 3]);
        expect(counts).to.have.length.within(2, 3);
    });

    it("refuses two components on orders:live within one program", async () => {
        new FixedConcurrency("a", { functionName: "orders", qualifier: "live", provisionedConcurrentExecutions: 1 });
        expect(await failureMessage(() => new FixedConcurrency("b", { functionName: "orders", qualifier: "live", provisionedConcurrentExecutions: 1 }))).to.match(
            /^FixedConcurrency "b": FixedConcurrency "b" and FixedConcurrency "a" both give provisioned concurrency to function "orders" qualifier "live"/,
        );
        await settled();
    });

    describe("failureMessage", () => {
        it("returns what a function throws, or what a promise or Output rejects with", async () => {
            expect(
                await failureMessage(() => {
                    throw new Error("thrown");
                }),
            ).to.equal("thrown");
            expect(await failureMessage(Promise.reject(new Error("rejected")))).to.equal("rejected");
            expect(await failureMessage(() => Promise.reject(new Error("later")))).to.equal("later");
            const fixed = new FixedConcurrency("late", {
                functionName: "orders",
                qualifier: pulumi.output("$LATEST"),
                provisionedConcurrentExecutions: 1,
            });
            expect(await failureMessage(fixed.qualifier)).to.contain('FixedConcurrency "late": qualifier cannot be "$LATEST"');
            await settled().catch(() => undefined);
        });

        it("fails when nothing fails", async () => {
            expect(await failureMessage(failureMessage(() => 1))).to.equal("expected a failure, but nothing was thrown");
            expect(await failureMessage(failureMessage(Promise.resolve(1)))).to.equal("expected a failure, but the promise resolved");
        });
    });

    it("finds one resource by type and name, and says what there is otherwise", async () => {
        ordersFunction();
        await settled();
        expect(findResource(FUNCTION, "orders").state.memorySize).to.equal(128);
        expect(() => findResource(FUNCTION, "payments")).to.throw(`no ${FUNCTION} named "payments" was registered; there are "orders"`);
        expect(() => findResource(ALIAS, "live")).to.throw(`no ${ALIAS} named "live" was registered`);
    });

    it("runs as a preview when asked: isDryRun() is true, and the mocks still answer", async () => {
        installMocks({ project: "shop", stack: "prod", preview: true, hooks: false });
        try {
            expect(pulumi.runtime.isDryRun()).to.equal(true);
            const fn = ordersFunction();
            const known = await (fn.name as unknown as { isKnown: Promise<boolean> }).isKnown;
            // The mocks still compute the name during a preview, as the AWS-like mocks always answer.
            expect(known).to.equal(true);
        } finally {
            installMocks({ project: "shop", stack: "prod", region: "eu-west-1", accountId: "210987654321", hooks: false });
        }
    });
});
