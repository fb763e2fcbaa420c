// The building blocks of the engine scenarios (scenarios.ts, random-sequences.ts): the function they use, the programs
// (one component each, by name and qualifier), the steps (up at a clock, refresh, destroy, what AWS does on its own).
import { AwsModel } from "../helpers/lifecycle/aws-model";
import { TYPES } from "../helpers/lifecycle/types";
import { FixedConcurrency, FixedConcurrencyArgs, LambdaWarmer, ScheduleArgs, ScheduledConcurrency, UtilizationScaling, UtilizationScalingArgs } from "../../components";
import type * as pulumi from "@pulumi/pulumi";

export type Program = () => Record<string, unknown> | void;

export type ScenarioStep =
    /** `pulumi up` of the program, the components' clock at `at`. */
    | {
          kind: "up";
          program: Program;
          at: Date;
          fails?: string;
          consistent?: false;
          noChange?: true;
          /** Invariant I2: after the up, each of these qualifiers has at least this many environments requested. */
          atLeast?: { functionName: string; qualifier: string; count: number }[];
      }
    /** `pulumi preview` of the program: it must call no AWS API that changes anything, and predict the next `up`. */
    | { kind: "preview"; program: Program; at: Date }
    | { kind: "refresh"; consistent?: false }
    | { kind: "destroy" }
    /** What AWS does on its own between deployments (or someone out of band), applied to the account. */
    | { kind: "aws"; what: string; act: (aws: AwsModel) => void };

export interface EngineScenario {
    name: string;
    /**
     * What the real run is known to leave wrong today, exactly (an open issue's bug, reproduced here): the test then
     * asserts these problems, so that it fails once the bug is fixed and the entry must go.
     */
    knownProblems?: string[];
    /** What the account holds before the stack (a function deployed elsewhere, used by name). */
    account: (aws: AwsModel) => void;
    steps: ScenarioStep[];
}

export const NOON = new Date("2026-12-01T12:00:00Z");
export const EVENING = new Date("2026-12-01T20:00:00Z");
export const ORDERS = "orders";
export const ORDERS_LIVE = "function:orders:live";
export const DAY_AND_NIGHT: ScheduleArgs[] = [
    { name: "day", schedule: "cron(0 8 * * ? *)", capacity: 10 },
    { name: "night", schedule: "cron(0 18 * * ? *)", capacity: 2 },
];
// Nights at 1, the least a scaling component takes (issue 19, item 1: at 0 AWS deletes the configuration).
export const NIGHTS_LOW: ScheduleArgs[] = [DAY_AND_NIGHT[0], { name: "night", schedule: "cron(0 18 * * ? *)", capacity: 1 }];

/** The function `orders`, deployed elsewhere: versions 1 and 2, `live` at 2, `blue` at 1, `green` at 2. */
export function orders(options: { reservedConcurrentExecutions?: number } = {}): (aws: AwsModel) => void {
    return (aws) =>
        aws.addFunction(ORDERS, {
            versions: ["1", "2"],
            aliases: { live: "2", blue: "1", green: "2" },
            reservedConcurrentExecutions: options.reservedConcurrentExecutions,
        });
}

export const emptyAccount = (): void => undefined;

export const fixed =
    (name: string, count: number, qualifier = "live", extra: Partial<FixedConcurrencyArgs> = {}, opts?: pulumi.ComponentResourceOptions): Program =>
    () =>
        void new FixedConcurrency(name, { functionName: ORDERS, qualifier, provisionedConcurrentExecutions: count, ...extra }, opts);
export const utilization =
    (name: string, qualifier = "live", extra: Partial<UtilizationScalingArgs> = {}, opts?: pulumi.ComponentResourceOptions): Program =>
    () =>
        void new UtilizationScaling(name, { functionName: ORDERS, qualifier, minCapacity: 1, maxCapacity: 10, ...extra }, opts);
export const scheduled =
    (name: string, qualifier = "live", schedules = DAY_AND_NIGHT, opts?: pulumi.ComponentResourceOptions): Program =>
    () =>
        void new ScheduledConcurrency(name, { functionName: ORDERS, qualifier, schedules }, opts);
export const warmer = (name: string): Program => () =>
    void new LambdaWarmer(name, { targets: [{ functionName: ORDERS, qualifier: "blue", concurrency: 3 }] });
export const nothing: Program = () => undefined;

export const up = (program: Program, at = NOON, extra: Partial<Extract<ScenarioStep, { kind: "up" }>> = {}): ScenarioStep => ({ kind: "up", program, at, ...extra });
export const refresh: ScenarioStep = { kind: "refresh" };
export const destroy: ScenarioStep = { kind: "destroy" };
export const burst: ScenarioStep = { kind: "aws", what: "target tracking scales out to 7", act: (aws) => void aws.scaleTo(ORDERS_LIVE, 7) };
/** A code deploy by another tool: a new version of `orders` published, and `live` moved to it. */
export const codeDeploy: ScenarioStep = {
    kind: "aws",
    what: "a code deploy publishes a new version and moves live to it",
    act: (aws) => {
        const version = aws.publishVersion(ORDERS);
        aws.update(TYPES.alias, undefined, {}, { functionName: ORDERS, name: "live", functionVersion: version });
    },
};
export const evening: ScenarioStep = { kind: "aws", what: "the night action runs", act: (aws) => aws.runScheduledAction(ORDERS_LIVE, "night") };
export const morning: ScenarioStep = { kind: "aws", what: "the day action runs", act: (aws) => aws.runScheduledAction(ORDERS_LIVE, "day") };
