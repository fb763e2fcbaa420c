// `lambda-concurrency/testing`: unit tests of a Pulumi program that uses this package, under the SDK's mock runtime
// with the AWS-like mocks the offline plan uses (testing/mock-aws.ts). Plain `setMocks` mocks return only what they
// are given, so a function has no name, ARN or version and the components' checks see nothing real; these fill in
// what the AWS provider computes and refuse what AWS or the Pulumi engine would refuse.
//
// The kit keeps one recorder per process (on a global symbol), because the SDK keeps one mock monitor per process:
// every test file that calls installMocks configures the same recorder, and a test harness that holds it keeps a
// working reference.
import * as pulumi from "@pulumi/pulumi";
import { programOwnershipRegistry } from "../components/ownership";
import { setCurrentTime } from "../components/clock";
import { AwsLikeMocks, RecordedResource, installAwsLikeMocks, waitForRegistrations } from "./mock-aws";
import { ConfigValue, stackConfiguration } from "./stack-config";

export {
    AWS_NAME_LIMITS,
    AwsLikeMocks,
    DuplicateUrnError,
    MOCK_ACCOUNT_ID,
    MOCK_REGION,
    NameLimitError,
    autoName,
    autoNameSuffix,
    partitionOf,
} from "./mock-aws";
export type { DeployedAws, MockAwsOptions, RecordedOptions, RecordedResource } from "./mock-aws";
export type { ConfigValue } from "./stack-config";

/** What the recorder of {@link installMocks} is: the mocks themselves, with what they recorded. */
export type MockRecorder = AwsLikeMocks;

/** The options of {@link installMocks}. */
export interface InstallMocksOptions {
    /**
     * The project name, as in Pulumi.yaml: part of every URN and the namespace of unqualified config keys.
     * @default "project"
     */
    project?: string;
    /**
     * The stack name: part of every URN.
     * @default "stack"
     */
    stack?: string;
    /**
     * The region of the mocked AWS provider (`aws:region`): in every computed ARN, and what `getRegion` returns.
     * @default config's "aws:region" if given, else "us-east-1"
     */
    region?: string;
    /**
     * The account of the mocked AWS provider: in every computed ARN, and what `getCallerIdentity` returns.
     * @default "123456789012"
     */
    accountId?: string;
    /**
     * Run as `pulumi preview` does: `pulumi.runtime.isDryRun()` is true, so code that acts differently during a
     * preview takes that path (the mocks still answer with what the provider computes). Only for testing preview
     * behaviour on purpose.
     * @default false
     */
    preview?: boolean;
    /**
     * The time the components see as now (what a schedule has in force when capacity is first created), so that
     * tests of ScheduledConcurrency and UtilizationScaling do not depend on when they run.
     * @default the real time
     */
    now?: Date;
    /**
     * The stack configuration the program reads, as `pulumi config set` stores it: a key without a namespace is the
     * project's (`{ minCapacity: 2 }` is read by `new pulumi.Config().requireNumber("minCapacity")`), others are
     * given whole (`"aws:region"`). Numbers, booleans, arrays and objects are stored as the CLI stores them, so the
     * Config's `requireNumber`, `requireBoolean` and `requireObject` read them back. Replaces the whole configuration.
     * @default none
     */
    config?: Record<string, ConfigValue>;
    /**
     * Configuration set with `--secret`: as `config`, and `requireSecret`/`getSecret` give secret Outputs.
     * @default none
     */
    secretConfig?: Record<string, ConfigValue>;
    /**
     * Register an `afterEach` hook (mocha, jest) that, after every test, starts a new program (forgets the
     * one-owner-per-qualifier claims and the URNs registered, so the next test may reuse names and qualifiers) and
     * fails the test when the mocks refused a registration that nothing awaited. Registered once per process.
     * @default true
     */
    hooks?: boolean;
}

interface KitState {
    recorder?: AwsLikeMocks;
    options?: Required<Pick<InstallMocksOptions, "project" | "stack" | "region" | "accountId" | "preview">>;
    hooksRegistered?: boolean;
}

// On globalThis, so that a test harness and the tests (or two copies of this package) share one recorder.
const KIT_SYMBOL = Symbol.for("lambda-concurrency.testing");

function kitState(): KitState {
    const holder = globalThis as unknown as Record<symbol, KitState | undefined>;
    return (holder[KIT_SYMBOL] ??= {});
}

/**
 * Installs the AWS-like mocks in Pulumi's mock runtime and returns the recorder of every registration. Call it
 * before your program creates resources: at the top of the test file, or in `before` / `beforeAll` before you
 * import the program. Calling it again (another file, other options) reconfigures the same recorder and starts
 * from nothing.
 */
export function installMocks(options: InstallMocksOptions = {}): MockRecorder {
    const state = kitState();
    const project = options.project ?? "project";
    const configuration = stackConfiguration(project, options.config, options.secretConfig);
    if ("error" in configuration) {
        throw new Error(configuration.error);
    }
    // The provider's region is the stack's `aws:region`, as under `pulumi up`: one region, however it is given.
    const configuredRegion = configuration.values["aws:region"];
    if (options.region !== undefined && configuredRegion !== undefined && options.region !== configuredRegion) {
        throw new Error(`installMocks: region "${options.region}" and config "aws:region" "${configuredRegion}" differ; give one of them`);
    }
    const settings = {
        project,
        stack: options.stack ?? "stack",
        region: options.region ?? configuredRegion ?? "us-east-1",
        accountId: options.accountId ?? "123456789012",
        preview: options.preview ?? false,
    };
    state.recorder = installAwsLikeMocks(settings, state.recorder);
    pulumi.runtime.setAllConfig(configuration.values, configuration.secretKeys);
    state.options = settings;
    resetMocks();
    setCurrentTime(options.now);
    if ((options.hooks ?? true) && state.hooksRegistered !== true) {
        state.hooksRegistered = registerAfterEach(lambdaConcurrencyAfterEach);
    }
    return state.recorder;
}

/** The options in force since the last {@link installMocks}, defaults filled in; undefined before any. */
export function mockOptions(): Readonly<Required<Omit<InstallMocksOptions, "now" | "hooks" | "config" | "secretConfig">>> | undefined {
    const options = kitState().options;
    return options === undefined ? undefined : { ...options };
}

/** The recorder installed by {@link installMocks}; fails when there is none. */
export function mockRecorder(): MockRecorder {
    const recorder = kitState().recorder;
    if (recorder === undefined) {
        throw new Error("lambda-concurrency/testing: call installMocks() before this");
    }
    return recorder;
}

/**
 * Starts from nothing: forgets the recorded resources, calls and refusals, the URNs registered (so names may be used
 * again) and the one-owner-per-qualifier claims of this package's components (kept process-wide, so without this two
 * tests that both give provisioned concurrency to `orders:live` would collide). Call it in `beforeEach` when each test
 * builds its own program.
 */
export function resetMocks(): void {
    kitState().recorder?.reset();
    programOwnershipRegistry().clear();
}

/**
 * Starts a new program but keeps the records: forgets the claims and the URNs registered. The afterEach hook of
 * {@link installMocks} does this after every test, so that a program built in `before` can be asserted on in
 * several tests while the next test may build another one.
 */
export function newProgram(): void {
    kitState().recorder?.newProgram();
    programOwnershipRegistry().clear();
}

/** What the afterEach hook runs: a new program, and a failure for refusals nothing awaited. */
function lambdaConcurrencyAfterEach(): void {
    newProgram();
    const refused = kitState().recorder?.takeErrors() ?? [];
    if (refused.length > 0) {
        throw refusalError(refused);
    }
}

function refusalError(refused: readonly Error[]): Error {
    return new Error(`the mocks refused ${refused.length} registration(s): ${refused.map((e) => e.message).join("; ")}`);
}

/** Registers `hook` with the test framework's global afterEach (mocha and jest both have one); false when none. */
function registerAfterEach(hook: () => void): boolean {
    const register = (globalThis as unknown as { afterEach?: (fn: () => void) => void }).afterEach;
    if (typeof register !== "function") {
        return false;
    }
    try {
        register(hook);
        return true;
    } catch {
        // Jest refuses hooks defined while a test or hook runs (installMocks called in beforeAll): the caller can
        // still call newProgram() and settled() itself.
        return false;
    }
}

/**
 * Waits until every registration the program started has reached the mocks, and returns what they recorded. Fails
 * with every refusal (a name longer than AWS allows, a duplicate URN), which the SDK would otherwise let pass unseen.
 */
export async function settled(): Promise<RecordedResource[]> {
    const recorder = mockRecorder();
    await waitForRegistrations();
    const refused = recorder.takeErrors();
    if (refused.length > 0) {
        throw refusalError(refused);
    }
    return recorder.resources;
}

/** The recorded resources, in registration order; only those of `type` when given. */
export function recordedResources(type?: string): RecordedResource[] {
    const all = mockRecorder().resources;
    return type === undefined ? [...all] : all.filter((r) => r.type === type);
}

/** The one recorded resource of `type` named `name` (the logical name); fails, saying what there is, otherwise. */
export function findResource(type: string, name: string): RecordedResource {
    const found = recordedResources(type).filter((r) => r.name === name);
    if (found.length === 1) {
        return found[0];
    }
    const names = recordedResources(type).map((r) => `"${r.name}"`);
    throw new Error(
        found.length === 0
            ? `no ${type} named "${name}" was registered${names.length > 0 ? `; there are ${names.join(", ")}` : ""}`
            : `${found.length} resources ${type} named "${name}" were registered (under different parents); pick one by urn`,
    );
}

/** The URN the mocks give a resource: its type qualified by its parent's type, in the installed project and stack. */
export function urnOf(type: string, name: string, parentType?: string): string {
    const options = kitState().options;
    if (options === undefined) {
        throw new Error("lambda-concurrency/testing: call installMocks() before this");
    }
    const qualified = parentType === undefined ? type : `${parentType}$${type}`;
    return `urn:pulumi:${options.stack}::${options.project}::${qualified}::${name}`;
}

/** The value of an Output (or a plain or promised input); rejects when the Output does (a failed check, say). */
export function outputValue<T>(value: pulumi.Input<T>): Promise<T> {
    // apply's callback never runs for a rejected Output, so read the Output's promise, which rejects with it.
    const output = pulumi.output(value) as unknown as { promise?: () => Promise<T>; apply: (f: (v: T) => void) => unknown };
    if (typeof output.promise === "function") {
        return output.promise();
    }
    return new Promise<T>((resolve) => {
        output.apply(resolve);
    });
}

/**
 * The message of an expected failure: of `action` when it throws (a component's constructor refusing a plain
 * argument), or of the promise or Output it returns or that is given, when that rejects (an Output whose check
 * failed, a refused registration from {@link settled}). Fails when nothing fails.
 */
export async function failureMessage(action: pulumi.Output<unknown> | Promise<unknown> | (() => unknown)): Promise<string> {
    const messageOf = (error: unknown): string => (error instanceof Error ? error.message : String(error));
    let result: unknown;
    if (typeof action === "function") {
        try {
            result = action();
        } catch (error) {
            return messageOf(error);
        }
    } else {
        result = action;
    }
    if (result instanceof Promise || pulumi.Output.isInstance(result)) {
        try {
            await (pulumi.Output.isInstance(result) ? outputValue(result) : result);
        } catch (error) {
            return messageOf(error);
        }
        throw new Error("expected a failure, but the promise resolved");
    }
    throw new Error("expected a failure, but nothing was thrown");
}
