"""The five lambda-concurrency components from Python: the Python twin of ../yaml/Pulumi.yaml.

The SDK module, pulumi_lambda_concurrency, is generated from the package's schema by `pulumi install` (or
`pulumi package add`). Inputs are the TypeScript arguments in snake_case; nested arguments are ScheduleArgs and
WarmerTargetArgs; string choices are enums (UtilizationStatistic, WarmerArchitecture), plain strings work too.
"""

import json
from typing import Optional

import pulumi
import pulumi_aws as aws
import pulumi_lambda_concurrency as lambda_concurrency

stack = pulumi.get_stack()
timezone = pulumi.Config().get("timezone") or "Europe/Paris"

# One execution role for the sample's functions, allowed to write their logs.
role = aws.iam.Role(
    "role",
    assume_role_policy=json.dumps(
        {
            "Version": "2012-10-17",
            "Statement": [
                {"Effect": "Allow", "Principal": {"Service": "lambda.amazonaws.com"}, "Action": "sts:AssumeRole"}
            ],
        }
    ),
)
role_logs = aws.iam.RolePolicyAttachment(
    "roleLogs",
    role=role.name,
    policy_arn="arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole",
)


def function(name: str, publish: bool = True, function_name: Optional[str] = None) -> aws.lambda_.Function:
    """A small Node.js function; provisioned concurrency needs a published version."""
    return aws.lambda_.Function(
        name,
        name=function_name,
        runtime="nodejs22.x",
        architectures=["arm64"],
        handler="index.handler",
        role=role.arn,
        publish=publish,
        code=pulumi.AssetArchive(
            {"index.js": pulumi.StringAsset(f'exports.handler = async () => ({{ statusCode: 200, body: "{name}" }});')}
        ),
        opts=pulumi.ResourceOptions(depends_on=[role_logs]),
    )


def live_alias(name: str, fn: aws.lambda_.Function) -> aws.lambda_.Alias:
    return aws.lambda_.Alias(name, name="live", function_name=fn.name, function_version=fn.version)


# An API function: its `live` alias follows the load, inside wider bounds during business hours.
api = function("api")
api_live = live_alias("apiLive", api)
api_scaling = lambda_concurrency.UtilizationScaling(
    "apiScaling",
    function_name=api.name,
    qualifier=api_live.name,
    min_capacity=2,
    max_capacity=20,
    target_utilization=0.7,
    statistic=lambda_concurrency.UtilizationStatistic.MAXIMUM,
    timezone=timezone,
    schedules=[
        lambda_concurrency.ScheduleArgs(
            name="business-hours", schedule="cron(0 8 ? * MON-FRI *)", min_capacity=5, max_capacity=20
        ),
        lambda_concurrency.ScheduleArgs(name="evenings", schedule="cron(0 19 ? * MON-FRI *)", min_capacity=2, max_capacity=10),
    ],
)

# A reporting function: 10 environments by day, none at night.
reports = function("reports")
reports_live = live_alias("reportsLive", reports)
reports_schedule = lambda_concurrency.ScheduledConcurrency(
    "reportsSchedule",
    function_name=reports.name,
    qualifier=reports_live.name,
    timezone=timezone,
    schedules=[
        lambda_concurrency.ScheduleArgs(name="day", schedule="cron(0 8 * * ? *)", capacity=10),
        lambda_concurrency.ScheduleArgs(name="night", schedule="cron(0 20 * * ? *)", capacity=1),
    ],
)

# An admin function: one environment, always.
admin = function("admin")
admin_live = live_alias("adminLive", admin)
admin_warm = lambda_concurrency.FixedConcurrency(
    "adminWarm",
    function_name=admin.name,
    qualifier=admin_live.name,
    provisioned_concurrent_executions=1,
)

# A checkout function whose new versions go live warm: 2 environments on each version, and the `live` alias moved to
# a new version only once they are all allocated.
checkout = function("checkout")
checkout_live = lambda_concurrency.WarmAlias(
    "checkoutLive",
    function_name=checkout.name,
    alias_name="live",
    function_version=checkout.version,
    provisioned_concurrent_executions=2,
)

# A webhook function kept warm for free: two instances pinged every 5 minutes (its handler should answer pings with
# withWarmup from lambda-concurrency-runtime). The warmer's targets are a plain list, so the function gets a name known
# before it exists, and the warmer waits for it.
webhook_name = f"webhook-{stack}"
webhook = function("webhook", publish=False, function_name=webhook_name)
warmer = lambda_concurrency.LambdaWarmer(
    "warmer",
    targets=[lambda_concurrency.WarmerTargetArgs(function_name=webhook_name, concurrency=2)],
    schedule="rate(5 minutes)",
    architecture=lambda_concurrency.WarmerArchitecture.ARM64,
    prewarm=True,
    opts=pulumi.ResourceOptions(depends_on=[webhook]),
)

pulumi.export("adminFunction", admin_warm.function_name)
pulumi.export("adminQualifier", admin_warm.qualifier)
pulumi.export("adminProvisioned", admin_warm.provisioned_concurrent_executions)
pulumi.export("maxPingsInFlight", warmer.max_pings_in_flight)
pulumi.export("checkoutLiveVersion", checkout_live.live_version)
