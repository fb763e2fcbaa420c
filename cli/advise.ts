// `lambda-concurrency advise`: the advisor as a command. Parses and checks flags (every message names its flag),
// builds the traffic, runs the comparison with a progress bar on a terminal, prints a table or JSON, writes the chart.
import {
    advise,
    adviseInParallel,
    Advice,
    defaultWorkerCount,
    businessHoursTraffic,
    AdviseProgress,
    DEFAULT_DURATION_MEDIAN_MS,
    DEFAULT_DURATION_P95_MS,
    DEFAULT_ENVIRONMENT,
    DEFAULT_MEMORY_MB,
    DEFAULT_RUNTIME,
    EnvironmentBehaviour,
    formatAdvice,
    InputError,
    LambdaPrices,
    parsePerMinuteCsv,
    parsePeriod,
    parseTrace,
    renderChart,
    RUNTIME_INIT_MS,
    RUNTIME_INIT_SOURCE,
    spikyTraffic,
    steadyTraffic,
    STRATEGY_NAMES,
    StrategyName,
    Traffic,
    withPeriod,
} from "../advisor";
import { defaultRestoreMs, SNAPSTART_RESTORE_SOURCE, snapStartSupported } from "../advisor/snapstart";
import { validateTimezone } from "../components/schedule/validate";
import { UsageError } from "./advise-errors";
import { DEFAULT_OFFICE_HOURS, OfficeHours, officeHours, parseClockTime, parseDayList } from "../advisor/office-hours";
import { MAX_DEPLOYS_PER_DAY } from "../advisor/deploys";
import { profileCsv } from "../advisor/cloudwatch-profile";
import { cloudWatchSource, profileNotes, readProfile, sdkReaders } from "./advise-cloudwatch";
import { closestWord } from "../components/suggest";
import { ProgressBoard, renderProgressBar } from "./advise-progress";

export interface AdviseIO {
    stdout: (text: string) => void;
    stderr: (text: string) => void;
    isTTY: boolean;
    writeFile: (path: string, data: string) => void;
    readFile: (path: string) => string;
    /** The environment (AWS_REGION for --function); default process.env. */
    env?: Readonly<Record<string, string | undefined>>;
    /** Between Logs Insights polls, in ms (default 1000; tests shorten it). */
    cloudWatchPollMs?: number;
}

export { UsageError };

/** A bound against typos: the searches rarely keep more than six threads busy. */
const MAX_WORKERS = 64;

export const ADVISE_USAGE = `usage: lambda-concurrency advise [options]

Simulates your traffic against on-demand Lambda, a warmer, fixed, scheduled and target-tracking provisioned
concurrency; prints cold starts, latency and monthly cost of each, and the cheapest that meets your goal as
arguments for this package's components.

traffic (one of):
  --rps N                      steady N requests per second
  --shape steady|business-hours|spiky --peak-rps N [--rps BASE]
                               business-hours: peak Mon-Fri 08:00-18:00 UTC, BASE otherwise;
    --open HH:MM --close HH:MM --open-days DAYS
                               business-hours' peak hours and days (default 08:00, 18:00, MON-FRI),
                               e.g. --open 09:00 --close 17:30 --open-days MON-FRI,SAT
                               spiky: BASE with one minute at peak in every hour (BASE defaults to peak/5)
  --csv FILE                   per-minute requests: "count" or "time,count" rows (header "rps" for per-second)
  --trace FILE                 one request timestamp per line (ISO 8601, epoch s/ms, or seconds from start)
  --function NAME[:QUALIFIER]  read the function's traffic from CloudWatch (per-minute Invocations and
                               ConcurrentExecutions, Duration p50/p95; Init Durations and the cold-start rate
                               from its REPORT lines with Logs Insights); needs AWS credentials and the
                               @aws-sdk/client-cloudwatch and @aws-sdk/client-cloudwatch-logs packages
    --region R                 (default AWS_REGION)    --days N   1 to 15 (default 14)
    --save-csv FILE            keep what was read as a per-minute CSV, for repeatable runs with --csv
    --log-group NAME           (default /aws/lambda/NAME)   --endpoint-url URL (another endpoint)
  --period 30s|2h|1d|7d        simulated period (default 7d; cuts or extends --csv and --trace)
  --timezone TZ                IANA zone whose wall clock the week follows (default UTC): --shape's hours,
                               the start of --csv and --trace, the report's times; emitted schedules name it
function:
  --duration-ms MEDIAN         median handler duration (default ${DEFAULT_DURATION_MEDIAN_MS})
  --p95-ms P95                 95th percentile duration (default ${DEFAULT_DURATION_P95_MS}, or 1.22 x the median)
  --runtime ID                 AWS runtime id, sets the init duration (default ${DEFAULT_RUNTIME}), e.g. nodejs22.x,
                               python3.12, java21, dotnet8, provided.al2023
  --init-ms MS                 init duration of a cold start (overrides --runtime; use your REPORT "Init Duration")
  --restore-ms MS              SnapStart restore duration (REPORT "Restore Duration"; default a tenth of the init,
                               at least 200 ms); SnapStart is compared for Java 11+, Python 3.12+ and .NET 8+
  --memory MB                  128 to 10240 (default ${DEFAULT_MEMORY_MB})
  --arch x86_64|arm64          (default x86_64)
comparison:
  --strategies LIST            among ${STRATEGY_NAMES.join(",")} (default all)
  --fixed N                    pin the fixed level instead of searching for it
  --goal-cold-starts GOAL      FRACTION: at most this fraction of the period's requests with a cold start
                               (default 0.001); N/hour: at most N cold starts in any clock hour; or both,
                               comma-separated (0.001,5/hour)
  --goal-p99-ms MS             p99 latency at most MS, over the period and in every clock hour
  --deploys-per-day N          code deploys a day, spread over the office hours (--open, --close, --open-days;
                               default 08:00-18:00 Mon-Fri): every strategy simulated through them, and what
                               the warm rollout (WarmAlias) saves on the fixed level
  --seed N                     random seed (default 1)
  --workers N                  simulate on N threads side by side (default: one per core, here ${defaultWorkerCount()});
                               1 runs everything on the main thread; the answer is the same either way
environment (defaults: measured or documented behaviour, see advisor/defaults.ts):
  --idle-minutes N             idle time before an environment is recycled (default 10)
  --max-lifetime-hours N       maximum environment lifetime (default 14)
  --scale-up-per-10s N         new environments per 10 s (default 1000)
  --allocation-delay-s N       provisioned concurrency allocation delay (default 120)
  --concurrency-limit N        concurrent executions allowed (default 1000)
  --warmer-interval MIN        minutes between warm-up pings (default 5)
  --prices FILE                JSON overrides of the us-east-1 prices (fields of LambdaPrices)
output:
  --function-name NAME         function name in the emitted arguments (default my-function)
  --qualifier NAME             alias or version in the emitted arguments (default live)
  --svg FILE                   write a chart of the period
  --json                       print the result as JSON instead of the table
  --help                       this text
`;

interface FlagSpec {
    /** Whether the flag takes a value. */
    readonly value: boolean;
}

const FLAGS: Readonly<Record<string, FlagSpec>> = {
    rps: { value: true },
    shape: { value: true },
    open: { value: true },
    close: { value: true },
    "open-days": { value: true },
    "deploys-per-day": { value: true },
    "restore-ms": { value: true },
    function: { value: true },
    region: { value: true },
    days: { value: true },
    "save-csv": { value: true },
    "log-group": { value: true },
    "endpoint-url": { value: true },
    timezone: { value: true },
    "peak-rps": { value: true },
    csv: { value: true },
    trace: { value: true },
    period: { value: true },
    "duration-ms": { value: true },
    "p95-ms": { value: true },
    "init-ms": { value: true },
    runtime: { value: true },
    memory: { value: true },
    arch: { value: true },
    strategies: { value: true },
    fixed: { value: true },
    "goal-cold-starts": { value: true },
    "goal-p99-ms": { value: true },
    seed: { value: true },
    workers: { value: true },
    svg: { value: true },
    json: { value: false },
    help: { value: false },
    "function-name": { value: true },
    qualifier: { value: true },
    "idle-minutes": { value: true },
    "max-lifetime-hours": { value: true },
    "scale-up-per-10s": { value: true },
    "allocation-delay-s": { value: true },
    "concurrency-limit": { value: true },
    "warmer-interval": { value: true },
    prices: { value: true },
};

/** Flags as given: name (without dashes) to value ("" for switches). A flag given twice is an error. */
export function parseFlags(argv: readonly string[]): Map<string, string> {
    const flags = new Map<string, string>();
    for (let i = 0; i < argv.length; i++) {
        const argument = argv[i];
        if (!argument.startsWith("--")) throw new UsageError(`unexpected argument "${argument}" (flags start with --)`);
        const equals = argument.indexOf("=");
        const name = argument.slice(2, equals >= 0 ? equals : undefined);
        const spec = FLAGS[name];
        if (!spec) {
            const suggestion = closestWord(name, Object.keys(FLAGS));
            throw new UsageError(`unknown flag --${name}${suggestion === undefined ? "" : `; did you mean --${suggestion}?`}`);
        }
        if (flags.has(name)) throw new UsageError(`--${name} is given twice`);
        if (!spec.value) {
            if (equals >= 0) throw new UsageError(`--${name} takes no value`);
            flags.set(name, "");
            continue;
        }
        let value: string | undefined;
        if (equals >= 0) value = argument.slice(equals + 1);
        else if (i + 1 < argv.length && !argv[i + 1].startsWith("--")) value = argv[++i];
        if (value === undefined || value === "") throw new UsageError(`--${name} needs a value`);
        flags.set(name, value);
    }
    return flags;
}

function numberFlag(flags: Map<string, string>, name: string, rule: "positive" | "non-negative"): number | undefined {
    const text = flags.get(name);
    if (text === undefined) return undefined;
    const value = Number(text);
    const ok = Number.isFinite(value) && (rule === "positive" ? value > 0 : value >= 0);
    if (!ok) throw new UsageError(`--${name} must be a ${rule} number, got ${text}`);
    return value;
}

function integerFlag(flags: Map<string, string>, name: string, min: number, max = Infinity): number | undefined {
    const text = flags.get(name);
    if (text === undefined) return undefined;
    const value = Number(text);
    if (!Number.isInteger(value) || value < min || value > max) {
        const range = max === Infinity ? `of at least ${min}` : `between ${min} and ${max}`;
        throw new UsageError(`--${name} must be a whole number ${range}, got ${text}`);
    }
    return value;
}

/** Everything the advisor needs, checked. */
export interface AdviseRequest {
    readonly traffic: Traffic;
    readonly options: Parameters<typeof advise>[0];
    /** Threads to simulate on (adviseInParallel). */
    readonly workers: number;
    readonly svgPath?: string;
    readonly json: boolean;
    /** What was done to the inputs that the user should know of (a CSV read in another order), each naming its flag. */
    readonly notes: readonly string[];
}

/** Reads and checks the flags; throws UsageError naming the flag on bad input. */
export function buildRequest(flags: Map<string, string>, io: Pick<AdviseIO, "readFile">): AdviseRequest {
    const notes: string[] = [];
    const traffic = buildTraffic(flags, io, notes, flags.get("timezone"));

    const medianMs = numberFlag(flags, "duration-ms", "positive") ?? DEFAULT_DURATION_MEDIAN_MS;
    const p95Flag = numberFlag(flags, "p95-ms", "positive");
    if (p95Flag !== undefined && p95Flag < medianMs) {
        throw new UsageError(`--p95-ms must be at least --duration-ms (${medianMs}), got ${p95Flag}`);
    }
    // Without --p95-ms, keep the spread of the default durations (202 / 165, the Compute Blog's warm figures).
    const p95Ms = p95Flag ?? medianMs * (DEFAULT_DURATION_P95_MS / DEFAULT_DURATION_MEDIAN_MS);

    const runtime = flags.get("runtime") ?? DEFAULT_RUNTIME;
    const runtimeInit = RUNTIME_INIT_MS[runtime];
    if (runtimeInit === undefined) {
        throw new UsageError(`--runtime: unknown runtime "${runtime}"; known: ${Object.keys(RUNTIME_INIT_MS).join(", ")}`);
    }
    const restoreFlag = numberFlag(flags, "restore-ms", "non-negative");
    if (restoreFlag !== undefined && !snapStartSupported(runtime)) {
        throw new UsageError(`--restore-ms needs --runtime of a SnapStart runtime (Java 11+, Python 3.12+, .NET 8+), got ${runtime}`);
    }
    const timezone = flags.get("timezone");
    if (timezone !== undefined) {
        const problem = validateTimezone(timezone);
        if (problem !== undefined) throw new UsageError(`--timezone: ${problem}`);
    }
    const givenInit = numberFlag(flags, "init-ms", "non-negative");
    const initMs = givenInit ?? runtimeInit;
    const initSource =
        givenInit !== undefined
            ? "--init-ms"
            : `${flags.has("runtime") ? "--runtime" : "default runtime"} ${runtime}: ${RUNTIME_INIT_SOURCE}; give --init-ms from your REPORT lines' Init Duration`;
    // Lambda's memory range: 128 MB to 10,240 MB (AWS Lambda pricing page).
    const memoryMb = integerFlag(flags, "memory", 128, 10_240) ?? DEFAULT_MEMORY_MB;
    const arch = flags.get("arch") ?? "x86_64";
    if (arch !== "x86_64" && arch !== "arm64") throw new UsageError(`--arch must be x86_64 or arm64, got "${arch}"`);

    const strategies = parseStrategies(flags.get("strategies"));
    if (flags.get("strategies")?.split(",").includes("snapstart") === true && !snapStartSupported(flags.get("runtime") ?? DEFAULT_RUNTIME)) {
        throw new UsageError(
            `--strategies snapstart needs --runtime of a SnapStart runtime (Java 11+, Python 3.12+, .NET 8+), got ${flags.get("runtime") ?? DEFAULT_RUNTIME}`,
        );
    }
    const fixedCapacity = integerFlag(flags, "fixed", 1);
    // EventBridge rate expressions are whole minutes; beyond the 10-minute idle timeout a warmer keeps nothing warm.
    const warmerIntervalMinutes = integerFlag(flags, "warmer-interval", 1, 60);
    const deploysPerDay = integerFlag(flags, "deploys-per-day", 0, MAX_DEPLOYS_PER_DAY);
    if (fixedCapacity !== undefined && !strategies.includes("fixed")) {
        throw new UsageError("--fixed needs the fixed strategy in --strategies");
    }

    const goal: { maxColdStartFraction?: number; maxColdStartsPerHour?: number; maxP99Ms?: number } = {};
    const coldGoal = flags.get("goal-cold-starts");
    if (coldGoal !== undefined) Object.assign(goal, parseColdStartGoal(coldGoal));
    const p99Goal = numberFlag(flags, "goal-p99-ms", "positive");
    if (p99Goal !== undefined) goal.maxP99Ms = p99Goal;

    const seed = integerFlag(flags, "seed", 0, 2 ** 32 - 1) ?? 1;
    const workers = integerFlag(flags, "workers", 1, MAX_WORKERS) ?? defaultWorkerCount();
    const environment = buildEnvironment(flags);
    const prices = flags.has("prices") ? readPrices(flags.get("prices") ?? "", io) : undefined;
    const functionName = flags.get("function-name");
    const qualifier = flags.get("qualifier");

    return {
        traffic,
        notes,
        json: flags.has("json"),
        svgPath: flags.get("svg"),
        workers,
        options: {
            traffic,
            fn: { memoryMb, architecture: arch, initMs, duration: { medianMs, p95Ms } },
            initSource,
            timezone,
            snapStart: snapStartSupported(runtime)
                ? {
                      runtime,
                      restoreMs: restoreFlag ?? defaultRestoreMs(initMs),
                      restoreSource: restoreFlag !== undefined ? "--restore-ms" : SNAPSTART_RESTORE_SOURCE,
                  }
                : undefined,
            environment,
            prices,
            strategies,
            fixedCapacity,
            warmerIntervalMinutes,
            ...(deploysPerDay !== undefined && deploysPerDay > 0 ? { deploysPerDay, deployHours: buildOfficeHours(flags) } : {}),
            goal: Object.keys(goal).length > 0 ? goal : undefined,
            seed,
            target: { functionName: functionName ?? "my-function", qualifier: qualifier ?? "live" },
        },
    };
}

/** `--goal-cold-starts`: a fraction of the period's requests, a count per clock hour (`5/hour`), or both. */
export function parseColdStartGoal(text: string): { maxColdStartFraction?: number; maxColdStartsPerHour?: number } {
    const goal: { maxColdStartFraction?: number; maxColdStartsPerHour?: number } = {};
    const usage = `--goal-cold-starts takes a fraction of the period's requests (0.001), a count per hour (5/hour), or both (0.001,5/hour), got ${text}`;
    const parts = text.split(",").map((part) => part.trim());
    if (parts.length > 2 || parts.some((part) => part === "")) throw new UsageError(usage);
    for (const part of parts) {
        const perHour = /^(\d+)\/(hour|h)$/.exec(part);
        if (perHour !== null) {
            if (goal.maxColdStartsPerHour !== undefined) throw new UsageError(usage);
            goal.maxColdStartsPerHour = Number(perHour[1]);
            continue;
        }
        const value = Number(part);
        if (part.includes("/") || !(value >= 0 && value <= 1) || goal.maxColdStartFraction !== undefined) {
            throw new UsageError(part.includes("/") || goal.maxColdStartFraction !== undefined ? usage : `--goal-cold-starts must be a fraction between 0 and 1, got ${part}`);
        }
        goal.maxColdStartFraction = value;
    }
    return goal;
}

function buildTraffic(flags: Map<string, string>, io: Pick<AdviseIO, "readFile">, notes: string[], timezone = "UTC"): Traffic {
    if (validateTimezone(timezone) !== undefined) timezone = "UTC"; // reported by buildRequest
    const sources = ["shape", "csv", "trace"].filter((name) => flags.has(name));
    // --rps is a source of its own, except with --shape, where it sets the base rate.
    if (flags.has("rps") && !flags.has("shape")) sources.push("rps");
    if (sources.length === 0) throw new UsageError("no traffic: give --rps, --shape with --peak-rps, --csv or --trace");
    if (sources.length > 1) throw new UsageError(`choose one traffic source, got --${sources.join(" and --")}`);
    const periodText = flags.get("period");
    let periodMs: number | undefined;
    if (periodText !== undefined) periodMs = withFlag("period", () => parsePeriod(periodText));

    const source = sources[0];
    const officeFlags = ["open", "close", "open-days"].filter((name) => flags.has(name));
    const shape = flags.get("shape");
    if (officeFlags.length > 0 && shape !== "business-hours") {
        throw new UsageError(`--${officeFlags[0]} sets the hours of --shape business-hours, got ${shape === undefined ? `--${source}` : `--shape ${shape}`}`);
    }
    if (source === "csv" || source === "trace") {
        if (flags.has("peak-rps")) throw new UsageError(`--peak-rps does not apply to --${source}`);
        const path = flags.get(source) ?? "";
        const text = withFlag(source, () => readText(path, io));
        if (source === "trace") return withFlag(source, () => parseTrace(text, periodMs, timezone));
        const csvNotes: string[] = [];
        const traffic = withFlag(source, () => parsePerMinuteCsv(text, csvNotes, timezone));
        notes.push(...csvNotes.map((note) => `--${source}: ${note}`));
        return periodMs === undefined ? traffic : withPeriod(traffic, periodMs);
    }
    // Seven days by default: a week holds every daily and weekly pattern a schedule could follow.
    const period = periodMs ?? 7 * 24 * 3_600_000;
    const rps = numberFlag(flags, "rps", "non-negative");
    if (source === "rps") {
        if (flags.has("peak-rps")) throw new UsageError("--peak-rps needs --shape");
        return steadyTraffic(rps ?? 0, period);
    }
    const peak = numberFlag(flags, "peak-rps", "non-negative");
    if (shape === "steady") {
        const rate = peak ?? rps;
        if (rate === undefined) throw new UsageError("--shape steady needs --peak-rps (or --rps)");
        return steadyTraffic(rate, period);
    }
    if (shape !== "business-hours" && shape !== "spiky") {
        throw new UsageError(`--shape must be one of steady, business-hours, spiky, got "${shape}"`);
    }
    if (peak === undefined) throw new UsageError(`--shape ${shape} needs --peak-rps`);
    // Base rate: a fifth of the peak by default, as in DESIGN.md's "10 by day and 2 by night" example.
    const base = rps ?? peak / 5;
    if (base > peak) throw new UsageError(`--rps (the base rate, ${base}) must not exceed --peak-rps (${peak})`);
    const seed = integerFlag(flags, "seed", 0, 2 ** 32 - 1) ?? 1;
    if (shape !== "business-hours") return spikyTraffic(peak, base, period, seed);
    return businessHoursTraffic(peak, base, period, buildOfficeHours(flags));
}

/** --open, --close and --open-days, each defaulting to the shape's usual office hours. */
function buildOfficeHours(flags: Map<string, string>): OfficeHours {
    const open = flags.get("open");
    const close = flags.get("close");
    const days = flags.get("open-days");
    const openMinute = open === undefined ? DEFAULT_OFFICE_HOURS.openMinute : officeFlag("open", () => parseClockTime(open, false));
    const closeMinute = close === undefined ? DEFAULT_OFFICE_HOURS.closeMinute : officeFlag("close", () => parseClockTime(close, true));
    const dayList = days === undefined ? DEFAULT_OFFICE_HOURS.days : officeFlag("open-days", () => parseDayList(days));
    return officeFlag("close", () => officeHours(openMinute, closeMinute, dayList));
}

function officeFlag<T>(flag: string, parse: () => T): T {
    try {
        return parse();
    } catch (error) {
        throw new UsageError(`--${flag} ${(error as Error).message}`);
    }
}

function buildEnvironment(flags: Map<string, string>): Partial<EnvironmentBehaviour> {
    const environment: { -readonly [K in keyof EnvironmentBehaviour]?: EnvironmentBehaviour[K] } = {};
    const idle = numberFlag(flags, "idle-minutes", "positive");
    if (idle !== undefined) environment.idleTimeoutMs = idle * 60_000;
    const lifetime = numberFlag(flags, "max-lifetime-hours", "positive");
    if (lifetime !== undefined) environment.maxLifetimeMs = lifetime * 3_600_000;
    const scaleUp = integerFlag(flags, "scale-up-per-10s", 1);
    if (scaleUp !== undefined) environment.scaleUpPer10Seconds = scaleUp;
    const delay = numberFlag(flags, "allocation-delay-s", "non-negative");
    if (delay !== undefined) environment.allocationDelayMs = delay * 1000;
    const limit = integerFlag(flags, "concurrency-limit", 1);
    if (limit !== undefined) environment.concurrencyLimit = limit;
    return environment;
}

const PRICE_FIELDS: readonly (keyof LambdaPrices)[] = [
    "requestsPerMillion",
    "onDemandDurationTiers",
    "provisionedConcurrencyPerGbSecond",
    "provisionedDurationPerGbSecond",
    "provisionedBillingIncrementMs",
    "initBilledOnDemand",
];

/** A JSON file of price overrides, e.g. {"requestsPerMillion": 0.25}; tiers use null for "no upper bound". */
export function readPrices(path: string, io: Pick<AdviseIO, "readFile">): Partial<LambdaPrices> {
    const text = withFlag("prices", () => readText(path, io));
    let parsed: unknown;
    try {
        parsed = JSON.parse(text);
    } catch (error) {
        throw new UsageError(`--prices: ${path} is not valid JSON (${error instanceof Error ? error.message : String(error)})`);
    }
    if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) {
        throw new UsageError(`--prices: ${path} must hold a JSON object`);
    }
    const prices: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(parsed)) {
        if (!PRICE_FIELDS.includes(key as keyof LambdaPrices)) {
            throw new UsageError(`--prices: unknown field "${key}"; known: ${PRICE_FIELDS.join(", ")}`);
        }
        if (key === "initBilledOnDemand") {
            if (typeof value !== "boolean") throw new UsageError(`--prices: ${key} must be true or false`);
        } else if (key === "onDemandDurationTiers") {
            prices[key] = readTiers(value);
            continue;
        } else if (typeof value !== "number" || !(value >= 0)) {
            throw new UsageError(`--prices: ${key} must be a non-negative number, got ${JSON.stringify(value)}`);
        }
        prices[key] = value;
    }
    return prices;
}

function readTiers(value: unknown): LambdaPrices["onDemandDurationTiers"] {
    if (!Array.isArray(value) || value.length === 0) {
        throw new UsageError("--prices: onDemandDurationTiers must be a non-empty array of {upToGbSeconds, pricePerGbSecond}");
    }
    return value.map((tier: unknown, index) => {
        const { upToGbSeconds, pricePerGbSecond } = (tier ?? {}) as { upToGbSeconds?: unknown; pricePerGbSecond?: unknown };
        const last = index === value.length - 1;
        const upTo = upToGbSeconds === null || (last && upToGbSeconds === undefined) ? Infinity : upToGbSeconds;
        if (typeof upTo !== "number" || !(upTo > 0) || typeof pricePerGbSecond !== "number" || !(pricePerGbSecond >= 0)) {
            throw new UsageError(`--prices: onDemandDurationTiers[${index}] must be {upToGbSeconds: number|null, pricePerGbSecond: number}`);
        }
        return { upToGbSeconds: upTo, pricePerGbSecond };
    });
}

function parseStrategies(text: string | undefined): StrategyName[] {
    if (text === undefined) return [...STRATEGY_NAMES];
    const names = text.split(",").map((name) => name.trim()).filter((name) => name !== "");
    if (names.length === 0) throw new UsageError("--strategies needs at least one strategy");
    for (const name of names) {
        if (!STRATEGY_NAMES.includes(name as StrategyName)) {
            throw new UsageError(`--strategies: unknown strategy "${name}" (expected ${STRATEGY_NAMES.join(", ")})`);
        }
    }
    return [...new Set(names as StrategyName[])];
}

function readText(path: string, io: Pick<AdviseIO, "readFile">): string {
    try {
        return io.readFile(path);
    } catch (error) {
        throw new InputError(`cannot read ${path}: ${error instanceof Error ? error.message : String(error)}`);
    }
}

/** Runs a parser and turns its InputError into a UsageError naming the flag. */
function withFlag<T>(flag: string, parse: () => T): T {
    try {
        return parse();
    } catch (error) {
        if (error instanceof InputError) throw new UsageError(`--${flag}: ${error.message}`);
        throw error;
    }
}

/** The result as JSON: the documented shape (pricing, strategies, recommendation) plus the inputs and the work done. */
export function adviceToJson(advice: Advice, request: AdviseRequest): unknown {
    const options = request.options;
    return {
        assumptions: advice.assumptions,
        pricing: {
            architecture: advice.pricing.architecture,
            breakEvenUtilization: advice.pricing.breakEvenUtilization,
            prices: advice.pricing.prices,
        },
        inputs: {
            periodMs: advice.periodMs,
            requests: advice.requests,
            startMinuteOfWeek: request.traffic.startMinuteOfWeek,
            goal: advice.goal,
            function: options.fn,
            environment: { ...DEFAULT_ENVIRONMENT, ...options.environment },
            seed: options.seed,
        },
        strategies: advice.strategies,
        recommendation: advice.recommendation,
        work: { simulations: advice.simulations, simulatedRequests: advice.simulatedRequests },
        ...(advice.deploys !== undefined ? { deploys: advice.deploys } : {}),
    };
}

/** JSON.stringify with Infinity written as null (the last price tier has no upper bound). */
function toJsonText(value: unknown): string {
    return JSON.stringify(value, (_key, item: unknown) => (item === Infinity ? null : item), 2) + "\n";
}

/** The command. argv excludes "advise"; returns the exit code (0 done, 2 bad input, 1 failure). */
export async function runAdvise(argv: string[], io: AdviseIO): Promise<number> {
    let request: AdviseRequest;
    try {
        const flags = parseFlags(argv);
        if (flags.has("help")) {
            io.stdout(ADVISE_USAGE);
            return 0;
        }
        const source = cloudWatchSource(flags, io.env ?? process.env);
        if (source === undefined) {
            request = buildRequest(flags, io);
        } else {
            // The profile goes through the same path as --csv; the duration and init figures fill what the user left out.
            const reading = io.isTTY ? cloudWatchProgress(io) : undefined;
            const readers = await sdkReaders(source);
            const profile = await readProfile(source, readers, new Date(), reading, io.cloudWatchPollMs);
            reading?.("done");
            const csv = profileCsv(profile);
            const saveTo = flags.get("save-csv");
            if (saveTo !== undefined) {
                try {
                    io.writeFile(saveTo, csv);
                } catch (error) {
                    throw new UsageError(`--save-csv: cannot write ${saveTo}: ${error instanceof Error ? error.message : String(error)}`);
                }
            }
            const CLOUDWATCH_CSV = "(CloudWatch)";
            flags.set("csv", CLOUDWATCH_CSV);
            if (!flags.has("duration-ms") && profile.durationP50Ms !== undefined && profile.durationP50Ms > 0) {
                flags.set("duration-ms", String(Math.round(profile.durationP50Ms)));
                if (!flags.has("p95-ms") && profile.durationP95Ms !== undefined) {
                    flags.set("p95-ms", String(Math.max(Math.round(profile.durationP95Ms), Math.round(profile.durationP50Ms))));
                }
            }
            const built = buildRequest(flags, { readFile: (path) => (path === CLOUDWATCH_CSV ? csv : io.readFile(path)) });
            const init = profile.logs?.initAvgMs;
            const initFromLogs = !flags.has("init-ms") && init !== undefined && init > 0;
            request = {
                ...built,
                notes: [...profileNotes(profile, source.days), ...built.notes.map((note) => note.replace("--csv", "--function"))],
                options: initFromLogs
                    ? {
                          ...built.options,
                          fn: { ...built.options.fn, initMs: Math.round(init) },
                          initSource: `CloudWatch Logs: the average Init Duration of ${profile.logs!.coldStarts.toLocaleString("en-US")} cold starts`,
                      }
                    : built.options,
            };
        }
    } catch (error) {
        if (error instanceof UsageError) {
            io.stderr(`lambda-concurrency advise: ${error.message}\nRun "lambda-concurrency advise --help" for the flags.\n`);
            return 2;
        }
        throw error;
    }

    // On stderr, so that --json output stays JSON.
    for (const note of request.notes) {
        io.stderr(`lambda-concurrency advise: ${note}\n`);
    }
    const progress = io.isTTY ? progressReporter(io) : undefined;
    // Let a pending write reach the terminal before the simulation holds the thread.
    await new Promise<void>((resolve) => setImmediate(resolve));
    const advice = await adviseInParallel({ ...request.options, onProgress: progress?.update }, request.workers);
    progress?.done();

    if (request.svgPath) {
        const title = `Which strategy? ${advice.recommendation.strategy} (${advice.recommendation.configuration}) for this traffic`;
        try {
            io.writeFile(request.svgPath, renderChart(advice.chart, title));
        } catch (error) {
            io.stderr(`lambda-concurrency advise: --svg: cannot write ${request.svgPath}: ${error instanceof Error ? error.message : String(error)}\n`);
            return 2;
        }
    }
    if (request.json) {
        io.stdout(toJsonText(adviceToJson(advice, request)));
    } else {
        io.stdout(formatAdvice(advice));
        if (request.svgPath) io.stdout(`Chart written to ${request.svgPath}\n`);
    }
    return 0;
}

/** The progress of reading CloudWatch, on stderr. */
function cloudWatchProgress(io: AdviseIO): (fractionOrDone: number | "done", label?: string) => void {
    return (fraction, label) => {
        if (fraction === "done") {
            io.stderr("\r\x1b[K");
            return;
        }
        io.stderr(`\r${renderProgressBar({ fraction, label: label ?? "", simulation: 0 }).replace("simulation 0: ", "reading CloudWatch: ")}\x1b[K`);
    };
}

/** A progress bar on stderr, redrawn at most ten times a second. */
function progressReporter(io: AdviseIO): { update: (progress: AdviseProgress) => void; done: () => void } {
    const board = new ProgressBoard();
    let lastDrawn = 0;
    return {
        update: (progress) => {
            const finished = board.update(progress);
            const now = Date.now();
            if (!finished && now - lastDrawn < 100) return;
            lastDrawn = now;
            io.stderr(`\r${board.render()}\x1b[K`);
        },
        done: () => io.stderr("\r\x1b[K"),
    };
}
