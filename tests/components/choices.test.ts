// What the multi-language schema changed in the TypeScript API, and what it kept: the string choices are constant
// objects (the schema's enums) whose types still take plain strings, and the nested argument types have names without
// `Args` (the schema's type names) while the old names stay as aliases. Most of this is checked by the compiler:
// `npm test` type-checks this file.
import { expect } from "chai";
import {
    LambdaWarmerArgs,
    Schedule,
    ScheduleArgs,
    UtilizationScalingArgs,
    UtilizationStatistic,
    WarmerArchitecture,
    WarmerTarget,
    WarmerTargetArgs,
    validateStatistic,
} from "../../components";
import { validateArchitecture } from "../../components/warmer-plan";

describe("the string choices and the nested argument types, for TypeScript users", () => {
    it("take plain strings, as before, and the new constants", () => {
        const plain: UtilizationScalingArgs = { functionName: "f", qualifier: "live", maxCapacity: 4, statistic: "Average" };
        const constant: UtilizationScalingArgs = { ...plain, statistic: UtilizationStatistic.Maximum };
        const warmer: LambdaWarmerArgs = { targets: [{ functionName: "f" }], architecture: "x86_64" };
        const warmerConstant: LambdaWarmerArgs = { ...warmer, architecture: WarmerArchitecture.Arm64 };
        expect([plain.statistic, constant.statistic, warmer.architecture, warmerConstant.architecture]).to.deep.equal([
            "Average",
            "Maximum",
            "x86_64",
            "arm64",
        ]);
    });

    it("have constants for exactly the values the components accept", () => {
        expect(Object.values(UtilizationStatistic)).to.deep.equal(["Maximum", "Average"]);
        expect(Object.values(UtilizationStatistic).map(validateStatistic)).to.deep.equal([undefined, undefined]);
        expect(Object.values(WarmerArchitecture)).to.deep.equal(["arm64", "x86_64"]);
        expect(Object.values(WarmerArchitecture).map(validateArchitecture)).to.deep.equal([undefined, undefined]);
    });

    it("keep the old names of the nested argument types as the same types", () => {
        const schedule: ScheduleArgs = { name: "day", schedule: "cron(0 8 * * ? *)", capacity: 10 };
        const renamed: Schedule = schedule;
        const target: WarmerTargetArgs = { functionName: "f", concurrency: 2 };
        const renamedTarget: WarmerTarget = target;
        const back: [ScheduleArgs, WarmerTargetArgs] = [renamed, renamedTarget];
        expect(back).to.deep.equal([schedule, target]);
    });
});
