// Builders for hand-written programs (DeclaredResource literals without Pulumi): URNs the way the engine forms them,
// and the resources this package's components and samples declare, with the state and id the mocks would report.
import { DeclaredResource, TYPES } from "./types";

type Props = Record<string, unknown>;

export const STACK = "test";
export const PROJECT = "proj";

/** The URN the engine gives `name` of `type` under `parent` (the parent's qualified type prefixes the type). */
export function urnOf(type: string, name: string, parent?: string): string {
    const qualified = parent === undefined ? type : `${parent.split("::")[2]}$${type}`;
    return `urn:pulumi:${STACK}::${PROJECT}::${qualified}::${name}`;
}

export interface DeclareOptions {
    parent?: string;
    custom?: boolean;
    inputs?: Props;
    /** Extra provider-computed outputs on top of the inputs. */
    computed?: Props;
    id?: string;
    dependsOn?: string[];
    deleteBeforeReplace?: boolean;
    ignoreChanges?: string[];
    aliases?: string[];
    retainOnDelete?: boolean;
}

/** A declared resource; its state is its inputs plus `computed`. */
export function declare(type: string, name: string, options: DeclareOptions = {}): DeclaredResource {
    const inputs = options.inputs ?? {};
    return {
        urn: urnOf(type, name, options.parent),
        type,
        name,
        parent: options.parent,
        custom: options.custom ?? true,
        inputs,
        state: { ...inputs, ...(options.computed ?? {}) },
        id: options.id,
        dependencies: options.dependsOn ?? [],
        options: {
            deleteBeforeReplace: options.deleteBeforeReplace ?? false,
            deleteBeforeReplaceDefined: options.deleteBeforeReplace !== undefined,
            ignoreChanges: options.ignoreChanges ?? [],
            aliases: options.aliases ?? [],
            retainOnDelete: options.retainOnDelete ?? false,
        },
    };
}

/** A component resource (no AWS effect). */
export function component(type: string, name: string, options: Omit<DeclareOptions, "custom"> = {}): DeclaredResource {
    return declare(type, name, { ...options, custom: false });
}

/** A published function with an explicit name. */
export function lambdaFunction(name: string, options: { reservedConcurrentExecutions?: number } = {}): DeclaredResource {
    return declare(TYPES.function, name, {
        inputs: { name, publish: true, runtime: "nodejs22.x", reservedConcurrentExecutions: options.reservedConcurrentExecutions },
        computed: { arn: `arn:aws:lambda:us-east-1:123456789012:function:${name}`, version: "1" },
        id: name,
    });
}

/** An alias of `fn` (a declared function) on version 1. */
export function lambdaAlias(logicalName: string, fn: DeclaredResource, aliasName: string, version = "1"): DeclaredResource {
    const functionName = String(fn.inputs.name);
    return declare(TYPES.alias, logicalName, {
        inputs: { name: aliasName, functionName, functionVersion: version },
        computed: { arn: `arn:aws:lambda:us-east-1:123456789012:function:${functionName}:${aliasName}` },
        id: `arn:aws:lambda:us-east-1:123456789012:function:${functionName}:${aliasName}`,
        dependsOn: [fn.urn],
    });
}

/** A provisioned concurrency configuration, id `FUNCTION,QUALIFIER` as the provider forms it. */
export function pcConfig(
    name: string,
    options: {
        functionName: string;
        qualifier: string;
        count: number;
        parent?: string;
        dependsOn?: string[];
        skipDestroy?: boolean;
        ignoreChanges?: string[];
        deleteBeforeReplace?: boolean;
        retainOnDelete?: boolean;
        aliases?: string[];
    },
): DeclaredResource {
    return declare(TYPES.provisionedConcurrencyConfig, name, {
        parent: options.parent,
        inputs: {
            functionName: options.functionName,
            qualifier: options.qualifier,
            provisionedConcurrentExecutions: options.count,
            skipDestroy: options.skipDestroy ?? false,
        },
        id: `${options.functionName},${options.qualifier}`,
        dependsOn: options.dependsOn,
        ignoreChanges: options.ignoreChanges,
        deleteBeforeReplace: options.deleteBeforeReplace,
        retainOnDelete: options.retainOnDelete,
        aliases: options.aliases,
    });
}

/** An Application Auto Scaling target of a Lambda alias or version; its id is the resource id. */
export function scalableTarget(
    name: string,
    options: { resourceId: string; min: number; max: number; parent?: string; dependsOn?: string[]; deleteBeforeReplace?: boolean },
): DeclaredResource {
    return declare(TYPES.scalableTarget, name, {
        parent: options.parent,
        inputs: {
            serviceNamespace: "lambda",
            scalableDimension: "lambda:function:ProvisionedConcurrency",
            resourceId: options.resourceId,
            minCapacity: options.min,
            maxCapacity: options.max,
        },
        id: options.resourceId,
        dependsOn: options.dependsOn,
        deleteBeforeReplace: options.deleteBeforeReplace,
    });
}

/** A target tracking policy on `target` (a declared target), with an explicit policy name. */
export function trackingPolicy(
    name: string,
    target: DeclaredResource,
    options: { policyName: string; parent?: string; targetValue?: number },
): DeclaredResource {
    return declare(TYPES.scalingPolicy, name, {
        parent: options.parent,
        inputs: {
            name: options.policyName,
            policyType: "TargetTrackingScaling",
            serviceNamespace: target.inputs.serviceNamespace,
            scalableDimension: target.inputs.scalableDimension,
            resourceId: target.inputs.resourceId,
            targetTrackingScalingPolicyConfiguration: {
                targetValue: options.targetValue ?? 0.7,
                predefinedMetricSpecification: { predefinedMetricType: "LambdaProvisionedConcurrencyUtilization" },
            },
        },
        id: options.policyName,
        dependsOn: [target.urn],
    });
}

/** A scheduled action on `target` (a declared target). */
export function scheduledAction(
    name: string,
    target: DeclaredResource,
    options: { actionName: string; schedule: string; min?: number; max?: number; parent?: string; dependsOn?: string[] },
): DeclaredResource {
    return declare(TYPES.scheduledAction, name, {
        parent: options.parent,
        inputs: {
            name: options.actionName,
            serviceNamespace: target.inputs.serviceNamespace,
            scalableDimension: target.inputs.scalableDimension,
            resourceId: target.inputs.resourceId,
            schedule: options.schedule,
            timezone: "UTC",
            scalableTargetAction: { minCapacity: options.min, maxCapacity: options.max },
        },
        id: options.actionName,
        dependsOn: [target.urn, ...(options.dependsOn ?? [])],
    });
}
