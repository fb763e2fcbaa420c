// What happens to a provisioned concurrency configuration when it is replaced. Its function and qualifier force a
// replacement (both are ForceNew in the Terraform resource the Pulumi AWS provider bridges:
// hashicorp/terraform-provider-aws, internal/service/lambda/provisioned_concurrency_config.go), so a qualifier that
// is a version number (`fn.version` with `publish: true`) replaces the configuration with every new version. Pulumi
// creates the replacement before it deletes the old one, unless told to delete first.
import { ValidationResult, describeValue } from "./function-reference";

const VERSION_NUMBER = /^[0-9]+$/;

/**
 * Checks `skipDestroy` against the qualifier: with a version number, every new version would leave the old
 * version's configuration behind, allocated and billed by the hour, with nothing left in the program to remove it.
 */
export function validateSkipDestroy(skipDestroy: unknown, qualifier: string): ValidationResult {
    if (typeof skipDestroy !== "boolean") {
        return `skipDestroy must be true or false, got ${describeValue(skipDestroy)}`;
    }
    if (skipDestroy && VERSION_NUMBER.test(qualifier)) {
        return `skipDestroy cannot be used with the version number qualifier "${qualifier}": each new version replaces the configuration, and skipDestroy would leave every old version's provisioned environments allocated and billed, with nothing in the program to remove them. Put the provisioned concurrency on an alias (e.g. "live", pointed at each new version) instead`;
    }
    return undefined;
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
