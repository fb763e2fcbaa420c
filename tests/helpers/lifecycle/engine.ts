// The Pulumi engine's step order for `pulumi up`, `pulumi refresh` and `pulumi destroy`, over the AWS model. The
// rules follow pulumi/pulumi `pkg/resource/deploy/step_generator.go` (generateSteps, generateAliases,
// inheritedChildAlias, calculateDependentReplacements, GenerateDeletes, ScheduleDeletes) and the resource option
// docs (pulumi.com/docs/iac/concepts/options/: aliases, deleteBeforeReplace, ignoreChanges, retainOnDelete). The
// real engine runs independent steps in parallel; the model runs them one at a time in an order the engine allows:
// registrations in program order, then deletions antichain by antichain.
import { createHash } from "crypto";
import { AllocationFailed, AwsError, AwsModel, plainFunctionName } from "./aws-model";
import { DeclaredResource, OperationResult, ResourceState, StackState, Step, StepOp, TYPES } from "./types";
import { autoName } from "../../../testing/mock-aws";

type Props = Record<string, unknown>;

/** The engine refused the program (duplicate URNs, alias collisions), as `pulumi up` reports it before any step. */
export class EngineError extends Error {
    constructor(message: string) {
        super(message);
        this.name = "EngineError";
    }
}

/** A replacement the model cannot represent faithfully (see checkReplaceable). */
export class UnmodelledReplacementError extends Error {
    constructor(message: string) {
        super(message);
        this.name = "UnmodelledReplacementError";
    }
}

/** An AWS call failed during a step: the operation stopped there. */
export class DeploymentError extends Error {
    constructor(
        public readonly op: StepOp,
        public readonly urn: string,
        public readonly cause: AwsError | AllocationFailed,
        /** The calls the failed step made before the failing one. */
        public readonly awsCalls: string[],
    ) {
        super(`${op} ${urn} failed: ${cause.message}`);
        this.name = "DeploymentError";
    }
}

/**
 * What the provider's Diff needs per type: the inputs whose change forces a replacement (ForceNew in the Terraform
 * schema the Pulumi AWS provider bridges, in Pulumi's camelCase), the input the provider auto-names when the program
 * leaves it out, and whether AWS generates the physical id.
 */
export interface ResourceSchema {
    replaceKeys: readonly string[];
    /** The input the provider fills with `<logical name>-<7 random hex>` (or from namePrefix) when absent. */
    autoNameProperty?: string;
    /** AWS generates the id (API Gateway ids): a replacement always gets a new one. */
    generatedId?: boolean;
    /** Replace keys that depend on other inputs (CustomizeDiff). */
    conditionalReplaceKeys?: (inputs: Props) => string[];
    /** DiffSuppressFunc: old and new values the provider treats as equal. */
    equivalent?: Readonly<Record<string, (oldValue: unknown, newValue: unknown) => boolean>>;
}

const sameFunction = (a: unknown, b: unknown): boolean =>
    typeof a === "string" && typeof b === "string" && plainFunctionName(a) === plainFunctionName(b);

/**
 * Sources: hashicorp/terraform-provider-aws internal/service/<service>/<resource>.go, schema ForceNew flags. Read in
 * this work: lambda provisioned_concurrency_config.go, alias.go, permission.go, invocation.go (function.go for
 * delete); appautoscaling target.go, policy.go, scheduled_action.go. From the same schemas but not re-read here
 * (marked "not re-read"): the IAM, CloudWatch, EventBridge, event invoke config and API Gateway v2 entries.
 */
export const RESOURCE_SCHEMAS: Readonly<Record<string, ResourceSchema>> = {
    // function_name ForceNew (function.go); package_type ForceNew (not re-read).
    [TYPES.function]: { replaceKeys: ["name", "packageType"], autoNameProperty: "name" },
    // name and function_name ForceNew; a name and an ARN of the same function are equal
    // (alias.go, suppressEquivalentFunctionNameOrARN).
    [TYPES.alias]: { replaceKeys: ["name", "functionName"], autoNameProperty: "name", equivalent: { functionName: sameFunction } },
    // function_name and qualifier ForceNew; provisioned_concurrent_executions and skip_destroy update in place.
    [TYPES.provisionedConcurrencyConfig]: { replaceKeys: ["functionName", "qualifier"] },
    // resource_id, scalable_dimension, service_namespace ForceNew; min/max capacity and role_arn update in place.
    [TYPES.scalableTarget]: { replaceKeys: ["resourceId", "scalableDimension", "serviceNamespace"] },
    // name, resource_id, scalable_dimension, service_namespace ForceNew; policy_type and configurations update.
    [TYPES.scalingPolicy]: {
        replaceKeys: ["name", "resourceId", "scalableDimension", "serviceNamespace"],
        autoNameProperty: "name",
    },
    // name, resource_id, scalable_dimension, service_namespace ForceNew; schedule, action, times, timezone update.
    [TYPES.scheduledAction]: {
        replaceKeys: ["name", "resourceId", "scalableDimension", "serviceNamespace"],
        autoNameProperty: "name",
    },
    // alarm_name ForceNew (not re-read).
    [TYPES.metricAlarm]: { replaceKeys: ["name"], autoNameProperty: "name" },
    // dashboard_name ForceNew, no auto-name: the name is required (cloudwatch dashboard.go, not re-read).
    [TYPES.dashboard]: { replaceKeys: ["dashboardName"] },
    // name, name_prefix, fifo_topic ForceNew (sns topic.go, not re-read).
    [TYPES.snsTopic]: { replaceKeys: ["name", "namePrefix", "fifoTopic"], autoNameProperty: "name" },
    // name, name_prefix, path ForceNew (not re-read).
    [TYPES.role]: { replaceKeys: ["name", "namePrefix", "path"], autoNameProperty: "name" },
    // name, name_prefix, role ForceNew (not re-read).
    [TYPES.rolePolicy]: { replaceKeys: ["name", "namePrefix", "role"], autoNameProperty: "name" },
    // name, name_prefix, path, description ForceNew (not re-read).
    [TYPES.iamPolicy]: { replaceKeys: ["name", "namePrefix", "path", "description"], autoNameProperty: "name" },
    // role and policy_arn ForceNew (not re-read).
    [TYPES.rolePolicyAttachment]: { replaceKeys: ["role", "policyArn"] },
    // name, name_prefix, log_group_class ForceNew (not re-read).
    [TYPES.logGroup]: { replaceKeys: ["name", "namePrefix", "logGroupClass"], autoNameProperty: "name" },
    // name, name_prefix, event_bus_name ForceNew (not re-read).
    [TYPES.eventRule]: { replaceKeys: ["name", "namePrefix", "eventBusName"], autoNameProperty: "name" },
    // rule, target_id, event_bus_name ForceNew; target_id is generated when absent (not re-read).
    [TYPES.eventTarget]: { replaceKeys: ["rule", "targetId", "eventBusName"], autoNameProperty: "targetId" },
    // The resource has no Update: every argument is ForceNew (permission.go). Pulumi names function_name `function`.
    [TYPES.permission]: {
        replaceKeys: [
            "action",
            "eventSourceToken",
            "function",
            "functionUrlAuthType",
            "invokedViaFunctionUrl",
            "principal",
            "principalOrgId",
            "qualifier",
            "sourceAccount",
            "sourceArn",
            "statementId",
            "statementIdPrefix",
        ],
        autoNameProperty: "statementId",
    },
    // function_name and qualifier ForceNew (not re-read).
    [TYPES.functionEventInvokeConfig]: { replaceKeys: ["functionName", "qualifier"] },
    // function_name, qualifier, triggers ForceNew; a new input forces a replacement under the default lifecycle
    // scope CREATE_ONLY (invocation.go, customizeDiffInputChangeWithCreateOnlyScope).
    [TYPES.invocation]: {
        replaceKeys: ["functionName", "qualifier", "triggers"],
        conditionalReplaceKeys: (inputs) => (inputs.lifecycleScope === "CRUD" ? [] : ["input"]),
    },
    // protocol_type ForceNew; AWS generates the id (not re-read).
    [TYPES.api]: { replaceKeys: ["protocolType"], generatedId: true },
    // api_id ForceNew; AWS generates the id (not re-read).
    [TYPES.integration]: { replaceKeys: ["apiId"], generatedId: true },
    [TYPES.route]: { replaceKeys: ["apiId"], generatedId: true },
    // api_id and name ForceNew (not re-read).
    [TYPES.stage]: { replaceKeys: ["apiId", "name"] },
};

function schemaOf(type: string): ResourceSchema {
    const schema = RESOURCE_SCHEMAS[type];
    if (schema === undefined) {
        throw new Error(
            `the lifecycle model knows no replace-forcing keys for ${type}: add it to RESOURCE_SCHEMAS (tests/helpers/lifecycle/engine.ts) from the Terraform schema`,
        );
    }
    return schema;
}

// -------------------------------------------------------------------------------------------------------------------
// URNs and aliases.

const ROOT_STACK_TYPE = "pulumi:pulumi:Stack";

interface ParsedUrn {
    stack: string;
    project: string;
    /** The type qualified by its ancestors' types, `parent$child`. */
    qualifiedType: string;
    type: string;
    name: string;
}

/** Splits `urn:pulumi:STACK::PROJECT::QUALIFIED_TYPE::NAME` (the name may itself contain `::`). */
export function parseUrn(urn: string): ParsedUrn {
    const prefix = "urn:pulumi:";
    const parts = urn.startsWith(prefix) ? urn.slice(prefix.length).split("::") : [];
    if (parts.length < 4) {
        throw new Error(`not a Pulumi URN: ${urn}`);
    }
    const qualifiedType = parts[2];
    return {
        stack: parts[0],
        project: parts[1],
        qualifiedType,
        type: qualifiedType.split("$").pop() ?? qualifiedType,
        name: parts.slice(3).join("::"),
    };
}

/** resource.NewURN: the parent's type qualifies the child's, except the root stack's. */
function newUrn(stack: string, project: string, parentType: string, type: string, name: string): string {
    const qualified = parentType === "" || parentType === ROOT_STACK_TYPE ? type : `${parentType}$${type}`;
    return `urn:pulumi:${stack}::${project}::${qualified}::${name}`;
}

/**
 * How a child's URN qualifies its type with its parent's: the engine uses the parent's whole qualified type; the
 * Node SDK's mock monitor uses only the parent's own type (node_modules/@pulumi/pulumi/runtime/mocks.js, newUrn).
 * The two agree for children of root components and differ for grandchildren; the model reads which one a program
 * uses from the child's own URN, so that aliases it computes match URNs produced the same way.
 */
function parentTypePart(child: { urn: string; type: string; parent?: string }, parentUrn: string): string {
    const parent = parseUrn(parentUrn);
    const own = parseUrn(child.urn).qualifiedType;
    if (child.parent !== undefined) {
        const declaredParent = parseUrn(child.parent);
        if (own === `${declaredParent.type}$${child.type}` && own !== `${declaredParent.qualifiedType}$${child.type}`) {
            return parent.type;
        }
    }
    return parent.qualifiedType;
}

/**
 * The alias a child inherits from its parent's alias, as the engine computes it (step_generator.go,
 * inheritedChildAlias; the Node SDK's resource.ts inheritedChildAlias has the same rule): the same child type under
 * the parent's old URN, and a child name that starts with the parent's name takes the old parent name as prefix
 * (`api2-target` under `api2` aliased from `api` becomes `api-target`).
 */
export function inheritedChildAlias(
    child: { urn: string; type: string; name: string; parent?: string },
    childType: string,
    childName: string,
    parentName: string,
    parentAlias: string,
): string {
    const alias = parseUrn(parentAlias);
    const own = parseUrn(child.urn);
    const aliasName = childName.startsWith(parentName) ? alias.name + childName.slice(parentName.length) : childName;
    return newUrn(own.stack, own.project, parentTypePart(child, parentAlias), childType, aliasName);
}

// -------------------------------------------------------------------------------------------------------------------
// Values.

function deepEqual(a: unknown, b: unknown): boolean {
    if (a === b) {
        return true;
    }
    if (typeof a !== "object" || typeof b !== "object" || a === null || b === null) {
        return false;
    }
    if (Array.isArray(a) !== Array.isArray(b)) {
        return false;
    }
    if (Array.isArray(a) && Array.isArray(b)) {
        return a.length === b.length && a.every((v, i) => deepEqual(v, b[i]));
    }
    const ao = a as Props;
    const bo = b as Props;
    const keys = new Set([...Object.keys(ao), ...Object.keys(bo)]);
    return [...keys].every((k) => deepEqual(ao[k], bo[k]));
}

function clone<T>(value: T): T {
    return structuredClone(value);
}

/**
 * ignoreChanges: an ignored input keeps its old value, and is dropped when the old inputs lack it
 * (pulumi.com/docs/iac/concepts/options/ignorechanges/; step_generator.go, processIgnoreChanges). Top-level keys only.
 */
function applyIgnoreChanges(inputs: Props, oldInputs: Props, ignore: readonly string[]): Props {
    const result = { ...inputs };
    for (const key of ignore) {
        if (key in oldInputs) {
            result[key] = oldInputs[key];
        } else {
            delete result[key];
        }
    }
    return result;
}

/** The top-level input keys whose value changed (deep equality), ignoring what the provider treats as equal. */
function changedKeys(oldInputs: Props, inputs: Props, schema: ResourceSchema | undefined): string[] {
    const keys = new Set([...Object.keys(oldInputs), ...Object.keys(inputs)]);
    return [...keys].filter((k) => {
        if (deepEqual(oldInputs[k], inputs[k])) {
            return false;
        }
        const equivalent = schema?.equivalent?.[k];
        return equivalent === undefined || !equivalent(oldInputs[k], inputs[k]);
    });
}

function replaceKeysOf(schema: ResourceSchema, inputs: Props): string[] {
    return [...schema.replaceKeys, ...(schema.conditionalReplaceKeys?.(inputs) ?? [])];
}

/** Whether `value` carries `needle` (a value of a dependency): equal, or containing it when it is long enough. */
function mentions(value: unknown, needles: readonly string[]): boolean {
    if (typeof value === "string") {
        return needles.some((n) => value === n || (n.length >= 8 && value.includes(n)));
    }
    if (Array.isArray(value)) {
        return value.some((v) => mentions(v, needles));
    }
    if (typeof value === "object" && value !== null) {
        return Object.values(value).some((v) => mentions(v, needles));
    }
    return false;
}

function stringsOf(value: unknown, into: string[] = []): string[] {
    if (typeof value === "string" && value !== "") {
        into.push(value);
    } else if (Array.isArray(value)) {
        value.forEach((v) => stringsOf(v, into));
    } else if (typeof value === "object" && value !== null) {
        Object.values(value).forEach((v) => stringsOf(v, into));
    }
    return into;
}

function stateOf(d: DeclaredResource, inputs: Props, outputs: Props, id: string | undefined): ResourceState {
    return {
        urn: d.urn,
        type: d.type,
        name: d.name,
        parent: d.parent,
        custom: d.custom,
        inputs: clone(inputs),
        outputs: clone(outputs),
        id,
        dependencies: [...d.dependencies],
        propertyDependencies: d.propertyDependencies !== undefined ? clone(d.propertyDependencies) : undefined,
        options: clone(d.options),
    };
}

/**
 * The order deletes run in (step_generator.go, ScheduleDeletes): the condemned resources are split into
 * antichains, peeling off first those that depend on no other condemned resource (dependencies and parent), and the
 * antichains then run in reverse, so that a resource is deleted before anything it depends on and children before
 * parents. Inside an antichain (parallel in the engine) the model goes in reverse checkpoint order, as
 * GenerateDeletes walks the checkpoint.
 */
function scheduleDeletes(condemned: readonly ResourceState[], checkpoint: readonly ResourceState[]): ResourceState[] {
    const pending = new Set(condemned);
    const edges = (r: ResourceState): string[] => [...r.dependencies, ...(r.parent !== undefined ? [r.parent] : [])];
    const antichains: ResourceState[][] = [];
    while (pending.size > 0) {
        let chain = [...pending].filter((r) =>
            edges(r).every((urn) => ![...pending].some((other) => other !== r && other.urn === urn)),
        );
        if (chain.length === 0) {
            // A cycle cannot come from a valid program; take the rest rather than loop.
            chain = [...pending];
        }
        chain.forEach((r) => pending.delete(r));
        antichains.push(chain);
    }
    antichains.reverse();
    const position = (r: ResourceState): number => checkpoint.indexOf(r);
    return antichains.flatMap((chain) => [...chain].sort((a, b) => position(b) - position(a)));
}

// -------------------------------------------------------------------------------------------------------------------
// The deployment.

class Deployment {
    public readonly steps: Step[] = [];
    /** New states, in the order their steps completed. */
    private readonly news: ResourceState[] = [];
    /** The old states (copies), in checkpoint order. */
    private readonly olds: ResourceState[];
    /** Old states still in the stack's state. */
    private readonly remaining: Set<ResourceState>;
    /** Live (not pending-delete) old states by URN. */
    private readonly oldByUrn = new Map<string, ResourceState>();
    /** URNs registered so far (sg.urns). */
    private readonly seen = new Set<string>();
    /** Old URN claimed through an alias -> the new URN that claimed it (sg.aliased). */
    private readonly aliased = new Map<string, string>();
    /** New URN -> the old URN it matched through an alias (sg.aliases), for its children to inherit. */
    private readonly matchedAlias = new Map<string, string>();
    /** Old states matched by a registration. */
    private readonly operated = new Set<ResourceState>();
    /** Old states deleted during registration (delete-before-replace and its dependents). */
    private readonly deletedEarly = new Set<ResourceState>();
    /** How many times each URN was created (for the new auto-name of each creation after the first). */
    private readonly creations: Map<string, number>;
    /**
     * The mocks' auto-name -> the name the resource has now, for each resource created again under a new name. The
     * mocks resolve a dependent's input to the first name (a role policy attachment's `role`, a function's role ARN);
     * the real engine resolves it to the name the provider gave, so the model rewrites those references.
     */
    private readonly renamed = new Map<string, string>();

    constructor(
        state: StackState,
        private readonly aws: AwsModel,
    ) {
        this.creations = new Map(Object.entries(state.creations ?? {}));
        for (const [urn, creation] of this.creations) {
            const parsed = parseUrn(urn);
            if (creation >= 2 && RESOURCE_SCHEMAS[parsed.type]?.autoNameProperty !== undefined) {
                this.renamed.set(autoName(parsed.type, parsed.name), laterAutoName(urn, parsed.name, creation));
            }
        }
        this.olds = state.resources.map((r) => clone(r));
        this.remaining = new Set(this.olds);
        for (const old of this.olds) {
            if (old.pendingDelete !== true) {
                this.oldByUrn.set(old.urn, old);
            }
        }
    }

    /**
     * The stack's state now: new states, then the old ones not yet deleted, with references renamed as the engine
     * normalizes a snapshot (backend/snapshot.go calls Snapshot.NormalizeURNReferences): an alias counts only once a
     * new state that claimed it was written (a registration whose step failed leaves the old one as it was), and an
     * old resource whose parent changed URN takes the parent's qualified type in its own URN (a child left behind by
     * a swap that failed before reaching it).
     */
    public state(): StackState {
        const written = new Set(this.news.map((n) => n.urn));
        const renames = new Map([...this.aliased].filter(([, to]) => written.has(to)));
        const rename = (urn: string): string => renames.get(urn) ?? urn;
        const remaining = this.olds.filter((o) => this.remaining.has(o));
        for (const o of remaining) {
            if (o.parent !== undefined && renames.has(o.parent) && !renames.has(o.urn)) {
                const own = parseUrn(o.urn);
                const moved = newUrn(own.stack, own.project, parentTypePart(o, renames.get(o.parent)!), own.type, own.name);
                if (moved !== o.urn) {
                    renames.set(o.urn, moved);
                }
            }
        }
        const olds = remaining
            .map((o) => ({
                ...o,
                urn: rename(o.urn),
                parent: o.parent !== undefined ? rename(o.parent) : undefined,
                dependencies: o.dependencies.map(rename),
                propertyDependencies:
                    o.propertyDependencies !== undefined
                        ? Object.fromEntries(Object.entries(o.propertyDependencies).map(([k, urns]) => [k, urns.map(rename)]))
                        : undefined,
            }));
        const resources = [...this.news, ...olds];
        return this.creations.size > 0 ? { resources, creations: Object.fromEntries(this.creations) } : { resources };
    }

    private run(op: StepOp, urn: string, action: () => void): void {
        const start = this.aws.calls.length;
        try {
            action();
        } catch (error) {
            if (error instanceof AwsError) {
                throw new DeploymentError(op, urn, error, this.aws.calls.slice(start));
            }
            if (error instanceof AllocationFailed) {
                // Created or updated, then the wait for READY failed: the step counts as done (its state is written,
                // with initialization errors), and the deployment stops there (see initialized).
                this.steps.push({ op, urn, awsCalls: this.aws.calls.slice(start) });
            }
            throw error;
        }
        this.steps.push({ op, urn, awsCalls: this.aws.calls.slice(start) });
    }

    /**
     * Runs a create or an update whose outputs go to the state. When the provider reports the resource with
     * initialization errors (the bridge's initializationError: a configuration whose allocation ended FAILED), the
     * engine writes its state with them (step.go, CreateStep/UpdateStep.Apply keep the new state and return the
     * error: "resource ... was created/updated, but failed to initialize") and the deployment fails; the next `up`
     * updates it even without a change (step_generator.go, continueStepsFromDiff: "generate an empty update step to
     * attempt to continue awaiting initialization").
     */
    private initialized(op: StepOp, d: DeclaredResource, inputs: Props, id: string | undefined, action: () => Props): void {
        const start = this.aws.calls.length;
        let outputs: Props;
        try {
            outputs = action();
        } catch (error) {
            if (error instanceof AllocationFailed) {
                this.news.push({ ...stateOf(d, inputs, error.outputs, id), initErrors: true });
                throw new DeploymentError(op, d.urn, error, this.aws.calls.slice(start));
            }
            throw error;
        }
        this.news.push(stateOf(d, inputs, outputs, id));
    }

    /** generateAliases: the resource's own aliases, then the one it inherits from the alias its parent matched. */
    private aliasesOf(d: DeclaredResource): string[] {
        const result: string[] = [];
        const add = (urn: string): void => {
            if (!result.includes(urn)) {
                result.push(urn);
            }
        };
        d.options.aliases.forEach(add);
        const parentAlias = d.parent !== undefined ? this.matchedAlias.get(d.parent) : undefined;
        if (d.parent !== undefined && parentAlias !== undefined) {
            const parentName = parseUrn(d.parent).name;
            add(inheritedChildAlias(d, d.type, d.name, parentName, parentAlias));
            for (const own of d.options.aliases) {
                const parsed = parseUrn(own);
                add(inheritedChildAlias(d, parsed.type, parsed.name, parentName, parentAlias));
            }
        }
        return result;
    }

    /** generateSteps: find the old state by URN, then by alias, and decide the step. */
    public register(declared: DeclaredResource): void {
        const d = this.withCurrentNames(declared);
        const claimedBy = this.aliased.get(d.urn);
        if (claimedBy !== undefined) {
            // The engine's GetDuplicateResourceAliasedError (sdk/go/common/diag/errors.go; text not in the copies
            // searched in this work, quoted from the engine source as remembered).
            throw new EngineError(`Duplicate resource URN '${d.urn}' conflicting with alias on resource with URN '${claimedBy}'`);
        }
        let old: ResourceState | undefined;
        for (const urn of [d.urn, ...this.aliasesOf(d)]) {
            const candidate = this.oldByUrn.get(urn);
            if (candidate === undefined) {
                continue;
            }
            if (urn !== d.urn) {
                // GetDuplicateResourceAliasError (diag code 2008), with the arguments step_generator.go passes.
                if (this.seen.has(urn)) {
                    throw new EngineError(
                        `Duplicate resource alias '${urn}' applied to resource with URN '${d.urn}' conflicting with resource with URN '${d.urn}'`,
                    );
                }
                const previous = this.aliased.get(urn);
                if (previous !== undefined) {
                    throw new EngineError(
                        `Duplicate resource alias '${urn}' applied to resource with URN '${d.urn}' conflicting with resource with URN '${previous}'`,
                    );
                }
                this.aliased.set(urn, d.urn);
                this.matchedAlias.set(d.urn, urn);
            }
            old = candidate;
            break;
        }
        this.seen.add(d.urn);

        if (d.read === true) {
            this.read(d, old);
            return;
        }
        if (old === undefined) {
            this.create(d, "create", d.inputs, this.createdName(d, d.state));
            return;
        }
        this.operated.add(old);
        if (this.deletedEarly.has(old) || old.pendingReplacement === true) {
            // Deleted earlier in this deployment as a dependent of a delete-before-replace, or by a delete-before-
            // replace of an earlier deployment that failed before the create (its state kept PendingReplacement):
            // it comes back as a replacement ("recreating"; "already pending replacement" in step_generator.go), and
            // the old entry leaves the state once the create succeeds.
            this.checkReplaceable(d.urn, d.type);
            this.create(d, "create-replacement", d.inputs, this.createdName(d, d.state));
            this.remaining.delete(old);
            return;
        }

        const schema = d.custom ? schemaOf(d.type) : undefined;
        const inputs = applyIgnoreChanges(d.inputs, old.inputs, d.options.ignoreChanges);
        const changed = changedKeys(old.inputs, inputs, schema);
        const current = old;
        if (changed.length === 0 && old.initErrors !== true) {
            this.run("same", d.urn, () => undefined);
            this.news.push(stateOf(d, inputs, old.outputs, old.id));
            this.remaining.delete(old);
            return;
        }
        const replacing = schema !== undefined ? changed.filter((k) => replaceKeysOf(schema, inputs).includes(k)) : [];
        if (replacing.length === 0) {
            // Update: the provider sends the prior state's value of an ignored key (Terraform plans it unchanged).
            const props = { ...d.state, ...inputs };
            for (const key of d.options.ignoreChanges) {
                if (key in current.outputs) {
                    props[key] = current.outputs[key];
                } else {
                    delete props[key];
                }
            }
            try {
                this.initialized("update", d, inputs, current.id, () => {
                    let outputs: Props = props;
                    this.run("update", d.urn, () => {
                        if (d.custom) {
                            outputs = this.aws.update(d.type, current.id, current.outputs, props);
                        }
                    });
                    return outputs;
                });
            } catch (error) {
                if (error instanceof DeploymentError && error.cause instanceof AllocationFailed) {
                    this.remaining.delete(current); // its new state, with the errors again, took its place
                }
                throw error;
            }
            this.remaining.delete(current);
            return;
        }

        // Replace. The engine checks the replacement's inputs again from the program's own inputs, without the old
        // ones (step_generator.go, continueStepsFromDiff: Check with goal.Properties), so ignoreChanges does not carry
        // an old value into a replacement: an ignored property takes the program's value (seen under the real engine,
        // tests/engine/: a scaling component's configuration moved to a new version gets the count the program gives
        // now, not the one Pulumi saw last).
        this.checkReplaceable(d.urn, d.type);
        let props = { ...d.state };
        const replacementInputs = d.inputs;
        props = this.createdName(d, props);
        if (this.deletesFirst(d)) {
            // Delete-before-replace deletes, first, the dependents that the replacement would replace too (in reverse
            // dependency order), then the resource, then creates the replacement (step_generator.go).
            const dependents = this.dependentReplacements(current);
            for (const dependent of dependents) {
                this.checkReplaceable(dependent.urn, dependent.type);
            }
            for (const dependent of [...dependents].reverse()) {
                this.deleteForReplacement(dependent);
            }
            this.deleteForReplacement(current);
            try {
                this.create(d, "create-replacement", replacementInputs, props);
            } catch (error) {
                if (error instanceof DeploymentError && error.cause instanceof AllocationFailed) {
                    this.remaining.delete(current); // its replacement's state was written, with the errors
                }
                throw error;
            }
            this.remaining.delete(current);
            return;
        }
        // Create-before-delete: the replacement now, the old one's delete after every registration. A replacement
        // created with initialization errors marks the old one pending delete all the same (step.go, CreateStep.Apply
        // sets old.Delete once the provider returned, for a partial failure too), and the deployment stops there.
        try {
            this.create(d, "create-replacement", replacementInputs, props);
        } catch (error) {
            if (error instanceof DeploymentError && error.cause instanceof AllocationFailed) {
                current.pendingDelete = true;
            }
            throw error;
        }
        current.pendingDelete = true;
    }

    private create(d: DeclaredResource, op: StepOp, inputs: Props, props: Props): void {
        this.initialized(op, d, inputs, d.id, () => {
            let outputs: Props = props;
            this.run(op, d.urn, () => {
                if (d.custom) {
                    outputs = this.aws.create(d.type, props, d.id);
                }
            });
            const step = this.steps[this.steps.length - 1];
            const property = d.custom ? schemaOf(d.type).autoNameProperty : undefined;
            if (property !== undefined && d.inputs[property] === undefined && typeof props[property] === "string") {
                step.autoName = props[property];
            }
            if (d.custom && schemaOf(d.type).generatedId === true) {
                step.id = d.id;
            }
            return outputs;
        });
    }

    /** Deletes an old state; retainOnDelete drops it from the state without calling AWS. */
    /**
     * A read (Resource.get): the provider's Read by id on every deployment, its outputs kept as an external state
     * (step.go, ReadStep.Apply); nothing there fails the step ("resource '<id>' does not exist").
     */
    private read(d: DeclaredResource, old: ResourceState | undefined): void {
        let outputs: Props | undefined;
        const start = this.aws.calls.length;
        this.run("read", d.urn, () => {
            // The engine hands the provider the properties the program gave the read as inputs and as state.
            outputs = this.aws.read(d.type, d.id, d.inputs);
        });
        if (outputs === undefined) {
            this.steps.pop();
            throw new DeploymentError("read", d.urn, new AwsError("Read", "NotFound", `resource '${d.id ?? ""}' does not exist`), this.aws.calls.slice(start));
        }
        this.news.push({ ...stateOf(d, {}, outputs, d.id), external: true });
        if (old !== undefined) {
            this.operated.add(old);
            this.remaining.delete(old);
        }
    }

    private deleteOld(old: ResourceState, op: StepOp): void {
        if (old.external === true) {
            // A read the program no longer makes leaves the state without a call (the engine's discard).
            this.run("discard", old.urn, () => undefined);
            this.remaining.delete(old);
            return;
        }
        if (old.pendingReplacement === true) {
            // Its delete already ran in an earlier deployment: it only leaves the state (RemovePendingReplaceStep).
            this.run("remove-pending-replace", old.urn, () => undefined);
            this.remaining.delete(old);
            return;
        }
        this.run(op, old.urn, () => {
            if (old.custom && !old.options.retainOnDelete) {
                this.aws.delete(old.type, old.id, old.outputs);
            }
        });
        this.remaining.delete(old);
    }

    /**
     * The delete of a delete-before-replace: the old resource stays in the state, marked PendingReplacement, until
     * its replacement is created, so that a deployment that fails in between leaves it to be recreated (step.go,
     * DeleteStep.Apply sets PendingReplacement once the provider's delete succeeded).
     */
    private deleteForReplacement(old: ResourceState): void {
        if (old.pendingReplacement !== true) {
            this.run("delete-replaced", old.urn, () => {
                if (old.custom && !old.options.retainOnDelete) {
                    this.aws.delete(old.type, old.id, old.outputs);
                }
            });
            old.pendingReplacement = true;
        }
        this.deletedEarly.add(old);
    }

    /**
     * AWS generates API Gateway ids, and the mocks derive them from the logical name, so a replacement would get the
     * id of the resource it replaces: a model of that would be wrong both ways (false conflicts, false wipes).
     */
    private checkReplaceable(urn: string, type: string): void {
        if (schemaOf(type).generatedId === true) {
            throw new UnmodelledReplacementError(
                `${urn} would be replaced, and AWS would give the replacement a new id; the mocks derive ids from the logical name, so the model cannot tell the two apart`,
            );
        }
    }

    /**
     * The physical name a created resource gets. The provider auto-names a property the program leaves out, from a
     * new random seed on every create (the engine checks a new resource, and a replacement, without old inputs:
     * step_generator.go), so each creation of a URN after its first (a replacement, or a create after a refresh
     * dropped it) gets a new `<logical name>-<7 hex>`; a name the program gives stays. The first creation keeps the
     * mocks' name; later ones get a suffix derived from the URN and how many creations came before, so runs repeat.
     * What a new name reaches: the resource's own outputs (its deletes, refreshes and updates address it), and the
     * inputs of its dependents, which the mocks computed from the first name (see withCurrentNames).
     */
    private createdName(d: DeclaredResource, props: Props): Props {
        const property = d.custom ? schemaOf(d.type).autoNameProperty : undefined;
        if (property === undefined || d.inputs[property] !== undefined || (property === "name" && d.inputs.namePrefix !== undefined)) {
            return props;
        }
        const creation = (this.creations.get(d.urn) ?? 0) + 1;
        this.creations.set(d.urn, creation);
        if (creation === 1) {
            return props;
        }
        const name = laterAutoName(d.urn, d.name, creation);
        if (typeof d.state[property] === "string") {
            this.renamed.set(d.state[property], name);
        }
        return { ...props, [property]: name };
    }

    /** `d` with every reference to a resource created again under a new name rewritten to that name. */
    private withCurrentNames(d: DeclaredResource): DeclaredResource {
        if (this.renamed.size === 0) {
            return d;
        }
        const rewrite = (value: unknown): unknown => {
            if (typeof value === "string") {
                let out = value;
                for (const [from, to] of this.renamed) {
                    out = out.split(from).join(to);
                }
                return out;
            }
            if (Array.isArray(value)) {
                return value.map(rewrite);
            }
            if (value !== null && typeof value === "object") {
                return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, rewrite(v)]));
            }
            return value;
        };
        return { ...d, inputs: rewrite(d.inputs) as Props, state: rewrite(d.state) as Props };
    }

    /**
     * Whether a replacement deletes the old resource first: the program's deleteBeforeReplace when it set one
     * (step_generator.go: the option overrides the provider), else the provider's answer. The AWS provider answers yes
     * when the program gave an auto-nameable property its own value, since a create-first replacement would meet the
     * old name (pulumi-terraform-bridge schema.go, nameRequiresDeleteBeforeReplace), and always for role policy
     * attachments (pulumi-aws resource_overrides.go).
     */
    private deletesFirst(d: DeclaredResource): boolean {
        if (d.options.deleteBeforeReplaceDefined === true || d.options.deleteBeforeReplace) {
            return d.options.deleteBeforeReplace;
        }
        const property = d.custom ? schemaOf(d.type).autoNameProperty : undefined;
        return d.type === TYPES.rolePolicyAttachment || (property !== undefined && d.inputs[property] !== undefined);
    }

    /**
     * calculateDependentReplacements: the transitive dependents of `root` (in checkpoint order, skipping those
     * already registered) whose replace-forcing inputs come from a resource being replaced. Without recorded
     * property dependencies the model infers them: an input depends on a dependency when it carries one of that
     * dependency's output values.
     */
    private dependentReplacements(root: ResourceState): ResourceState[] {
        const live = this.olds.filter((o) => o.pendingDelete !== true && this.remaining.has(o));
        const dependents = new Set<string>([root.urn]);
        const replaceSet = new Set<string>([root.urn]);
        const result: ResourceState[] = [];
        for (const candidate of live) {
            if (candidate === root || this.operated.has(candidate)) {
                continue;
            }
            if (!candidate.dependencies.some((u) => dependents.has(u))) {
                continue;
            }
            dependents.add(candidate.urn);
            if (!candidate.custom) {
                continue;
            }
            const schema = schemaOf(candidate.type);
            const replaceKeys = replaceKeysOf(schema, candidate.inputs);
            const propertyDependencies = candidate.propertyDependencies ?? this.inferPropertyDependencies(candidate, live);
            const replaced = Object.keys(candidate.inputs).some(
                (k) => replaceKeys.includes(k) && (propertyDependencies[k] ?? []).some((u) => replaceSet.has(u)),
            );
            if (replaced) {
                replaceSet.add(candidate.urn);
                result.push(candidate);
            }
        }
        return result;
    }

    private inferPropertyDependencies(resource: ResourceState, live: readonly ResourceState[]): Record<string, string[]> {
        const result: Record<string, string[]> = {};
        for (const [key, value] of Object.entries(resource.inputs)) {
            result[key] = resource.dependencies.filter((urn) => {
                const dependency = live.find((o) => o.urn === urn);
                if (dependency === undefined) {
                    return false;
                }
                const needles = stringsOf(dependency.outputs, dependency.id !== undefined ? [dependency.id] : []);
                return mentions(value, needles);
            });
        }
        return result;
    }

    /**
     * After every registration: delete the old resources no registration matched, the replaced ones, and those
     * left pending-delete by an earlier deployment (GenerateDeletes), in ScheduleDeletes order.
     */
    public deleteRemaining(): void {
        const condemned = this.olds.filter(
            (o) => this.remaining.has(o) && (o.pendingDelete === true || !this.operated.has(o)),
        );
        for (const old of scheduleDeletes(condemned, this.olds)) {
            this.deleteOld(old, old.pendingDelete === true ? "delete-replaced" : "delete");
        }
    }
}

// -------------------------------------------------------------------------------------------------------------------
// The operations.

/**
 * `pulumi up` from the stack's state to a program. Throws EngineError for a program the engine refuses and
 * UnmodelledReplacementError for a replacement the model cannot represent; an AWS failure stops the deployment and
 * comes back in `error`, with the state reached so far.
 */
export function up(state: StackState, program: readonly DeclaredResource[], aws: AwsModel): OperationResult {
    const urns = new Set<string>();
    for (const d of program) {
        if (urns.has(d.urn)) {
            // GetDuplicateResourceURNError (diag code 2001).
            throw new EngineError(`Duplicate resource URN '${d.urn}'; try giving it a unique name`);
        }
        urns.add(d.urn);
    }
    const deployment = new Deployment(state, aws);
    try {
        for (const d of program) {
            deployment.register(d);
        }
        deployment.deleteRemaining();
    } catch (error) {
        if (error instanceof DeploymentError) {
            return { state: deployment.state(), steps: deployment.steps, error };
        }
        throw error;
    }
    return { state: deployment.state(), steps: deployment.steps };
}

/** `pulumi up` that must succeed, for tests that only deploy: the new state, or the AWS failure thrown. */
export function deployed(state: StackState, program: readonly DeclaredResource[], aws: AwsModel): StackState {
    const result = up(state, program, aws);
    if (result.error !== undefined) {
        throw result.error;
    }
    return result.state;
}

/**
 * `pulumi refresh`: the provider's Read of every custom resource. Gone in AWS: removed from the state (every
 * Terraform resource here does so on NotFound), and references to it dropped. Present: outputs from AWS, and the
 * inputs of the same keys too (the bridged provider returns inputs extracted from the read state; not re-verified
 * in this work), so that the next `up` diffs the program against what AWS has.
 */
export function refresh(state: StackState, aws: AwsModel): OperationResult {
    const resources = state.resources.map((r) => clone(r));
    const kept: ResourceState[] = [];
    const steps: Step[] = [];
    const removed = new Set<string>();
    const finish = (rest: ResourceState[], error?: Error): OperationResult => {
        const all = [...kept, ...rest];
        const present = new Set(all.map((r) => r.urn));
        for (const r of all) {
            r.dependencies = r.dependencies.filter((u) => !removed.has(u) || present.has(u));
        }
        return { state: withCreations({ resources: all }, state), steps, error };
    };
    for (let i = 0; i < resources.length; i++) {
        const resource = resources[i];
        if (!resource.custom) {
            kept.push(resource);
            continue;
        }
        if (resource.pendingReplacement === true) {
            // Deleted already, waiting for its replacement: a refresh leaves it as it is (step.go, RefreshStep.Apply).
            steps.push({ op: "same", urn: resource.urn, awsCalls: [] });
            kept.push(resource);
            continue;
        }
        const start = aws.calls.length;
        let read: Props | undefined;
        try {
            read = aws.read(resource.type, resource.id, resource.outputs);
        } catch (error) {
            if (error instanceof AwsError) {
                return finish(resources.slice(i), new DeploymentError("refresh-updated", resource.urn, error, aws.calls.slice(start)));
            }
            throw error;
        }
        const awsCalls = aws.calls.slice(start);
        if (read === undefined) {
            steps.push({ op: "refresh-removed", urn: resource.urn, awsCalls });
            removed.add(resource.urn);
            continue;
        }
        const outputs = read;
        const changed = Object.keys({ ...resource.outputs, ...outputs }).filter((k) => !deepEqual(resource.outputs[k], outputs[k]));
        if (changed.length > 0) {
            resource.outputs = clone(outputs);
            for (const key of changed) {
                if (key in resource.inputs) {
                    resource.inputs[key] = clone(outputs[key]);
                }
            }
        }
        // The provider's Read reports no initialization errors (the bridge's Read returns none), and the refresh writes
        // what it reports (step.go, RefreshStep.Apply: s.new.InitErrors = initErrors): a refresh clears them.
        delete resource.initErrors;
        steps.push({ op: changed.length > 0 ? "refresh-updated" : "same", urn: resource.urn, awsCalls });
        kept.push(resource);
    }
    return finish([]);
}

/** The auto-name of the `creation`th creation of a URN, after the first (which keeps the mocks' name). */
function laterAutoName(urn: string, logicalName: string, creation: number): string {
    return `${logicalName}-${createHash("sha1").update(`${urn}#${creation}`).digest("hex").slice(0, 7)}`;
}

/** A state that keeps `from`'s count of creations, if it has one. */
function withCreations(state: StackState, from: StackState): StackState {
    return from.creations !== undefined ? { ...state, creations: from.creations } : state;
}

/** `pulumi destroy`: every resource deleted, in ScheduleDeletes order; retainOnDelete ones dropped without a call. */
export function destroy(state: StackState, aws: AwsModel): OperationResult {
    const resources = state.resources.map((r) => clone(r));
    const remaining = new Set(resources);
    const steps: Step[] = [];
    for (const resource of scheduleDeletes(resources, resources)) {
        const op: StepOp =
            resource.external === true
                ? "discard"
                : resource.pendingReplacement === true
                  ? "remove-pending-replace"
                  : resource.pendingDelete === true
                    ? "delete-replaced"
                    : "delete";
        const start = aws.calls.length;
        try {
            if (resource.custom && !resource.options.retainOnDelete && resource.pendingReplacement !== true && resource.external !== true) {
                aws.delete(resource.type, resource.id, resource.outputs);
            }
        } catch (error) {
            if (error instanceof AwsError) {
                const rest = resources.filter((r) => remaining.has(r));
                return {
                    state: withCreations({ resources: rest }, state),
                    steps,
                    error: new DeploymentError(op, resource.urn, error, aws.calls.slice(start)),
                };
            }
            throw error;
        }
        steps.push({ op, urn: resource.urn, awsCalls: aws.calls.slice(start) });
        remaining.delete(resource);
    }
    return { state: withCreations({ resources: [] }, state), steps };
}
