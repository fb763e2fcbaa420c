// The package schema that Python, Go, .NET and YAML users get: run-plugin started against a fresh checkout as Pulumi's
// Node.js language host starts it, asked GetSchema (tests/helpers/plugin-host.ts), compared with the committed
// tests/plugin/schema.json and checked against Pulumi's package metaschema and this package's own rules.
import { expect } from "chai";
import * as fs from "fs";
import * as path from "path";
import Ajv2020 from "ajv/dist/2020";
import { REPO_ROOT } from "../helpers/cli";
import {
    FakeEngine,
    GOLDEN_SCHEMA,
    PackageSchema,
    PluginProcess,
    PropertySpec,
    formatSchema,
    freshCheckout,
} from "../helpers/plugin-host";

/**
 * Pulumi's package metaschema, pkg/codegen/schema/pulumi.json of pulumi/pulumi (commit
 * 01c4ec37f501a3eb579e0a092da0e63fc43cf03c), copied unchanged: the JSON Schema (draft 2020-12) that `pulumi package`
 * commands check a schema against.
 */
const METASCHEMA = path.join(__dirname, "fixtures", "pulumi-package-metaschema.json");

const COMPONENTS = ["FixedConcurrency", "LambdaWarmer", "ScheduledConcurrency", "UtilizationScaling", "WarmAlias"];

/** Every property of the schema, with where it is: resource inputs and outputs, object type properties. */
function everyProperty(schema: PackageSchema): { where: string; name: string; spec: PropertySpec; optional: boolean; input: boolean }[] {
    const found: { where: string; name: string; spec: PropertySpec; optional: boolean; input: boolean }[] = [];
    for (const [token, resource] of Object.entries(schema.resources)) {
        for (const [name, spec] of Object.entries(resource.inputProperties)) {
            found.push({ where: `${token} input`, name, spec, optional: !resource.requiredInputs.includes(name), input: true });
        }
        for (const [name, spec] of Object.entries(resource.properties)) {
            found.push({ where: `${token} output`, name, spec, optional: !resource.required.includes(name), input: false });
        }
    }
    for (const [token, type] of Object.entries(schema.types)) {
        for (const [name, spec] of Object.entries(type.properties ?? {})) {
            found.push({ where: token, name, spec, optional: !(type.required ?? []).includes(name), input: true });
        }
    }
    return found;
}

describe("the package schema (GetSchema over gRPC, from a fresh checkout)", function () {
    this.timeout(120_000);
    let checkout: ReturnType<typeof freshCheckout>;
    let engine: FakeEngine;
    let plugin: PluginProcess;
    let schema: PackageSchema;

    before(async () => {
        checkout = freshCheckout();
        engine = new FakeEngine();
        plugin = await PluginProcess.start(checkout.packageDir, checkout.consumer, engine, await engine.start());
        schema = await plugin.getSchema();
    });

    after(() => {
        plugin?.stop();
        engine?.stop();
        checkout?.remove();
    });

    it("is the committed tests/plugin/schema.json (after a change to the components, run `npm run schema` and review the difference)", () => {
        expect(formatSchema(schema)).to.equal(fs.readFileSync(GOLDEN_SCHEMA, "utf8"));
    });

    it("validates against Pulumi's package metaschema", () => {
        // strict: false because the metaschema has keywords Ajv does not know ("desciption", a typo in pulumi.json);
        // formats ("regex", "uri-reference") are not checked.
        const ajv = new Ajv2020({ strict: false, allErrors: true, validateFormats: false });
        const validate = ajv.compile(JSON.parse(fs.readFileSync(METASCHEMA, "utf8")) as object);
        const valid = validate(schema);
        expect(validate.errors ?? [], JSON.stringify(validate.errors, null, 2)).to.deep.equal([]);
        expect(valid).to.equal(true);
        // The validator does reject a broken schema (a check that never fails checks nothing).
        const broken = JSON.parse(JSON.stringify(schema)) as PackageSchema;
        broken.resources["lambda-concurrency:index:FixedConcurrency"].inputProperties.qualifier.type = "text";
        expect(validate(broken)).to.equal(false);
    });

    it("names the package after package.json and has exactly the five components, as components", () => {
        const manifest = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, "package.json"), "utf8")) as { name: string; version: string };
        expect(schema.name).to.equal(manifest.name);
        expect(schema.version).to.equal(manifest.version);
        expect(Object.keys(schema.resources).sort()).to.deep.equal(COMPONENTS.map((c) => `lambda-concurrency:index:${c}`));
        for (const resource of Object.values(schema.resources)) {
            expect(resource.isComponent).to.equal(true);
            expect(resource.description ?? "").to.not.equal("");
        }
    });

    it("describes every property, and says what an optional input defaults to", () => {
        const properties = everyProperty(schema);
        expect(properties.length).to.be.greaterThan(60);
        for (const { where, name, spec, optional, input } of properties) {
            expect(spec.description ?? "", `${where} ${name}`).to.match(/\S/);
            // The analyzer keeps a JSDoc comment's text and drops its tags, @default included, so the text says it.
            if (input && optional) {
                expect(spec.description, `${where} ${name}: no "Defaults to"`).to.match(/Defaults\s+to\s/);
            }
        }
        for (const [token, type] of Object.entries(schema.types)) {
            for (const member of type.enum ?? []) {
                expect(member.description ?? "", `${token} ${String(member.value)}`).to.match(/\S/);
            }
        }
    });

    it("gives its types names without an Args suffix (the Python and Go generators add their own)", () => {
        expect(Object.keys(schema.types).sort()).to.deep.equal(
            ["AlarmSettings", "Monitoring", "Schedule", "UtilizationStatistic", "UtilizationTracking", "WarmAliasCanary", "WarmerArchitecture", "WarmerTarget"].map((t) => `lambda-concurrency:index:${t}`),
        );
        const refs = everyProperty(schema).flatMap(({ spec }) => [spec.$ref, spec.items?.$ref]).filter((r): r is string => r !== undefined);
        for (const ref of refs.filter((r) => r.startsWith("#/types/"))) {
            expect(ref).to.not.match(/Args$/);
            expect(schema.types, ref).to.have.property(ref.slice("#/types/".length));
        }
    });

    it("offers the string choices as enums of the values TypeScript takes", () => {
        const utilization = schema.resources["lambda-concurrency:index:UtilizationScaling"];
        expect(utilization.inputProperties.statistic.$ref).to.equal("#/types/lambda-concurrency:index:UtilizationStatistic");
        expect(schema.types["lambda-concurrency:index:UtilizationStatistic"].type).to.equal("string");
        expect(schema.types["lambda-concurrency:index:UtilizationStatistic"].enum?.map((m) => [m.name, m.value])).to.deep.equal([
            ["Maximum", "Maximum"],
            ["Average", "Average"],
        ]);
        const warmer = schema.resources["lambda-concurrency:index:LambdaWarmer"];
        expect(warmer.inputProperties.architecture.$ref).to.equal("#/types/lambda-concurrency:index:WarmerArchitecture");
        expect(schema.types["lambda-concurrency:index:WarmerArchitecture"].enum?.map((m) => [m.name, m.value])).to.deep.equal([
            ["Arm64", "arm64"],
            ["X86_64", "x86_64"],
        ]);
    });

    it("marks as plain exactly the inputs the components need at construction, and nothing as an integer", () => {
        const plain = Object.entries(schema.resources).flatMap(([token, resource]) =>
            Object.entries(resource.inputProperties)
                .filter(([, spec]) => spec.plain === true)
                .map(([name]) => `${token.split(":")[2]}.${name}`),
        );
        expect(plain.sort()).to.deep.equal(
            [
                "FixedConcurrency.deleteOldConfigurationFirst",
                "FixedConcurrency.monitoring",
                "LambdaWarmer.architecture",
                "LambdaWarmer.monitoring",
                "LambdaWarmer.prewarm",
                "LambdaWarmer.schedule",
                "LambdaWarmer.targets",
                "ScheduledConcurrency.deleteOldConfigurationFirst",
                "ScheduledConcurrency.monitoring",
                "ScheduledConcurrency.schedules",
                "ScheduledConcurrency.timezone",
                "UtilizationScaling.deleteOldConfigurationFirst",
                "UtilizationScaling.monitoring",
                "UtilizationScaling.scaleInWhenIdle",
                "UtilizationScaling.schedules",
                "UtilizationScaling.statistic",
                "UtilizationScaling.timezone",
                "WarmAlias.canary",
                "WarmAlias.scaling",
            ].sort(),
        );
        // TypeScript has one number type, and @pulumi/pulumi 3.270's analyzer maps it to "number"; the whole-number
        // rules are the components' checks (the descriptions say "a whole number").
        expect(everyProperty(schema).filter(({ spec }) => spec.type === "integer")).to.deep.equal([]);
    });

    it("refers to the AWS resources of the @pulumi/aws the package is installed with", () => {
        const aws = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, "node_modules", "@pulumi", "aws", "package.json"), "utf8")) as {
            version: string;
        };
        expect(schema.dependencies).to.deep.equal([{ name: "aws", version: aws.version }]);
        const fixed = schema.resources["lambda-concurrency:index:FixedConcurrency"];
        expect(fixed.properties.config.$ref).to.equal(
            `/aws/v${aws.version}/schema.json#/resources/aws:lambda%2FprovisionedConcurrencyConfig:ProvisionedConcurrencyConfig`,
        );
        expect(schema.resources["lambda-concurrency:index:ScheduledConcurrency"].properties.scheduledActions.items?.$ref).to.equal(
            `/aws/v${aws.version}/schema.json#/resources/aws:appautoscaling%2FscheduledAction:ScheduledAction`,
        );
    });
});
