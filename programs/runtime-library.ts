// The runtime library (the lambda-concurrency-runtime package) as assets of a sample function's code, for the samples
// whose handlers use it (warmer, rollout).
import * as fs from "fs";
import * as path from "path";
import * as pulumi from "@pulumi/pulumi";

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
