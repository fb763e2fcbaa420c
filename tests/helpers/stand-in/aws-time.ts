// Time passing in the stand-in account: what AWS does on its own between two instants, in time order.
// - Application Auto Scaling runs the scheduled actions due (cron and at() on the wall clock of the action's time
//   zone, within StartTime/EndTime, components/schedule/occurrences.ts; rate from StartTime, else from creation) with
//   AwsModel.runScheduledAction.
// - EventBridge fires the scheduled rules that are ENABLED (rate from creation, one period after it: EventBridge user
//   guide, "Creating a rule that runs on a schedule" documents regular intervals, not the first run's offset, so the
//   stand-in takes the latest; cron in UTC) and invokes each Lambda target with the target's Input, if the function's
//   resource policy lets this rule invoke it (EventBridge user guide, "Using resource-based policies for Amazon
//   EventBridge": Lambda targets need a permission for events.amazonaws.com). A target whose code exports
//   createWarmerHandler (runtime/warmer-function.js) runs that code here, with its LambdaClient pointed at the
//   stand-in's Invoke endpoint, as tests/runtime/warmer-e2e.test.ts runs it; the lines it logs are written to the
//   function's log group (its loggingConfig, else /aws/lambda/NAME), where FilterLogEvents finds them. Any other
//   target is invoked through the endpoint.
// Nothing else happens: target tracking's alarms are not played (no metrics, no scale-in when idle).
import { createRequire } from "node:module";
import { InvokeCommand, LambdaClient } from "@aws-sdk/client-lambda";
import { plainFunctionName } from "../lifecycle/aws-model";
import { TYPES } from "../lifecycle/types";
import { occurrencesBetween } from "../../../components/schedule/occurrences";
import { parseScheduleExpression } from "../../../components/schedule/parse";
import type { StandInContext } from "./aws-endpoint";
import { ruleArn } from "./events-service";
import { writeFunctionLines } from "./lambda-service";
import { STAND_IN_CREDENTIALS } from "./wire";

/** Something AWS does at an instant. */
interface Happening {
    readonly at: number;
    readonly order: number;
    readonly what: string;
    readonly act: () => Promise<string>;
}

const load = createRequire(__filename);

/** The instants in (fromMs, toMs] at which a schedule fires; rate counts from `originMs` (the first run one period after). */
export function firingsBetween(expression: string, timezone: string, window: { startTime?: string; endTime?: string }, originMs: number, fromMs: number, toMs: number): number[] {
    const parsed = parseScheduleExpression(expression, { allow: ["cron", "rate", "at"] });
    if (parsed.kind === "rate") {
        const start = window.startTime === undefined ? originMs + parsed.intervalMs : Date.parse(window.startTime);
        const end = window.endTime === undefined ? Infinity : Date.parse(window.endTime);
        const result: number[] = [];
        let k = Math.max(0, Math.ceil((fromMs + 1 - start) / parsed.intervalMs));
        for (let t = start + k * parsed.intervalMs; t <= toMs && t <= end; t = start + ++k * parsed.intervalMs) {
            result.push(t);
        }
        return result;
    }
    return occurrencesBetween(expression, new Date(fromMs + 1), new Date(toMs + 1), timezone, window).map((d) => d.getTime());
}

function text(value: unknown): string | undefined {
    return typeof value === "string" && value !== "" ? value : undefined;
}

/** Plays AWS between two instants; `happened` lists what it did, in order. */
export class StandInTime {
    public readonly happened: string[] = [];

    constructor(
        private readonly ctx: StandInContext,
        private readonly setNow: (at: Date) => void,
        /** The stand-in's endpoint, where the functions it runs send their Invoke calls. */
        private readonly endpointUrl: string,
    ) {}

    /** Lets time pass from now to `to`, running what falls due on the way. */
    public async passUntil(to: Date): Promise<void> {
        const from = this.ctx.now().getTime();
        for (const h of this.due(from, to.getTime())) {
            this.setNow(new Date(h.at));
            this.happened.push(`${new Date(h.at).toISOString()} ${h.what}: ${await h.act()}`);
        }
        this.setNow(to);
    }

    private due(fromMs: number, toMs: number): Happening[] {
        const { aws } = this.ctx;
        const happenings: Happening[] = [];
        let order = 0;
        for (const action of aws.scheduledActionDetails()) {
            const schedule = text(action.props.schedule);
            if (schedule === undefined) {
                continue;
            }
            const origin = this.ctx.createdAt(`action:${action.resourceId}|${action.name}`).getTime();
            const window = { startTime: text(action.props.startTime), endTime: text(action.props.endTime) };
            for (const at of firingsBetween(schedule, text(action.props.timezone) ?? "UTC", window, origin, fromMs, toMs)) {
                happenings.push({
                    at,
                    order: order++,
                    what: `scheduled action ${action.name} on ${action.resourceId}`,
                    act: () => Promise.resolve(this.runAction(action.resourceId, action.name)),
                });
            }
        }
        for (const { props } of aws.objectsOfType(TYPES.eventRule)) {
            const name = String(props.name);
            const schedule = text(props.scheduleExpression);
            if (schedule === undefined || (props.state ?? "ENABLED") !== "ENABLED") {
                continue;
            }
            const origin = this.ctx.createdAt(`rule:${name}`).getTime();
            for (const at of firingsBetween(schedule, "UTC", {}, origin, fromMs, toMs)) {
                happenings.push({ at, order: order++, what: `rule ${name}`, act: () => this.fireRule(name) });
            }
        }
        return happenings.sort((a, b) => a.at - b.at || a.order - b.order);
    }

    private runAction(resourceId: string, name: string): string {
        const { aws } = this.ctx;
        if (!aws.scheduledActionDetails().some((a) => a.resourceId === resourceId && a.name === name)) {
            return "gone before it ran";
        }
        const first = aws.scalingActivities.length;
        aws.runScheduledAction(resourceId, name);
        const activities = aws.scalingActivities.slice(first);
        const bounds = aws.scalableTarget(resourceId);
        const outcome = activities.map((a) => `${a.status} (capacity ${a.desiredCapacity}${a.status === "Failed" ? `: ${a.cause}` : ""})`).join(", ");
        return `bounds ${bounds?.minCapacity ?? "?"}-${bounds?.maxCapacity ?? "?"}${outcome === "" ? "" : `; ${outcome}`}`;
    }

    private async fireRule(rule: string): Promise<string> {
        const { aws } = this.ctx;
        const targets = aws.objectsOfType(TYPES.eventTarget).filter((t) => t.props.rule === rule);
        const outcomes: string[] = [];
        for (const { props } of targets) {
            const arn = String(props.arn);
            const match = /^arn:[^:]+:lambda:[^:]+:\d{12}:function:([^:]+)(?::(.+))?$/.exec(arn);
            if (match === null) {
                outcomes.push(`${String(props.targetId)}: the stand-in invokes only Lambda targets, not ${arn}`);
                continue;
            }
            const [, functionName, qualifier] = match;
            if (!this.mayInvoke(functionName, rule)) {
                // EventBridge counts a FailedInvocation; nothing runs.
                outcomes.push(`${String(props.targetId)}: not invoked (${functionName} has no permission for this rule)`);
                continue;
            }
            const event: unknown = typeof props.input === "string" ? JSON.parse(props.input) : { source: "aws.events", "detail-type": "Scheduled Event", resources: [ruleArn(this.ctx, rule)] };
            outcomes.push(`${String(props.targetId)}: ${await this.invoke(functionName, qualifier, event)}`);
        }
        return outcomes.length === 0 ? "no targets" : outcomes.join("; ");
    }

    /** The function's resource policy lets events.amazonaws.com invoke it from this rule (or from any source). */
    private mayInvoke(functionName: string, rule: string): boolean {
        return this.ctx.aws.objectsOfType(TYPES.permission).some(({ props }) => {
            const fn = text(props.function);
            const source = text(props.sourceArn);
            return (
                fn !== undefined &&
                plainFunctionName(fn) === functionName &&
                props.principal === "events.amazonaws.com" &&
                (props.action === "lambda:InvokeFunction" || props.action === "lambda:*") &&
                (source === undefined || source === ruleArn(this.ctx, rule))
            );
        });
    }

    /**
     * Runs a function for a rule. Its code is loaded once for the run and given a LambdaClient pointed at the
     * stand-in, with the code's own client configuration when it has one (the warmer's: no retries, enough sockets).
     */
    private async invoke(functionName: string, qualifier: string | undefined, event: unknown): Promise<string> {
        const configuration = this.ctx.aws.functionConfiguration(functionName);
        if (configuration === undefined) {
            return `${functionName} does not exist`;
        }
        const code = this.ctx.code.materialize(functionName, configuration);
        const module = loadFresh(code.handlerModule) as DeployedCode;
        const client = new LambdaClient({
            maxAttempts: 1,
            ...(module.lambdaClientConfig?.() ?? {}),
            endpoint: this.endpointUrl,
            region: this.ctx.region,
            credentials: STAND_IN_CREDENTIALS,
        });
        try {
            if (typeof module.createWarmerHandler !== "function") {
                const reply = await client.send(new InvokeCommand({ FunctionName: functionName, Qualifier: qualifier, Payload: Buffer.from(JSON.stringify(event)) }));
                return `${functionName} invoked (${reply.StatusCode ?? "?"}${reply.FunctionError === undefined ? "" : `, ${reply.FunctionError}`})`;
            }
            const lines: string[] = [];
            const handler = module.createWarmerHandler({ lambdaClient: client, log: (line) => lines.push(line) });
            const arn = `arn:aws:lambda:${this.ctx.region}:${this.ctx.accountId}:function:${functionName}${qualifier === undefined ? "" : `:${qualifier}`}`;
            const result = await handler(event, { invokedFunctionArn: arn });
            const group = writeFunctionLines(this.ctx, functionName, "$LATEST", lines, code.key.slice(0, 32));
            return `${functionName} ran: ${result.targets.map((t) => `${t.instancesReached} of ${t.requested} instances reached`).join(", ")}; ${lines.length} line(s) logged to ${group}`;
        } finally {
            client.destroy();
        }
    }
}

/** What the stand-in uses of a function's code when a rule runs it (runtime/warmer-function.js exports both). */
interface DeployedCode {
    lambdaClientConfig?: () => Record<string, unknown>;
    createWarmerHandler?: (options: { lambdaClient: LambdaClient; log: (line: string) => void }) => (
        event: unknown,
        context: { invokedFunctionArn: string },
    ) => Promise<{ targets: { instancesReached: number; requested: number }[] }>;
}

/** Requires a module afresh (the deployed code of a function run once), leaving no copy in the require cache. */
function loadFresh(file: string): unknown {
    delete load.cache[file];
    try {
        return load(file);
    } finally {
        delete load.cache[file];
    }
}
