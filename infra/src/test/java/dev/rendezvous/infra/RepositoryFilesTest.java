package dev.rendezvous.infra;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rendezvous.infra.construct.RendezvousApi;
import dev.rendezvous.infra.construct.RendezvousFunctionsProps;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The files around the app that {@code cdk} and {@code sam} read: cdk.json keeps synthesis offline
 * and carries the feature flags, the CLI is pinned, samconfig.toml points at the template this app
 * writes, and the sample events have the shapes the handlers expect. No synthesis here.
 */
class RepositoryFilesTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final Path root = SynthesizedStacks.repositoryRoot();

  @Test
  void cdkJsonKeepsSynthesisOffline() {
    Map<String, Object> cdkJson = SynthesizedStacks.cdkJson();
    assertThat(cdkJson)
        .containsEntry("notices", false)
        .containsEntry("versionReporting", false)
        .containsEntry("app", "infra/cdk-app.sh");
    assertThat(SynthesizedStacks.cdkJsonContext()).containsEntry("cli-telemetry", false);
    assertThat(root.resolve("infra/cdk-app.sh")).isExecutable();
  }

  @Test
  void cdkJsonCarriesTheRecommendedFeatureFlags() {
    Map<String, Object> context = SynthesizedStacks.cdkJsonContext();
    assertThat(context.keySet().stream().filter(k -> k.startsWith("@aws-cdk")).count())
        .isGreaterThanOrEqualTo(80);
    assertThat(context)
        .containsEntry(
            "@aws-cdk/aws-elasticloadbalancingv2:networkLoadBalancerWithSecurityGroupByDefault",
            true)
        .containsEntry("@aws-cdk/aws-iam:minimizePolicies", true)
        .containsEntry("@aws-cdk/aws-lambda:useCdkManagedLogGroup", true);
  }

  @Test
  void cdkCliIsPinnedExactlyAndLocked() throws IOException {
    JsonNode packageJson = JSON.readTree(root.resolve("package.json").toFile());
    assertThat(packageJson.at("/devDependencies/aws-cdk").asText()).isEqualTo("2.1148.1");
    assertThat(packageJson.at("/dependencies/dynalite").asText()).isEqualTo("4.0.0");
    JsonNode lock = JSON.readTree(root.resolve("package-lock.json").toFile());
    assertThat(lock.at("/packages/node_modules~1aws-cdk/version").asText()).isEqualTo("2.1148.1");
  }

  @Test
  void samconfigReadsTheTemplateThisAppWrites() throws IOException {
    String samconfig = Files.readString(root.resolve("samconfig.toml"));
    assertThat(samconfig)
        .contains("template_file = \"cdk.out/" + RendezvousApp.STACK_NAME + ".template.json\"")
        .contains("env_vars = \"events/sam-env-vars.json\"");
    assertThat(root.resolve("events/sam-env-vars.json")).isRegularFile();
  }

  @Test
  void httpApiEventsArePayload20OnDocumentedRoutes() throws IOException {
    for (String name : new String[] {"http-api-v2-register.json", "http-api-v2-peer-status.json"}) {
      JsonNode event = event(name);
      assertThat(event.path("version").asText()).isEqualTo("2.0");
      assertThat(RendezvousApi.ROUTE_KEYS).contains(event.path("routeKey").asText());
      assertThat(event.at("/requestContext/routeKey").asText())
          .isEqualTo(event.path("routeKey").asText());
      assertThat(event.at("/requestContext/http/path").asText())
          .isEqualTo(event.path("rawPath").asText());
      assertThat(event.at("/requestContext/stage").asText()).isEqualTo("$default");
    }
    JsonNode status = event("http-api-v2-peer-status.json");
    assertThat(status.at("/headers/authorization").asText()).matches("Bearer [0-9a-f]{64}");
    assertThat(status.at("/pathParameters/client_id").asText()).matches("[0-9a-f]{32}");
    assertThat(status.path("rawPath").asText())
        .isEqualTo("/peer/" + status.at("/pathParameters/client_id").asText() + "/udp/status");
  }

  @Test
  void restApiEventIsAProxyEventOnTheLocalStage() throws IOException {
    JsonNode event = event("rest-api-v1-register.json");
    assertThat(event.path("httpMethod").asText()).isEqualTo("POST");
    assertThat(event.path("path").asText()).isEqualTo("/register");
    assertThat(event.path("resource").asText()).isEqualTo("/{proxy+}");
    assertThat(event.at("/requestContext/stage").asText()).isEqualTo("local");
    assertThat(event.at("/requestContext/identity/sourceIp").asText()).isNotEmpty();
  }

  @Test
  void scheduledEventIsWhatAnEventBridgeScheduleSends() throws IOException {
    JsonNode event = event("eventbridge-scheduled.json");
    assertThat(event.path("detail-type").asText()).isEqualTo("Scheduled Event");
    assertThat(event.path("source").asText()).isEqualTo("aws.events");
    assertThat(event.path("resources").get(0).asText()).startsWith("arn:aws:events:");
    assertThat(event.path("detail").isObject()).isTrue();
  }

  @Test
  void handlerNamesAreTheSharedOnes() {
    assertThat(RendezvousFunctionsProps.HTTP_API_HANDLER)
        .isEqualTo("io.micronaut.function.aws.proxy.payload2.APIGatewayV2HTTPEventFunction");
    assertThat(RendezvousFunctionsProps.REST_API_HANDLER)
        .isEqualTo("io.micronaut.function.aws.proxy.payload1.ApiGatewayProxyRequestEventFunction");
    assertThat(RendezvousFunctionsProps.EXPIRY_HANDLER)
        .isEqualTo("dev.rendezvous.functions.expiry.ExpiryFunction");
  }

  private JsonNode event(String name) throws IOException {
    return JSON.readTree(root.resolve("events").resolve(name).toFile());
  }
}
