// `warmer`: a function kept warm by a LambdaWarmer: 3 instances pinged every 5 minutes. Its handler is wrapped with
// `withWarmup` from the runtime library (the lambda-concurrency-runtime package), so pings are answered without
// running the handler, each instance reporting its id and whether it was cold.
import * as fs from "fs";
import * as path from "path";
import * as pulumi from "@pulumi/pulumi";
import { LambdaWarmer } from "../components";
import { helloFunction } from "./shared";

/** The handler, as a user writes it: the runtime library loads at the top, the handler is wrapped. */
const WARMED_HANDLER = `
const { withWarmup, coldStartInfo } = require("lambda-concurrency-runtime");
exports.handler = withWarmup(async (event) => {
    const start = coldStartInfo();
    return {
        statusCode: 200,
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ hello: "world", firstInvocation: start.firstInvocation, proactive: start.proactiveInitialization }),
    };
});
`;

/**
 * The runtime library as it sits in the function's node_modules after \`npm install lambda-concurrency-runtime\`:
 * the package's manifest (runtime/package.json) and its entry point, compiled. From the repository the code is
 * compiled from runtime/*.ts on the fly.
 */
export function runtimeLibraryAssets(): Record<string, pulumi.asset.Asset> {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const ts = require("typescript") as typeof import("typescript");
    const runtimeDir = path.join(__dirname, "..", "runtime");
    const root = "node_modules/lambda-concurrency-runtime";
    const assets: Record<string, pulumi.asset.Asset> = {
        [`${root}/package.json`]: new pulumi.asset.StringAsset(fs.readFileSync(path.join(runtimeDir, "package.json"), "utf8")),
    };
    // The package's own list of files (runtime/package.json "files"), each compiled from its source.
    const manifest = JSON.parse(fs.readFileSync(path.join(runtimeDir, "package.json"), "utf8")) as { files: string[] };
    const sources = manifest.files.filter((f) => f.endsWith(".js")).map((f) => path.basename(f).replace(/\.js$/, ".ts"));
    for (const file of sources) {
        const source = fs.readFileSync(path.join(runtimeDir, file), "utf8");
        const output = ts.transpileModule(source, {
            compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022 },
        }).outputText;
        assets[`${root}/dist/${file.replace(/\.ts$/, ".js")}`] = new pulumi.asset.StringAsset(output);
    }
    return assets;
}

export function warmerScenario(): Record<string, unknown> {
    const fn = helloFunction("warmed-fn", undefined, WARMED_HANDLER, runtimeLibraryAssets());
    const warmer = new LambdaWarmer("warmer", {
        targets: [{ functionName: fn.name, concurrency: 3 }],
        schedule: "rate(5 minutes)",
        // Alarms when runs reach fewer than 3 instances or pings fail, and a dashboard; no one notified (no topic).
        monitoring: {},
    });
    return {
        functionName: fn.name,
        warmerFunction: warmer.function.name,
        schedule: warmer.rules[0].scheduleExpression,
        dashboard: warmer.dashboard?.dashboardName,
    };
}
