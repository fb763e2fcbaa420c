// expect: FixedConcurrency "api-warm": monitoring.alarmActions[0] must be an SNS topic ARN (arn:aws:sns:REGION:ACCOUNT_ID:TOPIC_NAME), got "arn:aws:sqs:us-east-1:123456789012:alerts"
// An alarm action given as an Output that is not an SNS topic: nothing of the component (configuration, alarms,
// dashboard) may be created.
const pulumi = require("@pulumi/pulumi");
const aws = require("@pulumi/aws");
const { FixedConcurrency } = require("lambda-concurrency");
const { lambdaFunction } = require("./_function");

const api = lambdaFunction("api", true);
const live = new aws.lambda.Alias("live", { name: "live", functionName: api.name, functionVersion: api.version });
const fixed = new FixedConcurrency("api-warm", {
    functionName: api.name,
    qualifier: live.name,
    provisionedConcurrentExecutions: 2,
    monitoring: { alarmActions: [pulumi.output("arn:aws:sqs:us-east-1:123456789012:alerts")] },
});

exports.count = fixed.provisionedConcurrentExecutions;
