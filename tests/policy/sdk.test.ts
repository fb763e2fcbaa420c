// The adapter to the policy SDK: the policies as @pulumi/policy takes them, run on arguments shaped as its server
// passes them (properties behind its unknown-checking proxy, config through getConfig, reportViolation).
import { expect } from "chai";
import * as fs from "fs";
import * as path from "path";
import type { PolicyResource, ReportViolation, ResourceValidationArgs, ResourceValidationPolicy, StackValidationArgs, StackValidationPolicy } from "@pulumi/policy";
import * as proxyModule from "@pulumi/policy/proxy";
import { POLICY_PACK_NAME, knownValues, lambdaConcurrencyPolicies } from "../../policy";
import { TYPES } from "../helpers/lifecycle/types";

// The proxy the policy SDK's server wraps properties in (server.js): reading an unknown value throws. Its declarations
// are internal to the SDK, so its JavaScript exports are typed here.
const { unknownCheckingProxy, unknownNumberValue, unknownStringValue } = proxyModule as unknown as {
    unknownCheckingProxy: (props: object) => Record<string, unknown>;
    unknownNumberValue: string;
    unknownStringValue: string;
};

// The provider's type tokens, as the lifecycle model and the AWS stand-in name them.
const { provisionedConcurrencyConfig: CONFIG, scalableTarget: TARGET, function: FUNCTION } = TYPES;
const urnOf = (type: string, name: string): string => `urn:pulumi:dev::shop::${type}::${name}`;
const OPTIONS = { protect: false, ignoreChanges: [] as string[], aliases: [], customTimeouts: { createSeconds: 0, updateSeconds: 0, deleteSeconds: 0 }, additionalSecretOutputs: [] };

function resourcePolicy(name: string, choices?: Parameters<typeof lambdaConcurrencyPolicies>[0]): ResourceValidationPolicy {
    const found = lambdaConcurrencyPolicies(choices).find((p) => p.name === name);
    if (found === undefined || !("validateResource" in found)) throw new Error(`no resource policy ${name}`);
    return found;
}

function stackPolicy(name: string): StackValidationPolicy {
    const found = lambdaConcurrencyPolicies().find((p) => p.name === name);
    if (found === undefined || !("validateStack" in found)) throw new Error(`no stack policy ${name}`);
    return found;
}

/** What reportViolation was called with. */
function recorder(): { report: ReportViolation; calls: [string, string | undefined][] } {
    const calls: [string, string | undefined][] = [];
    return { calls, report: (message: string, urn?: string) => calls.push([message, urn]) };
}

function resourceArgs(type: string, name: string, props: Record<string, unknown>, config: Record<string, unknown> = {}): ResourceValidationArgs {
    return {
        type,
        name,
        urn: urnOf(type, name),
        props: unknownCheckingProxy(props),
        opts: OPTIONS,
        stackTags: new Map(),
        getConfig: <T extends object>() => config as T,
    } as unknown as ResourceValidationArgs;
}

function stackResource(type: string, name: string, props: Record<string, unknown>, more: Partial<PolicyResource> = {}): PolicyResource {
    return { type, name, urn: urnOf(type, name), props: unknownCheckingProxy(props), opts: OPTIONS, dependencies: [], propertyDependencies: {}, ...more } as unknown as PolicyResource;
}

function stackArgs(resources: PolicyResource[], config: Record<string, unknown> = {}): StackValidationArgs {
    return { resources, stackTags: new Map(), getConfig: <T extends object>() => config as T } as unknown as StackValidationArgs;
}

describe("policy pack: the adapter to @pulumi/policy", () => {
    it("gives each policy its name, description, enforcement level and configuration schema", () => {
        const policies = lambdaConcurrencyPolicies();
        expect(POLICY_PACK_NAME).to.equal("lambda-concurrency");
        expect(policies).to.have.length(12);
        const quota = policies.find((p) => p.name === "lambda-concurrency-quota");
        expect(quota?.enforcementLevel).to.equal("mandatory");
        expect(quota?.configSchema).to.deep.equal({
            properties: {
                accountConcurrency: {
                    type: "integer",
                    description: "The account's regional quota of concurrent executions (Service Quotas, Lambda, Concurrent executions).",
                    default: 1000,
                    minimum: 1,
                },
                unreservedFloor: {
                    type: "integer",
                    description: "The concurrent executions Lambda keeps unreserved for functions without reserved concurrency.",
                    default: 100,
                    minimum: 0,
                },
            },
        });
        expect(policies.filter((p) => p.configSchema !== undefined).map((p) => p.name)).to.deep.equal([
            "lambda-concurrency-quota",
            "lambda-concurrency-tracking-target-value",
            "lambda-concurrency-monthly-budget",
        ]);
        expect(resourcePolicy("lambda-concurrency-tracking-statistic").enforcementLevel).to.equal("advisory");
        expect(resourcePolicy("lambda-concurrency-tracking-statistic", { enforcementLevels: { "lambda-concurrency-tracking-statistic": "mandatory" } }).enforcementLevel).to.equal("mandatory");
    });

    it("a resource policy reports on the resource, reading past the values a preview cannot know", async () => {
        const { report, calls } = recorder();
        const policy = resourcePolicy("lambda-concurrency-qualifier");
        const validations = Array.isArray(policy.validateResource) ? policy.validateResource : [policy.validateResource];
        for (const validate of validations) {
            await validate?.(resourceArgs(CONFIG, "latest", { functionName: unknownStringValue, qualifier: "$LATEST", provisionedConcurrentExecutions: unknownNumberValue }), report);
        }
        expect(calls).to.deep.equal([
            [
                `${CONFIG} "latest": qualifier cannot be "$LATEST": provisioned concurrency needs a published version or an alias (publish the function with publish: true and use its version, or create an alias)`,
                undefined,
            ],
        ]);
    });

    it("a stack policy reports on each resource's URN, with the configuration the pack was given", async () => {
        const { report, calls } = recorder();
        const reserved = stackResource(FUNCTION, "orders", { name: "orders", publish: true, reservedConcurrentExecutions: 8 });
        const config = stackResource(CONFIG, "live", { functionName: "orders", qualifier: "live", provisionedConcurrentExecutions: 12 });
        // A configuration whose function a preview does not know yet is left out, not a failure of the whole policy.
        const pending = stackResource(CONFIG, "next", { functionName: unknownStringValue, qualifier: "live", provisionedConcurrentExecutions: 900 });
        await stackPolicy("lambda-concurrency-quota").validateStack(stackArgs([reserved, config, pending], { accountConcurrency: 100 }), report);
        expect(calls).to.deep.equal([
            [
                `${FUNCTION} "orders" reserves 8 concurrent executions, but its provisioned concurrency comes to 12 at most (12 on qualifier "live"); provisioned concurrency counts towards the function's reserved concurrency, so Lambda would refuse it. Raise reservedConcurrentExecutions to at least 12, or provision less.`,
                urnOf(FUNCTION, "orders"),
            ],
            [
                `the stack reserves 8 concurrent executions and provisions 0 more on functions without reserved concurrency, 8 in all, above the 0 the account's quota of 100 allows with 100 left unreserved; Lambda would refuse the configurations past it. Provision or reserve less, or raise the account's quota (Service Quotas, "Concurrent executions") and set this policy's accountConcurrency to it.`,
                undefined,
            ],
        ]);
    });

    it("reads where a stack resource's inputs came from, and its ignoreChanges", async () => {
        const { report, calls } = recorder();
        const fn = stackResource(FUNCTION, "orders", { name: "orders", publish: true });
        const config = stackResource(CONFIG, "next", { functionName: "orders", qualifier: unknownStringValue, provisionedConcurrentExecutions: 2, skipDestroy: true }, {
            propertyDependencies: { qualifier: [fn] },
        });
        await stackPolicy("lambda-concurrency-skip-destroy").validateStack(stackArgs([fn, config]), report);
        expect(calls.map(([message, urn]) => [message.slice(message.lastIndexOf("(")), urn])).to.deep.equal([
            [`(its qualifier comes from ${FUNCTION} "orders", whose new versions replace it).`, urnOf(CONFIG, "next")],
        ]);

        const calm = recorder();
        const ignoring = stackResource(CONFIG, "live", { functionName: "orders", qualifier: "live", provisionedConcurrentExecutions: 2 }, { opts: { ...OPTIONS, ignoreChanges: ["provisionedConcurrentExecutions"] } });
        const target = stackResource(TARGET, "live", { serviceNamespace: "lambda", scalableDimension: "lambda:function:ProvisionedConcurrency", resourceId: "function:orders:live", minCapacity: 1, maxCapacity: 9 });
        await stackPolicy("lambda-concurrency-one-manager").validateStack(stackArgs([fn, ignoring, target]), calm.report);
        expect(calm.calls).to.deep.equal([]);
    });

    it("ships the ready pack as this package's version (PolicyPack reads a pack's version from its package.json, policy.js)", () => {
        const read = (file: string): { version: string; private?: boolean } =>
            JSON.parse(fs.readFileSync(path.join(__dirname, "..", "..", file), "utf8")) as { version: string; private?: boolean };
        expect(read("policy/pack/package.json").version).to.equal(read("package.json").version);
        expect(read("policy/pack/package.json").private).to.equal(true);
    });

    it("copies known values and drops unknown ones, at any depth", () => {
        const props = unknownCheckingProxy({ a: 1, b: unknownStringValue, c: { d: unknownNumberValue, e: ["x", unknownStringValue] } });
        expect(knownValues(props)).to.deep.equal({ a: 1, c: { e: ["x"] } });
    });
});
