package dev.rendezvous.infra.construct;

import java.util.Objects;
import software.amazon.awscdk.services.lambda.IFunction;

/**
 * Options of {@link RendezvousApi}.
 *
 * @param handler the function (its {@code live} alias) behind every route
 * @param stageThrottle the limit for the whole stage
 * @param registerThrottle a tighter limit for {@code POST /register}, the one unauthenticated route
 *     that creates state
 */
public record RendezvousApiProps(
    IFunction handler, Throttle stageThrottle, Throttle registerThrottle) {

  public RendezvousApiProps {
    Objects.requireNonNull(handler, "handler");
    Objects.requireNonNull(stageThrottle, "stageThrottle");
    Objects.requireNonNull(registerThrottle, "registerThrottle");
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Builds {@link RendezvousApiProps}; defaults 500/s burst 1000, register 50/s burst 100. */
  public static final class Builder {
    private IFunction handler;
    private Throttle stageThrottle = new Throttle(500, 1000);
    private Throttle registerThrottle = new Throttle(50, 100);

    private Builder() {}

    public Builder handler(IFunction handler) {
      this.handler = handler;
      return this;
    }

    public Builder stageThrottle(Throttle stageThrottle) {
      this.stageThrottle = stageThrottle;
      return this;
    }

    public Builder registerThrottle(Throttle registerThrottle) {
      this.registerThrottle = registerThrottle;
      return this;
    }

    public RendezvousApiProps build() {
      return new RendezvousApiProps(handler, stageThrottle, registerThrottle);
    }
  }
}
