// The Pulumi SDK's own copies of grpc-js, protobuf and the generated protocol services (proto/*_grpc_pb.js require
// grpc-js and google-protobuf from the SDK's folder, so messages and servers must come from the same copies), for the
// test code that speaks the Pulumi protocols itself: the plugin host, the AWS stand-in provider, the engine harness.
import { createRequire } from "module";
import type * as grpcTypes from "@grpc/grpc-js";
import type * as structTypes from "google-protobuf/google/protobuf/struct_pb";
import type * as providerPbTypes from "@pulumi/pulumi/proto/provider_pb";
import type * as pluginPbTypes from "@pulumi/pulumi/proto/plugin_pb";
import type * as resourcePbTypes from "@pulumi/pulumi/proto/resource_pb";
import type * as enginePbTypes from "@pulumi/pulumi/proto/engine_pb";

/** `require` from the SDK's folder. */
export const fromSdk = createRequire(require.resolve("@pulumi/pulumi/package.json"));

export const grpc = fromSdk("@grpc/grpc-js") as typeof grpcTypes;
export const { Struct } = fromSdk("google-protobuf/google/protobuf/struct_pb") as typeof structTypes;
export const { Empty } = fromSdk("google-protobuf/google/protobuf/empty_pb") as { Empty: new () => unknown };
export const providerPb = fromSdk("./proto/provider_pb") as typeof providerPbTypes;
export const pluginPb = fromSdk("./proto/plugin_pb") as typeof pluginPbTypes;
export const resourcePb = fromSdk("./proto/resource_pb") as typeof resourcePbTypes;
export const enginePb = fromSdk("./proto/engine_pb") as typeof enginePbTypes;

/** The gRPC service definitions, by the proto module that defines them. */
export function service(module: string, name: string): grpcTypes.ServiceDefinition {
    return (fromSdk(`./proto/${module}`) as Record<string, grpcTypes.ServiceDefinition>)[name];
}
