// The function and qualifier a component acts on, checked as one: the forms the Lambda API takes (function-reference.ts),
// an ARN's qualifier agreeing with the qualifier argument, an ARN living where the component's AWS provider works
// (function-home.ts), and one owner per function and qualifier in the program (ownership.ts). What comes out is the
// function's plain name, the only form this package hands to AWS.
import * as pulumi from "@pulumi/pulumi";
import { OutputCheckError, checkedInput, gateOn, isPlain } from "./checked-input";
import { namesHome, providerHome, validateFunctionHome } from "./function-home";
import { ValidationResult, plainFunctionName, validateArnQualifierAgreement, validateFunctionName, validateQualifier } from "./function-reference";
import { OwnershipRegistry, QualifierOwner, claimQualifier, ownershipKey, programOwnershipRegistry, providerScopeOf } from "./ownership";

/** The checked function and qualifier of a component, ready to be handed to AWS resources. */
export interface CheckedTarget {
    /** The function's plain name (also when an ARN was given). */
    functionName: pulumi.Output<string>;
    qualifier: pulumi.Output<string>;
}

/** How {@link checkFunction} names and checks the arguments it is given. */
export interface FunctionCheckOptions {
    /** The argument names used in messages. */
    functionArgument: string;
    qualifierArgument: string;
    /** The qualifier's own check (provisioned concurrency refuses `$LATEST`; invoking allows it). */
    validateQualifier: (value: string, argument: string) => ValidationResult;
    registry: OwnershipRegistry;
}

/**
 * Checks a function and an optional qualifier for `component`: plain values at once (a ResourceError at
 * construction), Outputs when they resolve, so that nothing reaches AWS unchecked. Claims the pair for `owner`.
 * Returns the function's plain name and the qualifier, as Outputs that carry the checks.
 */
export function checkFunction(
    component: pulumi.ComponentResource,
    owner: QualifierOwner,
    functionNameInput: pulumi.Input<string>,
    qualifierInput: pulumi.Input<string> | undefined,
    options: FunctionCheckOptions,
): { functionName: pulumi.Output<string>; qualifier: pulumi.Output<string | undefined> } {
    const label = `${owner.componentType} "${owner.name}"`;
    // A failure at construction is a plain ResourceError; one on an Output's value gates the component's children.
    const failNow = (message: string): never => {
        throw new pulumi.ResourceError(`${label}: ${message}`, component);
    };
    const failLater = (message: string): never => {
        throw new OutputCheckError(`${label}: ${message}`, component);
    };
    const functionName = checkedInput(component, label, functionNameInput, (v) => validateFunctionName(v, options.functionArgument));
    const qualifier =
        qualifierInput === undefined
            ? pulumi.output<string | undefined>(undefined)
            : checkedInput(component, label, qualifierInput, (v) => options.validateQualifier(v, options.qualifierArgument));
    const scope = providerScopeOf(component);

    const pairProblem = (fn: string, q: string | undefined): ValidationResult =>
        (q === undefined ? undefined : validateArnQualifierAgreement(fn, q, options.functionArgument, options.qualifierArgument)) ??
        claimQualifier(options.registry, ownershipKey(plainFunctionName(fn), q, scope), owner, fn, q);
    let pair: pulumi.Output<[string, string | undefined]>;
    if (isPlain(functionNameInput) && isPlain(qualifierInput)) {
        const problem = pairProblem(functionNameInput, qualifierInput);
        if (problem !== undefined) {
            failNow(problem);
        }
        pair = pulumi.output<[string, string | undefined]>([functionNameInput, qualifierInput]);
    } else {
        pair = pulumi.all([functionName, qualifier]).apply(([fn, q]) => {
            const problem = pairProblem(fn, q);
            return problem === undefined ? ([fn, q] as [string, string | undefined]) : failLater(problem);
        });
    }
    // Where an ARN's account and region are known only from the provider, the check waits for the provider's answer
    // (an invoke parented to the component, not a child: the gate may wait for it).
    const homed = gateOn(
        component,
        pair.apply(async ([fn, q]) => {
            if (namesHome(fn)) {
                const problem = validateFunctionHome(fn, await providerHome(component), options.functionArgument);
                if (problem !== undefined) {
                    failLater(problem);
                }
            }
            return [fn, q] as [string, string | undefined];
        }),
    );
    return {
        functionName: homed.apply(([fn]) => plainFunctionName(fn)),
        qualifier: homed.apply(([, q]) => q),
    };
}

/**
 * Checks a provisioned concurrency component's `functionName` and `qualifier` arguments (a published version or an
 * alias, never `$LATEST`) and claims the pair for `owner` in the program's registry.
 */
export function checkTarget(
    component: pulumi.ComponentResource,
    owner: QualifierOwner,
    args: { functionName: pulumi.Input<string>; qualifier: pulumi.Input<string> },
    registry: OwnershipRegistry = programOwnershipRegistry(),
): CheckedTarget {
    const checked = checkFunction(component, owner, args.functionName, args.qualifier, {
        functionArgument: "functionName",
        qualifierArgument: "qualifier",
        validateQualifier: (value, argument) => validateQualifier(value, argument),
        registry,
    });
    return {
        functionName: checked.functionName,
        // A qualifier was given, so the checked pair always carries one.
        qualifier: checked.qualifier.apply((q) => q ?? ""),
    };
}
