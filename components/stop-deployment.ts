// Stopping a deployment from an Output-time check, so that the engine deletes nothing. A program error alone is not
// enough: the Automation API's inline programs tell the engine the program is complete before they report its errors,
// and the engine then deletes what was not registered (an alias that waits for the check) and what a replacement left
// to delete (the live version's configuration): tests/engine/program-errors.engine.ts. A step that fails cancels the
// deployment, deletes included, under every language host: so read a resource that cannot exist. The message goes
// first, delivered: the failed read ends the deployment before the program's own error is shown.
import * as pulumi from "@pulumi/pulumi";
import { ProvisionedConcurrencyConfig } from "@pulumi/aws/lambda";
import { OutputCheckError } from "./checked-input";

/**
 * Logs `problem` as an error of `component`, reads a provisioned concurrency configuration named `readName` whose id
 * (`impossibleId`, not of the `function,qualifier` form Lambda has) cannot exist, and throws the check's error.
 */
export async function stopDeployment(component: pulumi.Resource, readName: string, impossibleId: string, problem: string): Promise<never> {
    await pulumi.log.error(problem, component);
    ProvisionedConcurrencyConfig.get(readName, impossibleId, undefined, { parent: component });
    throw new OutputCheckError(problem, component);
}
