// Checking a component's inputs, which may be plain values (checked at once, at construction) or Outputs (checked
// when they resolve, before any resource that takes them reaches AWS), and making a failed Output-time check stop
// the program with the component's own message on every @pulumi/pulumi in the peer range.
//
// What the SDK does with a rejected input (@pulumi/pulumi runtime/resource.js and runtime/rpc.js, read in 3.142,
// 3.143, 3.248 and 3.270): registerResource serializes the inputs in prepareResource; a rejected Output fails the
// registration, nothing is sent to the engine, and the rejection becomes an unhandled rejection, which the Node
// language host logs (cmd/run/run.js, uncaughtHandler) and the offline plan collects. What went wrong on the way:
// - Before 3.257 (so in 3.248, the last release for Node 20), a registration that fails in prepareResource never
//   settles its own urn, id and outputs (3.257 rejects them: state.failPendingRegistration). Whatever awaits them
//   waits forever: a sibling fed from the failed resource's outputs, the component's registerOutputs (it serializes
//   its children), a stack output. `runtime.waitForRPCs` then never returns, the program's event loop runs dry, and
//   the SDK's leak detector (runtime/debuggable.js) prints "The Pulumi runtime detected that N promises were still
//   active" instead of the check's message. Hence the gate below: no child registers before every check passed, so
//   on a failure every child fails at once, before it serializes anything, and registerOutputs and the component's
//   own Outputs reject instead of waiting for a child.
// - From 3.246 on, serializeFilteredProperties rewrites the message of the error that rejected a property, in place,
//   as `error serializing property "NAME": ...`, once per level and per resource it passes through, and one rejected
//   Output reaches several of them. Hence OutputCheckError, whose message ignores rewrites.
// - The language host of 3.143 (no longer that of 3.200) inspects every unhandled error before it reads hideStack,
//   which throws on the stack of an error thrown in an apply, and reports that instead. Hence OutputCheckError's stack.
// - 3.142 never ends the keep-alive of a registration whose inputs failed (fixed in 3.143 by pulumi/pulumi#17899), so
//   under the mock runtime `waitForRPCs` never returns after any such failure: 3.143 is the floor of the peer range.
import * as pulumi from "@pulumi/pulumi";
import { ValidationResult } from "./function-reference";

/** True when `value` is already known: not an Output, not a Promise. */
export function isPlain<T>(value: pulumi.Input<T> | undefined): value is T {
    return !pulumi.Output.isInstance(value) && !(value instanceof Promise);
}

/**
 * The error of a check that failed on an Output's value: a ResourceError attached to the component, whose message
 * stays as written. The SDK prefixes the message of an error that rejects a serialized property in place
 * (`error serializing property "NAME": `, see the top of this file); this one is the user's answer and ignores that.
 * `hideStack`: the Node language host then logs the message alone, attached to the component, where it would
 * otherwise log the inspected error, stack trace first (cmd/run/run.js, uncaughtHandler).
 */
export class OutputCheckError extends pulumi.ResourceError {
    constructor(message: string, component: pulumi.Resource) {
        super(message, component, true);
        // An accessor, not a read-only property: the SDK's modules are strict mode, where writing a read-only
        // property throws a TypeError, which would replace this error.
        Object.defineProperty(this, "message", { get: () => message, set: () => undefined, enumerable: false, configurable: true });
        // No stack frames: they would show the SDK's apply machinery, never the user's code, and the language host of
        // 3.143 (no longer that of 3.200) inspects every unhandled error before it reads hideStack (cmd/run/run.js,
        // `err.stack && util.inspect(err, { colors: true })`), where Node 20 throws "RangeError: Invalid string length"
        // on the source-mapped frames of the SDK (`.../node_modules/@pulumi/output.ts:490:31`), and the host then
        // reports that RangeError in place of this error.
        Object.defineProperty(this, "stack", { value: `${this.name}: ${message}`, writable: true, enumerable: false, configurable: true });
    }
}

/**
 * What an Output exposes to the SDK, and on which the gate relies: a promise of its value, undefined when unknown.
 * Marked internal in the SDK's typings, it is there in every 3.x release (the SDK serializes Outputs with it).
 */
interface OutputPromise<T> {
    promise(): Promise<T>;
}

// The Output-time checks of each component: promises that resolve when the checked value does (also when it is
// unknown, in a preview, where no check runs) and reject with the check's error.
const checksOf = new WeakMap<pulumi.Resource, Promise<unknown>[]>();

/**
 * Adds `checked`, an Output that rejects when a check of `component` fails, to the checks that gate the component's
 * children (see {@link afterChecks}), and returns it. Never pass an Output that depends on a child of the component:
 * the child would wait for the check and the check for the child.
 */
export function gateOn<T>(component: pulumi.Resource, checked: pulumi.Output<T>): pulumi.Output<T> {
    const settled = (checked as unknown as OutputPromise<T>).promise();
    // The failure is reported by the resources it stops; this copy only waits for it.
    settled.catch(() => undefined);
    const checks = checksOf.get(component) ?? [];
    checks.push(settled);
    checksOf.set(component, checks);
    return checked;
}

/**
 * `value` once every Output-time check of `component` passed; rejected with the first that failed. The SDK may await
 * it only later (registerOutputs waits for the component's URN first): marked handled here, so that Node does not
 * report the rejection as unhandled and then warn that it was handled after all (PromiseRejectionHandledWarning);
 * the SDK still gets it, and reports it through the registration it fails.
 */
function afterChecksPassed<T>(component: pulumi.Resource, value: T): Promise<T> {
    // Read the checks a turn later: the component's constructor, which files them, is synchronous and has then run
    // to its end, so a child created before a later check still waits for it.
    const passed = Promise.resolve()
        .then(() => Promise.all(checksOf.get(component) ?? []))
        .then(() => value);
    passed.catch(() => undefined);
    return passed;
}

/**
 * The `dependsOn` of a child of `component`: `dependsOn` once every Output-time check of the component has passed;
 * rejected with the check's error otherwise, which fails the child's registration before it serializes its inputs.
 * The SDK awaits a promised `dependsOn` first thing (runtime/dependsOn.js, gatherExplicitDependencies) and records
 * the same dependencies as for the plain list.
 */
export function afterChecks(
    component: pulumi.Resource,
    dependsOn: pulumi.Input<pulumi.Resource>[] = [],
): Promise<pulumi.Input<pulumi.Resource>[]> {
    return afterChecksPassed(component, dependsOn);
}

/**
 * The argument of `component`'s registerOutputs: `outputs` once every Output-time check passed, rejected otherwise,
 * so that registering them never waits for a child that a failed check kept from registering.
 */
export function outputsAfterChecks(component: pulumi.Resource, outputs: pulumi.Inputs): Promise<pulumi.Inputs> {
    return afterChecksPassed(component, outputs);
}

/**
 * A component's own Output that carries a child's output (`value`): the same value, secrecy and dependencies, but
 * rejected with a failed check's error as soon as the check fails, where the child's output would never settle.
 */
export function outputAfterChecks<T>(component: pulumi.Resource, value: pulumi.Output<T>): pulumi.Output<T> {
    const passed = pulumi.output(afterChecksPassed(component, true));
    // pulumi.all's Unwrap<T> does not reduce for a generic T; the value is the child's own.
    return exportable(pulumi.all([passed, value]).apply(([, resolved]) => resolved) as unknown as pulumi.Output<T>);
}

/**
 * Whether an Output's value is known: false in a preview for a value the engine reports unknown. The SDK's Outputs
 * carry this as `isKnown` (a Promise of a boolean, @pulumi/pulumi output.js, OutputImpl) without typing it; an Output
 * without it counts as known.
 */
export async function isKnown(output: pulumi.Output<unknown>): Promise<boolean> {
    const known = (output as unknown as { isKnown?: Promise<boolean> }).isKnown;
    return known === undefined ? true : known;
}

/**
 * Marks a component's own Output as handled should it reject, and returns it. Its failure is reported by the
 * registrations it stops; a program that exports it has it awaited only when the SDK registers the stack's outputs,
 * late, and Node would meanwhile count the rejection as unhandled and then print a PromiseRejectionHandledWarning
 * under the component's message (seen with the language host of 3.143, 3.248 and 3.270, cmd/run and runtime/stack.js).
 */
export function exportable<T>(output: pulumi.Output<T>): pulumi.Output<T> {
    const internal = output as unknown as OutputPromise<T> & {
        isKnown: Promise<boolean>;
        isSecret: Promise<boolean>;
        allResources?: () => Promise<Set<pulumi.Resource>>;
    };
    const ignore = (): undefined => undefined;
    internal.promise().catch(ignore);
    internal.isKnown.catch(ignore);
    internal.isSecret.catch(ignore);
    internal.allResources?.().catch(ignore);
    return output;
}

/**
 * Checks an input with `validate`: a plain value at once, throwing a ResourceError attached to `component`; an
 * Output when it resolves, so the deployment stops before AWS sees the value, and the error still names the
 * component and the argument (an {@link OutputCheckError}, which also gates the component's children). Returns the
 * input as an Output that carries the check.
 *
 * Give `T` where the value is `args.x ?? DEFAULT`: compiled without strictNullChecks, as Pulumi's Node.js plugin host
 * compiles the package for a consumer in another language (ts-node's defaults, see schedule/validate.ts), TypeScript
 * infers the constraint `string | number | boolean` from such a value, and the result no longer fits a number input.
 */
export function checkedInput<T extends string | number | boolean>(
    component: pulumi.Resource,
    label: string,
    value: pulumi.Input<T>,
    validate: (value: T) => ValidationResult,
): pulumi.Output<T> {
    // pulumi.output's Unwrap<T> does not reduce for a generic T; for the primitives allowed here it is T itself.
    const output = pulumi.output(value) as unknown as pulumi.Output<T>;
    if (isPlain(value)) {
        const error = validate(value);
        if (error !== undefined) {
            throw new pulumi.ResourceError(`${label}: ${error}`, component);
        }
        return output;
    }
    return gateOn(
        component,
        output.apply<T>((resolved: T): T => {
            const error = validate(resolved);
            if (error !== undefined) {
                throw new OutputCheckError(`${label}: ${error}`, component);
            }
            return resolved;
        }),
    );
}
