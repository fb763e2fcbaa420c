// `warmer`: a function kept warm by a LambdaWarmer: 3 instances pinged every 5 minutes. Its handler is wrapped with
// `withWarmup` from the runtime library (the lambda-concurrency-runtime package), so pings are answered without
// running the handler, each instance reporting its id and whether it was cold.
import { LambdaWarmer } from "../components";
import { runtimeLibraryAssets } from "./runtime-library";
import { helloFunction } from "./shared";

/** The handler, as a user writes it: the runtime library loads at the top, the handler is wrapped. */
const WARMED_HANDLER = `
const { withWarmup, coldStartInfo } = require("lambda-concurrency-runtime");
exports.handler = withWarmup(async (event) => {
    const start = coldStartInfo();
    return {
        statusCode: 200,
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ hello: "world", firstInvocation: start.firstInvocation, proactive: start.proactiveInitialization }),
    };
});
`;

export function warmerScenario(): Record<string, unknown> {
    const fn = helloFunction("warmed-fn", undefined, WARMED_HANDLER, runtimeLibraryAssets());
    const warmer = new LambdaWarmer("warmer", {
        targets: [{ functionName: fn.name, concurrency: 3 }],
        schedule: "rate(5 minutes)",
        // Alarms when runs reach fewer than 3 instances or pings fail, and a dashboard; no one notified (no topic).
        monitoring: {},
    });
    return {
        functionName: fn.name,
        warmerFunction: warmer.function.name,
        schedule: warmer.rules[0].scheduleExpression,
        dashboard: warmer.dashboard?.dashboardName,
    };
}
