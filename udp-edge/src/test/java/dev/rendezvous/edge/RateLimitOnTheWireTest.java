package dev.rendezvous.edge;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rendezvous.core.directory.memory.InMemoryDirectory;
import dev.rendezvous.core.timing.LivenessRules;
import dev.rendezvous.edge.observe.DropReason;
import dev.rendezvous.protocol.ResponseCode;
import dev.rendezvous.protocol.identity.ClientCredentials;
import dev.rendezvous.protocol.identity.CredentialFactory;
import dev.rendezvous.protocol.v1.PulseV1ReplyCodec;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Real sockets: a source that makes the edge read storage too fast gets silence beyond its burst,
 * while a client the edge owns, pulsing from that same source, is never limited.
 */
class RateLimitOnTheWireTest {

  @Test
  void aSourceBeyondItsReadBurstGetsSilenceButItsOwnedClientDoesNot() throws Exception {
    Map<String, String> env = new java.util.HashMap<>(EdgeOnDynaliteTest.environment());
    env.put("RENDEZVOUS_EDGE_THREADS", "1");
    env.put("RENDEZVOUS_EDGE_SOURCE_RATE_PER_SECOND", "0.1");
    env.put("RENDEZVOUS_EDGE_SOURCE_BURST", "3");
    EdgeSettings settings = EdgeSettings.fromEnvironment(env);
    Clock clock = Clock.systemUTC();
    InMemoryDirectory directory =
        new InMemoryDirectory(new LivenessRules(settings.shared().timings()), clock);
    CredentialFactory factory = new CredentialFactory();
    ClientCredentials owned = factory.issue();
    directory.register(owned);
    try (Edge edge = Edge.start(settings, directory.live(), clock);
        UdpProbe probe = new UdpProbe(edge.udpPort())) {
      byte[] key = owned.privateKey().toBytes();
      assertThat(PulseV1ReplyCodec.decode(probe.exchange(key, Duration.ofSeconds(2))))
          .as("takeover: one read")
          .isEqualTo(ResponseCode.ACCEPTED);
      int unknownAnswered = 0;
      for (int i = 0; i < 5; i++) { // unknown keys: each costs a read, so each spends a token
        if (probe.exchange(factory.issue().privateKey().toBytes(), Duration.ofMillis(500))
            != null) {
          unknownAnswered++;
        }
      }
      for (int i = 0; i < 10; i++) {
        assertThat(PulseV1ReplyCodec.decode(probe.exchange(key, Duration.ofSeconds(2))))
            .as("the owned client, from the same source")
            .isEqualTo(ResponseCode.ACCEPTED);
      }

      assertThat(unknownAnswered).isEqualTo(2);
      assertThat(edge.metrics().drops(DropReason.RATE_LIMITED_SOURCE)).isEqualTo(3);
    }
  }
}
