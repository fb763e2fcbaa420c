#!/usr/bin/env bash
# The package against the @pulumi/pulumi and @pulumi/aws releases its users get: the floor of each peer range, the
# last @pulumi/pulumi for Node 20, and the versions the repository pins. The repository is packed once, as npm would
# publish it, and installed with each pair into a scratch project; every program in compat/programs then runs twice:
#   plan  under the package's own offline plan (`lambda-concurrency plan --program`, the SDK's mock runtime)
#   up    under the SDK's language host (cmd/run), as `pulumi up` runs it, against a stand-in engine (compat/host.js)
# A program's first line says what it must give:
#   // expect: plan        plan: exit 0, a plan on standard output, nothing on standard error;
#                          up: exit 0, no error logged
#   // expect: MESSAGE     plan: exit 1, MESSAGE exactly as the first error listed, no SDK prefix or promise-leak report;
#                          up: exit 32 (errors logged), MESSAGE exactly as the one error logged, on the component
#                          A check that fails on an Output's value must stop the program with the component's own
#                          message on every SDK in the range (components/checked-input.ts says what the SDK does).
# Prints one line per pair, program and mode, then "compat: N passed, M failed"; exits 1 on any mismatch.
#
# Environment (all optional): COMPAT_WORK, a folder for the scratch projects (default: a new temporary one, removed
# at the end); COMPAT_PULUMI and COMPAT_AWS, space-separated versions instead of the defaults below.
set -euo pipefail

repo="$(cd "$(dirname "$0")/.." && pwd)"
programs="$repo/compat/programs"
# The last @pulumi/pulumi that supports Node 20 (3.249.0 requires Node >= 22): what npm resolves for a Node 20 user.
NODE20_PULUMI="3.248.0"

work="${COMPAT_WORK:-}"
if [[ -z "$work" ]]; then
    work="$(mktemp -d "${TMPDIR:-/tmp}/lambda-concurrency-compat.XXXXXX")"
    trap 'rm -rf "$work"' EXIT
fi
mkdir -p "$work"

# What package.json says: the peer ranges and the pinned versions.
manifest() { node -p "const m = require('$repo/package.json'); $1"; }
# The lowest release the registry has in a range (a range leaves prereleases out; the list is not in version order).
floor() {
    npm view "$1@$2" version --json | node -e '
        const found = [].concat(JSON.parse(require("fs").readFileSync(0, "utf8")));
        const parts = (v) => v.split(".").map(Number);
        found.sort((a, b) => parts(a).reduce((order, n, i) => order || n - parts(b)[i], 0));
        console.log(found[0]);'
}

pulumi_versions="${COMPAT_PULUMI:-}"
if [[ -z "$pulumi_versions" ]]; then
    pulumi_versions="$(floor @pulumi/pulumi "$(manifest "m.peerDependencies['@pulumi/pulumi']")") $NODE20_PULUMI $(manifest "m.devDependencies['@pulumi/pulumi']")"
fi
aws_versions="${COMPAT_AWS:-}"
if [[ -z "$aws_versions" ]]; then
    aws_versions="$(floor @pulumi/aws "$(manifest "m.peerDependencies['@pulumi/aws']")") $(manifest "m.devDependencies['@pulumi/aws']")"
fi
echo "compat: @pulumi/pulumi $pulumi_versions x @pulumi/aws $aws_versions, node $(node --version)"

# Pack once (prepack builds dist/).
tarball="$work/$(cd "$repo" && npm pack --silent --pack-destination "$work" | tail -n 1)"

passed=0
failed=0
report() { # STATUS PAIR PROGRAM DETAIL
    printf '%-4s  %-33s  %-27s  %s\n' "$1" "$2" "$3" "$4"
    if [[ "$1" == "ok" ]]; then passed=$((passed + 1)); else failed=$((failed + 1)); fi
}

for pulumi_version in $pulumi_versions; do
    for aws_version in $aws_versions; do
        pair="pulumi $pulumi_version + aws $aws_version"
        project="$work/pulumi-$pulumi_version-aws-$aws_version"
        mkdir -p "$project"
        echo '{ "name": "compat-user", "private": true }' > "$project/package.json"
        # In sequence, with npm's cache: each install takes about 15-30 s.
        # Twice at most: a passing network fault should not fail the check.
        install() {
            (cd "$project" && npm install --no-audit --no-fund --prefer-offline --loglevel=error \
                "$tarball" "@pulumi/pulumi@$pulumi_version" "@pulumi/aws@$aws_version" > "$project/install.log" 2>&1)
        }
        if ! install && ! install; then
            report "FAIL" "$pair" "(install)" "npm install failed: $(tail -n 3 "$project/install.log" | tr '\n' ' ')"
            continue
        fi
        # One copy of the SDK, or setMocks would not reach the copy the components use.
        copies="$(find "$project/node_modules" -path '*/@pulumi/pulumi/package.json' | wc -l)"
        if [[ "$copies" -ne 1 ]]; then
            report "FAIL" "$pair" "(install)" "$copies copies of @pulumi/pulumi"
            continue
        fi
        # The advisor's worker threads load dist/advisor/simulation-worker.js from the installed package (once: the
        # advisor does not use Pulumi).
        if [[ -z "${advised:-}" ]]; then
            advised=1
            if advice="$(cd "$project" && timeout 120 node node_modules/lambda-concurrency/dist/cli/main.js advise --rps 5 --period 2h --workers 2 --json 2>&1)" \
                && strategy="$(node -e 'console.log(JSON.parse(process.argv[1]).recommendation.strategy)' "$advice" 2>&1)"; then
                report "ok" "$pair" "advise --workers 2" "exit 0, recommends $strategy"
            else
                report "FAIL" "$pair" "advise --workers 2" "$(head -c 300 <<< "$advice" | tr '\n' ' ')"
            fi
        fi
        rm -rf "$project/programs"
        cp -R "$programs" "$project/programs"
        for file in "$project"/programs/*.js; do
            program="$(basename "$file" .js)"
            [[ "$program" == _* ]] && continue
            expect="$(head -n 1 "$file" | sed -n 's|^// expect: ||p')"
            if [[ -z "$expect" ]]; then
                report "FAIL" "$pair" "$program" "no '// expect:' first line"
                continue
            fi
            status=0
            (cd "$project" && timeout 120 node node_modules/lambda-concurrency/dist/cli/main.js plan --program "programs/$program.js") \
                > "$project/$program.out" 2> "$project/$program.err" || status=$?
            # The plan lists the program's errors indented under one heading; the first one is what the user reads.
            first_error="$(grep -m 1 '^  ' "$project/$program.err" | sed 's/^  //' || true)"
            noise="$(grep -m 1 -E 'error serializing property|promises were still active|registrations could complete' "$project/$program.out" "$project/$program.err" || true)"
            if [[ "$expect" == "plan" ]]; then
                if [[ "$status" -eq 0 && -s "$project/$program.out" && ! -s "$project/$program.err" ]] && head -n 1 "$project/$program.out" | grep -q '^Plan of '; then
                    report "ok" "$pair" "plan $program" "exit 0, $(grep -m 1 '^Totals' "$project/$program.out" || echo 'a plan')"
                else
                    report "FAIL" "$pair" "plan $program" "exit $status, expected a plan; stderr: $(head -c 300 "$project/$program.err" | tr '\n' ' ')"
                fi
            elif [[ "$status" -eq 1 && "$first_error" == "$expect" && -z "$noise" ]]; then
                report "ok" "$pair" "plan $program" "exit 1, the component's message first"
            else
                report "FAIL" "$pair" "plan $program" "exit $status; first error: ${first_error:-(none)}; stderr: $(head -c 300 "$project/$program.err" | tr '\n' ' ')"
            fi
            if detail="$(timeout 120 node "$repo/compat/host.js" "$project" "programs/$program.js" "$expect" 2>&1)"; then
                report "ok" "$pair" "up   $program" "$detail"
            else
                report "FAIL" "$pair" "up   $program" "$detail"
            fi
        done
    done
done

echo "compat: $passed passed, $failed failed"
[[ "$failed" -eq 0 ]]
