package dev.rendezvous.infra.construct;

import java.util.Objects;
import software.amazon.awscdk.services.apigatewayv2.IHttpRouteAuthorizer;
import software.amazon.awscdk.services.lambda.IFunction;
import software.amazon.awscdk.services.logs.RetentionDays;

/**
 * Options of {@link RendezvousApi}.
 *
 * @param handler the function (its {@code live} alias) behind every route
 * @param stageThrottle the limit for the whole stage
 * @param registerThrottle a tighter limit for {@code POST /register}, the one unauthenticated route
 *     that creates state
 * @param logRetention how long the access log is kept
 * @param authorizer checks every route's requests before the function runs (the origin check)
 */
public record RendezvousApiProps(
    IFunction handler,
    Throttle stageThrottle,
    Throttle registerThrottle,
    RetentionDays logRetention,
    IHttpRouteAuthorizer authorizer) {

  public RendezvousApiProps {
    Objects.requireNonNull(handler, "handler");
    Objects.requireNonNull(stageThrottle, "stageThrottle");
    Objects.requireNonNull(registerThrottle, "registerThrottle");
    Objects.requireNonNull(logRetention, "logRetention");
    Objects.requireNonNull(authorizer, "authorizer");
  }
}
