// The public surface of `lambda-concurrency`: the components and the pure checks they are built on.
export { FixedConcurrency, FixedConcurrencyArgs } from "./fixed";
export {
    FunctionReference,
    ValidationResult,
    parseFunctionReference,
    validateFunctionName,
    validateQualifier,
    validateArnQualifierAgreement,
    validateCapacity,
    scalableTargetResourceId,
} from "./target";
