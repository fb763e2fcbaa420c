// The shapes the lifecycle model works on: what a program declares (converted from the AWS-like mocks' records),
// what Pulumi keeps in its state between deployments, and what an operation reports. The model exists to prove
// offline that the package's components leave nothing billing and wipe nothing across `pulumi up` (A to B),
// `pulumi refresh` and `pulumi destroy`; engine.ts plays the Pulumi engine, aws-model.ts plays AWS.

/** The resource types the model knows by name (Pulumi AWS provider tokens). */
export const TYPES = {
    function: "aws:lambda/function:Function",
    alias: "aws:lambda/alias:Alias",
    provisionedConcurrencyConfig: "aws:lambda/provisionedConcurrencyConfig:ProvisionedConcurrencyConfig",
    permission: "aws:lambda/permission:Permission",
    functionEventInvokeConfig: "aws:lambda/functionEventInvokeConfig:FunctionEventInvokeConfig",
    invocation: "aws:lambda/invocation:Invocation",
    scalableTarget: "aws:appautoscaling/target:Target",
    scalingPolicy: "aws:appautoscaling/policy:Policy",
    scheduledAction: "aws:appautoscaling/scheduledAction:ScheduledAction",
    metricAlarm: "aws:cloudwatch/metricAlarm:MetricAlarm",
    dashboard: "aws:cloudwatch/dashboard:Dashboard",
    snsTopic: "aws:sns/topic:Topic",
    logGroup: "aws:cloudwatch/logGroup:LogGroup",
    eventRule: "aws:cloudwatch/eventRule:EventRule",
    eventTarget: "aws:cloudwatch/eventTarget:EventTarget",
    role: "aws:iam/role:Role",
    rolePolicy: "aws:iam/rolePolicy:RolePolicy",
    iamPolicy: "aws:iam/policy:Policy",
    rolePolicyAttachment: "aws:iam/rolePolicyAttachment:RolePolicyAttachment",
    api: "aws:apigatewayv2/api:Api",
    integration: "aws:apigatewayv2/integration:Integration",
    route: "aws:apigatewayv2/route:Route",
    stage: "aws:apigatewayv2/stage:Stage",
} as const;

/** The resource options the model honours. */
export interface ResourceOptions {
    deleteBeforeReplace: boolean;
    /** Whether the program set deleteBeforeReplace; when not, the provider decides (see engine.ts, providerDeletesFirst). */
    deleteBeforeReplaceDefined?: boolean;
    /** Top-level input keys whose program value is ignored once the resource exists. */
    ignoreChanges: string[];
    /** The resource's OWN alias URNs (inherited ones are computed by the engine). */
    aliases: string[];
    /** The effective value (the SDK inherits it from the parent; the converter passes what applies). */
    retainOnDelete: boolean;
}

/** One resource as a program declares it. Programs are arrays in registration order. */
export interface DeclaredResource {
    /** e.g. urn:pulumi:test::proj::lambda-concurrency:index:FixedConcurrency$aws:lambda/provisionedConcurrencyConfig:ProvisionedConcurrencyConfig::api */
    urn: string;
    /** e.g. "aws:lambda/provisionedConcurrencyConfig:ProvisionedConcurrencyConfig" */
    type: string;
    /** The logical name. */
    name: string;
    /** The parent's URN; undefined at the root. */
    parent?: string;
    /** False for component resources, which have no AWS effect. */
    custom: boolean;
    /** Resolved inputs as the program sent them. */
    inputs: Record<string, unknown>;
    /** Inputs plus what the provider computes (auto-names, arn, version, ...), as the mocks return them. */
    state: Record<string, unknown>;
    /** The provider id as the mocks compute it ("fn-name,live" for a PC config; the resourceId for a target). */
    id?: string;
    /** URNs it depends on: explicit dependsOn and property dependencies; NOT the parent. */
    dependencies: string[];
    /**
     * Optional: which of `dependencies` each input key came from, as the engine records it. The mocks do not see
     * this, so the engine infers it from values when it is missing (see engine.ts, dependent replacements).
     */
    propertyDependencies?: Record<string, string[]>;
    options: ResourceOptions;
    /** A read of an existing resource (Resource.get, by `id`): read on every deployment, never created or deleted. */
    read?: boolean;
}

/** What Pulumi keeps per resource between deployments. */
export interface ResourceState {
    urn: string;
    type: string;
    name: string;
    parent?: string;
    custom: boolean;
    inputs: Record<string, unknown>;
    outputs: Record<string, unknown>;
    id?: string;
    dependencies: string[];
    propertyDependencies?: Record<string, string[]>;
    options: ResourceOptions;
    /**
     * A replaced resource whose delete has not run yet (Pulumi's `delete: true` in the checkpoint). The next `up`
     * or `destroy` deletes it.
     */
    pendingDelete?: boolean;
    /**
     * Deleted by a delete-before-replace whose replacement was not created yet (Pulumi's `pendingReplacement`): the
     * next `up` recreates it; nothing deletes it again.
     */
    pendingReplacement?: boolean;
    /**
     * Created or updated, but the provider reported initialization errors (a configuration whose allocation ended
     * FAILED: the engine's InitErrors). The next `up` updates it even when nothing changed; a refresh clears them.
     */
    initErrors?: boolean;
    /** Read, not managed (Resource.get): the engine's `external` state; leaving the program discards it, no delete. */
    external?: boolean;
}

/** A stack's state: the resources in checkpoint order (dependencies before dependents). */
export interface StackState {
    resources: ResourceState[];
    /**
     * How many times each auto-named URN was created, so that each creation after the first (a replacement, a create
     * after a refresh dropped it) gets a new name, as the provider gives it.
     */
    creations?: Record<string, number>;
}

export type StepOp =
    | "create"
    | "update"
    | "same"
    | "create-replacement"
    | "delete-replaced"
    | "delete"
    | "refresh-removed"
    | "refresh-updated"
    | "remove-pending-replace"
    | "read"
    | "discard";

/** One engine step and the AWS API calls it made, in order. */
export interface Step {
    op: StepOp;
    urn: string;
    awsCalls: string[];
    /** A create's physical name when the provider auto-named it (for comparing runs whose random names differ). */
    autoName?: string;
    /** A create's provider id, when AWS generates it (API Gateway). */
    id?: string;
}

/** What `up`, `refresh` and `destroy` return. */
export interface OperationResult {
    /** The state reached: the whole new state on success, the state so far when `error` is set. */
    state: StackState;
    steps: Step[];
    /** Set when an AWS call failed: the operation stopped there, and the steps before it stay done. */
    error?: Error;
}

/** An empty stack. */
export function emptyState(): StackState {
    return { resources: [] };
}
