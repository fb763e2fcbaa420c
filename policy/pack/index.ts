// The ready policy pack: `pulumi preview --policy-pack <this folder>` (dist/policy/pack in the published package).
// Every policy at its default enforcement level; set others with --policy-pack-config or a Pulumi Cloud policy group.
import { PolicyPack } from "@pulumi/policy";
import { POLICY_PACK_NAME, lambdaConcurrencyPolicies } from "..";

new PolicyPack(POLICY_PACK_NAME, { policies: lambdaConcurrencyPolicies() });
