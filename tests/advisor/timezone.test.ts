import { expect } from "chai";
import { advise, businessHoursTraffic, ScheduledConcurrencyArgs } from "../../advisor";
import { minuteOfWeek, parsePerMinuteCsv, parseTrace } from "../../advisor/inputs";
import { nextOccurrences, validateSchedules } from "../../components";
import { AdviseIO, runAdvise } from "../../cli/advise";

const DAY = 24 * 3_600_000;

describe("advisor: time zones", () => {
    it("reads an instant on a zone's wall clock, with its DST offset", () => {
        // Monday 08:00 in Berlin: 06:00 UTC in summer (CEST), 07:00 UTC in winter (CET).
        expect(minuteOfWeek(Date.parse("2026-07-06T06:00:00Z"), "Europe/Berlin")).to.equal(8 * 60);
        expect(minuteOfWeek(Date.parse("2026-01-05T07:00:00Z"), "Europe/Berlin")).to.equal(8 * 60);
        expect(minuteOfWeek(Date.parse("2026-01-05T07:00:00Z"))).to.equal(7 * 60);
        // Sunday 23:30 in New York is Monday 04:30 UTC in winter.
        expect(minuteOfWeek(Date.parse("2026-01-05T04:30:00Z"), "America/New_York")).to.equal(6 * 1440 + 23 * 60 + 30);
    });

    it("places a CSV export and a trace in the week of the zone's wall clock", () => {
        const csv = "time,count\n2026-07-06T06:00:00Z,10\n2026-07-06T06:01:00Z,12\n";
        expect(parsePerMinuteCsv(csv, [], "Europe/Berlin").startMinuteOfWeek).to.equal(8 * 60);
        expect(parsePerMinuteCsv(csv).startMinuteOfWeek).to.equal(6 * 60);
        expect(parseTrace("2026-07-06T06:00:10Z\n2026-07-06T06:00:20Z\n", undefined, "Europe/Berlin").startMinuteOfWeek).to.equal(8 * 60);
    });

    describe("a business-hours week in Europe/Berlin", () => {
        const advice = advise({
            traffic: businessHoursTraffic(20, 2, 7 * DAY),
            fn: { memoryMb: 1024, architecture: "x86_64", initMs: 900, duration: { medianMs: 120, p95Ms: 300 } },
            strategies: ["scheduled"],
            goal: { maxColdStartFraction: 0.00002 },
            timezone: "Europe/Berlin",
            target: { functionName: "orders", qualifier: "live" },
        });
        const args = advice.strategies[0].args as ScheduledConcurrencyArgs;

        it("emits schedules that name the zone and pass the component's own checks", () => {
            expect(args.schedules.length).to.be.at.least(2);
            expect(args.schedules.every((s) => s.timezone === "Europe/Berlin")).to.equal(true);
            const checked = validateSchedules(
                args.schedules.map((s) => ({ ...s })),
                { required: true },
            );
            expect(checked).to.not.have.property("error");
            expect(advice.assumptions.timezone).to.equal("Europe/Berlin");
        });

        it("so the morning increase keeps its wall-clock time across DST: an hour earlier in UTC in summer", () => {
            const morning = args.schedules.find((s) => /^cron\(58 7 /.test(s.schedule));
            expect(morning, JSON.stringify(args.schedules)).to.not.equal(undefined);
            const [winter] = nextOccurrences(morning!.schedule, new Date("2026-01-04T00:00:00Z"), 1, "Europe/Berlin");
            const [summer] = nextOccurrences(morning!.schedule, new Date("2026-07-05T00:00:00Z"), 1, "Europe/Berlin");
            expect(winter.toISOString()).to.equal("2026-01-05T06:58:00.000Z");
            expect(summer.toISOString()).to.equal("2026-07-06T05:58:00.000Z");
        });
    });

    it("the command checks --timezone and says which zone the hours are in", async () => {
        let stdout = "";
        let stderr = "";
        const io: AdviseIO = {
            stdout: (t) => void (stdout += t),
            stderr: (t) => void (stderr += t),
            isTTY: false,
            writeFile: () => undefined,
            readFile: () => "",
        };
        const base = ["--rps", "20", "--period", "30s", "--init-ms", "900"];
        expect(await runAdvise([...base, "--timezone", "Europe/Berln"], io)).to.equal(2);
        expect(stderr).to.match(/--timezone: timezone "Europe\/Berln" is not an IANA time zone name; did you mean "Europe\/Berlin"\?/);
        expect(await runAdvise([...base, "--timezone", "America/New_York"], io)).to.equal(0);
        expect(stdout.split("\n")[2]).to.match(/; hours and schedules in America\/New_York\.$/);
    });
});
