// What AWS does for each call the Pulumi AWS provider makes, for the resource types this package and its samples use.
// The provider bridges the Terraform AWS provider, so each resource's create/update/delete/read below is the API call
// sequence of hashicorp/terraform-provider-aws `internal/service/<service>/<resource>.go`, and each effect is AWS's as
// its API reference states it. Where neither source settles a rule, the comment says so and the model takes the
// conservative side (the one that makes "nothing billing, nothing wiped" harder to prove), behind a named option
// the lead can switch.
//
// Every AWS call is appended to `calls` as `Operation(arguments)`; calls that Application Auto Scaling makes on
// its own (scaling a target's capacity) are prefixed with `AAS:`. Reads done right after a create or update (the
// Terraform provider reads back every resource) are not recorded: they change nothing.
import { ResourceState, StackState, TYPES } from "./types";
import { warmerFunctionReply } from "../../../testing/warmer-reply";

type Props = Record<string, unknown>;

/** A failed AWS call, with AWS's error code. */
export class AwsError extends Error {
    constructor(
        public readonly api: string,
        public readonly code: string,
        public readonly detail: string,
    ) {
        super(`${api}: ${code}: ${detail}`);
        this.name = "AwsError";
    }
}

/**
 * The provider's wait for READY ended in FAILED: the configuration exists in AWS, with nothing allocated, and the
 * provider set its id before it waited, so the bridge reports the resource as created with initialization errors
 * (provisioned_concurrency_config.go, resourceProvisionedConcurrencyConfigCreate: d.SetId, then
 * waitProvisionedConcurrencyConfigReady; the SDK's unexpected-state error; pulumi-terraform-bridge provider.go,
 * Create: initializationError). `outputs` is the state the provider keeps: the inputs, the count asked for.
 */
export class AllocationFailed extends Error {
    constructor(
        public readonly outputs: Record<string, unknown>,
        configId: string,
        reason: string,
    ) {
        super(`waiting for Lambda Provisioned Concurrency Config (${configId}) create: unexpected state 'FAILED', wanted target 'READY'. last error: ${reason}`);
        this.name = "AllocationFailed";
    }
}

/**
 * Lambda's regional concurrency quota and the part of it that must stay unreserved. Sources: Lambda developer guide,
 * "Configuring reserved concurrency" ("You can reserve up to the Unreserved account concurrency value that is shown,
 * minus 100 for functions that don't have reserved concurrency") and "Lambda quotas" (1,000 concurrent executions
 * per Region by default).
 */
export const LAMBDA_ACCOUNT_CONCURRENCY_LIMIT = 1000;
export const LAMBDA_MINIMUM_UNRESERVED_CONCURRENCY = 100;

/**
 * What Application Auto Scaling does when it sets a Lambda target's capacity to 0 (a scheduled action or bounds of
 * 0). PutProvisionedConcurrencyConfig refuses 0 (ProvisionedConcurrentExecutions: minimum 1, API reference), so
 * AAS must remove the configuration; no AWS document says so. ASSUMPTION, switchable: true = the configuration is
 * deleted (nothing billing); false = it stays, with 0 environments, and the checkers report it with count 0.
 */
export const ZERO_CAPACITY_DELETES_PROVISIONED_CONCURRENCY = true;

/**
 * What RegisterScalableTarget does for a Lambda alias or version that has no provisioned concurrency yet, with a
 * minimum above 0. The API reference says: "If the specified resource is not active in the target service, this
 * operation does not change the resource's current capacity. Otherwise, it changes the resource's current capacity
 * to a value that is inside of this range." Whether an alias without a configuration is "active" is not documented.
 * Kept as the brief states it (and as observed by users): AAS creates the configuration at the minimum. The same
 * applies when a scheduled action raises the minimum.
 */
export const REGISTER_CREATES_MISSING_PROVISIONED_CONCURRENCY = true;

/**
 * Whether DeleteAlias also removes the provisioned concurrency configuration on that alias. The DeleteAlias API
 * reference says nothing about it and no source found in this work confirms it. Conservative: false (the
 * configuration stays and keeps billing), so a lifecycle that relies on alias deletion to release capacity shows
 * a leftover instead of passing silently. Pulumi deletes a configuration before the alias it depends on, so normal
 * lifecycles never reach this case.
 */
export const DELETE_ALIAS_REMOVES_ITS_PROVISIONED_CONCURRENCY = false;

/**
 * What the provider does with the empty update the engine sends, on the next `pulumi up`, to a configuration left with
 * initialization errors (pulumi/pulumi step_generator.go, continueStepsFromDiff: "generate an empty update step to
 * attempt to continue awaiting initialization"). Read in the sources: true. The bridge's Update applies whatever diff
 * the SDKv2 shim returns, which is never nil (pulumi-terraform-bridge pkg/tfbridge/provider.go, Update;
 * pkg/tfshim/sdk-v2/provider2.go, Diff); the SDK applies an empty diff to a resource with an id as an update
 * (pulumi/terraform-plugin-sdk helper/schema/grpc_provider.go, ApplyResourceChange; resource.go, Apply); and the
 * resource's Update puts the count and waits for READY again (provisioned_concurrency_config.go). false plays a
 * provider that returns the state unchanged instead: the case the components must survive too, where only a read of
 * AWS tells that nothing is allocated.
 */
export const EMPTY_UPDATE_RETRIES_ALLOCATION = true;

export interface AwsModelOptions {
    accountConcurrencyLimit?: number;
    minimumUnreservedConcurrency?: number;
    zeroCapacityDeletesConfig?: boolean;
    registerCreatesMissingConfig?: boolean;
    deleteAliasRemovesItsConfig?: boolean;
    emptyUpdateRetriesAllocation?: boolean;
}

interface LambdaFunction {
    name: string;
    /** Reserved concurrency; undefined when the function draws on the unreserved pool. */
    reservedConcurrentExecutions?: number;
    /** Published versions, oldest first ($LATEST is implicit). */
    versions: string[];
    props: Props;
}

interface LambdaAlias {
    functionName: string;
    name: string;
    functionVersion: string;
    props: Props;
}

interface ProvisionedConcurrencyConfig {
    functionName: string;
    qualifier: string;
    requested: number;
    /** What GetProvisionedConcurrencyConfig reports as AllocatedProvisionedConcurrentExecutions. */
    allocated: number;
}

/** RegisterScalableTarget's SuspendedState: each flag false unless set. */
export interface SuspendedState {
    dynamicScalingInSuspended: boolean;
    dynamicScalingOutSuspended: boolean;
    scheduledScalingSuspended: boolean;
}

interface ScalableTarget {
    resourceId: string;
    minCapacity: number;
    maxCapacity: number;
    suspended: SuspendedState;
    props: Props;
}

const NOTHING_SUSPENDED: SuspendedState = { dynamicScalingInSuspended: false, dynamicScalingOutSuspended: false, scheduledScalingSuspended: false };

/**
 * The suspended state a registration leaves: each flag the call gives, else the target's (an update that leaves
 * SuspendedState out changes nothing), else false ("Setting it to false (default) resumes", RegisterScalableTarget).
 */
function suspendedStateOf(given: unknown, existing: SuspendedState | undefined): SuspendedState {
    const flags = (given !== null && typeof given === "object" ? given : {}) as Record<string, unknown>;
    const before = existing ?? NOTHING_SUSPENDED;
    const flag = (key: keyof SuspendedState): boolean => {
        const given = flags[key];
        return typeof given === "boolean" ? given : before[key];
    };
    return {
        dynamicScalingInSuspended: flag("dynamicScalingInSuspended"),
        dynamicScalingOutSuspended: flag("dynamicScalingOutSuspended"),
        scheduledScalingSuspended: flag("scheduledScalingSuspended"),
    };
}

interface ScalingPolicy {
    resourceId: string;
    name: string;
    policyType: string;
    configuration: unknown;
    /** The CloudWatch alarms Application Auto Scaling created for a target tracking policy. */
    alarmNames: string[];
    props: Props;
}

interface ScheduledAction {
    resourceId: string;
    name: string;
    minCapacity?: number;
    maxCapacity?: number;
    props: Props;
}

interface GenericObject {
    type: string;
    key: string;
    id?: string;
    props: Props;
}

/** The provider's resource operations, as the engine calls them. */
export type ProviderOperation = "create" | "update" | "delete" | "read";

/** One capacity change Application Auto Scaling attempted (it reports failures here, not to the caller). */
export interface ScalingActivity {
    resourceId: string;
    desiredCapacity: number;
    status: "Successful" | "Failed";
    cause: string;
    /**
     * What started it, when a scheduled action did (set by runScheduledAction): DescribeScalingActivities' Cause. The
     * wording follows Application Auto Scaling's for scheduled actions; no API reference page quotes it.
     */
    trigger?: string;
    /** What it set, as DescribeScalingActivities' Description (set for a scheduled action that failed). */
    description?: string;
}

/** An AWS object, named so that two snapshots of the model can be compared. */
export interface AwsObjectRef {
    key: string;
    kind: string;
}

/** A provisioned concurrency configuration as the checkers report it. */
export interface ProvisionedConcurrencyEntry {
    functionName: string;
    qualifier: string;
    count: number;
}

/**
 * The plain function name of a name, ARN or partial ARN, with any qualifier dropped: Lambda addresses a function by
 * any of these forms (API reference, FunctionName "Name formats"), so all of them reach the same configuration.
 */
export function plainFunctionName(nameOrArn: string): string {
    const match = /^(?:arn:[^:]+:lambda:[^:]+:\d{12}:function:|\d{12}:function:)?([A-Za-z0-9_-]+)(?::[$A-Za-z0-9_-]+)?$/.exec(
        nameOrArn,
    );
    return match !== null ? match[1] : nameOrArn;
}

/** The function and qualifier of an Application Auto Scaling Lambda resource id, `function:NAME:QUALIFIER`. */
export function parseLambdaResourceId(resourceId: string): { functionName: string; qualifier: string } | undefined {
    const parts = resourceId.split(":");
    if (parts.length !== 3 || parts[0] !== "function" || parts[1] === "" || parts[2] === "") {
        return undefined;
    }
    return { functionName: parts[1], qualifier: parts[2] };
}

function copy(props: Props): Props {
    return JSON.parse(JSON.stringify(props)) as Props;
}

function str(value: unknown): string | undefined {
    return typeof value === "string" ? value : undefined;
}

function num(value: unknown): number | undefined {
    return typeof value === "number" && Number.isFinite(value) ? value : undefined;
}

/** Whether an alias's properties route traffic to another version (routingConfig.additionalVersionWeights). */
function hasWeights(aliasProps: Props): boolean {
    const routing = aliasProps.routingConfig as { additionalVersionWeights?: unknown } | undefined;
    const weights = routing?.additionalVersionWeights;
    return typeof weights === "object" && weights !== null && Object.keys(weights).length > 0;
}

function functionArn(name: string): string {
    return `arn:aws:lambda:us-east-1:123456789012:function:${name}`;
}

/**
 * The other resource types, kept as generic objects so that "nothing of the stack remains" can be checked. The verbs
 * are the API calls the Terraform resources make; `upsert` marks the Put-style APIs that overwrite instead of
 * failing on an existing object; `conflict` is the error a second create of the same object gets.
 */
interface GenericSpec {
    create: string;
    update: string;
    delete: string;
    read: string;
    upsert: boolean;
    conflict?: { code: string; message: (key: string) => string };
    /** The object's identity in AWS, from its properties; undefined when they lack it (the provider id is used). */
    key: (props: Props) => string | undefined;
}

const GENERIC_SPECS: Readonly<Record<string, GenericSpec>> = {
    // IAM CreateRole / DeleteRole / GetRole; a second CreateRole fails with EntityAlreadyExists (IAM API reference).
    [TYPES.role]: {
        create: "CreateRole",
        update: "UpdateRole",
        delete: "DeleteRole",
        read: "GetRole",
        upsert: false,
        conflict: { code: "EntityAlreadyExists", message: (k) => `Role with name ${k} already exists.` },
        key: (p) => str(p.name),
    },
    // PutRolePolicy creates or replaces an inline policy (IAM API reference).
    [TYPES.rolePolicy]: {
        create: "PutRolePolicy",
        update: "PutRolePolicy",
        delete: "DeleteRolePolicy",
        read: "GetRolePolicy",
        upsert: true,
        key: (p) => (str(p.role) !== undefined && str(p.name) !== undefined ? `${str(p.role)}/${str(p.name)}` : undefined),
    },
    [TYPES.iamPolicy]: {
        create: "CreatePolicy",
        update: "CreatePolicyVersion",
        delete: "DeletePolicy",
        read: "GetPolicy",
        upsert: false,
        conflict: { code: "EntityAlreadyExists", message: (k) => `A policy called ${k} already exists.` },
        key: (p) => str(p.name),
    },
    // AttachRolePolicy is idempotent.
    [TYPES.rolePolicyAttachment]: {
        create: "AttachRolePolicy",
        update: "AttachRolePolicy",
        delete: "DetachRolePolicy",
        read: "ListAttachedRolePolicies",
        upsert: true,
        key: (p) =>
            str(p.role) !== undefined && str(p.policyArn) !== undefined ? `${str(p.role)}/${str(p.policyArn)}` : undefined,
    },
    [TYPES.logGroup]: {
        create: "CreateLogGroup",
        update: "PutRetentionPolicy",
        delete: "DeleteLogGroup",
        read: "DescribeLogGroups",
        upsert: false,
        conflict: { code: "ResourceAlreadyExistsException", message: () => "The specified log group already exists" },
        key: (p) => str(p.name),
    },
    // EventBridge PutRule creates or updates a rule (EventBridge API reference).
    [TYPES.eventRule]: {
        create: "PutRule",
        update: "PutRule",
        delete: "DeleteRule",
        read: "DescribeRule",
        upsert: true,
        key: (p) => str(p.name),
    },
    [TYPES.eventTarget]: {
        create: "PutTargets",
        update: "PutTargets",
        delete: "RemoveTargets",
        read: "ListTargetsByRule",
        upsert: true,
        key: (p) =>
            str(p.rule) !== undefined && str(p.targetId) !== undefined ? `${str(p.rule)}/${str(p.targetId)}` : undefined,
    },
    // PutMetricAlarm creates or updates an alarm (CloudWatch API reference).
    [TYPES.metricAlarm]: {
        create: "PutMetricAlarm",
        update: "PutMetricAlarm",
        delete: "DeleteAlarms",
        read: "DescribeAlarms",
        upsert: true,
        key: (p) => str(p.name),
    },
    // PutDashboard: "If a dashboard with this name already exists, this call modifies that dashboard, replacing its
    // current contents" (CloudWatch API reference); DeleteDashboards deletes by name.
    [TYPES.dashboard]: {
        create: "PutDashboard",
        update: "PutDashboard",
        delete: "DeleteDashboards",
        read: "GetDashboard",
        upsert: true,
        key: (p) => str(p.dashboardName),
    },
    // CreateTopic returns the existing topic of the same name and attributes (SNS API reference: "idempotent").
    [TYPES.snsTopic]: {
        create: "CreateTopic",
        update: "SetTopicAttributes",
        delete: "DeleteTopic",
        read: "GetTopicAttributes",
        upsert: true,
        key: (p) => str(p.name),
    },
    // A statement id can be used once per function policy (Lambda AddPermission API reference).
    [TYPES.permission]: {
        create: "AddPermission",
        update: "AddPermission",
        delete: "RemovePermission",
        read: "GetPolicy",
        upsert: false,
        conflict: {
            code: "ResourceConflictException",
            message: (k) => `The statement id (${k.split("/").pop() ?? k}) provided already exists.`,
        },
        key: (p) => {
            const fn = str(p.function);
            const sid = str(p.statementId);
            if (fn === undefined || sid === undefined) {
                return undefined;
            }
            const qualifier = str(p.qualifier);
            return `${plainFunctionName(fn)}${qualifier !== undefined ? `:${qualifier}` : ""}/${sid}`;
        },
    },
    [TYPES.functionEventInvokeConfig]: {
        create: "PutFunctionEventInvokeConfig",
        update: "UpdateFunctionEventInvokeConfig",
        delete: "DeleteFunctionEventInvokeConfig",
        read: "GetFunctionEventInvokeConfig",
        upsert: true,
        key: (p) => {
            const fn = str(p.functionName);
            return fn !== undefined ? `${plainFunctionName(fn)}:${str(p.qualifier) ?? "$LATEST"}` : undefined;
        },
    },
    // API Gateway v2 generates API, integration and route ids; the provider id is their identity.
    [TYPES.api]: {
        create: "CreateApi",
        update: "UpdateApi",
        delete: "DeleteApi",
        read: "GetApi",
        upsert: false,
        key: () => undefined,
    },
    [TYPES.integration]: {
        create: "CreateIntegration",
        update: "UpdateIntegration",
        delete: "DeleteIntegration",
        read: "GetIntegration",
        upsert: false,
        key: () => undefined,
    },
    [TYPES.route]: {
        create: "CreateRoute",
        update: "UpdateRoute",
        delete: "DeleteRoute",
        read: "GetRoute",
        upsert: false,
        key: () => undefined,
    },
    [TYPES.stage]: {
        create: "CreateStage",
        update: "UpdateStage",
        delete: "DeleteStage",
        read: "GetStage",
        upsert: false,
        conflict: { code: "ConflictException", message: (k) => `Stage already exists: ${k}` },
        key: (p) => (str(p.apiId) !== undefined && str(p.name) !== undefined ? `${str(p.apiId)}/${str(p.name)}` : undefined),
    },
};

/** The generic spec of a type the model has no entry for: `Create<Kind>` and so on, no conflicts. */
function fallbackSpec(type: string): GenericSpec {
    const kind = type.split(":").pop() ?? type;
    return {
        create: `Create${kind}`,
        update: `Update${kind}`,
        delete: `Delete${kind}`,
        read: `Get${kind}`,
        upsert: false,
        key: (p) => str(p.name),
    };
}

/**
 * AWS, for one account and Region: the Lambda functions, aliases and provisioned concurrency configurations, the
 * Application Auto Scaling targets, policies and scheduled actions, and every other object a stack creates.
 */
export class AwsModel {
    /** Every AWS call made so far, in order. */
    public readonly calls: string[] = [];
    /** Every capacity change Application Auto Scaling attempted, in order. */
    public readonly scalingActivities: ScalingActivity[] = [];

    private readonly functions = new Map<string, LambdaFunction>();
    private readonly aliases = new Map<string, LambdaAlias>();
    private readonly pcConfigs = new Map<string, ProvisionedConcurrencyConfig>();
    private readonly targets = new Map<string, ScalableTarget>();
    private readonly policies = new Map<string, ScalingPolicy>();
    private readonly scheduledActions = new Map<string, ScheduledAction>();
    /** Alarms Application Auto Scaling created for target tracking policies, by name. */
    private readonly trackingAlarms = new Set<string>();
    private readonly generic = new Map<string, GenericObject>();
    private readonly injected: { operation: ProviderOperation; type: string; error: AwsError }[] = [];
    private readonly options: Required<AwsModelOptions>;

    constructor(options: AwsModelOptions = {}) {
        this.options = {
            accountConcurrencyLimit: options.accountConcurrencyLimit ?? LAMBDA_ACCOUNT_CONCURRENCY_LIMIT,
            minimumUnreservedConcurrency: options.minimumUnreservedConcurrency ?? LAMBDA_MINIMUM_UNRESERVED_CONCURRENCY,
            zeroCapacityDeletesConfig: options.zeroCapacityDeletesConfig ?? ZERO_CAPACITY_DELETES_PROVISIONED_CONCURRENCY,
            registerCreatesMissingConfig: options.registerCreatesMissingConfig ?? REGISTER_CREATES_MISSING_PROVISIONED_CONCURRENCY,
            deleteAliasRemovesItsConfig: options.deleteAliasRemovesItsConfig ?? DELETE_ALIAS_REMOVES_ITS_PROVISIONED_CONCURRENCY,
            emptyUpdateRetriesAllocation: options.emptyUpdateRetriesAllocation ?? EMPTY_UPDATE_RETRIES_ALLOCATION,
        };
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Setting the scene (objects that exist before the stack, out-of-band changes); not recorded in `calls`.

    /** A function that exists outside the stack (or is changed out of band). */
    public addFunction(
        name: string,
        options: { reservedConcurrentExecutions?: number; versions?: string[]; aliases?: Record<string, string> } = {},
    ): void {
        this.functions.set(name, {
            name,
            reservedConcurrentExecutions: options.reservedConcurrentExecutions,
            versions: [...(options.versions ?? [])],
            props: { name },
        });
        for (const [alias, version] of Object.entries(options.aliases ?? {})) {
            this.aliases.set(`${name}:${alias}`, { functionName: name, name: alias, functionVersion: version, props: {} });
        }
    }

    /** Publishes a new version of a function (the mocks always report version "1", so tests do this explicitly). */
    public publishVersion(functionName: string): string {
        const fn = this.requireFunction("PublishVersion", functionName);
        const version = String(fn.versions.length + 1);
        fn.versions.push(version);
        this.calls.push(`PublishVersion(${fn.name})`);
        return version;
    }

    /**
     * Makes every later allocation of provisioned concurrency on `version` of a function fail, as Lambda does for a
     * version whose initialization fails (Status FAILED, StatusReason FUNCTION_ERROR_INIT_FAILURE).
     */
    public failInitializationOf(functionName: string, version: string): void {
        this.failingVersions.add(`${plainFunctionName(functionName)}:${version}`);
    }

    private readonly failingVersions = new Set<string>();

    /** Removes a configuration out of band (someone in the console, another tool). */
    public removeProvisionedConcurrencyOutOfBand(functionName: string, qualifier: string): void {
        this.pcConfigs.delete(`${plainFunctionName(functionName)}:${qualifier}`);
    }

    // ---------------------------------------------------------------------------------------------------------------
    // The provider's resource operations, called by the engine.

    /**
     * Makes the next `operation` of the provider on a resource of `type` fail with `error` before any AWS call (an AWS
     * error injected into a deployment, e.g. a throttle or a quota refusal on a create), once.
     */
    public failNext(operation: ProviderOperation, type: string, error: AwsError): void {
        this.injected.push({ operation, type, error });
    }

    private injectedFailure(operation: ProviderOperation, type: string): void {
        const index = this.injected.findIndex((f) => f.operation === operation && f.type === type);
        if (index >= 0) {
            const [failure] = this.injected.splice(index, 1);
            this.calls.push(`Injected(${type},${failure.error.api},${failure.error.code})`);
            throw failure.error;
        }
    }

    /** The provider's Create. Returns the outputs AWS leaves the resource with. `id` is the provider id. */
    public create(type: string, props: Props, id?: string): Props {
        this.injectedFailure("create", type);
        switch (type) {
            case TYPES.function:
                return this.createFunction(props);
            case TYPES.alias:
                return this.putAlias("CreateAlias", props, true);
            case TYPES.provisionedConcurrencyConfig:
                return this.putProvisionedConcurrency(props);
            case TYPES.scalableTarget:
                return this.registerScalableTarget(props);
            case TYPES.scalingPolicy:
                return this.putScalingPolicy(props);
            case TYPES.scheduledAction:
                return this.putScheduledAction(props);
            case TYPES.invocation:
                return this.invoke(props);
            default:
                return this.createGeneric(type, props, id);
        }
    }

    /** The provider's Update. */
    public update(type: string, id: string | undefined, olds: Props, props: Props): Props {
        this.injectedFailure("update", type);
        switch (type) {
            case TYPES.function:
                return this.updateFunction(props);
            case TYPES.alias:
                return this.putAlias("UpdateAlias", props, false);
            case TYPES.provisionedConcurrencyConfig:
                // The engine updates a configuration without changes only when it was left with initialization errors
                // (see EMPTY_UPDATE_RETRIES_ALLOCATION).
                if (num(olds.provisionedConcurrentExecutions) === num(props.provisionedConcurrentExecutions) && !this.options.emptyUpdateRetriesAllocation) {
                    return { ...olds };
                }
                // Update puts the new count on the function and qualifier of the resource id
                // (provisioned_concurrency_config.go, resourceProvisionedConcurrencyConfigUpdate).
                return this.putProvisionedConcurrency({ ...props, ...this.pcAddress(id, olds) });
            case TYPES.scalableTarget:
                return this.registerScalableTarget(props);
            case TYPES.scalingPolicy:
                return this.putScalingPolicy(props);
            case TYPES.scheduledAction:
                return this.putScheduledAction(props);
            case TYPES.invocation:
                // lifecycle_scope CRUD invokes again on update; CREATE_ONLY replaces instead (invocation.go).
                return this.invoke(props);
            default:
                return this.updateGeneric(type, id, props);
        }
    }

    /** The provider's Delete. NotFound is ignored where the Terraform resource ignores it (every type here). */
    public delete(type: string, id: string | undefined, props: Props): void {
        this.injectedFailure("delete", type);
        switch (type) {
            case TYPES.function:
                return this.deleteFunction(props);
            case TYPES.alias:
                return this.deleteAlias(props);
            case TYPES.provisionedConcurrencyConfig:
                return this.deleteProvisionedConcurrency(id, props);
            case TYPES.scalableTarget:
                return this.deregisterScalableTarget(props);
            case TYPES.scalingPolicy:
                return this.deleteScalingPolicy(props);
            case TYPES.scheduledAction:
                return this.deleteScheduledAction(props);
            case TYPES.invocation:
                // The default lifecycle_scope CREATE_ONLY makes Delete a no-op (invocation.go, resourceInvocationDelete).
                if (props.lifecycleScope === "CRUD") {
                    this.invoke(props);
                }
                return;
            default:
                return this.deleteGeneric(type, id, props);
        }
    }

    /**
     * The provider's Read, as `pulumi refresh` runs it: the outputs AWS reports now, or undefined when the object
     * is gone (every Terraform resource here removes itself from state on NotFound: "not found, removing from state").
     */
    public read(type: string, id: string | undefined, props: Props): Props | undefined {
        this.injectedFailure("read", type);
        switch (type) {
            case TYPES.function: {
                const name = str(props.name) ?? id ?? "";
                this.calls.push(`GetFunction(${name})`);
                const fn = this.functions.get(name);
                if (fn === undefined) {
                    return undefined;
                }
                // No reserved concurrency reads back as the provider's -1, or stays absent when the state had none.
                const unreserved = num(props.reservedConcurrentExecutions) !== undefined ? -1 : props.reservedConcurrentExecutions;
                return { ...props, reservedConcurrentExecutions: fn.reservedConcurrentExecutions ?? unreserved };
            }
            case TYPES.alias: {
                const fn = plainFunctionName(str(props.functionName) ?? "");
                const name = str(props.name) ?? "";
                this.calls.push(`GetAlias(${fn},${name})`);
                const alias = this.aliases.get(`${fn}:${name}`);
                // routing_config from RoutingConfig.AdditionalVersionWeights (alias.go, resourceAliasFlatten).
                return alias === undefined ? undefined : { ...props, functionVersion: alias.functionVersion, routingConfig: alias.props.routingConfig };
            }
            case TYPES.provisionedConcurrencyConfig: {
                // Read sets provisioned_concurrent_executions from AllocatedProvisionedConcurrentExecutions
                // (provisioned_concurrency_config.go, resourceProvisionedConcurrencyConfigRead).
                const { functionName, qualifier } = this.pcAddress(id, props);
                const fn = plainFunctionName(functionName);
                this.calls.push(`GetProvisionedConcurrencyConfig(${fn},${qualifier})`);
                const config = this.pcConfigs.get(`${fn}:${qualifier}`);
                return config === undefined ? undefined : { ...props, provisionedConcurrentExecutions: config.allocated };
            }
            case TYPES.scalableTarget: {
                const resourceId = str(props.resourceId) ?? id ?? "";
                this.calls.push(`DescribeScalableTargets(${resourceId})`);
                const target = this.targets.get(resourceId);
                return target === undefined
                    ? undefined
                    : { ...props, minCapacity: target.minCapacity, maxCapacity: target.maxCapacity };
            }
            case TYPES.scalingPolicy: {
                const key = this.aasKey(props);
                this.calls.push(`DescribeScalingPolicies(${key.resourceId},${key.name})`);
                return this.policies.has(key.key) ? { ...props } : undefined;
            }
            case TYPES.scheduledAction: {
                const key = this.aasKey(props);
                this.calls.push(`DescribeScheduledActions(${key.resourceId},${key.name})`);
                const action = this.scheduledActions.get(key.key);
                return action === undefined ? undefined : { ...props };
            }
            case TYPES.invocation:
                // Read is a no-op (invocation.go: ReadWithoutTimeout: schema.NoopContext).
                return { ...props };
            default: {
                const spec = GENERIC_SPECS[type] ?? fallbackSpec(type);
                const key = this.genericKey(type, id, props);
                this.calls.push(`${spec.read}(${key})`);
                const object = this.generic.get(`${type}|${key}`);
                return object === undefined ? undefined : { ...props, ...object.props };
            }
        }
    }

    /** Whether the AWS object behind a resource exists (no call recorded). */
    public exists(type: string, id: string | undefined, props: Props): boolean {
        switch (type) {
            case TYPES.function:
                return this.functions.has(str(props.name) ?? id ?? "");
            case TYPES.alias:
                return this.aliases.has(`${plainFunctionName(str(props.functionName) ?? "")}:${str(props.name) ?? ""}`);
            case TYPES.provisionedConcurrencyConfig: {
                const { functionName, qualifier } = this.pcAddress(id, props);
                return this.pcConfigs.has(`${plainFunctionName(functionName)}:${qualifier}`);
            }
            case TYPES.scalableTarget:
                return this.targets.has(str(props.resourceId) ?? id ?? "");
            case TYPES.scalingPolicy:
                return this.policies.has(this.aasKey(props).key);
            case TYPES.scheduledAction:
                return this.scheduledActions.has(this.aasKey(props).key);
            case TYPES.invocation:
                return true;
            default:
                return this.generic.has(`${type}|${this.genericKey(type, id, props)}`);
        }
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Time passes: what Application Auto Scaling does on its own.

    /**
     * Runs a scheduled action: the target's bounds become the action's (a bound the action leaves out stays), then
     * capacity is brought into them. Source: PutScheduledAction API reference, ScalableTargetAction: "At the scheduled
     * time, if the current capacity is below the minimum capacity, Application Auto Scaling scales out to the minimum
     * capacity. If the current capacity is above the maximum capacity, Application Auto Scaling scales in to the
     * maximum capacity."
     */
    public runScheduledAction(resourceId: string, name: string): void {
        const action = this.scheduledActions.get(`${resourceId}|${name}`);
        if (action === undefined) {
            throw new Error(`no scheduled action "${name}" on ${resourceId}`);
        }
        const target = this.targets.get(resourceId);
        if (target === undefined) {
            throw new Error(`scheduled action "${name}" has no scalable target ${resourceId}`);
        }
        if (target.suspended.scheduledScalingSuspended) {
            // "all scaling activities that involve scheduled actions are suspended" (RegisterScalableTarget,
            // SuspendedState): the action does not run.
            this.calls.push(`AAS:ScheduledAction(${resourceId},${name}):suspended`);
            return;
        }
        this.calls.push(`AAS:ScheduledAction(${resourceId},${name})`);
        const trigger = `scheduled action name ${name} was triggered`;
        const minCapacity = action.minCapacity ?? target.minCapacity;
        const maxCapacity = action.maxCapacity ?? target.maxCapacity;
        if (minCapacity > maxCapacity) {
            // An action that sets one bound only must not cross the other bound in force: "you must include both sizes
            // to ensure that the new minimum capacity is not greater than the maximum capacity" (AAS user guide, "How
            // scheduled scaling for Application Auto Scaling works", Considerations). The action fails, as a scaling
            // activity (AAS reports failures there, not to a caller), and the bounds stay; the status message is
            // RegisterScalableTarget's for the same rule.
            this.scalingActivities.push({
                resourceId,
                desiredCapacity: minCapacity,
                status: "Failed",
                cause: "Minimum capacity cannot be greater than maximum capacity",
                trigger,
                description: `Setting min capacity to ${minCapacity} and max capacity to ${maxCapacity}`,
            });
            return;
        }
        const first = this.scalingActivities.length;
        target.minCapacity = minCapacity;
        target.maxCapacity = maxCapacity;
        this.bringIntoBounds(target);
        for (const activity of this.scalingActivities.slice(first)) {
            activity.trigger = trigger;
        }
    }

    /**
     * Target tracking asks for `desired` environments; Application Auto Scaling keeps it within the target's bounds
     * ("Scaling policies will never go higher or lower than the minimum-maximum range", AAS user guide, concepts).
     * Needs a registered target with a target tracking policy.
     */
    public scaleTo(resourceId: string, desired: number): ScalingActivity {
        const target = this.targets.get(resourceId);
        if (target === undefined) {
            throw new Error(`no scalable target ${resourceId}`);
        }
        const tracking = [...this.policies.values()].some(
            (p) => p.resourceId === resourceId && p.policyType === "TargetTrackingScaling",
        );
        if (!tracking) {
            throw new Error(`no target tracking policy on ${resourceId}`);
        }
        const clamped = Math.min(Math.max(desired, target.minCapacity), target.maxCapacity);
        const current = this.provisionedConcurrencyConfig(parseLambdaResourceId(resourceId)?.functionName ?? "", parseLambdaResourceId(resourceId)?.qualifier ?? "")?.requested ?? 0;
        const suspended = clamped > current ? target.suspended.dynamicScalingOutSuspended : clamped < current && target.suspended.dynamicScalingInSuspended;
        if (suspended) {
            // A suspended direction: "Application Auto Scaling does not add [remove] capacity when a target tracking
            // scaling policy ... is triggered" (AAS user guide, suspend and resume scaling). Nothing changes.
            return { resourceId, desiredCapacity: current, status: "Successful", cause: "suspended" };
        }
        return this.setCapacity(resourceId, clamped);
    }

    /**
     * Sets the provisioned concurrency of a target's alias or version as Application Auto Scaling does, through
     * PutProvisionedConcurrencyConfig (so the Lambda headroom rules apply). A refused change is recorded as a failed
     * scaling activity, as AAS reports it, and the capacity stays. Capacity 0: see
     * ZERO_CAPACITY_DELETES_PROVISIONED_CONCURRENCY.
     */
    public setCapacity(resourceId: string, capacity: number): ScalingActivity {
        const address = parseLambdaResourceId(resourceId);
        if (address === undefined) {
            throw new Error(`not a Lambda resource id: ${resourceId}`);
        }
        const key = `${address.functionName}:${address.qualifier}`;
        let activity: ScalingActivity;
        if (capacity === 0) {
            if (this.options.zeroCapacityDeletesConfig) {
                this.calls.push(`AAS:DeleteProvisionedConcurrencyConfig(${address.functionName},${address.qualifier})`);
                this.pcConfigs.delete(key);
            } else {
                this.calls.push(`AAS:SetProvisionedConcurrency(${address.functionName},${address.qualifier},0)`);
                const config = this.pcConfigs.get(key);
                if (config !== undefined) {
                    config.requested = 0;
                    config.allocated = 0;
                }
            }
            activity = { resourceId, desiredCapacity: 0, status: "Successful", cause: "" };
        } else {
            try {
                this.put("AAS:PutProvisionedConcurrencyConfig", address.functionName, address.qualifier, capacity);
                activity = { resourceId, desiredCapacity: capacity, status: "Successful", cause: "" };
            } catch (error) {
                if (!(error instanceof AwsError)) {
                    throw error;
                }
                activity = { resourceId, desiredCapacity: capacity, status: "Failed", cause: error.message };
            }
        }
        this.scalingActivities.push(activity);
        return activity;
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Looking at AWS (for the checkers, and for the stand-in's AWS API endpoint: tests/helpers/stand-in/).

    /** One configuration as GetProvisionedConcurrencyConfig reports it (requested and allocated), or undefined. */
    public provisionedConcurrencyConfig(functionName: string, qualifier: string): { requested: number; allocated: number } | undefined {
        const config = this.pcConfigs.get(`${plainFunctionName(functionName)}:${qualifier}`);
        return config === undefined ? undefined : { requested: config.requested, allocated: config.allocated };
    }

    /** Every scalable target, with the properties it was registered with (a copy), in registration order. */
    public scalableTargetList(): { resourceId: string; minCapacity: number; maxCapacity: number; props: Props }[] {
        return [...this.targets.values()].map((t) => ({ resourceId: t.resourceId, minCapacity: t.minCapacity, maxCapacity: t.maxCapacity, props: copy(t.props) }));
    }

    /** Every scaling policy, with the properties it was put with (a copy) and its alarms, in creation order. */
    public scalingPolicyList(): { resourceId: string; name: string; policyType: string; alarmNames: string[]; props: Props }[] {
        return [...this.policies.values()].map((p) => ({
            resourceId: p.resourceId,
            name: p.name,
            policyType: p.policyType,
            alarmNames: [...p.alarmNames],
            props: copy(p.props),
        }));
    }

    /** Every scheduled action, with the properties it was put with (a copy), in creation order. */
    public scheduledActionDetails(): { resourceId: string; name: string; minCapacity?: number; maxCapacity?: number; props: Props }[] {
        return [...this.scheduledActions.values()].map((a) => ({
            resourceId: a.resourceId,
            name: a.name,
            minCapacity: a.minCapacity,
            maxCapacity: a.maxCapacity,
            props: copy(a.props),
        }));
    }

    /** The objects of one of the other resource types (roles, rules, log groups, alarms...), with their properties (copies). */
    public objectsOfType(type: string): { key: string; props: Props }[] {
        return [...this.generic.values()].filter((o) => o.type === type).map((o) => ({ key: o.key, props: copy(o.props) }));
    }

    /** A function's configuration as last created or updated (its code, handler, environment...: a copy), or undefined. */
    public functionConfiguration(functionName: string): Props | undefined {
        const fn = this.functions.get(plainFunctionName(functionName));
        return fn === undefined ? undefined : copy(fn.props);
    }

    /** The provisioned concurrency configurations, sorted by function and qualifier. */
    public provisionedConcurrencyConfigs(): ProvisionedConcurrencyEntry[] {
        return [...this.pcConfigs.values()]
            .map((c) => ({ functionName: c.functionName, qualifier: c.qualifier, count: c.allocated }))
            .sort((a, b) => `${a.functionName}:${a.qualifier}`.localeCompare(`${b.functionName}:${b.qualifier}`));
    }

    /** A scalable target's bounds, or undefined. */
    public scalableTarget(resourceId: string): { minCapacity: number; maxCapacity: number } | undefined {
        const target = this.targets.get(resourceId);
        return target === undefined ? undefined : { minCapacity: target.minCapacity, maxCapacity: target.maxCapacity };
    }

    /** The suspended state of a scalable target, or undefined without one. */
    public suspendedScaling(resourceId: string): SuspendedState | undefined {
        const target = this.targets.get(resourceId);
        return target === undefined ? undefined : { ...target.suspended };
    }

    /** Every scheduled action, by target and name (sorted). */
    public scheduledActionList(): { resourceId: string; name: string }[] {
        return [...this.scheduledActions.values()]
            .map((a) => ({ resourceId: a.resourceId, name: a.name }))
            .sort((a, b) => `${a.resourceId}|${a.name}`.localeCompare(`${b.resourceId}|${b.name}`));
    }

    /** The names of a target's scaling policies and scheduled actions. */
    public scalingOf(resourceId: string): { policies: string[]; scheduledActions: string[] } {
        return {
            policies: [...this.policies.values()].filter((p) => p.resourceId === resourceId).map((p) => p.name).sort(),
            scheduledActions: [...this.scheduledActions.values()]
                .filter((a) => a.resourceId === resourceId)
                .map((a) => a.name)
                .sort(),
        };
    }

    /** A function's reserved concurrency and published versions, or undefined when it does not exist. */
    public lambdaFunction(functionName: string): { reservedConcurrentExecutions?: number; versions: string[] } | undefined {
        const fn = this.functions.get(plainFunctionName(functionName));
        return fn === undefined
            ? undefined
            : { reservedConcurrentExecutions: fn.reservedConcurrentExecutions, versions: [...fn.versions] };
    }

    /** The additional version an alias routes a weight to, and the weight; undefined when it routes to one version. */
    public aliasWeightsOf(functionName: string, aliasName: string): Record<string, number> | undefined {
        const alias = this.aliases.get(`${plainFunctionName(functionName)}:${aliasName}`);
        const weights = (alias?.props.routingConfig as { additionalVersionWeights?: Record<string, number> } | undefined)?.additionalVersionWeights;
        return weights === undefined || Object.keys(weights).length === 0 ? undefined : { ...weights };
    }

    /** A function's aliases and the version each points at. */
    public aliasesOf(functionName: string): Record<string, string> {
        const fn = plainFunctionName(functionName);
        const result: Record<string, string> = {};
        for (const alias of this.aliases.values()) {
            if (alias.functionName === fn) {
                result[alias.name] = alias.functionVersion;
            }
        }
        return result;
    }

    /** Every object in this AWS account, by a stable key. */
    public objects(): AwsObjectRef[] {
        const refs: AwsObjectRef[] = [];
        for (const fn of this.functions.values()) {
            refs.push({ key: `lambda:function:${fn.name}`, kind: "Lambda function" });
        }
        for (const alias of this.aliases.values()) {
            refs.push({ key: `lambda:alias:${alias.functionName}:${alias.name}`, kind: "Lambda alias" });
        }
        for (const c of this.pcConfigs.values()) {
            refs.push({
                key: `lambda:provisioned-concurrency:${c.functionName}:${c.qualifier}`,
                kind: "provisioned concurrency configuration",
            });
        }
        for (const t of this.targets.values()) {
            refs.push({ key: `application-autoscaling:scalable-target:${t.resourceId}`, kind: "scalable target" });
        }
        for (const p of this.policies.values()) {
            refs.push({ key: `application-autoscaling:scaling-policy:${p.resourceId}:${p.name}`, kind: "scaling policy" });
        }
        for (const a of this.scheduledActions.values()) {
            refs.push({ key: `application-autoscaling:scheduled-action:${a.resourceId}:${a.name}`, kind: "scheduled action" });
        }
        for (const alarm of this.trackingAlarms) {
            refs.push({ key: `cloudwatch:alarm:${alarm}`, kind: "CloudWatch alarm (target tracking)" });
        }
        for (const g of this.generic.values()) {
            refs.push({ key: `${g.type}:${g.key}`, kind: g.type });
        }
        return refs.sort((a, b) => a.key.localeCompare(b.key));
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Lambda functions.

    private requireFunction(api: string, nameOrArn: string): LambdaFunction {
        const name = plainFunctionName(nameOrArn);
        const fn = this.functions.get(name);
        if (fn === undefined) {
            throw new AwsError(api, "ResourceNotFoundException", `Function not found: ${functionArn(name)}`);
        }
        return fn;
    }

    private reservedOf(props: Props): number | undefined {
        // The provider's default -1 means "no reserved concurrency" (lambda Function, reservedConcurrentExecutions).
        const reserved = num(props.reservedConcurrentExecutions);
        return reserved !== undefined && reserved >= 0 ? reserved : undefined;
    }

    /**
     * A function's reserved concurrency comes out of the account's unreserved pool, which must keep its minimum
     * (Lambda developer guide, "Configuring reserved concurrency"; PutFunctionConcurrency error text as Lambda
     * returns it, e.g. aws-samples/siem-on-amazon-opensearch-service#175).
     */
    private checkReserved(api: string, name: string, reserved: number): void {
        const others = [...this.functions.values()]
            .filter((f) => f.name !== name)
            .reduce((sum, f) => sum + (f.reservedConcurrentExecutions ?? 0), 0);
        const provisionedUnreserved = [...this.pcConfigs.values()]
            .filter((c) => c.functionName !== name && this.functions.get(c.functionName)?.reservedConcurrentExecutions === undefined)
            .reduce((sum, c) => sum + c.requested, 0);
        const unreserved = this.options.accountConcurrencyLimit - others - provisionedUnreserved - reserved;
        if (unreserved < this.options.minimumUnreservedConcurrency) {
            throw new AwsError(
                api,
                "InvalidParameterValueException",
                `Specified ReservedConcurrentExecutions for function decreases account's UnreservedConcurrentExecution below its minimum value of [${this.options.minimumUnreservedConcurrency}].`,
            );
        }
    }

    private createFunction(props: Props): Props {
        const name = str(props.name) ?? "";
        if (this.functions.has(name)) {
            throw new AwsError("CreateFunction", "ResourceConflictException", `Function already exist: ${name}`);
        }
        const reserved = this.reservedOf(props);
        if (reserved !== undefined) {
            this.checkReserved("PutFunctionConcurrency", name, reserved);
        }
        this.calls.push(`CreateFunction(${name})`);
        // publish: true publishes version 1 with the function (function.go: CreateFunctionInput.Publish).
        const versions = props.publish === true ? ["1"] : [];
        this.functions.set(name, { name, reservedConcurrentExecutions: reserved, versions, props: { ...props } });
        if (reserved !== undefined) {
            this.calls.push(`PutFunctionConcurrency(${name},${reserved})`);
        }
        return { ...props, version: versions.length > 0 ? versions[versions.length - 1] : "$LATEST" };
    }

    private updateFunction(props: Props): Props {
        const name = str(props.name) ?? "";
        const fn = this.requireFunction("UpdateFunctionConfiguration", name);
        const reserved = this.reservedOf(props);
        if (reserved !== undefined && reserved !== fn.reservedConcurrentExecutions) {
            this.checkReserved("PutFunctionConcurrency", name, reserved);
        }
        // The mocks report version "1" for every published function, so the model does not publish new versions on
        // update; tests that need one call publishVersion (see the header of this file).
        this.calls.push(`UpdateFunctionConfiguration(${name})`);
        if (reserved !== fn.reservedConcurrentExecutions) {
            this.calls.push(
                reserved !== undefined ? `PutFunctionConcurrency(${name},${reserved})` : `DeleteFunctionConcurrency(${name})`,
            );
            fn.reservedConcurrentExecutions = reserved;
        }
        fn.props = { ...props };
        return { ...props, version: fn.versions.length > 0 ? fn.versions[fn.versions.length - 1] : "$LATEST" };
    }

    /**
     * DeleteFunction without a qualifier deletes the function with "all versions and aliases" (DeleteFunction API
     * reference), and "the associated resource policy" (its permissions). Provisioned concurrency configurations
     * live on those versions and aliases, so they go too (inferred: no document lists them; a configuration cannot
     * outlive the version it provisions). Event invoke configurations are function sub-resources and go too
     * (inferred likewise). Scalable targets are Application Auto Scaling's and stay (conservative).
     * skip_destroy keeps the function (function.go, resourceFunctionDelete); NotFound is ignored.
     */
    private deleteFunction(props: Props): void {
        const name = str(props.name) ?? "";
        if (props.skipDestroy === true) {
            return;
        }
        this.calls.push(`DeleteFunction(${name})`);
        if (!this.functions.delete(name)) {
            return;
        }
        for (const [key, alias] of this.aliases) {
            if (alias.functionName === name) {
                this.aliases.delete(key);
            }
        }
        for (const [key, config] of this.pcConfigs) {
            if (config.functionName === name) {
                this.pcConfigs.delete(key);
            }
        }
        for (const [key, object] of this.generic) {
            const owner =
                object.type === TYPES.permission
                    ? str(object.props.function)
                    : object.type === TYPES.functionEventInvokeConfig
                      ? str(object.props.functionName)
                      : undefined;
            if (owner !== undefined && plainFunctionName(owner) === name) {
                this.generic.delete(key);
            }
        }
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Lambda aliases.

    private putAlias(api: "CreateAlias" | "UpdateAlias", props: Props, creating: boolean): Props {
        const fn = this.requireFunction(api, str(props.functionName) ?? "");
        const name = str(props.name) ?? "";
        const version = str(props.functionVersion) ?? "$LATEST";
        const key = `${fn.name}:${name}`;
        if (creating && this.aliases.has(key)) {
            throw new AwsError(api, "ResourceConflictException", `Alias already exists: ${functionArn(fn.name)}:${name}`);
        }
        if (!creating && !this.aliases.has(key)) {
            throw new AwsError(api, "ResourceNotFoundException", `Alias not found: ${functionArn(fn.name)}:${name}`);
        }
        if (version !== "$LATEST" && !fn.versions.includes(version)) {
            throw new AwsError(api, "ResourceNotFoundException", `Function not found: ${functionArn(fn.name)}:${version}`);
        }
        const weights = Object.entries((props.routingConfig as { additionalVersionWeights?: Record<string, number> } | undefined)?.additionalVersionWeights ?? {});
        // An alias routes to at most two versions, both published (AliasRoutingConfiguration: "the second version").
        if (weights.length > 1) {
            throw new AwsError(api, "InvalidParameterValueException", `Number of additional version weights cannot be greater than 1`);
        }
        // (Whether the additional version exists is not checked: programs run under the mocks, whose functions are
        // always at version 1, weight a version before it.)
        for (const [extra, weight] of weights) {
            if (extra === version || !(weight >= 0 && weight <= 1)) {
                throw new AwsError(api, "InvalidParameterValueException", `Invalid additional version weight ${extra}=${weight} for version ${version}`);
            }
        }
        this.calls.push(`${api}(${fn.name},${name},${version}${weights.map(([extra, weight]) => `,${extra}=${weight}`).join("")})`);
        // Moving an alias moves its provisioned concurrency with it: the configuration is keyed by the alias.
        this.aliases.set(key, { functionName: fn.name, name, functionVersion: version, props: { ...props } });
        return { ...props };
    }

    /** DeleteAlias; NotFound is ignored (alias.go, resourceAliasDelete). */
    private deleteAlias(props: Props): void {
        const fn = plainFunctionName(str(props.functionName) ?? "");
        const name = str(props.name) ?? "";
        this.calls.push(`DeleteAlias(${fn},${name})`);
        this.aliases.delete(`${fn}:${name}`);
        if (this.options.deleteAliasRemovesItsConfig) {
            this.pcConfigs.delete(`${fn}:${name}`);
        }
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Provisioned concurrency.

    /** The function and qualifier a configuration resource addresses: its id `FUNCTION,QUALIFIER`, else its props. */
    private pcAddress(id: string | undefined, props: Props): { functionName: string; qualifier: string } {
        // The id joins function_name (as given: a name or an ARN) and qualifier with "," (resource id part count 2,
        // provisioned_concurrency_config.go; the separator changed from ":" in schema version 1).
        if (id !== undefined) {
            const comma = id.lastIndexOf(",");
            if (comma > 0) {
                return { functionName: id.slice(0, comma), qualifier: id.slice(comma + 1) };
            }
        }
        return { functionName: str(props.functionName) ?? "", qualifier: str(props.qualifier) ?? "" };
    }

    private putProvisionedConcurrency(props: Props): Props {
        const functionName = str(props.functionName) ?? "";
        const qualifier = str(props.qualifier) ?? "";
        const count = num(props.provisionedConcurrentExecutions) ?? 0;
        const config = this.put("PutProvisionedConcurrencyConfig", functionName, qualifier, count);
        if (config.allocated < config.requested) {
            throw new AllocationFailed({ ...props }, `${functionName},${qualifier}`, "FUNCTION_ERROR_INIT_FAILURE");
        }
        return { ...props, provisionedConcurrentExecutions: config.allocated };
    }

    /**
     * PutProvisionedConcurrencyConfig: creates the configuration of a qualifier, or replaces the count of the one
     * already there (it is a Put; the provider's Create and Update both call it, provisioned_concurrency_config.go).
     * Refusals, with Lambda's error texts as AWS-parity-tested by LocalStack (localstack/localstack, lambda provider,
     * put_provisioned_concurrency_config):
     * - a count below 1 (API reference: ProvisionedConcurrentExecutions minimum 1);
     * - $LATEST ("Provisioned Concurrency Configs cannot be applied to unpublished function versions.");
     * - a missing function, alias or version (ResourceNotFoundException);
     * - an alias whose version has its own configuration, or a version that an alias with a configuration points
     *   at (ResourceConflictException);
     * - over the headroom: the sum over a function's qualifiers must stay within its reserved concurrency
     *   ("Requested Provisioned Concurrency should not be greater than the reservedConcurrentExecution for function"),
     *   and for a function without reserved concurrency the account's unreserved pool must keep its minimum of 100
     *   (Lambda developer guide, "Configuring provisioned concurrency": provisioned concurrency counts towards the
     *   function's reserved concurrency and the Regional quota).
     * The model allocates at once (the provider waits for READY before returning).
     */
    private put(api: string, functionNameOrArn: string, qualifier: string, count: number): ProvisionedConcurrencyConfig {
        if (!Number.isInteger(count) || count < 1) {
            throw new AwsError(
                api,
                "ValidationException",
                `1 validation error detected: Value '${count}' at 'provisionedConcurrentExecutions' failed to satisfy constraint: Member must have value greater than or equal to 1`,
            );
        }
        if (qualifier === "$LATEST") {
            throw new AwsError(
                api,
                "InvalidParameterValueException",
                "Provisioned Concurrency Configs cannot be applied to unpublished function versions.",
            );
        }
        const fn = this.requireFunction(api, functionNameOrArn);
        const alias = this.aliases.get(`${fn.name}:${qualifier}`);
        if (alias === undefined && !fn.versions.includes(qualifier)) {
            throw new AwsError(api, "ResourceNotFoundException", `Function not found: ${functionArn(fn.name)}:${qualifier}`);
        }
        if (alias !== undefined && hasWeights(alias.props)) {
            // An alias that routes part of its traffic to another version refuses provisioned concurrency (Lambda's
            // error, quoted in hashicorp/terraform#24957; Lambda developer guide, "Configuring provisioned
            // concurrency": weighted aliases are not supported).
            throw new AwsError(api, "InvalidParameterValueException", "Alias with weights can not be used with Provisioned Concurrency");
        }
        if (alias !== undefined && this.pcConfigs.has(`${fn.name}:${alias.functionVersion}`)) {
            throw new AwsError(
                api,
                "ResourceConflictException",
                "Alias can't be used for Provisioned Concurrency configuration on an already Provisioned version",
            );
        }
        // "Two aliases can't allocate provisioned concurrency for the same version" (Lambda developer guide,
        // "Configuring provisioned concurrency"). The error text is not documented; the code is the conflict's.
        if (alias !== undefined) {
            const sibling = [...this.aliases.values()].find(
                (a) =>
                    a.functionName === fn.name &&
                    a.name !== alias.name &&
                    a.functionVersion === alias.functionVersion &&
                    this.pcConfigs.has(`${fn.name}:${a.name}`),
            );
            if (sibling !== undefined) {
                throw new AwsError(
                    api,
                    "ResourceConflictException",
                    `Alias ${sibling.name} already allocates provisioned concurrency for version ${alias.functionVersion}`,
                );
            }
        }
        if (alias === undefined) {
            const provisionedAlias = [...this.aliases.values()].some(
                (a) => a.functionName === fn.name && a.functionVersion === qualifier && this.pcConfigs.has(`${fn.name}:${a.name}`),
            );
            if (provisionedAlias) {
                throw new AwsError(api, "ResourceConflictException", "Version is pointed by a Provisioned Concurrency alias");
            }
        }
        this.checkHeadroom(api, fn, qualifier, count);
        this.calls.push(`${api}(${fn.name},${qualifier},${count})`);
        const version = alias?.functionVersion ?? qualifier;
        const allocated = this.failingVersions.has(`${fn.name}:${version}`) ? 0 : count;
        const config: ProvisionedConcurrencyConfig = { functionName: fn.name, qualifier, requested: count, allocated };
        this.pcConfigs.set(`${fn.name}:${qualifier}`, config);
        return config;
    }

    private checkHeadroom(api: string, fn: LambdaFunction, qualifier: string, count: number): void {
        const others = [...this.pcConfigs.values()]
            .filter((c) => c.functionName === fn.name && c.qualifier !== qualifier)
            .reduce((sum, c) => sum + c.requested, 0);
        if (fn.reservedConcurrentExecutions !== undefined) {
            if (others + count > fn.reservedConcurrentExecutions) {
                throw new AwsError(
                    api,
                    "InvalidParameterValueException",
                    "Requested Provisioned Concurrency should not be greater than the reservedConcurrentExecution for function",
                );
            }
            return;
        }
        const reserved = [...this.functions.values()].reduce((sum, f) => sum + (f.reservedConcurrentExecutions ?? 0), 0);
        const provisionedUnreserved = [...this.pcConfigs.values()]
            .filter(
                (c) =>
                    !(c.functionName === fn.name && c.qualifier === qualifier) &&
                    this.functions.get(c.functionName)?.reservedConcurrentExecutions === undefined,
            )
            .reduce((sum, c) => sum + c.requested, 0);
        const unreserved = this.options.accountConcurrencyLimit - reserved - provisionedUnreserved;
        if (unreserved - count < this.options.minimumUnreservedConcurrency) {
            throw new AwsError(
                api,
                "InvalidParameterValueException",
                `Specified ConcurrentExecutions for function decreases account's UnreservedConcurrentExecution below its minimum value of [${this.options.minimumUnreservedConcurrency}].`,
            );
        }
    }

    /**
     * DeleteProvisionedConcurrencyConfig by function and qualifier: it removes whatever configuration is there now,
     * also one another resource put after this one. skip_destroy makes Delete a no-op; NotFound is ignored
     * (provisioned_concurrency_config.go, resourceProvisionedConcurrencyConfigDelete).
     */
    private deleteProvisionedConcurrency(id: string | undefined, props: Props): void {
        if (props.skipDestroy === true) {
            return;
        }
        const { functionName, qualifier } = this.pcAddress(id, props);
        const fn = plainFunctionName(functionName);
        this.calls.push(`DeleteProvisionedConcurrencyConfig(${fn},${qualifier})`);
        this.pcConfigs.delete(`${fn}:${qualifier}`);
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Application Auto Scaling.

    /**
     * RegisterScalableTarget "Registers or updates a scalable target" (API reference): the provider calls it for both
     * Create and Update (appautoscaling target.go). Then capacity outside the new bounds is brought inside: "anytime
     * ... the RegisterScalableTarget API is called, Application Auto Scaling retrieves the current capacity and
     * compares it to the minimum and maximum capacity. If it falls outside of the minimum-maximum range, then the
     * capacity is updated" (AAS user guide, "Application Auto Scaling concepts"). A missing configuration: see
     * REGISTER_CREATES_MISSING_PROVISIONED_CONCURRENCY. Whether AAS checks that the alias exists is not modelled.
     */
    private registerScalableTarget(props: Props): Props {
        const resourceId = str(props.resourceId) ?? "";
        const existing = this.targets.get(resourceId);
        const minCapacity = num(props.minCapacity) ?? existing?.minCapacity ?? 0;
        const maxCapacity = num(props.maxCapacity) ?? existing?.maxCapacity ?? 0;
        if (minCapacity > maxCapacity) {
            throw new AwsError(
                "RegisterScalableTarget",
                "ValidationException",
                `Minimum capacity cannot be greater than maximum capacity`,
            );
        }
        this.calls.push(`RegisterScalableTarget(${resourceId},${minCapacity},${maxCapacity})`);
        const target: ScalableTarget = { resourceId, minCapacity, maxCapacity, suspended: suspendedStateOf(props.suspendedState, existing?.suspended), props: { ...props } };
        this.targets.set(resourceId, target);
        this.bringIntoBounds(target);
        return { ...props, minCapacity, maxCapacity, suspendedState: { ...target.suspended } };
    }

    private bringIntoBounds(target: ScalableTarget): void {
        const address = parseLambdaResourceId(target.resourceId);
        if (address === undefined) {
            return;
        }
        const config = this.pcConfigs.get(`${address.functionName}:${address.qualifier}`);
        if (config === undefined) {
            if (target.minCapacity > 0 && this.options.registerCreatesMissingConfig) {
                this.setCapacity(target.resourceId, target.minCapacity);
            }
            return;
        }
        if (config.allocated < target.minCapacity) {
            this.setCapacity(target.resourceId, target.minCapacity);
        } else if (config.allocated > target.maxCapacity) {
            this.setCapacity(target.resourceId, target.maxCapacity);
        }
    }

    /**
     * DeregisterScalableTarget "deletes the scaling policies and the scheduled actions that are associated with it"
     * (API reference) and leaves the capacity where it is: the provisioned concurrency stays and keeps billing
     * (aws/aws-cdk#31507, aws/serverless-application-model#1846). The provider ignores ObjectNotFoundException
     * (appautoscaling target.go, resourceTargetDelete).
     */
    private deregisterScalableTarget(props: Props): void {
        const resourceId = str(props.resourceId) ?? "";
        this.calls.push(`DeregisterScalableTarget(${resourceId})`);
        if (!this.targets.delete(resourceId)) {
            return;
        }
        for (const [key, policy] of this.policies) {
            if (policy.resourceId === resourceId) {
                this.removePolicy(key, policy);
            }
        }
        for (const [key, action] of this.scheduledActions) {
            if (action.resourceId === resourceId) {
                this.scheduledActions.delete(key);
            }
        }
    }

    private aasKey(props: Props): { resourceId: string; name: string; key: string } {
        const resourceId = str(props.resourceId) ?? "";
        const name = str(props.name) ?? "";
        return { resourceId, name, key: `${resourceId}|${name}` };
    }

    /** Policies and scheduled actions need a registered target; AAS answers ObjectNotFoundException otherwise. */
    private requireTarget(api: string, resourceId: string): ScalableTarget {
        const target = this.targets.get(resourceId);
        if (target === undefined) {
            throw new AwsError(
                api,
                "ObjectNotFoundException",
                `No scalable target registered for service namespace: lambda, resource ID: ${resourceId}, scalable dimension: lambda:function:ProvisionedConcurrency`,
            );
        }
        return target;
    }

    /**
     * PutScalingPolicy creates or updates a policy (Create and Update both call it, appautoscaling policy.go; a
     * missing target fails at once: the provider retries only FailedResourceAccessException). A target tracking
     * policy comes with the CloudWatch alarms AAS "creates and manages" (AAS user guide, target tracking).
     */
    private putScalingPolicy(props: Props): Props {
        const { resourceId, name, key } = this.aasKey(props);
        this.requireTarget("PutScalingPolicy", resourceId);
        this.calls.push(`PutScalingPolicy(${resourceId},${name})`);
        const policyType = str(props.policyType) ?? "StepScaling";
        const previous = this.policies.get(key);
        if (previous !== undefined) {
            this.removePolicy(key, previous);
        }
        const alarmNames =
            policyType === "TargetTrackingScaling"
                ? [`TargetTracking-${resourceId}-AlarmHigh-${name}`, `TargetTracking-${resourceId}-AlarmLow-${name}`]
                : [];
        for (const alarm of alarmNames) {
            this.trackingAlarms.add(alarm);
        }
        this.policies.set(key, {
            resourceId,
            name,
            policyType,
            configuration: props.targetTrackingScalingPolicyConfiguration ?? props.stepScalingPolicyConfiguration,
            alarmNames,
            props: { ...props },
        });
        return { ...props, alarmArns: alarmNames.map((a) => `arn:aws:cloudwatch:us-east-1:123456789012:alarm:${a}`) };
    }

    private removePolicy(key: string, policy: ScalingPolicy): void {
        this.policies.delete(key);
        for (const alarm of policy.alarmNames) {
            this.trackingAlarms.delete(alarm);
        }
    }

    /** DeleteScalingPolicy; the provider ignores ObjectNotFoundException (appautoscaling policy.go). */
    private deleteScalingPolicy(props: Props): void {
        const { resourceId, name, key } = this.aasKey(props);
        this.calls.push(`DeleteScalingPolicy(${resourceId},${name})`);
        const policy = this.policies.get(key);
        if (policy !== undefined) {
            this.removePolicy(key, policy);
        }
    }

    /**
     * PutScheduledAction creates or updates an action (Create and Update both call it); a missing target fails with
     * ObjectNotFoundException once the provider's 5-minute retry gives up (appautoscaling scheduled_action.go).
     */
    private putScheduledAction(props: Props): Props {
        const { resourceId, name, key } = this.aasKey(props);
        this.requireTarget("PutScheduledAction", resourceId);
        this.calls.push(`PutScheduledAction(${resourceId},${name})`);
        const action = (props.scalableTargetAction ?? {}) as Props;
        this.scheduledActions.set(key, {
            resourceId,
            name,
            minCapacity: num(action.minCapacity),
            maxCapacity: num(action.maxCapacity),
            props: { ...props },
        });
        return { ...props };
    }

    /** DeleteScheduledAction; the provider ignores ObjectNotFoundException (appautoscaling scheduled_action.go). */
    private deleteScheduledAction(props: Props): void {
        const { resourceId, name, key } = this.aasKey(props);
        this.calls.push(`DeleteScheduledAction(${resourceId},${name})`);
        this.scheduledActions.delete(key);
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Lambda invocations (no lasting object).

    private invoke(props: Props): Props {
        const fn = this.requireFunction("Invoke", str(props.functionName) ?? "");
        const qualifier = str(props.qualifier) ?? "$LATEST";
        this.calls.push(`Invoke(${fn.name},${qualifier})`);
        // A LambdaWarmer's warmer function pings each target of its plan (one Invoke call per target here, for all its
        // pings); a version whose initialization fails answers each with a function error (testing/warmer-reply.ts).
        const result = warmerFunctionReply(props.input, (name, target) => {
            this.calls.push(`Invoke(${name},${target ?? "$LATEST"})`);
            return this.failsToInitialize(name, target ?? "$LATEST");
        });
        return result === undefined ? { ...props } : { ...props, result };
    }

    /** Whether a version, or the version an alias routes to, fails to initialize (failInitializationOf). */
    private failsToInitialize(functionName: string, qualifier: string): boolean {
        const name = plainFunctionName(functionName);
        const version = this.aliasesOf(name)[qualifier] ?? qualifier;
        return this.failingVersions.has(`${name}:${version}`);
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Everything else.

    private genericKey(type: string, id: string | undefined, props: Props): string {
        const spec = GENERIC_SPECS[type] ?? fallbackSpec(type);
        return spec.key(props) ?? id ?? str(props.name) ?? "?";
    }

    /** Rules of other services that decide whether a create may happen. */
    private checkGenericCreate(type: string, api: string, props: Props): void {
        if (type === TYPES.rolePolicy || type === TYPES.rolePolicyAttachment) {
            const role = str(props.role) ?? "";
            if (!this.generic.has(`${TYPES.role}|${role}`)) {
                throw new AwsError(api, "NoSuchEntity", `The role with name ${role} cannot be found.`);
            }
        }
        if (type === TYPES.permission) {
            this.requireFunction(api, str(props.function) ?? "");
        }
        if (type === TYPES.functionEventInvokeConfig) {
            this.requireFunction(api, str(props.functionName) ?? "");
        }
        if (type === TYPES.eventTarget) {
            const rule = str(props.rule) ?? "";
            if (!this.generic.has(`${TYPES.eventRule}|${rule}`)) {
                throw new AwsError(api, "ResourceNotFoundException", `Rule ${rule} does not exist on EventBus default.`);
            }
        }
    }

    private createGeneric(type: string, props: Props, id: string | undefined): Props {
        const spec = GENERIC_SPECS[type] ?? fallbackSpec(type);
        const key = this.genericKey(type, id, props);
        if (!spec.upsert && this.generic.has(`${type}|${key}`) && spec.conflict !== undefined) {
            throw new AwsError(spec.create, spec.conflict.code, spec.conflict.message(key));
        }
        this.checkGenericCreate(type, spec.create, props);
        this.calls.push(`${spec.create}(${key})`);
        this.generic.set(`${type}|${key}`, { type, key, id, props: { ...props } });
        return { ...props };
    }

    private updateGeneric(type: string, id: string | undefined, props: Props): Props {
        const spec = GENERIC_SPECS[type] ?? fallbackSpec(type);
        const key = this.genericKey(type, id, props);
        if (!spec.upsert && !this.generic.has(`${type}|${key}`)) {
            throw new AwsError(spec.update, "ResourceNotFoundException", `${type} ${key} does not exist`);
        }
        this.calls.push(`${spec.update}(${key})`);
        this.generic.set(`${type}|${key}`, { type, key, id, props: { ...props } });
        return { ...props };
    }

    private deleteGeneric(type: string, id: string | undefined, props: Props): void {
        const spec = GENERIC_SPECS[type] ?? fallbackSpec(type);
        const key = this.genericKey(type, id, props);
        if (type === TYPES.role) {
            // A role with inline or attached policies cannot be deleted: "you must delete the items attached to the
            // role manually, or the deletion fails" (IAM DeleteRole API reference).
            const attached = [...this.generic.values()].some(
                (o) => (o.type === TYPES.rolePolicy || o.type === TYPES.rolePolicyAttachment) && str(o.props.role) === key,
            );
            if (attached && this.generic.has(`${type}|${key}`)) {
                throw new AwsError(spec.delete, "DeleteConflict", "Cannot delete entity, must delete policies first.");
            }
        }
        if (type === TYPES.eventRule) {
            // "Before you can delete the rule, you must remove all targets" (EventBridge DeleteRule API reference).
            const targets = [...this.generic.values()].some((o) => o.type === TYPES.eventTarget && str(o.props.rule) === key);
            if (targets) {
                throw new AwsError(spec.delete, "ValidationException", "Rule can't be deleted since it has targets.");
            }
        }
        this.calls.push(`${spec.delete}(${key})`);
        this.generic.delete(`${type}|${key}`);
        if (type === TYPES.api) {
            // Deleting an HTTP API deletes what belongs to it (its integrations, routes and stages).
            for (const [k, o] of this.generic) {
                if ((o.type === TYPES.integration || o.type === TYPES.route || o.type === TYPES.stage) && str(o.props.apiId) === key) {
                    this.generic.delete(k);
                }
            }
        }
    }
}

// -------------------------------------------------------------------------------------------------------------------
// Checkers.

/** Every provisioned concurrency configuration in AWS now: what bills by the hour. */
export function provisionedConcurrency(aws: AwsModel): ProvisionedConcurrencyEntry[] {
    return aws.provisionedConcurrencyConfigs();
}

/**
 * The state's custom resources whose AWS object does not exist (Pulumi believes in a scaling policy that AWS no
 * longer has, for example). Pending-delete entries are included, marked as such.
 */
export function missingInAws(state: StackState, aws: AwsModel): ResourceState[] {
    return state.resources.filter((r) => r.custom && r.pendingReplacement !== true && !aws.exists(r.type, r.id, r.outputs));
}

/** The keys of every AWS object now: take it before the stack exists, to compare with `leftovers`. */
export function objectKeys(aws: AwsModel): Set<string> {
    return new Set(aws.objects().map((o) => o.key));
}

/** The AWS objects that exist now and did not before the stack (`knownBefore` from `objectKeys`). */
export function leftovers(aws: AwsModel, knownBefore: ReadonlySet<string>): AwsObjectRef[] {
    return aws.objects().filter((o) => !knownBefore.has(o.key));
}
