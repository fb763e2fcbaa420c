// The stack configuration installMocks gives a program (testing/stack-config.ts): keys namespaced as the Pulumi CLI
// stores them, values as strings the Config's getters parse, secrets marked; and the program reading it under the kit.
import { expect } from "chai";
import * as pulumi from "@pulumi/pulumi";
import { installMocks, mockOptions, outputValue } from "../../testing";
import { stackConfiguration } from "../../testing/stack-config";
import { FixedConcurrency } from "../../components";
import { resetProgram } from "../helpers/pulumi";

describe("stackConfiguration", () => {
    it("namespaces a bare key with the project, keeps others, and stores values as the CLI does", () => {
        expect(
            stackConfiguration("shop", { count: 3, enabled: true, name: "orders", "aws:region": "eu-west-1", sizes: [1, 2], limits: { max: 5 }, none: null }, { token: "s3cr3t" }),
        ).to.deep.equal({
            values: {
                "shop:count": "3",
                "shop:enabled": "true",
                "shop:name": "orders",
                "aws:region": "eu-west-1",
                "shop:sizes": "[1,2]",
                "shop:limits": '{"max":5}',
                "shop:none": "null",
                "shop:token": "s3cr3t",
            },
            secretKeys: ["shop:token"],
        });
        expect(stackConfiguration("shop", undefined, undefined)).to.deep.equal({ values: {}, secretKeys: [] });
    });

    it("refuses keys the CLI refuses, a key given twice, and values it cannot store, naming the option, key and rule", () => {
        expect(stackConfiguration("shop", { "a:b:c": "x" }, undefined)).to.deep.equal({
            error: 'installMocks: config key "a:b:c" must be NAME (the project\'s) or NAMESPACE:NAME, without spaces, as `pulumi config set` takes it',
        });
        expect(stackConfiguration("shop", { "": "x" }, undefined)).to.have.property("error").that.contains('config key ""');
        expect(stackConfiguration("shop", { count: 1 }, { "shop:count": 2 })).to.deep.equal({
            error: 'installMocks: the configuration key "shop:count" is given twice (config and secretConfig, or with and without the project "shop")',
        });
        expect(stackConfiguration("shop", { count: undefined as unknown as number }, undefined)).to.deep.equal({
            error: 'installMocks: config "count" must be a string, number, boolean, array or object, got undefined',
        });
        expect(stackConfiguration("shop", undefined, { when: new Date(0) as unknown as string })).to.deep.equal({
            error: 'installMocks: secretConfig "when" must be a string, number, boolean, array or object, got an instance of Date',
        });
        expect(stackConfiguration("shop", { n: Number.NaN }, undefined)).to.deep.equal({
            error: 'installMocks: config "n" must be a string, number, boolean, array or object, got NaN',
        });
        expect(stackConfiguration("shop", "count=3" as unknown as Record<string, string>, undefined)).to.deep.equal({
            error: 'installMocks: config must be an object of configuration keys and values, got "count=3"',
        });
    });
});

describe("installMocks({ config, secretConfig })", () => {
    afterEach(() => {
        // Back to the settings the rest of the unit suite runs under, without configuration.
        pulumi.runtime.setAllConfig({});
        resetProgram();
    });

    it("a program reads its project's and namespaced keys, numbers, objects and secrets", async () => {
        installMocks({ project: "shop", config: { count: 4, qualifier: "live", limits: { max: 9 }, "aws:region": "eu-west-1" }, secretConfig: { token: "s3cr3t" }, hooks: false });
        const config = new pulumi.Config();
        expect(config.requireNumber("count")).to.equal(4);
        expect(config.require("qualifier")).to.equal("live");
        expect(config.requireObject<{ max: number }>("limits")).to.deep.equal({ max: 9 });
        expect(new pulumi.Config("aws").require("region")).to.equal("eu-west-1");
        const token = config.requireSecret("token");
        expect(await pulumi.isSecret(token)).to.equal(true);
        expect(await outputValue(token)).to.equal("s3cr3t");
        // The provider's region follows aws:region.
        expect(mockOptions()?.region).to.equal("eu-west-1");
        const fixed = new FixedConcurrency("orders", { functionName: "orders", qualifier: config.require("qualifier"), provisionedConcurrentExecutions: config.requireNumber("count") });
        expect(await outputValue(fixed.provisionedConcurrentExecutions)).to.equal(4);
    });

    it("replaces the configuration on every call, and refuses a region that contradicts aws:region", () => {
        installMocks({ project: "shop", config: { count: 4 }, hooks: false });
        installMocks({ project: "shop", hooks: false });
        expect(() => new pulumi.Config().requireNumber("count")).to.throw(/Missing required configuration variable 'shop:count'/);
        expect(() => installMocks({ region: "us-west-2", config: { "aws:region": "eu-west-1" }, hooks: false })).to.throw(
            'installMocks: region "us-west-2" and config "aws:region" "eu-west-1" differ; give one of them',
        );
    });
});
