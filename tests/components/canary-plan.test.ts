import { expect } from "chai";
import { UNPUBLISHED_VERSION, canaryPlan, validateCanaryWeight, versionResourceName } from "../../components/canary-plan";
import { liveRoutingOf } from "../../components/alias-routing";

describe("canaryPlan: which versions a WarmAlias provisions, and how its alias routes (pure)", () => {
    const live1 = { version: "1" };
    const canary2 = { version: "1", canary: { version: "2", weight: 0.1 } };

    it("a first deploy: the program's version takes all traffic, with or without a canary weight", () => {
        expect(canaryPlan("1", undefined, undefined)).to.deep.equal({ liveVersion: "1" });
        expect(canaryPlan("1", 0.1, undefined)).to.deep.equal({ liveVersion: "1" });
    });

    it("a new version with a canary weight: the live version stays, the new one is the canary", () => {
        expect(canaryPlan("2", 0.1, live1)).to.deep.equal({ liveVersion: "1", canary: { version: "2", weight: 0.1 } });
        // The same canary again, with another weight: the weight changes, nothing is abandoned.
        expect(canaryPlan("2", 0.25, canary2)).to.deep.equal({ liveVersion: "1", canary: { version: "2", weight: 0.25 } });
    });

    it("another new version while a canary runs: the old canary is abandoned, the new one takes its place", () => {
        expect(canaryPlan("3", 0.1, canary2)).to.deep.equal({ liveVersion: "1", canary: { version: "3", weight: 0.1 }, abandonedCanary: "2" });
    });

    it("no canary weight and the program's version is the canary: a promotion, the canary's version now the live one", () => {
        expect(canaryPlan("2", undefined, canary2)).to.deep.equal({ liveVersion: "2", promotedCanary: "2" });
    });

    it("the live version again (a rollback), or another version without a weight: the canary is abandoned", () => {
        expect(canaryPlan("1", 0.1, canary2)).to.deep.equal({ liveVersion: "1", abandonedCanary: "2" });
        expect(canaryPlan("1", undefined, canary2)).to.deep.equal({ liveVersion: "1", abandonedCanary: "2" });
        expect(canaryPlan("3", undefined, canary2)).to.deep.equal({ liveVersion: "3", abandonedCanary: "2" });
    });

    it("no canary anywhere: the program's version, as a WarmAlias without canary always did", () => {
        expect(canaryPlan("2", undefined, live1)).to.deep.equal({ liveVersion: "2" });
        expect(canaryPlan("1", undefined, live1)).to.deep.equal({ liveVersion: "1" });
        expect(canaryPlan("1", 0.1, live1)).to.deep.equal({ liveVersion: "1" });
    });

    it("a preview of a version not yet published plans it as a new version: never the live one, never a promotion", () => {
        expect(canaryPlan(UNPUBLISHED_VERSION, undefined, undefined)).to.deep.equal({ liveVersion: UNPUBLISHED_VERSION });
        expect(canaryPlan(UNPUBLISHED_VERSION, undefined, live1)).to.deep.equal({ liveVersion: UNPUBLISHED_VERSION });
        expect(canaryPlan(UNPUBLISHED_VERSION, 0.1, live1)).to.deep.equal({ liveVersion: "1", canary: { version: UNPUBLISHED_VERSION, weight: 0.1 } });
        expect(canaryPlan(UNPUBLISHED_VERSION, undefined, canary2)).to.deep.equal({ liveVersion: UNPUBLISHED_VERSION, abandonedCanary: "2" });
        expect(canaryPlan(UNPUBLISHED_VERSION, 0.1, canary2)).to.deep.equal({
            liveVersion: "1",
            canary: { version: UNPUBLISHED_VERSION, weight: 0.1 },
            abandonedCanary: "2",
        });
    });

    it("names each version's configuration by its version, and the one a preview does not know yet as new", () => {
        expect(versionResourceName("live", "1")).to.equal("live-v1");
        expect(versionResourceName("api-live", "42")).to.equal("api-live-v42");
        expect(versionResourceName("live", UNPUBLISHED_VERSION)).to.equal("live-new-version");
    });

    it("checks the weight: more than 0, less than 1, naming the argument and the value", () => {
        expect(validateCanaryWeight(0.1, "canary.weight")).to.equal(undefined);
        expect(validateCanaryWeight(0.999, "canary.weight")).to.equal(undefined);
        const message = (shown: string): string =>
            `canary.weight must be a number greater than 0 and less than 1 (the share of invocations the new version takes, e.g. 0.1 for 10%), got ${shown}; to send it all traffic, leave the canary out`;
        expect(validateCanaryWeight(0, "canary.weight")).to.equal(message("0"));
        expect(validateCanaryWeight(1, "canary.weight")).to.equal(message("1"));
        expect(validateCanaryWeight(10, "canary.weight")).to.equal(message("10"));
        expect(validateCanaryWeight(-0.1, "canary.weight")).to.equal(message("-0.1"));
        expect(validateCanaryWeight(Number.NaN, "canary.weight")).to.equal(message("NaN"));
        expect(validateCanaryWeight("0.1", "canary.weight")).to.equal(message('"0.1"'));
    });
});

describe("liveRoutingOf: an alias's routing as GetAlias reports it (pure)", () => {
    it("one version, or one version and a weighted second", () => {
        expect(liveRoutingOf("4", undefined)).to.deep.equal({ version: "4" });
        expect(liveRoutingOf("4", {})).to.deep.equal({ version: "4" });
        expect(liveRoutingOf("4", { "5": 0.05 })).to.deep.equal({ version: "4", canary: { version: "5", weight: 0.05 } });
    });

    it("refuses more than one additional version, which Lambda does not allow", () => {
        expect(() => liveRoutingOf("4", { "5": 0.05, "6": 0.1 })).to.throw("the alias routes to 2 additional versions (5, 6); Lambda allows one");
    });
});
