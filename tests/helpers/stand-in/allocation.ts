// How long the stand-in takes to allocate a new provisioned concurrency configuration's environments, in real time:
// none by default (the stand-in allocates at once). With a time set (AwsStandInProvider.allocationMs), the provider's
// create answers only once it has passed, as the AWS provider answers once the configuration is READY (its waiter in
// provisioned_concurrency_config.go), and meanwhile Invoke routes nothing to those environments: requests a deploy
// sends to a version before its allocation ends meet on-demand environments, cold, as in Lambda (developer guide,
// "Configuring provisioned concurrency": requests beyond the allocated environments spill over to on-demand ones).
import { plainFunctionName, type AwsModel } from "../lifecycle/aws-model";

/** Per account: when each configuration (function name and qualifier) being allocated is ready, in real ms. */
const readyAt = new WeakMap<AwsModel, Map<string, number>>();

/** A name, an ARN or a partial ARN reach the same configuration (aws-model.ts, plainFunctionName). */
const keyOf = (functionName: string, qualifier: string): string => `${plainFunctionName(functionName)}:${qualifier}`;

/** A configuration just created, ready in `allocationMs` of real time. */
export function startAllocation(aws: AwsModel, functionName: string, qualifier: string, allocationMs: number): void {
    let pending = readyAt.get(aws);
    if (pending === undefined) {
        pending = new Map();
        readyAt.set(aws, pending);
    }
    pending.set(keyOf(functionName, qualifier), Date.now() + allocationMs);
}

/** Whether a configuration's environments are allocated at real time `nowMs` (always, unless one is under way). */
export function isAllocated(aws: AwsModel, functionName: string, qualifier: string, nowMs: number): boolean {
    const ready = readyAt.get(aws)?.get(keyOf(functionName, qualifier));
    return ready === undefined || ready <= nowMs;
}
