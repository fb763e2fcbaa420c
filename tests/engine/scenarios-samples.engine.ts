// The engine scenarios of the group "samples" (scenarios.ts), under the real engine and the model (scenario-spec.ts).
import { describeScenarios } from "./scenario-spec";

describeScenarios("samples");
