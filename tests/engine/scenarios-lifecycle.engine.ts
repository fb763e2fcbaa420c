// The engine scenarios of the group "removals, failures, refreshes" (scenarios.ts), under the real engine and the model (scenario-spec.ts).
import { describeScenarios } from "./scenario-spec";

describeScenarios("removals, failures, refreshes");
