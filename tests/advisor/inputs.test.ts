import { expect } from "chai";
import { InputError, parsePerMinuteCsv, parsePeriod, parseTrace, withPeriod } from "../../advisor";
import { minuteOfWeek } from "../../advisor/inputs";

describe("advisor inputs", () => {
    it("reads periods", () => {
        expect(parsePeriod("30s")).to.equal(30_000);
        expect(parsePeriod("2h")).to.equal(7_200_000);
        expect(parsePeriod("1d")).to.equal(86_400_000);
        expect(parsePeriod("7d")).to.equal(604_800_000);
        expect(parsePeriod("90m")).to.equal(5_400_000);
        expect(() => parsePeriod("7 days")).to.throw(InputError, 'got "7 days"');
        expect(() => parsePeriod("0s")).to.throw(InputError, "at least 1s");
    });

    it("places epoch times in the week, Monday 00:00 UTC being minute 0", () => {
        expect(minuteOfWeek(Date.parse("2026-11-23T00:00:00Z"))).to.equal(0); // a Monday
        expect(minuteOfWeek(Date.parse("2026-11-24T08:30:00Z"))).to.equal(1440 + 8 * 60 + 30);
        expect(minuteOfWeek(Date.parse("2026-11-29T23:59:00Z"))).to.equal(10079);
    });

    it("reads a one-column CSV of requests per minute", () => {
        const traffic = parsePerMinuteCsv("requests\n60\n120\n\n0\n");
        expect(Array.from(traffic.ratesPerSecond)).to.deep.equal([1, 2, 0]);
        expect(traffic.periodMs).to.equal(180_000);
    });

    it("reads requests per second when the header says rps", () => {
        const traffic = parsePerMinuteCsv("minute,rps\n0,5\n1,7\n");
        expect(Array.from(traffic.ratesPerSecond)).to.deep.equal([5, 7]);
    });

    it("fills the minutes a CloudWatch export leaves out with zeros and places the start in the week", () => {
        const csv = ["timestamp,count", "2026-11-24T08:00:00Z,600", "2026-11-24T08:01:00Z,60", "2026-11-24T08:04:00Z,120"].join("\n");
        const traffic = parsePerMinuteCsv(csv);
        expect(Array.from(traffic.ratesPerSecond)).to.deep.equal([10, 1, 0, 0, 2]);
        expect(traffic.startMinuteOfWeek).to.equal(1440 + 480);
    });

    it("reads a CSV newest first, as CloudWatch exports it, as the same traffic as oldest first", () => {
        const oldestFirst = ["timestamp,count", "2026-11-24T08:00:00Z,600", "2026-11-24T08:01:00Z,60", "2026-11-24T08:04:00Z,120"];
        const newestFirst = [oldestFirst[0], ...oldestFirst.slice(1).reverse()];
        const notes: string[] = [];
        const traffic = parsePerMinuteCsv(newestFirst.join("\n"), notes);
        expect(Array.from(traffic.ratesPerSecond)).to.deep.equal([10, 1, 0, 0, 2]);
        expect(traffic.startMinuteOfWeek).to.equal(1440 + 480);
        expect(traffic.periodMs).to.equal(300_000);
        expect(traffic).to.deep.equal(parsePerMinuteCsv(oldestFirst.join("\n")));
        expect(notes).to.deep.equal(["the rows run newest first (as CloudWatch exports them); they were read oldest first"]);
    });

    it("sorts rows out of time order, epoch seconds and minute indexes too, and says so", () => {
        const notes: string[] = [];
        const epoch = Date.parse("2026-11-24T08:00:00Z") / 1000;
        const traffic = parsePerMinuteCsv([`${epoch + 120},180`, `${epoch},60`, `${epoch + 60},120`].join("\n"), notes);
        expect(Array.from(traffic.ratesPerSecond)).to.deep.equal([1, 2, 3]);
        expect(traffic.startMinuteOfWeek).to.equal(1440 + 480);
        expect(notes).to.deep.equal(["the rows are not in time order; they were read sorted by time"]);
        expect(Array.from(parsePerMinuteCsv("minute,rps\n2,3\n0,1\n").ratesPerSecond)).to.deep.equal([1, 0, 3]);
    });

    it("says nothing of rows already in time order, and leaves one-column files in file order", () => {
        const notes: string[] = [];
        parsePerMinuteCsv("0,60\n1,60\n", notes);
        expect(Array.from(parsePerMinuteCsv("180\n60\n120\n", notes).ratesPerSecond)).to.deep.equal([3, 1, 2]);
        expect(notes).to.deep.equal([]);
    });

    it("refuses two rows in one minute, in any order, naming both lines", () => {
        expect(() => parsePerMinuteCsv("time,count\n2026-11-24T08:01:00Z,5\n2026-11-24T08:00:10Z,1\n2026-11-24T08:00:50Z,2\n")).to.throw(
            InputError,
            'line 4: "2026-11-24T08:00:50Z" is in the same minute as line 3 ("2026-11-24T08:00:10Z"); give one row per minute',
        );
    });

    it("refuses absolute times mixed with minute indexes, which sorting would put decades apart", () => {
        expect(() => parsePerMinuteCsv("2026-11-24T08:00:00Z,60\n5,60\n")).to.throw(InputError, "line 2: mixes absolute times and minute indexes");
        expect(() => parsePerMinuteCsv("5,60\n1764000000,60\n")).to.throw(InputError, "line 2: mixes absolute times and minute indexes");
    });

    it("names the line of a malformed CSV", () => {
        expect(() => parsePerMinuteCsv("60\nabc\n")).to.throw(InputError, 'line 2: rate must be a number, got "abc"');
        expect(() => parsePerMinuteCsv("60\n-1\n")).to.throw(InputError, "line 2: rate must be non-negative, got -1");
        expect(() => parsePerMinuteCsv("0,60\n1,60,3\n")).to.throw(InputError, "line 2: expected 2 columns");
        expect(() => parsePerMinuteCsv("1,60\n1,60\n")).to.throw(InputError, 'line 2: "1" is in the same minute as line 1 ("1"); give one row per minute');
        expect(() => parsePerMinuteCsv("yesterday,60\n")).to.throw(InputError, 'line 1: cannot read the time "yesterday"');
        expect(() => parsePerMinuteCsv("")).to.throw(InputError, "is empty");
        expect(() => parsePerMinuteCsv("a,b,c\n1,2,3\n")).to.throw(InputError, "expected 1 or 2 columns");
    });

    it("reads traces in seconds from the start, starting Monday 00:00", () => {
        const trace = parseTrace("0.5\n0\n2.25\n");
        expect(Array.from(trace.timestampsMs)).to.deep.equal([0, 500, 2250]);
        expect(trace.startMinuteOfWeek).to.equal(0);
    });

    it("reads traces of ISO timestamps from the minute of the first one", () => {
        const trace = parseTrace("timestamp\n2026-11-24T08:00:30Z\n2026-11-24T08:00:31.5Z\n");
        expect(Array.from(trace.timestampsMs)).to.deep.equal([30_000, 31_500]);
        expect(trace.startMinuteOfWeek).to.equal(1440 + 480);
        expect(trace.periodMs).to.equal(60_000);
    });

    it("cuts a trace at the period", () => {
        expect(Array.from(parseTrace("1\n2\n100\n", 60_000).timestampsMs)).to.deep.equal([1000, 2000]);
    });

    it("names the line of a bad timestamp", () => {
        expect(() => parseTrace("1\nsoon\n")).to.throw(InputError, 'line 2: cannot read the timestamp "soon"');
        expect(() => parseTrace("1\n1700000000\n")).to.throw(InputError, "line 2: mixes absolute and relative timestamps");
        expect(() => parseTrace("")).to.throw(InputError, "has no timestamps");
    });

    it("cuts or extends per-minute traffic to a period", () => {
        const traffic = parsePerMinuteCsv("60\n60\n60\n");
        expect(Array.from(withPeriod(traffic, 120_000).ratesPerSecond)).to.deep.equal([1, 1]);
        expect(Array.from(withPeriod(traffic, 300_000).ratesPerSecond)).to.deep.equal([1, 1, 1, 0, 0]);
    });
});
