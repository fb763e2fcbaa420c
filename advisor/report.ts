/**
 * The readable comparison: a table of the strategies, their monthly costs, and the recommendation.
 */
import { Advice, Assumptions, StrategyReport } from "./advice";
import { formatPercent } from "./goal-check";
import { WEEKDAYS } from "./defaults";

/** Formats the advice as plain text for a terminal (no colours, so that it can be piped and diffed). */
export function formatAdvice(advice: Advice): string {
    const lines: string[] = [];
    const hours = advice.periodMs / 3_600_000;
    const perHour = hours >= 1 ? `, ${Math.round(advice.requests / hours).toLocaleString("en-US")} an hour` : "";
    lines.push(
        `Simulated ${formatPeriod(advice.periodMs)} (${advice.requests.toLocaleString("en-US")} requests${perHour}); ` +
            `costs are per month of 730 hours, ${advice.pricing.architecture}, us-east-1 prices.`,
    );
    lines.push(`Break-even utilization of provisioned concurrency: ${(advice.pricing.breakEvenUtilization * 100).toFixed(1)}%.`);
    lines.push(assumptionsLine(advice.assumptions));
    lines.push("");
    lines.push(
        table(
            ["strategy", "configuration", "cold starts", "worst hour", "p50", "p95", "p99", "max", "$/month", "PC util", "spillover", "goal"],
            advice.strategies.map((strategy) => [
                strategy.name,
                strategy.configuration,
                `${strategy.coldStarts.toLocaleString("en-US")} (${formatPercent(strategy.coldStartFraction)})`,
                worstHourText(strategy, advice),
                ms(strategy.latencyMs.p50),
                ms(strategy.latencyMs.p95),
                ms(strategy.latencyMs.p99),
                ms(strategy.latencyMs.max),
                money(strategy.monthlyCost.total),
                hasProvisioned(strategy) ? `${(strategy.provisionedUtilization * 100).toFixed(0)}%` : "-",
                hasProvisioned(strategy) ? strategy.spillover.toLocaleString("en-US") : "-",
                strategy.meetsGoal ? "met" : "missed",
            ]),
            [false, false, true, true, true, true, true, true, true, true, true, false],
        ),
    );
    lines.push("");
    lines.push("Monthly cost breakdown ($):");
    lines.push(
        table(
            ["strategy", "requests", "duration", "provisioned", "warmer", "snapstart", "total"],
            advice.strategies.map((strategy) => [
                strategy.name,
                money(strategy.monthlyCost.requests),
                money(strategy.monthlyCost.duration),
                money(strategy.monthlyCost.provisioned),
                money(strategy.monthlyCost.warmer),
                money(strategy.monthlyCost.snapStart),
                money(strategy.monthlyCost.total),
            ]),
            [false, true, true, true, true, true, true],
        ),
    );
    const throttled = advice.strategies.filter((strategy) => strategy.throttled > 0);
    if (throttled.length > 0) {
        lines.push("");
        lines.push(`Throttled (scale-up rate or concurrency limit): ${throttled.map((s) => `${s.name} ${s.throttled}`).join(", ")}.`);
    }
    lines.push("");
    const recommendation = advice.recommendation;
    lines.push(`${recommendation.goalMet ? "Recommendation" : "Goal unreachable"}: ${recommendation.summary}`);
    if (recommendation.component) {
        lines.push(`new ${recommendation.component}("name", ${JSON.stringify(recommendation.args, null, 2)});`);
    } else if (recommendation.strategy === "snapstart") {
        lines.push(`new aws.lambda.Function("name", { /* your settings */ publish: true, snapStart: { applyOn: "PublishedVersions" } });`);
    }
    if (advice.deploys !== undefined) {
        const d = advice.deploys;
        lines.push(
            `Deploys: ${d.perDay} a day, ${d.count} in the period, every strategy simulated through them. On the fixed level (${d.provisioned} provisioned): ` +
                `${d.coldStartsWarmRollout} cold starts in the ${d.windowMinutes} minutes after the deploys with the warm rollout (WarmAlias), ` +
                `${d.coldStartsMovedAtOnce} with the alias moved to each new version at once; the two versions' overlap costs $${d.overlapPerMonth.toFixed(2)} a month.`,
        );
    }
    const snapStart = advice.strategies.find((s) => s.name === "snapstart");
    if (snapStart !== undefined && recommendation.strategy !== "snapstart" && snapStart.meetsGoal) {
        lines.push(`SnapStart also meets the goal, for $${snapStart.monthlyCost.total.toFixed(2)} a month; it excludes provisioned concurrency on the same version.`);
    }
    return lines.join("\n") + "\n";
}

/** The numbers the results rest on, in one line, so that a wrong one is seen before the results are trusted. */
export function assumptionsLine(a: Assumptions): string {
    const minutes = (ms: number): string => (ms % 3_600_000 === 0 ? `${ms / 3_600_000} h` : `${Number((ms / 60_000).toFixed(2))} min`);
    const prices = a.pricesOverridden ? `prices ${a.pricesRegion} (read ${a.pricesReadOn}) with your overrides` : `prices ${a.pricesRegion}, read ${a.pricesReadOn}`;
    return (
        `Assumed: init ${a.initMs} ms (${a.initSource}); idle environments recycled after ${minutes(a.idleTimeoutMs)}, every ` +
        `environment after ${minutes(a.maxLifetimeMs)}; provisioned capacity ready ${minutes(a.allocationDelayMs)} after it is set; ${prices}` +
        (a.restoreMs === undefined ? "" : `; SnapStart restores ${a.restoreMs} ms (${a.restoreSource})`) +
        (a.timezone === "UTC" ? "." : `; hours and schedules in ${a.timezone}.`)
    );
}

/**
 * The worst clock hour's cold starts and when it starts (on the traffic's wall clock: UTC unless a time zone was
 * given), e.g. "41 at Mon 08:00": what a goal over the whole
 * period hides. "-" for a period shorter than an hour, where the worst hour is the whole period.
 */
export function worstHourText(strategy: StrategyReport, advice: Pick<Advice, "periodMs" | "chart">): string {
    const worst = strategy.worstHour;
    if (worst === null || advice.periodMs < 3_600_000) return "-";
    if (worst.coldStarts === 0) return "0";
    const minuteOfWeek = (((advice.chart.startMinuteOfWeek + Math.max(0, worst.startMs) / 60_000) % 10_080) + 10_080) % 10_080;
    const day = WEEKDAYS[Math.floor(minuteOfWeek / 1440)];
    const hour = String(Math.floor((minuteOfWeek % 1440) / 60)).padStart(2, "0");
    return `${worst.coldStarts.toLocaleString("en-US")} at ${day} ${hour}:00`;
}

function hasProvisioned(strategy: StrategyReport): boolean {
    return strategy.name === "fixed" || strategy.name === "scheduled" || strategy.name === "tracking";
}

/** A text table with columns padded to their widest cell; numeric columns right-aligned. */
export function table(header: readonly string[], rows: readonly (readonly string[])[], rightAligned: readonly boolean[]): string {
    const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => row[column].length)));
    const pad = (cell: string, column: number): string =>
        rightAligned[column] ? cell.padStart(widths[column]) : cell.padEnd(widths[column]);
    const format = (row: readonly string[]): string => row.map(pad).join("  ").trimEnd();
    return [format(header), widths.map((width) => "-".repeat(width)).join("  "), ...rows.map(format)].join("\n");
}

function ms(value: number): string {
    return value >= 100 ? `${Math.round(value)} ms` : `${value.toFixed(1)} ms`;
}

function money(value: number): string {
    return value.toFixed(2);
}

export function formatPeriod(periodMs: number): string {
    const seconds = periodMs / 1000;
    if (seconds < 120) return `${Number(seconds.toFixed(1))} s`;
    const hours = seconds / 3600;
    if (hours < 48) return `${Number(hours.toFixed(2))} h`;
    return `${Number((hours / 24).toFixed(2))} days`;
}
