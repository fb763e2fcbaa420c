// The one function of js-yaml (a devDependency, the version @pulumi/pulumi itself uses) that the tests call; the
// package ships no types of its own and @types/js-yaml is not installed.
declare module "js-yaml" {
    export function load(text: string): unknown;
}
