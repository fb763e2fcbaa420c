// Physical names cut to fit an AWS length limit: the start of the name, a hyphen and 8 hex characters of a hash of
// the whole, so that two long names that share their start stay distinct.
import { createHash } from "crypto";

/** `base` cut so that `base-HASH` fits `maxLength`, HASH being 8 hex characters of sha256(`whole`). */
export function hashedName(base: string, whole: string, maxLength: number): string {
    const hash = createHash("sha256").update(whole).digest("hex").slice(0, 8);
    return `${base.slice(0, maxLength - hash.length - 1)}-${hash}`;
}

/**
 * The physical name to give a resource whose provider auto-name (`logical` + "-" + 7 characters) would exceed
 * `maxLength`: the logical name cut to fit, with a hash of `scope` and the whole, so that two long names stay distinct,
 * also between two stacks when the scope names the stack. Undefined when the auto-name fits, so the provider keeps
 * naming it (its random suffix keeps stacks apart).
 */
export function fittedName(logical: string, maxLength: number, scope = ""): string | undefined {
    return logical.length + 8 <= maxLength ? undefined : hashedName(logical, scope === "" ? logical : `${scope}/${logical}`, maxLength);
}
