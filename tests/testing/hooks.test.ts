// The kit's afterEach hook, in a mocha process of its own (it is registered on the root suite, for every file): two
// spec files that both warm orders:live pass without calling resetMocks, and a refusal nothing awaited fails its test.
import { expect } from "chai";
import { spawnSync } from "child_process";
import * as path from "path";
import { REPO_ROOT } from "../helpers/cli";
import { autoName } from "../../testing";

interface MochaJson {
    passes: { fullTitle: string }[];
    failures: { fullTitle: string; err: { message: string } }[];
}

describe("lambda-concurrency/testing hooks", function () {
    this.timeout(120_000);

    it("start a new program after each test and fail a test whose registration was refused", () => {
        const fixtures = path.join(__dirname, "fixtures");
        const run = spawnSync(
            process.execPath,
            [
                path.join(REPO_ROOT, "node_modules", "mocha", "bin", "mocha.js"),
                "--no-config",
                "-r",
                "ts-node/register/transpile-only",
                "--extension",
                "ts",
                "--reporter",
                "json",
                path.join(fixtures, "orders-a.spec.ts"),
                path.join(fixtures, "orders-b.spec.ts"),
            ],
            { cwd: REPO_ROOT, encoding: "utf8", env: { ...process.env, TS_NODE_PROJECT: path.join(REPO_ROOT, "tsconfig.json") } },
        );
        const result = JSON.parse(run.stdout) as MochaJson;
        expect(result.passes.map((p) => p.fullTitle)).to.deep.equal([
            "file a warms orders:live with 1",
            "file a warms orders:live with 2",
            "file b warms orders:live under another name",
            "file b creates a role whose name is too long, and awaits nothing",
        ]);
        expect(result.failures.map((f) => [f.fullTitle, f.err.message])).to.deep.equal([
            [
                '"after each" hook: lambdaConcurrencyAfterEach for "creates a role whose name is too long, and awaits nothing"',
                `the mocks refused 1 registration(s): aws:iam/role:Role "${"r".repeat(60)}": name "${autoName("aws:iam/role:Role", "r".repeat(60))}" is 68 characters long; AWS allows at most 64`,
            ],
        ]);
        expect(run.status).to.equal(1);
    });
});
