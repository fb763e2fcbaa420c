// expect: LambdaWarmer "warmer": targets[0].concurrency must be between 1 and 50 (the warmer sends a target's pings at once, at most 50 in flight), got 0
// A warm-up concurrency given as an Output: nothing of the warmer (role, log group, function) may be created.
const pulumi = require("@pulumi/pulumi");
const { LambdaWarmer } = require("lambda-concurrency");
const { lambdaFunction } = require("./_function");

const fn = lambdaFunction("admin", false);
const warmer = new LambdaWarmer("warmer", { targets: [{ functionName: fn.name, concurrency: pulumi.output(0) }] });

exports.pings = warmer.maxPingsInFlight;
