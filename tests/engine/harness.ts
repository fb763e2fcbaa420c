// A stack deployed by the real Pulumi engine (the `pulumi` CLI built by tools/pulumi-cli/build.sh, driven through the
// Automation API with an inline program) against the AWS stand-in provider (tests/helpers/stand-in/provider.ts),
// attached with PULUMI_DEBUG_PROVIDERS. The state lives in a local file backend in a temporary folder, encrypted with
// a passphrase; nothing reaches the network. Each operation comes back with the engine's steps (from its event
// stream) and the provider calls and AWS calls it caused.
import { spawn } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import type * as grpcTypes from "@grpc/grpc-js";
import type { EngineEvent, LocalWorkspaceOptions, PulumiCommand, Stack } from "@pulumi/pulumi/automation";
import { AwsModel } from "../helpers/lifecycle/aws-model";
import { fromSdk, grpc, service } from "../helpers/sdk-rpc";
import { AwsStandInProvider, ProviderCall } from "../helpers/stand-in/provider";
import { setCurrentTime } from "../../components/clock";

/** The environment variable run.ts sets to the built CLI's root (ROOT/bin/pulumi). */
export const CLI_ROOT_VARIABLE = "LAMBDA_CONCURRENCY_PULUMI_ROOT";

/** What an inline program returns: its stack outputs, or nothing. */
export type ProgramOutputs = Record<string, unknown> | void;

/** One step of the engine, as its event stream reports it. */
export interface EngineStep {
    /** The engine's step operation: same, create, update, delete, replace, create-replacement, delete-replaced, refresh, ... */
    op: string;
    urn: string;
    /** Whether the step failed. */
    failed: boolean;
    /** The properties the step's diff names (for updates and replacements). */
    diffs: string[];
}

export type OperationKind = "up" | "preview" | "refresh" | "destroy";

/** One policy violation, as the engine's event stream reports it. */
export interface PolicyViolation {
    policyPackName: string;
    policyName: string;
    /** The policy's description, a line break, then the violation's own message (@pulumi/policy server.js). */
    message: string;
    /** The resource it was reported on; none for a violation of the stack as a whole. */
    resourceUrn?: string;
    enforcementLevel: string;
}

/** What one operation did. */
export interface OperationRecord {
    kind: OperationKind;
    /** Completed and failed steps, in the order the engine reported them. */
    steps: EngineStep[];
    /** The provider calls of this operation, in the order the engine made them. */
    providerCalls: ProviderCall[];
    /** The AWS calls of this operation (the provider's and none other), in order. */
    awsCalls: string[];
    /** The engine's summary of changes (`pulumi up`/`preview`/`refresh`/`destroy`), by operation. */
    changes: Record<string, number>;
    /** The policy violations the engine reported (with `--policy-pack`), in the order of its events. */
    policies: PolicyViolation[];
    /** The failure message when the operation failed. */
    error?: string;
    /** The CLI's output. */
    output: string;
}

let commandPromise: Promise<PulumiCommand> | undefined;

/** The Pulumi CLI that run.ts built; undefined when the suite runs without one. */
export function cliRoot(): string | undefined {
    const root = process.env[CLI_ROOT_VARIABLE];
    return root !== undefined && root !== "" && fs.existsSync(path.join(root, "bin", "pulumi")) ? root : undefined;
}

async function pulumiCommand(): Promise<PulumiCommand> {
    const root = cliRoot();
    if (root === undefined) {
        throw new Error(`${CLI_ROOT_VARIABLE} does not name a built Pulumi CLI: run the suite with npm run test:engine`);
    }
    if (commandPromise === undefined) {
        const automation = await import("@pulumi/pulumi/automation");
        commandPromise = automation.PulumiCommand.get({ root });
    }
    return commandPromise;
}

/** The stand-in AWS account and the provider the engine attaches to, shared by the stacks of one test. */
export class StandInAccount {
    public readonly provider: AwsStandInProvider;
    private port?: number;

    constructor(public readonly aws: AwsModel = new AwsModel()) {
        this.provider = new AwsStandInProvider(aws);
    }

    public async start(): Promise<number> {
        this.port ??= await this.provider.listen();
        return this.port;
    }

    public async stop(): Promise<void> {
        await this.provider.close();
        this.port = undefined;
    }
}

export interface EngineStackOptions {
    /** The project name (part of every URN). @default "engine" */
    project?: string;
    /** @default "dev" */
    stack?: string;
    /** `aws:region`. @default "us-east-1" */
    region?: string;
}

const PASSPHRASE = "lambda-concurrency-engine-tests";

/** A stack of the real engine against the stand-in. */
export class EngineStack {
    /** The program the next operation runs. */
    private program: () => ProgramOutputs = () => ({});
    /** What the components see as now while the program runs. */
    private at?: Date;
    /** Operations run so far (each gets its own event log). */
    private operations = 0;

    private constructor(
        public readonly account: StandInAccount,
        public readonly stack: Stack,
        public readonly folder: string,
    ) {}

    public static async create(account: StandInAccount, options: EngineStackOptions = {}): Promise<EngineStack> {
        const port = await account.start();
        const automation = await import("@pulumi/pulumi/automation");
        const folder = fs.mkdtempSync(path.join(os.tmpdir(), "lambda-concurrency-engine-"));
        const backend = `file://${folder}`;
        const project = options.project ?? "engine";
        const holder: { self?: EngineStack } = {};
        const workspace: LocalWorkspaceOptions = {
            pulumiCommand: await pulumiCommand(),
            workDir: folder,
            pulumiHome: path.join(folder, ".pulumi-home"),
            envVars: {
                PULUMI_CONFIG_PASSPHRASE: PASSPHRASE,
                PULUMI_BACKEND_URL: backend,
                PULUMI_DEBUG_PROVIDERS: `aws:${port}`,
                PULUMI_SKIP_UPDATE_CHECK: "true",
                PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION: "true",
                PULUMI_SKIP_CHECKPOINTS: "true",
            },
            projectSettings: { name: project, runtime: "nodejs", backend: { url: backend } },
        };
        const stack = await automation.LocalWorkspace.createOrSelectStack(
            { stackName: options.stack ?? "dev", projectName: project, program: () => Promise.resolve(holder.self?.runProgram()) },
            workspace,
        );
        await stack.setConfig("aws:region", { value: options.region ?? "us-east-1" });
        holder.self = new EngineStack(account, stack, folder);
        return holder.self;
    }

    private runProgram(): ProgramOutputs {
        setCurrentTime(this.at);
        return this.program();
    }

    /**
     * `pulumi up` of `program`, with the components' clock at `at` (default: the real time), and at most `parallel`
     * steps at once (default: the engine's).
     */
    public up(program: () => ProgramOutputs, at?: Date, parallel?: number): Promise<OperationRecord> {
        this.program = program;
        this.at = at;
        return this.operation("up", ["up", "--yes", "--skip-preview", ...(parallel !== undefined ? ["--parallel", String(parallel)] : [])], true);
    }

    /** `pulumi preview` of `program`, with `extraArgs` (e.g. `--policy-pack PATH`). */
    public preview(program: () => ProgramOutputs, at?: Date, extraArgs: readonly string[] = []): Promise<OperationRecord> {
        this.program = program;
        this.at = at;
        return this.operation("preview", ["preview", ...extraArgs], true);
    }

    /** `pulumi refresh`. */
    public refresh(): Promise<OperationRecord> {
        return this.operation("refresh", ["refresh", "--yes", "--skip-preview"], false);
    }

    /** `pulumi destroy`. */
    public destroy(): Promise<OperationRecord> {
        return this.operation("destroy", ["destroy", "--yes", "--skip-preview"], false);
    }

    /** The stack's resources in the engine's state (checkpoint order), as `pulumi stack export` shows them. */
    public async resources(): Promise<StateResource[]> {
        const deployment = await this.stack.exportStack();
        return ((deployment.deployment as { resources?: StateResource[] }).resources ?? []).filter((r) => r.type !== "pulumi:pulumi:Stack" && !r.type.startsWith("pulumi:providers:"));
    }

    /** Removes the stack and its temporary folder (after a destroy). */
    public async remove(): Promise<void> {
        try {
            await this.stack.workspace.removeStack(this.stack.name, { force: true });
        } finally {
            fs.rmSync(this.folder, { recursive: true, force: true });
        }
    }

    /**
     * Runs one CLI command as the Automation API does (an inline program is served by the SDK's language server,
     * `--client`), without the `stack output` and `stack history` calls it adds after each command (about a second
     * per operation): the engine's events are read from the command's event log once it has finished.
     */
    private async operation(kind: OperationKind, args: string[], withProgram: boolean): Promise<OperationRecord> {
        const record = await this.operationOnce(kind, args, withProgram);
        // The program's connection to the CLI failed before the engine took any step (see useLocalSubchannelPools):
        // nothing happened, so the same command runs again, once, and says so.
        if (withProgram && record.error !== undefined && record.steps.length === 0 && record.output.includes(NO_CONNECTION)) {
            process.stderr.write(`engine harness: pulumi ${args[0]} found no connection to the program ("${NO_CONNECTION}"), before any step: run again\n`);
            return this.operationOnce(kind, args, withProgram);
        }
        return record;
    }

    private async operationOnce(kind: OperationKind, args: string[], withProgram: boolean): Promise<OperationRecord> {
        const provider = this.account.provider;
        const firstCall = provider.log.length;
        const firstAwsCall = this.account.aws.calls.length;
        const eventLog = path.join(this.folder, `events-${++this.operations}.jsonl`);
        const command = [...args, "--event-log", eventLog, "--stack", this.stack.name, "--non-interactive"];
        const workspace = this.stack.workspace;
        let onExit = (_hasError: boolean): void => undefined;
        if (withProgram) {
            const served = await serveProgram(() => this.runProgram());
            command.push(`--client=127.0.0.1:${served.port}`, "--exec-kind", "auto.inline");
            onExit = served.close;
        }
        let output = "";
        let error: string | undefined;
        try {
            const env = { ...process.env, PULUMI_DEBUG_COMMANDS: "true", PULUMI_HOME: workspace.pulumiHome ?? "", ...workspace.envVars };
            const result = await runCommand(workspace.pulumiCommand.command, command, workspace.workDir, env);
            output = result.output;
            if (result.code !== 0) {
                error = `pulumi ${args[0]} exited with ${result.code}`;
            }
        } finally {
            onExit(error !== undefined);
        }
        const events = fs.existsSync(eventLog)
            ? fs
                  .readFileSync(eventLog, "utf8")
                  .split("\n")
                  .filter((line) => line.trim() !== "")
                  .map((line) => JSON.parse(line) as EngineEvent)
            : [];
        const steps: EngineStep[] = [];
        const policies: PolicyViolation[] = [];
        let changes: Record<string, number> = {};
        for (const event of events) {
            const policy = event.policyEvent;
            if (policy !== undefined) {
                policies.push({
                    policyPackName: policy.policyPackName,
                    policyName: policy.policyName,
                    message: policy.message,
                    ...(policy.resourceUrn === undefined || policy.resourceUrn === "" ? {} : { resourceUrn: policy.resourceUrn }),
                    enforcementLevel: policy.enforcementLevel,
                });
            }
            const done = event.resOutputsEvent?.metadata ?? event.resOpFailedEvent?.metadata;
            if (done !== undefined) {
                steps.push({ op: done.op, urn: done.urn, failed: event.resOpFailedEvent !== undefined, diffs: done.diffs ?? [] });
            }
            if (event.summaryEvent !== undefined) {
                changes = event.summaryEvent.resourceChanges;
            }
        }
        return {
            kind,
            steps,
            providerCalls: provider.log.slice(firstCall),
            awsCalls: this.account.aws.calls.slice(firstAwsCall),
            changes,
            policies,
            error,
            output,
        };
    }
}

/** grpc-js's words for a call made on a channel that has no connection and is not waiting for one. */
const NO_CONNECTION = "14 UNAVAILABLE: No connection established";

/**
 * The SDK's clients of the CLI (resource monitor, engine) take their connections from grpc-js's global subchannel pool,
 * which hands a new channel the subchannel of an earlier one with the same address and options
 * (subchannel-pool.js, getOrCreateSubchannel). In this one long process every command's CLI listens on a fresh port,
 * and an earlier CLI's port comes round again: the program then gets the dead CLI's subchannel, possibly in its
 * reconnection backoff, and its first call fails with NO_CONNECTION (seen once in the engine suite under CI). With
 * `grpc.use_local_subchannel_pool` each channel has its own pool (internal-channel.js): the SDK's client options are
 * a module-level object it passes to every such client (runtime/settings.js, grpcClientOptions).
 */
function useLocalSubchannelPools(): void {
    const settings = fromSdk("./runtime/settings") as { grpcClientOptions: Record<string, unknown> };
    settings.grpcClientOptions["grpc.use_local_subchannel_pool"] = 1;
}
useLocalSubchannelPools();

/** Runs a command to its end: its exit code and its stdout and stderr interleaved. */
function runCommand(command: string, args: string[], cwd: string, env: NodeJS.ProcessEnv): Promise<{ code: number; output: string }> {
    return new Promise((resolve, reject) => {
        const child = spawn(command, args, { cwd, env, stdio: ["ignore", "pipe", "pipe"] });
        let output = "";
        child.stdout.on("data", (chunk: Buffer) => void (output += chunk.toString()));
        child.stderr.on("data", (chunk: Buffer) => void (output += chunk.toString()));
        child.on("error", reject);
        child.on("close", (code) => resolve({ code: code ?? 1, output }));
    });
}

/** Serves an inline program to the CLI with the SDK's own language server, as the Automation API does. */
async function serveProgram(program: () => ProgramOutputs): Promise<{ port: number; close: (hasError: boolean) => void }> {
    const { LanguageServer } = fromSdk("./automation/server") as { LanguageServer: new (program: () => Promise<ProgramOutputs>) => LanguageServerLike };
    const LanguageRuntimeService = service("language_grpc_pb", "LanguageRuntimeService");
    const server = new grpc.Server({ "grpc.max_receive_message_length": 1024 * 1024 * 400 });
    const languageServer = new LanguageServer(() => Promise.resolve(program()));
    server.addService(LanguageRuntimeService, languageServer as unknown as grpcTypes.UntypedServiceImplementation);
    const port = await new Promise<number>((resolve, reject) =>
        server.bindAsync("127.0.0.1:0", grpc.ServerCredentials.createInsecure(), (error, bound) => (error ? reject(error) : resolve(bound))),
    );
    return {
        port,
        close: (hasError) => {
            try {
                languageServer.onPulumiExit(hasError);
            } finally {
                server.forceShutdown();
            }
        },
    };
}

interface LanguageServerLike {
    onPulumiExit(hasError: boolean): void;
}

/** A resource of the engine's checkpoint. */
export interface StateResource {
    urn: string;
    type: string;
    id?: string;
    custom: boolean;
    inputs?: Record<string, unknown>;
    outputs?: Record<string, unknown>;
    parent?: string;
    dependencies?: string[];
    delete?: boolean;
    pendingReplacement?: boolean;
}
