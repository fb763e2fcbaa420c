import * as pulumi from "@pulumi/pulumi";
import { rememberAliases } from "./child-aliases";
import { ScheduledAction, Target } from "@pulumi/aws/appautoscaling";
import { ProvisionedConcurrencyConfig } from "@pulumi/aws/lambda";
import { Dashboard, MetricAlarm } from "@pulumi/aws/cloudwatch";
import { outputsAfterChecks } from "./checked-input";
import { monitorProvisionedConcurrency } from "./monitoring/provisioned";
import { checkedMonitoring } from "./monitoring/resources";
import { Monitoring } from "./monitoring/settings";
import { currentTime } from "./clock";
import {
    Schedule,
    checkedTargetBounds,
    createOwnedCapacity,
    createScalableTarget,
    createScheduledActions,
    registeredCapacity,
    validateSchedules,
    weekBounds,
} from "./scalable-target";
import { startProvisionedConcurrencyComponent, withSwapAliases } from "./swaps";
import { checkTarget } from "./target";

/** The arguments of {@link ScheduledConcurrency}. */
export interface ScheduledConcurrencyArgs {
    /** The function: its name, ARN or partial ARN, as for FixedConcurrency. */
    functionName: pulumi.Input<string>;
    /** The alias name or published version number whose provisioned concurrency follows the schedules; never `$LATEST`. */
    qualifier: pulumi.Input<string>;
    /**
     * When the provisioned concurrency changes, e.g. `{ name: "day", schedule: "cron(0 8 * * ? *)", capacity: 10 }`.
     * At least one. Every capacity is at least 1: at 0 Application Auto Scaling would delete the configuration (see
     * the README, "Deploy and clean up").
     */
    schedules: Schedule[];
    /**
     * The scalable target's lowest bound, a whole number; every schedule must stay at or above it. Defaults to the
     * lowest capacity the schedules set.
     * @default the lowest capacity the schedules set
     */
    minCapacity?: pulumi.Input<number>;
    /**
     * The scalable target's highest bound, a whole number; every schedule must stay at or below it. Defaults to the
     * highest capacity the schedules set.
     * @default the highest capacity the schedules set
     */
    maxCapacity?: pulumi.Input<number>;
    /**
     * The IANA time zone of every schedule that sets none, e.g. `Europe/Paris`. Defaults to UTC.
     * @default "UTC"
     */
    timezone?: string;
    /**
     * When the configuration is replaced (a new version number, another alias or another function), delete the old
     * configuration before creating the new one, for a function without room for both in its reserved concurrency.
     * Defaults to false.
     * @default false
     */
    deleteOldConfigurationFirst?: boolean;
    /**
     * CloudWatch alarms (spillover, ceiling) and a dashboard; `{}` for the defaults. Defaults to none.
     */
    monitoring?: Monitoring;
}

/**
 * Provisioned concurrency that follows the clock: the provisioned concurrency configuration of a function's alias or
 * version, created with what the schedules have in force and then left to Application Auto Scaling; its scalable
 * target; and one scheduled action per schedule. Removing the component releases the capacity.
 */
export class ScheduledConcurrency extends pulumi.ComponentResource {
    /** The provisioned concurrency configuration the component owns (its count belongs to Application Auto Scaling). */
    public readonly config: ProvisionedConcurrencyConfig;
    /** The scalable target (namespace `lambda`, resource id `function:NAME:QUALIFIER`). */
    public readonly target: Target;
    /** The scheduled actions, in the order of `schedules`. */
    public readonly scheduledActions: ScheduledAction[];
    /** The alarms of `monitoring` (none without it). */
    public readonly alarms: MetricAlarm[];
    /** The dashboard of `monitoring`, unless turned off. */
    public readonly dashboard?: Dashboard;

    constructor(name: string, args: ScheduledConcurrencyArgs, opts?: pulumi.ComponentResourceOptions) {
        const type = "lambda-concurrency:index:ScheduledConcurrency";
        super(type, name, args, withSwapAliases(type, name, args.qualifier, opts));
        rememberAliases(this, type, name, withSwapAliases(type, name, args.qualifier, opts));
        const label = `ScheduledConcurrency "${name}"`;
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

        const checked = validateSchedules(args.schedules, { defaultTimezone: args.timezone, required: true });
        const schedules = "error" in checked ? fail(checked.error) : checked.schedules;
        const bounds = checkedTargetBounds(this, label, schedules, args.minCapacity, args.maxCapacity);
        const registered = registeredCapacity(schedules, bounds, currentTime());
        const monitoring = checkedMonitoring(this, label, "ScheduledConcurrency", args.monitoring);

        const target = checkTarget(this, { componentType: "ScheduledConcurrency", name, kind: "scalable-target" }, args, registry);
        this.config = createOwnedCapacity(this, name, target, registered.initialCount, deleteOldConfigurationFirst);
        this.target = createScalableTarget(this, name, registered, this.config);
        this.scheduledActions = createScheduledActions(this, name, this.target, schedules);
        const monitored = monitorProvisionedConcurrency(this, name, label, monitoring, {
            componentType: "ScheduledConcurrency",
            functionName: target.functionName,
            qualifier: target.qualifier,
            bounds: weekBounds(schedules, registered, currentTime()),
        });
        this.alarms = monitored.alarms;
        this.dashboard = monitored.dashboard;
        this.registerOutputs(
            outputsAfterChecks(this, {
                config: this.config,
                target: this.target,
                scheduledActions: this.scheduledActions,
                alarms: this.alarms,
                dashboard: this.dashboard,
            }),
        );
    }
}
