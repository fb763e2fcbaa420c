// A small Pulumi program: an API function whose `live` alias keeps 2 environments warm, and a worker function whose
// published version follows its load between 1 and 5 environments. index.spec.ts unit-tests it offline.
import * as pulumi from "@pulumi/pulumi";
import { Role } from "@pulumi/aws/iam";
import { Alias, Function } from "@pulumi/aws/lambda";
import { FixedConcurrency, UtilizationScaling } from "lambda-concurrency";

const role = new Role("orders-role", {
    assumeRolePolicy: JSON.stringify({
        Version: "2012-10-17",
        Statement: [{ Effect: "Allow", Principal: { Service: "lambda.amazonaws.com" }, Action: "sts:AssumeRole" }],
    }),
});

function lambdaFunction(name: string): Function {
    return new Function(name, {
        runtime: "nodejs22.x",
        handler: "index.handler",
        role: role.arn,
        code: new pulumi.asset.AssetArchive({
            "index.js": new pulumi.asset.StringAsset("exports.handler = async () => ({ statusCode: 200 });"),
        }),
        memorySize: 512,
        architectures: ["arm64"],
        publish: true, // provisioned concurrency needs a published version
    });
}

const api = lambdaFunction("api");
const live = new Alias("api-live", { name: "live", functionName: api.name, functionVersion: api.version });
const apiWarm = new FixedConcurrency("api-warm", {
    functionName: api.name,
    qualifier: live.name,
    provisionedConcurrentExecutions: 2,
});

const worker = lambdaFunction("worker");
const workerScaling = new UtilizationScaling("worker-load", {
    functionName: worker.name,
    qualifier: worker.version,
    minCapacity: 1,
    maxCapacity: 5,
    targetUtilization: 0.7,
});

export const apiFunctionName = api.name;
export const apiAliasArn = live.arn;
export const apiProvisioned = apiWarm.provisionedConcurrentExecutions;
export const workerScalableTarget = workerScaling.target.resourceId;
