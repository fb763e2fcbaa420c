// `lambda-concurrency plan`: runs a Pulumi program under the SDK's own mock runtime, with mocks that compute what
// the AWS provider would, and prints what `pulumi up` would create: the tree of components and resources with the
// inputs that matter, what each waits for, totals, and what it costs a month. No AWS call, no Pulumi CLI.
//
// The program is the user's (a project folder with Pulumi.yaml, or an entry file), run as the Pulumi CLI runs it:
// the project's name and a stack's config (Pulumi.<stack>.yaml) in the runtime, TypeScript through the project's own
// ts-node, the project folder as the working directory. This repository's sample scenarios are the same thing with
// the repository as the project and `scenario` in the config.
import { closestWord } from "../components/suggest";
import * as fs from "fs";
import * as path from "path";
import * as pulumi from "@pulumi/pulumi";
import { AwsLikeMocks, MOCK_ACCOUNT_ID, MOCK_REGION, RecordedResource, installAwsLikeMocks, waitForRegistrations } from "../testing/mock-aws";
import {
    PlanCost,
    capacityWeekNotes,
    formatCost,
    planCost,
    policyDocumentNotes,
    prewarmOrderNotes,
    provisionedConcurrencyNotes,
    warmAliasNotes,
    trackingPolicyNotes,
} from "./plan-notes";
import { setCurrentTime } from "../components/clock";

/** Where the command writes; injected so tests can read it. */
export interface PlanIO {
    stdout: (text: string) => void;
    stderr: (text: string) => void;
}

/** The stack the plan runs as when none is named (`--stack`). */
export const PLAN_STACK = "dev";

/** One resource another waits for, by logical name. */
export interface PlannedDependency {
    type: string;
    name: string;
    urn: string;
    /** Why: the inputs whose values come from it, and "dependsOn" when the program says so (or neither is known). */
    via: string[];
}

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
    /** What it waits for: the resources its inputs come from and its dependsOn (its parent is not listed). */
    dependencies: PlannedDependency[];
    /** Extra lines that explain the resource (a scalable target's capacity over the week, say). */
    notes: string[];
    children: PlannedResource[];
    /** Set for a read of an existing resource (Resource.get): its id. Read on every `up`, never created. */
    readId?: string;
}

export interface PlanTotals {
    resources: number;
    components: number;
    awsResources: number;
    byType: Record<string, number>;
    /** The sum of provisionedConcurrentExecutions over all ProvisionedConcurrencyConfigs, as they are created. */
    provisionedConcurrentExecutions: number;
}

/** Where the program runs: the project and stack in every URN, the mocked provider's region and account. */
export interface PlanTarget {
    project: string;
    stack: string;
    region: string;
    /** Where the region came from: "aws:region" config, or "default" when the config has none. */
    regionSource: "config" | "default";
    accountId: string;
    /** The stack's config file that was read, relative to the project, if there was one. */
    stackConfigFile?: string;
    /** Stack config keys whose values are encrypted (`secure:`): not decrypted offline. */
    secureKeys?: string[];
}

export interface Plan {
    scenario?: string;
    program: string;
    target: PlanTarget;
    roots: PlannedResource[];
    totals: PlanTotals;
    cost: PlanCost;
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
    "aws:lambda/invocation:Invocation": prewarmOrderNotes,
    "aws:lambda/alias:Alias": (alias, all) => warmAliasNotes(alias, all),
};

// Inputs that are noise in a plan: the code archive and policy documents are shown by size, not content.
const SUMMARIZED_INPUTS = new Set(["code", "assumeRolePolicy", "policy"]);
// Long enough for a flat object such as a scalable target's suspendedState (104 characters as JSON).
const MAX_VALUE_LENGTH = 120;

/** A short, readable form of an input value. */
export function displayValue(key: string, value: unknown): unknown {
    if (SUMMARIZED_INPUTS.has(key)) {
        if (typeof value === "string") {
            return `(${value.length} bytes)`;
        }
        if (pulumi.asset.Archive.isInstance(value) || pulumi.asset.Asset.isInstance(value)) {
            // An AssetArchive holds its assets behind a promise, so only its kind can be shown here.
            return pulumi.asset.Archive.isInstance(value) ? "(archive)" : "(asset)";
        }
        if (value !== null && typeof value === "object") {
            // A policy document given as an object: the provider sends it as JSON.
            return `(${JSON.stringify(value).length} bytes)`;
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

/** The last part of a type token (`aws:iam/role:Role` is `Role`). */
function shortType(type: string): string {
    return type.split(":").pop() ?? type;
}

/** The resources `r` waits for, by logical name, with the inputs that make it wait. */
function dependenciesOf(r: RecordedResource, byUrn: Map<string, RecordedResource>): PlannedDependency[] {
    const via = new Map<string, Set<string>>();
    const note = (urn: string, reason: string): void => {
        const reasons = via.get(urn) ?? new Set<string>();
        reasons.add(reason);
        via.set(urn, reasons);
    };
    for (const [input, urns] of Object.entries(r.propertyDependencies ?? {})) {
        for (const urn of urns) {
            note(urn, input);
        }
    }
    // What no input explains comes from dependsOn (the SDK sends both in one list).
    for (const urn of r.dependencies) {
        if (!via.has(urn)) {
            note(urn, r.propertyDependencies === undefined ? "dependency" : "dependsOn");
        }
    }
    return [...via.entries()]
        .filter(([urn]) => urn !== r.parent)
        .map(([urn, reasons]) => {
            const target = byUrn.get(urn);
            const name = target?.name ?? urn.split("::").pop() ?? urn;
            const type = target?.type ?? (urn.split("::")[2] ?? "").split("$").pop() ?? "";
            return { type, name, urn, via: [...reasons].sort() };
        });
}

/** Where the plan ran, when the caller does not say (the defaults of the mocks). */
export const DEFAULT_PLAN_TARGET: PlanTarget = {
    project: "project",
    stack: PLAN_STACK,
    region: MOCK_REGION,
    regionSource: "default",
    accountId: MOCK_ACCOUNT_ID,
};

/** What buildPlan needs besides the recorded resources. */
export interface PlanContext {
    program: string;
    scenario?: string;
    target?: PlanTarget;
    outputs?: Record<string, unknown>;
    /** The start of the capacity timelines and of the cost's week. */
    now?: Date;
}

/** Builds the tree, totals and cost from what the mocks recorded. */
export function buildPlan(recorded: RecordedResource[], context: PlanContext): Plan {
    const now = context.now ?? new Date();
    const byUrn = new Map(recorded.map((r) => [r.urn, r]));
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
        const noter = r.read === true ? undefined : RESOURCE_NOTERS[r.type];
        nodes.set(r.urn, {
            type: r.type,
            name: r.name,
            urn: r.urn,
            parent: r.parent,
            custom: r.custom,
            physicalName: r.custom && typeof physical === "string" && physical !== r.inputs.name ? physical : undefined,
            inputs,
            dependencies: dependenciesOf(r, byUrn),
            notes: noter !== undefined ? noter(r, recorded, now) : [],
            children: [],
            ...(r.read === true ? { readId: r.id } : {}),
        });
    }
    const roots: PlannedResource[] = [];
    for (const node of nodes.values()) {
        const parent = node.parent !== undefined ? nodes.get(node.parent) : undefined;
        (parent !== undefined ? parent.children : roots).push(node);
    }
    // Reads are not created: they count neither in the totals nor in the cost.
    const managed = recorded.filter((r) => r.read !== true);
    const byType: Record<string, number> = {};
    let provisioned = 0;
    for (const r of managed) {
        byType[r.type] = (byType[r.type] ?? 0) + 1;
        if (r.type === "aws:lambda/provisionedConcurrencyConfig:ProvisionedConcurrencyConfig") {
            const count = r.inputs.provisionedConcurrentExecutions;
            provisioned += typeof count === "number" ? count : 0;
        }
    }
    const components = managed.filter((r) => !r.custom).length;
    return {
        scenario: context.scenario,
        program: context.program,
        target: context.target ?? DEFAULT_PLAN_TARGET,
        roots,
        totals: {
            resources: managed.length,
            components,
            awsResources: managed.length - components,
            byType,
            provisionedConcurrentExecutions: provisioned,
        },
        cost: planCost(managed, now),
        outputs: context.outputs ?? {},
    };
}

/** "a, b (Role) via role" for a resource's dependencies; names shared by several resources get their type. */
function formatDependencies(dependencies: readonly PlannedDependency[], nameCounts: Map<string, number>): string {
    return dependencies
        .map((d) => {
            const name = (nameCounts.get(d.name) ?? 0) > 1 ? `${d.name} (${shortType(d.type)})` : d.name;
            return `${name} via ${d.via.join(", ")}`;
        })
        .join("; ");
}

/** The line that says where the plan runs: project, stack, region and account. */
function formatTarget(target: PlanTarget): string {
    const stack = target.stackConfigFile !== undefined ? `stack ${target.stack} (config from ${target.stackConfigFile})` : `stack ${target.stack}`;
    const region = target.regionSource === "default" ? `region ${target.region} (aws:region not set; assumed)` : `region ${target.region}`;
    const secure =
        target.secureKeys !== undefined && target.secureKeys.length > 0
            ? `; secure config not decrypted offline, give it with --config: ${target.secureKeys.join(", ")}`
            : "";
    return `Project ${target.project}, ${stack}, ${region}, account ${target.accountId} (mocked)${secure}`;
}

/** The plan as an indented tree, in the spirit of `pulumi preview`. */
export function formatPlan(plan: Plan): string {
    const lines: string[] = [];
    const title = plan.scenario !== undefined ? `scenario "${plan.scenario}"` : plan.program;
    lines.push(`Plan of ${title}: what \`pulumi up\` would create (offline, under Pulumi's mock runtime; no AWS call)`);
    lines.push(formatTarget(plan.target));
    lines.push("");
    const nameCounts = new Map<string, number>();
    const count = (node: PlannedResource): void => {
        nameCounts.set(node.name, (nameCounts.get(node.name) ?? 0) + 1);
        node.children.forEach(count);
    };
    plan.roots.forEach(count);
    const walk = (node: PlannedResource, prefix: string, childPrefix: string): void => {
        const physical = node.physicalName !== undefined ? `  (AWS name ${node.physicalName})` : "";
        lines.push(
            node.readId !== undefined
                ? `${prefix}= ${node.type}  ${node.name}  (read from AWS on every up, never created: ${node.readId})`
                : `${prefix}+ ${node.type}  ${node.name}${physical}`,
        );
        const detail = childPrefix + (node.children.length > 0 ? "│    " : "     ");
        for (const [key, value] of Object.entries(node.inputs)) {
            lines.push(`${detail}${key}: ${typeof value === "string" ? value : JSON.stringify(value)}`);
        }
        if (node.dependencies.length > 0) {
            lines.push(`${detail}depends on: ${formatDependencies(node.dependencies, nameCounts)}`);
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
    for (const [type, n] of Object.entries(t.byType).sort(([a], [b]) => a.localeCompare(b))) {
        lines.push(`  ${String(n).padStart(3)}  ${type}`);
    }
    const cost = formatCost(plan.cost, plan.target.region);
    if (cost.length > 0) {
        lines.push("");
        lines.push(...cost);
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

export const PLAN_USAGE = `usage: lambda-concurrency plan --program PATH [--stack NAME] [--config KEY=VALUE]... [--json] [--now TIME]
       lambda-concurrency plan [SCENARIO] [--json] [--now TIME] [--list]     (in a clone of this repository)

Prints what \`pulumi up\` would create for a Pulumi program, offline: the program runs under Pulumi's mock runtime,
with mocks that compute what the AWS provider would. No AWS account, no Pulumi CLI.

Your program:
  --program PATH        a project folder with Pulumi.yaml (its main, and runtime.options.typescript), or the
                        program's entry file (.js, or .ts run with ts-node from your project, as Pulumi does)
  -s, --stack NAME      the stack: its name in every URN, its config from Pulumi.NAME.yaml; default: dev
  -c, --config KEY=VALUE  a config value over the stack's (repeatable); KEY without a namespace is the project's;
                        aws:region sets the region in names and ARNs (default us-east-1)
  --json                print the plan as JSON
  --now TIME            start the capacity timelines and the cost's week at this ISO 8601 instant (reproducible plans)
  -h, --help            this text

This repository's sample programs (programs/scenarios.ts):
  SCENARIO              the sample to plan; default: the default scenario
  --list                list the samples
`;

interface PlanArguments {
    scenario?: string;
    program?: string;
    stack?: string;
    /** --config pairs, in order (a later one wins). */
    config: [string, string][];
    json: boolean;
    list: boolean;
    help: boolean;
    now?: Date;
}

/** The flags of `plan`, for "did you mean". */
const PLAN_FLAGS = ["--program", "--stack", "--config", "--json", "--now", "--list", "--help"];

/** Parses the command's arguments; returns a message for bad ones. Flags take `--flag value` or `--flag=value`. */
export function parsePlanArguments(argv: string[]): PlanArguments | { error: string } {
    const parsed: PlanArguments = { config: [], json: false, list: false, help: false };
    for (let i = 0; i < argv.length; i++) {
        const [arg, inline] = argv[i].startsWith("--") && argv[i].includes("=") ? splitOnce(argv[i], "=") : [argv[i], undefined];
        const value = (): string | undefined => {
            if (inline !== undefined) {
                return inline;
            }
            const next = argv[i + 1];
            if (next === undefined || next.startsWith("-")) {
                return undefined;
            }
            i++;
            return next;
        };
        if (arg === "--help" || arg === "-h") {
            return { ...parsed, help: true };
        } else if (arg === "--json") {
            parsed.json = true;
        } else if (arg === "--list") {
            parsed.list = true;
        } else if (arg === "--program") {
            const program = value();
            if (program === undefined) {
                return { error: "--program needs a path" };
            }
            parsed.program = program;
        } else if (arg === "--stack" || arg === "-s") {
            const stack = value();
            if (stack === undefined || !/^[A-Za-z0-9_.-]+$/.test(stack)) {
                return { error: `--stack needs a stack name (letters, digits, hyphens, underscores, periods), got ${stack === undefined ? "nothing" : `"${stack}"`}` };
            }
            parsed.stack = stack;
        } else if (arg === "--config" || arg === "-c") {
            const pair = value();
            const [key, setting] = pair !== undefined && pair.includes("=") ? splitOnce(pair, "=") : ["", undefined];
            if (pair === undefined || key === "" || setting === undefined) {
                return { error: `--config needs KEY=VALUE, got ${pair === undefined ? "nothing" : `"${pair}"`}` };
            }
            parsed.config.push([key, setting]);
        } else if (arg === "--now") {
            const text = value();
            const parsedNow = text === undefined ? NaN : Date.parse(text);
            if (text === undefined || Number.isNaN(parsedNow)) {
                return { error: `--now needs an ISO 8601 instant such as 2026-11-30T00:00:00Z, got ${text === undefined ? "nothing" : `"${text}"`}` };
            }
            parsed.now = new Date(parsedNow);
        } else if (arg.startsWith("-")) {
            const nearest = closestWord(arg, PLAN_FLAGS);
            return { error: `unknown flag ${arg}${nearest === undefined ? "" : `; did you mean ${nearest}?`}` };
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

function splitOnce(text: string, separator: string): [string, string] {
    const at = text.indexOf(separator);
    return [text.slice(0, at), text.slice(at + separator.length)];
}

// ---------------------------------------------------------------------------------------------------------------------
// The project: Pulumi.yaml, a stack's config, the program's entry
// ---------------------------------------------------------------------------------------------------------------------

/** A failure to find or read the program, reported as a usage problem (exit code 2). */
export class ProgramError extends Error {}

/** A Pulumi project as the plan reads it from Pulumi.yaml. */
export interface PulumiProject {
    dir: string;
    /** Pulumi.yaml or Pulumi.yml. */
    file: string;
    name: string;
    /** `main`, relative to the project folder, if set. */
    main?: string;
    /** runtime.options.typescript (Pulumi's default: true). */
    typescript: boolean;
    /** The project's config with values or defaults, by namespaced key. */
    config: Record<string, string>;
}

/** Reads YAML with the js-yaml that @pulumi/pulumi depends on (this package has no dependencies of its own). */
function readYaml(file: string): unknown {
    const sdk = path.dirname(require.resolve("@pulumi/pulumi/package.json"));
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const yaml = require(require.resolve("js-yaml", { paths: [sdk] })) as { load(text: string): unknown };
    try {
        return yaml.load(fs.readFileSync(file, "utf8"));
    } catch (error) {
        throw new ProgramError(`${file}: ${error instanceof Error ? error.message.split("\n")[0] : String(error)}`);
    }
}

function isRecord(value: unknown): value is Record<string, unknown> {
    return value !== null && typeof value === "object" && !Array.isArray(value);
}

/** A config value as the Pulumi CLI hands it to a program: strings as they are, anything else as JSON. */
function configString(value: unknown): string {
    return typeof value === "string" ? value : JSON.stringify(value);
}

/** A config key with its namespace: the project's when it has none. */
export function namespacedKey(key: string, project: string): string {
    return key.includes(":") ? key : `${project}:${key}`;
}

/** The Pulumi.yaml (or Pulumi.yml) file of a folder, if it has one. */
function projectFileIn(dir: string): string | undefined {
    return ["Pulumi.yaml", "Pulumi.yml"].map((f) => path.join(dir, f)).find((f) => fs.existsSync(f));
}

/** Reads the project of a folder; throws a ProgramError when it has none or it can't be run here. */
export function loadProject(dir: string): PulumiProject {
    const file = projectFileIn(dir);
    if (file === undefined) {
        throw new ProgramError(`no Pulumi.yaml in ${dir}: give --program a Pulumi project folder, or the program's entry file (.js or .ts)`);
    }
    const doc = readYaml(file);
    if (!isRecord(doc) || typeof doc.name !== "string" || doc.name === "") {
        throw new ProgramError(`${file} has no project name`);
    }
    const runtime = doc.runtime;
    const runtimeName = isRecord(runtime) ? runtime.name : runtime;
    if (runtimeName !== "nodejs") {
        throw new ProgramError(`${file}: runtime ${JSON.stringify(runtimeName)}: the plan runs Node.js programs (runtime: nodejs) only`);
    }
    const options = isRecord(runtime) && isRecord(runtime.options) ? runtime.options : {};
    const config: Record<string, string> = {};
    if (isRecord(doc.config)) {
        for (const [key, spec] of Object.entries(doc.config)) {
            // A project key declares a type and a default; another namespace's key (aws:region) gives a value.
            const value = isRecord(spec) ? (spec.value ?? spec.default) : spec;
            if (value !== undefined && value !== null) {
                config[namespacedKey(key, doc.name)] = configString(value);
            }
        }
    }
    return {
        dir,
        file,
        name: doc.name,
        main: typeof doc.main === "string" ? doc.main : undefined,
        typescript: options.typescript !== false,
        config,
    };
}

/** A stack's config file: its values by namespaced key, and the keys whose values are encrypted. */
export interface StackConfig {
    file?: string;
    values: Record<string, string>;
    secureKeys: string[];
}

/** Reads Pulumi.<stack>.yaml of a project, if there is one (a stack with no config has none). */
export function loadStackConfig(project: PulumiProject, stack: string): StackConfig {
    const file = [`Pulumi.${stack}.yaml`, `Pulumi.${stack}.yml`].map((f) => path.join(project.dir, f)).find((f) => fs.existsSync(f));
    const result: StackConfig = { file, values: {}, secureKeys: [] };
    if (file === undefined) {
        return result;
    }
    const doc = readYaml(file);
    const config = isRecord(doc) && isRecord(doc.config) ? doc.config : {};
    for (const [key, value] of Object.entries(config)) {
        const namespaced = namespacedKey(key, project.name);
        if (isRecord(value) && typeof value.secure === "string") {
            result.secureKeys.push(namespaced);
        } else if (value !== undefined && value !== null) {
            result.values[namespaced] = configString(value);
        }
    }
    return result;
}

/** The nearest Pulumi project at or above `dir`, as the Pulumi CLI finds it. */
function findProject(dir: string): PulumiProject | undefined {
    let current = dir;
    for (;;) {
        if (projectFileIn(current) !== undefined) {
            return loadProject(current);
        }
        const parent = path.dirname(current);
        if (parent === current) {
            return undefined;
        }
        current = parent;
    }
}

/** What the plan runs: the entry to require, and the project it belongs to. */
export interface ProgramLocation {
    entry: string;
    project?: PulumiProject;
}

/**
 * Finds the program to run for `--program PATH`: a project folder (its Pulumi.yaml's main, else package.json's main,
 * else the folder itself, as the Pulumi CLI's Node.js host does) or an entry file (whose project is the nearest
 * Pulumi.yaml at or above it, if any).
 */
export function locateProgram(programPath: string): ProgramLocation {
    const absolute = path.resolve(programPath);
    if (!fs.existsSync(absolute)) {
        throw new ProgramError(`--program ${programPath}: no such file or folder`);
    }
    if (fs.statSync(absolute).isDirectory()) {
        const project = loadProject(absolute);
        if (project.main !== undefined) {
            const entry = path.resolve(absolute, project.main);
            if (!fs.existsSync(entry)) {
                throw new ProgramError(`${project.file}: main ${project.main} does not exist`);
            }
            return { entry, project };
        }
        const manifest = path.join(absolute, "package.json");
        if (fs.existsSync(manifest)) {
            const main = (JSON.parse(fs.readFileSync(manifest, "utf8")) as { main?: unknown }).main;
            if (typeof main === "string" && fs.existsSync(path.resolve(absolute, main))) {
                return { entry: path.resolve(absolute, main), project };
            }
        }
        return { entry: absolute, project };
    }
    const extension = path.extname(absolute);
    if (![".js", ".cjs", ".ts", ".cts"].includes(extension)) {
        throw new ProgramError(
            `--program ${programPath}: give a .js or .ts entry file, or the project folder${[".mjs", ".mts"].includes(extension) ? " (ES module programs are not supported: compile to CommonJS)" : ""}`,
        );
    }
    return { entry: absolute, project: findProject(path.dirname(absolute)) };
}

/** Whether the entry is TypeScript: a .ts file, or a folder whose index is index.ts (and not index.js). */
export function isTypeScriptEntry(entry: string): boolean {
    if (fs.existsSync(entry) && fs.statSync(entry).isDirectory()) {
        return fs.existsSync(path.join(entry, "index.ts")) && !fs.existsSync(path.join(entry, "index.js"));
    }
    return [".ts", ".cts"].includes(path.extname(entry));
}

/** Whether this process can already load TypeScript (the command itself runs under ts-node, from a clone). */
function typeScriptLoaderPresent(): boolean {
    const registered = (process as unknown as Record<symbol, unknown>)[Symbol.for("ts-node.register.instance")] !== undefined;
    return registered || require.extensions[".ts"] !== undefined;
}

/**
 * Makes `require` load the program's TypeScript as the Pulumi CLI's Node.js host does: ts-node and typescript from
 * the user's project, the project folder's tsconfig.json (PULUMI_NODEJS_TSCONFIG_PATH), type-checked unless
 * PULUMI_NODEJS_TRANSPILE_ONLY or the tsconfig's noCheck say otherwise. Returns a message when it can't.
 */
export function registerTypeScript(projectDir: string, loaderPresent = typeScriptLoaderPresent()): string | undefined {
    if (loaderPresent) {
        return undefined;
    }
    let tsNodePath: string;
    let typescriptPath: string;
    try {
        tsNodePath = require.resolve("ts-node", { paths: [projectDir] });
        typescriptPath = require.resolve("typescript", { paths: [projectDir] });
    } catch {
        return `the program is TypeScript, which Pulumi runs with ts-node from your project, and ts-node or typescript is not installed in ${projectDir}: run \`npm install --save-dev ts-node typescript@"<7"\` there (TypeScript 7 is outside @pulumi/pulumi's peer range), or compile the program (tsc) and give --program the .js entry`;
    }
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const ts = require(typescriptPath) as {
        version: string;
        readConfigFile(file: string, read: (f: string) => string | undefined): { config?: { compilerOptions?: Record<string, unknown> } };
        sys: { readFile: (f: string) => string | undefined };
    };
    const tsconfig = path.resolve(projectDir, process.env.PULUMI_NODEJS_TSCONFIG_PATH ?? "tsconfig.json");
    const skipProject = !fs.existsSync(tsconfig);
    const compilerOptions = skipProject ? {} : (ts.readConfigFile(tsconfig, ts.sys.readFile).config?.compilerOptions ?? {});
    const transpileOnlyEnv = process.env.PULUMI_NODEJS_TRANSPILE_ONLY;
    const transpileOnly = transpileOnlyEnv ? transpileOnlyEnv === "true" : (compilerOptions.noCheck as boolean | undefined);
    const [major, minor] = ts.version.split(".").map(Number);
    const nodeNext = major > 4 || (major === 4 && minor >= 7);
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const tsNode = require(tsNodePath) as { register(options: Record<string, unknown>): unknown };
    tsNode.register({
        compiler: typescriptPath,
        transpileOnly,
        project: tsconfig,
        skipProject,
        compilerOptions: {
            target: "ES2020",
            module: nodeNext ? "nodenext" : "commonjs",
            moduleResolution: nodeNext ? "nodenext" : "node",
            sourceMap: true,
            ...compilerOptions,
        },
    });
    return undefined;
}

// ---------------------------------------------------------------------------------------------------------------------
// The command
// ---------------------------------------------------------------------------------------------------------------------

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
        io.stderr(`lambda-concurrency plan: ${args.error}\n${PLAN_USAGE}`);
        return 2;
    }
    if (args.help) {
        io.stdout(PLAN_USAGE);
        return 0;
    }
    let location: ProgramLocation;
    let scenario: string | undefined;
    const extraConfig: [string, string][] = [];
    try {
        if (args.program !== undefined) {
            location = locateProgram(args.program);
        } else {
            const samples = loadScenarios();
            if (samples === undefined) {
                io.stderr(`lambda-concurrency plan: the sample programs are only in the repository; plan your own with --program PATH\n${PLAN_USAGE}`);
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
            // The repository is the samples' project (Pulumi.yaml, main: programs/), the scenario a config value.
            const project = loadProject(path.join(__dirname, ".."));
            location = { entry: path.join(project.dir, project.main ?? "."), project };
            extraConfig.push(["scenario", scenario]);
        }
    } catch (error) {
        if (error instanceof ProgramError) {
            io.stderr(`lambda-concurrency plan: ${error.message}\n`);
            return 2;
        }
        throw error;
    }

    const project = location.project;
    const projectName = project?.name ?? "project";
    const stack = args.stack ?? PLAN_STACK;
    let stackConfig: StackConfig = { values: {}, secureKeys: [] };
    try {
        stackConfig = project !== undefined ? loadStackConfig(project, stack) : stackConfig;
    } catch (error) {
        io.stderr(`lambda-concurrency plan: ${error instanceof Error ? error.message : String(error)}\n`);
        return 2;
    }
    // What the Pulumi CLI would hand the program: the project's defaults, the stack's values, then the command line.
    const config: Record<string, string> = { ...(project?.config ?? {}), ...stackConfig.values };
    for (const [key, value] of [...extraConfig, ...args.config]) {
        config[namespacedKey(key, projectName)] = value;
    }
    // A secure value given on the command line is no longer missing.
    const secureKeys = stackConfig.secureKeys.filter((key) => config[key] === undefined);
    const region = config["aws:region"];
    const target: PlanTarget = {
        project: projectName,
        stack,
        region: region ?? MOCK_REGION,
        regionSource: region !== undefined ? "config" : "default",
        accountId: MOCK_ACCOUNT_ID,
        stackConfigFile: stackConfig.file !== undefined && project !== undefined ? path.relative(project.dir, stackConfig.file) : undefined,
        secureKeys: secureKeys.length > 0 ? secureKeys : undefined,
    };

    if (isTypeScriptEntry(location.entry)) {
        // Only a project's own main: an entry file given directly is run for what it is.
        if (project !== undefined && !project.typescript && args.program !== undefined && fs.statSync(path.resolve(args.program)).isDirectory()) {
            io.stderr(
                `lambda-concurrency plan: ${project.file} sets runtime.options.typescript to false, so Pulumi runs JavaScript only, but the program ${path.relative(process.cwd(), location.entry) || "."} is TypeScript: compile it and make main the .js, or remove the option\n`,
            );
            return 2;
        }
        const problem = registerTypeScript(project?.dir ?? path.dirname(location.entry));
        if (problem !== undefined) {
            io.stderr(`lambda-concurrency plan: ${problem}\n`);
            return 2;
        }
    }

    const mocks: AwsLikeMocks = installAwsLikeMocks({ project: projectName, stack, region: target.region, accountId: target.accountId });
    for (const [key, value] of Object.entries(config)) {
        pulumi.runtime.setConfig(key, value);
    }
    // The components read the clock for what the schedules have in force; --now makes the plan reproducible.
    setCurrentTime(args.now);
    // A check that fails on an Output's value surfaces as a rejected registration: collect those as failures.
    const failures: unknown[] = [];
    const onRejection = (reason: unknown): void => {
        failures.push(reason);
    };
    process.on("unhandledRejection", onRejection);
    const shownProgram = path.relative(process.cwd(), location.entry) || ".";
    const cwd = process.cwd();
    let outputs: Record<string, unknown> = {};
    try {
        // The Pulumi CLI runs a program in its project folder, so relative paths in it (a FileArchive) work.
        if (project !== undefined) {
            process.chdir(project.dir);
        }
        const entry = fs.statSync(location.entry).isDirectory() ? `${location.entry}${path.sep}` : location.entry;
        // eslint-disable-next-line @typescript-eslint/no-require-imports
        const exported = require(entry) as unknown;
        await waitForRegistrations();
        // After a failed registration, SDKs before 3.257 never settle that resource's outputs, so resolving an export
        // that reads one would wait forever: the program has failed, and its exports are not shown anyway.
        await new Promise((resolve) => setImmediate(resolve));
        if (failures.length === 0) {
            outputs = await resolveOutputs(exported);
            await waitForRegistrations();
        }
    } catch (error) {
        failures.push(error);
    } finally {
        process.chdir(cwd);
        // Let rejections of the last registrations reach the handler before it goes.
        await new Promise((resolve) => setImmediate(resolve));
        process.off("unhandledRejection", onRejection);
    }
    failures.push(...mocks.takeErrors());
    if (failures.length > 0) {
        const unique = [...new Set(failures.map((f) => (f instanceof Error ? f.message : String(f))))];
        // The SDK reports a registration the mocks refused with the mocks' message inside its own: keep the longer.
        const messages = unique.filter((m) => !unique.some((other) => other !== m && other.includes(m)));
        io.stderr(`lambda-concurrency plan: the program failed; \`pulumi up\` would stop here:\n${messages.map((m) => `  ${m}`).join("\n")}\n`);
        return 1;
    }
    const plan = buildPlan(mocks.resources, { program: shownProgram, scenario, target, outputs, now: args.now });
    io.stdout(args.json ? JSON.stringify(plan, null, 2) + "\n" : formatPlan(plan));
    return 0;
}

/** The program's exports with every Output resolved (what `pulumi stack output` would show). */
async function resolveOutputs(exported: unknown): Promise<Record<string, unknown>> {
    // A program may export an async function (Pulumi runs it and uses what it returns).
    const value = typeof exported === "function" ? await (exported as () => unknown)() : exported;
    if (value === null || typeof value !== "object") {
        return {};
    }
    const resolved = await (pulumi.output(value) as unknown as { promise(): Promise<unknown> }).promise();
    return resolved !== null && typeof resolved === "object" ? (resolved as Record<string, unknown>) : {};
}
