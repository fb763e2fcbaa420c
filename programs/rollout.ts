// `rollout`: versions that go live warm. A published function whose code carries the stack config value `revision`
// (every new value ships a new version: `pulumi up -c revision=2`), and a WarmAlias "live" with 2 provisioned
// environments: each new version is allocated before the alias moves to it, and the old one's released after; with
// `canaryWeight` set (`-c canaryWeight=0.1`), a new revision takes that share first, until the setting is removed. Its
// handler writes the runtime library's ColdStart metric line when a request meets a cold start, so that the acceptance
// suite can count the cold starts of a deploy under load.
import * as pulumi from "@pulumi/pulumi";
import { WarmAlias } from "../components";
import { runtimeLibraryAssets } from "./runtime-library";
import { helloFunction } from "./shared";

/** The hello handler, with the revision it was deployed as in its answer (and so in its code), and its version. */
function revisionHandler(revision: string): string {
    return `
const { withWarmup } = require("lambda-concurrency-runtime");
const initializedAt = new Date().toISOString();
exports.handler = withWarmup(
    async () => ({
        statusCode: 200,
        headers: { "content-type": "application/json" },
        body: JSON.stringify({
            revision: ${JSON.stringify(revision)},
            version: process.env.AWS_LAMBDA_FUNCTION_VERSION,
            initializedAt,
            initializationType: process.env.AWS_LAMBDA_INITIALIZATION_TYPE,
        }),
    }),
    { coldStartMetric: true },
);
`;
}

export function rolloutScenario(): Record<string, unknown> {
    const config = new pulumi.Config();
    // Set, a new revision ships as a canary with this share of the invocations; removed, the canary is promoted.
    return rolloutProgram(config.get("revision") ?? "1", config.getNumber("canaryWeight"));
}

/** The sample with its settings given: the code's revision, and the canary's weight if any. */
export function rolloutProgram(revision: string, canaryWeight: number | undefined): Record<string, unknown> {
    const fn = helloFunction("rollout-fn", undefined, revisionHandler(revision), runtimeLibraryAssets());
    const live = new WarmAlias("live", {
        functionName: fn.name,
        aliasName: "live",
        functionVersion: fn.version,
        provisionedConcurrentExecutions: 2,
        canary: canaryWeight === undefined ? undefined : { weight: canaryWeight },
    });
    return {
        functionName: fn.name,
        alias: live.alias.name,
        logGroup: fn.loggingConfig.logGroup,
        revision,
        version: fn.version,
        liveVersion: live.liveVersion,
        canaryVersion: live.canaryVersion,
        aliasArn: live.aliasArn,
    };
}
