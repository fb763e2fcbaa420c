// The Pulumi program of this repository (Pulumi.yaml's main): runs the sample picked by config `scenario`.
import * as pulumi from "@pulumi/pulumi";
import { DEFAULT_SCENARIO, SCENARIOS } from "./scenarios";

const scenario = new pulumi.Config().get("scenario") ?? DEFAULT_SCENARIO;
const picked = SCENARIOS[scenario];
if (picked === undefined) {
    throw new Error(`config scenario must be one of ${Object.keys(SCENARIOS).join(", ")}; got "${scenario}"`);
}

export = picked.run();
