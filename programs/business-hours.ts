// `business-hours`: schedules and tracking on one target. 10 to 50 environments on weekdays from 08:00 to 19:00
// (Europe/Paris), 1 to 5 at night and at weekends, tracking 70% utilization inside whichever bounds are in force.
// Monitored: spillover and ceiling alarms notify an SNS topic (subscribe to it to be told), and a dashboard.
import { Alias } from "@pulumi/aws/lambda";
import { Topic } from "@pulumi/aws/sns";
import { UtilizationScaling } from "../components";
import { helloFunction } from "./shared";

export function businessHoursScenario(): Record<string, unknown> {
    const fn = helloFunction("business-fn");
    const live = new Alias("business-live", { name: "live", functionName: fn.name, functionVersion: fn.version });
    const alerts = new Topic("business-alerts");
    const scaling = new UtilizationScaling("business-hours", {
        functionName: fn.name,
        qualifier: live.name,
        minCapacity: 1,
        maxCapacity: 50,
        targetUtilization: 0.7,
        timezone: "Europe/Paris",
        schedules: [
            { name: "open", schedule: "cron(0 8 ? * MON-FRI *)", minCapacity: 10, maxCapacity: 50 },
            { name: "close", schedule: "cron(0 19 ? * MON-FRI *)", minCapacity: 1, maxCapacity: 5 },
        ],
        monitoring: { alarmActions: [alerts.arn], okActions: [alerts.arn] },
    });
    return {
        functionName: fn.name,
        alias: live.name,
        scalableTarget: scaling.target.resourceId,
        alertsTopic: alerts.arn,
        dashboard: scaling.dashboard?.dashboardName,
    };
}
