// Mocha root hooks for every spec: a test that made the AWS-like mocks refuse a registration (a name longer than AWS
// allows) fails, even when it never awaited the refused resource. Tests that expect a refusal take it themselves.
import type { AwsLikeMocks } from "../../cli/mock-aws";

export const mochaHooks = {
    afterEach(): void {
        const mocks = (globalThis as unknown as { __lambdaConcurrencyTestMocks?: AwsLikeMocks }).__lambdaConcurrencyTestMocks;
        const refused = mocks?.takeErrors() ?? [];
        if (refused.length > 0) {
            throw new Error(`the mocks refused ${refused.length} registration(s): ${refused.map((e) => e.message).join("; ")}`);
        }
    },
};
