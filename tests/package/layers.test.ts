// Layers by moment, with no upward import (DESIGN.md, "Layout"): the AWS facts below everything; the components (deploy
// time) and the advisor (planning time) beside each other, each reading the facts; the command above both. The runtime
// runs inside users' functions and imports nothing of the package. The advisor reads a few of the components' pure
// modules, so that it models exactly what they build, and the policy pack (policy/) reads them so that it checks
// hand-written resources with the components' own rules; none of them loads @pulumi. Nothing imports the policy pack.
import { expect } from "chai";
import * as fs from "fs";
import * as path from "path";

const ROOT = path.resolve(__dirname, "..", "..");

/** The top-level folders each layer may import from, besides itself. */
const ALLOWED: Readonly<Record<string, readonly string[]>> = {
    "aws-facts": [],
    runtime: [],
    components: ["aws-facts"],
    advisor: ["aws-facts"],
    policy: ["aws-facts"],
    cli: ["aws-facts", "components", "advisor", "runtime", "testing", "programs"],
};

/** The components' modules the advisor and the policy pack may read: pure, no @pulumi import (checked below). */
const PURE_COMPONENT_MODULES: readonly string[] = [
    "components/monitoring/metrics.ts",
    "components/utilization-defaults.ts",
    "components/function-reference.ts",
    "components/replacement.ts",
    "components/ownership-reasons.ts",
    "components/scaled-capacity.ts",
    "components/suggest.ts",
    "components/schedule/calendar.ts",
    "components/schedule/types.ts",
    "components/schedule/parse.ts",
    "components/schedule/validate.ts",
    "components/schedule/occurrences.ts",
    "components/schedule/timeline.ts",
];

/** The layers that may read the components' pure modules. */
const READERS_OF_PURE_MODULES: readonly string[] = ["advisor", "policy"];

function sourceFiles(folder: string): string[] {
    const out: string[] = [];
    for (const entry of fs.readdirSync(folder, { withFileTypes: true })) {
        const full = path.join(folder, entry.name);
        if (entry.isDirectory() && entry.name !== "node_modules") {
            out.push(...sourceFiles(full));
        } else if (entry.isFile() && /\.(ts|js)$/.test(entry.name) && !entry.name.endsWith(".d.ts")) {
            out.push(full);
        }
    }
    return out;
}

/** The files (relative to the repository, without extension) a file's relative imports and requires reach. */
function importedPaths(file: string, text = fs.readFileSync(file, "utf8")): string[] {
    const specifiers = [...text.matchAll(/(?:from\s+|import\s*\(\s*|require\s*\(\s*)["'](\.{1,2}\/[^"']+)["']/g)].map((m) => m[1]);
    return specifiers.map((s) => path.relative(ROOT, path.resolve(path.dirname(file), s)).split(path.sep).join("/"));
}

/** The package folders a file's relative imports and requires reach (its own included). */
function importedLayers(file: string, text = fs.readFileSync(file, "utf8")): string[] {
    return importedPaths(file, text).map((p) => p.split("/")[0]);
}

describe("layers by moment: no upward import", () => {
    for (const [layer, allowed] of Object.entries(ALLOWED)) {
        it(`${layer}/ imports only from ${allowed.length === 0 ? "itself" : `itself and ${allowed.join(", ")}`}`, () => {
            const offending = sourceFiles(path.join(ROOT, layer)).flatMap((file) =>
                importedPaths(file)
                    .filter((target) => {
                        const top = target.split("/")[0];
                        const pureComponent = READERS_OF_PURE_MODULES.includes(layer) && PURE_COMPONENT_MODULES.includes(`${target}.ts`);
                        return top !== layer && !allowed.includes(top) && !pureComponent;
                    })
                    .map((target) => `${path.relative(ROOT, file)} -> ${target}`),
            );
            expect(offending).to.deep.equal([]);
        });
    }

    it("lets the advisor and the policy pack read only components' modules that load no @pulumi package and import only each other and the AWS facts", () => {
        for (const module of PURE_COMPONENT_MODULES) {
            const file = path.join(ROOT, module);
            expect(fs.readFileSync(file, "utf8"), module).to.not.match(/from\s+["']@pulumi\//);
            for (const target of importedPaths(file).filter((t) => !t.startsWith("aws-facts/"))) {
                expect(PURE_COMPONENT_MODULES, `${module} -> ${target}`).to.include(`${target}.ts`);
            }
        }
    });

    it("keeps the policy pack's rules free of @pulumi: only its adapter (policy/index.ts) and its pack read @pulumi/policy, as types", () => {
        for (const file of sourceFiles(path.join(ROOT, "policy"))) {
            const relative = path.relative(ROOT, file).split(path.sep).join("/");
            const text = fs.readFileSync(file, "utf8");
            if (relative === "policy/index.ts") {
                expect(text, relative).to.not.match(/^import\s+(?!type\b)[^;]*from\s+["']@pulumi\//m);
            } else if (!relative.startsWith("policy/pack/")) {
                expect(text, relative).to.not.match(/from\s+["']@pulumi\//);
            }
        }
    });

    it("reads imports, dynamic imports and requires, relative to the file", () => {
        const file = path.join(ROOT, "components", "monitoring", "example.ts");
        const text = 'import { a } from "../../advisor/pricing";\nconst b = require("./alarms");\nconst c = await import("../../aws-facts/pricing");\nimport * as pulumi from "@pulumi/pulumi";';
        expect(importedLayers(file, text)).to.deep.equal(["advisor", "components", "aws-facts"]);
    });
});
