// The acceptance run's plan, offline: the cases and transitions, their expectations, the cost estimate, the reasons to
// skip, what the runner reads from a stack's exported state, and the command line itself without AWS or Pulumi.
import { expect } from "chai";
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { footprintOf } from "../../acceptance/checks";
import {
    atExpression,
    AWS_ONLY_CLAIMS,
    CASES,
    estimateCost,
    formatEstimate,
    hasAwsCredentials,
    scheduledCapacityAt,
    selectCases,
    skipReason,
} from "../../acceptance/plan";
import { TRANSITION_PROGRAMS } from "../../acceptance/programs";
import { parseArguments } from "../../acceptance/run";
import { SCENARIOS } from "../../programs/scenarios";

const ROOT = path.resolve(__dirname, "..", "..");

describe("acceptance plan", () => {
    it("covers every sample program and the four lifecycle transitions, plus a function used by name, and a canary of the rollout sample", () => {
        const sampleOf = (c: (typeof CASES)[number]): string | undefined => ("scenario" in c.steps[0].program ? c.steps[0].program.scenario : undefined);
        const samples = CASES.filter((c) => sampleOf(c) === c.name).map((c) => c.name);
        expect(samples).to.have.members(Object.keys(SCENARIOS));
        expect(CASES.filter((c) => sampleOf(c) !== undefined && sampleOf(c) !== c.name).map((c) => [c.name, sampleOf(c)])).to.deep.equal([["canary", "rollout"]]);
        const transitions = CASES.filter((c) => "transition" in c.steps[0].program).map((c) => c.name);
        expect(transitions.slice(0, 5)).to.deep.equal(["remove-scaling", "fixed-to-utilization", "rename-with-aliases", "version-to-alias", "by-name"]);
    });

    it("gives every transition step a program, and keeps the before/after order", () => {
        for (const c of CASES) {
            c.steps.forEach((s, i) => {
                if ("transition" in s.program) {
                    expect(s.program.transition).to.equal(c.name);
                    expect(s.program.step).to.equal(i === 0 ? "before" : "after");
                    expect(TRANSITION_PROGRAMS[c.name][s.program.step], `${c.name} ${s.program.step}`).to.be.a("function");
                }
            });
        }
        expect(TRANSITION_PROGRAMS["by-name"].fixture).to.be.a("function");
    });

    describe("the claims only AWS can tell", () => {
        const readme = fs.readFileSync(path.join(ROOT, "README.md"), "utf8");
        const section = readme.slice(readme.indexOf("## What is checked offline, and what only AWS can tell"), readme.indexOf("## Developing this repository"));
        const flat = (text: string): string => text.replace(/\s+/g, " ");
        // A paragraph: from its first words to the next blank line.
        const paragraph = (start: string): string => {
            const from = section.indexOf(start);
            const end = section.indexOf("\n\n", from);
            return flat(section.slice(from, end < 0 ? undefined : end)).trim();
        };
        const onlyAws = paragraph("Only AWS can tell:");
        const assumptions = paragraph("What the model rests on");

        it("finds both paragraphs in the README", () => {
            expect(onlyAws).to.match(/^Only AWS can tell: /);
            expect(assumptions).to.match(/^What the model rests on that no AWS document states/);
        });

        it("maps every claim of the 'Only AWS can tell' paragraph to a case", () => {
            // The claims are the paragraph's items, separated by semicolons and the final "and".
            const body = onlyAws.replace(/^Only AWS can tell: /, "").replace(/\.$/, "");
            const claims = body
                .split(/; (?:and )?/)
                .map((c) => c.trim())
                .filter((c) => c !== "");
            expect(claims.length).to.equal(7);
            for (const claim of claims) {
                const mapped = AWS_ONLY_CLAIMS.filter((m) => claim.startsWith(m.phrase));
                expect(mapped, `no case in AWS_ONLY_CLAIMS for the README's claim: "${claim}"`).to.have.length(1);
            }
        });

        it("maps every assumption of the model the README lists to a case", () => {
            for (const phrase of [
                "Application Auto Scaling deletes the configuration when it scales to 0",
                "registering a target on an alias without a configuration creates one at the minimum",
                "deregistering leaves the capacity",
                "registering a target again brings a count Application Auto Scaling lowered back into its bounds",
                "how `scaleInWhenIdle`'s `FILL` behaves when a function is idle",
            ]) {
                expect(assumptions, phrase).to.include(phrase);
                expect(AWS_ONLY_CLAIMS.some((m) => m.phrase === phrase), phrase).to.equal(true);
            }
        });

        it("names only cases that exist, and each claim's phrase is in the README", () => {
            for (const m of AWS_ONLY_CLAIMS) {
                expect(flat(section), m.phrase).to.include(m.phrase);
                for (const name of m.cases) {
                    expect(CASES.some((c) => c.name === name), `${m.phrase}: ${name}`).to.equal(true);
                }
            }
        });

        it("gives every probe step a program, and ends each in a state it can check", () => {
            const probes = CASES.flatMap((c) => c.steps.filter((s) => s.probe !== undefined).map((s) => `${c.name}:${s.probe}`));
            expect(probes).to.deep.equal([
                "weighted-alias:weighted-alias-refused",
                "min-above-max:min-above-max-fails",
                "configured-out-of-band:configured-out-of-band",
                "scale-to-zero:scale-to-zero-deletes",
                "fixed-after-scheduled-action:scheduled-action-lowers",
                "register-without-config:register-creates-at-minimum",
                "deregister-leaves-capacity:deregister-leaves-capacity",
                "fill-when-idle:fill-when-idle",
            ]);
            const o = { functionName: "x-fn-1", alias: "live", version: "2", raiseMinAt: "at(2026-12-01T10:04:00)" };
            const now = new Date("2026-12-01T10:00:00Z");
            const step = (name: string, i = 0) => CASES.find((c) => c.name === name)?.steps[i].expect(o, now);
            // The out-of-band configuration (3) is overwritten by the FixedConcurrency's 2.
            expect(step("configured-out-of-band", 1)?.configs).to.deep.equal([{ qualifier: "live", requested: 2 }]);
            // The warmed alias lands on the version's provisioned environments.
            expect(step("warmer-on-provisioned-alias")).to.deep.include({ configs: [{ qualifier: "2", requested: 2 }], invoke: "live" });
            expect(step("min-above-max")?.target).to.deep.include({ minCapacity: 1, maxCapacity: 1 });
            expect(step("min-above-max")?.target?.actions[1]).to.deep.equal({ schedule: "at(2026-12-01T10:04:00)", minCapacity: 3 });
        });

        it("puts at() actions a few whole minutes ahead, in the form AWS reads", () => {
            const { expression, firesAt } = atExpression(new Date("2026-12-01T10:00:30Z"), 3);
            expect(expression).to.equal("at(2026-12-01T10:04:00)");
            expect(firesAt.toISOString()).to.equal("2026-12-01T10:04:00.000Z");
            expect(atExpression(new Date("2026-12-31T23:59:00Z"), 2).expression).to.equal("at(2027-01-01T00:01:00)");
        });
    });

    it("expects after each transition what the new program declares and nothing of the old one", () => {
        const o = { functionName: "tr-fn-1a2b3c4", alias: "live", version: "1" };
        const now = new Date("2026-12-01T10:00:00Z");
        const after = (name: string) => {
            const c = CASES.find((x) => x.name === name);
            return c?.steps[c.steps.length - 1].expect(o, now);
        };
        expect(after("remove-scaling")).to.deep.include({ configs: [], noTargetOn: ["live"] });
        expect(after("fixed-to-utilization")?.target).to.deep.include({ qualifier: "live", targetValue: 0.7, minCapacity: 1, maxCapacity: 4 });
        expect(after("rename-with-aliases")?.noChurn).to.equal(true);
        // The version's configuration must be gone: only `live` may have one.
        expect(after("version-to-alias")?.configs).to.deep.equal([{ qualifier: "live", requested: 2 }]);
        // FixedConcurrency's target moves with it: on `live`, holding 2 with scaling suspended, and none left on the version.
        expect(after("version-to-alias")?.target).to.deep.equal({ qualifier: "live", minCapacity: 2, maxCapacity: 2, suspended: true, actions: [] });
        expect(after("version-to-alias")?.noTargetOn).to.deep.equal(["1"]);
    });

    it("expects the scheduled sample's capacity in force at the time of the check", () => {
        expect(scheduledCapacityAt(new Date("2026-12-01T07:59:00Z"))).to.equal(2);
        expect(scheduledCapacityAt(new Date("2026-12-01T08:00:00Z"))).to.equal(10);
        expect(scheduledCapacityAt(new Date("2026-12-01T17:59:00Z"))).to.equal(10);
        expect(scheduledCapacityAt(new Date("2026-12-01T18:00:00Z"))).to.equal(2);
    });

    it("selects cases by name and names the unknown ones", () => {
        expect(selectCases([])).to.equal(CASES);
        expect((selectCases(["fixed"]) as typeof CASES).map((c) => c.name)).to.deep.equal(["fixed"]);
        expect(selectCases(["nope"])).to.match(/^unknown case nope; known: hello-api, fixed/);
    });

    describe("the cost estimate", () => {
        it("prices provisioned environment-hours at the advisor's arm64 price, in 5-minute steps", () => {
            const fixed = CASES.filter((c) => c.name === "fixed");
            const e = estimateCost(fixed);
            // 2 environments for 15 minutes = 0.5 environment-hours; 0.5 h x 3600 s x 0.25 GB x $0.0000033334.
            expect(e.environmentHours).to.equal(0.5);
            expect(e.provisionedUsd).to.be.closeTo(0.5 * 3600 * 0.25 * 0.0000033334, 1e-12);
            expect(e.minutes).to.equal(15);
            const rounded = estimateCost([{ name: "x", describe: "x", steps: [{ ...fixed[0].steps[0], minutes: 11 }] }]);
            expect(rounded.environmentHours).to.equal((2 * 15) / 60);
        });

        it("gives the default run's figures", () => {
            const e = estimateCost(CASES);
            // Samples and transitions: hello-api 2, fixed 2, scheduled 10, utilization 1, business-hours 10, warmer 0,
            // rollout 2+4, canary 2+4+4, remove 1+0, swap 2+4, rename 1+1, version 2+2, by-name 1 = 55
            // environment-steps of 15 min (13.75 h); 19 steps of 15 min and the warmer's of 20. The claims only AWS can tell: weighted-alias 0+0 (5+5 min),
            // min-above-max 1 for 13 min (billed 15), out of band 3 for 5 and 3 for 15, warmed alias 2 for 15, scale
            // to zero 1 for 13 (15), fixed after a scheduled action 2 for 13 (15) and 2 for 15, register 2 for 10,
            // deregister 1 for 15, fill-when-idle 3 for 35 = 320 environment-minutes in 159 minutes.
            expect(e.environmentHours).to.be.closeTo(13.75 + 320 / 60, 1e-9);
            expect(e.provisionedUsd).to.be.closeTo((13.75 + 320 / 60) * 3600 * 0.25 * 0.0000033334, 1e-12);
            expect(e.minutes).to.equal(19 * 15 + 20 + 159);
            expect(formatEstimate(CASES, "eu-west-1")).to.match(
                /^test:aws will deploy 22 case\(s\) in eu-west-1 \(hello-api, .*\): at most 19\.08 provisioned environment-hours of 256 MB arm64, about \$0\.057 at us-east-1 prices, at most 464 minutes$/,
            );
        });

        it("stays inside the default time limit", () => {
            const source = fs.readFileSync(path.join(ROOT, "acceptance", "run.ts"), "utf8");
            const limit = Number(/const DEFAULT_TIMEOUT_MINUTES = (\d+);/.exec(source)?.[1]);
            expect(estimateCost(CASES).minutes).to.be.below(limit);
        });
    });

    describe("skipping", () => {
        const empty = fs.mkdtempSync(path.join(os.tmpdir(), "acceptance-home-"));

        it("says the pulumi CLI is missing first, then the credentials", () => {
            expect(skipReason({ PATH: empty }, empty)).to.match(/pulumi CLI is not on PATH/);
            const bin = fakePulumi();
            expect(skipReason({ PATH: bin }, empty)).to.match(/no AWS credentials/);
            expect(skipReason({ PATH: bin, AWS_PROFILE: "dev" }, empty)).to.equal(undefined);
        });

        it("finds credentials where the SDK's default chain looks", () => {
            expect(hasAwsCredentials({}, empty)).to.equal(false);
            expect(hasAwsCredentials({ AWS_ACCESS_KEY_ID: "AKIA" }, empty)).to.equal(false);
            expect(hasAwsCredentials({ AWS_ACCESS_KEY_ID: "AKIA", AWS_SECRET_ACCESS_KEY: "s" }, empty)).to.equal(true);
            expect(hasAwsCredentials({ AWS_WEB_IDENTITY_TOKEN_FILE: "/t" }, empty)).to.equal(true);
            expect(hasAwsCredentials({ AWS_CONTAINER_CREDENTIALS_RELATIVE_URI: "/v2/credentials" }, empty)).to.equal(true);
            const home = fs.mkdtempSync(path.join(os.tmpdir(), "acceptance-home-"));
            fs.mkdirSync(path.join(home, ".aws"));
            fs.writeFileSync(path.join(home, ".aws", "config"), "[default]\nregion = us-east-1\n");
            expect(hasAwsCredentials({}, home)).to.equal(true);
        });
    });

    it("parses the command line", () => {
        expect(parseArguments(["--yes", "fixed", "--timeout-minutes", "30"])).to.deep.equal({ yes: true, timeoutMinutes: 30, cases: ["fixed"] });
        expect(parseArguments([])).to.deep.equal({ yes: false, timeoutMinutes: 480, cases: [] });
        expect(parseArguments(["--timeout-minutes", "0"])).to.match(/positive number/);
        expect(parseArguments(["--force"])).to.match(/unknown option --force/);
    });

    it("reads the stack's names from its exported state, including functions it only configured", () => {
        const stack = "urn:pulumi:acc::lambda-concurrency::";
        const footprint = footprintOf([
            { urn: `${stack}pulumi:pulumi:Stack::lambda-concurrency-acc`, type: "pulumi:pulumi:Stack" },
            { urn: `${stack}aws:lambda/function:Function::fixed-fn`, type: "aws:lambda/function:Function", outputs: { name: "fixed-fn-1a2b3c4" } },
            {
                urn: `${stack}lambda-concurrency:index:UtilizationScaling$aws:lambda/provisionedConcurrencyConfig:ProvisionedConcurrencyConfig::api`,
                type: "aws:lambda/provisionedConcurrencyConfig:ProvisionedConcurrencyConfig",
                outputs: { functionName: "arn:aws:lambda:us-east-1:123456789012:function:ext-fn-9f8e7d6", qualifier: "live" },
            },
            {
                urn: `${stack}lambda-concurrency:index:UtilizationScaling$aws:appautoscaling/target:Target::api-target`,
                type: "aws:appautoscaling/target:Target",
                outputs: { resourceId: "function:ext-fn-9f8e7d6:live" },
            },
            { urn: `${stack}lambda-concurrency:index:LambdaWarmer$aws:iam/role:Role::warmer-role`, type: "aws:iam/role:Role", outputs: { name: "warmer-role-1" } },
            { urn: `${stack}lambda-concurrency:index:LambdaWarmer$aws:cloudwatch/eventRule:EventRule::warmer-0`, type: "aws:cloudwatch/eventRule:EventRule", outputs: { name: "warmer-0-1" } },
            { urn: `${stack}lambda-concurrency:index:LambdaWarmer$aws:cloudwatch/logGroup:LogGroup::warmer-logs`, type: "aws:cloudwatch/logGroup:LogGroup", outputs: { name: "/aws/lambda/warmer-1" } },
            { urn: `${stack}aws:cloudwatch/logGroup:LogGroup::fixed-fn-logs`, type: "aws:cloudwatch/logGroup:LogGroup", outputs: { name: "fixed-fn-logs-1" } },
            {
                urn: `${stack}lambda-concurrency:index:UtilizationScaling$aws:cloudwatch/metricAlarm:MetricAlarm::api-spillover`,
                type: "aws:cloudwatch/metricAlarm:MetricAlarm",
                outputs: { name: "api-spillover-1" },
            },
            {
                urn: `${stack}lambda-concurrency:index:UtilizationScaling$aws:cloudwatch/dashboard:Dashboard::api-dashboard`,
                type: "aws:cloudwatch/dashboard:Dashboard",
                outputs: { dashboardName: "lambda-concurrency-acc-api" },
            },
        ]);
        expect(footprint).to.deep.equal({
            functions: ["fixed-fn-1a2b3c4", "ext-fn-9f8e7d6"],
            resourceIds: ["function:ext-fn-9f8e7d6:live"],
            roles: ["warmer-role-1"],
            rules: ["warmer-0-1"],
            logGroups: ["/aws/lambda/warmer-1", "fixed-fn-logs-1"],
            alarms: ["api-spillover-1"],
            dashboards: ["lambda-concurrency-acc-api"],
            warmerLogGroups: ["/aws/lambda/warmer-1"],
        });
    });

    it("has a permission in acceptance/iam-policy.json for every AWS call the runner makes", () => {
        const source = fs.readFileSync(path.join(ROOT, "acceptance", "run.ts"), "utf8");
        const policy = JSON.parse(fs.readFileSync(path.join(ROOT, "acceptance", "iam-policy.json"), "utf8")) as {
            Statement: { Action: string | string[] }[];
        };
        const allowed = new Set(policy.Statement.flatMap((s) => (Array.isArray(s.Action) ? s.Action : [s.Action])));
        // IAM action prefixes of the SDK clients; Invoke is authorized as lambda:InvokeFunction (Lambda API reference).
        const prefix: Record<string, string> = {
            lambda: "lambda",
            aas: "application-autoscaling",
            iam: "iam",
            events: "events",
            logs: "logs",
            cloudwatch: "cloudwatch",
        };
        const calls = [...source.matchAll(/new aws\.(\w+)\.(\w+)Command\(/g)].map(([, client, command]) =>
            `${prefix[client]}:${command === "Invoke" ? "InvokeFunction" : command}`,
        );
        expect(calls.length).to.be.greaterThan(8);
        expect(calls.filter((c) => !allowed.has(c))).to.deep.equal([]);
    });

    describe("npm run test:aws on a machine without AWS", function () {
        this.timeout(120_000);
        const node = path.dirname(process.execPath);

        function run(env: NodeJS.ProcessEnv, args: string[] = []) {
            return spawnSync(process.execPath, ["-r", "ts-node/register/transpile-only", "acceptance/run.ts", ...args], {
                cwd: ROOT,
                env,
                encoding: "utf8",
            });
        }

        it("prints one line naming the missing pulumi CLI and exits 0", () => {
            const home = fs.mkdtempSync(path.join(os.tmpdir(), "acceptance-home-"));
            const r = run({ PATH: node, HOME: home, AWS_ACCESS_KEY_ID: "AKIA", AWS_SECRET_ACCESS_KEY: "s" });
            expect(r.status).to.equal(0);
            expect(r.stdout).to.equal("test:aws skipped: the pulumi CLI is not on PATH (https://www.pulumi.com/docs/install/)\n");
            expect(r.stderr).to.equal("");
        });

        it("prints one line naming the missing credentials and exits 0", () => {
            const home = fs.mkdtempSync(path.join(os.tmpdir(), "acceptance-home-"));
            const r = run({ PATH: [fakePulumi(), node].join(path.delimiter), HOME: home });
            expect(r.status).to.equal(0);
            expect(r.stdout.trim().split("\n")).to.deep.equal([
                "test:aws skipped: no AWS credentials (set AWS_ACCESS_KEY_ID, AWS_PROFILE or AWS_WEB_IDENTITY_TOKEN_FILE, or configure ~/.aws)",
            ]);
        });

        it("without --yes prints the estimate, deploys nothing and exits 0", () => {
            const home = fs.mkdtempSync(path.join(os.tmpdir(), "acceptance-home-"));
            const env = { PATH: [fakePulumi(), node].join(path.delimiter), HOME: home, AWS_PROFILE: "none", AWS_REGION: "eu-west-1" };
            const r = run(env, ["fixed"]);
            expect(r.status).to.equal(0);
            expect(r.stdout.trim().split("\n")).to.deep.equal([
                "test:aws will deploy 1 case(s) in eu-west-1 (fixed): at most 0.50 provisioned environment-hours of 256 MB arm64, about $0.002 at us-east-1 prices, at most 15 minutes",
                "test:aws: nothing deployed; run `npm run test:aws -- --yes` to accept this estimate",
            ]);
            // The fake pulumi writes a file when run: it never was.
            expect(fs.existsSync(path.join(home, "pulumi-ran"))).to.equal(false);
        });
    });
});

/** A directory holding an executable `pulumi` that only records that it ran (in $HOME/pulumi-ran). */
function fakePulumi(): string {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "fake-pulumi-"));
    const file = path.join(dir, "pulumi");
    fs.writeFileSync(file, '#!/bin/sh\ntouch "$HOME/pulumi-ran"\nexit 1\n');
    fs.chmodSync(file, 0o755);
    return dir;
}
