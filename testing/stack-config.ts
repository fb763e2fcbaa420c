// The stack configuration a program under test reads (`new pulumi.Config().requireNumber("count")`), given to
// installMocks as the Pulumi CLI would hand it to a program: every key namespaced (a bare key belongs to the project,
// as `pulumi config set count 3` stores `PROJECT:count`), every value a string (numbers and booleans as written,
// objects and arrays as JSON: what `requireNumber`, `requireBoolean` and `requireObject` parse), and the keys of
// secrets listed, so that `requireSecret` and `getSecret` give secret Outputs.

/** A configuration value as a test gives it: what `pulumi config set` (with `--path` or `--secret`) could store. */
export type ConfigValue = string | number | boolean | null | ConfigValue[] | { [key: string]: ConfigValue };

/** The configuration as the SDK's runtime takes it (pulumi.runtime.setAllConfig). */
export interface StackConfiguration {
    values: Record<string, string>;
    secretKeys: string[];
}

/** `pulumi config set` refuses other keys: "configuration keys should be of the form `<namespace>:<name>`". */
const KEY = /^(?:[^:\s]+:)?[^:\s]+$/;

/**
 * The configuration of `config` and `secretConfig` for project `project`, or the first problem, naming the option,
 * the key and the rule. A key may not be both plain and secret.
 */
export function stackConfiguration(
    project: string,
    config: Readonly<Record<string, ConfigValue>> | undefined,
    secretConfig: Readonly<Record<string, ConfigValue>> | undefined,
): StackConfiguration | { error: string } {
    const values: Record<string, string> = {};
    const secretKeys: string[] = [];
    const given: [string, Readonly<Record<string, ConfigValue>> | undefined][] = [
        ["config", config],
        ["secretConfig", secretConfig],
    ];
    for (const [option, entries] of given) {
        if (entries === undefined) {
            continue;
        }
        if (typeof entries !== "object" || entries === null || Array.isArray(entries)) {
            return { error: `installMocks: ${option} must be an object of configuration keys and values, got ${describe(entries)}` };
        }
        for (const [key, value] of Object.entries(entries)) {
            if (!KEY.test(key)) {
                return { error: `installMocks: ${option} key "${key}" must be NAME (the project's) or NAMESPACE:NAME, without spaces, as \`pulumi config set\` takes it` };
            }
            const full = key.includes(":") ? key : `${project}:${key}`;
            if (full in values) {
                return { error: `installMocks: the configuration key "${full}" is given twice (config and secretConfig, or with and without the project "${project}")` };
            }
            const text = asConfigText(value);
            if (text === undefined) {
                return { error: `installMocks: ${option} "${key}" must be a string, number, boolean, array or object, got ${describe(value)}` };
            }
            values[full] = text;
            if (option === "secretConfig") {
                secretKeys.push(full);
            }
        }
    }
    return { values, secretKeys };
}

/** A value as the CLI stores it: strings as they are, numbers and booleans as written, the rest as JSON. */
function asConfigText(value: unknown): string | undefined {
    if (typeof value === "string") {
        return value;
    }
    if ((typeof value === "number" && Number.isFinite(value)) || typeof value === "boolean") {
        return String(value);
    }
    if (value === null || Array.isArray(value) || (typeof value === "object" && Object.getPrototypeOf(value) === Object.prototype)) {
        return JSON.stringify(value);
    }
    return undefined;
}

function describe(value: unknown): string {
    if (value === undefined) {
        return "undefined";
    }
    if (typeof value === "function") {
        return "a function";
    }
    if (typeof value === "number") {
        return String(value);
    }
    if (typeof value === "object" && value !== null && !Array.isArray(value) && Object.getPrototypeOf(value) !== Object.prototype) {
        return `an instance of ${value.constructor?.name ?? "a class"}`;
    }
    return JSON.stringify(value);
}
