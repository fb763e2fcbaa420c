/**
 * The programs of the lifecycle transitions (README "Changing your mind"), run inline by the Automation API: each
 * transition's `before` is deployed, then its `after` on the same stack. Resource names are the same in both, so
 * that only the change under test differs. A transition may need a fixture: resources made by another stack, which
 * the program uses by name (a function "the stack did not create").
 */
import { Alias, ProvisionedConcurrencyConfig } from "@pulumi/aws/lambda";
import { ScheduledAction, Target } from "@pulumi/aws/appautoscaling";
import * as pulumi from "@pulumi/pulumi";
import { FixedConcurrency, LambdaWarmer, ScheduledConcurrency, UtilizationScaling } from "../components";
import { currentTime } from "../components/clock";
import { helloFunction } from "../programs/shared";
import { AT_LEAD_MINUTES, atExpression } from "./plan";

/** The sample handler with a different comment: a code change, so that `publish: true` publishes a second version. */
const SECOND_VERSION_HANDLER = `
// second version
const initializedAt = new Date().toISOString();
exports.handler = async (event) => ({
    statusCode: 200,
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ hello: "world", initializedAt, initializationType: process.env.AWS_LAMBDA_INITIALIZATION_TYPE }),
});
`;

export type InlineProgram = (fixture: Readonly<Record<string, string>> | undefined) => Record<string, unknown>;

/** A function with a `live` alias on its published version, as the samples make them. */
function functionWithLive(name: string): { fn: ReturnType<typeof helloFunction>; live: Alias } {
    const fn = helloFunction(name);
    const live = new Alias(`${name}-live`, { name: "live", functionName: fn.name, functionVersion: fn.version });
    return { fn, live };
}

function utilization(name: string, functionName: pulumi.Input<string>, qualifier: pulumi.Input<string>, targetUtilization: number, opts?: pulumi.ComponentResourceOptions): UtilizationScaling {
    return new UtilizationScaling(name, { functionName, qualifier, minCapacity: 1, maxCapacity: 4, targetUtilization }, opts);
}

function fixed(name: string, functionName: pulumi.Input<string>, qualifier: pulumi.Input<string>, deleteOldConfigurationFirst?: boolean): FixedConcurrency {
    return new FixedConcurrency(name, { functionName, qualifier, provisionedConcurrentExecutions: 2, deleteOldConfigurationFirst });
}

export const TRANSITION_PROGRAMS: Readonly<Record<string, { before: InlineProgram; after?: InlineProgram; fixture?: () => Record<string, unknown> }>> = {
    "remove-scaling": {
        before: () => {
            const { fn, live } = functionWithLive("tr-fn");
            utilization("api", fn.name, live.name, 0.8);
            return { functionName: fn.name, alias: live.name };
        },
        after: () => {
            const { fn, live } = functionWithLive("tr-fn");
            return { functionName: fn.name, alias: live.name };
        },
    },
    "fixed-to-utilization": {
        before: () => {
            const { fn, live } = functionWithLive("tr-fn");
            fixed("api", fn.name, live.name);
            return { functionName: fn.name, alias: live.name };
        },
        after: () => {
            const { fn, live } = functionWithLive("tr-fn");
            utilization("api", fn.name, live.name, 0.7);
            return { functionName: fn.name, alias: live.name };
        },
    },
    "rename-with-aliases": {
        before: () => {
            const { fn, live } = functionWithLive("tr-fn");
            utilization("api", fn.name, live.name, 0.8);
            return { functionName: fn.name, alias: live.name };
        },
        after: () => {
            const { fn, live } = functionWithLive("tr-fn");
            utilization("api-load", fn.name, live.name, 0.8, { aliases: [{ name: "api" }] });
            return { functionName: fn.name, alias: live.name };
        },
    },
    "version-to-alias": {
        before: () => {
            const { fn, live } = functionWithLive("tr-fn");
            fixed("api", fn.name, fn.version);
            return { functionName: fn.name, alias: live.name, version: fn.version };
        },
        // Lambda keeps one configuration per version, directly or through an alias: the new one can only be created
        // after the old one is deleted (README "Changing your mind").
        after: () => {
            const { fn, live } = functionWithLive("tr-fn");
            fixed("api", fn.name, live.name, true);
            return { functionName: fn.name, alias: live.name, version: fn.version };
        },
    },
    "by-name": {
        fixture: () => {
            const { fn, live } = functionWithLive("ext-fn");
            return { functionName: fn.name, alias: live.name };
        },
        before: (fixture) => {
            if (fixture === undefined) {
                throw new Error("by-name needs its fixture stack's outputs");
            }
            utilization("api", fixture.functionName, fixture.alias, 0.8);
            return { functionName: fixture.functionName, alias: fixture.alias };
        },
    },
    // The claims of README "What only AWS can tell" (acceptance/plan.ts, AWS_ONLY_CLAIMS).
    "weighted-alias": {
        before: () => {
            const { fn, live } = functionWithLive("wa-fn");
            return { functionName: fn.name, alias: live.name, version: fn.version };
        },
        // A code change publishes version 2; `live` points at it and sends half its traffic to version 1.
        after: () => {
            const fn = helloFunction("wa-fn", undefined, SECOND_VERSION_HANDLER);
            const live = new Alias("wa-fn-live", {
                name: "live",
                functionName: fn.name,
                functionVersion: fn.version,
                routingConfig: { additionalVersionWeights: fn.version.apply((v) => ({ [String(Number(v) - 1)]: 0.5 })) },
            });
            fixed("api", fn.name, live.name);
            return { functionName: fn.name, alias: live.name, version: fn.version };
        },
    },
    "min-above-max": {
        // `base` has set 1..1 since midnight; `raise-min` sets only the minimum, 3, above that maximum.
        before: () => {
            const { fn, live } = functionWithLive("mam-fn");
            const raise = atExpression(currentTime(), AT_LEAD_MINUTES);
            new ScheduledConcurrency("api", {
                functionName: fn.name,
                qualifier: live.name,
                minCapacity: 1,
                maxCapacity: 3,
                schedules: [
                    { name: "base", schedule: "cron(0 0 * * ? *)", capacity: 1 },
                    { name: "raise-min", schedule: raise.expression, minCapacity: 3 },
                ],
            });
            return { functionName: fn.name, alias: live.name, raiseMinAt: raise.expression, firesAt: raise.firesAt.toISOString() };
        },
    },
    "configured-out-of-band": {
        before: () => {
            const { fn, live } = functionWithLive("oob-fn");
            return { functionName: fn.name, alias: live.name };
        },
        after: () => {
            const { fn, live } = functionWithLive("oob-fn");
            fixed("api", fn.name, live.name);
            return { functionName: fn.name, alias: live.name };
        },
    },
    "warmer-on-provisioned-alias": {
        // The one-owner check sees the version and the alias as two qualifiers: only AWS knows `live` is that version.
        before: () => {
            const { fn, live } = functionWithLive("wpa-fn");
            fixed("api", fn.name, fn.version);
            new LambdaWarmer("warmer", { targets: [{ functionName: fn.name, qualifier: live.name, concurrency: 2 }], schedule: "rate(5 minutes)" });
            return { functionName: fn.name, alias: live.name, version: fn.version };
        },
    },
    "scale-to-zero": {
        before: () => {
            const { fn, live } = functionWithLive("zero-fn");
            const off = atExpression(currentTime(), AT_LEAD_MINUTES);
            // The AWS behaviour behind ScheduledConcurrency's refusal of 0, so made of the provider's resources: a
            // configuration of 1, its target from 0 to 1, and an at() action to 0.
            const config = new ProvisionedConcurrencyConfig(
                "api",
                { functionName: fn.name, qualifier: live.name, provisionedConcurrentExecutions: 1 },
                { ignoreChanges: ["provisionedConcurrentExecutions"] },
            );
            const target = new Target(
                "api-target",
                { serviceNamespace: "lambda", scalableDimension: "lambda:function:ProvisionedConcurrency", resourceId: pulumi.interpolate`function:${fn.name}:${live.name}`, minCapacity: 1, maxCapacity: 1 },
                { dependsOn: [config] },
            );
            new ScheduledAction("api-off", {
                name: "off",
                serviceNamespace: target.serviceNamespace,
                scalableDimension: target.scalableDimension,
                resourceId: target.resourceId,
                schedule: off.expression,
                scalableTargetAction: { minCapacity: 0, maxCapacity: 0 },
            });
            return { functionName: fn.name, alias: live.name, offAt: off.expression, firesAt: off.firesAt.toISOString() };
        },
    },
    "fixed-after-scheduled-action": {
        // `on` has held 2 since midnight; `low` takes it to 1 a few minutes after the up; then FixedConcurrency(2)
        // takes over (same name), with the stack's state still saying 2 (issue 19, item 4).
        before: () => {
            const { fn, live } = functionWithLive("fas-fn");
            const low = atExpression(currentTime(), AT_LEAD_MINUTES);
            new ScheduledConcurrency("api", {
                functionName: fn.name,
                qualifier: live.name,
                schedules: [
                    { name: "on", schedule: "cron(0 0 * * ? *)", capacity: 2 },
                    { name: "low", schedule: low.expression, capacity: 1 },
                ],
            });
            return { functionName: fn.name, alias: live.name, lowAt: low.expression, firesAt: low.firesAt.toISOString() };
        },
        after: () => {
            const { fn, live } = functionWithLive("fas-fn");
            fixed("api", fn.name, live.name);
            return { functionName: fn.name, alias: live.name };
        },
    },
    "register-without-config": {
        before: () => {
            const { fn, live } = functionWithLive("reg-fn");
            return { functionName: fn.name, alias: live.name };
        },
    },
    "deregister-leaves-capacity": {
        before: () => {
            const { fn, live } = functionWithLive("dereg-fn");
            utilization("api", fn.name, live.name, 0.8);
            return { functionName: fn.name, alias: live.name };
        },
    },
    "fill-when-idle": {
        before: () => {
            const { fn, live } = functionWithLive("fill-fn");
            new UtilizationScaling("api", { functionName: fn.name, qualifier: live.name, minCapacity: 1, maxCapacity: 4, targetUtilization: 0.8, scaleInWhenIdle: true });
            return { functionName: fn.name, alias: live.name };
        },
    },
};
