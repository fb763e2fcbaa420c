/**
 * Lambda's concurrency quotas, below both the policy pack (policy/) and whatever else needs them.
 *
 * - Every account has a regional quota of concurrent executions, 1,000 by default (Lambda developer guide, "Lambda
 *   quotas": "Concurrent executions: 1,000", a soft quota raised through Service Quotas).
 * - Reserved concurrency can be set "up to the Unreserved account concurrency value that is shown, minus 100 for
 *   functions that don't have reserved concurrency" (Lambda developer guide, "Configuring reserved concurrency for a
 *   function"), and provisioned concurrency counts towards the function's reserved concurrency and the account's
 *   quota (Lambda developer guide, "Configuring provisioned concurrency for a function"), so a function's provisioned
 *   concurrency can never exceed its reserved concurrency, and across functions without reserved concurrency
 *   provisioned environments must leave 100 of the quota unreserved.
 */
export const DEFAULT_ACCOUNT_CONCURRENCY = 1000;
export const UNRESERVED_CONCURRENCY_FLOOR = 100;
