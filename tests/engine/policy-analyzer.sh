#!/bin/sh
# The policy pack as a binary analyzer plugin, for `pulumi preview --policy-pack <this file>` in tests/engine.
#
# Pulumi v3.276.0 starts a policy pack folder (PulumiPolicy.yaml, runtime: nodejs) through the Node.js language plugin's
# RunPlugin (pkg/resource/plugin/plugin.go, ExecPlugin: the AnalyzerPlugin case loads PulumiPolicy.yaml and calls
# ctx.Host.LanguageRuntime("nodejs").RunPlugin), and pulumi-language-nodejs cannot be installed here (the Go module
# proxy refuses it). A --policy-pack path that is an executable file is launched directly as the analyzer plugin
# instead (pkg/resource/plugin/analyzer_plugin.go, NewPolicyAnalyzer), with the engine's address as its last argument:
# this script hands both to @pulumi/pulumi's cmd/run-policy-pack, which is what the Node.js plugin runs for a pack,
# with the repository's pack folder as the program.
here="$(cd "$(dirname "$0")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
# The policy SDK reads the pack's version from package.json in the working folder (@pulumi/policy, PolicyPack), as
# pulumi-language-nodejs runs a pack from its own folder.
cd "$repo/policy/pack" && exec node "$repo/node_modules/@pulumi/pulumi/cmd/run-policy-pack" "$@" "$repo/policy/pack"
