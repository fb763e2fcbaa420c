// The five lambda-concurrency components from Go: the Go twin of ../python/__main__.py and ../yaml/Pulumi.yaml.
//
// The SDK package, example.com/pulumi-lambda-concurrency/sdk/go/lambdaconcurrency, is generated from the package's
// schema by `pulumi install` (or `pulumi package add ../..`) into sdks/lambda-concurrency, which go.mod's replace
// directive names. Inputs are the TypeScript arguments with an upper-case initial; nested arguments are
// lambdaconcurrency.ScheduleArgs and WarmerTargetArgs; plain inputs (schedules, timezone, statistic, targets,
// schedule, prewarm, architecture) are Go values, the others pulumi inputs. tests/engine/other-languages.engine.ts
// generates the SDK with the real Pulumi CLI and builds and vets this program against it.
package main

import (
	"encoding/json"
	"fmt"

	"example.com/pulumi-lambda-concurrency/sdk/go/lambdaconcurrency"
	"github.com/pulumi/pulumi-aws/sdk/v7/go/aws/iam"
	"github.com/pulumi/pulumi-aws/sdk/v7/go/aws/lambda"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi/config"
)

func main() {
	pulumi.Run(func(ctx *pulumi.Context) error {
		timezone := config.New(ctx, "").Get("timezone")
		if timezone == "" {
			timezone = "Europe/Paris"
		}

		// One execution role for the sample's functions, allowed to write their logs.
		assumeRole, err := json.Marshal(map[string]any{
			"Version": "2012-10-17",
			"Statement": []map[string]any{
				{"Effect": "Allow", "Principal": map[string]string{"Service": "lambda.amazonaws.com"}, "Action": "sts:AssumeRole"},
			},
		})
		if err != nil {
			return err
		}
		role, err := iam.NewRole(ctx, "role", &iam.RoleArgs{AssumeRolePolicy: pulumi.String(string(assumeRole))})
		if err != nil {
			return err
		}
		roleLogs, err := iam.NewRolePolicyAttachment(ctx, "roleLogs", &iam.RolePolicyAttachmentArgs{
			Role:      role.Name,
			PolicyArn: pulumi.String("arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole"),
		})
		if err != nil {
			return err
		}

		// A small Node.js function; provisioned concurrency needs a published version.
		function := func(name string, publish bool, functionName string) (*lambda.Function, error) {
			args := &lambda.FunctionArgs{
				Runtime:       pulumi.String("nodejs22.x"),
				Architectures: pulumi.StringArray{pulumi.String("arm64")},
				Handler:       pulumi.String("index.handler"),
				Role:          role.Arn,
				Publish:       pulumi.Bool(publish),
				Code: pulumi.NewAssetArchive(map[string]any{
					"index.js": pulumi.NewStringAsset(fmt.Sprintf(`exports.handler = async () => ({ statusCode: 200, body: %q });`, name)),
				}),
			}
			if functionName != "" {
				args.Name = pulumi.String(functionName)
			}
			return lambda.NewFunction(ctx, name, args, pulumi.DependsOn([]pulumi.Resource{roleLogs}))
		}
		liveAlias := func(name string, fn *lambda.Function) (*lambda.Alias, error) {
			return lambda.NewAlias(ctx, name, &lambda.AliasArgs{Name: pulumi.String("live"), FunctionName: fn.Name, FunctionVersion: fn.Version})
		}

		// An API function: its `live` alias follows the load, inside wider bounds during business hours.
		api, err := function("api", true, "")
		if err != nil {
			return err
		}
		apiLive, err := liveAlias("apiLive", api)
		if err != nil {
			return err
		}
		statistic := lambdaconcurrency.UtilizationStatisticMaximum
		_, err = lambdaconcurrency.NewUtilizationScaling(ctx, "apiScaling", &lambdaconcurrency.UtilizationScalingArgs{
			FunctionName:      api.Name,
			Qualifier:         apiLive.Name,
			MinCapacity:       pulumi.Float64(2),
			MaxCapacity:       pulumi.Float64(20),
			TargetUtilization: pulumi.Float64(0.7),
			Statistic:         &statistic,
			Timezone:          pulumi.StringRef(timezone),
			Schedules: []lambdaconcurrency.ScheduleArgs{
				{Name: "business-hours", Schedule: "cron(0 8 ? * MON-FRI *)", MinCapacity: pulumi.Float64Ref(5), MaxCapacity: pulumi.Float64Ref(20)},
				{Name: "evenings", Schedule: "cron(0 19 ? * MON-FRI *)", MinCapacity: pulumi.Float64Ref(2), MaxCapacity: pulumi.Float64Ref(10)},
			},
		})
		if err != nil {
			return err
		}

		// A reporting function: 10 environments by day, none at night.
		reports, err := function("reports", true, "")
		if err != nil {
			return err
		}
		reportsLive, err := liveAlias("reportsLive", reports)
		if err != nil {
			return err
		}
		_, err = lambdaconcurrency.NewScheduledConcurrency(ctx, "reportsSchedule", &lambdaconcurrency.ScheduledConcurrencyArgs{
			FunctionName: reports.Name,
			Qualifier:    reportsLive.Name,
			Timezone:     pulumi.StringRef(timezone),
			Schedules: []lambdaconcurrency.ScheduleArgs{
				{Name: "day", Schedule: "cron(0 8 * * ? *)", Capacity: pulumi.Float64Ref(10)},
				{Name: "night", Schedule: "cron(0 20 * * ? *)", Capacity: pulumi.Float64Ref(1)},
			},
		})
		if err != nil {
			return err
		}

		// An admin function: one environment, always.
		admin, err := function("admin", true, "")
		if err != nil {
			return err
		}
		adminLive, err := liveAlias("adminLive", admin)
		if err != nil {
			return err
		}
		adminWarm, err := lambdaconcurrency.NewFixedConcurrency(ctx, "adminWarm", &lambdaconcurrency.FixedConcurrencyArgs{
			FunctionName:                    admin.Name,
			Qualifier:                       adminLive.Name,
			ProvisionedConcurrentExecutions: pulumi.Float64(1),
		})
		if err != nil {
			return err
		}

		// A checkout function whose new versions go live warm: 2 environments on each version, and the `live` alias
		// moved to a new version only once they are all allocated.
		checkout, err := function("checkout", true, "")
		if err != nil {
			return err
		}
		checkoutLive, err := lambdaconcurrency.NewWarmAlias(ctx, "checkoutLive", &lambdaconcurrency.WarmAliasArgs{
			FunctionName:                    checkout.Name,
			AliasName:                       pulumi.String("live"),
			FunctionVersion:                 checkout.Version,
			ProvisionedConcurrentExecutions: pulumi.Float64(2),
		})
		if err != nil {
			return err
		}

		// A webhook function kept warm for free: two instances pinged every 5 minutes (its handler should answer pings
		// with withWarmup from lambda-concurrency-runtime). The warmer's targets are a plain list, so the function gets
		// a name known before it exists, and the warmer waits for it.
		webhookName := "webhook-" + ctx.Stack()
		webhook, err := function("webhook", false, webhookName)
		if err != nil {
			return err
		}
		architecture := lambdaconcurrency.WarmerArchitectureArm64
		warmer, err := lambdaconcurrency.NewLambdaWarmer(ctx, "warmer", &lambdaconcurrency.LambdaWarmerArgs{
			Targets:      []lambdaconcurrency.WarmerTargetArgs{{FunctionName: pulumi.String(webhookName), Concurrency: pulumi.Float64(2)}},
			Schedule:     pulumi.StringRef("rate(5 minutes)"),
			Architecture: &architecture,
			Prewarm:      pulumi.BoolRef(true),
		}, pulumi.DependsOn([]pulumi.Resource{webhook}))
		if err != nil {
			return err
		}

		ctx.Export("adminFunction", adminWarm.FunctionName)
		ctx.Export("adminQualifier", adminWarm.Qualifier)
		ctx.Export("adminProvisioned", adminWarm.ProvisionedConcurrentExecutions)
		ctx.Export("maxPingsInFlight", warmer.MaxPingsInFlight)
		ctx.Export("checkoutLiveVersion", checkoutLive.LiveVersion)
		return nil
	})
}
