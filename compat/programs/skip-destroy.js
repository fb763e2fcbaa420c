// expect: FixedConcurrency "pinned": skipDestroy cannot be used with the version number qualifier "1": each new version replaces the configuration, and skipDestroy would leave every old version's provisioned environments allocated and billed, with nothing in the program to remove them. Put the provisioned concurrency on an alias (e.g. "live", pointed at each new version) instead
// skipDestroy on a version number, which is known only once the function is published.
const { FixedConcurrency } = require("lambda-concurrency");
const { lambdaFunction } = require("./_function");

const fn = lambdaFunction("api", true);
const fixed = new FixedConcurrency("pinned", {
    functionName: fn.name,
    qualifier: fn.version,
    provisionedConcurrentExecutions: 2,
    skipDestroy: true,
});

exports.count = fixed.provisionedConcurrentExecutions;
