// EventBridge on the stand-in endpoint (AWS JSON 1.1, X-Amz-Target AWSEvents.<Operation>): the rules are the
// lifecycle model's (the provider's EventRule objects, on the default event bus). Shapes and error texts follow the
// EventBridge API reference (DescribeRule, PutRule, DeleteRule, ListTargetsByRule); aws-time.ts fires the scheduled
// rules as time passes.
import { AwsError } from "../lifecycle/aws-model";
import { TYPES } from "../lifecycle/types";
import type { StandInContext } from "./aws-endpoint";
import { ApiError, optionalString, requiredString } from "./wire";

export const EVENTS_TARGET_PREFIX = "AWSEvents";

type Body = Record<string, unknown>;

function checkBus(body: Body): void {
    const bus = optionalString(body, "EventBusName");
    if (bus !== undefined && bus !== "default") {
        throw new ApiError(400, "ResourceNotFoundException", `Event bus ${bus} does not exist.`);
    }
}

function ruleNotFound(name: string): ApiError {
    return new ApiError(400, "ResourceNotFoundException", `Rule ${name} does not exist on EventBus default.`);
}

export function ruleArn(ctx: StandInContext, name: string): string {
    return `arn:aws:events:${ctx.region}:${ctx.accountId}:rule/${name}`;
}

export function handleEvents(ctx: StandInContext, operation: string, body: Body): unknown {
    const { aws } = ctx;
    const rule = (name: string) => aws.objectsOfType(TYPES.eventRule).find((o) => o.props.name === name)?.props;
    checkBus(body);
    switch (operation) {
        case "DescribeRule": {
            const name = requiredString(body, "Name");
            const props = rule(name);
            if (props === undefined) {
                throw ruleNotFound(name);
            }
            return Object.fromEntries(
                Object.entries({
                    Name: name,
                    Arn: ruleArn(ctx, name),
                    EventPattern: props.eventPattern,
                    ScheduleExpression: props.scheduleExpression,
                    // The provider's default state (pulumi-aws EventRule: state defaults to ENABLED).
                    State: props.state ?? "ENABLED",
                    Description: props.description,
                    EventBusName: "default",
                    CreatedBy: ctx.accountId,
                }).filter(([, v]) => v !== undefined),
            );
        }
        case "PutRule": {
            const name = requiredString(body, "Name");
            aws.create(TYPES.eventRule, {
                name,
                scheduleExpression: optionalString(body, "ScheduleExpression"),
                eventPattern: optionalString(body, "EventPattern"),
                state: optionalString(body, "State") ?? "ENABLED",
                description: optionalString(body, "Description"),
            });
            ctx.createdAt(`rule:${name}`);
            return { RuleArn: ruleArn(ctx, name) };
        }
        case "DeleteRule": {
            const name = requiredString(body, "Name");
            if (rule(name) !== undefined) {
                try {
                    aws.delete(TYPES.eventRule, name, { name });
                } catch (error) {
                    throw error instanceof AwsError ? new ApiError(400, error.code, error.detail) : error;
                }
                ctx.forget(`rule:${name}`);
            }
            return {};
        }
        case "ListTargetsByRule": {
            const name = requiredString(body, "Rule");
            if (rule(name) === undefined) {
                throw ruleNotFound(name);
            }
            return {
                Targets: aws
                    .objectsOfType(TYPES.eventTarget)
                    .filter((o) => o.props.rule === name)
                    .map((o) => Object.fromEntries(Object.entries({ Id: o.props.targetId, Arn: o.props.arn, Input: o.props.input }).filter(([, v]) => v !== undefined))),
            };
        }
        default:
            throw new ApiError(400, "UnknownOperationException", `the AWS stand-in does not implement ${EVENTS_TARGET_PREFIX}.${operation}`);
    }
}
