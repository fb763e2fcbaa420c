// `lambda-concurrency plan`: runs a Pulumi program under the SDK's own mock runtime, with mocks that compute what
// the AWS provider would, and prints what `pulumi up` would create: the tree of components and resources with the
// inputs that matter, and totals. No AWS call, no Pulumi CLI.
import * as path from "path";
import * as pulumi from "@pulumi/pulumi";
import { AwsLikeMocks, RecordedResource, installAwsLikeMocks, waitForRegistrations } from "./mock-aws";
import { capacityWeekNotes, policyDocumentNotes, provisionedConcurrencyNotes, trackingPolicyNotes } from "./plan-notes";
import { setCurrentTime } from "../components/clock";

/** Where the command writes; injected so tests can read it. */
export interface PlanIO {
    stdout: (text: string) => void;
    stderr: (text: string) => void;
}

/** The project and stack names the plan runs under (the project is Pulumi.yaml's). */
export const PLAN_PROJECT = "lambda-concurrency";
export const PLAN_STACK = "dev";

/** One node of the planned tree. */
export interface PlannedResource {
    type: string;
    name: string;
    urn: string;
    parent?: string;
    custom: boolean;
    /** The physical name the provider would give it, where it has one. */
    physicalName?: string;
    /** The inputs worth reading, already shortened for display. */
    inputs: Record<string, unknown>;
    /** Extra lines that explain the resource (a scalable target's capacity over the week, say). */
    notes: string[];
    children: PlannedResource[];
}

export interface PlanTotals {
    resources: number;
    components: number;
    awsResources: number;
    byType: Record<string, number>;
    /** The sum of provisionedConcurrentExecutions over all ProvisionedConcurrencyConfigs, as they are created. */
    provisionedConcurrentExecutions: number;
}

export interface Plan {
    scenario?: string;
    program: string;
    roots: PlannedResource[];
    totals: PlanTotals;
    outputs: Record<string, unknown>;
}

/** Adds explanatory lines to resources of one type. */
export type ResourceNoter = (resource: RecordedResource, all: RecordedResource[], now: Date) => string[];
export const RESOURCE_NOTERS: Record<string, ResourceNoter> = {
    "aws:lambda/provisionedConcurrencyConfig:ProvisionedConcurrencyConfig": (config) => provisionedConcurrencyNotes(config),
    "aws:appautoscaling/target:Target": capacityWeekNotes,
    "aws:appautoscaling/policy:Policy": (policy) => trackingPolicyNotes(policy),
    "aws:iam/policy:Policy": (policy) => policyDocumentNotes(policy),
    "aws:iam/rolePolicy:RolePolicy": (policy) => policyDocumentNotes(policy),
};

// Inputs that are noise in a plan: the code archive and policy documents are shown by size, not content.
const SUMMARIZED_INPUTS = new Set(["code", "assumeRolePolicy", "policy"]);
const MAX_VALUE_LENGTH = 100;

/** A short, readable form of an input value. */
export function displayValue(key: string, value: unknown): unknown {
    if (SUMMARIZED_INPUTS.has(key)) {
        if (typeof value === "string") {
            return `(${value.length} bytes)`;
        }
        if (value !== null && typeof value === "object") {
            // An AssetArchive holds its assets behind a promise, so only its kind can be shown here.
            return "(archive)";
        }
    }
    if (typeof value === "string" || typeof value === "number" || typeof value === "boolean") {
        return typeof value === "string" && value.length > MAX_VALUE_LENGTH ? `${value.slice(0, MAX_VALUE_LENGTH - 3)}...` : value;
    }
    const json = JSON.stringify(value);
    if (json === undefined) {
        return String(value);
    }
    return json.length > MAX_VALUE_LENGTH ? `${json.slice(0, MAX_VALUE_LENGTH - 3)}...` : value;
}

/** Builds the tree and totals from what the mocks recorded. */
export function buildPlan(
    recorded: RecordedResource[],
    program: string,
    outputs: Record<string, unknown>,
    scenario?: string,
    now: Date = new Date(),
): Plan {
    const nodes = new Map<string, PlannedResource>();
    for (const r of recorded) {
        const inputs: Record<string, unknown> = {};
        for (const key of Object.keys(r.inputs).sort()) {
            if (key.startsWith("__") || r.inputs[key] === undefined) {
                continue;
            }
            inputs[key] = displayValue(key, r.inputs[key]);
        }
        const physical = r.state.name;
        const noter = RESOURCE_NOTERS[r.type];
        nodes.set(r.urn, {
            type: r.type,
            name: r.name,
            urn: r.urn,
            parent: r.parent,
            custom: r.custom,
            physicalName: r.custom && typeof physical === "string" && physical !== r.inputs.name ? physical : undefined,
            inputs,
            notes: noter !== undefined ? noter(r, recorded, now) : [],
            children: [],
        });
    }
    const roots: PlannedResource[] = [];
    for (const node of nodes.values()) {
        const parent = node.parent !== undefined ? nodes.get(node.parent) : undefined;
        (parent !== undefined ? parent.children : roots).push(node);
    }
    const byType: Record<string, number> = {};
    let provisioned = 0;
    for (const r of recorded) {
        byType[r.type] = (byType[r.type] ?? 0) + 1;
        if (r.type === "aws:lambda/provisionedConcurrencyConfig:ProvisionedConcurrencyConfig") {
            const count = r.inputs.provisionedConcurrentExecutions;
            provisioned += typeof count === "number" ? count : 0;
        }
    }
    const components = recorded.filter((r) => !r.custom).length;
    return {
        scenario,
        program,
        roots,
        totals: {
            resources: recorded.length,
            components,
            awsResources: recorded.length - components,
            byType,
            provisionedConcurrentExecutions: provisioned,
        },
        outputs,
    };
}

/** The plan as an indented tree, in the spirit of `pulumi preview`. */
export function formatPlan(plan: Plan): string {
    const lines: string[] = [];
    const title = plan.scenario !== undefined ? `scenario "${plan.scenario}"` : plan.program;
    lines.push(`Plan of ${title}: what \`pulumi up\` would create (offline, under Pulumi's mock runtime; no AWS call)`);
    lines.push("");
    const walk = (node: PlannedResource, prefix: string, childPrefix: string): void => {
        const physical = node.physicalName !== undefined ? `  (AWS name ${node.physicalName})` : "";
        lines.push(`${prefix}+ ${node.type}  ${node.name}${physical}`);
        const detail = childPrefix + (node.children.length > 0 ? "│    " : "     ");
        for (const [key, value] of Object.entries(node.inputs)) {
            lines.push(`${detail}${key}: ${typeof value === "string" ? value : JSON.stringify(value)}`);
        }
        for (const note of node.notes) {
            lines.push(`${detail}${note}`);
        }
        node.children.forEach((child, index) => {
            const last = index === node.children.length - 1;
            walk(child, `${childPrefix}${last ? "└─ " : "├─ "}`, `${childPrefix}${last ? "   " : "│  "}`);
        });
    };
    for (const root of plan.roots) {
        walk(root, "", "");
    }
    const t = plan.totals;
    lines.push("");
    lines.push(
        `Totals: ${t.resources} to create: ${plural(t.awsResources, "AWS resource")}, ${plural(t.components, "component")}; ${plural(t.provisionedConcurrentExecutions, "provisioned environment")} when created`,
    );
    for (const [type, count] of Object.entries(t.byType).sort(([a], [b]) => a.localeCompare(b))) {
        lines.push(`  ${String(count).padStart(3)}  ${type}`);
    }
    const outputKeys = Object.keys(plan.outputs);
    if (outputKeys.length > 0) {
        lines.push("");
        lines.push("Outputs:");
        for (const key of outputKeys) {
            lines.push(`  ${key}: ${JSON.stringify(plan.outputs[key])}`);
        }
    }
    return lines.join("\n") + "\n";
}

function plural(count: number, noun: string): string {
    return `${count} ${noun}${count === 1 ? "" : "s"}`;
}

const USAGE = `usage: lambda-concurrency plan [SCENARIO] [--json] [--program PATH] [--now TIME] [--list]

  SCENARIO        a sample program of this repository (programs/scenarios.ts); default: the default scenario
  --program PATH  plan any Pulumi program module instead (JavaScript, or TypeScript under ts-node)
  --json          print the plan as JSON
  --now TIME      start the capacity timelines at this ISO 8601 instant instead of now (for reproducible plans)
  --list          list the sample scenarios
`;

interface PlanArguments {
    scenario?: string;
    program?: string;
    json: boolean;
    list: boolean;
    now?: Date;
}

/** Parses the command's arguments; returns a message for bad ones. */
export function parsePlanArguments(argv: string[]): PlanArguments | { error: string } {
    const parsed: PlanArguments = { json: false, list: false };
    for (let i = 0; i < argv.length; i++) {
        const arg = argv[i];
        if (arg === "--json") {
            parsed.json = true;
        } else if (arg === "--list") {
            parsed.list = true;
        } else if (arg === "--program") {
            const value = argv[++i];
            if (value === undefined || value.startsWith("--")) {
                return { error: "--program needs a path" };
            }
            parsed.program = value;
        } else if (arg === "--now") {
            const value = argv[++i];
            const parsedNow = value === undefined ? NaN : Date.parse(value);
            if (value === undefined || Number.isNaN(parsedNow)) {
                return { error: `--now needs an ISO 8601 instant such as 2026-11-30T00:00:00Z, got ${value === undefined ? "nothing" : `"${value}"`}` };
            }
            parsed.now = new Date(parsedNow);
        } else if (arg.startsWith("--")) {
            return { error: `unknown flag ${arg}` };
        } else if (parsed.scenario === undefined) {
            parsed.scenario = arg;
        } else {
            return { error: `one scenario at a time; got "${parsed.scenario}" and "${arg}"` };
        }
    }
    if (parsed.scenario !== undefined && parsed.program !== undefined) {
        return { error: "give a SCENARIO or --program, not both" };
    }
    return parsed;
}

/** Loads the sample scenarios, which live in the repository (not in the published package). */
function loadScenarios(): { DEFAULT_SCENARIO: string; SCENARIOS: Record<string, { describe: string }> } | undefined {
    try {
        // eslint-disable-next-line @typescript-eslint/no-require-imports
        return require(path.join(__dirname, "..", "programs", "scenarios")) as {
            DEFAULT_SCENARIO: string;
            SCENARIOS: Record<string, { describe: string }>;
        };
    } catch {
        return undefined;
    }
}

/** Runs the command; returns the exit code. */
export async function runPlan(argv: string[], io: PlanIO): Promise<number> {
    const args = parsePlanArguments(argv);
    if ("error" in args) {
        io.stderr(`lambda-concurrency plan: ${args.error}\n${USAGE}`);
        return 2;
    }
    let programPath: string;
    let scenario: string | undefined;
    if (args.program !== undefined) {
        programPath = path.resolve(args.program);
    } else {
        const samples = loadScenarios();
        if (samples === undefined) {
            io.stderr("lambda-concurrency plan: the sample programs are only in the repository; use --program PATH\n");
            return 2;
        }
        if (args.list) {
            for (const [name, sample] of Object.entries(samples.SCENARIOS)) {
                io.stdout(`${name.padEnd(16)} ${sample.describe}${name === samples.DEFAULT_SCENARIO ? " (default)" : ""}\n`);
            }
            return 0;
        }
        scenario = args.scenario ?? samples.DEFAULT_SCENARIO;
        if (samples.SCENARIOS[scenario] === undefined) {
            io.stderr(
                `lambda-concurrency plan: unknown scenario "${scenario}"; choose one of ${Object.keys(samples.SCENARIOS).join(", ")}\n`,
            );
            return 2;
        }
        programPath = path.join(__dirname, "..", "programs", "index");
    }

    const mocks: AwsLikeMocks = installAwsLikeMocks({ project: PLAN_PROJECT, stack: PLAN_STACK });
    // The components read the clock for what the schedules have in force; --now makes the plan reproducible.
    setCurrentTime(args.now);
    if (scenario !== undefined) {
        pulumi.runtime.setConfig(`${PLAN_PROJECT}:scenario`, scenario);
    }
    // A check that fails on an Output's value surfaces as a rejected registration: collect those as failures.
    const failures: unknown[] = [];
    const onRejection = (reason: unknown): void => {
        failures.push(reason);
    };
    process.on("unhandledRejection", onRejection);
    let outputs: Record<string, unknown> = {};
    try {
        // eslint-disable-next-line @typescript-eslint/no-require-imports
        const exported = require(programPath) as unknown;
        await waitForRegistrations();
        outputs = await resolveOutputs(exported);
        await waitForRegistrations();
    } catch (error) {
        failures.push(error);
    } finally {
        // Let rejections of the last registrations reach the handler before it goes.
        await new Promise((resolve) => setImmediate(resolve));
        process.off("unhandledRejection", onRejection);
    }
    if (failures.length > 0) {
        const messages = [...new Set(failures.map((f) => (f instanceof Error ? f.message : String(f))))];
        io.stderr(`lambda-concurrency plan: the program failed; \`pulumi up\` would stop here:\n${messages.map((m) => `  ${m}`).join("\n")}\n`);
        return 1;
    }
    const plan = buildPlan(mocks.resources, path.relative(process.cwd(), programPath) || ".", outputs, scenario, args.now);
    io.stdout(args.json ? JSON.stringify(plan, null, 2) + "\n" : formatPlan(plan));
    return 0;
}

/** The program's exports with every Output resolved (what `pulumi stack output` would show). */
async function resolveOutputs(exported: unknown): Promise<Record<string, unknown>> {
    if (exported === null || typeof exported !== "object") {
        return {};
    }
    const resolved = await (pulumi.output(exported) as unknown as { promise(): Promise<unknown> }).promise();
    return resolved !== null && typeof resolved === "object" ? (resolved as Record<string, unknown>) : {};
}
