// The package from Go, Python, .NET and Node.js, with the real Pulumi CLI: `pulumi package gen-sdk` from the golden
// schema (tests/plugin/schema.json) for each language, the files and the key signatures it writes, the Go SDK and the
// Go sample (programs/go) built and vetted, the Python SDK and sample byte-compiled, the Node.js SDK type-checked; and
// `pulumi package get-schema` running the package's plugin, compared with the golden schema.
//
// What the CLI needs that these machines do not have, and what stands in for it:
// - Language plugins. gen-sdk does not generate code itself: it starts pulumi-language-<language> and calls its
//   GeneratePackage. Their Go modules are refused by the Go module proxy (403) and nothing else can be downloaded, so
//   tests/engine/codegen-host (built here from pkg/v3 at the CLI's version, cached beside the CLI) is put on PATH as
//   pulumi-language-go, -python and -nodejs: it binds the schema and runs pkg/v3/codegen/<language>, as the real
//   plugins do. .NET's generator lives only in pulumi-language-dotnet (refused too): .NET is not generated here.
// - The AWS package schema. The golden schema's outputs reference aws resources (`/aws/v7.48.0/schema.json#/...`);
//   the CLI binds them by asking the aws provider plugin for its schema, and that plugin cannot be downloaded. A
//   stand-in aws schema is served over PULUMI_DEBUG_PROVIDERS=aws:<port>: the aws version the references name, the
//   referenced resource tokens (each checked against the class of the installed @pulumi/aws that carries it), the
//   module format and the Go import path of pulumi-aws. The generated code only names these types.
// - The AWS Go SDK v7 (github.com/pulumi/pulumi-aws/sdk/v7) is refused by the proxy at every version; the Go build
//   uses the same packages of the served v6.83.4 (lambda, iam, cloudwatch, appautoscaling and internal), copied into a
//   temporary folder under the v7 module path and named by a replace directive.
import { expect } from "chai";
import { spawn, spawnSync } from "child_process";
import { createHash } from "crypto";
import * as fs from "fs";
import { createRequire } from "module";
import * as os from "os";
import * as path from "path";
import * as ts from "typescript";
import type * as grpcTypes from "@grpc/grpc-js";
import type * as providerPbTypes from "@pulumi/pulumi/proto/provider_pb";
import type * as pluginPbTypes from "@pulumi/pulumi/proto/plugin_pb";
import { GOLDEN_SCHEMA, PackageSchema, freshCheckout } from "../helpers/plugin-host";
import { cliRoot } from "./harness";

const REPO_ROOT = path.resolve(__dirname, "..", "..");
const HOST_SOURCE = path.join(__dirname, "codegen-host");
const PROGRAM_SOURCE = path.join(REPO_ROOT, "programs", "go");
const GOLDEN_TEXT = fs.readFileSync(GOLDEN_SCHEMA, "utf8");
const GOLDEN = JSON.parse(GOLDEN_TEXT) as PackageSchema;
const COMPONENTS = ["FixedConcurrency", "ScheduledConcurrency", "UtilizationScaling", "LambdaWarmer", "WarmAlias"];

/** The served AWS Go SDK whose packages stand in for the refused v7 (the newest v6 the proxy served, go-partial.tsv). */
const AWS_GO_V6 = { module: "github.com/pulumi/pulumi-aws/sdk/v6", version: "v6.83.4" };
const AWS_GO_PACKAGES = ["internal", "lambda", "iam", "cloudwatch", "appautoscaling"];

/** The Go module and import path of the SDK as `pulumi package add` generates it (it turns SupportPack on). */
const GO_SDK_MODULE = "example.com/pulumi-lambda-concurrency/sdk/go";
const GO_SDK_PACKAGE = `${GO_SDK_MODULE}/lambdaconcurrency`;

// The SDK's own copies of grpc-js and protobuf: the generated services require them from there.
const fromSdk = createRequire(require.resolve("@pulumi/pulumi/package.json"));
const load = createRequire(__filename);
const grpc = fromSdk("@grpc/grpc-js") as typeof grpcTypes;
const { Empty } = fromSdk("google-protobuf/google/protobuf/empty_pb") as { Empty: new () => unknown };
const providerPb = fromSdk("./proto/provider_pb") as typeof providerPbTypes;
const pluginPb = fromSdk("./proto/plugin_pb") as typeof pluginPbTypes;
const providerGrpc = fromSdk("./proto/provider_grpc_pb") as { ResourceProviderService: grpcTypes.ServiceDefinition };

interface Run {
    status: number | null;
    stdout: string;
    stderr: string;
    seconds: number;
}

interface RunOptions {
    cwd?: string;
    env?: NodeJS.ProcessEnv;
}

/** Runs a command to its end without blocking the event loop: the CLI calls back into this process's gRPC servers. */
function run(command: string, args: string[], options: RunOptions = {}): Promise<Run> {
    const started = Date.now();
    return new Promise((resolve, reject) => {
        const child = spawn(command, args, { ...options, stdio: ["ignore", "pipe", "pipe"] });
        let stdout = "";
        let stderr = "";
        child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
        child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
        child.on("error", reject);
        child.on("close", (status) => resolve({ status, stdout, stderr, seconds: (Date.now() - started) / 1000 }));
    });
}

function runSync(command: string, args: string[], options: RunOptions = {}): Run {
    const started = Date.now();
    const result = spawnSync(command, args, { encoding: "utf8", maxBuffer: 64 * 1024 * 1024, ...options });
    if (result.error !== undefined) {
        throw result.error;
    }
    return { status: result.status, stdout: result.stdout, stderr: result.stderr, seconds: (Date.now() - started) / 1000 };
}

function available(command: string, args: string[]): boolean {
    const result = spawnSync(command, args, { encoding: "utf8" });
    return result.error === undefined && result.status === 0;
}

/** Every file under `dir`, as sorted paths relative to it (compiled Python caches left out). */
function files(dir: string): string[] {
    return fs
        .readdirSync(dir, { recursive: true, withFileTypes: true })
        .filter((entry) => entry.isFile())
        .map((entry) => path.relative(dir, path.join(entry.parentPath, entry.name)))
        .filter((file) => !file.split(path.sep).includes("__pycache__"))
        .sort();
}

/** Pulumi's names in Go (exported: upper-case initial) and Python (snake_case) for a schema property. */
const goName = (name: string): string => name[0].toUpperCase() + name.slice(1);
const pythonName = (name: string): string => name.replace(/([A-Z])/g, "_$1").toLowerCase();

/** The fields of a Go struct type, `[name, type]` each, in source order (comments and embedded types left out). */
function goStruct(source: string, name: string): [string, string][] {
    const body = new RegExp(`^type ${name} struct \\{\\n([\\s\\S]*?)^\\}`, "m").exec(source);
    expect(body, `type ${name} struct`).to.not.equal(null);
    return body![1]
        .split("\n")
        .map((line) => line.trim())
        .filter((line) => line !== "" && !line.startsWith("//"))
        .map((line) => line.split(/\s+/))
        .filter((parts) => parts.length > 1)
        .map((parts) => [parts[0], parts[1]]);
}

/** The members of an exported TypeScript interface, or the declared properties of a class, as `name?: type` lines. */
function tsMembers(file: string, name: string): string[] {
    const source = ts.createSourceFile(file, fs.readFileSync(file, "utf8"), ts.ScriptTarget.ES2022, true);
    const found = source.statements.find(
        (s): s is ts.InterfaceDeclaration | ts.ClassDeclaration => (ts.isInterfaceDeclaration(s) || ts.isClassDeclaration(s)) && s.name?.text === name,
    );
    expect(found, `${name} in ${file}`).to.not.equal(undefined);
    const members = found!.members as ts.NodeArray<ts.TypeElement | ts.ClassElement>;
    return members
        .filter((m): m is ts.PropertySignature | ts.PropertyDeclaration => ts.isPropertySignature(m) || (ts.isPropertyDeclaration(m) && !m.modifiers?.some((x) => x.kind === ts.SyntaxKind.StaticKeyword)))
        .map((m) => `${m.name.getText(source)}${m.questionToken !== undefined ? "?" : ""}: ${m.type!.getText(source)}`);
}

/** The names a TypeScript module exports (declarations, re-exports and `export *` targets, the latter as `* from x`). */
function tsExports(file: string): string[] {
    const source = ts.createSourceFile(file, fs.readFileSync(file, "utf8"), ts.ScriptTarget.ES2022, true);
    const names: string[] = [];
    for (const statement of source.statements) {
        const exported = ts.canHaveModifiers(statement) && ts.getModifiers(statement)?.some((m) => m.kind === ts.SyntaxKind.ExportKeyword) === true;
        if (ts.isExportDeclaration(statement)) {
            if (statement.exportClause !== undefined && ts.isNamedExports(statement.exportClause)) {
                names.push(...statement.exportClause.elements.map((e) => e.name.text));
            } else {
                names.push(`* from ${(statement.moduleSpecifier as ts.StringLiteral).text}`);
            }
        } else if (exported && ts.isVariableStatement(statement)) {
            names.push(...statement.declarationList.declarations.map((d) => d.name.getText(source)));
        } else if (exported && (ts.isTypeAliasDeclaration(statement) || ts.isInterfaceDeclaration(statement) || ts.isClassDeclaration(statement))) {
            names.push(statement.name!.text);
        }
    }
    return [...new Set(names)].sort();
}

/** What the golden schema references of the aws package: its version and the resource tokens. */
function awsReferences(schemaText: string): { version: string; tokens: string[] } {
    const refs = [...schemaText.matchAll(/"\/aws\/v([^/]+)\/schema\.json#\/resources\/([^"]+)"/g)];
    const versions = [...new Set(refs.map((r) => r[1]))];
    expect(versions, "the aws versions the golden schema references").to.have.length(1);
    return { version: versions[0], tokens: [...new Set(refs.map((r) => decodeURIComponent(r[2])))].sort() };
}

/**
 * The stand-in aws package schema: what binding and code generation read of a referenced package (name, version,
 * module format, each referenced resource, and the Go import path and container types that pulumi-aws's own schema
 * sets), and nothing else.
 */
function awsStandInSchema(version: string, tokens: string[]): Record<string, unknown> {
    return {
        name: "aws",
        version,
        meta: { moduleFormat: "(.*)(?:/[^/]*)" },
        language: {
            go: { importBasePath: `github.com/pulumi/pulumi-aws/sdk/v${version.split(".")[0]}/go/aws`, generateResourceContainerTypes: true },
        },
        resources: Object.fromEntries(tokens.map((token) => [token, { description: `Stand-in for ${token}.`, properties: {}, inputProperties: {} }])),
    };
}

/** A provider that only answers for its schema, attached with PULUMI_DEBUG_PROVIDERS=<name>:<port>. */
class SchemaServer {
    /** The provider calls the CLI made, in order. */
    public readonly calls: string[] = [];
    private server?: grpcTypes.Server;

    constructor(
        private readonly version: string,
        private readonly schema: string,
    ) {}

    public listen(): Promise<number> {
        const server = new grpc.Server();
        type Done = grpcTypes.sendUnaryData<unknown>;
        const answer = (method: string, response: () => unknown) => (_call: unknown, callback: Done) => {
            this.calls.push(method);
            callback(null, response());
        };
        server.addService(providerGrpc.ResourceProviderService, {
            handshake: answer("handshake", () => new providerPb.ProviderHandshakeResponse()),
            attach: answer("attach", () => new Empty()),
            cancel: answer("cancel", () => new Empty()),
            getPluginInfo: answer("getPluginInfo", () => {
                const info = new pluginPb.PluginInfo();
                info.setVersion(this.version);
                return info;
            }),
            getSchema: answer("getSchema", () => {
                const response = new providerPb.GetSchemaResponse();
                response.setSchema(this.schema);
                return response;
            }),
        });
        this.server = server;
        return new Promise((resolve, reject) =>
            server.bindAsync("127.0.0.1:0", grpc.ServerCredentials.createInsecure(), (error, port) => (error ? reject(error) : resolve(port))),
        );
    }

    public close(): Promise<void> {
        const server = this.server;
        this.server = undefined;
        return server === undefined ? Promise.resolve() : new Promise((resolve) => server.tryShutdown(() => resolve()));
    }
}

/** The pkg/v3 version a go.mod requires. */
function pkgVersion(goMod: string): string {
    const match = /github\.com\/pulumi\/pulumi\/pkg\/v3 (v\S+)/.exec(goMod);
    expect(match, "github.com/pulumi/pulumi/pkg/v3 in go.mod").to.not.equal(null);
    return match![1];
}

/** The codegen host, built once per version and source (cached beside the CLI), under the three plugin names. */
function codegenHost(): { dir: string; built?: number } {
    const sources = ["main.go", "go.mod", "go.sum"].map((f) => fs.readFileSync(path.join(HOST_SOURCE, f), "utf8"));
    const version = pkgVersion(sources[1]);
    const hash = createHash("sha256").update(sources.join("\0")).digest("hex").slice(0, 12);
    const cache = process.env.LAMBDA_CONCURRENCY_CACHE ?? path.join(process.env.XDG_CACHE_HOME ?? path.join(os.homedir(), ".cache"), "lambda-concurrency");
    const dir = path.join(cache, "codegen-host", `${version}-${hash}`);
    const binary = path.join(dir, "pulumi-language-go");
    let built: number | undefined;
    if (!fs.existsSync(binary)) {
        fs.mkdirSync(dir, { recursive: true });
        // -trimpath as tools/pulumi-cli/build.sh: the packages the CLI compiled come from the Go build cache.
        const build = runSync(
            "go",
            ["build", "-trimpath", "-ldflags", `-X github.com/pulumi/pulumi/sdk/v3/go/common/version.Version=${version}`, "-o", `${binary}.partial`, "."],
            { cwd: HOST_SOURCE, env: { ...process.env, GOWORK: "off", GOFLAGS: "-mod=readonly" } },
        );
        expect(build.status, build.stderr).to.equal(0);
        fs.renameSync(`${binary}.partial`, binary);
        built = build.seconds;
    }
    for (const language of ["python", "nodejs"]) {
        const link = path.join(dir, `pulumi-language-${language}`);
        if (!fs.existsSync(link)) {
            fs.symlinkSync("pulumi-language-go", link);
        }
    }
    return { dir, built };
}

/** A test title's note when the toolchain a test needs is missing (mocha's skip takes no reason). */
const unless = (has: boolean, tool: string): string => (has ? "" : ` [skipped: ${tool} is not installed here]`);

/** The figures this spec prints at the end (seconds). */
const figures: Record<string, number> = {};

describe("other languages with the real Pulumi CLI: gen-sdk for Go, Python, .NET, Node.js; get-schema", function () {
    this.timeout(300_000);
    const root = cliRoot();
    let pulumi: string;
    let work: string;
    let hostDir: string;
    let aws: { version: string; tokens: string[] };
    let awsServer: SchemaServer;
    let awsPort: number;
    /** Where gen-sdk wrote each language's SDK from the golden schema (`<out>/<language>`). */
    const out = (language: string): string => path.join(work, "sdk", language);

    /** The CLI's environment: no network, no update check, a fresh PULUMI_HOME, the codegen host on PATH. */
    function cliEnv(debugProviders: string): NodeJS.ProcessEnv {
        const env: NodeJS.ProcessEnv = {
            ...process.env,
            PATH: `${hostDir}${path.delimiter}${process.env.PATH ?? ""}`,
            PULUMI_HOME: path.join(work, "pulumi-home"),
            PULUMI_SKIP_UPDATE_CHECK: "true",
            PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION: "true",
            PULUMI_DISABLE_REGISTRY_RESOLVE: "true",
            PULUMI_DEBUG_PROVIDERS: debugProviders,
        };
        delete env.PULUMI_IGNORE_AMBIENT_PLUGINS;
        delete env.PULUMI_DEBUG_LANGUAGES;
        return env;
    }

    function genSdk(schemaFile: string, language: string, outDir: string, extra: string[] = []): Promise<Run> {
        return run(pulumi, ["package", "gen-sdk", schemaFile, "--language", language, "--out", outDir, ...extra], {
            cwd: work,
            env: cliEnv(`aws:${awsPort}`),
        });
    }

    before(async function () {
        // The codegen host's first build compiles pkg/v3's generators (seconds when the CLI's build is in the Go cache).
        this.timeout(900_000);
        if (root === undefined) {
            this.skip();
        }
        pulumi = path.join(root, "bin", "pulumi");
        work = fs.mkdtempSync(path.join(os.tmpdir(), "lambda-concurrency-languages-"));
        const host = codegenHost();
        hostDir = host.dir;
        if (host.built !== undefined) {
            figures["codegen host build"] = host.built;
        }
        aws = awsReferences(GOLDEN_TEXT);
        awsServer = new SchemaServer(aws.version, JSON.stringify(awsStandInSchema(aws.version, aws.tokens)));
        awsPort = await awsServer.listen();
    });

    after(async () => {
        await awsServer?.close();
        if (work !== undefined) {
            fs.rmSync(work, { recursive: true, force: true });
        }
        const line = Object.entries(figures).map(([what, seconds]) => `${what} ${seconds.toFixed(1)} s`);
        if (line.length > 0) {
            console.log(`      other languages: ${line.join(", ")}`);
        }
    });

    describe("what stands in for what the machine lacks", () => {
        it("the codegen host is built from the pkg/v3 and sdk/v3 versions the CLI is built from (tools/pulumi-cli/go.mod)", () => {
            const cli = fs.readFileSync(path.join(REPO_ROOT, "tools", "pulumi-cli", "go.mod"), "utf8");
            const host = fs.readFileSync(path.join(HOST_SOURCE, "go.mod"), "utf8");
            expect(pkgVersion(host)).to.equal(pkgVersion(cli));
            const sdk = (text: string) => /github\.com\/pulumi\/pulumi\/sdk\/v3 (v\S+)/.exec(text)?.[1];
            expect(sdk(host)).to.equal(sdk(cli));
            expect(fs.readdirSync(hostDir).sort()).to.deep.equal(["pulumi-language-go", "pulumi-language-nodejs", "pulumi-language-python"]);
        });

        it("the aws stand-in schema names the resources the golden schema references, each the class of that token in @pulumi/aws at that version", () => {
            expect(aws.version).to.equal((load("@pulumi/aws/package.json") as { version: string }).version);
            expect(aws.tokens).to.deep.equal([
                "aws:appautoscaling/policy:Policy",
                "aws:appautoscaling/scheduledAction:ScheduledAction",
                "aws:appautoscaling/target:Target",
                "aws:cloudwatch/dashboard:Dashboard",
                "aws:cloudwatch/eventRule:EventRule",
                "aws:cloudwatch/eventTarget:EventTarget",
                "aws:cloudwatch/logGroup:LogGroup",
                "aws:cloudwatch/metricAlarm:MetricAlarm",
                "aws:iam/policy:Policy",
                "aws:iam/role:Role",
                "aws:lambda/alias:Alias",
                "aws:lambda/function:Function",
                "aws:lambda/invocation:Invocation",
                "aws:lambda/provisionedConcurrencyConfig:ProvisionedConcurrencyConfig",
            ]);
            for (const token of aws.tokens) {
                const [, moduleAndFile, className] = token.split(":");
                const module = load(`@pulumi/aws/${moduleAndFile.split("/")[0]}`) as Record<string, { __pulumiType?: string } | undefined>;
                expect(module[className]?.__pulumiType, token).to.equal(token);
            }
        });
    });

    describe("Go", () => {
        const hasGo = available("go", ["version"]);

        it("gen-sdk --language go writes the package lambdaconcurrency: a file per component, the types, the enums", async function () {
            const generated = await genSdk(GOLDEN_SCHEMA, "go", path.join(work, "sdk"));
            figures["gen-sdk go"] = generated.seconds;
            expect(generated.status, generated.stderr).to.equal(0);
            expect(generated.stderr).to.include(`SDK has been written to ${path.join(work, "sdk", "go")}`);
            expect(files(out("go"))).to.deep.equal(
                [
                    ".gitattributes",
                    "lambdaconcurrency/doc.go",
                    "lambdaconcurrency/fixedConcurrency.go",
                    "lambdaconcurrency/init.go",
                    "lambdaconcurrency/internal/pulumiUtilities.go",
                    "lambdaconcurrency/internal/pulumiVersion.go",
                    "lambdaconcurrency/lambdaWarmer.go",
                    "lambdaconcurrency/provider.go",
                    "lambdaconcurrency/pulumi-plugin.json",
                    "lambdaconcurrency/pulumiEnums.go",
                    "lambdaconcurrency/pulumiTypes.go",
                    "lambdaconcurrency/scheduledConcurrency.go",
                    "lambdaconcurrency/utilizationScaling.go",
                    "lambdaconcurrency/warmAlias.go",
                ].map((f) => f.split("/").join(path.sep)),
            );
            const fixed = fs.readFileSync(path.join(out("go"), "lambdaconcurrency", "fixedConcurrency.go"), "utf8");
            // Without SupportPack (which `pulumi package add` turns on), the import path names the package by its schema
            // name while the folder is its Go name: a plain gen-sdk SDK builds only under a folder named like its import.
            expect(fixed).to.include('"example.com/pulumi-lambda-concurrency/sdk/go/lambda-concurrency/internal"');
            expect(fixed).to.include('"github.com/pulumi/pulumi-aws/sdk/v7/go/aws/lambda"');
        });

        it("the args structs: pulumi inputs, and Go values for plain inputs (FixedConcurrencyArgs, ScheduledConcurrencyArgs, UtilizationScalingArgs, LambdaWarmerArgs)", () => {
            const source = (file: string) => fs.readFileSync(path.join(out("go"), "lambdaconcurrency", file), "utf8");
            expect(goStruct(source("fixedConcurrency.go"), "FixedConcurrencyArgs")).to.deep.equal([
                ["DeleteOldConfigurationFirst", "*bool"],
                ["FunctionName", "pulumi.StringInput"],
                ["Monitoring", "*MonitoringArgs"],
                ["ProvisionedConcurrentExecutions", "pulumi.Float64Input"],
                ["Qualifier", "pulumi.StringInput"],
                ["SkipDestroy", "pulumi.BoolPtrInput"],
            ]);
            expect(goStruct(source("scheduledConcurrency.go"), "ScheduledConcurrencyArgs")).to.deep.equal([
                ["DeleteOldConfigurationFirst", "*bool"],
                ["FunctionName", "pulumi.StringInput"],
                ["MaxCapacity", "pulumi.Float64PtrInput"],
                ["MinCapacity", "pulumi.Float64PtrInput"],
                ["Monitoring", "*MonitoringArgs"],
                ["Qualifier", "pulumi.StringInput"],
                ["Schedules", "[]ScheduleArgs"],
                ["Timezone", "*string"],
            ]);
            expect(goStruct(source("utilizationScaling.go"), "UtilizationScalingArgs")).to.deep.equal([
                ["DeleteOldConfigurationFirst", "*bool"],
                ["DisableScaleIn", "pulumi.BoolPtrInput"],
                ["FunctionName", "pulumi.StringInput"],
                ["MaxCapacity", "pulumi.Float64Input"],
                ["MinCapacity", "pulumi.Float64PtrInput"],
                ["Monitoring", "*MonitoringArgs"],
                ["Qualifier", "pulumi.StringInput"],
                ["ScaleInCooldown", "pulumi.Float64PtrInput"],
                ["ScaleInWhenIdle", "*bool"],
                ["ScaleOutCooldown", "pulumi.Float64PtrInput"],
                ["Schedules", "[]ScheduleArgs"],
                ["Statistic", "*UtilizationStatistic"],
                ["TargetUtilization", "pulumi.Float64PtrInput"],
                ["Timezone", "*string"],
            ]);
            expect(goStruct(source("lambdaWarmer.go"), "LambdaWarmerArgs")).to.deep.equal([
                ["Architecture", "*WarmerArchitecture"],
                ["Concurrency", "pulumi.Float64PtrInput"],
                ["Enabled", "pulumi.BoolPtrInput"],
                ["LogRetentionInDays", "pulumi.Float64PtrInput"],
                ["MemorySize", "pulumi.Float64PtrInput"],
                ["Monitoring", "*MonitoringArgs"],
                ["Prewarm", "*bool"],
                ["Schedule", "*string"],
                ["Targets", "[]WarmerTargetArgs"],
                ["TimeoutSeconds", "pulumi.Float64PtrInput"],
            ]);
            const types = source("pulumiTypes.go");
            expect(goStruct(types, "ScheduleArgs").map(([f]) => f)).to.deep.equal(["Capacity", "EndTime", "MaxCapacity", "MinCapacity", "Name", "Schedule", "StartTime", "Timezone"]);
            expect(goStruct(types, "WarmerTargetArgs")).to.deep.equal([
                ["Concurrency", "pulumi.Float64PtrInput"],
                ["FunctionName", "pulumi.StringInput"],
                ["Qualifier", "pulumi.StringPtrInput"],
                ["Version", "pulumi.StringPtrInput"],
            ]);
            const enums = source("pulumiEnums.go");
            for (const constant of [
                'UtilizationStatisticMaximum = UtilizationStatistic("Maximum")',
                'UtilizationStatisticAverage = UtilizationStatistic("Average")',
                'WarmerArchitectureArm64 = WarmerArchitecture("arm64")',
                'WarmerArchitecture_X86_64 = WarmerArchitecture("x86_64")',
            ]) {
                expect(enums).to.include(constant);
            }
        });

        it("the component structs: the schema's outputs, the aws ones as the AWS Go SDK's output types", () => {
            const source = (file: string) => fs.readFileSync(path.join(out("go"), "lambdaconcurrency", file), "utf8");
            expect(goStruct(source("fixedConcurrency.go"), "FixedConcurrency")).to.deep.equal([
                ["Alarms", "cloudwatch.MetricAlarmArrayOutput"],
                ["Config", "lambda.ProvisionedConcurrencyConfigOutput"],
                ["Dashboard", "cloudwatch.DashboardOutput"],
                ["FunctionName", "pulumi.StringOutput"],
                ["ProvisionedConcurrentExecutions", "pulumi.Float64Output"],
                ["Qualifier", "pulumi.StringOutput"],
                ["Target", "appautoscaling.TargetOutput"],
            ]);
            expect(goStruct(source("lambdaWarmer.go"), "LambdaWarmer")).to.deep.equal([
                ["Alarms", "cloudwatch.MetricAlarmArrayOutput"],
                ["Dashboard", "cloudwatch.DashboardOutput"],
                ["Function", "lambda.FunctionOutput"],
                ["InvokePolicies", "iam.PolicyArrayOutput"],
                ["LogGroup", "cloudwatch.LogGroupOutput"],
                ["MaxPingsInFlight", "pulumi.Float64Output"],
                ["PrewarmInvocations", "lambda.InvocationArrayOutput"],
                ["Role", "iam.RoleOutput"],
                ["RuleTargets", "cloudwatch.EventTargetArrayOutput"],
                ["Rules", "cloudwatch.EventRuleArrayOutput"],
            ]);
            // Every component: its inputs and outputs, by name, as the golden schema has them.
            for (const component of COMPONENTS) {
                const spec = GOLDEN.resources[`lambda-concurrency:index:${component}`];
                const file = source(`${component[0].toLowerCase()}${component.slice(1)}.go`);
                expect(goStruct(file, `${component}Args`).map(([f]) => f), `${component}Args`).to.deep.equal(Object.keys(spec.inputProperties).map(goName).sort());
                expect(goStruct(file, component).map(([f]) => f), component).to.deep.equal(Object.keys(spec.properties ?? {}).map(goName).sort());
            }
        });

        describe("the SDK as `pulumi package add` generates it, built and vetted with programs/go", function () {
            let program: string;

            before(async function () {
                if (!hasGo) {
                    this.skip();
                }
                this.timeout(600_000);
                // The served v6 packages, re-pathed as v7 (whose module the proxy refuses), in a temporary module.
                const download = await run("go", ["mod", "download", "-json", `${AWS_GO_V6.module}@${AWS_GO_V6.version}`], {
                    cwd: work,
                    env: { ...process.env, GOWORK: "off", GOFLAGS: "" },
                });
                expect(download.status, download.stdout + download.stderr).to.equal(0);
                figures["go mod download aws v6"] = download.seconds;
                const v6 = (JSON.parse(download.stdout) as { Dir: string }).Dir;
                const v7Module = `github.com/pulumi/pulumi-aws/sdk/v${aws.version.split(".")[0]}`;
                const v7 = path.join(work, "aws-go");
                for (const pkg of AWS_GO_PACKAGES) {
                    fs.mkdirSync(path.join(v7, "go", "aws", pkg), { recursive: true });
                    for (const file of fs.readdirSync(path.join(v6, "go", "aws", pkg)).filter((f) => f.endsWith(".go") && !f.endsWith("_test.go"))) {
                        const text = fs.readFileSync(path.join(v6, "go", "aws", pkg, file), "utf8");
                        fs.writeFileSync(path.join(v7, "go", "aws", pkg, file), text.split(AWS_GO_V6.module).join(v7Module));
                    }
                }
                const goMod = fs.readFileSync(path.join(v6, "go.mod"), "utf8");
                fs.writeFileSync(path.join(v7, "go.mod"), goMod.replace(`module ${AWS_GO_V6.module}`, `module ${v7Module}`));

                // The sample program with the SDK where its go.mod's replace directive expects it (sdks/lambda-concurrency),
                // generated as `pulumi package add` does: SupportPack on, --local.
                program = path.join(work, "program");
                fs.mkdirSync(program);
                for (const file of ["main.go", "go.mod", "go.sum", "Pulumi.yaml"]) {
                    fs.copyFileSync(path.join(PROGRAM_SOURCE, file), path.join(program, file));
                }
                const packSchema = path.join(work, "schema-package-add.json");
                fs.writeFileSync(packSchema, JSON.stringify({ ...GOLDEN, meta: { supportPack: true } }));
                const generated = await genSdk(packSchema, "go", path.join(work, "package-add"), ["--local"]);
                figures["gen-sdk go (package add)"] = generated.seconds;
                expect(generated.status, generated.stderr).to.equal(0);
                fs.mkdirSync(path.join(program, "sdks"));
                fs.renameSync(path.join(work, "package-add", "go"), path.join(program, "sdks", "lambda-concurrency"));
                const edit = await run("go", ["mod", "edit", "-replace", `${v7Module}=${v7}`], { cwd: program });
                expect(edit.status, edit.stderr).to.equal(0);
            });

            const goEnv = (): NodeJS.ProcessEnv => ({ ...process.env, GOWORK: "off", GOFLAGS: "-mod=readonly" });

            it(`the generated go.mod is the module programs/go/go.mod replaces, and the SDK builds and vets${unless(hasGo, "go")}`, async function () {
                this.timeout(1_200_000);
                const sdk = path.join(program, "sdks", "lambda-concurrency");
                expect(files(sdk)).to.include("go.mod");
                expect(fs.readFileSync(path.join(sdk, "go.mod"), "utf8")).to.match(new RegExp(`^module ${GO_SDK_MODULE.replace(/\./g, "\\.")}\\n`, "m"));
                expect(fs.readFileSync(path.join(PROGRAM_SOURCE, "go.mod"), "utf8")).to.include(`replace ${GO_SDK_MODULE} => ./sdks/lambda-concurrency`);
                const listed = await run("go", ["list", `${GO_SDK_MODULE}/...`], { cwd: program, env: goEnv() });
                expect(listed.status, listed.stderr).to.equal(0);
                expect(listed.stdout.trim().split("\n")).to.deep.equal([GO_SDK_PACKAGE, `${GO_SDK_PACKAGE}/internal`]);
                const build = await run("go", ["build", "-trimpath", `${GO_SDK_MODULE}/...`], { cwd: program, env: goEnv() });
                figures["go build SDK"] = build.seconds;
                expect(build.status, build.stderr).to.equal(0);
                const vet = await run("go", ["vet", "-trimpath", `${GO_SDK_MODULE}/...`], { cwd: program, env: goEnv() });
                figures["go vet SDK"] = vet.seconds;
                expect(vet.status, vet.stderr).to.equal(0);
                expect(vet.stdout + vet.stderr.replace(/^go: downloading .*\n/gm, "")).to.equal("");
            });

            it(`programs/go (FixedConcurrency, ScheduledConcurrency, UtilizationScaling, LambdaWarmer, WarmAlias) builds into a program and vets clean${unless(hasGo, "go")}`, async function () {
                this.timeout(1_200_000);
                const bin = path.join(work, "bin");
                const build = await run("go", ["build", "-trimpath", "-o", `${bin}${path.sep}`, "./..."], { cwd: program, env: goEnv() });
                figures["go build program"] = build.seconds;
                expect(build.status, build.stderr).to.equal(0);
                expect(fs.readdirSync(bin)).to.deep.equal(["lambda-concurrency-go"]);
                const vet = await run("go", ["vet", "-trimpath", "./..."], { cwd: program, env: goEnv() });
                figures["go vet program"] = vet.seconds;
                expect(vet.status, vet.stderr).to.equal(0);
                expect(vet.stdout + vet.stderr.replace(/^go: downloading .*\n/gm, "")).to.equal("");
                const main = fs.readFileSync(path.join(program, "main.go"), "utf8");
                for (const component of COMPONENTS) {
                    expect(main, component).to.include(`lambdaconcurrency.New${component}(ctx, `);
                }
            });
        });
    });

    describe("Python", () => {
        const hasPython = available("python3", ["--version"]);
        /** Classes of each generated module (`__all__`, each class's first `__init__`'s parameters and required ones, members). */
        const INSPECT = `
import ast, json, os, sys
def names(args):
    return [a.arg for a in args if a.arg not in ("__self__", "resource_name", "opts", "__props__", "self")]
modules = {}
for file in sorted(os.listdir(sys.argv[1])):
    if not file.endswith(".py"):
        continue
    tree = ast.parse(open(os.path.join(sys.argv[1], file)).read())
    exported, classes = None, {}
    for node in tree.body:
        if isinstance(node, ast.Assign) and any(isinstance(t, ast.Name) and t.id == "__all__" for t in node.targets):
            exported = [e.value for e in node.value.elts]
        if isinstance(node, ast.ClassDef):
            init = next((n for n in node.body if isinstance(n, ast.FunctionDef) and n.name == "__init__"), None)
            params = names(init.args.args + init.args.kwonlyargs) if init else []
            required = [a.arg for a, d in zip(init.args.kwonlyargs, init.args.kw_defaults) if d is None] if init else []
            members = [t.id for n in node.body if isinstance(n, ast.Assign) for t in n.targets if isinstance(t, ast.Name)]
            classes[node.name] = {"params": params, "required": required, "members": members}
    modules[file] = {"all": exported, "classes": classes}
print(json.dumps(modules))
`;
        /** The program's uses of the module imported as lambda_concurrency: calls with their keywords, and attribute paths. */
        const USES = `
import ast, json, sys
tree = ast.parse(open(sys.argv[1]).read())
def path(node):
    parts = []
    while isinstance(node, ast.Attribute):
        parts.insert(0, node.attr)
        node = node.value
    return [node.id] + parts if isinstance(node, ast.Name) else []
calls = [{"name": path(n.func)[1], "keywords": [k.arg for k in n.keywords]} for n in ast.walk(tree)
         if isinstance(n, ast.Call) and path(n.func)[:1] == ["lambda_concurrency"] and len(path(n.func)) == 2]
attributes = sorted({".".join(path(n)[1:]) for n in ast.walk(tree) if isinstance(n, ast.Attribute) and path(n)[:1] == ["lambda_concurrency"]})
print(json.dumps({"calls": calls, "attributes": attributes}))
`;
        type Modules = Record<string, { all: string[] | null; classes: Record<string, { params: string[]; required: string[]; members: string[] }> }>;
        const packageDir = (): string => path.join(out("python"), "pulumi_lambda_concurrency");
        let modules: Modules | undefined;

        it("gen-sdk --language python writes pulumi_lambda_concurrency: a module per component, the inputs, the enums", async () => {
            const generated = await genSdk(GOLDEN_SCHEMA, "python", path.join(work, "sdk"));
            figures["gen-sdk python"] = generated.seconds;
            expect(generated.status, generated.stderr).to.equal(0);
            expect(files(out("python"))).to.deep.equal(
                [
                    ".gitattributes",
                    ".gitignore",
                    "pulumi_lambda_concurrency/README.md",
                    "pulumi_lambda_concurrency/__init__.py",
                    "pulumi_lambda_concurrency/_enums.py",
                    "pulumi_lambda_concurrency/_inputs.py",
                    "pulumi_lambda_concurrency/_utilities.py",
                    "pulumi_lambda_concurrency/fixed_concurrency.py",
                    "pulumi_lambda_concurrency/lambda_warmer.py",
                    "pulumi_lambda_concurrency/provider.py",
                    "pulumi_lambda_concurrency/pulumi-plugin.json",
                    "pulumi_lambda_concurrency/py.typed",
                    "pulumi_lambda_concurrency/scheduled_concurrency.py",
                    "pulumi_lambda_concurrency/utilization_scaling.py",
                    "pulumi_lambda_concurrency/warm_alias.py",
                    "setup.py",
                ].map((f) => f.split("/").join(path.sep)),
            );
            const setup = fs.readFileSync(path.join(out("python"), "setup.py"), "utf8");
            expect(setup).to.include("setup(name='pulumi_lambda_concurrency',");
            expect(setup).to.include(`'pulumi_aws>=${aws.version}',`);
        });

        it(`the classes: each component and its Args with the schema's inputs in snake_case (required first), ScheduleArgs, WarmerTargetArgs, the enums${unless(hasPython, "python3")}`, async function () {
            if (!hasPython) {
                this.skip();
            }
            const inspected = await run("python3", ["-c", INSPECT, packageDir()]);
            expect(inspected.status, inspected.stderr).to.equal(0);
            modules = JSON.parse(inspected.stdout) as Modules;
            expect(modules["fixed_concurrency.py"].all).to.deep.equal(["FixedConcurrencyArgs", "FixedConcurrency"]);
            expect(modules["scheduled_concurrency.py"].all).to.deep.equal(["ScheduledConcurrencyArgs", "ScheduledConcurrency"]);
            expect(modules["utilization_scaling.py"].all).to.deep.equal(["UtilizationScalingArgs", "UtilizationScaling"]);
            expect(modules["lambda_warmer.py"].all).to.deep.equal(["LambdaWarmerArgs", "LambdaWarmer"]);
            expect(modules["warm_alias.py"].all).to.deep.equal(["WarmAliasArgs", "WarmAlias"]);
            expect(modules["_inputs.py"].all).to.deep.equal([
                "AlarmSettingsArgs",
                "AlarmSettingsArgsDict",
                "MonitoringArgs",
                "MonitoringArgsDict",
                "ScheduleArgs",
                "ScheduleArgsDict",
                "UtilizationTrackingArgs",
                "UtilizationTrackingArgsDict",
                "WarmAliasCanaryArgs",
                "WarmAliasCanaryArgsDict",
                "WarmerTargetArgs",
                "WarmerTargetArgsDict",
            ]);
            expect(modules["_enums.py"].classes.UtilizationStatistic.members).to.deep.equal(["MAXIMUM", "AVERAGE"]);
            expect(modules["_enums.py"].classes.WarmerArchitecture.members).to.deep.equal(["ARM64", "X86_64"]);
            expect(modules["fixed_concurrency.py"].classes.FixedConcurrencyArgs).to.deep.equal({
                params: ["function_name", "provisioned_concurrent_executions", "qualifier", "delete_old_configuration_first", "monitoring", "skip_destroy"],
                required: ["function_name", "provisioned_concurrent_executions", "qualifier"],
                members: [],
            });
            expect(modules["_inputs.py"].classes.ScheduleArgs.required).to.deep.equal(["name", "schedule"]);
            expect(modules["_inputs.py"].classes.WarmerTargetArgs.required).to.deep.equal(["function_name"]);
            // WarmAlias's scaling: UtilizationScaling's tracking arguments, of which only the maximum is required.
            expect(modules["_inputs.py"].classes.UtilizationTrackingArgs.required).to.deep.equal(["max_capacity"]);
            for (const component of COMPONENTS) {
                const spec = GOLDEN.resources[`lambda-concurrency:index:${component}`];
                const module = modules[`${pythonName(component).slice(1)}.py`];
                const inputs = Object.keys(spec.inputProperties).map(pythonName);
                const required = spec.requiredInputs.map(pythonName).sort();
                expect(module.classes[`${component}Args`].params, `${component}Args`).to.deep.equal([...required, ...inputs.filter((i) => !required.includes(i)).sort()]);
                expect(module.classes[`${component}Args`].required, `${component}Args`).to.deep.equal(required);
                expect(module.classes[component].params, component).to.deep.equal([...inputs].sort());
            }
        });

        it(`python3 -m compileall byte-compiles every module of the SDK${unless(hasPython, "python3")}`, async function () {
            if (!hasPython) {
                this.skip();
            }
            const compiled = await run("python3", ["-m", "compileall", "-q", packageDir()]);
            expect(compiled.status, compiled.stdout + compiled.stderr).to.equal(0);
            expect(compiled.stdout + compiled.stderr).to.equal("");
            const caches = fs.readdirSync(path.join(packageDir(), "__pycache__")).map((f) => f.replace(/\.cpython-\d+\.pyc$/, ".py"));
            expect(caches.sort()).to.deep.equal(fs.readdirSync(packageDir()).filter((f) => f.endsWith(".py")).sort());
        });

        it(`programs/python/__main__.py calls only classes the generated module has, with their parameters, and byte-compiles${unless(hasPython, "python3")}`, async function () {
            if (!hasPython) {
                this.skip();
            }
            expect(modules, "the classes test ran").to.not.equal(undefined);
            const main = path.join(REPO_ROOT, "programs", "python", "__main__.py");
            expect(fs.readFileSync(main, "utf8")).to.include("import pulumi_lambda_concurrency as lambda_concurrency");
            const used = await run("python3", ["-c", USES, main]);
            expect(used.status, used.stderr).to.equal(0);
            const uses = JSON.parse(used.stdout) as { calls: { name: string; keywords: string[] }[]; attributes: string[] };
            const classes = Object.assign({}, ...Object.values(modules!).map((m) => m.classes)) as Modules[string]["classes"];
            const problems: string[] = [];
            for (const call of uses.calls) {
                const cls = classes[call.name];
                if (cls === undefined) {
                    problems.push(`lambda_concurrency.${call.name} is not a class of the generated SDK`);
                    continue;
                }
                const required = (classes[`${call.name}Args`] ?? cls).required;
                problems.push(...call.keywords.filter((k) => k !== "opts" && !cls.params.includes(k)).map((k) => `${call.name}(${k}=...) is not a parameter`));
                problems.push(...required.filter((r) => !call.keywords.includes(r)).map((r) => `${call.name} lacks ${r}`));
            }
            for (const attribute of uses.attributes.filter((a) => a.split(".").length === 2)) {
                const [cls, member] = attribute.split(".");
                if (!(classes[cls]?.members ?? []).includes(member)) {
                    problems.push(`lambda_concurrency.${attribute} is not an enum member of the generated SDK`);
                }
            }
            expect(problems).to.deep.equal([]);
            expect([...new Set(uses.calls.map((c) => c.name))].sort()).to.deep.equal([...COMPONENTS, "ScheduleArgs", "WarmerTargetArgs"].sort());
            const compiled = await run("python3", ["-c", "import py_compile, sys; py_compile.compile(sys.argv[1], cfile=sys.argv[2], doraise=True)", main, path.join(work, "main.pyc")]);
            expect(compiled.status, compiled.stderr).to.equal(0);
            expect(fs.statSync(path.join(work, "main.pyc")).size).to.be.greaterThan(0);
        });
    });

    describe(".NET", () => {
        const hasDotnetPlugin = spawnSync("sh", ["-c", "command -v pulumi-language-dotnet"]).status === 0;
        const hasDotnet = available("dotnet", ["--version"]);

        it(`without pulumi-language-dotnet, gen-sdk --language dotnet writes nothing and names the missing plugin${hasDotnetPlugin ? " [skipped: pulumi-language-dotnet is on PATH]" : ""}`, async function () {
            if (hasDotnetPlugin) {
                this.skip();
            }
            const generated = await genSdk(GOLDEN_SCHEMA, "dotnet", path.join(work, "sdk"));
            expect(generated.status).to.equal(1);
            expect(generated.stderr).to.include("error: no language plugin 'pulumi-language-dotnet' found in the workspace or on your $PATH");
            // The CLI empties and creates the output folder before it looks for the plugin.
            expect(files(out("dotnet"))).to.deep.equal([]);
        });

        it.skip(
            ".NET SDK generation and build: not here. The CLI delegates C# generation to pulumi-language-dotnet (pkg/v3 has no " +
                "codegen/dotnet); its Go module github.com/pulumi/pulumi-dotnet/pulumi-language-dotnet/v3 is refused by the Go module " +
                `proxy (403), and the CLI's own download of the plugin needs the network; ${hasDotnet ? "dotnet is installed" : "no .NET SDK (dotnet) is installed to build one either"}`,
        );
    });

    describe("Node.js", () => {
        it("gen-sdk --language nodejs writes @pulumi/lambda-concurrency: a module per component, the types, the enums; index exports the five", async () => {
            const generated = await genSdk(GOLDEN_SCHEMA, "nodejs", path.join(work, "sdk"));
            figures["gen-sdk nodejs"] = generated.seconds;
            expect(generated.status, generated.stderr).to.equal(0);
            expect(files(out("nodejs"))).to.deep.equal(
                [
                    ".gitattributes",
                    ".gitignore",
                    "README.md",
                    "fixedConcurrency.ts",
                    "index.ts",
                    "lambdaWarmer.ts",
                    "package.json",
                    "provider.ts",
                    "scheduledConcurrency.ts",
                    "tsconfig.json",
                    "types/enums/index.ts",
                    "types/index.ts",
                    "types/input.ts",
                    "types/output.ts",
                    "utilities.ts",
                    "utilizationScaling.ts",
                    "warmAlias.ts",
                ].map((f) => f.split("/").join(path.sep)),
            );
            expect(tsExports(path.join(out("nodejs"), "index.ts"))).to.deep.equal([
                "* from ./types/enums",
                "FixedConcurrency",
                "FixedConcurrencyArgs",
                "LambdaWarmer",
                "LambdaWarmerArgs",
                "Provider",
                "ProviderArgs",
                "ScheduledConcurrency",
                "ScheduledConcurrencyArgs",
                "UtilizationScaling",
                "UtilizationScalingArgs",
                "WarmAlias",
                "WarmAliasArgs",
                "types",
            ]);
            const manifest = JSON.parse(fs.readFileSync(path.join(out("nodejs"), "package.json"), "utf8")) as { name: string; dependencies: Record<string, string> };
            expect(manifest.name).to.equal("@pulumi/lambda-concurrency");
            expect(manifest.dependencies["@pulumi/aws"]).to.equal(aws.version);
        });

        it("the args interfaces: pulumi inputs, plain values for plain inputs, enums for the string choices", () => {
            const file = (name: string) => path.join(out("nodejs"), name);
            expect(tsMembers(file("fixedConcurrency.ts"), "FixedConcurrencyArgs")).to.deep.equal([
                "deleteOldConfigurationFirst?: boolean",
                "functionName: pulumi.Input<string>",
                "monitoring?: inputs.MonitoringArgs",
                "provisionedConcurrentExecutions: pulumi.Input<number>",
                "qualifier: pulumi.Input<string>",
                "skipDestroy?: pulumi.Input<boolean | undefined>",
            ]);
            expect(tsMembers(file("utilizationScaling.ts"), "UtilizationScalingArgs")).to.include.members([
                "maxCapacity: pulumi.Input<number>",
                "schedules?: inputs.ScheduleArgs[]",
                "statistic?: enums.UtilizationStatistic",
                "scaleInWhenIdle?: boolean",
                "timezone?: string",
            ]);
            expect(tsMembers(file("scheduledConcurrency.ts"), "ScheduledConcurrencyArgs")).to.include("schedules: inputs.ScheduleArgs[]");
            expect(tsMembers(file("lambdaWarmer.ts"), "LambdaWarmerArgs")).to.include.members(["targets: inputs.WarmerTargetArgs[]", "architecture?: enums.WarmerArchitecture"]);
            expect(tsMembers(file("fixedConcurrency.ts"), "FixedConcurrency")).to.deep.equal([
                "alarms: pulumi.Output<pulumiAws.cloudwatch.MetricAlarm[]>",
                "config: pulumi.Output<pulumiAws.lambda.ProvisionedConcurrencyConfig>",
                "dashboard: pulumi.Output<pulumiAws.cloudwatch.Dashboard | undefined>",
                "functionName: pulumi.Output<string>",
                "provisionedConcurrentExecutions: pulumi.Output<number>",
                "qualifier: pulumi.Output<string>",
                "target: pulumi.Output<pulumiAws.appautoscaling.Target>",
            ]);
            for (const component of COMPONENTS) {
                const spec = GOLDEN.resources[`lambda-concurrency:index:${component}`];
                const members = tsMembers(file(`${component[0].toLowerCase()}${component.slice(1)}.ts`), `${component}Args`);
                const expected = Object.keys(spec.inputProperties)
                    .sort()
                    .map((input) => `${input}${spec.requiredInputs.includes(input) ? "" : "?"}`);
                expect(members.map((m) => m.split(":")[0]), `${component}Args`).to.deep.equal(expected);
            }
        });

        it("type-checks with the repository's TypeScript, @pulumi/pulumi and @pulumi/aws, and accepts every value of the components' own TypeScript args", async function () {
            this.timeout(600_000);
            const sdk = out("nodejs");
            fs.symlinkSync(path.join(REPO_ROOT, "node_modules"), path.join(path.dirname(sdk), "node_modules"), "dir");
            // The generated args have the same keys and required keys as the components' own; the components' values are
            // assignable to them. (The other way fails only where the generator widens an optional input to
            // Input<T | undefined>.)
            const components = path.relative(path.dirname(sdk), path.join(REPO_ROOT, "components")).split(path.sep).join("/");
            const checks = COMPONENTS.map(
                (c) => `export const ${c}Keys: Same<keyof generated.${c}Args, keyof own.${c}Args> = true;
export const ${c}Required: Same<RequiredKeys<generated.${c}Args>, RequiredKeys<own.${c}Args>> = true;
export const ${c}Accepts = (args: own.${c}Args): generated.${c}Args => args;`,
            );
            fs.writeFileSync(
                path.join(path.dirname(sdk), "compat.ts"),
                `import type * as generated from "./nodejs";
import type * as own from "${components}";
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
type RequiredKeys<T> = { [K in keyof T]-?: object extends Pick<T, K> ? never : K }[keyof T];
${checks.join("\n")}
`,
            );
            const generatedConfig = JSON.parse(fs.readFileSync(path.join(sdk, "tsconfig.json"), "utf8").replace(/^\s*\/\/.*$/gm, "")) as { files: string[] };
            fs.writeFileSync(
                path.join(path.dirname(sdk), "tsconfig.json"),
                JSON.stringify({ extends: "./nodejs/tsconfig.json", compilerOptions: { noEmit: true }, files: [...generatedConfig.files.map((f) => `nodejs/${f}`), "compat.ts"] }),
            );
            const checked = await run(process.execPath, [require.resolve("typescript/bin/tsc"), "-p", path.join(path.dirname(sdk), "tsconfig.json")]);
            figures["tsc nodejs SDK"] = checked.seconds;
            expect(checked.status, checked.stdout + checked.stderr).to.equal(0);
            expect(checked.stdout + checked.stderr).to.equal("");
        });
    });

    describe("get-schema", () => {
        it("pulumi package get-schema runs the package's plugin and answers the golden schema, less what the CLI's schema model has no field for (`optional`, empty `required`) plus its empty `config`", async function () {
            this.timeout(300_000);
            const checkout = freshCheckout();
            try {
                // The plugin started as pulumi-language-nodejs's RunPlugin starts it (tests/helpers/plugin-host.ts): node,
                // @pulumi/pulumi's run-plugin as the package folder resolves it, the folder, the engine address the CLI passes.
                const runPlugin = require.resolve("@pulumi/pulumi/cmd/run-plugin", { paths: [checkout.packageDir] });
                const launcher = path.join(work, "launcher", "pulumi-resource-lambda-concurrency");
                fs.mkdirSync(path.dirname(launcher));
                fs.writeFileSync(launcher, `#!/bin/sh\nexec "${process.execPath}" "${runPlugin}" "${checkout.packageDir}" "$@"\n`, { mode: 0o755 });
                const answered = await run(pulumi, ["package", "get-schema", launcher], { cwd: checkout.consumer, env: cliEnv(`aws:${awsPort}`) });
                figures["get-schema"] = answered.seconds;
                expect(answered.status, answered.stderr).to.equal(0);
                const fromCli = JSON.parse(answered.stdout) as Record<string, unknown>;
                expect(fromCli.config).to.deep.equal({});
                expect(answered.stdout).to.not.include('"optional"');
                const cliSchema = { ...fromCli };
                delete cliSchema.config;
                // The golden schema as the CLI's PackageSpec reads it: Pulumi's schema has no `optional` (the Node.js
                // analyzer writes it beside `required`/`requiredInputs`, which say the same), and `required: []` is empty.
                const normalized = JSON.parse(GOLDEN_TEXT, (key, value: unknown) =>
                    key === "optional" && value === true ? undefined : key === "required" && Array.isArray(value) && value.length === 0 ? undefined : value,
                ) as Record<string, unknown>;
                expect(cliSchema).to.deep.equal(normalized);
            } finally {
                checkout.remove();
            }
        });

        it(
            "get-schema lambda-concurrency with PULUMI_DEBUG_PROVIDERS=lambda-concurrency:<port> never reaches the attached plugin in v3.276.0: " +
                "packageinstallation marks an attached plugin ready without a plugin path, and RunPackage calls Host.ProviderFromPath(\"\"), " +
                "which does not read PULUMI_DEBUG_PROVIDERS and looks for a PulumiPlugin.yaml in the working directory",
            async () => {
                const attached = new SchemaServer(GOLDEN.version, GOLDEN_TEXT);
                const port = await attached.listen();
                try {
                    const empty = fs.mkdtempSync(path.join(work, "empty-"));
                    const answered = await run(pulumi, ["package", "get-schema", "lambda-concurrency"], { cwd: empty, env: cliEnv(`lambda-concurrency:${port},aws:${awsPort}`) });
                    expect(answered.status).to.equal(1);
                    expect(answered.stderr).to.include(
                        'error: unable to run lambda-concurrency: could not run plugin at "": failed to load plugin : loading PulumiPlugin.yaml: open PulumiPlugin.yaml: no such file or directory',
                    );
                    expect(attached.calls).to.deep.equal([]);
                } finally {
                    await attached.close();
                }
            },
        );
    });
});
