import { PolicyPack } from "@pulumi/policy";
import { POLICY_PACK_NAME, lambdaConcurrencyPolicies } from "lambda-concurrency/policy";

new PolicyPack(POLICY_PACK_NAME, {
    policies: lambdaConcurrencyPolicies({
        enforcementLevels: { "lambda-concurrency-tracking-statistic": "mandatory" },
    }),
});
