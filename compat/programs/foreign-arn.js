// expect: FixedConcurrency "api-warm": functionName "arn:aws:lambda:eu-west-1:999999999999:function:api" is a function of account 999999999999, region eu-west-1, but this component's AWS provider works in account 123456789012, region us-east-1; AWS would look the function up by name in account 123456789012, region us-east-1 and configure another function, or none. Give the component a provider for account 999999999999, region eu-west-1 (opts.provider), or name a function of account 123456789012, region us-east-1
// A function ARN of another account and region, as an Output: checked against the provider's account once it resolves.
const pulumi = require("@pulumi/pulumi");
const { FixedConcurrency } = require("lambda-concurrency");

const fixed = new FixedConcurrency("api-warm", {
    functionName: pulumi.output("arn:aws:lambda:eu-west-1:999999999999:function:api"),
    qualifier: "live",
    provisionedConcurrentExecutions: 5,
});

exports.functionName = fixed.functionName;
