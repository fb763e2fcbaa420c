// Turns a real program, run under the AWS-like mocks, into what the lifecycle model takes: the resources it declares,
// in registration order, with their inputs, dependencies and engine options.
import type { RecordedResource } from "../../../testing/mock-aws";
import { setCurrentTime } from "../../../components/clock";
import { resetProgram, settled } from "../pulumi";
import { DeclaredResource } from "./types";

/** One recorded registration as a declared resource (inputs the SDK adds for itself, `__` keys, dropped). */
export function declaredResource(record: RecordedResource): DeclaredResource {
    const inputs = Object.fromEntries(Object.entries(record.inputs).filter(([key, value]) => !key.startsWith("__") && value !== undefined));
    // Assets and archives hold promises, which the model cannot copy; their JSON form compares just as well.
    const plain = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;
    return {
        urn: record.urn,
        type: record.type,
        name: record.name,
        parent: record.parent,
        custom: record.custom,
        inputs: plain(inputs),
        state: plain(record.state),
        id: record.id,
        dependencies: record.dependencies,
        // Which dependency each input came from, as the SDK told the monitor: the engine replaces a dependent
        // delete-first only when a replace-forcing input came from the resource being replaced.
        propertyDependencies: record.propertyDependencies,
        options: record.options,
        ...(record.read === true ? { read: true } : {}),
    };
}

/**
 * Runs `program` as a fresh program (no claims from an earlier one: each deployment is its own process), with the
 * components' clock at `at` (default: the tests' clock), and returns what it declares.
 */
export async function declaredBy(program: () => void, at?: Date): Promise<DeclaredResource[]> {
    resetProgram();
    if (at !== undefined) {
        setCurrentTime(at);
    }
    program();
    const records = await settled();
    return records.map(declaredResource);
}
