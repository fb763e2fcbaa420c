// expect: FixedConcurrency "latest": qualifier cannot be "$LATEST": provisioned concurrency needs a published version or an alias (publish the function with publish: true and use its version, or create an alias)
// A function created without `publish: true` has the version "$LATEST", known only once the function exists.
const { FixedConcurrency } = require("lambda-concurrency");
const { lambdaFunction } = require("./_function");

const fn = lambdaFunction("unpublished", false);
const fixed = new FixedConcurrency("latest", { functionName: fn.name, qualifier: fn.version, provisionedConcurrentExecutions: 1 });

exports.qualifier = fixed.qualifier;
exports.count = fixed.provisionedConcurrentExecutions;
