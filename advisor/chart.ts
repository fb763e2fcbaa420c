/**
 * An SVG chart of the simulated period, written by hand (no dependency): three panels sharing the time axis:
 * the traffic (requests per second), the environments busy with on-demand and with the recommended strategy and the
 * latter's provisioned capacity, and the cold starts of both.
 */
import { ChartData } from "./advice";
import { DAY_MS, HOUR_MS, MINUTE_MS } from "./defaults";

/** At most this many points per line: enough for a week at 20-minute resolution, small enough to stay light. */
const MAX_POINTS = 504;

const WIDTH = 960;
const LEFT = 64;
const RIGHT = 24;
const PLOT_WIDTH = WIDTH - LEFT - RIGHT;
const PANEL_GAP = 34;
const PANELS = [
    { title: "Requests per second", height: 110 },
    { title: "Environments busy (peak per interval) and provisioned capacity", height: 150 },
    { title: "Cold starts per interval", height: 90 },
];
const TOP = 86;
const HEIGHT = TOP + PANELS.reduce((sum, panel) => sum + panel.height + PANEL_GAP, 0) + 20;

const COLORS = {
    traffic: "#4c6ef5",
    onDemand: "#868e96",
    recommended: "#1c7ed6",
    provisioned: "#2f9e44",
    coldOnDemand: "#adb5bd",
    coldRecommended: "#e03131",
};

/** Series of the chart, aggregated into at most MAX_POINTS intervals. */
export interface ChartSeries {
    readonly intervalMs: number;
    readonly requestsPerSecond: Float64Array;
    readonly onDemandBusy: Float64Array;
    readonly recommendedBusy: Float64Array;
    readonly provisioned: Float64Array;
    readonly onDemandColdStarts: Float64Array;
    readonly recommendedColdStarts: Float64Array;
}

/** Aggregates the per-bin series: sums for counts, maxima for peaks and capacity. */
export function aggregateForChart(data: ChartData, maxPoints = MAX_POINTS): ChartSeries {
    const bins = data.arrivals.length;
    const group = Math.max(1, Math.ceil(bins / maxPoints));
    const points = Math.ceil(bins / group);
    const series = {
        intervalMs: group * data.binMs,
        requestsPerSecond: new Float64Array(points),
        onDemandBusy: new Float64Array(points),
        recommendedBusy: new Float64Array(points),
        provisioned: new Float64Array(points),
        onDemandColdStarts: new Float64Array(points),
        recommendedColdStarts: new Float64Array(points),
    };
    for (let bin = 0; bin < bins; bin++) {
        const point = Math.floor(bin / group);
        series.requestsPerSecond[point] += data.arrivals[bin];
        series.onDemandBusy[point] = Math.max(series.onDemandBusy[point], data.onDemand.peakInFlight[bin]);
        series.recommendedBusy[point] = Math.max(series.recommendedBusy[point], data.recommended.peakInFlight[bin]);
        series.provisioned[point] = Math.max(series.provisioned[point], data.recommended.readyCapacity[bin]);
        series.onDemandColdStarts[point] += data.onDemand.coldStarts[bin];
        series.recommendedColdStarts[point] += data.recommended.coldStarts[bin];
    }
    for (let point = 0; point < points; point++) {
        const start = point * series.intervalMs;
        const width = Math.max(1, Math.min(series.intervalMs, data.periodMs - start));
        series.requestsPerSecond[point] /= width / 1000;
    }
    return series;
}

/** The whole SVG document. */
export function renderChart(data: ChartData, title: string): string {
    const series = aggregateForChart(data);
    const points = series.requestsPerSecond.length;
    const x = (point: number): number => LEFT + (points <= 1 ? 0 : (point / points) * PLOT_WIDTH);
    const parts: string[] = [];
    parts.push(
        `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${HEIGHT}" viewBox="0 0 ${WIDTH} ${HEIGHT}" font-family="Helvetica, Arial, sans-serif" font-size="11">`,
        `<rect width="${WIDTH}" height="${HEIGHT}" fill="#ffffff"/>`,
        `<text x="${LEFT}" y="22" font-size="15" font-weight="bold" fill="#212529">${escapeXml(title)}</text>`,
        legend(data),
    );
    let top = TOP;
    const busyMax = Math.max(maxOf(series.onDemandBusy), maxOf(series.recommendedBusy), maxOf(series.provisioned), 1);
    const coldMax = Math.max(maxOf(series.onDemandColdStarts), maxOf(series.recommendedColdStarts), 1);
    PANELS.forEach((panel, index) => {
        const bottom = top + panel.height;
        parts.push(`<text x="${LEFT}" y="${top - 8}" font-weight="bold" fill="#495057">${escapeXml(panel.title)}</text>`);
        if (index === 0) {
            const max = niceCeiling(maxOf(series.requestsPerSecond));
            parts.push(axes(top, bottom, max));
            parts.push(areaPath(series.requestsPerSecond, x, top, bottom, max, COLORS.traffic));
        } else if (index === 1) {
            const max = niceCeiling(busyMax);
            parts.push(axes(top, bottom, max));
            parts.push(stepPath(series.provisioned, x, top, bottom, max, COLORS.provisioned, 2, "4 0"));
            parts.push(stepPath(series.onDemandBusy, x, top, bottom, max, COLORS.onDemand, 1, "3 2"));
            parts.push(stepPath(series.recommendedBusy, x, top, bottom, max, COLORS.recommended, 1.2, "4 0"));
        } else {
            const max = niceCeiling(coldMax);
            parts.push(axes(top, bottom, max));
            parts.push(bars(series.onDemandColdStarts, x, top, bottom, max, COLORS.coldOnDemand, 0));
            parts.push(bars(series.recommendedColdStarts, x, top, bottom, max, COLORS.coldRecommended, 0.5));
        }
        parts.push(timeAxis(bottom, data.periodMs, data.startMinuteOfWeek));
        top = bottom + PANEL_GAP;
    });
    parts.push("</svg>");
    return parts.join("\n") + "\n";
}

function legend(data: ChartData): string {
    const items = [
        { color: COLORS.traffic, text: "requests/s" },
        { color: COLORS.onDemand, text: "on-demand: environments busy, cold starts" },
        { color: COLORS.recommended, text: `${data.recommended.name} (${data.recommended.configuration}): busy` },
        { color: COLORS.provisioned, text: "provisioned capacity" },
        { color: COLORS.coldRecommended, text: `${data.recommended.name}: cold starts` },
    ];
    // Two rows at most; the width of a label is estimated at 6.4 px a character (11 px Helvetica, or the wider DejaVu Sans that renderers fall back to).
    let x = LEFT;
    let y = 42;
    return items
        .map((item) => {
            const width = 24 + item.text.length * 6.4;
            if (x > LEFT && x + width > WIDTH - RIGHT) {
                x = LEFT;
                y += 17;
            }
            const label = `<rect x="${round(x)}" y="${y - 8}" width="10" height="10" fill="${item.color}"/><text x="${round(x + 14)}" y="${y + 1}" fill="#343a40">${escapeXml(item.text)}</text>`;
            x += width;
            return label;
        })
        .join("");
}

function axes(top: number, bottom: number, max: number): string {
    const lines: string[] = [];
    for (let i = 0; i <= 2; i++) {
        const value = (max * i) / 2;
        const y = bottom - ((bottom - top) * i) / 2;
        lines.push(`<line x1="${LEFT}" y1="${round(y)}" x2="${LEFT + PLOT_WIDTH}" y2="${round(y)}" stroke="#e9ecef"/>`);
        lines.push(`<text x="${LEFT - 6}" y="${round(y + 4)}" text-anchor="end" fill="#868e96">${formatNumber(value)}</text>`);
    }
    lines.push(`<line x1="${LEFT}" y1="${top}" x2="${LEFT}" y2="${bottom}" stroke="#adb5bd"/>`);
    return lines.join("");
}

function timeAxis(bottom: number, periodMs: number, startMinuteOfWeek: number): string {
    const ticks = timeTicks(periodMs, startMinuteOfWeek);
    return ticks
        .map(({ atMs, label }) => {
            const x = round(LEFT + (atMs / periodMs) * PLOT_WIDTH);
            // A label at the right edge would be cut off: end it at its tick instead of centring it.
            const anchor = atMs >= periodMs ? "end" : "middle";
            return `<line x1="${x}" y1="${bottom}" x2="${x}" y2="${bottom + 4}" stroke="#adb5bd"/><text x="${x}" y="${bottom + 15}" text-anchor="${anchor}" fill="#868e96">${escapeXml(label)}</text>`;
        })
        .join("");
}

const DAY_LABELS = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];

/** Tick positions and labels: days for periods of two days or more, hours beyond two hours, else seconds. */
export function timeTicks(periodMs: number, startMinuteOfWeek: number): { atMs: number; label: string }[] {
    const startMs = startMinuteOfWeek * MINUTE_MS;
    const ticks: { atMs: number; label: string }[] = [];
    if (periodMs >= 2 * DAY_MS) {
        const first = Math.ceil(startMs / DAY_MS) * DAY_MS - startMs;
        for (let at = first; at <= periodMs; at += DAY_MS) {
            ticks.push({ atMs: at, label: `${DAY_LABELS[Math.round((startMs + at) / DAY_MS) % 7]} 00:00` });
        }
    } else if (periodMs > 2 * HOUR_MS) {
        const step = periodMs > 12 * HOUR_MS ? 3 * HOUR_MS : HOUR_MS;
        const first = Math.ceil(startMs / step) * step - startMs;
        for (let at = first; at <= periodMs; at += step) {
            const hour = Math.round(((startMs + at) % DAY_MS) / HOUR_MS);
            ticks.push({ atMs: at, label: `${hour.toString().padStart(2, "0")}:00` });
        }
    } else {
        const step = niceStep(periodMs / 6);
        for (let at = 0; at <= periodMs; at += step) ticks.push({ atMs: at, label: formatDuration(at) });
    }
    return ticks;
}

function areaPath(values: Float64Array, x: (point: number) => number, top: number, bottom: number, max: number, color: string): string {
    const y = (value: number): number => bottom - ((bottom - top) * Math.min(value, max)) / max;
    let d = `M${round(x(0))},${bottom}`;
    for (let i = 0; i < values.length; i++) d += `L${round(x(i))},${round(y(values[i]))}L${round(x(i + 1))},${round(y(values[i]))}`;
    d += `L${round(x(values.length))},${bottom}Z`;
    return `<path d="${d}" fill="${color}" fill-opacity="0.25" stroke="${color}" stroke-width="1"/>`;
}

function stepPath(
    values: Float64Array,
    x: (point: number) => number,
    top: number,
    bottom: number,
    max: number,
    color: string,
    width: number,
    dash: string,
): string {
    const y = (value: number): number => bottom - ((bottom - top) * Math.min(value, max)) / max;
    let d = "";
    for (let i = 0; i < values.length; i++) d += `${i === 0 ? "M" : "L"}${round(x(i))},${round(y(values[i]))}L${round(x(i + 1))},${round(y(values[i]))}`;
    return `<path d="${d}" fill="none" stroke="${color}" stroke-width="${width}" stroke-dasharray="${dash}"/>`;
}

function bars(values: Float64Array, x: (point: number) => number, top: number, bottom: number, max: number, color: string, inset: number): string {
    const rects: string[] = [];
    for (let i = 0; i < values.length; i++) {
        if (values[i] <= 0) continue;
        const height = Math.max(1, ((bottom - top) * Math.min(values[i], max)) / max);
        const left = x(i) + inset;
        const width = Math.max(0.8, x(i + 1) - x(i) - 2 * inset);
        rects.push(`<rect x="${round(left)}" y="${round(bottom - height)}" width="${round(width)}" height="${round(height)}" fill="${color}"/>`);
    }
    return rects.join("");
}

function maxOf(values: Float64Array): number {
    let max = 0;
    for (let i = 0; i < values.length; i++) max = Math.max(max, values[i]);
    return max;
}

/** A round number at or above the value, for an axis maximum: 1, 2, 2.5, 5 times a power of ten. */
export function niceCeiling(value: number): number {
    if (!(value > 0)) return 1;
    const power = 10 ** Math.floor(Math.log10(value));
    for (const factor of [1, 2, 2.5, 5, 10]) if (factor * power >= value) return factor * power;
    return 10 * power;
}

function niceStep(ms: number): number {
    const steps = [1000, 2000, 5000, 10_000, 15_000, 30_000, MINUTE_MS, 5 * MINUTE_MS, 10 * MINUTE_MS, 15 * MINUTE_MS, 30 * MINUTE_MS];
    return steps.find((step) => step >= ms) ?? HOUR_MS;
}

function formatDuration(ms: number): string {
    if (ms < MINUTE_MS) return `${Math.round(ms / 1000)} s`;
    return `${Math.round(ms / MINUTE_MS)} min`;
}

function formatNumber(value: number): string {
    return Number.isInteger(value) ? value.toString() : value.toFixed(1);
}

function round(value: number): number {
    return Math.round(value * 10) / 10;
}

export function escapeXml(text: string): string {
    return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}
