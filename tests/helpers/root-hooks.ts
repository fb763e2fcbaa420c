// Mocha root hooks for every spec: a test that made the AWS-like mocks refuse a registration (a name longer than AWS
// allows, a duplicate URN) fails, even when it never awaited the refused resource. Tests that expect a refusal take it
// themselves.
import type { AwsLikeMocks } from "../../testing/mock-aws";

// The testing kit's state (testing/index.ts), read from its global symbol so that specs that never load the Pulumi
// SDK (the advisor's) don't pay for it here.
const KIT_SYMBOL = Symbol.for("lambda-concurrency.testing");

export const mochaHooks = {
    afterEach(): void {
        const kit = (globalThis as unknown as Record<symbol, { recorder?: AwsLikeMocks } | undefined>)[KIT_SYMBOL];
        const refused = kit?.recorder?.takeErrors() ?? [];
        if (refused.length > 0) {
            throw new Error(`the mocks refused ${refused.length} registration(s): ${refused.map((e) => e.message).join("; ")}`);
        }
    },
};
