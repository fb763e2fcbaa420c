// The engine scenarios of the group "changes of mind" (scenarios.ts), under the real engine and the model (scenario-spec.ts).
import { describeScenarios } from "./scenario-spec";

describeScenarios("changes of mind");
