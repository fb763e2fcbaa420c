/**
 * The least capacity this package lets Application Auto Scaling set on a provisioned concurrency configuration: 1,
 * never 0. At 0, Application Auto Scaling deletes the configuration (users meet ProvisionedConcurrencyConfigNotFound-
 * Exception then: aws/aws-cdk#29992) and creates it again at the next action that raises the capacity
 * (aws/aws-cdk#30503). A `pulumi refresh` in the window at 0 drops the configuration from the stack's state (the
 * provider's Read removes what is missing), so the configuration the next action creates belongs to no one, and
 * `pulumi destroy` deregisters the target and leaves it billing. With at least 1 in every bound, the configuration
 * exists as long as the component does. The components refuse less (scalable-target.ts); the advisor neither emits nor
 * simulates a scheduled step below it (schedule-plan.ts).
 */
export const LEAST_SCALED_CAPACITY = 1;
