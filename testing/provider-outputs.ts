// What the AWS provider computes for a resource once AWS has created it (ARNs, endpoints, a function's version, the
// defaults it reports back), shared by the AWS-like mocks (mock-aws.ts) and the AWS stand-in provider that the real
// Pulumi engine deploys against (tests/helpers/stand-in/). The values follow the ARN formats of each service's API
// reference and the attributes the Terraform AWS provider sets after its read-back.

import { warmerFunctionReply } from "./warmer-reply";

/** Where the provider works: its region, partition and DNS suffix, and the caller's account. */
export interface ProviderHome {
    region: string;
    accountId: string;
    partition: string;
    dnsSuffix: string;
}

/** Ids that AWS generates: an API Gateway API's id, and the unique part of an Application Auto Scaling ARN. */
export interface GeneratedIds {
    apiId: string;
    arnId: string;
}

function text(state: Record<string, unknown>, key: string): string | undefined {
    const value = state[key];
    return typeof value === "string" ? value : undefined;
}

/** The ARN of a Lambda function given its name or ARN. */
export function lambdaFunctionArn(home: ProviderHome, functionNameOrArn: string): string {
    if (functionNameOrArn.startsWith("arn:")) {
        return functionNameOrArn;
    }
    return `arn:${home.partition}:lambda:${home.region}:${home.accountId}:function:${functionNameOrArn}`;
}

function invokeArnOf(home: ProviderHome, arn: string): string {
    return `arn:${home.partition}:apigateway:${home.region}:lambda:path/2015-03-31/functions/${arn}/invocations`;
}

/** An alias's ARN and invoke ARN, as the provider reports them for the resource and its data source. */
export function lambdaAliasArns(home: ProviderHome, functionName: string, aliasName: string): { arn: string; invokeArn: string } {
    const arn = `${lambdaFunctionArn(home, functionName)}:${aliasName}`;
    return { arn, invokeArn: invokeArnOf(home, arn) };
}

/**
 * The outputs the provider adds to `state` (the inputs with the physical name filled in) for a resource of `type`.
 * `version` is a published function's newest version (the mocks report "1" for `publish: true`).
 */
export function computedOutputs(
    type: string,
    logicalName: string,
    state: Record<string, unknown>,
    home: ProviderHome,
    ids: GeneratedIds,
    version?: string,
): Record<string, unknown> {
    const name = text(state, "name") ?? logicalName;
    const { partition, region, accountId, dnsSuffix } = home;
    switch (type) {
        case "aws:lambda/function:Function": {
            const arn = lambdaFunctionArn(home, name);
            const published = version ?? (state.publish === true ? "1" : "$LATEST");
            return {
                arn,
                invokeArn: invokeArnOf(home, arn),
                version: published,
                qualifiedArn: `${arn}:${published}`,
                qualifiedInvokeArn: invokeArnOf(home, `${arn}:${published}`),
                memorySize: state.memorySize ?? 128,
                timeout: state.timeout ?? 3,
                architectures: state.architectures ?? ["x86_64"],
            };
        }
        case "aws:lambda/alias:Alias":
            return lambdaAliasArns(home, text(state, "functionName") ?? "unknown", name);
        case "aws:lambda/provisionedConcurrencyConfig:ProvisionedConcurrencyConfig":
            return { skipDestroy: state.skipDestroy ?? false };
        case "aws:iam/role:Role":
            return { arn: `arn:${partition}:iam::${accountId}:role/${name}`, uniqueId: "AROAMOCK" };
        case "aws:iam/policy:Policy":
            return { arn: `arn:${partition}:iam::${accountId}:policy/${name}` };
        case "aws:cloudwatch/eventRule:EventRule":
            return { arn: `arn:${partition}:events:${region}:${accountId}:rule/${name}` };
        case "aws:cloudwatch/logGroup:LogGroup":
            return { arn: `arn:${partition}:logs:${region}:${accountId}:log-group:${name}` };
        case "aws:sns/topic:Topic":
            return { arn: `arn:${partition}:sns:${region}:${accountId}:${name}` };
        case "aws:cloudwatch/metricAlarm:MetricAlarm":
            return { arn: `arn:${partition}:cloudwatch:${region}:${accountId}:alarm:${name}` };
        case "aws:cloudwatch/dashboard:Dashboard":
            // Dashboards are global: no region in the ARN.
            return { dashboardArn: `arn:${partition}:cloudwatch::${accountId}:dashboard/${String(state.dashboardName)}` };
        case "aws:apigatewayv2/api:Api":
            return {
                apiEndpoint: `https://${ids.apiId}.execute-api.${region}.${dnsSuffix}`,
                executionArn: `arn:${partition}:execute-api:${region}:${accountId}:${ids.apiId}`,
            };
        case "aws:apigatewayv2/stage:Stage":
            return { invokeUrl: `https://mock.execute-api.${region}.${dnsSuffix}/${text(state, "name") ?? ""}` };
        case "aws:appautoscaling/target:Target":
            return { arn: `arn:${partition}:application-autoscaling:${region}:${accountId}:scalable-target/${ids.arnId}` };
        case "aws:appautoscaling/policy:Policy":
            return {
                arn: `arn:${partition}:autoscaling:${region}:${accountId}:scalingPolicy:${ids.arnId}:resource/lambda/${text(state, "resourceId") ?? ""}:policyName/${name}`,
                alarmArns: [],
            };
        case "aws:appautoscaling/scheduledAction:ScheduledAction":
            return {
                arn: `arn:${partition}:autoscaling:${region}:${accountId}:scheduledAction:${ids.arnId}:resource/lambda/${text(state, "resourceId") ?? ""}:scheduledActionName/${name}`,
            };
        case "aws:lambda/invocation:Invocation": {
            // The function's answer: known offline only for a LambdaWarmer's warm-up plan (warmer-reply.ts). The AWS
            // stand-in's model answers for itself (its versions may fail to initialize).
            if (state.result !== undefined) {
                return {};
            }
            const result = warmerFunctionReply(state.input);
            return result === undefined ? {} : { result };
        }
        default:
            return {};
    }
}
