// Every sample program, by the name that `pulumi up -c scenario=NAME` and `npm run plan -- NAME` take.
import { fixedScenario } from "./fixed";
import { helloApiScenario } from "./hello-api";
import { scheduledScenario } from "./scheduled";
import { utilizationScenario } from "./utilization";
import { businessHoursScenario } from "./business-hours";
import { warmerScenario } from "./warmer";
import { rolloutScenario } from "./rollout";

export type Scenario = () => Record<string, unknown>;

export const DEFAULT_SCENARIO = "hello-api";

export const SCENARIOS: Readonly<Record<string, { describe: string; run: Scenario }>> = {
    "hello-api": {
        describe: "an HTTP API in front of a function's `live` alias with 2 provisioned environments",
        run: helloApiScenario,
    },
    fixed: { describe: "a published function version with 2 provisioned environments", run: fixedScenario },
    scheduled: { describe: "10 provisioned environments by day, 2 by night, on an alias", run: scheduledScenario },
    utilization: { describe: "1 to 10 provisioned environments tracking 80% utilization", run: utilizationScenario },
    "business-hours": {
        describe: "10-50 environments on weekday business hours, 1-5 otherwise, tracking 70% inside",
        run: businessHoursScenario,
    },
    warmer: { describe: "a function kept warm by a LambdaWarmer: 3 instances every 5 minutes", run: warmerScenario },
    rollout: {
        describe: "an alias whose new versions go live warm (2 environments each): change config `revision` to ship one",
        run: rolloutScenario,
    },
};
