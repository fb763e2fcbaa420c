import { expect } from "chai";
import { advise, formatAdvice, renderChart, steadyTraffic } from "../../advisor";
import { aggregateForChart, escapeXml, niceCeiling, timeTicks } from "../../advisor/chart";
import { formatPercent } from "../../advisor/goal-check";
import { formatPeriod, table } from "../../advisor/report";

const advice = advise({
    traffic: steadyTraffic(20, 30_000),
    fn: { memoryMb: 1024, architecture: "x86_64", initMs: 1200, duration: { medianMs: 175, p95Ms: 202 } },
    goal: { maxColdStartFraction: 0 },
});

describe("advisor report and chart", () => {
    it("prints one row per strategy, the cost breakdown and the recommendation with its arguments", () => {
        const text = formatAdvice(advice);
        for (const name of ["on-demand", "warmer", "fixed", "scheduled", "tracking"]) expect(text).to.match(new RegExp(`^${name} `, "m"));
        expect(text).to.include("Break-even utilization of provisioned concurrency: 60.0%.");
        expect(text).to.include("Monthly cost breakdown ($):");
        expect(text).to.match(/^Recommendation: Cheapest strategy that meets the goal \(at most 0% cold starts\)/m);
        expect(text).to.include('new FixedConcurrency("name", {');
        expect(text).to.include('"provisionedConcurrentExecutions": ');
    });

    it("aligns table columns", () => {
        const lines = table(["name", "n"], [["a", "1"], ["long name", "100"]], [false, true]).split("\n");
        expect(lines).to.deep.equal(["name         n", "---------  ---", "a            1", "long name  100"]);
    });

    it("formats small fractions and periods readably", () => {
        expect(formatPercent(0.001)).to.equal("0.1%");
        expect(formatPercent(0.000084)).to.equal("0.0084%");
        expect(formatPercent(0)).to.equal("0%");
        expect(formatPercent(0.25)).to.equal("25.0%");
        expect(formatPeriod(30_000)).to.equal("30 s");
        expect(formatPeriod(2 * 3_600_000)).to.equal("2 h");
        expect(formatPeriod(7 * 86_400_000)).to.equal("7 days");
    });

    it("draws a well-formed SVG with the three panels and the legend", () => {
        const svg = renderChart(advice.chart, "Compute Blog <test> & co");
        expect(svg.startsWith("<svg xmlns=\"http://www.w3.org/2000/svg\"")).to.equal(true);
        expect(svg.trimEnd().endsWith("</svg>")).to.equal(true);
        expect(svg).to.include("Compute Blog &lt;test&gt; &amp; co");
        for (const title of ["Requests per second", "Environments busy", "Cold starts per interval"]) expect(svg).to.include(title);
        // Every element that opens is closed or self-closing.
        const opened = (svg.match(/<(text|svg)\b/g) ?? []).length;
        const closed = (svg.match(/<\/(text|svg)>/g) ?? []).length;
        expect(opened).to.equal(closed);
        expect(svg).to.not.match(/NaN|undefined|Infinity/);
    });

    it("aggregates the series without losing requests or cold starts", () => {
        const series = aggregateForChart(advice.chart, 7);
        const sum = (values: ArrayLike<number>): number => Array.from(values).reduce((total, value) => total + value, 0);
        expect(sum(series.onDemandColdStarts)).to.equal(sum(advice.chart.onDemand.coldStarts));
        const requests = sum(Array.from(series.requestsPerSecond, (rate, point) => rate * Math.min(series.intervalMs, 30_000 - point * series.intervalMs) / 1000));
        expect(requests).to.be.closeTo(sum(advice.chart.arrivals), 1e-6);
        expect(Math.max(...series.provisioned)).to.equal(Math.max(...advice.chart.recommended.readyCapacity));
    });

    it("labels the time axis by day, hour or second", () => {
        expect(timeTicks(7 * 86_400_000, 0).map((tick) => tick.label)).to.deep.equal([
            "Mon 00:00", "Tue 00:00", "Wed 00:00", "Thu 00:00", "Fri 00:00", "Sat 00:00", "Sun 00:00", "Mon 00:00",
        ]);
        expect(timeTicks(86_400_000, 0)[1]).to.deep.equal({ atMs: 3 * 3_600_000, label: "03:00" });
        expect(timeTicks(30_000, 0).map((tick) => tick.label)).to.deep.equal(["0 s", "5 s", "10 s", "15 s", "20 s", "25 s", "30 s"]);
    });

    it("rounds axis maxima to readable numbers", () => {
        expect(niceCeiling(0)).to.equal(1);
        expect(niceCeiling(3.2)).to.equal(5);
        expect(niceCeiling(21)).to.equal(25);
        expect(niceCeiling(100)).to.equal(100);
        expect(escapeXml('"a"')).to.equal("&quot;a&quot;");
    });
});
