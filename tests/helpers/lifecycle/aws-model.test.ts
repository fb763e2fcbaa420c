import { expect } from "chai";
import {
    AwsError,
    AwsModel,
    leftovers,
    missingInAws,
    objectKeys,
    parseLambdaResourceId,
    plainFunctionName,
    provisionedConcurrency,
} from "./aws-model";
import { ResourceState, TYPES } from "./types";

const ARN = "arn:aws:lambda:us-east-1:123456789012:function:api";
const RID = "function:api:live";

/** An account with function `api` (version 1, alias live -> 1), optionally with reserved concurrency. */
function account(reservedConcurrentExecutions?: number, options: ConstructorParameters<typeof AwsModel>[0] = {}): AwsModel {
    const aws = new AwsModel(options);
    aws.addFunction("api", { versions: ["1", "2"], aliases: { live: "1" }, reservedConcurrentExecutions });
    return aws;
}

function put(aws: AwsModel, functionName: string, qualifier: string, count: number): void {
    aws.create(TYPES.provisionedConcurrencyConfig, { functionName, qualifier, provisionedConcurrentExecutions: count });
}

function thrown(fn: () => unknown): AwsError {
    try {
        fn();
    } catch (error) {
        if (error instanceof AwsError) {
            return error;
        }
        throw error;
    }
    throw new Error("expected an AwsError, but nothing was thrown");
}

function registerTarget(aws: AwsModel, min: number, max: number): void {
    aws.create(TYPES.scalableTarget, {
        serviceNamespace: "lambda",
        scalableDimension: "lambda:function:ProvisionedConcurrency",
        resourceId: RID,
        minCapacity: min,
        maxCapacity: max,
    });
}

function putPolicy(aws: AwsModel, name = "tracking"): void {
    aws.create(TYPES.scalingPolicy, { name, resourceId: RID, policyType: "TargetTrackingScaling" });
}

function putAction(aws: AwsModel, name: string, min?: number, max?: number): void {
    aws.create(TYPES.scheduledAction, { name, resourceId: RID, scalableTargetAction: { minCapacity: min, maxCapacity: max } });
}

describe("lifecycle model: AWS", () => {
    describe("names", () => {
        it("reduces a function ARN, a partial ARN and a qualified name to the plain name", () => {
            expect(plainFunctionName(ARN)).to.equal("api");
            expect(plainFunctionName(`${ARN}:live`)).to.equal("api");
            expect(plainFunctionName("123456789012:function:api")).to.equal("api");
            expect(plainFunctionName("api")).to.equal("api");
        });

        it("parses a Lambda resource id and refuses anything else", () => {
            expect(parseLambdaResourceId("function:api:live")).to.deep.equal({ functionName: "api", qualifier: "live" });
            expect(parseLambdaResourceId("service/default/web")).to.equal(undefined);
        });
    });

    describe("provisioned concurrency", () => {
        it("Put on an existing configuration updates it instead of adding one", () => {
            const aws = account();
            put(aws, "api", "live", 5);
            put(aws, "api", "live", 7);
            expect(provisionedConcurrency(aws)).to.deep.equal([{ functionName: "api", qualifier: "live", count: 7 }]);
            expect(aws.calls).to.deep.equal(["PutProvisionedConcurrencyConfig(api,live,5)", "PutProvisionedConcurrencyConfig(api,live,7)"]);
        });

        it("an ARN as functionName reaches the same configuration as the plain name", () => {
            const aws = account();
            put(aws, ARN, "live", 5);
            put(aws, "api", "live", 3);
            expect(provisionedConcurrency(aws)).to.deep.equal([{ functionName: "api", qualifier: "live", count: 3 }]);
            expect(aws.exists(TYPES.provisionedConcurrencyConfig, `${ARN},live`, {})).to.equal(true);
        });

        it("a delete by an old resource's id removes the configuration a newer resource put", () => {
            const aws = account();
            put(aws, "api", "live", 5); // the old resource, id "api,live"
            put(aws, ARN, "live", 9); // the newer one, created before the old one is deleted
            aws.delete(TYPES.provisionedConcurrencyConfig, "api,live", { functionName: "api", qualifier: "live" });
            expect(provisionedConcurrency(aws)).to.deep.equal([]);
            expect(aws.calls[aws.calls.length - 1]).to.equal("DeleteProvisionedConcurrencyConfig(api,live)");
        });

        it("skipDestroy keeps the configuration and makes no call; a delete of a missing one is not an error", () => {
            const aws = account();
            put(aws, "api", "live", 2);
            aws.delete(TYPES.provisionedConcurrencyConfig, "api,live", { skipDestroy: true });
            expect(provisionedConcurrency(aws)).to.have.length(1);
            aws.delete(TYPES.provisionedConcurrencyConfig, "api,live", {});
            aws.delete(TYPES.provisionedConcurrencyConfig, "api,live", {});
            expect(aws.calls.slice(1)).to.deep.equal([
                "DeleteProvisionedConcurrencyConfig(api,live)",
                "DeleteProvisionedConcurrencyConfig(api,live)",
            ]);
        });

        it("refuses $LATEST, a count below 1, a missing function and a missing alias", () => {
            const aws = account();
            expect(thrown(() => put(aws, "api", "$LATEST", 1)).message).to.equal(
                "PutProvisionedConcurrencyConfig: InvalidParameterValueException: Provisioned Concurrency Configs cannot be applied to unpublished function versions.",
            );
            expect(thrown(() => put(aws, "api", "live", 0)).code).to.equal("ValidationException");
            expect(thrown(() => put(aws, "nope", "live", 1)).message).to.equal(
                "PutProvisionedConcurrencyConfig: ResourceNotFoundException: Function not found: arn:aws:lambda:us-east-1:123456789012:function:nope",
            );
            expect(thrown(() => put(aws, "api", "blue", 1)).code).to.equal("ResourceNotFoundException");
            expect(aws.calls).to.deep.equal([]);
        });

        it("refuses an alias on an already provisioned version, and a version an alias provisions", () => {
            const aws = account();
            put(aws, "api", "1", 2);
            expect(thrown(() => put(aws, "api", "live", 1)).message).to.equal(
                "PutProvisionedConcurrencyConfig: ResourceConflictException: Alias can't be used for Provisioned Concurrency configuration on an already Provisioned version",
            );
            const other = account();
            put(other, "api", "live", 1);
            expect(thrown(() => put(other, "api", "1", 1)).detail).to.equal("Version is pointed by a Provisioned Concurrency alias");
        });

        it("refuses provisioned concurrency on an alias with weighted routing, as Lambda does (hashicorp/terraform#24957)", () => {
            const aws = account();
            aws.update(TYPES.alias, undefined, {}, { functionName: "api", name: "live", functionVersion: "2", routingConfig: { additionalVersionWeights: { "1": 0.5 } } });
            const error = thrown(() => put(aws, "api", "live", 2));
            expect([error.code, error.detail]).to.deep.equal(["InvalidParameterValueException", "Alias with weights can not be used with Provisioned Concurrency"]);
            expect(provisionedConcurrency(aws)).to.deep.equal([]);
            // The weights gone, the same Put succeeds.
            aws.update(TYPES.alias, undefined, {}, { functionName: "api", name: "live", functionVersion: "2", routingConfig: { additionalVersionWeights: {} } });
            put(aws, "api", "live", 2);
            expect(provisionedConcurrency(aws)).to.deep.equal([{ functionName: "api", qualifier: "live", count: 2 }]);
        });

        it("refuses a second alias of the same version (two aliases can't allocate for one version)", () => {
            const aws = account();
            aws.create(TYPES.alias, { functionName: "api", name: "green", functionVersion: "1" });
            put(aws, "api", "live", 2);
            expect(thrown(() => put(aws, "api", "green", 1)).message).to.equal(
                "PutProvisionedConcurrencyConfig: ResourceConflictException: Alias live already allocates provisioned concurrency for version 1",
            );
            // The same alias again is an update, not a conflict.
            put(aws, "api", "live", 3);
            expect(aws.provisionedConcurrencyConfigs()).to.deep.equal([{ functionName: "api", qualifier: "live", count: 3 }]);
        });

        it("keeps the sum over a function's qualifiers within its reserved concurrency", () => {
            const aws = account(10);
            aws.create(TYPES.alias, { functionName: "api", name: "blue", functionVersion: "2" });
            put(aws, "api", "live", 8);
            const error = thrown(() => put(aws, "api", "blue", 3));
            expect(error.message).to.equal(
                "PutProvisionedConcurrencyConfig: InvalidParameterValueException: Requested Provisioned Concurrency should not be greater than the reservedConcurrentExecution for function",
            );
            put(aws, "api", "blue", 2);
            put(aws, "api", "live", 8); // replacing a qualifier's own count does not count it twice
            expect(provisionedConcurrency(aws).map((c) => c.count)).to.deep.equal([2, 8]);
        });

        it("keeps 100 of the account's concurrency unreserved for functions without reserved concurrency", () => {
            const aws = account();
            aws.addFunction("batch", { reservedConcurrentExecutions: 500 });
            put(aws, "api", "live", 400);
            expect(thrown(() => put(aws, "api", "live", 401)).detail).to.equal(
                "Specified ConcurrentExecutions for function decreases account's UnreservedConcurrentExecution below its minimum value of [100].",
            );
            expect(provisionedConcurrency(aws)).to.deep.equal([{ functionName: "api", qualifier: "live", count: 400 }]);
        });

        it("reads the allocated count back and reports a vanished configuration as gone", () => {
            const aws = account();
            put(aws, "api", "live", 4);
            expect(aws.read(TYPES.provisionedConcurrencyConfig, "api,live", { provisionedConcurrentExecutions: 9 })).to.deep.equal({
                provisionedConcurrentExecutions: 4,
            });
            aws.removeProvisionedConcurrencyOutOfBand("api", "live");
            expect(aws.read(TYPES.provisionedConcurrencyConfig, "api,live", {})).to.equal(undefined);
        });
    });

    describe("Lambda functions and aliases", () => {
        it("DeleteFunction removes its aliases, its provisioned concurrency and its permissions", () => {
            const aws = new AwsModel();
            aws.create(TYPES.function, { name: "api", publish: true });
            aws.create(TYPES.alias, { functionName: "api", name: "live", functionVersion: "1" });
            put(aws, "api", "live", 3);
            expect(aws.publishVersion("api")).to.equal("2");
            put(aws, "api", "2", 1);
            aws.create(TYPES.permission, { function: "api", statementId: "apigw", action: "lambda:InvokeFunction" }, "apigw");
            aws.delete(TYPES.function, "api", { name: "api" });
            expect(provisionedConcurrency(aws)).to.deep.equal([]);
            expect(aws.aliasesOf("api")).to.deep.equal({});
            expect(aws.objects()).to.deep.equal([]);
            expect(aws.calls).to.deep.equal([
                "CreateFunction(api)",
                "CreateAlias(api,live,1)",
                "PutProvisionedConcurrencyConfig(api,live,3)",
                "PublishVersion(api)",
                "PutProvisionedConcurrencyConfig(api,2,1)",
                "AddPermission(api/apigw)",
                "DeleteFunction(api)",
            ]);
        });

        it("DeleteAlias leaves the alias's configuration by default (unconfirmed rule, conservative), or removes it when switched", () => {
            const kept = account();
            put(kept, "api", "live", 2);
            kept.delete(TYPES.alias, undefined, { functionName: "api", name: "live" });
            expect(provisionedConcurrency(kept)).to.deep.equal([{ functionName: "api", qualifier: "live", count: 2 }]);
            const removed = account(undefined, { deleteAliasRemovesItsConfig: true });
            put(removed, "api", "live", 2);
            removed.delete(TYPES.alias, undefined, { functionName: "api", name: "live" });
            expect(provisionedConcurrency(removed)).to.deep.equal([]);
        });

        it("refuses a second function of the same name and an alias on a version that does not exist", () => {
            const aws = new AwsModel();
            aws.create(TYPES.function, { name: "api", publish: true });
            expect(thrown(() => aws.create(TYPES.function, { name: "api" })).code).to.equal("ResourceConflictException");
            expect(thrown(() => aws.create(TYPES.alias, { functionName: "api", name: "live", functionVersion: "2" })).detail).to.equal(
                "Function not found: arn:aws:lambda:us-east-1:123456789012:function:api:2",
            );
        });
    });

    describe("Application Auto Scaling", () => {
        it("DeregisterScalableTarget removes the target, its policies, alarms and scheduled actions, and leaves the capacity", () => {
            const aws = account();
            registerTarget(aws, 2, 10);
            putPolicy(aws);
            putAction(aws, "night", 1, 1);
            aws.scaleTo(RID, 6);
            aws.delete(TYPES.scalableTarget, RID, { resourceId: RID });
            expect(aws.scalableTarget(RID)).to.equal(undefined);
            expect(aws.scalingOf(RID)).to.deep.equal({ policies: [], scheduledActions: [] });
            expect(aws.objects().map((o) => o.key)).to.deep.equal([
                "lambda:alias:api:live",
                "lambda:function:api",
                "lambda:provisioned-concurrency:api:live",
            ]);
            expect(provisionedConcurrency(aws)).to.deep.equal([{ functionName: "api", qualifier: "live", count: 6 }]);
        });

        it("RegisterScalableTarget brings existing capacity into the new bounds", () => {
            const aws = account();
            put(aws, "api", "live", 10);
            registerTarget(aws, 1, 5);
            expect(provisionedConcurrency(aws)[0].count).to.equal(5);
            aws.update(TYPES.scalableTarget, RID, {}, { resourceId: RID, minCapacity: 7, maxCapacity: 9 });
            expect(provisionedConcurrency(aws)[0].count).to.equal(7);
            expect(aws.calls).to.deep.equal([
                "PutProvisionedConcurrencyConfig(api,live,10)",
                "RegisterScalableTarget(function:api:live,1,5)",
                "AAS:PutProvisionedConcurrencyConfig(api,live,5)",
                "RegisterScalableTarget(function:api:live,7,9)",
                "AAS:PutProvisionedConcurrencyConfig(api,live,7)",
            ]);
        });

        it("RegisterScalableTarget creates the configuration at the minimum when there is none (switchable assumption)", () => {
            const aws = account();
            registerTarget(aws, 2, 5);
            expect(provisionedConcurrency(aws)).to.deep.equal([{ functionName: "api", qualifier: "live", count: 2 }]);
            const off = account(undefined, { registerCreatesMissingConfig: false });
            registerTarget(off, 2, 5);
            expect(provisionedConcurrency(off)).to.deep.equal([]);
        });

        it("a capacity change Lambda refuses is a failed scaling activity, and the capacity stays", () => {
            const aws = account(4);
            put(aws, "api", "live", 2);
            registerTarget(aws, 6, 8);
            expect(provisionedConcurrency(aws)[0].count).to.equal(2);
            expect(aws.scalingActivities).to.deep.equal([
                {
                    resourceId: RID,
                    desiredCapacity: 6,
                    status: "Failed",
                    cause: "AAS:PutProvisionedConcurrencyConfig: InvalidParameterValueException: Requested Provisioned Concurrency should not be greater than the reservedConcurrentExecution for function",
                },
            ]);
        });

        it("a policy or scheduled action without a registered target fails with ObjectNotFoundException", () => {
            const aws = account();
            const error = thrown(() => putPolicy(aws));
            expect(error.message).to.equal(
                "PutScalingPolicy: ObjectNotFoundException: No scalable target registered for service namespace: lambda, resource ID: function:api:live, scalable dimension: lambda:function:ProvisionedConcurrency",
            );
            expect(thrown(() => putAction(aws, "day", 5, 5)).code).to.equal("ObjectNotFoundException");
            expect(aws.calls).to.deep.equal([]);
        });

        it("deleting a policy or action that is already gone is not an error", () => {
            const aws = account();
            aws.delete(TYPES.scalingPolicy, "tracking", { name: "tracking", resourceId: RID });
            aws.delete(TYPES.scheduledAction, "day", { name: "day", resourceId: RID });
            expect(aws.calls).to.deep.equal(["DeleteScalingPolicy(function:api:live,tracking)", "DeleteScheduledAction(function:api:live,day)"]);
        });

        it("a scheduled action sets the bounds and brings capacity into them", () => {
            const aws = account();
            registerTarget(aws, 1, 20);
            putAction(aws, "day", 10, 10);
            putAction(aws, "night", 2);
            aws.runScheduledAction(RID, "day");
            expect(aws.scalableTarget(RID)).to.deep.equal({ minCapacity: 10, maxCapacity: 10 });
            expect(provisionedConcurrency(aws)[0].count).to.equal(10);
            aws.runScheduledAction(RID, "night");
            // The night action sets only the minimum: the maximum stays 10, and 10 is inside [2, 10].
            expect(aws.scalableTarget(RID)).to.deep.equal({ minCapacity: 2, maxCapacity: 10 });
            expect(provisionedConcurrency(aws)[0].count).to.equal(10);
        });

        it("capacity 0 deletes the configuration by default, or keeps it with 0 environments when switched", () => {
            const aws = account();
            registerTarget(aws, 0, 10);
            putAction(aws, "off", 0, 0);
            put(aws, "api", "live", 4);
            aws.runScheduledAction(RID, "off");
            expect(provisionedConcurrency(aws)).to.deep.equal([]);
            expect(aws.calls[aws.calls.length - 1]).to.equal("AAS:DeleteProvisionedConcurrencyConfig(api,live)");
            const kept = account(undefined, { zeroCapacityDeletesConfig: false });
            registerTarget(kept, 0, 10);
            put(kept, "api", "live", 4);
            kept.setCapacity(RID, 0);
            expect(provisionedConcurrency(kept)).to.deep.equal([{ functionName: "api", qualifier: "live", count: 0 }]);
        });

        it("a scheduled action that would raise the minimum above the maximum in force fails as a scaling activity; the bounds stay", () => {
            const aws = account();
            registerTarget(aws, 1, 1);
            putAction(aws, "raise-min", 3);
            aws.runScheduledAction(RID, "raise-min");
            expect(aws.scalableTarget(RID)).to.deep.equal({ minCapacity: 1, maxCapacity: 1 });
            expect(provisionedConcurrency(aws)).to.deep.equal([{ functionName: "api", qualifier: "live", count: 1 }]);
            expect(aws.scalingActivities).to.deep.equal([
                { resourceId: RID, desiredCapacity: 1, status: "Successful", cause: "" },
                {
                    resourceId: RID,
                    desiredCapacity: 3,
                    status: "Failed",
                    cause: "Minimum capacity cannot be greater than maximum capacity",
                    trigger: "scheduled action name raise-min was triggered",
                    description: "Setting min capacity to 3 and max capacity to 1",
                },
            ]);
        });

        it("the capacity changes a scheduled action makes name it as their trigger", () => {
            const aws = account();
            registerTarget(aws, 1, 20);
            putAction(aws, "day", 10, 10);
            aws.runScheduledAction(RID, "day");
            expect(aws.scalingActivities).to.deep.equal([
                { resourceId: RID, desiredCapacity: 1, status: "Successful", cause: "" },
                { resourceId: RID, desiredCapacity: 10, status: "Successful", cause: "", trigger: "scheduled action name day was triggered" },
            ]);
        });

        it("lists targets, policies and scheduled actions with the properties they were put with", () => {
            const aws = account();
            registerTarget(aws, 1, 4);
            putPolicy(aws);
            putAction(aws, "night", 2);
            expect(aws.scalableTargetList()).to.deep.equal([
                {
                    resourceId: RID,
                    minCapacity: 1,
                    maxCapacity: 4,
                    props: { serviceNamespace: "lambda", scalableDimension: "lambda:function:ProvisionedConcurrency", resourceId: RID, minCapacity: 1, maxCapacity: 4 },
                },
            ]);
            expect(aws.scalingPolicyList()).to.deep.equal([
                {
                    resourceId: RID,
                    name: "tracking",
                    policyType: "TargetTrackingScaling",
                    alarmNames: [`TargetTracking-${RID}-AlarmHigh-tracking`, `TargetTracking-${RID}-AlarmLow-tracking`],
                    props: { name: "tracking", resourceId: RID, policyType: "TargetTrackingScaling" },
                },
            ]);
            expect(aws.scheduledActionDetails()).to.deep.equal([
                { resourceId: RID, name: "night", minCapacity: 2, maxCapacity: undefined, props: { name: "night", resourceId: RID, scalableTargetAction: { minCapacity: 2 } } },
            ]);
            expect(aws.provisionedConcurrencyConfig("api", "live")).to.deep.equal({ requested: 1, allocated: 1 });
            expect(aws.provisionedConcurrencyConfig(ARN, "1")).to.equal(undefined);
        });

        it("target tracking stays within the bounds and needs a tracking policy", () => {
            const aws = account();
            registerTarget(aws, 2, 8);
            expect(() => aws.scaleTo(RID, 5)).to.throw("no target tracking policy on function:api:live");
            putPolicy(aws);
            aws.scaleTo(RID, 50);
            expect(provisionedConcurrency(aws)[0].count).to.equal(8);
            aws.scaleTo(RID, 0);
            expect(provisionedConcurrency(aws)[0].count).to.equal(2);
        });
    });

    describe("other resources", () => {
        it("lists the objects of one type and a function's configuration, as copies", () => {
            const aws = new AwsModel();
            aws.create(TYPES.role, { name: "r1", assumeRolePolicy: "{}" });
            aws.create(TYPES.eventRule, { name: "rule", scheduleExpression: "rate(5 minutes)" });
            aws.create(TYPES.function, { name: "fn", handler: "index.handler", publish: true });
            const rules = aws.objectsOfType(TYPES.eventRule);
            expect(rules).to.deep.equal([{ key: "rule", props: { name: "rule", scheduleExpression: "rate(5 minutes)" } }]);
            rules[0].props.name = "changed";
            expect(aws.objectsOfType(TYPES.eventRule)[0].props.name).to.equal("rule");
            expect(aws.functionConfiguration("arn:aws:lambda:us-east-1:123456789012:function:fn")).to.deep.equal({ name: "fn", handler: "index.handler", publish: true });
            expect(aws.functionConfiguration("other")).to.equal(undefined);
        });

        it("refuses to delete a role that still has policies, and a second role of the same name", () => {
            const aws = new AwsModel();
            aws.create(TYPES.role, { name: "fn-role" });
            aws.create(TYPES.rolePolicy, { role: "fn-role", name: "logs" });
            expect(thrown(() => aws.delete(TYPES.role, "fn-role", { name: "fn-role" })).code).to.equal("DeleteConflict");
            expect(thrown(() => aws.create(TYPES.role, { name: "fn-role" })).code).to.equal("EntityAlreadyExists");
            aws.delete(TYPES.rolePolicy, undefined, { role: "fn-role", name: "logs" });
            aws.delete(TYPES.role, "fn-role", { name: "fn-role" });
            expect(aws.objects()).to.deep.equal([]);
        });
    });

    describe("checkers", () => {
        it("missingInAws lists the state's resources that AWS no longer has", () => {
            const aws = account();
            registerTarget(aws, 1, 3);
            putPolicy(aws);
            const state = (type: string, id: string, outputs: Record<string, unknown>): ResourceState => ({
                urn: `urn:pulumi:test::proj::${type}::${id}`,
                type,
                name: id,
                custom: true,
                inputs: outputs,
                outputs,
                id,
                dependencies: [],
                options: { deleteBeforeReplace: false, ignoreChanges: [], aliases: [], retainOnDelete: false },
            });
            const target = state(TYPES.scalableTarget, RID, { resourceId: RID });
            const policy = state(TYPES.scalingPolicy, "tracking", { name: "tracking", resourceId: RID });
            aws.delete(TYPES.scalableTarget, RID, { resourceId: RID });
            expect(missingInAws({ resources: [target, policy] }, aws)).to.deep.equal([target, policy]);
        });

        it("leftovers lists what exists now and did not before", () => {
            const aws = account();
            const before = objectKeys(aws);
            registerTarget(aws, 1, 3);
            expect(leftovers(aws, before)).to.deep.equal([
                { key: "application-autoscaling:scalable-target:function:api:live", kind: "scalable target" },
                { key: "lambda:provisioned-concurrency:api:live", kind: "provisioned concurrency configuration" },
            ]);
        });
    });
});
