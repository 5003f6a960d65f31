package dev.rendezvous.infra.construct;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awscdk.Annotations;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.services.iam.Role;
import software.amazon.awscdk.services.iam.ServicePrincipal;
import software.amazon.awscdk.services.lambda.Alias;
import software.amazon.awscdk.services.lambda.Code;
import software.amazon.awscdk.services.lambda.Function;
import software.amazon.awscdk.services.lambda.SnapStartConf;
import software.amazon.awscdk.services.logs.LogGroup;
import software.constructs.Construct;

/**
 * The two Lambda functions built from the one shaded jar: the HTTP API handler and the scheduled
 * expiry sweep. Each gets its own role (table access per {@link TableAccess}, log writes to its own
 * log group, nothing else: no managed policy with {@code *} resources), its own log group with a
 * retention, and a {@code live} alias on a published version, which is where SnapStart applies.
 *
 * <p>The API function runs in the service's VPC when given a placement: it asks the edge tasks for
 * the live state of a client over their internal API, which only its security group may reach. Its
 * role then also holds the network-interface permissions Lambda needs ({@code
 * NetworkInterfaceAccess}). The sweep reads and writes only the table, so it stays outside the VPC
 * (no network interface, no cold-start cost of one).
 *
 * <p>Sizing (defaults, see infra/README.md): the API function has 1024 MB because Lambda gives CPU
 * in proportion to memory and the first requests after a SnapStart restore are CPU-bound (class
 * loading, JIT); its 10 s timeout is far above a request's few DynamoDB calls and well under API
 * Gateway's 30 s. The sweep gets 512 MB and 50 s: it runs every minute, so it must finish before
 * the next run starts.
 */
public final class RendezvousFunctions extends Construct {
  /** The alias every trigger targets; SnapStart snapshots are taken for published versions. */
  public static final String ALIAS = "live";

  /** C1 only: shorter warm-up for short request handlers, the AWS advice for Java on Lambda. */
  static final String JAVA_TOOL_OPTIONS = "-XX:+TieredCompilation -XX:TieredStopAtLevel=1";

  private final Function apiFunction;
  private final Alias apiAlias;
  private final Function expiryFunction;
  private final Alias expiryAlias;

  public RendezvousFunctions(Construct scope, String id, RendezvousFunctionsProps props) {
    super(scope, id);
    Code code = Code.fromAsset(props.codeJar().toString());
    this.apiFunction =
        function(
            "Api",
            props,
            code,
            props.apiHandler(),
            props.apiSizing(),
            TableAccess.API,
            props.apiPlacement(),
            "Rendezvous HTTP routes (Micronaut)");
    this.apiAlias = alias("ApiLive", apiFunction);
    this.expiryFunction =
        function(
            "Expiry",
            props,
            code,
            RendezvousFunctionsProps.EXPIRY_HANDLER,
            props.expirySizing(),
            TableAccess.EXPIRY,
            Optional.empty(),
            "Rendezvous expiry sweep (every minute)");
    this.expiryAlias = alias("ExpiryLive", expiryFunction);
  }

  private Function function(
      String id,
      RendezvousFunctionsProps props,
      Code code,
      String handler,
      FunctionSizing sizing,
      TableAccess access,
      Optional<FunctionPlacement> placement,
      String description) {
    LogGroup logGroup =
        LogGroup.Builder.create(this, id + "Logs")
            .retention(props.logRetention())
            .removalPolicy(RemovalPolicy.DESTROY)
            .build();
    Role role =
        Role.Builder.create(this, id + "Role")
            .assumedBy(new ServicePrincipal("lambda.amazonaws.com"))
            .description(description + ": table access and its own log group only")
            .build();
    logGroup.grantWrite(role);
    props.table().grant(role, access);
    Map<String, String> environment = new HashMap<>(props.environment());
    environment.put("JAVA_TOOL_OPTIONS", JAVA_TOOL_OPTIONS);
    Function.Builder builder =
        Function.Builder.create(this, id)
            .description(description)
            .runtime(props.runtime())
            .architecture(props.architecture())
            .code(code)
            .handler(handler)
            .memorySize(sizing.memoryMb())
            .timeout(Duration.seconds(sizing.timeoutSeconds()))
            .role(role)
            .logGroup(logGroup)
            .environment(environment);
    if (props.snapStart()) {
      builder.snapStart(SnapStartConf.ON_PUBLISHED_VERSIONS);
    }
    placement.ifPresent(
        p -> {
          builder.vpc(p.vpc()).vpcSubnets(p.subnets()).securityGroups(List.of(p.securityGroup()));
          NetworkInterfaceAccess.grant(role);
        });
    Function function = builder.build();
    if (props.snapStart()) {
      // The warning asks for published versions: alias() publishes one on every code change.
      Annotations.of(function)
          .acknowledgeWarning(
              "@aws-cdk/aws-lambda:snapStartRequirePublish",
              "every function is published through its live alias (currentVersion)");
    }
    return function;
  }

  private Alias alias(String id, Function function) {
    return Alias.Builder.create(this, id)
        .aliasName(ALIAS)
        .version(function.getCurrentVersion())
        .build();
  }

  public Function apiFunction() {
    return apiFunction;
  }

  public Alias apiAlias() {
    return apiAlias;
  }

  public Function expiryFunction() {
    return expiryFunction;
  }

  public Alias expiryAlias() {
    return expiryAlias;
  }
}
