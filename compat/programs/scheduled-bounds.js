// expect: ScheduledConcurrency "nightly": minCapacity (5) must not be above maxCapacity (2)
// Bounds given as Outputs (from config or another stack, say) that contradict each other.
const pulumi = require("@pulumi/pulumi");
const { ScheduledConcurrency } = require("lambda-concurrency");
const { lambdaFunction } = require("./_function");

const fn = lambdaFunction("jobs", true);
new ScheduledConcurrency("nightly", {
    functionName: fn.name,
    qualifier: fn.version,
    minCapacity: pulumi.output(5),
    maxCapacity: pulumi.output(2),
    schedules: [{ name: "night", schedule: "cron(0 20 * * ? *)", capacity: 2 }],
});
