package dev.rendezvous.infra;

import dev.rendezvous.infra.construct.ApiFront;
import dev.rendezvous.infra.construct.EdgePorts;
import dev.rendezvous.infra.construct.ExpirySchedule;
import dev.rendezvous.infra.construct.FunctionPlacement;
import dev.rendezvous.infra.construct.FunctionSizing;
import dev.rendezvous.infra.construct.LogRetention;
import dev.rendezvous.infra.construct.Monitoring;
import dev.rendezvous.infra.construct.MonitoringProps;
import dev.rendezvous.infra.construct.OriginVerification;
import dev.rendezvous.infra.construct.RendezvousApi;
import dev.rendezvous.infra.construct.RendezvousApiProps;
import dev.rendezvous.infra.construct.RendezvousFunctions;
import dev.rendezvous.infra.construct.RendezvousFunctionsProps;
import dev.rendezvous.infra.construct.RendezvousTable;
import dev.rendezvous.infra.construct.RestApiV1;
import dev.rendezvous.infra.construct.ServiceNetwork;
import dev.rendezvous.infra.construct.ServiceNetworkProps;
import dev.rendezvous.infra.construct.TableAccess;
import dev.rendezvous.infra.construct.Throttle;
import dev.rendezvous.infra.construct.UdpEdgeService;
import dev.rendezvous.infra.construct.UdpEdgeServiceProps;
import java.util.List;
import java.util.Optional;
import software.amazon.awscdk.Aws;
import software.amazon.awscdk.CfnOutput;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.services.lambda.Architecture;
import software.amazon.awscdk.services.lambda.Runtime;
import software.amazon.awscdk.services.logs.RetentionDays;
import software.constructs.Construct;

/**
 * The whole service in one stack. In AWS: the table, the functions, the HTTP API, the expiry
 * schedule, the UDP edge and the monitoring. With {@code localstack=true}: only what LocalStack's
 * free tier emulates (table, functions, schedule, and a REST v1 API in place of the HTTP API).
 */
public final class RendezvousStack extends Stack {
  public static final String OUTPUT_API_URL = "ApiUrl";
  public static final String OUTPUT_NLB_DNS = "EdgeLoadBalancerDnsName";
  public static final String OUTPUT_UDP_PORT = "EdgeUdpPort";
  public static final String OUTPUT_TABLE = "TableName";

  private final RendezvousTable table;
  private final RendezvousFunctions functions;

  /**
   * @param webAclArn the per-address limits for the API's CloudFront distribution (required for the
   *     AWS stack; empty for LocalStack, which has no HTTP API)
   */
  public RendezvousStack(
      Construct scope,
      String id,
      StackProps props,
      InfraSettings settings,
      Optional<String> webAclArn) {
    super(scope, id, props);
    RetentionDays logRetention = LogRetention.ofDays(settings.logRetentionDays());
    this.table =
        new RendezvousTable(
            this, "Table", settings.retainTable(), settings.tableWarmWritesPerSecond());
    EdgePorts ports =
        new EdgePorts(settings.udpPort(), settings.healthPort(), settings.live().internalPort());
    // The LocalStack subset has no edge tasks to reach, so its functions run without a VPC.
    Optional<ServiceNetwork> network =
        settings.localStack()
            ? Optional.empty()
            : Optional.of(
                new ServiceNetwork(
                    this,
                    "Network",
                    new ServiceNetworkProps(
                        settings.natGateways(), settings.edgeIpv6(), ports, logRetention)));
    RendezvousFunctionsProps.Builder functionsProps =
        RendezvousFunctionsProps.builder()
            .table(table)
            .codeJar(settings.functionsJar().toAbsolutePath())
            .apiHandler(
                settings.localStack()
                    ? RendezvousFunctionsProps.REST_API_HANDLER
                    : RendezvousFunctionsProps.HTTP_API_HANDLER)
            .environment(ServiceEnvironment.functions(settings, table.tableName()))
            .apiSizing(new FunctionSizing(settings.apiMemoryMb(), settings.apiTimeoutSeconds()))
            .expirySizing(
                new FunctionSizing(settings.expiryMemoryMb(), settings.expiryTimeoutSeconds()))
            .logRetention(logRetention)
            // LocalStack's free tier has no SnapStart; its Lambda runs x86_64 natively.
            .snapStart(!settings.localStack())
            .architecture(settings.localStack() ? Architecture.X86_64 : Architecture.ARM_64)
            // LocalStack 4.14's Lambda predates the java25 runtime.
            .runtime(settings.localStack() ? Runtime.JAVA_21 : Runtime.JAVA_25);
    network.ifPresent(
        n -> {
          functionsProps.apiPlacement(FunctionPlacement.apiFunction(n));
          // The edge tasks and the API function reach DynamoDB through the endpoint; the sweep
          // runs outside the VPC.
          table.limitEndpoint(n.dynamoDbEndpoint(), List.of(TableAccess.EDGE, TableAccess.API));
        });
    this.functions = new RendezvousFunctions(this, "Functions", functionsProps.build());
    new ExpirySchedule(this, "ExpirySchedule", functions.expiryAlias());
    Throttle stageThrottle =
        new Throttle(settings.apiRateLimitPerSecond(), settings.apiBurstLimit());

    if (settings.localStack()) {
      RestApiV1 restApi = new RestApiV1(this, "RestApi", functions.apiAlias(), stageThrottle);
      output(OUTPUT_API_URL, restApi.url(), "Base URL of the REST v1 API (LocalStack)");
    } else {
      OriginVerification origin =
          new OriginVerification(this, "Origin", logRetention, settings.originSecretGeneration());
      RendezvousApi api =
          new RendezvousApi(
              this,
              "Api",
              new RendezvousApiProps(
                  functions.apiAlias(),
                  stageThrottle,
                  new Throttle(
                      settings.registerRateLimitPerSecond(), settings.registerBurstLimit()),
                  logRetention,
                  origin.authorizer()));
      ApiFront front =
          new ApiFront(
              this,
              "Front",
              api.httpApi(),
              origin,
              webAclArn.orElseThrow(
                  () -> new IllegalArgumentException("the AWS stack needs the firewall's web ACL")),
              settings.logRetentionDays());
      UdpEdgeService edge =
          new UdpEdgeService(
              this,
              "Edge",
              UdpEdgeServiceProps.builder()
                  .table(table)
                  .dockerDirectory(settings.edgeDockerDirectory().toAbsolutePath())
                  .environment(
                      ServiceEnvironment.edge(
                          settings, table.tableName(), Aws.REGION, table.warmWritesPerSecond()))
                  .network(network.orElseThrow())
                  .ports(ports)
                  .cpuUnits(settings.edgeCpuUnits())
                  .memoryMb(settings.edgeMemoryMb())
                  .tasks(settings.edgeMinTasks(), settings.edgeMaxTasks())
                  .cpuTargetPercent(settings.edgeCpuTargetPercent())
                  .maxClientsPerTask(settings.live().maxClientsPerTask())
                  .logRetention(logRetention)
                  .build());
      new Monitoring(
          this,
          "Monitoring",
          MonitoringProps.builder()
              .table(table)
              .api(api)
              .functions(functions)
              .edge(edge)
              .alarmEmail(settings.alarmEmail())
              .build());
      output(OUTPUT_API_URL, front.url(), "Base URL of the HTTP API (through CloudFront)");
      output(
          OUTPUT_NLB_DNS,
          edge.loadBalancer().getLoadBalancerDnsName(),
          "Where clients send UDP pulses");
      output(OUTPUT_UDP_PORT, Integer.toString(settings.udpPort()), "UDP port of the edge");
    }
    output(OUTPUT_TABLE, table.tableName(), "DynamoDB table of clients");
  }

  private void output(String id, String value, String description) {
    CfnOutput.Builder.create(this, id).value(value).description(description).build();
  }

  public RendezvousTable table() {
    return table;
  }

  public RendezvousFunctions functions() {
    return functions;
  }
}
