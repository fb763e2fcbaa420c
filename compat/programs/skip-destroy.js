// expect: FixedConcurrency "pinned": skipDestroy cannot be true: the AWS provider skips the delete on every replacement as well as on destroy, so moving the configuration to another alias, version or function would leave the old one's provisioned environments allocated and billed, with nothing in the program to remove them. To keep the environments when you destroy the stack, remove the configuration from the stack's state first (pulumi state delete with its URN), then destroy
// skipDestroy: true given as an Output, refused when it resolves.
const pulumi = require("@pulumi/pulumi");
const { FixedConcurrency } = require("lambda-concurrency");
const { lambdaFunction } = require("./_function");

const fn = lambdaFunction("api", true);
const fixed = new FixedConcurrency("pinned", {
    functionName: fn.name,
    qualifier: fn.version,
    provisionedConcurrentExecutions: 2,
    skipDestroy: pulumi.output(true),
});

exports.count = fixed.provisionedConcurrentExecutions;
