// A Lambda function as a program declares one, shared by the programs here (not a program itself: the name starts
// with "_").
const pulumi = require("@pulumi/pulumi");
const aws = require("@pulumi/aws");

exports.lambdaFunction = (name, publish) =>
    new aws.lambda.Function(name, {
        runtime: "nodejs22.x",
        handler: "index.handler",
        role: "arn:aws:iam::123456789012:role/app",
        code: new pulumi.asset.AssetArchive({ "index.js": new pulumi.asset.StringAsset("exports.handler = async () => 1;") }),
        publish,
    });
