// Pulumi mocks that behave like the AWS provider where it matters for this package, shared by the offline plan
// (cli/plan.ts) and the testing kit (testing/index.ts, `lambda-concurrency/testing`). The SDK's mock runtime returns
// only what the mocks give back, so by default a Lambda function has no name, ARN or version and nothing is ever
// auto-named. These mocks fill in what the provider computes, auto-name resources the way the provider does (the
// logical name, a hyphen and 7 random hex characters), refuse any name longer than AWS allows for that resource type
// and any second resource with the same URN (as the engine does), and record every registration with its parent so
// that callers can print or assert the exact tree.
import { createHash } from "crypto";
import * as pulumi from "@pulumi/pulumi";
import { computedOutputs, lambdaAliasArns } from "./provider-outputs";

/** The account and region every mocked ARN uses unless the mocks are given others. */
export const MOCK_ACCOUNT_ID = "123456789012";
export const MOCK_REGION = "us-east-1";

/** Where the mocked AWS provider works: its region and account, as `aws:region` and the caller's credentials say. */
export interface MockAwsOptions {
    /** @default "us-east-1" */
    region?: string;
    /** @default "123456789012" */
    accountId?: string;
}

/** The partition and DNS suffix of a region, as the provider's getPartition reports them. */
export function partitionOf(region: string): { partition: string; dnsSuffix: string } {
    if (region.startsWith("cn-")) {
        return { partition: "aws-cn", dnsSuffix: "amazonaws.com.cn" };
    }
    if (region.startsWith("us-gov-")) {
        return { partition: "aws-us-gov", dnsSuffix: "amazonaws.com" };
    }
    if (region.startsWith("us-isob-")) {
        return { partition: "aws-iso-b", dnsSuffix: "sc2s.sgov.gov" };
    }
    if (region.startsWith("us-iso-")) {
        return { partition: "aws-iso", dnsSuffix: "c2s.ic.gov" };
    }
    return { partition: "aws", dnsSuffix: "amazonaws.com" };
}

/**
 * The name property and the longest name AWS accepts, for the resource types this package creates or its samples
 * use. Sources: Lambda CreateFunction (FunctionName, 64) and CreateAlias (Name, 128); IAM CreateRole (RoleName, 64),
 * CreatePolicy (PolicyName, 128), PutRolePolicy (PolicyName, 128); EventBridge PutRule (Name, 64); CloudWatch Logs
 * CreateLogGroup (logGroupName, 512); Application Auto Scaling PutScheduledAction (ScheduledActionName, 256) and
 * PutScalingPolicy (PolicyName, 256); API Gateway v2 CreateApi (Name, 128); Lambda AddPermission (StatementId, 100);
 * CloudWatch PutMetricAlarm (AlarmName, 255) and PutDashboard (DashboardName, 255, A-Z a-z 0-9 - _ only, required);
 * SNS CreateTopic (Name, 256).
 */
export const AWS_NAME_LIMITS: Readonly<Record<string, { property: string; maxLength: number; autoNamed: boolean }>> = {
    "aws:lambda/function:Function": { property: "name", maxLength: 64, autoNamed: true },
    "aws:lambda/alias:Alias": { property: "name", maxLength: 128, autoNamed: true },
    "aws:iam/role:Role": { property: "name", maxLength: 64, autoNamed: true },
    "aws:iam/policy:Policy": { property: "name", maxLength: 128, autoNamed: true },
    "aws:iam/rolePolicy:RolePolicy": { property: "name", maxLength: 128, autoNamed: true },
    "aws:cloudwatch/eventRule:EventRule": { property: "name", maxLength: 64, autoNamed: true },
    "aws:cloudwatch/logGroup:LogGroup": { property: "name", maxLength: 512, autoNamed: true },
    "aws:appautoscaling/scheduledAction:ScheduledAction": { property: "name", maxLength: 256, autoNamed: true },
    "aws:appautoscaling/policy:Policy": { property: "name", maxLength: 256, autoNamed: true },
    "aws:apigatewayv2/api:Api": { property: "name", maxLength: 128, autoNamed: true },
    // Lambda AddPermission StatementId: 1-100 characters; the provider auto-names it from the logical name.
    "aws:lambda/permission:Permission": { property: "statementId", maxLength: 100, autoNamed: true },
    "aws:cloudwatch/metricAlarm:MetricAlarm": { property: "name", maxLength: 255, autoNamed: true },
    "aws:cloudwatch/dashboard:Dashboard": { property: "dashboardName", maxLength: 255, autoNamed: false },
    "aws:sns/topic:Topic": { property: "name", maxLength: 256, autoNamed: true },
};

/** The 7 hex characters the provider would append to `logicalName`; derived, not random, so plans are stable. */
export function autoNameSuffix(type: string, logicalName: string): string {
    return createHash("sha1").update(`${type}\u0000${logicalName}`).digest("hex").slice(0, 7);
}

/** The physical name the provider would give a resource of `type` called `logicalName` in the program. */
export function autoName(type: string, logicalName: string): string {
    return `${logicalName}-${autoNameSuffix(type, logicalName)}`;
}

/** One registration seen by the mocks. */
export interface RecordedResource {
    type: string;
    /** The logical (Pulumi) name. */
    name: string;
    urn: string;
    /** The parent's URN, or undefined for a resource at the root of the program. */
    parent?: string;
    /** True for a provider-managed (custom) resource, false for a component. */
    custom: boolean;
    /** The inputs as the SDK sent them. */
    inputs: Record<string, unknown>;
    /** The outputs the mocks returned: the inputs plus what the provider computes. */
    state: Record<string, unknown>;
    /** The id the provider would report (undefined for a component). */
    id?: string;
    /**
     * True for a read of an existing resource (Resource.get): the engine reads it on every deployment and keeps it in
     * the state as external, never creating, updating or deleting it.
     */
    read?: boolean;
    /** The URNs it depends on: its dependsOn and the resources its inputs came from (not its parent). */
    dependencies: string[];
    /** For each input that came from other resources' outputs, those resources' URNs. */
    propertyDependencies?: Record<string, string[]>;
    /** The resource options that decide its life in the engine, as the SDK sent them. */
    options: RecordedOptions;
}

/** The options of a resource registered without any. */
export const NO_OPTIONS: RecordedOptions = { deleteBeforeReplace: false, deleteBeforeReplaceDefined: false, ignoreChanges: [], aliases: [], retainOnDelete: false };

/** The resource options the Pulumi engine acts on when it creates, replaces and deletes a resource. */
export interface RecordedOptions {
    deleteBeforeReplace: boolean;
    /**
     * Whether the program set `deleteBeforeReplace` (true or false): the engine then follows it; otherwise the
     * provider decides (the AWS provider replaces delete-first a resource whose name the program gave).
     */
    deleteBeforeReplaceDefined: boolean;
    ignoreChanges: string[];
    /** The resource's own aliases, as URNs (aliases inherited from its parent are the engine's to add). */
    aliases: string[];
    retainOnDelete: boolean;
}

/** What the monitor wrapper notes about the registration the mock monitor is about to hand to newResource. */
export interface RegistrationContext {
    urn: string;
    parent?: string;
    dependencies: string[];
    propertyDependencies: Record<string, string[]>;
    options: RecordedOptions;
    /** The program run the resource was constructed in (see AwsLikeMocks.newProgram). */
    program: number;
}

/** A name AWS would refuse; thrown from the mocks, so the program or test fails as the deployment would. */
export class NameLimitError extends Error {}

/** A second resource with a URN already registered; the Pulumi engine refuses it with this message. */
export class DuplicateUrnError extends Error {
    constructor(public readonly urn: string) {
        super(`Duplicate resource URN '${urn}'; try giving it a unique name`);
    }
}

type Json = Record<string, unknown>;

function stringInput(inputs: Json, key: string): string | undefined {
    const value = inputs[key];
    return typeof value === "string" ? value : undefined;
}

/** API Gateway ids are 10 lower-case alphanumerics. */
function mockApiId(type: string, logicalName: string): string {
    return `${autoNameSuffix(type, logicalName)}abc`;
}

/** What AWS holds when a program runs: see {@link AwsLikeMocks.awsView}. */
export interface DeployedAws {
    /** The version the alias routes to, or undefined when there is no such alias. */
    aliasVersion(functionName: string, aliasName: string): string | undefined;
    /** What Lambda has allocated on a version or alias, or undefined when it has no provisioned concurrency. */
    allocated(functionName: string, qualifier: string): number | undefined;
    /**
     * The alias's additional version and its weight (RoutingConfig.AdditionalVersionWeights), or undefined when it
     * routes to one version only. Optional: without it, every alias routes to one version.
     */
    aliasWeights?(functionName: string, aliasName: string): Record<string, number> | undefined;
}

/** A read of a provisioned concurrency configuration (id `FUNCTION,QUALIFIER`) as `view` has it; undefined otherwise. */
function viewedState(view: DeployedAws, type: string, id: string): Json | undefined {
    if (type !== "aws:lambda/provisionedConcurrencyConfig:ProvisionedConcurrencyConfig") {
        return undefined;
    }
    const [functionName, qualifier] = id.split(",");
    const allocated = view.allocated(functionName, qualifier ?? "");
    return allocated === undefined ? undefined : { functionName, qualifier, provisionedConcurrentExecutions: allocated, skipDestroy: false };
}

/** The mocks. Install them with {@link installAwsLikeMocks}. */
export class AwsLikeMocks implements pulumi.runtime.Mocks {
    /** The region every computed ARN and endpoint names (`aws:region`). */
    public region = MOCK_REGION;
    /** The account every computed ARN names (the caller's). */
    public accountId = MOCK_ACCOUNT_ID;
    /** The region's partition ("aws", "aws-cn", ...) and DNS suffix. */
    public partition = "aws";
    public dnsSuffix = "amazonaws.com";
    /** Every registration, in the order the SDK made them. */
    public readonly resources: RecordedResource[] = [];
    /** Every provider function call (invoke), in order. */
    public readonly calls: { token: string; inputs: Json }[] = [];
    /** Registrations the mocks refused (a name over AWS's limit), in order; see takeErrors. */
    public readonly errors: Error[] = [];
    /** How many times each component (by URN) called registerOutputs. */
    public readonly outputRegistrations = new Map<string, number>();
    /** Set by the monitor wrapper for the registration being made; see installAwsLikeMocks. */
    public registering?: RegistrationContext;
    /** Set by the monitor wrapper for the read being made (Resource.get). */
    public reading?: { urn: string; parent: string; dependencies: string[] };
    /**
     * What AWS holds when the program runs, for the reads a program makes of it (a WarmAlias that scales asks which
     * version its alias routes to, and what Lambda allocated there): unset, the mocks answer from what the programs
     * since the last reset declared. Set it to run a program as the next deployment of a stack in a given state.
     */
    public awsView?: DeployedAws;

    /**
     * The URNs registered by each program run since the last reset: a second registration of one in the same program
     * is refused, as the engine refuses it.
     */
    private readonly urnsByProgram = new Map<number, Set<string>>();
    /** The program run that resources constructed from now on belong to; see newProgram. */
    private program = 0;
    /** Installs a monitor for a new program run; set by installAwsLikeMocks. */
    private startProgram?: (program: number) => void;

    constructor(options: MockAwsOptions = {}) {
        this.configure(options);
    }

    /** Moves the mocked provider to another region or account (unset: the defaults). */
    public configure(options: MockAwsOptions): void {
        this.region = options.region ?? MOCK_REGION;
        this.accountId = options.accountId ?? MOCK_ACCOUNT_ID;
        ({ partition: this.partition, dnsSuffix: this.dnsSuffix } = partitionOf(this.region));
    }

    /**
     * Starts a new program while keeping what was recorded: the URNs registered so far may be registered again, as
     * in a second deployment (the Automation API runs preview, then update, in one process).
     */
    public newProgram(): void {
        this.program += 1;
        // The SDK hands each registration to the monitor it found when the resource was constructed: a fresh monitor
        // per program run tells the registrations still in flight from an earlier run apart from this run's.
        this.startProgram?.(this.program);
    }

    /** Called by installAwsLikeMocks once the SDK's mock monitor is in place. */
    public attach(startProgram: (program: number) => void): void {
        this.startProgram = startProgram;
        this.newProgram();
    }

    /** Forgets what was recorded (between tests, or before a program runs again as a new deployment). */
    public reset(): void {
        this.urnsByProgram.clear();
        this.newProgram();
        this.resources.length = 0;
        this.calls.length = 0;
        this.errors.length = 0;
        this.outputRegistrations.clear();
    }

    /** The refused registrations so far, forgotten once taken (a test that expects one takes it). */
    public takeErrors(): Error[] {
        return this.errors.splice(0, this.errors.length);
    }

    public newResource(args: pulumi.runtime.MockResourceArgs): { id: string | undefined; state: Json } {
        const inputs = (args.inputs ?? {}) as Json;
        const custom = args.custom === true;
        const context = this.registering;
        this.registering = undefined;
        let state: Json;
        try {
            // A read (Resource.get) has no registration context: the engine keys those by id, not by a new URN.
            if (context !== undefined) {
                const urns = this.urnsByProgram.get(context.program) ?? new Set<string>();
                this.urnsByProgram.set(context.program, urns);
                if (urns.has(context.urn)) {
                    throw new DuplicateUrnError(context.urn);
                }
                urns.add(context.urn);
            }
            if (context === undefined && args.id !== undefined && args.id !== "") {
                // A read (Resource.get) finds what AWS would report: the resource this program created with that id
                // (a WarmAlias reads its version's configuration back; the mocks allocate at once), or the inputs.
                const reading = this.reading;
                this.reading = undefined;
                const created = this.resources.find((r) => r.custom && r.read !== true && r.type === args.type && r.id === args.id);
                const viewed = this.awsView !== undefined ? viewedState(this.awsView, args.type, args.id) : undefined;
                const read =
                    args.type === "aws:lambda/alias:Alias"
                        ? this.aliasRead(stringInput(inputs, "functionName") ?? "", stringInput(inputs, "name") ?? "")
                        : (viewed ?? (created !== undefined ? { ...created.state } : { ...inputs }));
                this.resources.push({
                    type: args.type,
                    name: args.name,
                    urn: reading?.urn ?? `${args.type}::${args.name}`,
                    parent: reading?.parent || undefined,
                    custom: true,
                    read: true,
                    // The properties the program gave the read (an alias's function and name; none for a configuration).
                    inputs: { ...inputs },
                    state: read,
                    id: args.id,
                    dependencies: reading?.dependencies ?? [],
                    options: NO_OPTIONS,
                });
                return { id: args.id, state: read };
            }
            state = custom ? this.providerState(args.type, args.name, inputs) : { ...inputs };
        } catch (error) {
            // The SDK turns this into a failed registration that nothing may await: keep it where tests look.
            this.errors.push(error instanceof Error ? error : new Error(String(error)));
            throw error;
        }
        const id = custom ? this.physicalId(args.type, args.name, state) : undefined;
        this.resources.push({
            type: args.type,
            name: args.name,
            urn: context?.urn ?? `${args.type}::${args.name}`,
            parent: context?.parent || undefined,
            custom,
            inputs,
            state,
            id,
            dependencies: context?.dependencies ?? [],
            propertyDependencies: context?.propertyDependencies ?? {},
            options: context?.options ?? NO_OPTIONS,
        });
        return { id, state };
    }

    public call(args: pulumi.runtime.MockCallArgs): Json {
        const inputs = (args.inputs ?? {}) as Json;
        this.calls.push({ token: args.token, inputs });
        switch (args.token) {
            case "aws:index/getCallerIdentity:getCallerIdentity":
                return { accountId: this.accountId, arn: `arn:${this.partition}:iam::${this.accountId}:user/mock`, userId: "MOCK" };
            case "aws:index/getRegion:getRegion":
                return { name: this.region, region: this.region, id: this.region };
            case "aws:index/getPartition:getPartition":
                return { partition: this.partition, dnsSuffix: this.dnsSuffix, id: this.partition };
            case "aws:lambda/getAlias:getAlias":
                return this.deployedAlias(stringInput(inputs, "functionName") ?? "", stringInput(inputs, "name") ?? "");
            default:
                return inputs;
        }
    }

    /**
     * What the AWS provider's alias data source answers: the alias as the latest program that declared it left it
     * (the mocks deploy every program at once), or Lambda's "not found" when none did, as GetAlias fails for an alias
     * that does not exist (a WarmAlias that scales reads it: live-count.ts).
     */
    private deployedAlias(functionName: string, name: string): Json {
        if (this.awsView !== undefined) {
            const version = this.awsView.aliasVersion(functionName, name);
            return version === undefined ? this.aliasNotFound(functionName, name) : this.aliasState(functionName, name, version);
        }
        const found = this.latestAlias(functionName, name);
        return found === undefined ? this.aliasNotFound(functionName, name) : this.aliasState(functionName, name, String(found.state.functionVersion));
    }

    /** The alias as the latest program that declared it left it, if one did. */
    private latestAlias(functionName: string, name: string): RecordedResource | undefined {
        return this.resources
            .filter((r) => r.type === "aws:lambda/alias:Alias" && r.read !== true && r.state.functionName === functionName && r.state.name === name)
            .pop();
    }

    /**
     * What a read of the alias itself (`Alias.get`, GetAlias) answers: as the data source, with its routing, which
     * the data source leaves out (a WarmAlias reads it to tell a canary's promotion: alias-routing.ts).
     */
    private aliasRead(functionName: string, name: string): Json {
        const alias = this.deployedAlias(functionName, name);
        let weights: unknown;
        if (this.awsView !== undefined) {
            weights = this.awsView.aliasWeights?.(functionName, name);
        } else {
            weights = (this.latestAlias(functionName, name)?.state.routingConfig as { additionalVersionWeights?: unknown } | undefined)?.additionalVersionWeights;
        }
        return weights === undefined ? alias : { ...alias, routingConfig: { additionalVersionWeights: weights } };
    }

    private aliasState(functionName: string, name: string, functionVersion: string): Json {
        const { arn, invokeArn } = lambdaAliasArns(this, functionName, name);
        return { id: arn, arn, invokeArn, description: "", functionName, name, functionVersion };
    }

    private aliasNotFound(functionName: string, name: string): never {
        const { arn } = lambdaAliasArns(this, functionName, name);
        const message = `getting Lambda alias: operation error Lambda: GetAlias, https response error StatusCode: 404, ResourceNotFoundException: Alias not found: ${arn}`;
        // As a gRPC error, whose `details` the SDK makes the invoke's error message (runtime/invoke.js).
        throw Object.assign(new Error(message), { details: message });
    }

    /** What the provider would hold after creating the resource: its inputs, defaults and computed outputs. */
    private providerState(type: string, logicalName: string, inputs: Json): Json {
        const state: Json = { ...inputs };
        const limit = AWS_NAME_LIMITS[type];
        if (limit !== undefined) {
            let physical = stringInput(inputs, limit.property);
            if (physical === undefined && limit.autoNamed) {
                const prefix = stringInput(inputs, "namePrefix");
                physical = prefix !== undefined ? `${prefix}${"0".repeat(26)}` : autoName(type, logicalName);
            }
            if (physical !== undefined) {
                if (physical.length > limit.maxLength) {
                    throw new NameLimitError(
                        `${type} "${logicalName}": name "${physical}" is ${physical.length} characters long; AWS allows at most ${limit.maxLength}`,
                    );
                }
                state[limit.property] = physical;
            }
        }
        if (type === "aws:cloudwatch/dashboard:Dashboard") {
            const dashboardName = stringInput(inputs, "dashboardName");
            if (dashboardName === undefined || !/^[A-Za-z0-9_-]+$/.test(dashboardName)) {
                throw new NameLimitError(`${type} "${logicalName}": dashboardName ${JSON.stringify(dashboardName)} must be 1 to 255 of A-Z, a-z, 0-9, "-" and "_"`);
            }
        }
        Object.assign(
            state,
            computedOutputs(type, logicalName, state, this, { apiId: mockApiId(type, logicalName), arnId: autoNameSuffix(type, logicalName) }),
        );
        return state;
    }

    /** The id the provider reports, in the form the provider uses where this package reads it. */
    private physicalId(type: string, logicalName: string, state: Json): string {
        switch (type) {
            case "aws:lambda/provisionedConcurrencyConfig:ProvisionedConcurrencyConfig":
                return `${String(state.functionName)},${String(state.qualifier)}`;
            case "aws:appautoscaling/target:Target":
                return String(state.resourceId);
            case "aws:apigatewayv2/api:Api":
                return mockApiId(type, logicalName);
            case "aws:apigatewayv2/integration:Integration":
            case "aws:apigatewayv2/route:Route":
                return autoNameSuffix(type, logicalName);
            default:
                return stringInput(state, "name") ?? `${logicalName}-id`;
        }
    }
}

interface MockMonitorLike {
    registerResource(request: RegisterRequestLike, callback: (...args: unknown[]) => void): unknown;
    readResource?(request: { getParent(): string; getType(): string; getName(): string; getDependenciesList(): string[] }, callback: (...args: unknown[]) => void): unknown;
    registerResourceOutputs(request: { getUrn(): string }, callback: (...args: unknown[]) => void): unknown;
    newUrn(parent: string, type: string, name: string): string;
}
interface RegisterRequestLike {
    getParent(): string;
    getType(): string;
    getName(): string;
    getDependenciesList(): string[];
    getPropertydependenciesMap(): { forEach(callback: (value: { getUrnsList(): string[] }, key: string) => void): void };
    getDeletebeforereplace(): boolean;
    getDeletebeforereplacedefined(): boolean;
    getIgnorechangesList(): string[];
    getRetainondelete(): boolean;
    getAliasesList(): AliasLike[];
    getAliasurnsList(): string[];
}
interface AliasLike {
    getUrn(): string;
    hasSpec(): boolean;
    getSpec(): { getName(): string; getType(): string; getParenturn(): string; getNoparent(): boolean } | undefined;
}

/**
 * Installs the mocks in the Pulumi SDK's mock runtime and returns them (`mocks`, reconfigured, when given; a new
 * instance otherwise). The SDK does not tell mocks a resource's parent, so the monitor's registerResource is wrapped
 * to note the parent (and URN) of the registration that the mock monitor is about to hand to `newResource` (it does
 * so synchronously, before its first await).
 */
export function installAwsLikeMocks(
    options: { project: string; stack: string; preview?: boolean } & MockAwsOptions,
    existing?: AwsLikeMocks,
): AwsLikeMocks {
    const mocks = existing ?? new AwsLikeMocks(options);
    mocks.configure(options);
    void pulumi.runtime.setMocks(mocks, options.project, options.stack, options.preview ?? false);
    const monitor = pulumi.runtime.getMonitor() as unknown as MockMonitorLike | undefined;
    if (monitor === undefined || typeof monitor.registerResource !== "function" || typeof monitor.newUrn !== "function") {
        throw new Error("the Pulumi SDK's mock monitor is not installed: is more than one copy of @pulumi/pulumi loaded?");
    }
    // URNs as the engine makes them: a child's type is prefixed with its parent's whole qualified type (pulumi/pulumi
    // sdk/go/common/resource/urn/urn.go, New, given parent.QualifiedType() by step_generator.go, generateURN), where
    // the SDK's mock monitor keeps only the parent's last type (@pulumi/pulumi runtime/mocks.ts, newUrn:
    // `qualifiedType.split("$").pop()`). With it, a resource two components deep (WarmAlias's FixedConcurrency's
    // configuration) had the URN of a top-level FixedConcurrency's, and the lifecycle model matched the two.
    monitor.newUrn = (parent: string, type: string, name: string): string => {
        const parentType = parent !== "" ? parent.split("::")[2] : "";
        const qualifiedType = parentType !== "" && parentType !== "pulumi:pulumi:Stack" ? `${parentType}$${type}` : type;
        return `urn:pulumi:${options.stack}::${options.project}::${qualifiedType}::${name}`;
    };
    const register = monitor.registerResource.bind(monitor);
    const wrap = (program: number) => (request: RegisterRequestLike, callback: (...args: unknown[]) => void) => {
        const parent = request.getParent();
        // An alias spec names what differs from the resource itself; its URN is built the way the mock monitor builds
        // every URN, so that aliases and URNs compare as the engine compares them.
        const aliasUrn = (alias: AliasLike): string => {
            const spec = alias.hasSpec() ? alias.getSpec() : undefined;
            if (spec === undefined) {
                return alias.getUrn();
            }
            const aliasParent = spec.getNoparent() ? "" : spec.getParenturn() || parent;
            return monitor.newUrn(aliasParent, spec.getType() || request.getType(), spec.getName() || request.getName());
        };
        const propertyDependencies: Record<string, string[]> = {};
        request.getPropertydependenciesMap().forEach((value, key) => {
            const urns = [...new Set(value.getUrnsList())];
            if (urns.length > 0) {
                propertyDependencies[key] = urns;
            }
        });
        mocks.registering = {
            urn: monitor.newUrn(parent, request.getType(), request.getName()),
            parent,
            dependencies: [...new Set(request.getDependenciesList())],
            propertyDependencies,
            options: {
                deleteBeforeReplace: request.getDeletebeforereplace(),
                deleteBeforeReplaceDefined: request.getDeletebeforereplacedefined(),
                ignoreChanges: request.getIgnorechangesList(),
                aliases: [...request.getAliasesList().map(aliasUrn), ...request.getAliasurnsList()],
                retainOnDelete: request.getRetainondelete(),
            },
            program,
        };
        return register(request, callback);
    };
    if (typeof monitor.readResource === "function") {
        const read = monitor.readResource.bind(monitor);
        monitor.readResource = (request, callback) => {
            mocks.reading = {
                urn: monitor.newUrn(request.getParent(), request.getType(), request.getName()),
                parent: request.getParent(),
                dependencies: [...new Set(request.getDependenciesList())],
            };
            return read(request, callback);
        };
    }
    const registerOutputs = monitor.registerResourceOutputs.bind(monitor);
    monitor.registerResourceOutputs = (request, callback) => {
        const urn = request.getUrn();
        mocks.outputRegistrations.set(urn, (mocks.outputRegistrations.get(urn) ?? 0) + 1);
        return registerOutputs(request, callback);
    };
    // Each program run gets its own view of the mock monitor (the SDK's global store holds the monitor that new
    // resources pick up). Where the store can't be reached, one wrapper serves every run, whose registrations are then
    // counted as the run that is current when they arrive.
    const store = (globalThis as unknown as { globalStore?: { settings?: { monitor?: unknown } } }).globalStore;
    const perProgram = store?.settings !== undefined && store.settings.monitor === monitor;
    let current = 0;
    monitor.registerResource = (request, callback) => wrap(current)(request, callback);
    mocks.attach((program) => {
        current = program;
        if (perProgram && store?.settings !== undefined) {
            const view = Object.create(monitor) as MockMonitorLike;
            view.registerResource = wrap(program);
            store.settings.monitor = view;
        }
    });
    return mocks;
}

/**
 * Resolves once every resource registration the program started has finished, using the SDK's own bookkeeping
 * (the same wait the Pulumi language host does before a program exits).
 */
export async function waitForRegistrations(): Promise<void> {
    const runtime = pulumi.runtime as unknown as { waitForRPCs?: () => Promise<void> };
    if (typeof runtime.waitForRPCs !== "function") {
        throw new Error("this version of @pulumi/pulumi has no runtime.waitForRPCs");
    }
    await runtime.waitForRPCs();
}
