/**
 * Lambda SnapStart as a strategy: new environments are restored from a snapshot taken when a version is published,
 * instead of running the init. What it supports, what a restore takes, and what it costs.
 *
 * Sources: Lambda developer guide, "Improving startup performance with Lambda SnapStart"
 * (https://docs.aws.amazon.com/lambda/latest/dg/snapstart.html): managed runtimes Java 11 and later, Python 3.12 and
 * later, .NET 8 and later; "SnapStart does not support provisioned concurrency"; published versions (and their
 * aliases) only, never $LATEST; "as low as sub-second startup performance". Prices: the same guide's "SnapStart
 * pricing" and the AWS Lambda pricing page (us-east-1, read through copies of its tables): Java pays nothing extra;
 * Python and .NET pay for caching each active version's snapshot, per GB-second of the function's memory, and for
 * each restore, per GB.
 */

import { SnapStartFunctionSettings } from "./component-args";

/** Whether a runtime id can use SnapStart: java11+, python3.12+, dotnet8+. */
export function snapStartSupported(runtime: string): boolean {
    const java = /^java(\d+)(\.al2)?$/.exec(runtime);
    if (java !== null) return Number(java[1]) >= 11;
    const python = /^python3\.(\d+)$/.exec(runtime);
    if (python !== null) return Number(python[1]) >= 12;
    const dotnet = /^dotnet(\d+)$/.exec(runtime);
    if (dotnet !== null) return Number(dotnet[1]) >= 8;
    return false;
}

/** SnapStart's own charges (us-east-1). */
export interface SnapStartPrices {
    /** USD per GB-second of the function's memory, for as long as a version's snapshot is cached (active). */
    readonly cachingPerGbSecond: number;
    /** USD per GB of the function's memory, per restore. */
    readonly restorePerGb: number;
}

/** Java: no extra charge. Python and .NET: $0.0000015046 per GB-second cached, $0.0001397998 per GB restored. */
export function snapStartPrices(runtime: string): SnapStartPrices {
    return runtime.startsWith("java") ? { cachingPerGbSecond: 0, restorePerGb: 0 } : { cachingPerGbSecond: 0.0000015046, restorePerGb: 0.0001397998 };
}

/**
 * The default restore duration: a tenth of the init, at least 200 ms and never more than the init itself. AWS quotes
 * startups "as low as sub-second" and, at launch, "up to 10x" faster (AWS News Blog, "New – Accelerate Your Lambda
 * Functions with Lambda SnapStart", 2022); published measurements of Java functions show restores in the low hundreds of
 * milliseconds. A function whose init is short gains little: the restore has a cost of its own. Measure yours: the
 * REPORT line of a restored environment gives its "Restore Duration" (pass it as --restore-ms).
 */
export function defaultRestoreMs(initMs: number): number {
    return Math.min(initMs, Math.max(200, Math.round(initMs / 10)));
}

export const SNAPSTART_RESTORE_SOURCE = "a tenth of the init, at least 200 ms; AWS quotes up to 10x faster startups";

/** What to set on the function: SnapStart applies to published versions; invoke a version or an alias of one. */
export const SNAPSTART_FUNCTION_ARGS: SnapStartFunctionSettings = { publish: true, snapStart: { applyOn: "PublishedVersions" } };
