// Application Auto Scaling's API (AWS JSON 1.1, X-Amz-Target AnyScaleFrontendService.<Operation>) on the stand-in
// endpoint, over the lifecycle model's scalable targets, policies, scheduled actions and scaling activities. Shapes
// and error texts follow the Application Auto Scaling API reference (DescribeScalableTargets, DescribeScalingPolicies,
// DescribeScheduledActions, DescribeScalingActivities, RegisterScalableTarget, DeregisterScalableTarget,
// PutScalingPolicy, DeleteScalingPolicy, PutScheduledAction, DeleteScheduledAction); writes go through the model's
// resource operations, so they obey its rules (a policy needs a target, bounds are brought in, ...).
import { createHash } from "node:crypto";
import { AwsError, SuspendedState } from "../lifecycle/aws-model";
import { TYPES } from "../lifecycle/types";
import type { StandInContext } from "./aws-endpoint";
import { ApiError, epochSeconds, optionalNumber, optionalString, requiredString } from "./wire";

export const AUTOSCALING_TARGET_PREFIX = "AnyScaleFrontendService";

type Body = Record<string, unknown>;

/** The only namespace and dimension the stand-in scales (it models Lambda's provisioned concurrency alone). */
const NAMESPACE = "lambda";
const DIMENSION = "lambda:function:ProvisionedConcurrency";

/**
 * The service-linked role Application Auto Scaling uses for Lambda (Application Auto Scaling user guide,
 * "Service-linked roles for Application Auto Scaling").
 */
function serviceLinkedRole(ctx: StandInContext): string {
    return `arn:aws:iam::${ctx.accountId}:role/aws-service-role/lambda.application-autoscaling.amazonaws.com/AWSServiceRoleForApplicationAutoScaling_LambdaConcurrency`;
}

/** A stable id of an object, as the ARNs' random parts look (36 hex characters). */
function idOf(key: string): string {
    return createHash("sha256").update(key).digest("hex").slice(0, 36);
}

/** Capitalizes every key of a provider-shaped value (the Terraform schema names the API's fields in camelCase). */
export function toApiShape(value: unknown): unknown {
    if (Array.isArray(value)) {
        return value.map(toApiShape);
    }
    if (typeof value === "object" && value !== null) {
        return Object.fromEntries(
            Object.entries(value)
                .filter(([, v]) => v !== undefined && v !== null)
                .map(([k, v]) => [k.charAt(0).toUpperCase() + k.slice(1), toApiShape(v)]),
        );
    }
    return value;
}

/** The reverse of toApiShape: an API value in the provider's shape, as the model keeps it. */
export function toProviderShape(value: unknown): unknown {
    if (Array.isArray(value)) {
        return value.map(toProviderShape);
    }
    if (typeof value === "object" && value !== null) {
        return Object.fromEntries(Object.entries(value).map(([k, v]) => [k.charAt(0).toLowerCase() + k.slice(1), toProviderShape(v)]));
    }
    return value;
}

function fromModel(error: unknown): unknown {
    return error instanceof AwsError ? new ApiError(400, error.code, error.detail) : error;
}

function checkTarget(body: Body, requireDimension: boolean): void {
    const namespace = requiredString(body, "ServiceNamespace");
    if (namespace !== NAMESPACE) {
        throw new ApiError(400, "ValidationException", `the AWS stand-in scales only the ${NAMESPACE} namespace, got ${namespace}`);
    }
    const dimension = optionalString(body, "ScalableDimension");
    if ((requireDimension || dimension !== undefined) && dimension !== DIMENSION) {
        throw new ApiError(400, "ValidationException", `the AWS stand-in scales only ${DIMENSION}, got ${String(dimension)}`);
    }
}

function notRegistered(resourceId: string): ApiError {
    return new ApiError(
        400,
        "ObjectNotFoundException",
        `No scalable target registered for service namespace: ${NAMESPACE}, resource ID: ${resourceId}, scalable dimension: ${DIMENSION}`,
    );
}

/** An RFC 3339 string (the provider's form of StartTime/EndTime) from the API's epoch seconds. */
function rfc3339(seconds: number | undefined): string | undefined {
    return seconds === undefined ? undefined : new Date(seconds * 1000).toISOString().replace(".000Z", "Z");
}

export function handleAutoScaling(ctx: StandInContext, operation: string, body: Body): unknown {
    try {
        return answer(ctx, operation, body);
    } catch (error) {
        throw fromModel(error);
    }
}

/** RegisterScalableTarget's SuspendedState as the model takes it: only the flags the caller gave. */
function suspendedStateIn(given: unknown): Record<string, boolean> | undefined {
    if (given === null || typeof given !== "object") {
        return undefined;
    }
    const flags = given as Record<string, unknown>;
    const out: Record<string, boolean> = {};
    for (const [wire, model] of [
        ["DynamicScalingInSuspended", "dynamicScalingInSuspended"],
        ["DynamicScalingOutSuspended", "dynamicScalingOutSuspended"],
        ["ScheduledScalingSuspended", "scheduledScalingSuspended"],
    ] as const) {
        if (typeof flags[wire] === "boolean") {
            out[model] = flags[wire];
        }
    }
    return out;
}

/** A target's suspended state as DescribeScalableTargets reports it. */
function suspendedStateOut(state: SuspendedState | undefined): Record<string, boolean> {
    return {
        DynamicScalingInSuspended: state?.dynamicScalingInSuspended ?? false,
        DynamicScalingOutSuspended: state?.dynamicScalingOutSuspended ?? false,
        ScheduledScalingSuspended: state?.scheduledScalingSuspended ?? false,
    };
}

function answer(ctx: StandInContext, operation: string, body: Body): unknown {
    const { aws } = ctx;
    switch (operation) {
        case "DescribeScalableTargets": {
            checkTarget(body, false);
            const ids = Array.isArray(body.ResourceIds) ? (body.ResourceIds as string[]) : undefined;
            return {
                ScalableTargets: aws
                    .scalableTargetList()
                    .filter((t) => ids === undefined || ids.includes(t.resourceId))
                    .map((t) => ({
                        ServiceNamespace: NAMESPACE,
                        ResourceId: t.resourceId,
                        ScalableDimension: DIMENSION,
                        MinCapacity: t.minCapacity,
                        MaxCapacity: t.maxCapacity,
                        RoleARN: typeof t.props.roleArn === "string" ? t.props.roleArn : serviceLinkedRole(ctx),
                        CreationTime: epochSeconds(ctx.createdAt(`target:${t.resourceId}`)),
                        SuspendedState: suspendedStateOut(aws.suspendedScaling(t.resourceId)),
                        ScalableTargetARN: `arn:aws:application-autoscaling:${ctx.region}:${ctx.accountId}:scalable-target/${idOf(t.resourceId)}`,
                    })),
            };
        }
        case "RegisterScalableTarget": {
            checkTarget(body, true);
            const resourceId = requiredString(body, "ResourceId");
            aws.create(TYPES.scalableTarget, {
                serviceNamespace: NAMESPACE,
                scalableDimension: DIMENSION,
                resourceId,
                minCapacity: optionalNumber(body, "MinCapacity"),
                maxCapacity: optionalNumber(body, "MaxCapacity"),
                roleArn: optionalString(body, "RoleARN"),
                suspendedState: suspendedStateIn(body.SuspendedState),
            });
            ctx.createdAt(`target:${resourceId}`);
            return { ScalableTargetARN: `arn:aws:application-autoscaling:${ctx.region}:${ctx.accountId}:scalable-target/${idOf(resourceId)}` };
        }
        case "DeregisterScalableTarget": {
            checkTarget(body, true);
            const resourceId = requiredString(body, "ResourceId");
            if (aws.scalableTarget(resourceId) === undefined) {
                throw notRegistered(resourceId);
            }
            aws.delete(TYPES.scalableTarget, resourceId, { resourceId });
            ctx.forget(`target:${resourceId}`);
            return {};
        }
        case "DescribeScalingPolicies": {
            checkTarget(body, false);
            const resourceId = optionalString(body, "ResourceId");
            const names = Array.isArray(body.PolicyNames) ? (body.PolicyNames as string[]) : undefined;
            return {
                ScalingPolicies: aws
                    .scalingPolicyList()
                    .filter((p) => (resourceId === undefined || p.resourceId === resourceId) && (names === undefined || names.includes(p.name)))
                    .map((p) => ({
                        PolicyARN: policyArn(ctx, p.resourceId, p.name),
                        PolicyName: p.name,
                        ServiceNamespace: NAMESPACE,
                        ResourceId: p.resourceId,
                        ScalableDimension: DIMENSION,
                        PolicyType: p.policyType,
                        ...(p.props.targetTrackingScalingPolicyConfiguration === undefined
                            ? {}
                            : { TargetTrackingScalingPolicyConfiguration: toApiShape(p.props.targetTrackingScalingPolicyConfiguration) }),
                        ...(p.props.stepScalingPolicyConfiguration === undefined
                            ? {}
                            : { StepScalingPolicyConfiguration: toApiShape(p.props.stepScalingPolicyConfiguration) }),
                        Alarms: p.alarmNames.map((a) => ({ AlarmName: a, AlarmARN: `arn:aws:cloudwatch:${ctx.region}:${ctx.accountId}:alarm:${a}` })),
                        CreationTime: epochSeconds(ctx.createdAt(`policy:${p.resourceId}|${p.name}`)),
                    })),
            };
        }
        case "PutScalingPolicy": {
            checkTarget(body, true);
            const resourceId = requiredString(body, "ResourceId");
            const name = requiredString(body, "PolicyName");
            const outputs = aws.create(TYPES.scalingPolicy, {
                name,
                serviceNamespace: NAMESPACE,
                scalableDimension: DIMENSION,
                resourceId,
                policyType: optionalString(body, "PolicyType") ?? "StepScaling",
                targetTrackingScalingPolicyConfiguration: toProviderShape(body.TargetTrackingScalingPolicyConfiguration),
                stepScalingPolicyConfiguration: toProviderShape(body.StepScalingPolicyConfiguration),
            });
            ctx.createdAt(`policy:${resourceId}|${name}`);
            const alarms = (outputs.alarmArns as string[] | undefined) ?? [];
            return { PolicyARN: policyArn(ctx, resourceId, name), Alarms: alarms.map((arn) => ({ AlarmName: arn.split(":alarm:")[1], AlarmARN: arn })) };
        }
        case "DeleteScalingPolicy": {
            checkTarget(body, true);
            const resourceId = requiredString(body, "ResourceId");
            const name = requiredString(body, "PolicyName");
            if (!aws.scalingPolicyList().some((p) => p.resourceId === resourceId && p.name === name)) {
                throw new ApiError(
                    400,
                    "ObjectNotFoundException",
                    `No scaling policy found for service namespace: ${NAMESPACE}, resource ID: ${resourceId}, scalable dimension: ${DIMENSION}, policy name: ${name}`,
                );
            }
            aws.delete(TYPES.scalingPolicy, name, { name, resourceId });
            return {};
        }
        case "DescribeScheduledActions": {
            checkTarget(body, false);
            const resourceId = optionalString(body, "ResourceId");
            const names = Array.isArray(body.ScheduledActionNames) ? (body.ScheduledActionNames as string[]) : undefined;
            return {
                ScheduledActions: aws
                    .scheduledActionDetails()
                    .filter((a) => (resourceId === undefined || a.resourceId === resourceId) && (names === undefined || names.includes(a.name)))
                    .map((a) => {
                        const start = typeof a.props.startTime === "string" && a.props.startTime !== "" ? epochSeconds(new Date(a.props.startTime)) : undefined;
                        const end = typeof a.props.endTime === "string" && a.props.endTime !== "" ? epochSeconds(new Date(a.props.endTime)) : undefined;
                        return {
                            ScheduledActionName: a.name,
                            ScheduledActionARN: `arn:aws:autoscaling:${ctx.region}:${ctx.accountId}:scheduledAction:${idOf(`${a.resourceId}|${a.name}`)}:resource/lambda/${a.resourceId}:scheduledActionName/${a.name}`,
                            ServiceNamespace: NAMESPACE,
                            Schedule: a.props.schedule,
                            // As given: the API reference says UTC applies when none is given.
                            Timezone: typeof a.props.timezone === "string" ? a.props.timezone : undefined,
                            ResourceId: a.resourceId,
                            ScalableDimension: DIMENSION,
                            StartTime: start,
                            EndTime: end,
                            ScalableTargetAction: toApiShape({ minCapacity: a.minCapacity, maxCapacity: a.maxCapacity }),
                            CreationTime: epochSeconds(ctx.createdAt(`action:${a.resourceId}|${a.name}`)),
                        };
                    }),
            };
        }
        case "PutScheduledAction": {
            checkTarget(body, true);
            const resourceId = requiredString(body, "ResourceId");
            const name = requiredString(body, "ScheduledActionName");
            const action = (body.ScalableTargetAction ?? {}) as Body;
            aws.create(TYPES.scheduledAction, {
                name,
                serviceNamespace: NAMESPACE,
                scalableDimension: DIMENSION,
                resourceId,
                schedule: optionalString(body, "Schedule"),
                timezone: optionalString(body, "Timezone"),
                startTime: rfc3339(optionalNumber(body, "StartTime")),
                endTime: rfc3339(optionalNumber(body, "EndTime")),
                scalableTargetAction: { minCapacity: optionalNumber(action, "MinCapacity"), maxCapacity: optionalNumber(action, "MaxCapacity") },
            });
            ctx.createdAt(`action:${resourceId}|${name}`);
            return {};
        }
        case "DeleteScheduledAction": {
            checkTarget(body, true);
            const resourceId = requiredString(body, "ResourceId");
            const name = requiredString(body, "ScheduledActionName");
            aws.delete(TYPES.scheduledAction, name, { name, resourceId });
            return {};
        }
        case "DescribeScalingActivities": {
            checkTarget(body, false);
            const resourceId = optionalString(body, "ResourceId");
            const activities = aws.scalingActivities
                .map((a, index) => ({ a, index }))
                .filter(({ a }) => resourceId === undefined || a.resourceId === resourceId)
                // Newest first, as the API lists them.
                .reverse();
            return {
                ScalingActivities: activities.map(({ a, index }) => {
                    const at = epochSeconds(ctx.activityTime(index));
                    return {
                        ActivityId: idOf(`activity:${index}`),
                        ServiceNamespace: NAMESPACE,
                        ResourceId: a.resourceId,
                        ScalableDimension: DIMENSION,
                        // The stand-in's wording where the model has none (AAS's own texts are not documented).
                        Description: a.description ?? `Setting desired concurrency to ${a.desiredCapacity}.`,
                        Cause: a.trigger ?? "the stand-in set the capacity (registration bounds or target tracking)",
                        StartTime: at,
                        EndTime: at,
                        StatusCode: a.status,
                        ...(a.status === "Failed" ? { StatusMessage: a.cause } : {}),
                    };
                }),
            };
        }
        default:
            throw new ApiError(400, "UnknownOperationException", `the AWS stand-in does not implement ${AUTOSCALING_TARGET_PREFIX}.${operation}`);
    }
}

function policyArn(ctx: StandInContext, resourceId: string, name: string): string {
    return `arn:aws:autoscaling:${ctx.region}:${ctx.accountId}:scalingPolicy:${idOf(`${resourceId}|${name}`)}:resource/lambda/${resourceId}:policyName/${name}`;
}
