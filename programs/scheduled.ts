// `scheduled`: the Pulumi blog's day and night example. 10 provisioned environments from 08:00, 2 from 18:00 (UTC),
// on the function's `live` alias.
import { Alias } from "@pulumi/aws/lambda";
import { ScheduledConcurrency } from "../components";
import { helloFunction } from "./shared";

export function scheduledScenario(): Record<string, unknown> {
    const fn = helloFunction("scheduled-fn");
    const live = new Alias("scheduled-live", { name: "live", functionName: fn.name, functionVersion: fn.version });
    const clock = new ScheduledConcurrency("scheduled", {
        functionName: fn.name,
        qualifier: live.name,
        schedules: [
            { name: "day", schedule: "cron(0 8 * * ? *)", capacity: 10 },
            { name: "night", schedule: "cron(0 18 * * ? *)", capacity: 2 },
        ],
    });
    return { functionName: fn.name, alias: live.name, scalableTarget: clock.target.resourceId };
}
