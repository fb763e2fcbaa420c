// Whether a new version's provisioned environments are there before an alias routes traffic to it. Pure: the
// component reads the count from AWS (aws-facts below) and asks this.
//
// The count read is AllocatedProvisionedConcurrentExecutions (GetProvisionedConcurrencyConfig), which the AWS
// provider's Read returns as provisionedConcurrentExecutions (hashicorp/terraform-provider-aws,
// internal/service/lambda/provisioned_concurrency_config.go, resourceProvisionedConcurrencyConfigRead). Lambda puts
// nothing there for a version whose initialization fails (Status FAILED, StatusReason e.g.
// FUNCTION_ERROR_INIT_FAILURE), and all of it once the configuration is READY, which the provider's Create and Update
// wait for. The read is what makes the gate hold when the wait did not run: the provider records a configuration
// whose wait failed as created with errors, and on the next `pulumi up` the engine only updates it, which may not put
// or wait again (pulumi/pulumi pkg/resource/deploy/step_generator.go: an empty update for a resource with init errors).

/** What the component knows when it checks a version. */
export interface VersionReadiness {
    /** The component, as messages name it: `WarmAlias "live"`. */
    readonly label: string;
    readonly functionName: string;
    readonly version: string;
    readonly aliasName: string;
    /** The environments asked for. */
    readonly requested: number;
    /** The environments Lambda reports allocated now. */
    readonly allocated: number;
}

/**
 * Undefined when every environment asked for is allocated; otherwise the message that stops the deployment before
 * the alias moves: what happened, where to see why, and how to roll on.
 */
export function versionReadinessProblem(state: VersionReadiness): string | undefined {
    if (state.allocated >= state.requested) {
        return undefined;
    }
    return (
        `${state.label}: version ${state.version} of function "${state.functionName}" has ${state.allocated} of its ` +
        `${state.requested} provisioned environments ready, so alias "${state.aliasName}" stays on the version it routes to now. ` +
        `Lambda could not initialize the version, or has not finished: \`aws lambda get-provisioned-concurrency-config ` +
        `--function-name ${state.functionName} --qualifier ${state.version}\` shows its Status and StatusReason (the ` +
        `function's logs show an initialization error). Fix the function and run \`pulumi up\` again: the new version ` +
        `goes live once its environments are ready, and the configuration of this one is deleted then.`
    );
}
