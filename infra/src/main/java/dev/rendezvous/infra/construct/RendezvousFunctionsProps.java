package dev.rendezvous.infra.construct;

import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import software.amazon.awscdk.services.lambda.Architecture;
import software.amazon.awscdk.services.lambda.Runtime;
import software.amazon.awscdk.services.logs.RetentionDays;

/**
 * Options of {@link RendezvousFunctions}.
 *
 * @param codeJar the shaded jar holding both handlers (a file; uploaded as it is)
 * @param apiHandler the HTTP handler class: payload v2 for the HTTP API, v1 for a REST API
 * @param environment the variables every function gets (the README's configuration table)
 * @param snapStart publish versions with SnapStart (off for LocalStack)
 * @param runtime the newest Java runtime the code runs on (Java 17 bytecode; SnapStart supports
 *     it), older where an emulator lacks it
 * @param apiPlacement the API function's VPC placement (it calls the edge tasks' internal API), or
 *     empty outside a VPC (LocalStack)
 */
public record RendezvousFunctionsProps(
    RendezvousTable table,
    Path codeJar,
    String apiHandler,
    Map<String, String> environment,
    FunctionSizing apiSizing,
    FunctionSizing expirySizing,
    RetentionDays logRetention,
    boolean snapStart,
    Architecture architecture,
    Runtime runtime,
    Optional<FunctionPlacement> apiPlacement) {

  /** Micronaut's handler for API Gateway HTTP APIs (payload format 2.0). */
  public static final String HTTP_API_HANDLER =
      "io.micronaut.function.aws.proxy.payload2.APIGatewayV2HTTPEventFunction";

  /** Micronaut's handler for API Gateway REST APIs (payload format 1.0). */
  public static final String REST_API_HANDLER =
      "io.micronaut.function.aws.proxy.payload1.ApiGatewayProxyRequestEventFunction";

  /** The scheduled sweep. */
  public static final String EXPIRY_HANDLER = "dev.rendezvous.functions.expiry.ExpiryFunction";

  public RendezvousFunctionsProps {
    Objects.requireNonNull(table, "table");
    Objects.requireNonNull(codeJar, "codeJar");
    Objects.requireNonNull(apiHandler, "apiHandler");
    environment = Map.copyOf(environment);
    FunctionSizing.require(apiSizing, "api");
    FunctionSizing.require(expirySizing, "expiry");
    Objects.requireNonNull(logRetention, "logRetention");
    Objects.requireNonNull(architecture, "architecture");
    Objects.requireNonNull(runtime, "runtime");
    Objects.requireNonNull(apiPlacement, "apiPlacement");
  }

  public static Builder builder() {
    return new Builder();
  }

  /**
   * Builds {@link RendezvousFunctionsProps}; defaults: HTTP API handler, SnapStart, arm64, Java 25.
   */
  public static final class Builder {
    private RendezvousTable table;
    private Path codeJar;
    private String apiHandler = HTTP_API_HANDLER;
    private Map<String, String> environment = Map.of();
    private FunctionSizing apiSizing = new FunctionSizing(1024, 10);
    private FunctionSizing expirySizing = new FunctionSizing(512, 50);
    private RetentionDays logRetention = RetentionDays.ONE_MONTH;
    private boolean snapStart = true;
    private Architecture architecture = Architecture.ARM_64;
    private Runtime runtime = Runtime.JAVA_25;
    private Optional<FunctionPlacement> apiPlacement = Optional.empty();

    private Builder() {}

    public Builder table(RendezvousTable table) {
      this.table = table;
      return this;
    }

    public Builder codeJar(Path codeJar) {
      this.codeJar = codeJar;
      return this;
    }

    public Builder apiHandler(String apiHandler) {
      this.apiHandler = apiHandler;
      return this;
    }

    public Builder environment(Map<String, String> environment) {
      this.environment = environment;
      return this;
    }

    public Builder apiSizing(FunctionSizing apiSizing) {
      this.apiSizing = apiSizing;
      return this;
    }

    public Builder expirySizing(FunctionSizing expirySizing) {
      this.expirySizing = expirySizing;
      return this;
    }

    public Builder logRetention(RetentionDays logRetention) {
      this.logRetention = logRetention;
      return this;
    }

    public Builder snapStart(boolean snapStart) {
      this.snapStart = snapStart;
      return this;
    }

    public Builder architecture(Architecture architecture) {
      this.architecture = architecture;
      return this;
    }

    public Builder runtime(Runtime runtime) {
      this.runtime = runtime;
      return this;
    }

    public Builder apiPlacement(FunctionPlacement apiPlacement) {
      this.apiPlacement = Optional.of(apiPlacement);
      return this;
    }

    public RendezvousFunctionsProps build() {
      return new RendezvousFunctionsProps(
          table,
          codeJar,
          apiHandler,
          environment,
          apiSizing,
          expirySizing,
          logRetention,
          snapStart,
          architecture,
          runtime,
          apiPlacement);
    }
  }
}
