// The AWS stand-in provider: a Pulumi resource provider (gRPC, the ResourceProvider service of the Pulumi provider
// protocol) that the real Pulumi engine talks to in place of the AWS provider plugin, attached with
// PULUMI_DEBUG_PROVIDERS=aws:<port> (pkg/resource/plugin/provider_plugin.go, GetProviderAttachPort). Check and Diff
// answer as the bridged AWS provider does (bridge.ts); Create, Read, Update and Delete make the AWS API calls of the
// Terraform AWS provider against the lifecycle model's AWS (tests/helpers/lifecycle/aws-model.ts), which keeps the
// account's state between deployments and plays what AWS does on its own. The engine is the real one; AWS is a model.
import { randomBytes } from "crypto";
import type * as grpcTypes from "@grpc/grpc-js";
import type * as structTypes from "google-protobuf/google/protobuf/struct_pb";
import type * as providerPbTypes from "@pulumi/pulumi/proto/provider_pb";
import { AllocationFailed, AwsModel } from "../lifecycle/aws-model";
import { startAllocation } from "./allocation";
import { parseUrn } from "../lifecycle/engine";
import { TYPES } from "../lifecycle/types";
import { computedOutputs, lambdaAliasArns, ProviderHome } from "../../../testing/provider-outputs";
import { partitionOf } from "../../../testing/mock-aws";
import { Empty, Struct, fromSdk, grpc, pluginPb, providerPb, service } from "../sdk-rpc";
import { DEFAULTS_KEY, UNKNOWN, checkInputs, schemaOf, deepEqual, diffInputs, refreshedInputs, withoutBookkeeping } from "./bridge";

const ResourceProviderService = service("provider_grpc_pb", "ResourceProviderService");

type Props = Record<string, unknown>;

/** One call the engine made to the provider, with the AWS calls it caused. */
export interface ProviderCall {
    method: "check" | "diff" | "create" | "read" | "update" | "delete" | "invoke";
    urn: string;
    preview: boolean;
    /** The AWS API calls made for it, in order (aws-model.ts notation). */
    awsCalls: string[];
    /** The error returned to the engine, if any. */
    error?: string;
    /** Check and Create: the physical name the provider filled in (generated, or kept from the old inputs). */
    autoName?: string;
    /** Create: the provider id of the new resource. */
    id?: string;
}

/**
 * A create whose resource exists but did not initialize: the bridge answers with the resource's id and state in the
 * error's details (pulumirpc.ErrorResourceInitFailed), and the engine keeps it in the state with init errors and
 * fails the step (pkg/resource/plugin/provider_plugin.go, resourceStateAndError; step.go, CreateStep.Apply).
 */
class InitializationFailure extends Error {
    constructor(
        message: string,
        public readonly id: string,
        public readonly properties: Props,
    ) {
        super(message);
    }
}

/** The gRPC error of an initialization failure, its details packed as the SDK's own provider server packs them. */
function initializationFailure(failure: InitializationFailure): Partial<grpcTypes.StatusObject> {
    const statusPb = fromSdk("./proto/status_pb") as { Status: new () => { setCode(c: number): void; setMessage(m: string): void; addDetails(d: unknown): void; serializeBinary(): Uint8Array } };
    const { Any } = fromSdk("google-protobuf/google/protobuf/any_pb") as { Any: new () => { pack(bytes: Uint8Array, name: string): void } };
    const detail = new providerPb.ErrorResourceInitFailed();
    detail.setId(failure.id);
    detail.setProperties(toStruct(failure.properties));
    detail.setReasonsList([failure.message]);
    const any = new Any();
    any.pack(detail.serializeBinary(), "pulumirpc.ErrorResourceInitFailed");
    const status = new statusPb.Status();
    status.setCode(grpc.status.UNKNOWN);
    status.setMessage(failure.message);
    status.addDetails(any);
    const metadata = new grpc.Metadata();
    metadata.add("grpc-status-details-bin", Buffer.from(status.serializeBinary()));
    return { code: grpc.status.UNKNOWN, details: failure.message, metadata };
}

/** The provider version the engine is told (the @pulumi/aws the programs use registers this version). */
function awsPackageVersion(): string {
    return (fromSdk("@pulumi/aws/package.json") as { version: string }).version;
}

/** JSON values only: a property the model leaves undefined is absent, as the provider's state has no such key. */
function toStruct(value: Props): structTypes.Struct {
    const plain = JSON.parse(JSON.stringify(value)) as Parameters<typeof Struct.fromJavaScript>[0];
    return Struct.fromJavaScript(plain);
}

function fromStruct(value: structTypes.Struct | undefined): Props {
    return (value?.toJavaScript() ?? {});
}

function text(props: Props, key: string): string | undefined {
    const value = props[key];
    return typeof value === "string" ? value : undefined;
}

/** The provider id of a resource, as the Terraform AWS provider sets it (d.SetId in each resource's Create). */
function providerId(type: string, outputs: Props, generated: string): string {
    switch (type) {
        case TYPES.provisionedConcurrencyConfig:
            // function_name and qualifier joined with "," (provisioned_concurrency_config.go).
            return `${String(outputs.functionName)},${String(outputs.qualifier)}`;
        case TYPES.scalableTarget:
            return String(outputs.resourceId);
        case TYPES.scheduledAction:
            // name, namespace and resource id joined with "-" (scheduled_action.go).
            return `${String(outputs.name)}-${String(outputs.serviceNamespace)}-${String(outputs.resourceId)}`;
        case TYPES.alias:
            return String(outputs.arn);
        case TYPES.permission:
            return String(outputs.statementId);
        case TYPES.rolePolicy:
            return `${String(outputs.role)}:${String(outputs.name)}`;
        case TYPES.rolePolicyAttachment:
            return `${String(outputs.role)}-${generated}`;
        case TYPES.eventTarget:
            return `${String(outputs.rule)}-${String(outputs.targetId)}`;
        case TYPES.functionEventInvokeConfig:
            return `${String(outputs.functionName)}${text(outputs, "qualifier") !== undefined ? `:${String(outputs.qualifier)}` : ""}`;
        case TYPES.invocation:
            return `${String(outputs.functionName)}_${text(outputs, "qualifier") ?? "$LATEST"}_${generated}`;
        case TYPES.api:
        case TYPES.integration:
        case TYPES.route:
            return generated;
        case TYPES.dashboard:
            return String(outputs.dashboardName);
        case TYPES.snsTopic:
            return String(outputs.arn);
        default:
            return text(outputs, "name") ?? generated;
    }
}

/** The physical name in checked inputs when the provider filled it in (it is listed in `__defaults`). */
function autoNameOf(type: string, checked: Props): string | undefined {
    const property = schemaOf(type).autoNameProperty;
    const defaults = checked[DEFAULTS_KEY];
    return property !== undefined && Array.isArray(defaults) && defaults.includes(property) ? text(checked, property) : undefined;
}

/** Ten lower-case alphanumerics, as API Gateway ids are. */
function generatedId(): string {
    const alphabet = "abcdefghijklmnopqrstuvwxyz0123456789";
    return [...randomBytes(10)].map((b) => alphabet[b % alphabet.length]).join("");
}

/**
 * The properties a preview reports for a create: the checked inputs, and every computed output unknown, but for an
 * optional input with a default that the program gave (a configuration's skipDestroy): Terraform plans the given value.
 */
function previewOutputs(type: string, logicalName: string, inputs: Props, home: ProviderHome): Props {
    const computed = computedOutputs(type, logicalName, inputs, home, { apiId: UNKNOWN, arnId: UNKNOWN }, UNKNOWN);
    return { ...inputs, ...Object.fromEntries(Object.keys(computed).filter((k) => inputs[k] === undefined).map((k) => [k, UNKNOWN])) };
}

/** The AWS stand-in provider over one AwsModel. Start it with `listen()`; attach the engine to its port. */
export class AwsStandInProvider {
    /** Every provider call, in the order the engine made them. */
    public readonly log: ProviderCall[] = [];
    /** How long a new provisioned concurrency configuration takes to allocate, in real ms (allocation.ts). */
    public allocationMs = 0;

    private server?: grpcTypes.Server;
    private home: ProviderHome;

    constructor(
        public readonly aws: AwsModel,
        private readonly accountId = "123456789012",
        region = "us-east-1",
    ) {
        this.home = { region, accountId, ...partitionOf(region) };
    }

    /** Starts the gRPC server on a free port of 127.0.0.1 and returns the port. */
    public async listen(): Promise<number> {
        const server = new grpc.Server();
        server.addService(ResourceProviderService, this.handlers());
        this.server = server;
        return new Promise((resolve, reject) =>
            server.bindAsync("127.0.0.1:0", grpc.ServerCredentials.createInsecure(), (error, port) => (error ? reject(error) : resolve(port))),
        );
    }

    public async close(): Promise<void> {
        const server = this.server;
        this.server = undefined;
        if (server !== undefined) {
            await new Promise<void>((resolve) => server.tryShutdown(() => resolve()));
        }
    }

    /** Runs one provider call, recording the AWS calls it makes; AWS errors reach the engine as the call's error. */
    private run<T>(
        method: ProviderCall["method"],
        urn: string,
        preview: boolean,
        callback: grpcTypes.sendUnaryData<T>,
        action: (entry: ProviderCall) => T,
    ): void {
        const start = this.aws.calls.length;
        const entry: ProviderCall = { method, urn, preview, awsCalls: [] };
        this.log.push(entry);
        try {
            const response = action(entry);
            entry.awsCalls = this.aws.calls.slice(start);
            callback(null, response);
        } catch (error) {
            entry.awsCalls = this.aws.calls.slice(start);
            const message = error instanceof Error ? error.message : String(error);
            entry.error = message;
            callback(error instanceof InitializationFailure ? initializationFailure(error) : { code: grpc.status.UNKNOWN, details: message }, null);
        }
    }

    private handlers(): grpcTypes.UntypedServiceImplementation {
        type Call<T> = grpcTypes.ServerUnaryCall<T, unknown>;
        type Done = grpcTypes.sendUnaryData<unknown>;
        const unimplemented = (name: string) => (_call: unknown, callback: Done) =>
            callback({ code: grpc.status.UNIMPLEMENTED, details: `the AWS stand-in does not implement ${name}` }, null);
        return {
            handshake: (_call: Call<providerPbTypes.ProviderHandshakeRequest>, callback: Done) => {
                const response = new providerPb.ProviderHandshakeResponse();
                // Plain values: the engine sends secrets as their values and resources as their ids.
                response.setAcceptSecrets(false);
                response.setAcceptResources(false);
                response.setAcceptOutputs(false);
                callback(null, response);
            },
            getPluginInfo: (_call: unknown, callback: Done) => {
                const info = new pluginPb.PluginInfo();
                info.setVersion(awsPackageVersion());
                callback(null, info);
            },
            getSchema: unimplemented("GetSchema"),
            checkConfig: (call: Call<providerPbTypes.CheckRequest>, callback: Done) => {
                const response = new providerPb.CheckResponse();
                response.setInputs(call.request.getNews());
                callback(null, response);
            },
            diffConfig: (_call: unknown, callback: Done) => {
                const response = new providerPb.DiffResponse();
                response.setChanges(providerPb.DiffResponse.DiffChanges.DIFF_NONE);
                callback(null, response);
            },
            configure: (call: Call<providerPbTypes.ConfigureRequest>, callback: Done) => {
                const args = fromStruct(call.request.getArgs());
                const region = text(args, "region") ?? call.request.getVariablesMap().get("aws:config:region");
                if (region !== undefined && region !== "") {
                    this.home = { ...this.home, region, ...partitionOf(region) };
                }
                const response = new providerPb.ConfigureResponse();
                response.setAcceptsecrets(false);
                response.setSupportspreview(true);
                response.setAcceptresources(false);
                response.setAcceptoutputs(false);
                callback(null, response);
            },
            invoke: (call: Call<providerPbTypes.InvokeRequest>, callback: Done) =>
                this.run("invoke", call.request.getTok(), call.request.getPreview(), callback, () => {
                    const response = new providerPb.InvokeResponse();
                    response.setReturn(toStruct(this.invoke(call.request.getTok(), fromStruct(call.request.getArgs()))));
                    return response;
                }),
            check: (call: Call<providerPbTypes.CheckRequest>, callback: Done) => {
                const request = call.request;
                const urn = request.getUrn();
                const parsed = parseUrn(urn);
                this.run("check", urn, false, callback, (entry) => {
                    const seed = request.getRandomseed_asU8();
                    const result = checkInputs(
                        parsed.type,
                        parsed.name,
                        fromStruct(request.getOlds()),
                        fromStruct(request.getNews()),
                        seed.length > 0 ? seed : randomBytes(32),
                        this.home.region,
                    );
                    entry.autoName = autoNameOf(parsed.type, result.inputs);
                    const response = new providerPb.CheckResponse();
                    response.setInputs(toStruct(result.inputs));
                    response.setFailuresList(
                        result.failures.map((f) => {
                            const failure = new providerPb.CheckFailure();
                            failure.setProperty(f.property);
                            failure.setReason(f.reason);
                            return failure;
                        }),
                    );
                    return response;
                });
            },
            diff: (call: Call<providerPbTypes.DiffRequest>, callback: Done) => {
                const request = call.request;
                const urn = request.getUrn();
                this.run("diff", urn, false, callback, () => {
                    const result = diffInputs(parseUrn(urn).type, fromStruct(request.getOlds()), fromStruct(request.getNews()), fromStruct(request.getOldInputs()));
                    const response = new providerPb.DiffResponse();
                    response.setChanges(
                        result.changed.length > 0 ? providerPb.DiffResponse.DiffChanges.DIFF_SOME : providerPb.DiffResponse.DiffChanges.DIFF_NONE,
                    );
                    response.setReplacesList(result.replaces);
                    response.setDiffsList(result.changed);
                    response.setDeletebeforereplace(result.deleteBeforeReplace);
                    response.setHasdetaileddiff(true);
                    const detailed = response.getDetaileddiffMap();
                    const Kind = providerPb.PropertyDiff.Kind;
                    for (const [key, entry] of Object.entries(result.detailed)) {
                        const diff = new providerPb.PropertyDiff();
                        const kinds = { add: [Kind.ADD, Kind.ADD_REPLACE], update: [Kind.UPDATE, Kind.UPDATE_REPLACE], delete: [Kind.DELETE, Kind.DELETE_REPLACE] };
                        diff.setKind(kinds[entry.kind][entry.replace ? 1 : 0]);
                        diff.setInputdiff(true);
                        detailed.set(key, diff);
                    }
                    return response;
                });
            },
            create: (call: Call<providerPbTypes.CreateRequest>, callback: Done) => {
                const request = call.request;
                const urn = request.getUrn();
                const { type, name } = parseUrn(urn);
                const preview = request.getPreview();
                // A configuration's create answers once its environments are allocated (allocation.ts).
                const allocating = type === TYPES.provisionedConcurrencyConfig && !preview && this.allocationMs > 0;
                const allocationMs = this.allocationMs;
                const answer: Done = allocating ? (error, response) => void setTimeout(() => callback(error, response), allocationMs) : callback;
                this.run("create", urn, preview, answer, (entry) => {
                    const checked = fromStruct(request.getProperties());
                    entry.autoName = autoNameOf(type, checked);
                    const inputs = withoutBookkeeping(checked);
                    const response = new providerPb.CreateResponse();
                    if (preview) {
                        response.setId("");
                        response.setProperties(toStruct(previewOutputs(type, name, inputs, this.home)));
                        return response;
                    }
                    const generated = generatedId();
                    // API Gateway generates the ids of APIs, integrations and routes; the model keys them by that id.
                    let modelled: Props;
                    try {
                        modelled = this.aws.create(type, inputs, schemaOf(type).generatedId === true ? generated : undefined);
                    } catch (error) {
                        if (error instanceof AllocationFailed) {
                            const outputs = this.withComputed(type, name, error.outputs, generated);
                            entry.id = providerId(type, outputs, generated);
                            throw new InitializationFailure(error.message, entry.id, outputs);
                        }
                        throw error;
                    }
                    const outputs = this.withComputed(type, name, modelled, generated);
                    entry.id = providerId(type, outputs, generated);
                    if (allocating) {
                        startAllocation(this.aws, String(outputs.functionName), String(outputs.qualifier), allocationMs);
                    }
                    response.setId(entry.id);
                    response.setProperties(toStruct(outputs));
                    return response;
                });
            },
            read: (call: Call<providerPbTypes.ReadRequest>, callback: Done) => {
                const request = call.request;
                const urn = request.getUrn();
                const { type } = parseUrn(urn);
                this.run("read", urn, false, callback, () => {
                    const state = fromStruct(request.getProperties());
                    const read = this.aws.read(type, request.getId(), withoutBookkeeping(state));
                    const response = new providerPb.ReadResponse();
                    if (read === undefined) {
                        // Gone: an empty id tells the engine to drop the resource from the state.
                        response.setId("");
                        return response;
                    }
                    const outputs = { ...state, ...read };
                    response.setId(request.getId());
                    response.setProperties(toStruct(outputs));
                    response.setInputs(toStruct(refreshedInputs(fromStruct(request.getInputs()), outputs)));
                    return response;
                });
            },
            update: (call: Call<providerPbTypes.UpdateRequest>, callback: Done) => {
                const request = call.request;
                const urn = request.getUrn();
                const { type, name } = parseUrn(urn);
                const preview = request.getPreview();
                this.run("update", urn, preview, callback, () => {
                    const olds = fromStruct(request.getOlds());
                    const news = withoutBookkeeping(fromStruct(request.getNews()));
                    const response = new providerPb.UpdateResponse();
                    if (preview) {
                        response.setProperties(toStruct(this.previewUpdate(type, olds, news)));
                        return response;
                    }
                    let modelled: Props;
                    try {
                        modelled = this.aws.update(type, request.getId(), olds, news);
                    } catch (error) {
                        if (error instanceof AllocationFailed) {
                            throw new InitializationFailure(error.message, request.getId(), { ...olds, ...error.outputs });
                        }
                        throw error;
                    }
                    if (type === TYPES.function && news.publish === true) {
                        // The provider publishes a new version when a published function's code or configuration
                        // changes (function.go, resourceFunctionUpdate; CustomizeDiff marks version unknown).
                        const version = this.aws.publishVersion(String(news.name));
                        modelled = { ...modelled, version };
                    }
                    const outputs = this.withComputed(type, name, { ...olds, ...modelled }, this.generatedPart(olds));
                    response.setProperties(toStruct(outputs));
                    return response;
                });
            },
            delete: (call: Call<providerPbTypes.DeleteRequest>, callback: Done) => {
                const request = call.request;
                const urn = request.getUrn();
                const { type } = parseUrn(urn);
                this.run("delete", urn, false, callback, () => {
                    this.aws.delete(type, request.getId(), withoutBookkeeping(fromStruct(request.getProperties())));
                    return new Empty();
                });
            },
            construct: unimplemented("Construct"),
            call: unimplemented("Call"),
            cancel: (_call: unknown, callback: Done) => callback(null, new Empty()),
            attach: (_call: unknown, callback: Done) => callback(null, new Empty()),
            parameterize: unimplemented("Parameterize"),
            getMapping: (_call: unknown, callback: Done) => callback(null, new providerPb.GetMappingResponse()),
            getMappings: (_call: unknown, callback: Done) => callback(null, new providerPb.GetMappingsResponse()),
        };
    }

    /** The outputs after a create or update: what the model holds, plus what the provider computes. */
    private withComputed(type: string, logicalName: string, modelled: Props, generated: string): Props {
        const version = type === TYPES.function ? text(modelled, "version") : undefined;
        const computed = computedOutputs(type, logicalName, modelled, this.home, { apiId: generated, arnId: generated }, version);
        return { ...modelled, ...computed };
    }

    /** The generated id part of a resource's outputs (kept on update). */
    private generatedPart(olds: Props): string {
        const arn = text(olds, "arn") ?? text(olds, "apiEndpoint") ?? "";
        const match = /(?:scalable-target\/|scalingPolicy:|scheduledAction:|https:\/\/)([a-z0-9]+)/.exec(arn);
        return match?.[1] ?? generatedId();
    }

    /** What an update preview reports: the new inputs over the old outputs; a published function's version unknown. */
    private previewUpdate(type: string, olds: Props, news: Props): Props {
        const outputs = { ...olds, ...news };
        if (type === TYPES.function && news.publish === true && !deepEqual(withoutBookkeeping(olds), { ...withoutBookkeeping(olds), ...news })) {
            Object.assign(outputs, { version: UNKNOWN, qualifiedArn: UNKNOWN, qualifiedInvokeArn: UNKNOWN });
        }
        return outputs;
    }

    /** The provider functions the components call. */
    private invoke(token: string, args: Props): Props {
        const { region, accountId, partition, dnsSuffix } = this.home;
        switch (token) {
            case "aws:lambda/getAlias:getAlias": {
                // The alias data source: GetAlias, failing with its error (alias_data_source.go, dataSourceAliasRead),
                // which the AWS SDK words as below; AliasArn is its id.
                const functionName = text(args, "functionName") ?? "";
                const name = text(args, "name") ?? "";
                const { arn, invokeArn } = lambdaAliasArns(this.home, functionName, name);
                const alias = this.aws.read(TYPES.alias, undefined, { functionName, name });
                if (alias === undefined) {
                    throw new Error(
                        `getting Lambda alias: operation error Lambda: GetAlias, https response error StatusCode: 404, RequestID: stand-in, ResourceNotFoundException: Alias not found: ${arn}`,
                    );
                }
                return { id: arn, arn, invokeArn, description: "", functionName, name, functionVersion: alias.functionVersion };
            }
            case "aws:index/getRegion:getRegion":
                return { id: region, name: region, region, description: region, endpoint: `lambda.${region}.${dnsSuffix}` };
            case "aws:index/getCallerIdentity:getCallerIdentity":
                return { id: accountId, accountId, arn: `arn:${partition}:iam::${accountId}:user/stand-in`, userId: "AIDASTANDIN" };
            case "aws:index/getPartition:getPartition":
                return { id: partition, partition, dnsSuffix, reverseDnsPrefix: dnsSuffix.split(".").reverse().join(".") };
            default:
                throw new Error(`the AWS stand-in does not implement the function ${token}`);
        }
    }
}


