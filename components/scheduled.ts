import * as pulumi from "@pulumi/pulumi";
import { ScheduledAction, Target } from "@pulumi/aws/appautoscaling";
import { ScheduleArgs, checkedTargetBounds, createScalableTarget, createScheduledActions, validateSchedules } from "./scalable-target";
import { checkTarget } from "./target";

/** The arguments of {@link ScheduledConcurrency}. */
export interface ScheduledConcurrencyArgs {
    /** The function: its name, ARN or partial ARN, as for FixedConcurrency. */
    functionName: pulumi.Input<string>;
    /** The alias name or published version number whose provisioned concurrency follows the schedules; never `$LATEST`. */
    qualifier: pulumi.Input<string>;
    /**
     * When the provisioned concurrency changes, e.g. `{ name: "day", schedule: "cron(0 8 * * ? *)", capacity: 10 }`.
     * At least one.
     */
    schedules: ScheduleArgs[];
    /**
     * The scalable target's lowest bound; every schedule must stay at or above it.
     * @default the lowest capacity the schedules set
     */
    minCapacity?: pulumi.Input<number>;
    /**
     * The scalable target's highest bound; every schedule must stay at or below it.
     * @default the highest capacity the schedules set
     */
    maxCapacity?: pulumi.Input<number>;
    /**
     * The IANA time zone of every schedule that sets none, e.g. `Europe/Paris`.
     * @default "UTC"
     */
    timezone?: string;
}

/**
 * Provisioned concurrency that follows the clock: an Application Auto Scaling scalable target on a function's alias
 * or version, and one scheduled action per schedule.
 */
export class ScheduledConcurrency extends pulumi.ComponentResource {
    /** The scalable target (namespace `lambda`, resource id `function:NAME:QUALIFIER`). */
    public readonly target: Target;
    /** The scheduled actions, in the order of `schedules`. */
    public readonly scheduledActions: ScheduledAction[];

    constructor(name: string, args: ScheduledConcurrencyArgs, opts?: pulumi.ComponentResourceOptions) {
        super("lambda-concurrency:index:ScheduledConcurrency", name, args, opts);
        const label = `ScheduledConcurrency "${name}"`;
        const fail = (message: string): never => {
            throw new pulumi.ResourceError(`${label}: ${message}`, this);
        };

        const checked = validateSchedules(args.schedules, { defaultTimezone: args.timezone, minimumCapacity: 0, required: true });
        const schedules = "error" in checked ? fail(checked.error) : checked.schedules;
        const bounds = checkedTargetBounds(this, label, schedules, args.minCapacity, args.maxCapacity, 0);

        const target = checkTarget(this, { componentType: "ScheduledConcurrency", name, kind: "scalable-target" }, args);
        this.target = createScalableTarget(this, name, target, bounds);
        this.scheduledActions = createScheduledActions(this, name, this.target, schedules);
        this.registerOutputs({ target: this.target, scheduledActions: this.scheduledActions });
    }
}
