// The engine scenarios of the group "random sequences" (random-sequences.ts), under the real engine and the model
// (scenario-spec.ts).
import { describeScenarios } from "./scenario-spec";

describeScenarios("random sequences");
