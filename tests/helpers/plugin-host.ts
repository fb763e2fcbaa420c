// The package as Pulumi runs it for a program in another language, without the Pulumi CLI or AWS.
//
// Pulumi's Node.js language host starts a source-based component package as
//     node <@pulumi/pulumi/cmd/run-plugin, resolved from the package folder> <package folder> <engine address>
// with the consumer's project folder as working directory (@pulumi/pulumi cmd/run-plugin/run.js: it requires the
// folder, finds the exported ComponentResource classes and serves them; provider/internals.js reads the engine address
// from the first argument). The process prints the port of its ResourceProvider gRPC service, then answers GetSchema
// (the schema the analyzer infers from the TypeScript sources, provider/experimental/analyzer.js) and Construct (the
// component built in the plugin process, its children registered with the engine's resource monitor, provider/server.js).
//
// FakeEngine stands in for the engine's Engine and ResourceMonitor services on 127.0.0.1: it records every
// registration and answers like the engine with the AWS provider would, in preview (computed values unknown) or in an
// update (computed values filled in), plus the three account invokes LambdaWarmer makes. compat/host.js does the same
// for `pulumi up` of a TypeScript program; this one serves a plugin.
import { ChildProcess, execFileSync, spawn } from "child_process";
import { createHash } from "crypto";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import type * as providerPbTypes from "@pulumi/pulumi/proto/provider_pb";
import type * as providerGrpcTypes from "@pulumi/pulumi/proto/provider_grpc_pb";
import type * as resourcePbTypes from "@pulumi/pulumi/proto/resource_pb";
import type * as enginePbTypes from "@pulumi/pulumi/proto/engine_pb";
import { REPO_ROOT } from "./cli";
import { Empty, Struct, enginePb, fromSdk, grpc, providerPb, resourcePb, service } from "./sdk-rpc";

const providerGrpc = fromSdk("./proto/provider_grpc_pb") as typeof providerGrpcTypes;
const resourceGrpc = { ResourceMonitorService: service("resource_grpc_pb", "ResourceMonitorService") };
const engineGrpc = { EngineService: service("engine_grpc_pb", "EngineService") };

/** The engine's marker of a value not known before the update (@pulumi/pulumi runtime/rpc.js, unknownValue). */
export const UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";
/** The key of a special value's signature, and the signatures of a resource reference and of an output value. */
export const SIG_KEY = "4dabf18193072939515e22adb298388d";
export const RESOURCE_SIG = "5cf8f73096256a8f31e491e813e4eb8e";
export const OUTPUT_VALUE_SIG = "d0e6a833031e9bbcd3f4e8bde6ca49a4";

export const ACCOUNT = "123456789012";
export const REGION = "us-east-1";
export const PROJECT = "consumer";
export const STACK = "dev";
export const STACK_URN = `urn:pulumi:${STACK}::${PROJECT}::pulumi:pulumi:Stack::${PROJECT}-${STACK}`;

/** The URN the engine gives a resource of `type` named `name` under `parentType` (a top-level one under the stack). */
export function urnOf(type: string, name: string, parentType?: string): string {
    return `urn:pulumi:${STACK}::${PROJECT}::${parentType === undefined ? "" : `${parentType}$`}${type}::${name}`;
}

/** An input that the engine does not know yet (a preview): an output value with no value, depending on `urn`. */
export function unknownOutput(dependsOn: string): Record<string, unknown> {
    return { [SIG_KEY]: OUTPUT_VALUE_SIG, dependencies: [dependsOn] };
}

/** An input that another resource's output gave: an output value with its value and that resource as dependency. */
export function knownOutput(value: unknown, dependsOn: string): Record<string, unknown> {
    return { [SIG_KEY]: OUTPUT_VALUE_SIG, value, dependencies: [dependsOn] };
}

/** One RegisterResource call, as the engine received it. */
export interface Registration {
    type: string;
    name: string;
    urn: string;
    custom: boolean;
    parent: string;
    /** The inputs, with unknown values as {@link UNKNOWN}. */
    inputs: Record<string, unknown>;
    dependencies: string[];
    propertyDependencies: Record<string, string[]>;
}

/** One engine log entry. */
export interface LogEntry {
    severity: number;
    message: string;
    urn: string;
}

/** The provider's auto-name: the logical name, a hyphen and 7 hex characters (stable per type and name). */
function autoName(type: string, name: string): string {
    return `${name}-${createHash("sha1").update(`${type}\u0000${name}`).digest("hex").slice(0, 7)}`;
}

/**
 * What the AWS provider adds to a resource's inputs: names it generates and ARNs it computes, or, in a preview,
 * unknowns in their place (the engine answers a preview of a create with the inputs and unknown computed outputs).
 */
function providerState(type: string, name: string, inputs: Record<string, unknown>, preview: boolean): Record<string, unknown> {
    const named = (): string => (typeof inputs.name === "string" ? inputs.name : autoName(type, name));
    const computed: Record<string, () => Record<string, unknown>> = {
        "aws:lambda/function:Function": () => ({
            name: named(),
            arn: `arn:aws:lambda:${REGION}:${ACCOUNT}:function:${named()}`,
            version: inputs.publish === true ? "1" : "$LATEST",
        }),
        "aws:iam/role:Role": () => ({ name: named(), arn: `arn:aws:iam::${ACCOUNT}:role/${named()}` }),
        "aws:iam/policy:Policy": () => ({ name: named(), arn: `arn:aws:iam::${ACCOUNT}:policy/${named()}` }),
        "aws:cloudwatch/logGroup:LogGroup": () => ({ name: named(), arn: `arn:aws:logs:${REGION}:${ACCOUNT}:log-group:${named()}` }),
        "aws:cloudwatch/eventRule:EventRule": () => ({ name: named(), arn: `arn:aws:events:${REGION}:${ACCOUNT}:rule/${named()}` }),
        "aws:appautoscaling/target:Target": () => ({
            arn: `arn:aws:application-autoscaling:${REGION}:${ACCOUNT}:scalable-target/${autoName(type, name)}`,
        }),
        "aws:appautoscaling/policy:Policy": () => ({
            name: named(),
            arn: `arn:aws:autoscaling:${REGION}:${ACCOUNT}:scalingPolicy:${autoName(type, name)}`,
        }),
    };
    const extra = computed[type]?.() ?? {};
    const state: Record<string, unknown> = { ...inputs };
    for (const [key, value] of Object.entries(extra)) {
        if (!(key in inputs) || inputs[key] === UNKNOWN) {
            state[key] = preview ? UNKNOWN : value;
        }
    }
    return state;
}

const INVOKE_RESULTS: Record<string, Record<string, unknown>> = {
    "aws:index/getCallerIdentity:getCallerIdentity": { id: ACCOUNT, accountId: ACCOUNT, arn: `arn:aws:iam::${ACCOUNT}:user/test`, userId: "test" },
    "aws:index/getRegion:getRegion": { id: REGION, region: REGION, name: REGION },
    "aws:index/getPartition:getPartition": { id: "aws", partition: "aws", dnsSuffix: "amazonaws.com", reverseDnsPrefix: "com.amazonaws" },
};

// What the engine supports, as far as a component provider asks (@pulumi/pulumi runtime/settings.js, monitorSupports*).
const FEATURES = new Set(["secrets", "resourceReferences", "outputValues", "deletedWith", "aliasSpecs"]);

type Handler = (call: { request: unknown }, callback: (error: Error | null, response?: unknown) => void) => void;

/** The engine's Engine and ResourceMonitor services, recording what a plugin registers. */
export class FakeEngine {
    public readonly registrations: Registration[] = [];
    public readonly logs: LogEntry[] = [];
    /** True while a Construct runs as part of a preview. */
    public preview = false;
    private readonly server = new grpc.Server();
    private rootUrn = "";

    /** Starts the services; returns their address. */
    public async start(): Promise<string> {
        const monitor: Record<string, Handler> = {
            supportsFeature: (call, callback) => {
                const response = new resourcePb.SupportsFeatureResponse();
                response.setHassupport(FEATURES.has((call.request as resourcePbTypes.SupportsFeatureRequest).getId()));
                callback(null, response);
            },
            registerResource: (call, callback) => {
                const request = call.request as resourcePbTypes.RegisterResourceRequest;
                const type = request.getType();
                const name = request.getName();
                const parent = request.getParent();
                const parentType = parent === "" || parent === STACK_URN ? undefined : parent.split("::")[2];
                const urn = urnOf(type, name, parentType);
                const inputs = (request.getObject()?.toJavaScript() ?? {}) as Record<string, unknown>;
                const propertyDependencies: Record<string, string[]> = {};
                request.getPropertydependenciesMap().forEach((deps, key) => {
                    propertyDependencies[key] = deps.getUrnsList();
                });
                this.registrations.push({
                    type,
                    name,
                    urn,
                    custom: request.getCustom(),
                    parent,
                    inputs,
                    dependencies: request.getDependenciesList(),
                    propertyDependencies,
                });
                const response = new resourcePb.RegisterResourceResponse();
                response.setUrn(urn);
                if (request.getCustom()) {
                    response.setId(this.preview ? "" : `${name}-id`);
                    response.setObject(Struct.fromJavaScript(providerState(type, name, inputs, this.preview) as never));
                } else {
                    response.setObject(Struct.fromJavaScript({}));
                }
                callback(null, response);
            },
            registerResourceOutputs: (_call, callback) => callback(null, new Empty()),
            invoke: (call, callback) => {
                const request = call.request as resourcePbTypes.ResourceInvokeRequest;
                const response = new resourcePb.ResourceInvokeResponse();
                response.setReturn(Struct.fromJavaScript((INVOKE_RESULTS[request.getTok()] ?? {}) as never));
                callback(null, response);
            },
        };
        const engine: Record<string, Handler> = {
            log: (call, callback) => {
                const request = call.request as enginePbTypes.LogRequest;
                this.logs.push({ severity: request.getSeverity(), message: request.getMessage(), urn: request.getUrn() });
                callback(null, new Empty());
            },
            getRootResource: (_call, callback) => {
                const response = new enginePb.GetRootResourceResponse();
                response.setUrn(this.rootUrn);
                callback(null, response);
            },
            setRootResource: (call, callback) => {
                this.rootUrn = (call.request as enginePbTypes.SetRootResourceRequest).getUrn();
                callback(null, new enginePb.SetRootResourceResponse());
            },
        };
        this.server.addService(resourceGrpc.ResourceMonitorService, monitor);
        this.server.addService(engineGrpc.EngineService, engine);
        const port = await new Promise<number>((resolve, reject) =>
            this.server.bindAsync("127.0.0.1:0", grpc.ServerCredentials.createInsecure(), (error, bound) => (error ? reject(error) : resolve(bound))),
        );
        return `127.0.0.1:${port}`;
    }

    /** The registrations whose URN is `urn` or lies under it (its children, theirs, ...). */
    public registrationsUnder(componentUrn: string): Registration[] {
        const byUrn = new Map(this.registrations.map((r) => [r.urn, r]));
        const isUnder = (r: Registration): boolean => {
            if (r.urn === componentUrn) {
                return true;
            }
            const parent = byUrn.get(r.parent);
            return parent !== undefined && parent !== r && isUnder(parent);
        };
        return this.registrations.filter(isUnder);
    }

    /** The error entries of the log (severity ERROR). */
    public errors(): LogEntry[] {
        const error: number = enginePb.LogSeverity.ERROR;
        return this.logs.filter((entry) => entry.severity === error);
    }

    public stop(): void {
        this.server.forceShutdown();
    }
}

/** A Construct call: the component's type name (`FixedConcurrency`), its name and its inputs, as a program sends them. */
export interface ConstructCall {
    type: string;
    name: string;
    inputs: Record<string, unknown>;
    preview?: boolean;
    /** The resources each input depends on, as the engine sends them (inputDependencies). */
    inputDependencies?: Record<string, string[]>;
}

/** What Construct answered. */
export interface Constructed {
    urn: string;
    state: Record<string, unknown>;
    stateDependencies: Record<string, string[]>;
}

/** A gRPC error, as the client sees a failed call. */
export interface CallError extends Error {
    code: number;
    details: string;
}

/** The `run-plugin` process serving the package, and a client of its ResourceProvider service. */
export class PluginProcess {
    private constructor(
        private readonly child: ChildProcess,
        private readonly client: providerGrpcTypes.ResourceProviderClient,
        private readonly engine: FakeEngine,
        private readonly engineAddress: string,
        /** What the process wrote to standard error. */
        public readonly stderr: () => string,
        /** Milliseconds from the spawn to the port on standard output. */
        public readonly startMs: number,
    ) {}

    /**
     * Starts `run-plugin` as the Node.js language host does: the SDK that the package folder resolves (the host's
     * locateModule asks Node.js from there, pulumi-language-nodejs RunPlugin), the package folder as argument, the
     * engine's address after it, and `consumer` (the consumer's project folder) as working directory.
     */
    public static async start(packageDir: string, consumer: string, engine: FakeEngine, engineAddress: string): Promise<PluginProcess> {
        const runPlugin = require.resolve("@pulumi/pulumi/cmd/run-plugin", { paths: [packageDir] });
        const started = Date.now();
        const child = spawn(process.execPath, [runPlugin, packageDir, engineAddress], { cwd: consumer, stdio: ["ignore", "pipe", "pipe"] });
        let stdout = "";
        let stderr = "";
        child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
        const port = await new Promise<string>((resolve, reject) => {
            const timer = setTimeout(() => reject(new Error(`run-plugin printed no port in 60 s; stderr: ${stderr}`)), 60_000);
            child.stdout.on("data", (chunk: Buffer) => {
                stdout += chunk.toString();
                const match = /^(\d+)\r?\n/.exec(stdout);
                if (match !== null) {
                    clearTimeout(timer);
                    resolve(match[1]);
                }
            });
            child.on("exit", (code) => {
                clearTimeout(timer);
                reject(new Error(`run-plugin exited with ${code} before printing its port; stderr: ${stderr}`));
            });
        });
        const client = new providerGrpc.ResourceProviderClient(`127.0.0.1:${port}`, grpc.credentials.createInsecure());
        return new PluginProcess(child, client, engine, engineAddress, () => stderr, Date.now() - started);
    }

    private call<Request, Response>(method: string, request: Request): Promise<Response> {
        const fn = (this.client as unknown as Record<string, (r: Request, cb: (e: CallError | null, r: Response) => void) => void>)[method].bind(
            this.client,
        );
        return new Promise((resolve, reject) => fn(request, (error, response) => (error ? reject(error) : resolve(response))));
    }

    /** GetSchema: the package schema, parsed. */
    public async getSchema(): Promise<PackageSchema> {
        const response = await this.call<providerPbTypes.GetSchemaRequest, providerPbTypes.GetSchemaResponse>(
            "getSchema",
            new providerPb.GetSchemaRequest(),
        );
        return JSON.parse(response.getSchema()) as PackageSchema;
    }

    /** Configure, as the engine calls it before the first Construct; returns what the provider accepts. */
    public async configure(): Promise<{ acceptSecrets: boolean; acceptResources: boolean; acceptOutputs: boolean }> {
        const response = await this.call<providerPbTypes.ConfigureRequest, providerPbTypes.ConfigureResponse>(
            "configure",
            new providerPb.ConfigureRequest(),
        );
        return {
            acceptSecrets: response.getAcceptsecrets(),
            acceptResources: response.getAcceptresources(),
            acceptOutputs: response.getAcceptoutputs(),
        };
    }

    /** Construct: the component built in the plugin, at the top of the consumer's stack. */
    public async construct(construct: ConstructCall): Promise<Constructed> {
        const request = new providerPb.ConstructRequest();
        request.setProject(PROJECT);
        request.setStack(STACK);
        request.setDryrun(construct.preview === true);
        request.setParallel(16);
        request.setMonitorendpoint(this.engineAddress);
        request.setType(`lambda-concurrency:index:${construct.type}`);
        request.setName(construct.name);
        request.setParent(STACK_URN);
        request.setInputs(Struct.fromJavaScript(construct.inputs as never));
        for (const [key, urns] of Object.entries(construct.inputDependencies ?? {})) {
            const deps = new providerPb.ConstructRequest.PropertyDependencies();
            deps.setUrnsList(urns);
            request.getInputdependenciesMap().set(key, deps);
        }
        this.engine.preview = construct.preview === true;
        const response = await this.call<providerPbTypes.ConstructRequest, providerPbTypes.ConstructResponse>("construct", request);
        const stateDependencies: Record<string, string[]> = {};
        response.getStatedependenciesMap().forEach((deps, key) => {
            stateDependencies[key] = deps.getUrnsList();
        });
        return { urn: response.getUrn(), state: response.getState()?.toJavaScript() ?? {}, stateDependencies };
    }

    public stop(): void {
        this.client.close();
        this.child.kill();
    }
}

/** The parts of a Pulumi package schema the tests read (pkg/codegen/schema/pulumi.json has the whole). */
export interface PropertySpec {
    type?: string;
    $ref?: string;
    items?: PropertySpec;
    additionalProperties?: PropertySpec;
    description?: string;
    plain?: boolean;
}
export interface ResourceSpec {
    description?: string;
    isComponent?: boolean;
    inputProperties: Record<string, PropertySpec>;
    requiredInputs: string[];
    properties: Record<string, PropertySpec>;
    required: string[];
}
export interface TypeSpec {
    type: string;
    description?: string;
    properties?: Record<string, PropertySpec>;
    required?: string[];
    enum?: { name?: string; value: string | number | boolean; description?: string }[];
}
export interface PackageSchema {
    name: string;
    version: string;
    description?: string;
    resources: Record<string, ResourceSpec>;
    types: Record<string, TypeSpec>;
    dependencies?: { name: string; version?: string }[];
    language?: Record<string, unknown>;
}

/** The committed schema (tests/plugin/schema.json): what GetSchema must answer; `npm run schema` rewrites it. */
export const GOLDEN_SCHEMA = path.join(REPO_ROOT, "tests", "plugin", "schema.json");

/** The schema as committed: the same JSON text `npm run schema` writes (two-space indentation, final newline). */
export function formatSchema(schema: PackageSchema): string {
    return `${JSON.stringify(schema, null, 2)}\n`;
}

/**
 * A copy of the repository as a fresh clone has it (the files git tracks or would track; no dist/), with the
 * repository's node_modules linked in as `npm ci` would have installed them, and an empty consumer project folder
 * beside it. Returns both folders and a function that removes them.
 */
export function freshCheckout(): { packageDir: string; consumer: string; remove: () => void } {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), "lambda-concurrency-plugin-"));
    const packageDir = path.join(root, "lambda-concurrency");
    const consumer = path.join(root, "consumer");
    fs.mkdirSync(packageDir);
    fs.mkdirSync(consumer);
    const files = execFileSync("git", ["ls-files", "--cached", "--others", "--exclude-standard", "-z"], { cwd: REPO_ROOT, encoding: "utf8" })
        .split("\0")
        .filter((file) => file !== "" && fs.existsSync(path.join(REPO_ROOT, file)));
    for (const file of files) {
        fs.mkdirSync(path.dirname(path.join(packageDir, file)), { recursive: true });
        fs.copyFileSync(path.join(REPO_ROOT, file), path.join(packageDir, file));
    }
    fs.symlinkSync(path.join(REPO_ROOT, "node_modules"), path.join(packageDir, "node_modules"), "dir");
    return { packageDir, consumer, remove: () => fs.rmSync(root, { recursive: true, force: true }) };
}
