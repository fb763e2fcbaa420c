// Pieces the sample programs share: a minimal Node.js function with its execution role and log group.
import * as pulumi from "@pulumi/pulumi";
import { LogGroup } from "@pulumi/aws/cloudwatch";
import { Role, RolePolicy } from "@pulumi/aws/iam";
import { Function } from "@pulumi/aws/lambda";
import { loggingPolicyDocument } from "../components/warmer-plan";

/** Lets Lambda assume the role; nothing else. */
const LAMBDA_ASSUME_ROLE_POLICY = JSON.stringify({
    Version: "2012-10-17",
    Statement: [{ Effect: "Allow", Principal: { Service: "lambda.amazonaws.com" }, Action: "sts:AssumeRole" }],
});


/** A hello-world handler whose module scope stands in for a slow initialization (SDK clients, frameworks). */
const HELLO_HANDLER = `
const initializedAt = new Date().toISOString();
exports.handler = async (event) => ({
    statusCode: 200,
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ hello: "world", initializedAt, initializationType: process.env.AWS_LAMBDA_INITIALIZATION_TYPE }),
});
`;

/**
 * A published Node.js function whose role may only write to the function's own log group (not the AWS managed
 * AWSLambdaBasicExecutionRole, which allows every log group in the account).
 */
export function helloFunction(
    name: string,
    opts?: pulumi.CustomResourceOptions,
    code: string = HELLO_HANDLER,
    extraAssets: Record<string, pulumi.asset.Asset> = {},
): Function {
    const role = new Role(`${name}-role`, { assumeRolePolicy: LAMBDA_ASSUME_ROLE_POLICY }, opts);
    const logGroup = new LogGroup(`${name}-logs`, { retentionInDays: 14 }, opts);
    const logging = new RolePolicy(`${name}-logs`, { role: role.name, policy: logGroup.arn.apply(loggingPolicyDocument) }, opts);
    return new Function(
        name,
        {
            runtime: "nodejs22.x",
            architectures: ["arm64"],
            handler: "index.handler",
            memorySize: 256,
            role: role.arn,
            loggingConfig: { logFormat: "Text", logGroup: logGroup.name },
            code: new pulumi.asset.AssetArchive({ "index.js": new pulumi.asset.StringAsset(code), ...extraAssets }),
            // Provisioned concurrency needs a published version: publish one on every code change.
            publish: true,
        },
        { ...opts, dependsOn: [logging] },
    );
}
