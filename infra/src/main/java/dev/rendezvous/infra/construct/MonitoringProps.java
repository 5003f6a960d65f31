package dev.rendezvous.infra.construct;

import java.util.Objects;
import java.util.Optional;

/**
 * Options of {@link Monitoring}.
 *
 * @param alarmEmail an address subscribed to the alarm topic (it must confirm), or empty
 */
public record MonitoringProps(
    RendezvousTable table,
    RendezvousApi api,
    RendezvousFunctions functions,
    UdpEdgeService edge,
    Optional<String> alarmEmail) {

  public MonitoringProps {
    Objects.requireNonNull(table, "table");
    Objects.requireNonNull(api, "api");
    Objects.requireNonNull(functions, "functions");
    Objects.requireNonNull(edge, "edge");
    Objects.requireNonNull(alarmEmail, "alarmEmail");
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Builds {@link MonitoringProps}. */
  public static final class Builder {
    private RendezvousTable table;
    private RendezvousApi api;
    private RendezvousFunctions functions;
    private UdpEdgeService edge;
    private Optional<String> alarmEmail = Optional.empty();

    private Builder() {}

    public Builder table(RendezvousTable table) {
      this.table = table;
      return this;
    }

    public Builder api(RendezvousApi api) {
      this.api = api;
      return this;
    }

    public Builder functions(RendezvousFunctions functions) {
      this.functions = functions;
      return this;
    }

    public Builder edge(UdpEdgeService edge) {
      this.edge = edge;
      return this;
    }

    public Builder alarmEmail(Optional<String> alarmEmail) {
      this.alarmEmail = alarmEmail;
      return this;
    }

    public MonitoringProps build() {
      return new MonitoringProps(table, api, functions, edge, alarmEmail);
    }
  }
}
