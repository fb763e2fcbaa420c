// The samples in other languages (programs/yaml, programs/python) against the package schema, as `pulumi` would type-
// check them: every lambda-concurrency resource is one of the schema's, with only its inputs, its required inputs, values
// of the right kinds and enum values the enum has, plain inputs without values of resources not created yet, and
// outputs the resource has. The schema is the committed one, which schema.test.ts holds equal to what GetSchema answers.
import { expect } from "chai";
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as path from "path";
import * as yaml from "js-yaml";
import { REPO_ROOT } from "../helpers/cli";
import { GOLDEN_SCHEMA, PackageSchema, PropertySpec } from "../helpers/plugin-host";

const schema = JSON.parse(fs.readFileSync(GOLDEN_SCHEMA, "utf8")) as PackageSchema;
const PACKAGE = "lambda-concurrency";
const COMPONENTS = Object.keys(schema.resources).map((token) => token.split(":")[2]);

/** The names a Pulumi YAML interpolation (`${a.b}`, `webhook-${pulumi.stack}`) reads: its first path element each. */
function interpolatedRoots(value: string): string[] {
    return [...value.matchAll(/\$\{([^}]+)\}/g)].map((match) => match[1].trim().split(/[.[]/)[0]);
}

interface YamlProgram {
    name: string;
    runtime: string;
    packages?: Record<string, string>;
    config?: Record<string, unknown>;
    variables?: Record<string, unknown>;
    resources: Record<string, { type: string; properties?: Record<string, unknown>; options?: { dependsOn?: string[] } }>;
    outputs?: Record<string, string>;
}

/** Problems of a YAML value against its schema property, as messages naming where. */
function checkValue(spec: PropertySpec, value: unknown, where: string, plain: boolean, known: Set<string>, resources: Set<string>): string[] {
    const isPlain = plain || spec.plain === true;
    if (typeof value === "string" && value.includes("${")) {
        const roots = interpolatedRoots(value);
        const unknownRoots = roots.filter((root) => !known.has(root) && !resources.has(root));
        if (unknownRoots.length > 0) {
            return [`${where}: ${value} reads ${unknownRoots.join(", ")}, which the program does not define`];
        }
        // A plain input must be known before any resource exists: config, variables and pulumi.* only.
        const fromResources = roots.filter((root) => resources.has(root));
        if (isPlain && fromResources.length > 0) {
            return [`${where} is plain but reads ${fromResources.join(", ")}, not known before the update`];
        }
        // An interpolated string is a string; a lone `${x}` may be of any type, which the program's own check resolves.
        return /^\$\{[^}]+\}$/.test(value) || spec.type === "string" || spec.$ref?.startsWith("#/types/") ? [] : [`${where}: a string for a ${spec.type}`];
    }
    if (spec.$ref !== undefined) {
        const type = schema.types[spec.$ref.replace("#/types/", "")];
        if (type === undefined) {
            return [`${where}: ${spec.$ref} is not a type of the schema`];
        }
        if (type.enum !== undefined) {
            return type.enum.some((member) => member.value === value) ? [] : [`${where}: ${JSON.stringify(value)} is not one of ${type.enum.map((m) => m.value).join(", ")}`];
        }
        return checkObject(type.properties ?? {}, type.required ?? [], value, where, isPlain, known, resources);
    }
    switch (spec.type) {
        case "array":
            return Array.isArray(value)
                ? value.flatMap((item, i) => checkValue(spec.items!, item, `${where}[${i}]`, isPlain, known, resources))
                : [`${where}: not a list`];
        case "string":
        case "number":
        case "boolean":
            return typeof value === spec.type ? [] : [`${where}: ${JSON.stringify(value)} is not a ${spec.type}`];
        default:
            return [`${where}: unexpected schema type ${String(spec.type)}`];
    }
}

function checkObject(
    properties: Record<string, PropertySpec>,
    required: string[],
    value: unknown,
    where: string,
    plain: boolean,
    known: Set<string>,
    resources: Set<string>,
): string[] {
    if (value === null || typeof value !== "object" || Array.isArray(value)) {
        return [`${where}: not an object`];
    }
    const given = value as Record<string, unknown>;
    return [
        ...Object.keys(given)
            .filter((key) => !(key in properties))
            .map((key) => `${where}.${key} is not an input (inputs: ${Object.keys(properties).join(", ")})`),
        ...required.filter((key) => !(key in given)).map((key) => `${where}.${key} is required`),
        ...Object.entries(given)
            .filter(([key]) => key in properties)
            .flatMap(([key, item]) => checkValue(properties[key], item, `${where}.${key}`, plain, known, resources)),
    ];
}

describe("the samples in other languages, against the package schema", () => {
    describe("programs/yaml (Pulumi YAML)", () => {
        const folder = path.join(REPO_ROOT, "programs", "yaml");
        const program = yaml.load(fs.readFileSync(path.join(folder, "Pulumi.yaml"), "utf8")) as YamlProgram;
        const resources = new Set(Object.keys(program.resources));
        const known = new Set([...Object.keys(program.config ?? {}), ...Object.keys(program.variables ?? {}), "pulumi"]);
        const components = Object.entries(program.resources).filter(([, resource]) => resource.type.startsWith(`${PACKAGE}:`));

        it("is a YAML program that takes the package from this repository's folder (PulumiPlugin.yaml)", () => {
            expect(program.runtime).to.equal("yaml");
            const source = path.resolve(folder, program.packages?.[PACKAGE] ?? "");
            expect(fs.existsSync(path.join(source, "PulumiPlugin.yaml")), source).to.equal(true);
            expect((JSON.parse(fs.readFileSync(path.join(source, "package.json"), "utf8")) as { name: string }).name).to.equal(PACKAGE);
        });

        it("uses each of the five components, by their schema type tokens", () => {
            expect(components.map(([, resource]) => resource.type).sort()).to.deep.equal(Object.keys(schema.resources).sort());
        });

        it("gives each component only its inputs, every required one, of the schema's kinds and enum values", () => {
            const problems = components.flatMap(([name, resource]) => {
                const spec = schema.resources[resource.type];
                return checkObject(spec.inputProperties, spec.requiredInputs, resource.properties ?? {}, name, false, known, resources);
            });
            expect(problems).to.deep.equal([]);
        });

        it("reads outputs the components have, and refers only to resources it defines", () => {
            const problems: string[] = [];
            for (const [name, expression] of Object.entries(program.outputs ?? {})) {
                const [root, property] = expression.replace(/^\$\{|\}$/g, "").split(".");
                const type = program.resources[root]?.type;
                if (type?.startsWith(`${PACKAGE}:`) && !(property in schema.resources[type].properties)) {
                    problems.push(`outputs.${name}: ${type} has no output ${property}`);
                }
                if (!resources.has(root)) {
                    problems.push(`outputs.${name}: ${root} is not a resource of the program`);
                }
            }
            for (const [name, resource] of Object.entries(program.resources)) {
                for (const dependency of resource.options?.dependsOn ?? []) {
                    if (!resources.has(dependency.replace(/^\$\{|\}$/g, ""))) {
                        problems.push(`${name}.options.dependsOn: ${dependency} is not a resource of the program`);
                    }
                }
            }
            expect(Object.keys(program.outputs ?? {}).length).to.be.greaterThan(0);
            expect(problems).to.deep.equal([]);
        });
    });

    describe("programs/python (the generated Python SDK)", function () {
        this.timeout(30_000);
        // The program's calls into pulumi_lambda_concurrency, read with Python's own parser.
        const LIST_CALLS = `
import ast, json, sys
tree = ast.parse(open(sys.argv[1]).read())
def dotted(node):
    parts = []
    while isinstance(node, ast.Attribute):
        parts.insert(0, node.attr)
        node = node.value
    return [node.id] + parts if isinstance(node, ast.Name) else None
calls, names = [], []
for node in ast.walk(tree):
    if isinstance(node, ast.Call) and dotted(node.func) and dotted(node.func)[0] == "lambda_concurrency":
        calls.append({"name": dotted(node.func)[1], "keywords": [k.arg for k in node.keywords]})
    if isinstance(node, ast.Attribute) and dotted(node) and dotted(node)[0] == "lambda_concurrency":
        names.append(dotted(node)[1:])
print(json.dumps({"calls": calls, "names": names}))
`;
        let listed: { calls: { name: string; keywords: string[] }[]; names: string[][] } | undefined;

        before(function () {
            const run = spawnSync("python3", ["-c", LIST_CALLS, path.join(REPO_ROOT, "programs", "python", "__main__.py")], { encoding: "utf8" });
            if (run.error !== undefined) {
                // Only where no Python is installed: the YAML sample still holds the schema to the samples.
                this.skip();
            }
            expect(run.status, run.stderr).to.equal(0);
            listed = JSON.parse(run.stdout) as typeof listed;
        });

        /** Pulumi's Python names: camelCase inputs in snake_case. */
        const snake = (name: string): string => name.replace(/([A-Z])/g, "_$1").toLowerCase();

        it("imports the SDK as Pulumi generates it for this package and calls each component with its inputs in snake_case", () => {
            const source = fs.readFileSync(path.join(REPO_ROOT, "programs", "python", "__main__.py"), "utf8");
            expect(source).to.include("import pulumi_lambda_concurrency as lambda_concurrency");
            const problems: string[] = [];
            const used = new Set<string>();
            for (const call of listed!.calls) {
                const component = schema.resources[`${PACKAGE}:index:${call.name}`];
                const type = schema.types[`${PACKAGE}:index:${call.name.replace(/Args$/, "")}`];
                const spec = component !== undefined ? { inputs: component.inputProperties, required: component.requiredInputs } : type !== undefined && call.name.endsWith("Args") ? { inputs: type.properties ?? {}, required: type.required ?? [] } : undefined;
                if (spec === undefined) {
                    problems.push(`lambda_concurrency.${call.name} is neither a component nor an input type of the schema`);
                    continue;
                }
                used.add(call.name);
                const byPythonName = new Map(Object.keys(spec.inputs).map((input) => [snake(input), input]));
                for (const keyword of call.keywords) {
                    if (keyword !== "opts" && !byPythonName.has(keyword)) {
                        problems.push(`lambda_concurrency.${call.name}(${keyword}=...) is not an input`);
                    }
                }
                for (const input of spec.required) {
                    if (!call.keywords.includes(snake(input))) {
                        problems.push(`lambda_concurrency.${call.name} lacks ${snake(input)}`);
                    }
                }
            }
            expect(problems).to.deep.equal([]);
            expect([...used].sort()).to.deep.equal([...COMPONENTS, "ScheduleArgs", "WarmerTargetArgs"].sort());
        });

        it("names enum members as Pulumi's Python generator does (the member name in upper case)", () => {
            const members = listed!.names.filter((name) => name.length === 2 && schema.types[`${PACKAGE}:index:${name[0]}`]?.enum !== undefined);
            expect(members.length).to.be.greaterThan(0);
            for (const [type, member] of members) {
                const names = schema.types[`${PACKAGE}:index:${type}`].enum!.map((m) => (m.name ?? String(m.value)).toUpperCase());
                expect(names, `${type}.${member}`).to.include(member);
            }
        });
    });
});
