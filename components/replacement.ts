// What happens to a provisioned concurrency configuration when it is replaced. Its function and qualifier force a
// replacement (both are ForceNew in the Terraform resource the Pulumi AWS provider bridges:
// hashicorp/terraform-provider-aws, internal/service/lambda/provisioned_concurrency_config.go), so a qualifier that
// is a version number (`fn.version` with `publish: true`) replaces the configuration with every new version. Pulumi
// creates the replacement before it deletes the old one, unless told to delete first; either way through the
// provider's Delete, which skip_destroy turns off.
import { ValidationResult, describeValue } from "./function-reference";

/**
 * The refusal of `skipDestroy: true`. The provider's skip_destroy makes its Delete do nothing
 * (provisioned_concurrency_config.go, resourceProvisionedConcurrencyConfigDelete), and the Pulumi engine deletes a
 * replaced configuration through that same Delete, so a move to another alias, version or function would leave the old
 * configuration allocated and billed, and forgotten by the stack (seen under the real engine: tests/engine/). No
 * Pulumi option skips a delete on destroy only (retainOnDelete applies to replacements too).
 */
export const SKIP_DESTROY_REFUSED =
    "skipDestroy cannot be true: the AWS provider skips the delete on every replacement as well as on destroy, so moving the configuration to another alias, version or function would leave the old one's provisioned environments allocated and billed, with nothing in the program to remove them. To keep the environments when you destroy the stack, remove the configuration from the stack's state first (pulumi state delete with its URN), then destroy";

/** Checks `skipDestroy`: a boolean, and not true (see SKIP_DESTROY_REFUSED). */
export function validateSkipDestroy(skipDestroy: unknown): ValidationResult {
    if (typeof skipDestroy !== "boolean") {
        return `skipDestroy must be true or false, got ${describeValue(skipDestroy)}`;
    }
    return skipDestroy ? SKIP_DESTROY_REFUSED : undefined;
}

/** Checks `deleteOldConfigurationFirst`: a plain boolean, because it decides how Pulumi replaces the resource. */
export function validateReplacementChoice(value: unknown): { value: boolean } | { error: string } {
    if (value === undefined) {
        return { value: false };
    }
    if (typeof value !== "boolean") {
        return { error: `deleteOldConfigurationFirst must be true or false, got ${describeValue(value)}` };
    }
    return { value };
}
