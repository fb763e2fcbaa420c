// The AWS-like mocks themselves: computed outputs, auto-naming and name limits, as the provider would have them.
import { expect } from "chai";
import { Alias } from "@pulumi/aws/lambda";
import { Role } from "@pulumi/aws/iam";
import { EventRule } from "@pulumi/aws/cloudwatch";
import { AWS_NAME_LIMITS, autoName, autoNameSuffix } from "../../testing/mock-aws";
import { mocks, rejectionMessage, resetProgram, settled, testFunction, valueOf } from "../helpers/pulumi";

const FUNCTION = "aws:lambda/function:Function";

describe("AWS-like mocks", () => {
    beforeEach(resetProgram);

    it("auto-names with the logical name, a hyphen and 7 hex characters, the same every run", () => {
        expect(autoNameSuffix(FUNCTION, "api")).to.match(/^[0-9a-f]{7}$/);
        expect(autoName(FUNCTION, "api")).to.equal(`api-${autoNameSuffix(FUNCTION, "api")}`);
        expect(autoName(FUNCTION, "api")).to.not.equal(autoName("aws:iam/role:Role", "api"));
    });

    it("computes a published function's name, ARN, version and qualified ARN", async () => {
        const fn = testFunction("api", { publish: true });
        const name = autoName(FUNCTION, "api");
        const arn = `arn:aws:lambda:us-east-1:123456789012:function:${name}`;
        expect(await valueOf(fn.name)).to.equal(name);
        expect(await valueOf(fn.arn)).to.equal(arn);
        expect(await valueOf(fn.version)).to.equal("1");
        expect(await valueOf(fn.qualifiedArn)).to.equal(`${arn}:1`);
        expect(await valueOf(fn.invokeArn)).to.equal(
            `arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/${arn}/invocations`,
        );
    });

    it("gives an unpublished function the $LATEST version and keeps an explicit name", async () => {
        const fn = testFunction("plain", { functionName: "explicit-name" });
        expect(await valueOf(fn.name)).to.equal("explicit-name");
        expect(await valueOf(fn.version)).to.equal("$LATEST");
        expect(await valueOf(fn.qualifiedArn)).to.equal("arn:aws:lambda:us-east-1:123456789012:function:explicit-name:$LATEST");
    });

    it("computes an alias's ARN from its function", async () => {
        const fn = testFunction("web", { functionName: "web" });
        const alias = new Alias("web-live", { name: "live", functionName: fn.name, functionVersion: "1" });
        expect(await valueOf(alias.arn)).to.equal("arn:aws:lambda:us-east-1:123456789012:function:web:live");
    });

    it("records every registration with its inputs", async () => {
        testFunction("recorded", { publish: true });
        const [fn] = await settled();
        expect(fn.type).to.equal(FUNCTION);
        expect(fn.name).to.equal("recorded");
        expect(fn.custom).to.equal(true);
        expect(fn.parent).to.equal(undefined);
        expect(fn.inputs.runtime).to.equal("nodejs22.x");
        expect(fn.state.name).to.equal(autoName(FUNCTION, "recorded"));
        expect(mocks.resources).to.have.length(1);
    });

    it("refuses an auto-name longer than AWS allows (function names: 64)", async () => {
        const logical = "f".repeat(57); // 57 + "-" + 7 = 65
        const fn = testFunction(logical);
        const message = `aws:lambda/function:Function "${logical}": name "${autoName(FUNCTION, logical)}" is 65 characters long; AWS allows at most 64`;
        expect(await rejectionMessage(valueOf(fn.name))).to.contain(message);
        expect(mocks.takeErrors().map((e) => e.message)).to.deep.equal([message]);
    });

    it("makes settled() fail when a registration was refused, even if nothing awaited it", async () => {
        new Role("r".repeat(60), { assumeRolePolicy: "{}" });
        expect(await rejectionMessage(settled())).to.equal(
            `the mocks refused 1 registration(s): aws:iam/role:Role "${"r".repeat(60)}": name "${autoName("aws:iam/role:Role", "r".repeat(60))}" is 68 characters long; AWS allows at most 64`,
        );
        expect(mocks.takeErrors()).to.deep.equal([]);
    });

    it("accepts an auto-name of exactly the limit", async () => {
        const logical = "f".repeat(56);
        const fn = testFunction(logical);
        expect((await valueOf(fn.name)).length).to.equal(64);
    });

    it("refuses explicit names over the limit too (IAM roles: 64, EventBridge rules: 64)", async () => {
        const role = new Role("r", { name: "r".repeat(65), assumeRolePolicy: "{}" });
        expect(await rejectionMessage(valueOf(role.name))).to.contain(
            `aws:iam/role:Role "r": name "${"r".repeat(65)}" is 65 characters long; AWS allows at most 64`,
        );
        const rule = new EventRule("e".repeat(60), { scheduleExpression: "rate(5 minutes)" });
        expect(await rejectionMessage(valueOf(rule.name))).to.contain("is 68 characters long; AWS allows at most 64");
        expect(mocks.takeErrors()).to.have.length(2);
    });

    it("knows the limits of every type the package creates", () => {
        expect(AWS_NAME_LIMITS["aws:lambda/function:Function"].maxLength).to.equal(64);
        expect(AWS_NAME_LIMITS["aws:iam/role:Role"].maxLength).to.equal(64);
        expect(AWS_NAME_LIMITS["aws:cloudwatch/eventRule:EventRule"].maxLength).to.equal(64);
        expect(AWS_NAME_LIMITS["aws:appautoscaling/scheduledAction:ScheduledAction"].maxLength).to.equal(256);
    });
});
