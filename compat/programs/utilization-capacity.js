// expect: UtilizationScaling "search-scaling": maxCapacity must be at least 1, got 0: at 0 Application Auto Scaling deletes the provisioned concurrency configuration and creates it again at the next higher capacity, outside the stack's knowledge once a pulumi refresh has run in between, so that pulumi destroy would leave it billing. Keep 1 environment (about $0.015 an hour per GB of memory, x86 in us-east-1), or use LambdaWarmer for the hours without provisioned concurrency
// A maximum given as an Output that is below what target tracking needs.
const pulumi = require("@pulumi/pulumi");
const aws = require("@pulumi/aws");
const { UtilizationScaling } = require("lambda-concurrency");
const { lambdaFunction } = require("./_function");

const fn = lambdaFunction("search", true);
const live = new aws.lambda.Alias("live", { name: "live", functionName: fn.name, functionVersion: fn.version });
new UtilizationScaling("search-scaling", { functionName: fn.name, qualifier: live.name, maxCapacity: pulumi.output(0) });
