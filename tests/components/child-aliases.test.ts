// The aliases each child names under its component's (components/child-aliases.ts): the child's URN under each alias of
// the component, its name rewritten where it starts with the component's, as the engine's inheritedChildAlias does.
import { expect } from "chai";
import * as pulumi from "@pulumi/pulumi";
import { childAliases, childOptions, rememberAliases } from "../../components/child-aliases";
import { resetProgram, urnOf, valueOf } from "../helpers/pulumi";

const THING = "test:index:Thing";
const OTHER = "test:index:Other";
const TARGET = "aws:appautoscaling/target:Target";

/** A component of type THING named `name`, with its aliases recorded. */
function component(name: string, opts: pulumi.ComponentResourceOptions): pulumi.ComponentResource {
    const made = new pulumi.ComponentResource(THING, name, {}, opts);
    rememberAliases(made, THING, name, opts);
    return made;
}

/** Each alias as the URN it stands for: the child's name and type under the alias's parent. */
async function aliasUrns(aliases: pulumi.Alias[], childType: string): Promise<string[]> {
    return Promise.all(
        aliases.map(async (alias) => {
            const name = await valueOf(pulumi.output(alias.name as pulumi.Input<string>));
            const parent = await valueOf(pulumi.output(alias.parent as pulumi.Input<string>));
            return `${parent.slice(0, parent.lastIndexOf("::"))}$${childType}::${name}`;
        }),
    );
}

describe("child aliases (child-aliases.ts)", () => {
    beforeEach(resetProgram);

    it("a renamed and swapped component: each child under each alias, its name's prefix the alias's name", async () => {
        const front = component("front", { aliases: [{ name: "api" }, { type: OTHER }, { name: "api", type: OTHER }] });
        expect(await aliasUrns(childAliases(front, "front-target"), TARGET)).to.deep.equal([
            urnOf(TARGET, "api-target", THING),
            urnOf(TARGET, "front-target", OTHER),
            urnOf(TARGET, "api-target", OTHER),
        ]);
        // A child whose name does not start with the component's keeps it.
        expect(await aliasUrns(childAliases(front, "shared-role"), TARGET)).to.deep.equal([
            urnOf(TARGET, "shared-role", THING),
            urnOf(TARGET, "shared-role", OTHER),
            urnOf(TARGET, "shared-role", OTHER),
        ]);
    });

    it("an alias given as a URN stands for itself; one under another parent keeps that parent's type", async () => {
        const parent = new pulumi.ComponentResource(OTHER, "outer", {});
        const inner = component("inner", { aliases: [urnOf(THING, "old")], parent });
        const moved = component("moved", { aliases: [{ parent: undefined }], parent });
        expect(await aliasUrns(childAliases(inner, "inner-target"), TARGET)).to.deep.equal([urnOf(TARGET, "old-target", THING)]);
        // `parent: undefined` is the root: the old URN has no parent type.
        expect(await aliasUrns(childAliases(moved, "moved-target"), TARGET)).to.deep.equal([urnOf(TARGET, "moved-target", THING)]);
    });

    it("nothing for a component without aliases or whose aliases were not recorded; childOptions parents the child", async () => {
        const plain = component("plain", {});
        const unrecorded = new pulumi.ComponentResource(THING, "unrecorded", {}, { aliases: [{ name: "old" }] });
        expect(childAliases(plain, "plain-target")).to.deep.equal([]);
        expect(childAliases(unrecorded, "unrecorded-target")).to.deep.equal([]);
        const options = childOptions(plain, "plain-target");
        expect(options.parent).to.equal(plain);
        expect(options.aliases).to.deep.equal([]);
        expect(await options.dependsOn).to.deep.equal([]);
    });
});
