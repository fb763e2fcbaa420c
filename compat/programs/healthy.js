// expect: plan
// Every component, fed from Outputs as a real program feeds them: the plan lists them all and their outputs.
const pulumi = require("@pulumi/pulumi");
const aws = require("@pulumi/aws");
const { FixedConcurrency, ScheduledConcurrency, UtilizationScaling, LambdaWarmer } = require("lambda-concurrency");
const { lambdaFunction } = require("./_function");

const api = lambdaFunction("api", true);
const live = new aws.lambda.Alias("live", { name: "live", functionName: api.name, functionVersion: api.version });
const fixed = new FixedConcurrency("api-warm", { functionName: api.name, qualifier: live.name, provisionedConcurrentExecutions: 2 });

const jobs = lambdaFunction("jobs", true);
const scheduled = new ScheduledConcurrency("jobs-hours", {
    functionName: jobs.name,
    qualifier: jobs.version,
    minCapacity: pulumi.output(1),
    maxCapacity: pulumi.output(5),
    schedules: [
        { name: "day", schedule: "cron(0 8 ? * MON-FRI *)", capacity: 5 },
        { name: "night", schedule: "cron(0 20 ? * MON-FRI *)", capacity: 1 },
    ],
});

const search = lambdaFunction("search", true);
const searchLive = new aws.lambda.Alias("search-live", { name: "live", functionName: search.name, functionVersion: search.version });
const scaling = new UtilizationScaling("search-scaling", {
    functionName: search.name,
    qualifier: searchLive.name,
    maxCapacity: pulumi.output(10),
    targetUtilization: pulumi.output(0.7),
    monitoring: { alarmActions: [new aws.sns.Topic("alerts").arn] },
});

const admin = lambdaFunction("admin", false);
const warmer = new LambdaWarmer("warmer", { targets: [{ functionName: admin.name, concurrency: pulumi.output(2) }] });

exports.fixedQualifier = fixed.qualifier;
exports.fixedCount = fixed.provisionedConcurrentExecutions;
exports.scheduledTarget = scheduled.target.resourceId;
exports.scalingPolicy = scaling.policy.policyType;
exports.scalingAlarms = pulumi.all(scaling.alarms.map((a) => a.name));
exports.scalingDashboard = scaling.dashboard.dashboardName;
exports.warmerFunction = warmer.function.name;
exports.warmerPings = warmer.maxPingsInFlight;
