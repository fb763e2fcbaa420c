import { expect } from "chai";
import { businessHoursTraffic, simulate } from "../../advisor";
import { breakEvenUtilization, pricesFor } from "../../aws-facts/pricing";
import { WEEK_MS } from "../../advisor/defaults";
import { GoalCheck } from "../../advisor/goal-check";
import { hourLevel, hourlyNeeds, ProfileRecorder } from "../../advisor/on-demand-profile";
import { scheduleCycle, slotOf, stepsFromLevels } from "../../advisor/schedule-plan";

/**
 * Under a per-hour goal, hours of one load share the level of their worst clock hour (issue 20, item 6): taken hour
 * by hour, the morning's first hour needed many environments and the quiet ones after it few, so a schedule followed
 * every hour (51 scheduled actions) and dropped capacity mid-morning, missing the goal it was sized for.
 */
describe("advisor: what each hour of the schedule needs under a per-hour goal", () => {
    const traffic = businessHoursTraffic(25, 1, WEEK_MS);
    const fn = { memoryMb: 1024, initMs: 2500, duration: { medianMs: 300, p95Ms: 366 } };
    const cycle = scheduleCycle(WEEK_MS, 0);
    const recorder = new ProfileRecorder(cycle, 0, undefined);
    const onDemand = simulate({ traffic, fn, plan: { initialCapacity: 0 }, seed: 1, onColdStart: recorder.observe });
    const check = new GoalCheck({ maxColdStartsPerHour: 2 }, 0, onDemand.requests);
    const profile = recorder.profile(onDemand, check);
    const { needs } = hourlyNeeds(profile, check, breakEvenUtilization(pricesFor("x86_64")), cycle);
    const officeSlots = needs.map((_, slot) => slot).filter((slot) => slot < 5 * 24 && slot % 24 >= 8 && slot % 24 < 18);

    it("gives the office hours one level, their worst clock hour's", () => {
        const byHour = profile.hours.map((hour, index) => ({ slot: slotOf(cycle, hour.startMs), level: hourLevel(profile, check, index) }));
        const officeLevels = byHour.filter((hour) => officeSlots.includes(hour.slot)).map((hour) => hour.level);
        // Alone, the clock hours of the same load ask for very different levels...
        expect(Math.min(...officeLevels)).to.be.lessThan(Math.max(...officeLevels) / 2);
        // ...pooled, every office hour gets the worst.
        expect(new Set(officeSlots.map((slot) => needs[slot]))).to.deep.equal(new Set([Math.max(...officeLevels)]));
    });

    it("so the steps follow the working day: up in the morning, down in the evening", () => {
        const steps = stepsFromLevels(needs);
        expect(steps.map((step) => step.startSlot)).to.deep.equal([8, 18, 32, 42, 56, 66, 80, 90, 104, 114]);
        expect(new Set(steps.map((step) => step.capacity)).size).to.equal(2);
    });
});
