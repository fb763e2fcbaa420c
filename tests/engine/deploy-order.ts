// What the deploy tests under the real engine share (warm-alias.engine.ts, prewarm.engine.ts): a stack on an account
// whose function `orders` has version 1, and where an AWS call falls in a deployment's calls.
import { expect } from "chai";
import { AwsModel } from "../helpers/lifecycle/aws-model";
import { EngineStack, StandInAccount } from "./harness";

/** A stand-in account with the function `orders` at version 1, and a new stack on it. */
export async function ordersStack(aws?: AwsModel): Promise<{ account: StandInAccount; stack: EngineStack }> {
    const account = new StandInAccount(aws);
    account.aws.addFunction("orders", { versions: ["1"] });
    return { account, stack: await EngineStack.create(account) };
}

/** The position of the first AWS call that starts with `prefix`; fails the test when there is none. */
export function callPosition(calls: string[], prefix: string): number {
    const index = calls.findIndex((call) => call.startsWith(prefix));
    expect(index, `${prefix} in ${JSON.stringify(calls)}`).to.be.at.least(0);
    return index;
}
