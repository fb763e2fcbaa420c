// Why two managers of one function version or alias conflict, in words shared by the components' ownership check
// (ownership.ts, at construction) and the policy pack's check of hand-written resources (policy/rules/one-manager.ts).
// No Pulumi here, so that the pack reads it.

/** Two provisioned concurrency configurations on one qualifier. */
export const ONE_CONFIGURATION = "AWS keeps one provisioned concurrency configuration per version or alias, so they would overwrite each other";

/** Two scalable targets on one qualifier. */
export const ONE_TARGET = "Application Auto Scaling keeps one scalable target per version or alias, so they would overwrite each other";

/** A scalable target beside a configuration that sets its own count. */
export const TARGET_FIGHTS_CONFIGURATION = "a scalable target sets the provisioned concurrency itself, so it would fight a fixed configuration";

/** Warm-up pings on a qualifier with provisioned concurrency: why not, and the fix. */
export const PINGS_ON_PROVISIONED =
    "provisioned environments are always initialized and need no warming, and pings would occupy them, push real requests into spillover and raise the utilization that scaling follows. Warm another qualifier of the function, or none.";
