import { expect } from "chai";
import {
    cronAt,
    dayList,
    expandOverPeriod,
    groupActions,
    scheduleCycle,
    scheduledActions,
    slotOf,
    stepsFromLevels,
} from "../../advisor/schedule-plan";

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const WEEK = 7 * DAY;

// These helpers are generic: any level, 0 included. The scheduled search floors its levels at MIN_SCHEDULED_CAPACITY
// before it calls them (searches.ts), and tests/advisor/scheduled-floor.test.ts holds it to that.
describe("advisor schedules", () => {
    it("repeats weekly for periods of a week or more, daily otherwise", () => {
        expect(scheduleCycle(WEEK, 0).slots).to.equal(168);
        expect(scheduleCycle(DAY, 0).slots).to.equal(24);
        expect(scheduleCycle(30_000, 0).slots).to.equal(24);
        const cycle = scheduleCycle(WEEK, 1440 + 480); // starts Tuesday 08:00
        expect(slotOf(cycle, 0)).to.equal(24 + 8);
        expect(slotOf(cycle, 5 * DAY + 16 * HOUR)).to.equal(0); // wraps to Monday 00:00
    });

    it("merges hours into steps within a quarter of the lowest, and continues the last step into the first", () => {
        const levels = [2, 2, 2, 10, 11, 12, 10, 2, 2];
        expect(stepsFromLevels(levels)).to.deep.equal([
            { startSlot: 3, capacity: 12 },
            { startSlot: 7, capacity: 2 },
        ]);
        expect(stepsFromLevels([0, 1, 0])).to.deep.equal([
            { startSlot: 1, capacity: 1 },
            { startSlot: 2, capacity: 0 },
        ]);
        expect(stepsFromLevels([5, 5, 5])).to.deep.equal([{ startSlot: 0, capacity: 5 }]);
    });

    it("merges only while the highest exceeds the lowest by at most a quarter of it, rounded down", () => {
        // Below 4, a quarter rounds down to 0: small levels merge only with equal ones. Rounded up, it would let 1 merge
        // with 2, 2 with 3 and 3 with 4, and a step of the higher level pay for the extra environment in every hour.
        for (const [low, high] of [[1, 2], [2, 3], [3, 4], [4, 6], [7, 9], [8, 11], [17, 22]]) {
            expect(stepsFromLevels([low, high]), `${low} with ${high}`).to.deep.equal([
                { startSlot: 0, capacity: low },
                { startSlot: 1, capacity: high },
            ]);
        }
        // From 4 up, a quarter of the lowest: 4 and 7 take one more, 8 two, 20 five.
        for (const [low, high] of [[4, 5], [7, 8], [8, 10], [20, 25], [100, 125]]) {
            expect(stepsFromLevels([low, high, low]), `${low} with ${high}`).to.deep.equal([{ startSlot: 0, capacity: high }]);
        }
        // The whole step stays within a quarter of its lowest hour, not only neighbouring hours.
        expect(stepsFromLevels([4, 5, 6, 6])).to.deep.equal([
            { startSlot: 0, capacity: 5 },
            { startSlot: 2, capacity: 6 },
        ]);
        // 0 merges with 0 only (the helper is generic; the scheduled search never asks for less than 1).
        expect(stepsFromLevels([0, 1, 1])).to.deep.equal([
            { startSlot: 0, capacity: 0 },
            { startSlot: 1, capacity: 1 },
        ]);
    });

    it("keeps a night of 1 beside a day of 2 as two steps, not one step of 2 all day and night", () => {
        // A day of the scheduled search's levels for 20 requests a second 08:00-18:00 and nothing at night.
        const day = Array.from({ length: 24 }, (_, hour) => (hour >= 8 && hour < 18 ? 2 : 1));
        expect(stepsFromLevels(day)).to.deep.equal([
            { startSlot: 8, capacity: 2 },
            { startSlot: 18, capacity: 1 },
        ]);
    });

    it("gives unobserved hours the level before them", () => {
        expect(stepsFromLevels([NaN, 4, NaN, NaN, 9, NaN])).to.deep.equal([
            { startSlot: 1, capacity: 4 },
            { startSlot: 4, capacity: 9 },
        ]);
        expect(stepsFromLevels([NaN, NaN])).to.deep.equal([{ startSlot: 0, capacity: 0 }]);
    });

    it("writes AWS cron expressions with a ? in one of the day fields", () => {
        const weekly = scheduleCycle(WEEK, 0);
        expect(cronAt(0, weekly)).to.equal("cron(0 0 ? * MON *)");
        expect(cronAt(1440 + 8 * 60 + 58, weekly)).to.equal("cron(58 8 ? * TUE *)");
        expect(cronAt(10079, weekly)).to.equal("cron(59 23 ? * SUN *)");
        expect(cronAt(8 * 60, scheduleCycle(DAY, 0))).to.equal("cron(0 8 * * ? *)");
    });

    it("schedules increases early by the allocation lead and decreases on time", () => {
        const cycle = scheduleCycle(DAY, 0);
        const actions = scheduledActions(
            [
                { startSlot: 0, capacity: 2 },
                { startSlot: 8, capacity: 10 },
                { startSlot: 18, capacity: 2 },
            ],
            cycle,
            2,
        );
        expect(actions.map((action) => [action.schedule, action.capacity])).to.deep.equal([
            ["cron(0 0 * * ? *)", 2],
            ["cron(58 7 * * ? *)", 10],
            ["cron(0 18 * * ? *)", 2],
        ]);
        expect(new Set(actions.map((action) => action.name)).size).to.equal(actions.length);
    });

    it("wraps an early increase at midnight Monday back to Sunday", () => {
        const actions = scheduledActions(
            [
                { startSlot: 0, capacity: 9 },
                { startSlot: 1, capacity: 1 },
            ],
            scheduleCycle(WEEK, 0),
            2,
        );
        expect(actions.map((action) => action.schedule)).to.deep.equal(["cron(0 1 ? * MON *)", "cron(58 23 ? * SUN *)"]);
    });

    it("groups the same action on several days into one day list", () => {
        expect(dayList([0, 1, 2, 3, 4])).to.equal("MON-FRI");
        expect(dayList([0, 2, 4])).to.equal("MON,WED,FRI");
        expect(dayList([5, 6])).to.equal("SAT,SUN");
        expect(dayList([0, 1, 2, 4, 5, 6])).to.equal("MON-WED,FRI-SUN");
        const cycle = scheduleCycle(WEEK, 0);
        const steps = [];
        for (let day = 0; day < 5; day++) {
            steps.push({ startSlot: day * 24 + 8, capacity: 12 }, { startSlot: day * 24 + 18, capacity: 2 });
        }
        const grouped = groupActions(scheduledActions(steps, cycle, 2), cycle);
        expect(grouped.map((action) => [action.name, action.schedule, action.capacity])).to.deep.equal([
            ["mon-fri-0758", "cron(58 7 ? * MON-FRI *)", 12],
            ["mon-fri-1800", "cron(0 18 ? * MON-FRI *)", 2],
        ]);
    });

    it("expands actions over the period, with the capacity in force at its start", () => {
        const cycle = scheduleCycle(DAY, 12 * 60); // the period starts at noon
        const actions = scheduledActions(
            [
                { startSlot: 8, capacity: 10 },
                { startSlot: 18, capacity: 2 },
            ],
            cycle,
            0,
        );
        const { initialCapacity, capacityActions } = expandOverPeriod(actions, cycle, DAY);
        expect(initialCapacity).to.equal(10);
        expect(capacityActions).to.deep.equal([
            { atMs: 6 * HOUR, capacity: 2 },
            { atMs: 20 * HOUR, capacity: 10 },
        ]);
    });
});
