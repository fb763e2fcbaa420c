// Every case of `npm run test:aws` (acceptance/plan.ts), run end to end by acceptance/run.ts against the AWS stand-in:
// the real Pulumi engine deploys to the stand-in provider, and the runner's AWS SDK clients talk to the stand-in's API
// endpoint (tests/helpers/stand-in/aws-endpoint.ts) over the same account. Only the run's settings differ from a real
// account's: the clients' endpoint, the clock (the stand-in's, which moves when the runner waits, and AWS acts over
// the time that passed), the Pulumi CLI and provider the stacks use, and the samples run inline (no language plugin).
import { expect } from "chai";
import * as crypto from "crypto";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { CASES, type Case } from "../../acceptance/plan";
import { CaseOutcome, runCases, RunSettings } from "../../acceptance/run";
import { setCurrentTime } from "../../components/clock";
import { leftovers, objectKeys, provisionedConcurrency } from "../helpers/lifecycle/aws-model";
import { AwsEndpoint, STAND_IN_CREDENTIALS } from "../helpers/stand-in/aws-endpoint";
import { cliRoot, StandInAccount } from "./harness";

/** Random parts of names (the provider's 7 hex characters) as "*". */
function anonymous(text: string): string {
    return text.replace(/-[0-9a-f]{7}\b/g, "-*");
}

/** A Tuesday, in the `scheduled` sample's day hours and in `business-hours`' opening hours (Europe/Paris). */
const START = new Date("2026-12-01T12:00:00Z");

/** What is expected of a case besides passing with no problem. */
interface Expected {
    /** What the case shows against the stand-in (the test's title). */
    readonly title: string;
    /** How long each step took to settle, in the stand-in's seconds. @default 0 for every step */
    readonly settledAfter?: readonly number[];
    /** What AWS did on its own during the case, minutes after its start. @default none */
    readonly happened?: readonly string[];
    /** The provider calls AWS refused. @default none */
    readonly providerErrors?: readonly string[];
    /** The outcomes reported and not judged. @default none */
    readonly reports?: readonly string[];
    /**
     * How long the stand-in takes to allocate a new configuration, in real ms (tests/helpers/stand-in/allocation.ts).
     * @default 0: at once
     */
    readonly allocationMs?: number;
}

const EXPECTED: Readonly<Record<string, Expected>> = {
    "hello-api": { title: "2 on the alias, READY, invoked on a provisioned environment" },
    fixed: { title: "2 on the version, READY, invoked on a provisioned environment" },
    scheduled: { title: "10 in force at noon on the alias, its two actions registered" },
    utilization: { title: "1 to 10 on the alias, tracking 80%" },
    "business-hours": { title: "10 to 50 in force (Paris business hours), tracking 70%, its alarms and dashboard" },
    warmer: {
        title: "the rule fires 5 minutes after creation; the warmer's report says it reached 3 of 3",
        settledAfter: [300],
        happened: ["+5 min rule warmer-schedule-*: warm-up-plan-0: warmer-* ran: 3 of 3 instances reached; 1 line(s) logged to warmer-logs-*"],
    },
    rollout: {
        title: "revision 1 live on its version's 2, then revision 2 live on its own 2 and the old version's configuration gone; requests during the deploy on version 1 then 2, none cold",
        // Long enough for several of the load's requests (5 a second) to reach a version still allocating, were the
        // alias moved too soon.
        allocationMs: 2000,
        // The first deploy asks AWS how the alias routes (a canary to take over?): there is no alias yet.
        providerErrors: [
            "invoke aws:lambda/getAlias:getAlias: getting Lambda alias: operation error Lambda: GetAlias, https response error StatusCode: 404, RequestID: stand-in, ResourceNotFoundException: Alias not found: arn:aws:lambda:us-east-1:123456789012:function:rollout-fn-*:live",
        ],
    },
    canary: {
        title: "revision 2 as a 10% canary on its own 2 environments beside revision 1's 2, then promoted: revision 2 alone, provisioned",
        providerErrors: [
            "invoke aws:lambda/getAlias:getAlias: getting Lambda alias: operation error Lambda: GetAlias, https response error StatusCode: 404, RequestID: stand-in, ResourceNotFoundException: Alias not found: arn:aws:lambda:us-east-1:123456789012:function:rollout-fn-*:live",
        ],
    },
    "remove-scaling": { title: "the policy, target and configuration go" },
    "fixed-to-utilization": { title: "the swap keeps one configuration on the alias, now tracked" },
    "rename-with-aliases": { title: "the rename creates, replaces and deletes nothing" },
    "version-to-alias": { title: "nothing left on the version" },
    "by-name": { title: "destroy leaves no configuration on the function the stack did not create" },
    "weighted-alias": {
        title: "Lambda's refusal fails the up; no configuration",
        providerErrors: ["create api: PutProvisionedConcurrencyConfig: InvalidParameterValueException: Alias with weights can not be used with Provisioned Concurrency"],
    },
    "min-above-max": {
        title: "the at() action fails as a scaling activity; the bounds stay 1-1",
        happened: ["+3 min scheduled action raise-min on function:mam-fn-*:live: bounds 1-1; Failed (capacity 3: Minimum capacity cannot be greater than maximum capacity)"],
    },
    "configured-out-of-band": { title: "the up overwrites the 3 put out of band with 2; destroy removes it" },
    "warmer-on-provisioned-alias": { title: "invoking the alias lands on the version's provisioned environments" },
    "scale-to-zero": {
        title: "the action to 0 deletes the configuration",
        happened: ["+3 min scheduled action off on function:zero-fn-*:live: bounds 0-0; Successful (capacity 0)"],
    },
    "fixed-after-scheduled-action": {
        title: "FixedConcurrency(2) brings the 1 the at() action set back to 2",
        happened: ["+3 min scheduled action low on function:fas-fn-*:live: bounds 1-1; Successful (capacity 1)"],
    },
    "register-without-config": { title: "registering a target creates a configuration at the minimum" },
    "deregister-leaves-capacity": { title: "the configuration stays after deregistering" },
    "fill-when-idle": {
        title: "reported, not judged: the stand-in does not play target tracking's alarms, so nothing scales in",
        reports: [
            "fill-fn-*:live: after 20 idle minutes 3 -> 3 requested (minimum 1): did not scale in (against the AWS stand-in, which does not play target tracking's alarms: not evidence)",
        ],
    },
};

/** The calls acceptance/run.ts makes over the whole run (service, operation), as the endpoint received them. */
const RUNNER_OPERATIONS = [
    "application-autoscaling DeregisterScalableTarget",
    "application-autoscaling DescribeScalableTargets",
    "application-autoscaling DescribeScalingActivities",
    "application-autoscaling DescribeScalingPolicies",
    "application-autoscaling DescribeScheduledActions",
    "application-autoscaling RegisterScalableTarget",
    "cloudwatch DescribeAlarms",
    "cloudwatch ListDashboards",
    "events DescribeRule",
    "iam GetRole",
    "lambda DeleteProvisionedConcurrencyConfig",
    "lambda GetProvisionedConcurrencyConfig",
    "lambda Invoke",
    "lambda ListProvisionedConcurrencyConfigs",
    "lambda PutProvisionedConcurrencyConfig",
    "logs DescribeLogGroups",
    "logs FilterLogEvents",
];

/** A deploy's load as the runner prints it, its counts of requests (which follow the real time the up takes) as "*". */
function withoutRequestCounts(line: string): string {
    return line.replace(/^ {2}under load: \d+ requests, \d+ on version (\S+) then \d+ after;/, "  under load: * requests, * on version $1 then * after;");
}

/**
 * What the runner prints for a case whose steps settle as declared: the case, each step's up, settling, load (the
 * version before the up: the step's index) and probe, the destroy.
 */
function printedFor(c: Case, settledAfter: readonly number[], reports: readonly string[]): string[] {
    const lines = [`[${c.name}] ${c.describe}`];
    c.steps.forEach((step, i) => {
        lines.push(`[${c.name}] step ${i + 1}/${c.steps.length}: up`, `  settled as declared after ${settledAfter[i]} s`);
        if (step.load !== undefined) {
            lines.push(`  under load: * requests, * on version ${i} then * after; 0 ColdStart line(s)`);
        }
        if (step.probe !== undefined) {
            lines.push(`[${c.name}] step ${i + 1}: ${step.probe}`);
        }
    });
    // A report is printed by the last step's probe (fill-when-idle has one step).
    return [...lines, ...reports.map((r) => `  REPORT ${r}`), `[${c.name}] destroy`];
}

describe("acceptance cases (npm run test:aws) against the AWS stand-in, under the real Pulumi engine", function () {
    let account: StandInAccount;
    let endpoint: AwsEndpoint;
    let folder: string;
    let settings: RunSettings;
    const lines: string[] = [];

    before(async function () {
        const root = cliRoot();
        if (root === undefined) {
            this.skip();
        }
        account = new StandInAccount();
        const port = await account.start();
        endpoint = await AwsEndpoint.start({ aws: account.aws, start: START });
        setCurrentTime(endpoint.now());
        folder = fs.mkdtempSync(path.join(os.tmpdir(), "lambda-concurrency-acceptance-engine-"));
        const automation = await import("@pulumi/pulumi/automation");
        settings = {
            endpoint: endpoint.url,
            credentials: STAND_IN_CREDENTIALS,
            // The stand-in allocates at once and moves its clock only when the runner waits: the real account's
            // polling and settle times, passed in no time.
            pollMs: 15_000,
            settleMs: 10 * 60_000,
            warmerSettleMs: 12 * 60_000,
            clock: {
                now: () => endpoint.now(),
                sleep: async (ms) => {
                    await endpoint.passTime(ms);
                    // The programs' at() actions are computed from the components' clock: the stand-in's.
                    setCurrentTime(endpoint.now());
                },
            },
            workspace: {
                pulumiCommand: await automation.PulumiCommand.get({ root }),
                pulumiHome: path.join(folder, ".pulumi-home"),
                envVars: {
                    PULUMI_DEBUG_PROVIDERS: `aws:${port}`,
                    PULUMI_SKIP_UPDATE_CHECK: "true",
                    PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION: "true",
                },
            },
            inlineSamples: true,
            reportNote: "against the AWS stand-in, which does not play target tracking's alarms: not evidence",
            log: (line) => lines.push(line),
        };
    });

    after(async () => {
        setCurrentTime(undefined);
        await endpoint?.close();
        await account?.stop();
        if (folder !== undefined) {
            fs.rmSync(folder, { recursive: true, force: true });
        }
    });

    /** A case's record: what the runner concluded and printed, what AWS did on its own, what the engine was refused. */
    interface CaseRecord {
        outcome: CaseOutcome;
        printed: string[];
        happened: string[];
        providerErrors: string[];
        left: string[];
    }

    async function run(name: string): Promise<CaseRecord> {
        const c = CASES.find((x) => x.name === name);
        if (c === undefined) {
            throw new Error(`no case ${name}`);
        }
        const before = objectKeys(account.aws);
        const start = endpoint.now().getTime();
        const firstHappening = endpoint.happened.length;
        const firstCall = account.provider.log.length;
        lines.length = 0;
        const [outcome] = await runCases([c], {
            region: "us-east-1",
            runId: `acc-${crypto.randomBytes(3).toString("hex")}`,
            envVars: { PULUMI_BACKEND_URL: `file://${folder}`, PULUMI_CONFIG_PASSPHRASE: "lambda-concurrency-acceptance-engine" },
            backend: `file://${folder}`,
            signal: new AbortController().signal,
            settings,
        });
        return {
            outcome: { ...outcome, reports: outcome.reports.map(anonymous) },
            printed: lines.map(anonymous).map(withoutRequestCounts),
            happened: endpoint.happened.slice(firstHappening).map((h) => {
                const [at, ...what] = h.split(" ");
                return anonymous(`+${(Date.parse(at) - start) / 60_000} min ${what.join(" ")}`);
            }),
            providerErrors: account.provider.log.slice(firstCall).flatMap((call) => (call.error === undefined ? [] : [anonymous(`${call.method} ${call.urn.split("::").pop() ?? ""}: ${call.error}`)])),
            left: leftovers(account.aws, before).map((o) => o.key),
        };
    }

    it("expects something of every case of the plan, and of no other", () => {
        expect(Object.keys(EXPECTED).sort()).to.deep.equal(CASES.map((c) => c.name).sort());
    });

    let casesRun = 0;
    for (const c of CASES) {
        const expected: Expected = EXPECTED[c.name] ?? { title: "(not in EXPECTED)" };
        it(`${c.name}: ${expected.title}`, async () => {
            account.provider.allocationMs = expected.allocationMs ?? 0;
            let record: CaseRecord;
            try {
                record = await run(c.name);
            } finally {
                account.provider.allocationMs = 0;
            }
            casesRun += 1;
            const reports = expected.reports ?? [];
            expect(record.outcome).to.deep.equal({ name: c.name, problems: [], reports });
            expect(record.printed).to.deep.equal(printedFor(c, expected.settledAfter ?? c.steps.map(() => 0), reports));
            expect(record.happened).to.deep.equal(expected.happened ?? []);
            expect(record.providerErrors).to.deep.equal(expected.providerErrors ?? []);
            // Every stack destroyed and removed, and nothing of it left in the account.
            expect(record.left).to.deep.equal([]);
            expect(provisionedConcurrency(account.aws)).to.deep.equal([]);
            // ... and every stack removed from the backend (its checkpoint gone; the backend keeps a .bak of it).
            expect(fs.readdirSync(path.join(folder, ".pulumi", "stacks", "lambda-concurrency-acceptance")).filter((f) => f.endsWith(".json"))).to.deep.equal([]);
        });
    }

    it("answered every call the runner made, and only these operations were called", function () {
        if (casesRun < CASES.length) {
            this.skip();
        }
        expect([...new Set(endpoint.requests.map((r) => `${r.service} ${r.operation}`))].sort()).to.deep.equal(RUNNER_OPERATIONS);
    });
});
