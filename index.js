"use strict";
// package.json "main": what `require("<this folder>")` loads. Users of the npm package never come here: Node.js and
// TypeScript resolve `lambda-concurrency` through "exports". Pulumi's Node.js plugin host does: it starts a source-based
// component package as `node @pulumi/pulumi/cmd/run-plugin <package folder>`, with ts-node registered, requires the
// folder, and serves the ComponentResource classes it exports (@pulumi/pulumi cmd/run-plugin/run.js).
//
// The TypeScript sources when ts-node will compile them: a source checkout, as `pulumi package add <path | git URL@tag>`
// uses it, with no build (the schema comes from the same sources). The build otherwise: the installed npm package,
// whose files ts-node leaves alone because they live under node_modules (its default `ignore`).
const fs = require("fs");
const path = require("path");

const sources = path.join(__dirname, "components", "index.ts");
const build = path.join(__dirname, "dist", "components", "index.js");
// The ts-node service that `register()` installs (ts-node's REGISTER_INSTANCE; `ignored` is its public Service API).
const tsNode = process[Symbol.for("ts-node.register.instance")];

if (tsNode !== undefined && fs.existsSync(sources) && !tsNode.ignored(sources)) {
    module.exports = require(sources);
} else if (fs.existsSync(build)) {
    module.exports = require(build);
} else {
    throw new Error(
        `lambda-concurrency: ${build} does not exist. Build the package (npm run build), or load it with ts-node registered, as Pulumi's plugin host does.`,
    );
}
