// expect: UtilizationScaling "search-scaling": maxCapacity must be at least 1, got 0
// A maximum given as an Output that is below what target tracking needs.
const pulumi = require("@pulumi/pulumi");
const aws = require("@pulumi/aws");
const { UtilizationScaling } = require("lambda-concurrency");
const { lambdaFunction } = require("./_function");

const fn = lambdaFunction("search", true);
const live = new aws.lambda.Alias("live", { name: "live", functionName: fn.name, functionVersion: fn.version });
new UtilizationScaling("search-scaling", { functionName: fn.name, qualifier: live.name, maxCapacity: pulumi.output(0) });
