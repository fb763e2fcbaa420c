// What LambdaWarmer's warmer function answers when it is invoked with a warm-up plan (runtime/warmer-function.js:
// WarmupRunResult, one TargetReport per target in plan order), for the mocks and the AWS stand-in, which do not run
// functions: every ping of a healthy target reaches an instance of its own (a first run of the plan: all cold), and
// every ping of a target that `failing` names fails with the function error Lambda returns for an initialization
// error. The real function's answers are tested on their own (tests/runtime/warmer-function.test.ts).

/** The target's plain function name and its qualifier, as the warmer function reports them. */
function plainTarget(functionName: string, qualifier: string | undefined): { name: string; qualifier: string | null } {
    const parts = functionName.split(":");
    if (functionName.startsWith("arn:")) {
        return { name: parts[6] ?? functionName, qualifier: qualifier ?? parts[7] ?? null };
    }
    return { name: parts[0], qualifier: qualifier ?? parts[1] ?? null };
}

/**
 * The warmer function's result for `input` (the Invocation's input), as JSON; undefined when the input is not a
 * warm-up plan. `failing` says whether a target's version fails to initialize.
 */
export function warmerFunctionReply(input: unknown, failing: (functionName: string, qualifier: string | null) => boolean = () => false): string | undefined {
    let plan: unknown;
    try {
        plan = typeof input === "string" ? JSON.parse(input) : undefined;
    } catch {
        return undefined;
    }
    const targets = typeof plan === "object" && plan !== null ? (plan as { targets?: unknown }).targets : undefined;
    if (!Array.isArray(targets)) {
        return undefined;
    }
    const reports = targets.map((t: { functionName?: unknown; qualifier?: unknown; concurrency?: unknown }) => {
        const functionName = typeof t.functionName === "string" ? t.functionName : "";
        const { name, qualifier } = plainTarget(functionName, typeof t.qualifier === "string" ? t.qualifier : undefined);
        const requested = typeof t.concurrency === "number" ? t.concurrency : 1;
        const broken = failing(name, qualifier);
        return {
            target: functionName,
            functionName: name,
            qualifier,
            skipped: null,
            requested,
            instancesReached: broken ? 0 : requested,
            coldInstances: broken ? 0 : requested,
            errors: broken ? requested : 0,
            throttles: 0,
            unrecognizedReplies: 0,
            durationMs: 0,
            errorSamples: broken ? ["Unhandled: Runtime.InitError: the function's initialization failed"] : [],
        };
    });
    return JSON.stringify({ warmupId: "warmup-offline", durationMs: 0, problems: [], targets: reports });
}
