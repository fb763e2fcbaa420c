// Unit tests of index.ts with lambda-concurrency/testing and mocha: no AWS account, no Pulumi CLI.
import * as assert from "node:assert/strict";
import {
    autoName,
    failureMessage,
    findResource,
    installMocks,
    outputValue,
    recordedResources,
    settled,
    urnOf,
} from "lambda-concurrency/testing";

const CONFIG = "aws:lambda/provisionedConcurrencyConfig:ProvisionedConcurrencyConfig";

describe("the orders program", () => {
    let program: typeof import("./index");

    before(async () => {
        // Before the program is loaded: its resources are created as it loads.
        installMocks({ project: "orders", stack: "dev", region: "eu-west-1", accountId: "111122223333" });
        program = await import("./index");
        // Every registration has reached the mocks, and none was refused (a name too long, a duplicate URN).
        await settled();
    });

    it("names the API function as the AWS provider would, in the stack's region and account", async () => {
        const name = autoName("aws:lambda/function:Function", "api");
        assert.equal(await outputValue(program.apiFunctionName), name);
        assert.equal(await outputValue(program.apiAliasArn), `arn:aws:lambda:eu-west-1:111122223333:function:${name}:live`);
    });

    it("keeps 2 environments on the live alias", async () => {
        assert.equal(await outputValue(program.apiProvisioned), 2);
        const config = findResource(CONFIG, "api-warm");
        assert.deepEqual(config.inputs, {
            functionName: autoName("aws:lambda/function:Function", "api"),
            qualifier: "live",
            provisionedConcurrentExecutions: 2,
            skipDestroy: false,
        });
        assert.equal(config.parent, urnOf("lambda-concurrency:index:FixedConcurrency", "api-warm"));
        // Created after the alias it configures.
        assert.ok(config.dependencies.includes(urnOf("aws:lambda/alias:Alias", "api-live")));
    });

    it("scales the worker's version 1 between 1 and 5 environments, tracking 70% utilization", async () => {
        const worker = autoName("aws:lambda/function:Function", "worker");
        assert.equal(await outputValue(program.workerScalableTarget), `function:${worker}:1`);
        const target = findResource("aws:appautoscaling/target:Target", "worker-load-target");
        assert.equal(target.inputs.minCapacity, 1);
        assert.equal(target.inputs.maxCapacity, 5);
        const policy = findResource("aws:appautoscaling/policy:Policy", "worker-load-tracking");
        assert.equal((policy.inputs.targetTrackingScalingPolicyConfiguration as { targetValue: number }).targetValue, 0.7);
        assert.equal(recordedResources(CONFIG).length, 2);
    });

    it("refuses a second component on the same alias, naming both", async () => {
        const { FixedConcurrency } = await import("lambda-concurrency");
        // After each test a new program starts: build both components here.
        new FixedConcurrency("first", { functionName: "orders", qualifier: "live", provisionedConcurrentExecutions: 1 });
        const message = await failureMessage(
            () => new FixedConcurrency("second", { functionName: "orders", qualifier: "live", provisionedConcurrentExecutions: 1 }),
        );
        assert.match(message, /FixedConcurrency "second" and FixedConcurrency "first" both give provisioned concurrency to function "orders" qualifier "live"/);
    });
});
