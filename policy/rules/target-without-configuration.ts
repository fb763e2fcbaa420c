// A scalable target with no configuration of its own. Application Auto Scaling creates the provisioned concurrency
// configuration itself when a scheduled action or a tracking policy acts, and DeregisterScalableTarget leaves that
// configuration in place, allocated and billed (aws/aws-cdk#31507, aws/serverless-application-model#1846): pulumi
// destroy then removes the target and leaves the capacity running. The components own the configuration as their
// child, created before the target, with ignoreChanges on its count (components/scalable-target.ts).
import { CONFIG_TYPE, PolicyResourceData, StackRule, TARGET_TYPE, Violation, describeQualified, keyOf, label, managers } from "../resources";

export const targetWithoutConfigurationRule: StackRule = {
    kind: "stack",
    name: "lambda-concurrency-target-without-configuration",
    description:
        "A scalable target of Lambda provisioned concurrency has a provisioned concurrency configuration of the same stack on its function and qualifier, so that destroying the stack removes the capacity and not only the target.",
    enforcementLevel: "mandatory",
    check(resources: readonly PolicyResourceData[]): Violation[] {
        const all = managers(resources);
        const configured = new Set(all.filter((m) => m.resource.type === CONFIG_TYPE).map((m) => keyOf(m.on)));
        return all
            .filter((m) => m.resource.type === TARGET_TYPE && !configured.has(keyOf(m.on)))
            .map((m) => ({
                urn: m.resource.urn,
                message: `${label(m.resource)} scales the provisioned concurrency of ${describeQualified(m.on)}, but the stack declares no ${CONFIG_TYPE} on it: Application Auto Scaling creates that configuration itself, and pulumi destroy only deregisters the target, which leaves the provisioned environments allocated and billing. Declare an aws.lambda.ProvisionedConcurrencyConfig on ${describeQualified(m.on)} with ignoreChanges: ["provisionedConcurrentExecutions"] and make the target depend on it, or use ScheduledConcurrency or UtilizationScaling, which do both.`,
            }));
    },
};
