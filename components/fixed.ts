import * as pulumi from "@pulumi/pulumi";
import { ProvisionedConcurrencyConfig } from "@pulumi/aws/lambda";
import { checkTarget, checkedInput, validateCapacity } from "./target";

/** The arguments of {@link FixedConcurrency}. */
export interface FixedConcurrencyArgs {
    /**
     * The function: its name (`my-function`), its ARN (`arn:aws:lambda:us-east-1:123456789012:function:my-function`),
     * or a partial ARN (`123456789012:function:my-function`). An ARN may carry the qualifier
     * (`...:function:my-function:live`) as long as it agrees with `qualifier`.
     */
    functionName: pulumi.Input<string>;
    /**
     * The alias name (`live`) or published version number (`3`) that receives the provisioned environments.
     * Never `$LATEST`: Lambda only provisions concurrency for a published version or an alias.
     */
    qualifier: pulumi.Input<string>;
    /** How many execution environments Lambda keeps initialized. A whole number, at least 1. */
    provisionedConcurrentExecutions: pulumi.Input<number>;
    /**
     * Keep the configuration in AWS when the component is destroyed. Off by default, so that `pulumi destroy`
     * really releases the capacity and its hourly charge.
     * @default false
     */
    skipDestroy?: pulumi.Input<boolean>;
}

/**
 * A fixed number of always-initialized execution environments on a function's alias or version: one
 * `aws.lambda.ProvisionedConcurrencyConfig`, checked before anything reaches AWS.
 */
export class FixedConcurrency extends pulumi.ComponentResource {
    /** The provisioned concurrency configuration. */
    public readonly config: ProvisionedConcurrencyConfig;
    /** The function's plain name (also when an ARN was given). */
    public readonly functionName: pulumi.Output<string>;
    /** The alias or version that holds the provisioned environments. */
    public readonly qualifier: pulumi.Output<string>;
    /** How many environments are provisioned. */
    public readonly provisionedConcurrentExecutions: pulumi.Output<number>;

    constructor(name: string, args: FixedConcurrencyArgs, opts?: pulumi.ComponentResourceOptions) {
        super("lambda-concurrency:index:FixedConcurrency", name, args, opts);
        const label = `FixedConcurrency "${name}"`;
        const count = checkedInput(this, label, args.provisionedConcurrentExecutions, (value) =>
            validateCapacity(value, "provisionedConcurrentExecutions", 1),
        );
        const target = checkTarget(this, { componentType: "FixedConcurrency", name, kind: "provisioned-concurrency-config" }, args);

        this.config = new ProvisionedConcurrencyConfig(
            name,
            {
                functionName: target.functionArgument,
                qualifier: target.qualifier,
                provisionedConcurrentExecutions: count,
                skipDestroy: args.skipDestroy ?? false,
            },
            { parent: this },
        );
        this.functionName = target.functionName;
        this.qualifier = this.config.qualifier;
        this.provisionedConcurrentExecutions = this.config.provisionedConcurrentExecutions;
        this.registerOutputs({
            config: this.config,
            functionName: this.functionName,
            qualifier: this.qualifier,
            provisionedConcurrentExecutions: this.provisionedConcurrentExecutions,
        });
    }
}
