import { expect } from "chai";
import { businessHoursTraffic } from "../../advisor";
import { DEFAULT_OFFICE_HOURS, inOfficeHours, officeHours, parseClockTime, parseDayList } from "../../advisor/office-hours";

const HOUR_MS = 3_600_000;
const WEEK_MS = 7 * 24 * HOUR_MS;

describe("advisor: office hours of the business-hours shape", () => {
    it("reads times of day, with 24:00 only as a closing time", () => {
        expect(parseClockTime("09:00", false)).to.equal(540);
        expect(parseClockTime("9:30", false)).to.equal(570);
        expect(parseClockTime("24:00", true)).to.equal(1440);
        expect(() => parseClockTime("24:00", false)).to.throw('must be a time HH:MM from 00:00 to 23:59, got "24:00"');
        expect(() => parseClockTime("24:01", true)).to.throw('must be a time HH:MM from 00:00 to 24:00, got "24:01"');
        expect(() => parseClockTime("09:60", false)).to.throw('got "09:60"');
        expect(() => parseClockTime("9h", false)).to.throw('got "9h"');
    });

    it("reads days and ranges of days, Monday first", () => {
        expect(parseDayList("MON-FRI")).to.deep.equal([0, 1, 2, 3, 4]);
        expect(parseDayList("mon-fri,sat")).to.deep.equal([0, 1, 2, 3, 4, 5]);
        expect(parseDayList("SUN,MON")).to.deep.equal([0, 6]);
        expect(parseDayList("TUE-TUE,TUE")).to.deep.equal([1]);
        expect(() => parseDayList("FRI-MON")).to.throw("the range FRI-MON goes backwards through the week (Monday first)");
        expect(() => parseDayList("MON-FRIDAY")).to.throw(
            'must be days MON to SUN, single or as ranges, comma-separated (e.g. "MON-FRI" or "MON-FRI,SAT"), got "MON-FRIDAY"',
        );
        expect(() => parseDayList("")).to.throw('got ""');
    });

    it("closes after it opens, on the same day", () => {
        expect(officeHours(540, 1080, [0])).to.deep.equal({ openMinute: 540, closeMinute: 1080, days: [0] });
        expect(() => officeHours(540, 540, [0])).to.throw("must be after the opening time (09:00), got 09:00: office hours end on the day they start");
    });

    it("places a minute of the week in or out of the hours", () => {
        const hours = officeHours(570, 1050, [0, 5]); // 09:30-17:30, Monday and Saturday
        expect(inOfficeHours(hours, 569)).to.equal(false);
        expect(inOfficeHours(hours, 570)).to.equal(true);
        expect(inOfficeHours(hours, 1049)).to.equal(true);
        expect(inOfficeHours(hours, 1050)).to.equal(false);
        expect(inOfficeHours(hours, 1440 + 600)).to.equal(false); // Tuesday
        expect(inOfficeHours(hours, 5 * 1440 + 600)).to.equal(true); // Saturday
    });

    it("shapes the week: hourly segments on the hour, per-minute ones otherwise", () => {
        const usual = businessHoursTraffic(25, 1, WEEK_MS);
        expect(usual).to.deep.equal(businessHoursTraffic(25, 1, WEEK_MS, DEFAULT_OFFICE_HOURS));
        expect(usual.segmentMs).to.equal(HOUR_MS);
        const nine = businessHoursTraffic(25, 1, WEEK_MS, officeHours(540, 1080, [0, 1, 2, 3, 4]));
        expect(nine.segmentMs).to.equal(HOUR_MS);
        expect(Array.from(nine.ratesPerSecond.slice(0, 24))).to.deep.equal([...new Array<number>(9).fill(1), ...new Array<number>(9).fill(25), ...new Array<number>(6).fill(1)]);
        expect(Array.from(nine.ratesPerSecond.slice(5 * 24, 7 * 24)).every((rate) => rate === 1)).to.equal(true);
        const half = businessHoursTraffic(25, 1, WEEK_MS, officeHours(570, 1050, [0]));
        expect(half.segmentMs).to.equal(60_000);
        expect(half.ratesPerSecond.length).to.equal(7 * 1440);
        expect([half.ratesPerSecond[569], half.ratesPerSecond[570], half.ratesPerSecond[1049], half.ratesPerSecond[1050]]).to.deep.equal([1, 25, 25, 1]);
    });
});
