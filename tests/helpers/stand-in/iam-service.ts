// IAM on the stand-in endpoint (the AWS Query protocol: a form body with Action and Version 2010-05-08, XML answers):
// the roles are the lifecycle model's (the provider's Role objects). Shapes and error texts follow the IAM API
// reference (GetRole, CreateRole, DeleteRole; the Role data type: Path, RoleName, RoleId, Arn, CreateDate, and the
// URL-encoded AssumeRolePolicyDocument).
import { createHash } from "node:crypto";
import { AwsError } from "../lifecycle/aws-model";
import { TYPES } from "../lifecycle/types";
import type { StandInContext } from "./aws-endpoint";
import { ApiError } from "./wire";

export const IAM_VERSION = "2010-05-08";

/** HTTP statuses of IAM's errors (IAM API reference, Errors of each action). */
const STATUS: Readonly<Record<string, number>> = { NoSuchEntity: 404, EntityAlreadyExists: 409, DeleteConflict: 409 };

function required(parameters: URLSearchParams, name: string): string {
    const value = parameters.get(name);
    if (value === null || value === "") {
        throw new ApiError(400, "ValidationError", `1 validation error detected: Value null at '${name.charAt(0).toLowerCase()}${name.slice(1)}' failed to satisfy constraint: Member must not be null`);
    }
    return value;
}

function noSuchRole(name: string): ApiError {
    return new ApiError(404, "NoSuchEntity", `The role with name ${name} cannot be found.`);
}

/** A role id: "AROA" and 17 characters (IAM user guide, "Unique identifiers": AROA is a role's prefix). */
function roleId(name: string): string {
    return `AROA${createHash("sha256").update(name).digest("hex").slice(0, 17).toUpperCase()}`;
}

function roleView(ctx: StandInContext, props: Record<string, unknown>): Record<string, unknown> {
    const name = String(props.name);
    const rolePath = typeof props.path === "string" ? props.path : "/";
    return {
        Path: rolePath,
        RoleName: name,
        RoleId: roleId(name),
        Arn: `arn:aws:iam::${ctx.accountId}:role${rolePath}${name}`,
        CreateDate: ctx.createdAt(`role:${name}`).toISOString().replace(/\.\d{3}Z$/, "Z"),
        AssumeRolePolicyDocument: typeof props.assumeRolePolicy === "string" ? encodeURIComponent(props.assumeRolePolicy) : undefined,
        Description: typeof props.description === "string" ? props.description : undefined,
        MaxSessionDuration: typeof props.maxSessionDuration === "number" ? props.maxSessionDuration : 3600,
    };
}

/** Answers one IAM action with the members of its <ActionResult> element. */
export function handleIam(ctx: StandInContext, action: string, parameters: URLSearchParams): Record<string, unknown> {
    const { aws } = ctx;
    const role = (name: string) => aws.objectsOfType(TYPES.role).find((o) => o.props.name === name)?.props;
    try {
        switch (action) {
            case "GetRole": {
                const name = required(parameters, "RoleName");
                const props = role(name);
                if (props === undefined) {
                    throw noSuchRole(name);
                }
                return { Role: roleView(ctx, props) };
            }
            case "CreateRole": {
                const name = required(parameters, "RoleName");
                const props = {
                    name,
                    assumeRolePolicy: required(parameters, "AssumeRolePolicyDocument"),
                    path: parameters.get("Path") ?? undefined,
                    description: parameters.get("Description") ?? undefined,
                };
                aws.create(TYPES.role, props);
                ctx.createdAt(`role:${name}`);
                return { Role: roleView(ctx, props) };
            }
            case "DeleteRole": {
                const name = required(parameters, "RoleName");
                if (role(name) === undefined) {
                    throw noSuchRole(name);
                }
                aws.delete(TYPES.role, name, { name });
                ctx.forget(`role:${name}`);
                return {};
            }
            default:
                throw new ApiError(400, "InvalidAction", `the AWS stand-in does not implement the IAM action ${action}`);
        }
    } catch (error) {
        throw error instanceof AwsError ? new ApiError(STATUS[error.code] ?? 400, error.code, error.detail) : error;
    }
}
