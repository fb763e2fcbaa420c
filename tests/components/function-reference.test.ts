// The pure checks on function names, ARNs, qualifiers and counts, without mocks.
import { expect } from "chai";
import {
    describeValue,
    parseFunctionReference,
    plainFunctionName,
    scalableTargetResourceId,
    validateArnQualifierAgreement,
    validateCapacity,
    validateFunctionName,
    validateQualifier,
} from "../../components/function-reference";

const ARN = "arn:aws:lambda:us-east-1:123456789012:function:my-function";

describe("parseFunctionReference", () => {
    const valid: [string, { name: string; arnQualifier?: string; partition?: string; region?: string; accountId?: string }][] = [
        ["my-function", { name: "my-function" }],
        ["My_Function_2", { name: "My_Function_2" }],
        ["a".repeat(64), { name: "a".repeat(64) }],
        [ARN, { name: "my-function", partition: "aws", region: "us-east-1", accountId: "123456789012" }],
        [`${ARN}:live`, { name: "my-function", arnQualifier: "live", partition: "aws", region: "us-east-1", accountId: "123456789012" }],
        [`${ARN}:7`, { name: "my-function", arnQualifier: "7", partition: "aws", region: "us-east-1", accountId: "123456789012" }],
        ["arn:aws-us-gov:lambda:us-gov-west-1:123456789012:function:f", { name: "f", partition: "aws-us-gov", region: "us-gov-west-1", accountId: "123456789012" }],
        [
            "arn:aws-cn:lambda:cn-north-1:123456789012:function:f:prod",
            { name: "f", arnQualifier: "prod", partition: "aws-cn", region: "cn-north-1", accountId: "123456789012" },
        ],
        ["arn:aws-iso-b:lambda:us-isob-east-1:123456789012:function:f", { name: "f", partition: "aws-iso-b", region: "us-isob-east-1", accountId: "123456789012" }],
        ["123456789012:function:my-function", { name: "my-function", accountId: "123456789012" }],
        ["123456789012:function:my-function:live", { name: "my-function", arnQualifier: "live", accountId: "123456789012" }],
    ];
    for (const [input, expected] of valid) {
        it(`accepts ${input.length > 70 ? input.slice(0, 40) + "..." : input}`, () => {
            expect(parseFunctionReference(input)).to.deep.equal({ reference: expected });
            expect(validateFunctionName(input)).to.equal(undefined);
        });
    }

    const invalid: [unknown, string][] = [
        ["", "functionName must not be empty"],
        [undefined, "functionName must be a string, got undefined"],
        [42, "functionName must be a string, got 42"],
        ["my function", 'functionName "my function" is not a valid Lambda function name; use only letters, digits, hyphens and underscores'],
        ["my.function", 'functionName "my.function" is not a valid Lambda function name; use only letters, digits, hyphens and underscores'],
        [
            "a".repeat(65),
            `functionName "${"a".repeat(65)}" names a function of 65 characters; Lambda function names are at most 64`,
        ],
        [
            `arn:aws:lambda:us-east-1:123456789012:function:${"b".repeat(65)}`,
            `functionName "arn:aws:lambda:us-east-1:123456789012:function:${"b".repeat(65)}" names a function of 65 characters; Lambda function names are at most 64`,
        ],
        [
            "x".repeat(141),
            `functionName must be at most 140 characters long (the Lambda API's limit for a function ARN), got 141 characters: "${"x".repeat(141)}"`,
        ],
        [
            "arn:aws:lambda:us-east-1:1234:function:f",
            'functionName "arn:aws:lambda:us-east-1:1234:function:f" is not a valid Lambda function ARN; expected arn:PARTITION:lambda:REGION:ACCOUNT:function:NAME[:QUALIFIER] or ACCOUNT:function:NAME[:QUALIFIER]',
        ],
        [
            "arn:aws:s3:::my-bucket",
            'functionName "arn:aws:s3:::my-bucket" is not a valid Lambda function ARN; expected arn:PARTITION:lambda:REGION:ACCOUNT:function:NAME[:QUALIFIER] or ACCOUNT:function:NAME[:QUALIFIER]',
        ],
        [
            `${ARN}:`,
            `functionName "${ARN}:" is not a valid Lambda function ARN; expected arn:PARTITION:lambda:REGION:ACCOUNT:function:NAME[:QUALIFIER] or ACCOUNT:function:NAME[:QUALIFIER]`,
        ],
        [
            `${ARN}:live:extra`,
            `functionName "${ARN}:live:extra" is not a valid Lambda function ARN; expected arn:PARTITION:lambda:REGION:ACCOUNT:function:NAME[:QUALIFIER] or ACCOUNT:function:NAME[:QUALIFIER]`,
        ],
        [
            "arn:aws:lambda:useast1:123456789012:function:f",
            'functionName "arn:aws:lambda:useast1:123456789012:function:f" is not a valid Lambda function ARN; expected arn:PARTITION:lambda:REGION:ACCOUNT:function:NAME[:QUALIFIER] or ACCOUNT:function:NAME[:QUALIFIER]',
        ],
    ];
    for (const [input, message] of invalid) {
        it(`rejects ${describeValue(input).slice(0, 60)}`, () => {
            expect(parseFunctionReference(input)).to.deep.equal({ error: message });
            expect(validateFunctionName(input)).to.equal(message);
        });
    }

    it("names the argument it was given", () => {
        expect(validateFunctionName("", "targets[2].functionName")).to.equal("targets[2].functionName must not be empty");
    });
});

describe("validateQualifier", () => {
    for (const ok of ["live", "prod-2", "blue_green", "1", "42", "v1", "a".repeat(128), "1a"]) {
        it(`accepts "${ok.length > 20 ? ok.slice(0, 10) + "..." : ok}"`, () => {
            expect(validateQualifier(ok)).to.equal(undefined);
        });
    }
    const invalid: [unknown, string][] = [
        [
            "$LATEST",
            'qualifier cannot be "$LATEST": provisioned concurrency needs a published version or an alias (publish the function with publish: true and use its version, or create an alias)',
        ],
        ["", "qualifier must not be empty; give an alias name or a published version number"],
        [undefined, "qualifier must be a string (an alias name or a published version number), got undefined"],
        [3, "qualifier must be a string (an alias name or a published version number), got 3"],
        ["0", 'qualifier "0" is not a published version number; versions are numbered from 1 without leading zeros'],
        ["007", 'qualifier "007" is not a published version number; versions are numbered from 1 without leading zeros'],
        ["my alias", 'qualifier "my alias" is not a valid alias name or version number; alias names use only letters, digits, hyphens and underscores'],
        ["live:1", 'qualifier "live:1" is not a valid alias name or version number; alias names use only letters, digits, hyphens and underscores'],
        ["a".repeat(129), `qualifier must be at most 128 characters long, got 129 characters: "${"a".repeat(129)}"`],
    ];
    for (const [input, message] of invalid) {
        it(`rejects ${describeValue(input).slice(0, 40)}`, () => {
            expect(validateQualifier(input)).to.equal(message);
        });
    }
});

describe("validateArnQualifierAgreement", () => {
    it("accepts an unqualified name or ARN with any qualifier", () => {
        expect(validateArnQualifierAgreement("my-function", "live")).to.equal(undefined);
        expect(validateArnQualifierAgreement(ARN, "3")).to.equal(undefined);
    });
    it("accepts a qualified ARN whose qualifier is the argument", () => {
        expect(validateArnQualifierAgreement(`${ARN}:live`, "live")).to.equal(undefined);
    });
    it("rejects a qualified ARN whose qualifier differs", () => {
        expect(validateArnQualifierAgreement(`${ARN}:live`, "3")).to.equal(
            `functionName "${ARN}:live" is qualified with "live" but qualifier is "3"; give the unqualified ARN or make them agree`,
        );
    });
});

describe("validateCapacity", () => {
    it("accepts whole numbers at or above the minimum", () => {
        expect(validateCapacity(1, "provisionedConcurrentExecutions", 1)).to.equal(undefined);
        expect(validateCapacity(1000, "provisionedConcurrentExecutions", 1)).to.equal(undefined);
        expect(validateCapacity(0, "minCapacity", 0)).to.equal(undefined);
    });
    const invalid: [unknown, number, string][] = [
        [0, 1, "provisionedConcurrentExecutions must be at least 1, got 0"],
        [-3, 1, "provisionedConcurrentExecutions must be at least 1, got -3"],
        [1.5, 1, "provisionedConcurrentExecutions must be a whole number, got 1.5"],
        [NaN, 1, "provisionedConcurrentExecutions must be a whole number, got NaN"],
        [Infinity, 1, "provisionedConcurrentExecutions must be a whole number, got Infinity"],
        ["2", 1, 'provisionedConcurrentExecutions must be a whole number, got "2"'],
        [undefined, 1, "provisionedConcurrentExecutions must be a whole number, got undefined"],
    ];
    for (const [input, minimum, message] of invalid) {
        it(`rejects ${describeValue(input)}`, () => {
            expect(validateCapacity(input, "provisionedConcurrentExecutions", minimum)).to.equal(message);
        });
    }
});

describe("scalableTargetResourceId", () => {
    it("uses the plain function name, also for ARNs", () => {
        expect(scalableTargetResourceId("my-function", "live")).to.equal("function:my-function:live");
        expect(scalableTargetResourceId(ARN, "live")).to.equal("function:my-function:live");
        expect(scalableTargetResourceId(`${ARN}:live`, "live")).to.equal("function:my-function:live");
        expect(scalableTargetResourceId("123456789012:function:my-function", "4")).to.equal("function:my-function:4");
    });
    it("plainFunctionName strips every ARN form to the name", () => {
        expect(plainFunctionName("my-function")).to.equal("my-function");
        expect(plainFunctionName(`${ARN}:live`)).to.equal("my-function");
        expect(plainFunctionName("123456789012:function:my-function")).to.equal("my-function");
        expect(plainFunctionName("not a name")).to.equal("not a name");
    });
});
