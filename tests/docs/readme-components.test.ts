// The README's component programs (the blocks that start from a function and its execution role) type-check against
// this package as a user's program would: `import ... from "lambda-concurrency"` resolved to the package's entry,
// `@pulumi/aws` and `@pulumi/pulumi` as installed, under the strictest settings of the repository's tsconfig.
import { expect } from "chai";
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { REPO_ROOT } from "../helpers/cli";

/** The README's note that a block uses the function's role, which the block does not define. */
const ROLE_NOTE = "// role: the function's execution role (an aws.iam.Role)";

function componentPrograms(readme: string): string[] {
    return [...readme.matchAll(/```ts\n([\s\S]*?)```/g)].map((m) => m[1]).filter((block) => block.includes(ROLE_NOTE));
}

describe("the README's component programs", function () {
    // tsc loads @pulumi/aws's declarations: about 10-20 s.
    this.timeout(180_000);
    const readme = fs.readFileSync(path.join(REPO_ROOT, "README.md"), "utf8");
    const programs = componentPrograms(readme);

    it("are there: FixedConcurrency's, WarmAlias's (a fixed count, scaling, a canary) and LambdaWarmer's", () => {
        expect(programs.map((p) => /new (FixedConcurrency|WarmAlias|LambdaWarmer)\(/.exec(p)?.[1])).to.deep.equal([
            "FixedConcurrency",
            "WarmAlias",
            "WarmAlias",
            "WarmAlias",
            "LambdaWarmer",
        ]);
    });

    it("type-check as a user's program, each as it stands (the role declared where the README says it comes from)", () => {
        const dir = fs.mkdtempSync(path.join(os.tmpdir(), "readme-components-"));
        try {
            const files = programs.map((program, index) => {
                const file = path.join(dir, `program-${index}.ts`);
                fs.writeFileSync(file, `${program.replace(ROLE_NOTE, "declare const role: aws.iam.Role;")}\nexport {};\n`);
                return file;
            });
            const tsconfig = {
                compilerOptions: {
                    target: "ES2022",
                    module: "commonjs",
                    moduleResolution: "node",
                    strict: true,
                    esModuleInterop: true,
                    skipLibCheck: true,
                    noEmit: true,
                    types: ["node"],
                    typeRoots: [path.join(REPO_ROOT, "node_modules", "@types")],
                    baseUrl: dir,
                    paths: {
                        "lambda-concurrency": [path.join(REPO_ROOT, "index.ts")],
                        "@pulumi/*": [path.join(REPO_ROOT, "node_modules", "@pulumi", "*")],
                    },
                },
                files,
            };
            fs.writeFileSync(path.join(dir, "tsconfig.json"), JSON.stringify(tsconfig));
            const tsc = spawnSync(process.execPath, [require.resolve("typescript/bin/tsc"), "-p", dir], { encoding: "utf8" });
            expect(tsc.stdout + tsc.stderr, "tsc's report").to.equal("");
            expect(tsc.status).to.equal(0);
        } finally {
            fs.rmSync(dir, { recursive: true, force: true });
        }
    });
});
