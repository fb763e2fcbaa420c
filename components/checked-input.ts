// Checking a component's inputs, which may be plain values (checked at once, at construction) or Outputs (checked
// when they resolve, before any resource that takes them reaches AWS).
import * as pulumi from "@pulumi/pulumi";
import { ValidationResult } from "./function-reference";

/** True when `value` is already known: not an Output, not a Promise. */
export function isPlain<T>(value: pulumi.Input<T> | undefined): value is T {
    return !pulumi.Output.isInstance(value) && !(value instanceof Promise);
}

/**
 * Checks an input with `validate`: a plain value at once, throwing a ResourceError attached to `component`; an
 * Output when it resolves, so the deployment stops before AWS sees the value, and the error still names the
 * component and the argument. Returns the input as an Output that carries the check.
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
    return output.apply<T>((resolved: T): T => {
        const error = validate(resolved);
        if (error !== undefined) {
            throw new pulumi.ResourceError(`${label}: ${error}`, component);
        }
        return resolved;
    });
}
