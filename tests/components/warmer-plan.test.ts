// The pure part of LambdaWarmer: argument checks, splitting, plans and policy documents.
import { expect } from "chai";
import {
    MAX_RULE_INPUT_LENGTH,
    MAX_WARMER_TARGETS,
    chunk,
    fittedName,
    invokePolicyDocument,
    invokeResourceArn,
    loggingPolicyDocument,
    planInput,
    validateArchitecture,
    validateInvokeQualifier,
    validateLogRetention,
    validateMemorySize,
    validateTargetCount,
    validateTimeoutSeconds,
    validateWarmConcurrency,
    validateWarmerSchedule,
} from "../../components/warmer-plan";

const ACCOUNT = { partition: "aws", region: "eu-west-1", accountId: "111122223333" };

describe("warmer plan: checks", () => {
    it("accepts EventBridge schedules and refuses at() and bad expressions", () => {
        expect(validateWarmerSchedule("rate(5 minutes)")).to.equal(undefined);
        expect(validateWarmerSchedule("cron(0/5 8-18 ? * MON-FRI *)")).to.equal(undefined);
        expect(validateWarmerSchedule("rate(5 minute)")).to.match(/^schedule: rate\(5 minute\): /);
        expect(validateWarmerSchedule("at(2026-12-01T00:00:00)")).to.match(/^schedule: at\(2026-12-01T00:00:00\): /);
        expect(validateWarmerSchedule(5)).to.equal("schedule must be a cron(...) or rate(...) expression, got 5");
    });

    it("checks qualifiers to invoke, allowing $LATEST", () => {
        expect(validateInvokeQualifier("$LATEST", "targets[0].qualifier")).to.equal(undefined);
        expect(validateInvokeQualifier("live", "targets[0].qualifier")).to.equal(undefined);
        expect(validateInvokeQualifier("12", "targets[0].qualifier")).to.equal(undefined);
        expect(validateInvokeQualifier("a b", "targets[0].qualifier")).to.equal(
            'targets[0].qualifier must be a version number, $LATEST or an alias name (letters, digits, hyphens, underscores; at most 128), got "a b"',
        );
    });

    it("checks concurrency, memory, timeout, retention, architecture and the target count", () => {
        expect(validateWarmConcurrency(50, "concurrency")).to.equal(undefined);
        expect(validateWarmConcurrency(51, "targets[3].concurrency")).to.equal(
            "targets[3].concurrency must be between 1 and 50 (the warmer sends a target's pings at once, at most 50 in flight), got 51",
        );
        expect(validateWarmConcurrency(0, "concurrency")).to.match(/got 0$/);
        expect(validateWarmConcurrency(2.5, "concurrency")).to.equal("concurrency must be a whole number, got 2.5");
        expect(validateMemorySize(64)).to.equal("memorySize must be a whole number of MB from 128 to 10240, got 64");
        expect(validateTimeoutSeconds(901)).to.equal("timeoutSeconds must be a whole number of seconds from 1 to 900, got 901");
        expect(validateLogRetention(14)).to.equal(undefined);
        expect(validateLogRetention(0)).to.equal(undefined);
        expect(validateLogRetention(10)).to.match(/^logRetentionInDays must be one of 0, 1, 3, 5, 7, 14, 30, .* \(the values CloudWatch Logs accepts; 0 keeps logs forever\), got 10$/);
        expect(validateArchitecture("arm64")).to.equal(undefined);
        expect(validateArchitecture("arm")).to.equal('architecture must be "arm64" or "x86_64", got "arm"');
        expect(validateTargetCount(0)).to.equal("targets must list at least one function to warm");
        expect(validateTargetCount(MAX_WARMER_TARGETS)).to.equal(undefined);
        expect(validateTargetCount(401)).to.equal(
            "targets lists 401 functions; one warmer holds at most 400, because its role's invoke permissions take 10 managed policies (the IAM default quota per role) of 40 targets (6144 characters each); split the targets across several LambdaWarmer components",
        );
    });
});

describe("warmer plan: pieces", () => {
    it("splits in order", () => {
        expect(chunk([1, 2, 3, 4, 5], 2)).to.deep.equal([[1, 2], [3, 4], [5]]);
        expect(chunk([], 3)).to.deep.equal([]);
    });

    it("writes the plan the warmer function reads", () => {
        expect(JSON.parse(planInput([{ functionName: "api", qualifier: "live", concurrency: 3 }, { functionName: "jobs", concurrency: 1 }]))).to.deep.equal({
            targets: [
                { functionName: "api", qualifier: "live", concurrency: 3 },
                { functionName: "jobs", concurrency: 1 },
            ],
            maxParallelism: 50,
        });
    });

    it("keeps 30 targets with full ARNs and long aliases under EventBridge's input limit, and refuses more", () => {
        const long = (i: number) => ({
            functionName: `arn:aws:lambda:us-east-1:123456789012:function:${"f".repeat(60)}${String(i).padStart(4, "0")}`,
            qualifier: "q".repeat(60),
            concurrency: 50,
        });
        const thirty = Array.from({ length: 30 }, (_, i) => long(i));
        expect(planInput(thirty).length).to.be.at.most(MAX_RULE_INPUT_LENGTH);
        const many = Array.from({ length: 45 }, (_, i) => long(i));
        expect(() => planInput(many)).to.throw(/^the warm-up plan of 45 targets is \d+ characters, over EventBridge's limit of 8192/);
    });

    it("builds invoke ARNs from plain names and qualifiers in the given partition, region and account", () => {
        expect(invokeResourceArn("api", undefined, ACCOUNT)).to.equal("arn:aws:lambda:eu-west-1:111122223333:function:api");
        expect(invokeResourceArn("api", "live", ACCOUNT)).to.equal("arn:aws:lambda:eu-west-1:111122223333:function:api:live");
        expect(invokeResourceArn("api", "7", { partition: "aws-cn", region: "cn-north-1", accountId: "444455556666" })).to.equal(
            "arn:aws-cn:lambda:cn-north-1:444455556666:function:api:7",
        );
    });

    it("allows exactly the given ARNs, never a wildcard", () => {
        const document = JSON.parse(invokePolicyDocument(["arn:b", "arn:a", "arn:a"])) as unknown;
        expect(document).to.deep.equal({
            Version: "2012-10-17",
            Statement: [{ Sid: "InvokeWarmTargets", Effect: "Allow", Action: "lambda:InvokeFunction", Resource: ["arn:a", "arn:b"] }],
        });
        expect(loggingPolicyDocument("arn:aws:logs:us-east-1:1:log-group:g")).to.equal(
            '{"Version":"2012-10-17","Statement":[{"Sid":"WriteOwnLogs","Effect":"Allow","Action":["logs:CreateLogStream","logs:PutLogEvents"],"Resource":"arn:aws:logs:us-east-1:1:log-group:g:*"}]}',
        );
    });

    it("refuses an invoke policy over IAM's size", () => {
        const arns = Array.from({ length: 60 }, (_, i) => `arn:aws:lambda:us-east-1:123456789012:function:${"f".repeat(64)}:${i}`);
        expect(() => invokePolicyDocument(arns)).to.throw(/^the invoke policy for 60 targets is \d+ characters, over IAM's limit of 6144/);
    });

    it("fits long names with a hash, and leaves short ones to the provider", () => {
        expect(fittedName("warmer-role", 64)).to.equal(undefined);
        expect(fittedName("x".repeat(56), 64)).to.equal(undefined);
        const fitted = fittedName("x".repeat(57), 64);
        expect(fitted).to.have.length(64);
        expect(fitted).to.match(/^x{55}-[0-9a-f]{8}$/);
        expect(fittedName("y".repeat(100) + "-a", 64)).to.not.equal(fittedName("y".repeat(100) + "-b", 64));
    });

    it("hashes the scope with the name, so that two stacks' long names differ", () => {
        const logical = "z".repeat(70);
        const prod = fittedName(logical, 64, "shop/prod/us-east-1");
        expect(prod).to.match(/^z{55}-[0-9a-f]{8}$/);
        expect(prod).to.not.equal(fittedName(logical, 64, "shop/dev/us-east-1"));
        expect(prod).to.not.equal(fittedName(logical, 64, "shop/prod/eu-west-1"));
        expect(fittedName("warmer-role", 64, "shop/prod/us-east-1")).to.equal(undefined);
    });
});
