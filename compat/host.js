// Runs a program as `pulumi up` runs it, without the Pulumi CLI or AWS: @pulumi/pulumi's own language-host entry
// point (cmd/run, the code the Node language host starts), connected over gRPC to a stand-in for the engine's
// resource monitor and engine services. The stand-in answers like the engine with the AWS provider would, where the
// programs of compat/programs need it (a Lambda function's name, ARN and version; the caller's account, region and
// partition), and records what the program registers and logs. So this checks what a user sees in `pulumi up`: the
// error diagnostics the program sends the engine, and the exit code the language host reads (32: every error was
// already logged; see cmd/run/index.js, nodeJSProcessExitedAfterLoggingUserActionableMessage).
//
// usage: node host.js PROJECT_DIR PROGRAM EXPECT
//   PROJECT_DIR  a scratch project with lambda-concurrency, @pulumi/pulumi and @pulumi/aws installed
//   PROGRAM      the program, relative to PROJECT_DIR
//   EXPECT       "plan" (a healthy program: exit 0, no error) or the one error message the program must log
// Prints what it saw; exits 0 when it matches EXPECT, 1 otherwise.
"use strict";
const path = require("path");
const { spawn } = require("child_process");
const { createHash } = require("crypto");

const [projectArg, program, expect] = process.argv.slice(2);
const project = path.resolve(projectArg);
// Everything from the project's own SDK: its generated gRPC services and the grpc-js and protobuf copies they use.
const sdk = path.join(project, "node_modules", "@pulumi", "pulumi");
const fromSdk = (request) => require(require.resolve(request, { paths: [sdk] }));
const grpc = fromSdk("@grpc/grpc-js");
const resourceRpc = require(path.join(sdk, "proto", "resource_grpc_pb.js"));
const resourceProto = require(path.join(sdk, "proto", "resource_pb.js"));
const engineRpc = require(path.join(sdk, "proto", "engine_grpc_pb.js"));
const engineProto = require(path.join(sdk, "proto", "engine_pb.js"));
const providerProto = require(path.join(sdk, "proto", "provider_pb.js"));
const { Struct } = fromSdk("google-protobuf/google/protobuf/struct_pb.js");
const { Empty } = fromSdk("google-protobuf/google/protobuf/empty_pb.js");

const ACCOUNT = "123456789012";
const REGION = "us-east-1";
const registered = [];
const logs = [];
let rootUrn = "";

/** What the AWS provider computes for the resources the programs read back. */
function providerState(type, name, inputs) {
    const state = { ...inputs };
    if (type === "aws:lambda/function:Function") {
        // The provider's auto-name: the logical name, a hyphen and 7 hex characters. The offline plan's mocks derive
        // those from the type and name (autoNameSuffix in the package's mocks); so does this, so that a message that
        // names the function is the same in both modes.
        const suffix = createHash("sha1").update(`${type}\u0000${name}`).digest("hex").slice(0, 7);
        state.name = inputs.name ?? `${name}-${suffix}`;
        state.arn = `arn:aws:lambda:${REGION}:${ACCOUNT}:function:${state.name}`;
        // What Lambda reports: the published version, or $LATEST without `publish: true`.
        state.version = inputs.publish === true ? "1" : "$LATEST";
    }
    if (type === "aws:sns/topic:Topic" || type === "aws:cloudwatch/metricAlarm:MetricAlarm") {
        const suffix = createHash("sha1").update(`${type}\u0000${name}`).digest("hex").slice(0, 7);
        state.name = inputs.name ?? `${name}-${suffix}`;
        state.arn =
            type === "aws:sns/topic:Topic"
                ? `arn:aws:sns:${REGION}:${ACCOUNT}:${state.name}`
                : `arn:aws:cloudwatch:${REGION}:${ACCOUNT}:alarm:${state.name}`;
    }
    return state;
}

const INVOKE_RESULTS = {
    "aws:index/getCallerIdentity:getCallerIdentity": { id: ACCOUNT, accountId: ACCOUNT, arn: `arn:aws:iam::${ACCOUNT}:user/compat`, userId: "compat" },
    "aws:index/getRegion:getRegion": { id: REGION, region: REGION, name: REGION },
    "aws:index/getPartition:getPartition": { id: "aws", partition: "aws", dnsSuffix: "amazonaws.com", reverseDnsPrefix: "com.amazonaws" },
};

const monitor = {
    supportsFeature(call, callback) {
        const response = new resourceProto.SupportsFeatureResponse();
        response.setHassupport(["secrets", "resourceReferences"].includes(call.request.getId()));
        callback(null, response);
    },
    registerResource(call, callback) {
        const request = call.request;
        const type = request.getType();
        const name = request.getName();
        registered.push(type);
        const inputs = request.getObject() ? request.getObject().toJavaScript() : {};
        const response = new resourceProto.RegisterResourceResponse();
        response.setUrn(`urn:pulumi:dev::compat::${type}::${name}`);
        response.setId(request.getCustom() ? `${name}-id` : "");
        response.setObject(Struct.fromJavaScript(providerState(type, name, inputs)));
        callback(null, response);
    },
    registerResourceOutputs(call, callback) {
        callback(null, new Empty());
    },
    invoke(call, callback) {
        // 3.257 and later answer invokes with resource_pb.ResourceInvokeResponse, earlier releases with provider_pb's.
        const response = resourceProto.ResourceInvokeResponse ? new resourceProto.ResourceInvokeResponse() : new providerProto.InvokeResponse();
        response.setReturn(Struct.fromJavaScript(INVOKE_RESULTS[call.request.getTok()] ?? {}));
        callback(null, response);
    },
    signalAndWaitForShutdown(call, callback) {
        callback(null, new Empty());
    },
};

const engine = {
    log(call, callback) {
        logs.push({ severity: call.request.getSeverity(), message: call.request.getMessage(), urn: call.request.getUrn() });
        callback(null, new Empty());
    },
    getRootResource(call, callback) {
        const response = new engineProto.GetRootResourceResponse();
        response.setUrn(rootUrn);
        callback(null, response);
    },
    setRootResource(call, callback) {
        rootUrn = call.request.getUrn();
        callback(null, new engineProto.SetRootResourceResponse());
    },
};

/** Compares what the program did with EXPECT; returns a mismatch, or undefined. */
function mismatch(exitCode, stderr) {
    const errors = logs.filter((entry) => entry.severity === engineProto.LogSeverity.ERROR);
    if (expect === "plan") {
        if (exitCode !== 0 || errors.length > 0) {
            return `exit ${exitCode}, expected 0; errors: ${errors.map((e) => e.message).join(" | ") || "(none)"}`;
        }
        return stderr.trim() === "" ? undefined : `exit 0 but the program wrote to stderr: ${stderr.slice(0, 300)}`;
    }
    if (exitCode !== 32) {
        return `exit ${exitCode}, expected 32 (error logged); errors: ${errors.map((e) => e.message).join(" | ") || "(none)"}`;
    }
    if (errors.length !== 1 || errors[0].message !== expect) {
        return `${errors.length} error(s), first: ${errors.length > 0 ? errors[0].message : "(none)"}`;
    }
    if (!errors[0].urn.includes("::lambda-concurrency:index:")) {
        return `the error is attached to "${errors[0].urn}", not to the component`;
    }
    return stderr.trim() === "" ? undefined : `the program also wrote to stderr: ${stderr.slice(0, 300)}`;
}

const server = new grpc.Server();
server.addService(resourceRpc.ResourceMonitorService, monitor);
server.addService(engineRpc.EngineService, engine);
server.bindAsync("127.0.0.1:0", grpc.ServerCredentials.createInsecure(), (bindError, port) => {
    if (bindError) {
        throw bindError;
    }
    const address = `127.0.0.1:${port}`;
    const run = path.join(sdk, "cmd", "run", "index.js");
    const args = [run, `--monitor=${address}`, `--engine=${address}`, "--project=compat", "--stack=dev", `--pwd=${project}`, program];
    const child = spawn(process.execPath, args, { cwd: project, stdio: ["ignore", "ignore", "pipe"] });
    let stderr = "";
    child.stderr.on("data", (chunk) => (stderr += chunk));
    const timer = setTimeout(() => child.kill("SIGKILL"), 60_000);
    child.on("exit", (code, signal) => {
        clearTimeout(timer);
        server.forceShutdown();
        const problem = signal !== null ? `killed by ${signal} (did not finish in 60 s)` : mismatch(code, stderr);
        if (problem === undefined) {
            console.log(expect === "plan" ? `exit 0, ${registered.length} registrations` : `exit ${code}, the component's message, once`);
        } else {
            console.log(problem.replace(/\s+/g, " "));
            process.exitCode = 1;
        }
    });
});
