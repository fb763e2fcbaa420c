/**
 * The arguments of this package's components, as plain data the advisor can emit. They mirror the components' args
 * (components/*.ts) with plain values instead of pulumi.Input, so that the advisor needs no Pulumi.
 */

/** Target of a component: the function and the alias or version that carries provisioned concurrency. */
export interface FunctionTarget {
    readonly functionName: string;
    readonly qualifier: string;
}

export interface FixedConcurrencyArgs extends FunctionTarget {
    readonly provisionedConcurrentExecutions: number;
}

export interface ScheduleArgs {
    readonly name: string;
    /** AWS cron expression, e.g. "cron(0 8 ? * MON-FRI *)". */
    readonly schedule: string;
    readonly capacity?: number;
    readonly minCapacity?: number;
    readonly maxCapacity?: number;
    readonly timezone?: string;
}

export interface ScheduledConcurrencyArgs extends FunctionTarget {
    readonly schedules: ScheduleArgs[];
    readonly minCapacity?: number;
    readonly maxCapacity?: number;
    readonly timezone?: string;
}

export interface UtilizationScalingArgs extends FunctionTarget {
    readonly minCapacity: number;
    readonly maxCapacity: number;
    /** Between 0.1 and 0.9. */
    readonly targetUtilization: number;
    readonly statistic: "Maximum" | "Average";
    readonly schedules?: ScheduleArgs[];
}

export interface LambdaWarmerArgs {
    readonly targets: { readonly functionName: string; readonly qualifier?: string; readonly concurrency: number }[];
    /** e.g. "rate(5 minutes)". */
    readonly schedule: string;
}

export type ComponentName = "FixedConcurrency" | "ScheduledConcurrency" | "UtilizationScaling" | "LambdaWarmer";

/** Not a component: SnapStart is set on the function itself (aws.lambda.Function), see snapstart.ts. */
export interface SnapStartFunctionSettings {
    readonly publish: true;
    readonly snapStart: { readonly applyOn: "PublishedVersions" };
}

export type ComponentArgs = FixedConcurrencyArgs | ScheduledConcurrencyArgs | UtilizationScalingArgs | LambdaWarmerArgs | SnapStartFunctionSettings;

/** Placeholders used when the caller names no function: replace them with yours. */
export const PLACEHOLDER_TARGET: FunctionTarget = { functionName: "my-function", qualifier: "live" };

/** An EventBridge rate expression for a whole number of minutes. */
export function rateExpression(minutes: number): string {
    return minutes === 1 ? "rate(1 minute)" : `rate(${minutes} minutes)`;
}
