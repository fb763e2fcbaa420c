// The shared test harness for components: the testing kit (testing/index.ts, what users get as
// `lambda-concurrency/testing`) installed once for the whole mocha run, plus small helpers to read Outputs and pick
// recorded resources. Import it before the code under test.
import * as pulumi from "@pulumi/pulumi";
import { Function } from "@pulumi/aws/lambda";
import { MOCK_ACCOUNT_ID, MOCK_REGION, RecordedResource } from "../../testing/mock-aws";
import { installMocks, mockOptions, mockRecorder, outputValue, resetMocks, settled as kitSettled } from "../../testing";
import { setCurrentTime } from "../../components/clock";

import { TEST_PROJECT, TEST_STACK } from "./test-names";

export { TEST_PROJECT, TEST_STACK };

/** Installs the mocks as every spec of this repository expects them; tests/testing/ installs others on purpose. */
function installTestMocks(): void {
    // The repository's own root hooks (root-hooks.ts) surface refusals; the kit's afterEach would clear the claims that
    // some specs keep across a describe.
    installMocks({ project: TEST_PROJECT, stack: TEST_STACK, hooks: false });
}

function testMocksInstalled(): boolean {
    const options = mockOptions();
    return (
        options !== undefined &&
        options.project === TEST_PROJECT &&
        options.stack === TEST_STACK &&
        options.region === MOCK_REGION &&
        options.accountId === MOCK_ACCOUNT_ID &&
        !options.preview
    );
}

if (!testMocksInstalled()) {
    installTestMocks();
}

/** The mocks of this mocha run: the kit's one recorder (the SDK keeps one global mock monitor). */
export const mocks = mockRecorder();

/**
 * The time the components see as now in every test: a Tuesday at 12:00 UTC, inside business hours, so that what the
 * schedules have in force is fixed.
 */
export const TEST_NOW = new Date("2026-12-01T12:00:00Z");

/**
 * Starts a test from nothing: no recorded resources, no qualifier claims from earlier tests, the clock at TEST_NOW,
 * and this repository's mocks (a spec of the testing kit may have installed others).
 */
export function resetProgram(): void {
    if (!testMocksInstalled()) {
        installTestMocks();
    }
    resetMocks();
    setCurrentTime(TEST_NOW);
}
/** Forgets the recorded resources but keeps the claims, as a second run of a program in the same process does. */
resetProgram.recordsOnly = (): void => {
    mocks.reset();
};

/** The value of an Output (rejects when the Output does). */
export function valueOf<T>(output: pulumi.Output<T>): Promise<T> {
    return outputValue(output);
}

/**
 * Waits until every registration started so far has reached the mocks, and returns what they recorded. Fails when
 * the mocks refused a registration (a name longer than AWS allows, a duplicate URN), which the SDK would otherwise
 * let pass unseen.
 */
export function settled(): Promise<RecordedResource[]> {
    return kitSettled();
}

/** The recorded resources of one type. */
export function ofType(resources: RecordedResource[], type: string): RecordedResource[] {
    return resources.filter((r) => r.type === type);
}

/** The URN the mocks give a resource, as the engine does: its type qualified by its parent's whole type (`A$B`). */
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
