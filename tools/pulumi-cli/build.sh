#!/usr/bin/env bash
# Builds the Pulumi CLI (`pulumi`) from the Go modules pinned in this folder's go.mod, into a cache outside the clone,
# keyed by the pinned version and by a hash of go.mod and go.sum; a second run with the same pins reuses the binary.
# Prints the path of the binary's folder root (ROOT/bin/pulumi), which the Automation API takes as PulumiCommand's root.
#
#   tools/pulumi-cli/build.sh            build or reuse; print the root
#   tools/pulumi-cli/build.sh --check    print the root if the binary is cached, else exit 1 (no build)
#
# Cache: $LAMBDA_CONCURRENCY_CACHE, else $XDG_CACHE_HOME/lambda-concurrency, else ~/.cache/lambda-concurrency.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
if ! command -v go >/dev/null 2>&1; then
    echo "go is not installed: the Pulumi CLI is built from its Go modules (see README, 'The real Pulumi engine')" >&2
    exit 3
fi
version="$(awk '$1 == "github.com/pulumi/pulumi/pkg/v3" { print $2 }' "$here/go.mod")"
if [ -z "$version" ]; then
    echo "tools/pulumi-cli/go.mod pins no github.com/pulumi/pulumi/pkg/v3 version" >&2
    exit 2
fi
pins="$(cat "$here/go.mod" "$here/go.sum" | sha256sum | cut -c1-12)"
cache="${LAMBDA_CONCURRENCY_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/lambda-concurrency}"
root="$cache/pulumi-cli/$version-$pins"
if [ -x "$root/bin/pulumi" ]; then
    echo "$root"
    exit 0
fi
if [ "${1:-}" = "--check" ]; then
    exit 1
fi
mkdir -p "$root/bin"
start=$(date +%s)
echo "building the Pulumi CLI $version into $root (first time only; several minutes)" >&2
# The CLI reports this version (`pulumi version`); the Automation API refuses a CLI whose version it cannot parse.
( cd "$here" && go build -trimpath -buildvcs=false -o "$root/bin/pulumi.partial" \
    -ldflags "-X github.com/pulumi/pulumi/sdk/v3/go/common/version.Version=$version" \
    github.com/pulumi/pulumi/pkg/v3/cmd/pulumi )
mv "$root/bin/pulumi.partial" "$root/bin/pulumi"
echo "built in $(( $(date +%s) - start )) s: $("$root/bin/pulumi" version)" >&2
echo "$root"
