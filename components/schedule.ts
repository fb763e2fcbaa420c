// AWS schedule expressions: parse, validate, compute next occurrences, and build capacity timelines. This module is
// the one door to them; the work is done in components/schedule/, one idea per file:
//   types.ts        the errors and the public types (ParsedSchedule and its parts, ScheduleWindow)
//   parse.ts        parseScheduleExpression: cron, rate and at expressions
//   validate.ts     the validators: expressions, time zones (with a suggestion for a misspelt one), StartTime and
//                   EndTime, scheduled action names
//   calendar.ts     calendar and time-zone arithmetic: wall clocks, offsets, daylight saving time
//   occurrences.ts  nextOccurrences and occurrencesBetween: when a schedule fires, inside its window
//   timeline.ts     capacityTimeline and formatTimeline: a scalable target's min and max over a period; lastFiringAtOrBefore
//   describe.ts     describeSchedule: an expression in plain English
//
// Used by ScheduledConcurrency and UtilizationScaling (Application Auto Scaling scheduled actions), by LambdaWarmer
// (an EventBridge rule schedule) and by the offline plan. Pure functions: no Pulumi, no AWS, no dependencies.
//
// AWS documents consulted (each rule in components/schedule/ names the one it comes from):
// [PutScheduledAction]  Application Auto Scaling API Reference, PutScheduledAction
//                       https://docs.aws.amazon.com/autoscaling/application/APIReference/API_PutScheduledAction.html
//                       (the service model in boto/botocore application-autoscaling/2016-02-06/service-2.json carries the
//                       same text plus the ScheduledActionName length and pattern)
// [AAS cron]            Application Auto Scaling User Guide, "Schedule recurring scaling actions using cron expressions"
//                       https://docs.aws.amazon.com/autoscaling/application/userguide/scheduled-scaling-using-cron-expressions.html
// [AAS scheduled]       Application Auto Scaling User Guide, "How scheduled scaling for Application Auto Scaling works"
//                       https://docs.aws.amazon.com/autoscaling/application/userguide/scheduled-scaling-policy-overview.html
// [AAS examples]        Application Auto Scaling User Guide, "Example scheduled actions for Application Auto Scaling"
//                       https://docs.aws.amazon.com/autoscaling/application/userguide/examples-scheduled-actions.html
// [EB cron], [EB rate]  Amazon EventBridge User Guide, cron and rate expression reference (the cron syntax that
//                       Application Auto Scaling points to)
//                       https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-scheduled-rule-pattern.html
// [EB Scheduler DST]    EventBridge Scheduler User Guide, "Schedule types", daylight saving time section
//                       https://docs.aws.amazon.com/scheduler/latest/UserGuide/schedule-types.html
// [EB PutRule]          EventBridge API, PutRule: ScheduleExpression is a string of at most 256 characters (service
//                       model boto/botocore events/2015-10-07/service-2.json, shape ScheduleExpression)
// [Provider]            Pulumi AWS provider, aws.appautoscaling.ScheduledAction (startTime/endTime are RFC 3339)
// [Provider TF]         terraform-provider-aws internal/service/appautoscaling/scheduled_action.go: start_time and
//                       end_time are validated with IsRFC3339Time and compared with suppressEquivalentTime ("The AWS
//                       API normalizes start_time and end_time to UTC ... to allow any timezone to be used")

export type {
    AtSchedule,
    CronDayOfMonth,
    CronDayOfWeek,
    CronSchedule,
    CronValues,
    LocalDateTime,
    ParsedSchedule,
    RateSchedule,
    ScheduleExpressionOptions,
    ScheduleKind,
    ScheduleService,
    ScheduleWindow,
} from "./schedule/types";
export { ScheduleError } from "./schedule/types";
export { parseScheduleExpression } from "./schedule/parse";
export {
    validateScheduleExpression,
    validateScheduleTimes,
    validateScheduledActionName,
    validateTimezone,
} from "./schedule/validate";
export { nextOccurrences, occurrencesBetween } from "./schedule/occurrences";
export type { CapacityStep, CapacityTimelineOptions, TimelineSchedule } from "./schedule/timeline";
export { capacityTimeline, formatTimeline, lastFiringAtOrBefore } from "./schedule/timeline";
export { describeSchedule } from "./schedule/describe";
