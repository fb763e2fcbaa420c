// The README's complete examples are the files the tests run: each must stand in the README exactly as it is on disk.
import { expect } from "chai";
import * as fs from "fs";
import * as path from "path";
import { REPO_ROOT } from "../helpers/cli";

describe("the README's examples", () => {
    const readme = fs.readFileSync(path.join(REPO_ROOT, "README.md"), "utf8");
    for (const example of ["docs/examples/testing/index.ts", "docs/examples/testing/index.spec.ts", "docs/examples/policy-pack/index.ts"]) {
        it(`shows ${example} as it is`, () => {
            const source = fs.readFileSync(path.join(REPO_ROOT, example), "utf8");
            expect(readme).to.contain("```ts\n" + source + "```");
        });
    }
});
