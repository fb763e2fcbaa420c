// expect: FixedConcurrency "second": FixedConcurrency "second" and FixedConcurrency "first" both give provisioned concurrency to function "shared-947e11b" qualifier "1"; AWS keeps one provisioned concurrency configuration per version or alias, so they would overwrite each other. Keep one of them; if one of them is already deployed, give the one you keep its name, so that Pulumi takes over its resources instead of deleting them (README, "Changing your mind").
// Two owners of one function and version, seen only once the function's name and version resolve. The second takes
// the function from the first, so it files its claim second on every SDK (otherwise which of the two is refused
// depends on the order in which the SDK resolves their Outputs; the message names both either way).
const { FixedConcurrency } = require("lambda-concurrency");
const { lambdaFunction } = require("./_function");

const fn = lambdaFunction("shared", true);
const first = new FixedConcurrency("first", { functionName: fn.name, qualifier: fn.version, provisionedConcurrentExecutions: 2 });
const second = new FixedConcurrency("second", { functionName: first.functionName, qualifier: fn.version, provisionedConcurrentExecutions: 3 });

exports.first = first.qualifier;
exports.second = second.qualifier;
