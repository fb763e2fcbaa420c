// The shared test harness for components: the AWS-like mocks installed once for the whole mocha run, plus small
// helpers to read Outputs and pick recorded resources. Import it before the code under test.
import * as pulumi from "@pulumi/pulumi";
import { Function } from "@pulumi/aws/lambda";
import { AwsLikeMocks, RecordedResource, installAwsLikeMocks, waitForRegistrations } from "../../cli/mock-aws";
import { programOwnershipRegistry } from "../../components/ownership";
import { setCurrentTime } from "../../components/clock";

export const TEST_PROJECT = "lambda-concurrency-test";
export const TEST_STACK = "test";

const holder = globalThis as unknown as { __lambdaConcurrencyTestMocks?: AwsLikeMocks };
/** The mocks of this mocha run (one install: the SDK keeps one global mock monitor). */
export const mocks: AwsLikeMocks = (holder.__lambdaConcurrencyTestMocks ??= installAwsLikeMocks({
    project: TEST_PROJECT,
    stack: TEST_STACK,
}));

/**
 * The time the components see as now in every test: a Tuesday at 12:00 UTC, inside business hours, so that what the
 * schedules have in force is fixed.
 */
export const TEST_NOW = new Date("2026-12-01T12:00:00Z");

/** Starts a test from nothing: no recorded resources, no qualifier claims from earlier tests, the clock at TEST_NOW. */
export function resetProgram(): void {
    mocks.reset();
    programOwnershipRegistry().clear();
    setCurrentTime(TEST_NOW);
}
/** Forgets the recorded resources but keeps the claims, as a second run of a program in the same process does. */
resetProgram.recordsOnly = (): void => {
    mocks.reset();
};

/** The value of an Output (rejects when the Output does). */
export function valueOf<T>(output: pulumi.Output<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
        // apply's callback runs once the value is known; a rejected Output never calls it, so watch its promise too.
        const internal = output as unknown as { promise(): Promise<T> };
        internal.promise().then(resolve, reject);
    });
}

/**
 * Waits until every registration started so far has reached the mocks, and returns what they recorded. Fails when
 * the mocks refused a registration (a name longer than AWS allows), which the SDK would otherwise let pass unseen.
 */
export async function settled(): Promise<RecordedResource[]> {
    await waitForRegistrations();
    const refused = mocks.takeErrors();
    if (refused.length > 0) {
        throw new Error(`the mocks refused ${refused.length} registration(s): ${refused.map((e) => e.message).join("; ")}`);
    }
    return mocks.resources;
}

/** The recorded resources of one type. */
export function ofType(resources: RecordedResource[], type: string): RecordedResource[] {
    return resources.filter((r) => r.type === type);
}

/** The URN the mock monitor gives a resource (its type qualified by its parent's type). */
export function urnOf(type: string, name: string, parentType?: string): string {
    const qualified = parentType === undefined ? type : `${parentType}$${type}`;
    return `urn:pulumi:${TEST_STACK}::${TEST_PROJECT}::${qualified}::${name}`;
}

/** The message of the error that `fn` throws; fails when it throws nothing. */
export function thrownMessage(fn: () => unknown): string {
    try {
        fn();
    } catch (error) {
        return error instanceof Error ? error.message : String(error);
    }
    throw new Error("expected an error, but nothing was thrown");
}

/** The message of the error that `promise` rejects with; fails when it resolves. */
export async function rejectionMessage(promise: Promise<unknown>): Promise<string> {
    try {
        await promise;
    } catch (error) {
        return error instanceof Error ? error.message : String(error);
    }
    throw new Error("expected a rejection, but the promise resolved");
}

/** A Lambda function as a sample program would declare it (the mocks compute its name, ARN and version). */
export function testFunction(name: string, options: { publish?: boolean; functionName?: string } = {}): Function {
    return new Function(name, {
        name: options.functionName,
        runtime: "nodejs22.x",
        handler: "index.handler",
        role: "arn:aws:iam::123456789012:role/test-role",
        code: new pulumi.asset.AssetArchive({
            "index.js": new pulumi.asset.StringAsset("exports.handler = async () => ({ statusCode: 200 });"),
        }),
        publish: options.publish,
    });
}
