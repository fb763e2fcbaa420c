// `hello-api`: an HTTP API in front of a function's `live` alias, which keeps 2 environments initialized. Routing
// through the alias is what makes the provisioned environments serve the API's requests.
import { Api, Integration, Route, Stage } from "@pulumi/aws/apigatewayv2";
import { Alias, Permission } from "@pulumi/aws/lambda";
import * as pulumi from "@pulumi/pulumi";
import { FixedConcurrency } from "../components";
import { helloFunction } from "./shared";

export function helloApiScenario(): Record<string, unknown> {
    const fn = helloFunction("hello-fn");
    const live = new Alias("hello-live", { name: "live", functionName: fn.name, functionVersion: fn.version });
    const warm = new FixedConcurrency("hello-live", {
        functionName: fn.name,
        qualifier: live.name,
        provisionedConcurrentExecutions: 2,
    });

    const api = new Api("hello-api", { protocolType: "HTTP" });
    const integration = new Integration("hello-api", {
        apiId: api.id,
        integrationType: "AWS_PROXY",
        integrationUri: live.invokeArn,
        payloadFormatVersion: "2.0",
    });
    new Route("hello-api", {
        apiId: api.id,
        routeKey: "GET /",
        target: pulumi.interpolate`integrations/${integration.id}`,
    });
    new Stage("hello-api", { apiId: api.id, name: "$default", autoDeploy: true });
    // API Gateway may invoke the alias, from this API only.
    new Permission("hello-api", {
        action: "lambda:InvokeFunction",
        function: fn.name,
        qualifier: live.name,
        principal: "apigateway.amazonaws.com",
        sourceArn: pulumi.interpolate`${api.executionArn}/*/*`,
    });
    return {
        url: api.apiEndpoint,
        functionName: fn.name,
        alias: live.name,
        provisionedConcurrentExecutions: warm.provisionedConcurrentExecutions,
    };
}
