// The least capacity a scaling component lets Application Auto Scaling set, checked with the reason 0 is refused.
// No Pulumi here, so that the policy pack (policy/) refuses the same capacities on hand-written scalable targets and
// scheduled actions, with the same words.
import { ValidationResult, validateCapacity } from "./function-reference";
import { US_EAST_1_PRICES } from "../aws-facts/pricing";
import { LEAST_SCALED_CAPACITY } from "../aws-facts/scaling";

/** What one provisioned environment costs per hour per GB of memory (x86, us-east-1), for the refusal of 0. */
const ENVIRONMENT_HOURLY_PRICE_PER_GB = US_EAST_1_PRICES.x86_64.provisionedConcurrencyPerGbSecond * 3600;

/**
 * Checks a capacity of a scaling component: a whole number, at least {@link LEAST_SCALED_CAPACITY}, saying why 0 is
 * refused and what the smallest capacity costs.
 */
export function validateScaledCapacity(value: unknown, argument: string): ValidationResult {
    const problem = validateCapacity(value, argument, LEAST_SCALED_CAPACITY);
    if (problem === undefined || value !== 0) {
        return problem;
    }
    return `${problem}: at 0 Application Auto Scaling deletes the provisioned concurrency configuration and creates it again at the next higher capacity, outside the stack's knowledge once a pulumi refresh has run in between, so that pulumi destroy would leave it billing. Keep 1 environment (about $${ENVIRONMENT_HOURLY_PRICE_PER_GB.toFixed(3)} an hour per GB of memory, x86 in us-east-1), or use LambdaWarmer for the hours without provisioned concurrency`;
}
