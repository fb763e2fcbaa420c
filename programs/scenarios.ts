// Every sample program, by the name that `pulumi up -c scenario=NAME` and `npm run plan -- NAME` take.
import { fixedScenario } from "./fixed";
import { helloApiScenario } from "./hello-api";

export type Scenario = () => Record<string, unknown>;

export const DEFAULT_SCENARIO = "hello-api";

export const SCENARIOS: Readonly<Record<string, { describe: string; run: Scenario }>> = {
    "hello-api": {
        describe: "an HTTP API in front of a function's `live` alias with 2 provisioned environments",
        run: helloApiScenario,
    },
    fixed: { describe: "a published function version with 2 provisioned environments", run: fixedScenario },
};
