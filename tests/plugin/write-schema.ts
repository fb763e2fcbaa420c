// `npm run schema`: asks the package for its schema as Pulumi does (run-plugin against a fresh checkout, GetSchema; see
// tests/helpers/plugin-host.ts) and writes it to tests/plugin/schema.json, the copy the tests compare with. Run it
// after changing a component's arguments, outputs or their documentation, and review the difference: it is what
// Python, Go, .NET and YAML users see.
import * as fs from "fs";
import { FakeEngine, GOLDEN_SCHEMA, PluginProcess, formatSchema, freshCheckout } from "../helpers/plugin-host";

async function main(): Promise<void> {
    const checkout = freshCheckout();
    const engine = new FakeEngine();
    let plugin: PluginProcess | undefined;
    try {
        plugin = await PluginProcess.start(checkout.packageDir, checkout.consumer, engine, await engine.start());
        const schema = await plugin.getSchema();
        fs.writeFileSync(GOLDEN_SCHEMA, formatSchema(schema));
        console.log(`wrote ${GOLDEN_SCHEMA}: ${Object.keys(schema.resources).length} resources, ${Object.keys(schema.types).length} types`);
    } finally {
        plugin?.stop();
        engine.stop();
        checkout.remove();
    }
}

main().catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
});
