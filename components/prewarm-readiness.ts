// Whether a LambdaWarmer's warm-up at deploy time reached a target, so that an alias may route traffic to it. Pure:
// the component hands in what the Invocation returned (the warmer function's WarmupRunResult, as JSON: the AWS
// provider's `result` is the function's response payload) and asks this.
//
// Warmers are best effort: throttles and a few failed pings leave fewer instances warm, and the version still goes
// live. What stops it is a version that no ping reached at all: a version whose initialization fails answers every
// ping with a function error (the warmer counts it in `errors`), and routing traffic there would fail every request.

/** What the component knows when it checks a target. */
export interface PrewarmReadiness {
    /** The component, as messages name it: `LambdaWarmer "pings"`. */
    readonly label: string;
    /** The target's index in `targets`. */
    readonly index: number;
    /** Its place in the plan part the Invocation ran (the report lists the part's targets in plan order). */
    readonly position: number;
    readonly functionName: string;
    readonly qualifier: string;
    /** The Invocation's result: the warmer function's report, as JSON. */
    readonly result: string | undefined;
}

/** The fields of one target's report (runtime/warmer-function.js, TargetReport) that the check reads. */
interface TargetReport {
    skipped: string | null;
    requested: number;
    instancesReached: number;
    unrecognizedReplies: number;
    errors: number;
    throttles: number;
    errorSamples: string[];
}

/**
 * Undefined when a ping reached the target (a warm-up reply, or a handler that ran the ping as a plain event);
 * otherwise the message that stops the deployment before anything that waits for the target moves to it.
 */
export function prewarmReadinessProblem(state: PrewarmReadiness): string | undefined {
    const what = `${state.label}: targets[${state.index}] (function "${state.functionName}" qualifier "${state.qualifier}")`;
    const report = reportAt(state.result, state.position);
    if (report === undefined) {
        return `${what}: the warm-up at deploy time returned no report for it (the warmer function answered ${JSON.stringify(state.result ?? null)}), so nothing that waits for it moves. Run \`pulumi up\` again; if it persists, the warmer function's logs say why.`;
    }
    if (report.skipped !== null) {
        return `${what} was not warmed at deploy time: ${report.skipped}.`;
    }
    if (report.instancesReached + report.unrecognizedReplies > 0) {
        return undefined;
    }
    const samples = report.errorSamples.length > 0 ? ` (${report.errorSamples.join("; ")})` : "";
    return (
        `${what}: none of its ${report.requested} warm-up pings at deploy time reached an instance: ${report.errors} failed${samples}, ` +
        `${report.throttles} throttled. So nothing that waits for it (an alias given warmedQualifier(${state.index})) moves to it. ` +
        `A version whose initialization fails answers every ping with an error: the function's logs show it. Fix the ` +
        `function and run \`pulumi up\` again: the new version is warmed, and goes live once a ping reaches it.`
    );
}

/** The report of the target at `position`, or undefined when the result is not a warmer's report that has one. */
function reportAt(result: string | undefined, position: number): TargetReport | undefined {
    let parsed: unknown;
    try {
        parsed = JSON.parse(result ?? "");
    } catch {
        return undefined;
    }
    const targets = typeof parsed === "object" && parsed !== null ? (parsed as { targets?: unknown }).targets : undefined;
    const report: unknown = Array.isArray(targets) ? targets[position] : undefined;
    if (typeof report !== "object" || report === null) {
        return undefined;
    }
    const r = report as Record<string, unknown>;
    const count = (key: string): number => (typeof r[key] === "number" ? r[key] : 0);
    return {
        skipped: typeof r.skipped === "string" ? r.skipped : null,
        requested: count("requested"),
        instancesReached: count("instancesReached"),
        unrecognizedReplies: count("unrecognizedReplies"),
        errors: count("errors"),
        throttles: count("throttles"),
        errorSamples: Array.isArray(r.errorSamples) ? r.errorSamples.filter((s): s is string => typeof s === "string") : [],
    };
}
