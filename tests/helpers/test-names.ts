// The project and stack every test program runs in: under the mocks (tests/helpers/pulumi.ts) and under the real
// engine (tests/engine/), so that names built from them (dashboards: PROJECT-STACK-COMPONENT) match between the two.
export const TEST_PROJECT = "lambda-concurrency-test";
export const TEST_STACK = "test";
