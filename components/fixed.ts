import * as pulumi from "@pulumi/pulumi";
import { childOptions, rememberAliases } from "./child-aliases";
import { ProvisionedConcurrencyConfig } from "@pulumi/aws/lambda";
import { Target } from "@pulumi/aws/appautoscaling";
import { OutputCheckError, checkedInput, exportable, gateOn, isPlain, outputAfterChecks, outputsAfterChecks } from "./checked-input";
import { validateCapacity } from "./function-reference";
import { Dashboard, MetricAlarm } from "@pulumi/aws/cloudwatch";
import { monitorProvisionedConcurrency } from "./monitoring/provisioned";
import { checkedMonitoring } from "./monitoring/resources";
import { Monitoring } from "./monitoring/settings";
import { validateSkipDestroy } from "./replacement";
import { SCALING_SUSPENDED, createScalableTarget } from "./scalable-target";
import { startProvisionedConcurrencyComponent, withSwapAliases } from "./swaps";
import { checkTarget } from "./target";

/** The arguments of {@link FixedConcurrency}. */
export interface FixedConcurrencyArgs {
    /**
     * The function: its name (`my-function`), its ARN (`arn:aws:lambda:us-east-1:123456789012:function:my-function`),
     * or a partial ARN (`123456789012:function:my-function`). An ARN may carry the qualifier
     * (`...:function:my-function:live`) as long as it agrees with `qualifier`, and must be of the account and region
     * the component's AWS provider deploys to. AWS is always handed the plain name.
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
     * Only `false` is accepted. `true` would keep the configuration in AWS on `pulumi destroy`, but the AWS provider
     * skips the delete of every replacement as well (another alias, version or function), which would leave the old
     * configuration billing; to keep the environments when destroying, remove the configuration from the stack's
     * state first (`pulumi state delete`). Defaults to false.
     * @default false
     */
    skipDestroy?: pulumi.Input<boolean>;
    /**
     * When the configuration is replaced (a new version number, another alias or another function), delete the old
     * configuration before creating the new one. Pulumi's default creates the new one first, so that the old
     * version keeps its environments while the new ones are allocated; that needs room for both in the function's
     * reserved concurrency (and the account's unreserved concurrency). Turn this on for a function without that room.
     * Defaults to false.
     * @default false
     */
    deleteOldConfigurationFirst?: boolean;
    /**
     * CloudWatch alarms (spillover, low utilization) and a dashboard; `{}` for the defaults. Defaults to none.
     */
    monitoring?: Monitoring;
}

/**
 * A fixed number of always-initialized execution environments on a function's alias or version: an
 * `aws.lambda.ProvisionedConcurrencyConfig`, checked before anything reaches AWS, and an Application Auto Scaling
 * scalable target that holds the same count as its minimum and maximum, with scaling suspended. The target costs
 * nothing and scales nothing; it is there so that taking over from a ScheduledConcurrency or UtilizationScaling of the
 * same name always sets the count, whatever Application Auto Scaling did since the last `pulumi up` (README,
 * "Changing your mind").
 */
export class FixedConcurrency extends pulumi.ComponentResource {
    /** The provisioned concurrency configuration. */
    public readonly config: ProvisionedConcurrencyConfig;
    /** The scalable target that holds the count (min = max = the count, scaling suspended). */
    public readonly target: Target;
    /** The function's plain name (also when an ARN was given). */
    public readonly functionName: pulumi.Output<string>;
    /** The alias or version that holds the provisioned environments. */
    public readonly qualifier: pulumi.Output<string>;
    /** How many environments are provisioned. */
    public readonly provisionedConcurrentExecutions: pulumi.Output<number>;
    /** The alarms of `monitoring` (none without it). */
    public readonly alarms: MetricAlarm[];
    /** The dashboard of `monitoring`, unless turned off. */
    public readonly dashboard?: Dashboard;

    constructor(name: string, args: FixedConcurrencyArgs, opts?: pulumi.ComponentResourceOptions) {
        const type = "lambda-concurrency:index:FixedConcurrency";
        super(type, name, args, withSwapAliases(type, name, args.qualifier, opts));
        rememberAliases(this, type, name, withSwapAliases(type, name, args.qualifier, opts));
        const label = `FixedConcurrency "${name}"`;
        const fail = (message: string): never => {
            throw new pulumi.ResourceError(`${label}: ${message}`, this);
        };
        const { registry, deleteOldConfigurationFirst } = startProvisionedConcurrencyComponent(
            this,
            type,
            name,
            opts?.parent,
            args.deleteOldConfigurationFirst,
        );
        const count = checkedInput(this, label, args.provisionedConcurrentExecutions, (value) =>
            validateCapacity(value, "provisionedConcurrentExecutions", 1),
        );
        const monitoring = checkedMonitoring(this, label, "FixedConcurrency", args.monitoring);
        const target = checkTarget(
            this,
            { componentType: "FixedConcurrency", name, kind: "provisioned-concurrency-config" },
            args,
            registry,
        );

        const skipDestroyInput = args.skipDestroy ?? false;
        if (isPlain(skipDestroyInput)) {
            const problem = validateSkipDestroy(skipDestroyInput);
            if (problem !== undefined) {
                fail(problem);
            }
        }
        const skipDestroy = gateOn(
            this,
            pulumi.output(skipDestroyInput).apply((skip) => {
                const problem = validateSkipDestroy(skip);
                if (problem !== undefined) {
                    throw new OutputCheckError(`${label}: ${problem}`, this);
                }
                return skip;
            }),
        );

        this.config = new ProvisionedConcurrencyConfig(
            name,
            {
                functionName: target.functionName,
                qualifier: target.qualifier,
                provisionedConcurrentExecutions: count,
                skipDestroy,
            },
            // Registered only once every Output-time check passed (see checked-input.ts).
            {
                ...childOptions(this, name),
                deleteBeforeReplace: deleteOldConfigurationFirst,
            },
        );
        this.target = createScalableTarget(this, name, { min: count, max: count }, this.config, SCALING_SUSPENDED);
        this.functionName = exportable(target.functionName);
        this.qualifier = outputAfterChecks(this, this.config.qualifier);
        this.provisionedConcurrentExecutions = outputAfterChecks(this, this.config.provisionedConcurrentExecutions);
        const monitored = monitorProvisionedConcurrency(this, name, label, monitoring, {
            componentType: "FixedConcurrency",
            functionName: target.functionName,
            qualifier: target.qualifier,
            count,
        });
        this.alarms = monitored.alarms;
        this.dashboard = monitored.dashboard;
        this.registerOutputs(
            outputsAfterChecks(this, {
                config: this.config,
                target: this.target,
                functionName: this.functionName,
                qualifier: this.qualifier,
                provisionedConcurrentExecutions: this.provisionedConcurrentExecutions,
                alarms: this.alarms,
                dashboard: this.dashboard,
            }),
        );
    }
}
