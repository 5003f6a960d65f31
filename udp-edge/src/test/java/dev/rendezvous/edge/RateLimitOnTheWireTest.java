package dev.rendezvous.edge;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rendezvous.core.directory.memory.InMemoryDirectory;
import dev.rendezvous.core.timing.LivenessRules;
import dev.rendezvous.edge.observe.DropReason;
import dev.rendezvous.protocol.identity.ClientCredentials;
import dev.rendezvous.protocol.identity.CredentialFactory;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Real sockets: a source that sends too fast gets silence beyond its burst; drain on close. */
class RateLimitOnTheWireTest {

  @Test
  void sourceBeyondItsBurstGetsSilence() throws Exception {
    Map<String, String> env = new java.util.HashMap<>(EdgeOnDynaliteTest.environment());
    env.put("RENDEZVOUS_EDGE_SOURCE_RATE_PER_SECOND", "0.1");
    env.put("RENDEZVOUS_EDGE_SOURCE_BURST", "3");
    EdgeSettings settings = EdgeSettings.fromEnvironment(env);
    Clock clock = Clock.systemUTC();
    InMemoryDirectory store =
        new InMemoryDirectory(new LivenessRules(settings.shared().timings()), clock);
    ClientCredentials c = new CredentialFactory().issue();
    store.register(c);
    try (Edge edge = Edge.start(settings, store.live(), clock);
        UdpProbe probe = new UdpProbe(edge.udpPort())) {
      int answered = 0;
      for (int i = 0; i < 6; i++) {
        if (probe.exchange(c.privateKey().toBytes(), Duration.ofMillis(500)) != null) {
          answered++;
        }
      }
      assertThat(answered).isEqualTo(3);
      assertThat(edge.metrics().drops(DropReason.RATE_LIMITED_SOURCE)).isEqualTo(3);
    }
  }
}
