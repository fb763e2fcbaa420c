// Where Pulumi's schema analyzer starts (@pulumi/pulumi provider/experimental/analyzer.js, findProgramEntryPoint): it
// maps package.json "exports" and "main" from .js to .ts, finds no dist/components/index.ts, and takes index.js's
// sibling, this file. From here it follows the exports to the component classes and their argument interfaces.
// TypeScript users import the package through "exports" (the build of components/index.ts), never this file.
export * from "./components";
