// A scheduled action Application Auto Scaling will refuse: the components' own checks of its name, expression, time
// zone and StartTime/EndTime (components/schedule/validate.ts), on a hand-written aws.appautoscaling.ScheduledAction of
// Lambda provisioned concurrency.
import {
    validateScheduleExpression,
    validateScheduleTimes,
    validateScheduledActionName,
    validateTimezone,
} from "../../components/schedule/validate";
import { PolicyResourceData, ResourceRule, SCHEDULED_ACTION_TYPE, Violation, isProvisionedConcurrencyScaling, problemOf, stringProp } from "../resources";

export const scheduleRule: ResourceRule = {
    kind: "resource",
    name: "lambda-concurrency-schedule",
    description:
        "Scheduled actions of Lambda provisioned concurrency have a name, a cron, rate or at expression, a time zone and start and end times that Application Auto Scaling accepts.",
    enforcementLevel: "mandatory",
    check(resource: PolicyResourceData): Violation[] {
        if (resource.type !== SCHEDULED_ACTION_TYPE || !isProvisionedConcurrencyScaling(resource)) {
            return [];
        }
        const name = stringProp(resource, "name");
        const schedule = stringProp(resource, "schedule");
        const timezone = stringProp(resource, "timezone");
        const expressionProblem = schedule === undefined ? undefined : validateScheduleExpression(schedule);
        return [
            ...problemOf(resource, name === undefined ? undefined : validateScheduledActionName(name)),
            ...problemOf(resource, expressionProblem === undefined ? undefined : `schedule: ${expressionProblem}`),
            ...problemOf(resource, timezone === undefined ? undefined : validateTimezone(timezone)),
            ...problemOf(resource, validateScheduleTimes(stringProp(resource, "startTime"), stringProp(resource, "endTime"))),
        ];
    },
};
