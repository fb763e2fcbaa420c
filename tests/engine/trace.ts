// What a scenario did, in a form that the real engine's run and the lifecycle model's run can be compared in: per
// operation, the step each resource took and the AWS calls made, with the names and ids that differ between runs
// (random auto-names, generated ids) replaced by stable placeholders. Two runs agree when every operation gives each
// resource the same steps and makes the same calls on each AWS object in the same order (the real engine runs
// independent steps in parallel, so calls on different objects may interleave differently).

import { RESOURCE_SCHEMAS } from "../helpers/lifecycle/engine";

export type OperationKind = "up" | "refresh" | "destroy";

export interface TracedStep {
    urn: string;
    op: string;
}

export interface OperationTrace {
    kind: OperationKind;
    /** The index of the scenario step this operation ran. */
    step: number;
    /** The failure message, when the operation failed. */
    error?: string;
    /** Each resource's steps (components included; the stack and providers not). */
    steps: TracedStep[];
    /** The AWS calls the operation made, in order (aws-model.ts notation). */
    awsCalls: string[];
}

/** A resource the run created, with what the provider generated for it. */
export interface TracedCreate {
    urn: string;
    autoName?: string;
    id?: string;
}

export interface ScenarioTrace {
    operations: OperationTrace[];
    /** Every create, in the order the provider made them. */
    creates: TracedCreate[];
}

/** A resource's id when AWS generated it (API Gateway's), so that it differs between runs; undefined otherwise. */
export function generatedIdOf(urn: string, id: string | undefined): string | undefined {
    const type = shortUrn(urn).split("::")[0];
    return RESOURCE_SCHEMAS[type]?.generatedId === true ? id : undefined;
}

/** `TYPE::NAME` of a URN: stack, project and parent types differ between the runs (and the mocks qualify grandchildren differently). */
export function shortUrn(urn: string): string {
    const parts = urn.split("::");
    const qualifiedType = parts[2] ?? urn;
    return `${qualifiedType.split("$").pop() ?? qualifiedType}::${parts.slice(3).join("::")}`;
}

/** The engine's step operations, as the model names them. */
const STEP_NAMES: Readonly<Record<string, string>> = {
    same: "same",
    create: "create",
    update: "update",
    delete: "delete",
    "create-replacement": "create-replacement",
    "delete-replaced": "delete-replaced",
};

/**
 * Placeholders for what a run generated: the n-th auto-name of a resource becomes `<TYPE::NAME>#name<n>`, the n-th
 * generated id `<TYPE::NAME>#id<n>`.
 */
export function placeholders(creates: readonly TracedCreate[]): Map<string, string> {
    const result = new Map<string, string>();
    const counts = new Map<string, number>();
    const add = (value: string | undefined, urn: string, kind: "name" | "id"): void => {
        if (value === undefined || value === "" || result.has(value)) {
            return;
        }
        const key = `${shortUrn(urn)}#${kind}`;
        const n = (counts.get(key) ?? 0) + 1;
        counts.set(key, n);
        result.set(value, `<${key}${n}>`);
    };
    for (const c of creates) {
        add(c.autoName, c.urn, "name");
        add(c.id, c.urn, "id");
    }
    return result;
}

/** A call with every generated name and id replaced by its placeholder (longest first, so no name eats another). */
export function normalizeCall(call: string, names: ReadonlyMap<string, string>): string {
    let result = call;
    for (const value of [...names.keys()].sort((a, b) => b.length - a.length)) {
        result = result.split(value).join(names.get(value) ?? value);
    }
    return result;
}

/** The arguments of a call `Api(a,b,c)`, and its API (with the `AAS:` prefix of what AWS does on its own). */
function parseCall(call: string): { api: string; args: string[] } {
    const open = call.indexOf("(");
    if (open < 0 || !call.endsWith(")")) {
        return { api: call, args: [] };
    }
    return { api: call.slice(0, open), args: call.slice(open + 1, -1).split(",") };
}

/** The APIs of the objects whose identity is more than their whole argument list, and how many arguments name them. */
const OBJECT_ARGUMENTS: Readonly<Record<string, { kind: string; count: number }>> = {
    PutProvisionedConcurrencyConfig: { kind: "provisioned-concurrency", count: 2 },
    "AAS:PutProvisionedConcurrencyConfig": { kind: "provisioned-concurrency", count: 2 },
    DeleteProvisionedConcurrencyConfig: { kind: "provisioned-concurrency", count: 2 },
    "AAS:DeleteProvisionedConcurrencyConfig": { kind: "provisioned-concurrency", count: 2 },
    "AAS:SetProvisionedConcurrency": { kind: "provisioned-concurrency", count: 2 },
    GetProvisionedConcurrencyConfig: { kind: "provisioned-concurrency", count: 2 },
    RegisterScalableTarget: { kind: "scalable-target", count: 1 },
    DeregisterScalableTarget: { kind: "scalable-target", count: 1 },
    DescribeScalableTargets: { kind: "scalable-target", count: 1 },
    PutScalingPolicy: { kind: "scaling-policy", count: 2 },
    DeleteScalingPolicy: { kind: "scaling-policy", count: 2 },
    DescribeScalingPolicies: { kind: "scaling-policy", count: 2 },
    PutScheduledAction: { kind: "scheduled-action", count: 2 },
    DeleteScheduledAction: { kind: "scheduled-action", count: 2 },
    DescribeScheduledActions: { kind: "scheduled-action", count: 2 },
    "AAS:ScheduledAction": { kind: "scheduled-action", count: 2 },
    CreateFunction: { kind: "function", count: 1 },
    UpdateFunctionConfiguration: { kind: "function", count: 1 },
    DeleteFunction: { kind: "function", count: 1 },
    GetFunction: { kind: "function", count: 1 },
    PublishVersion: { kind: "function", count: 1 },
    PutFunctionConcurrency: { kind: "function", count: 1 },
    DeleteFunctionConcurrency: { kind: "function", count: 1 },
    CreateAlias: { kind: "alias", count: 2 },
    UpdateAlias: { kind: "alias", count: 2 },
    DeleteAlias: { kind: "alias", count: 2 },
    GetAlias: { kind: "alias", count: 2 },
};

const VERBS = /^(?:AAS:)?(Create|Put|Update|Delete|Get|Describe|List|Add|Remove|Attach|Detach|Set|Invoke)/;

/** The AWS object a call acts on: `kind:arguments that name it`. */
export function objectOfCall(call: string): string {
    const { api, args } = parseCall(call);
    const known = OBJECT_ARGUMENTS[api];
    if (known !== undefined) {
        return `${known.kind}:${args.slice(0, known.count).join(",")}`;
    }
    // Generic objects: the API's noun (CreateRole, DeleteRole and GetRole act on a Role) and the whole key.
    const noun = api.replace(VERBS, "").replace(/s$/, "") || api;
    return `${noun}:${args.join(",")}`;
}

/** Each object's calls, in order. */
export function callsByObject(calls: readonly string[]): Map<string, string[]> {
    const result = new Map<string, string[]>();
    for (const call of calls) {
        const object = objectOfCall(call);
        result.set(object, [...(result.get(object) ?? []), call]);
    }
    return result;
}

/** Whether a URN is of a component (this package's), which has no provider and no AWS effect. */
function isComponent(urn: string): boolean {
    return !shortUrn(urn).startsWith("aws:");
}

/**
 * Each resource's steps, sorted, as `TYPE::NAME op`. The engine's `replace` (a marker between the create and the
 * delete of a replacement) is left out. A refresh reads custom resources only: a read that found the object is
 * `refresh` (changed or not), one that did not is `refresh-removed` (the engine reports it as a delete). In an
 * operation that failed, components are left out: the engine reports a component's step when the component
 * registers its outputs, which a failed deployment may never reach.
 */
function stepsOf(operation: OperationTrace): string[] {
    return operation.steps
        .filter((s) => s.op !== "replace")
        .filter((s) => !(isComponent(s.urn) && (operation.kind === "refresh" || operation.error !== undefined)))
        .map((s) => {
            let op = STEP_NAMES[s.op] ?? s.op;
            if (operation.kind === "refresh") {
                op = op === "delete" || op === "refresh-removed" ? "refresh-removed" : "refresh";
            }
            return `${shortUrn(s.urn)} ${op}`;
        })
        .sort();
}

/** The differences between the model's run and the real engine's run of one scenario (empty: they agree). */
export function compareTraces(model: ScenarioTrace, real: ScenarioTrace): string[] {
    const problems: string[] = [];
    const modelNames = placeholders(model.creates);
    const realNames = placeholders(real.creates);
    if (model.operations.length !== real.operations.length) {
        problems.push(`the model ran ${model.operations.length} operations, the engine ${real.operations.length}`);
    }
    const count = Math.min(model.operations.length, real.operations.length);
    for (let i = 0; i < count; i++) {
        const m = model.operations[i];
        const r = real.operations[i];
        const where = `step ${m.step} (${m.kind})`;
        if ((m.error === undefined) !== (r.error === undefined)) {
            problems.push(`${where}: the model ${m.error === undefined ? "succeeded" : `failed (${m.error})`}, the engine ${r.error === undefined ? "succeeded" : "failed"}`);
        }
        const ms = stepsOf(m);
        const rs = stepsOf(r);
        for (const s of ms.filter((x) => !rs.includes(x))) {
            problems.push(`${where}: only the model: ${s}`);
        }
        for (const s of rs.filter((x) => !ms.includes(x))) {
            problems.push(`${where}: only the engine: ${s}`);
        }
        const mc = callsByObject(m.awsCalls.map((c) => normalizeCall(c, modelNames)));
        const rc = callsByObject(r.awsCalls.map((c) => normalizeCall(c, realNames)));
        for (const object of [...new Set([...mc.keys(), ...rc.keys()])].sort()) {
            const a = mc.get(object) ?? [];
            const b = rc.get(object) ?? [];
            if (a.join(" ; ") !== b.join(" ; ")) {
                problems.push(`${where}: calls on ${object}: model [${a.join(" ; ")}], engine [${b.join(" ; ")}]`);
            }
        }
    }
    return problems;
}
