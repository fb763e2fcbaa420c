/**
 * The programs of the lifecycle transitions (README "Changing your mind"), run inline by the Automation API: each
 * transition's `before` is deployed, then its `after` on the same stack. Resource names are the same in both, so
 * that only the change under test differs. A transition may need a fixture: resources made by another stack, which
 * the program uses by name (a function "the stack did not create").
 */
import { Alias } from "@pulumi/aws/lambda";
import * as pulumi from "@pulumi/pulumi";
import { FixedConcurrency, UtilizationScaling } from "../components";
import { helloFunction } from "../programs/shared";

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
};
