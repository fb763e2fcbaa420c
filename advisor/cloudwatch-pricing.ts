/**
 * Amazon CloudWatch prices (us-east-1) for what the package creates: alarms, dashboards and the warmer's custom
 * metrics. Source: the CloudWatch pricing page, https://aws.amazon.com/cloudwatch/pricing/ (its free tier read there
 * on 2026-12-01; the paid rates read through copies of the page's tables, the same in every copy): $0.10 per alarm
 * metric a month for standard-resolution alarms (a metric math alarm counts each metric it reads), $3.00 per
 * dashboard a month, $0.30 per custom metric a month for the first 10,000. Free tier, per account: 10 alarm metrics,
 * 3 dashboards of up to 50 metrics each, 10 custom metrics; whether any is left depends on the rest of the account.
 */
export interface CloudWatchPrices {
    readonly alarmMetricPerMonth: number;
    readonly dashboardPerMonth: number;
    readonly customMetricPerMonth: number;
    /** Dashboards of up to this many metrics may be free (the account's first 3). */
    readonly freeDashboardMaxMetrics: number;
}

export const CLOUDWATCH_PRICES: CloudWatchPrices = {
    alarmMetricPerMonth: 0.1,
    dashboardPerMonth: 3,
    customMetricPerMonth: 0.3,
    freeDashboardMaxMetrics: 50,
};

/** When the prices above were read. */
export const CLOUDWATCH_PRICES_READ_ON = "2026-12-01";
