package dev.rendezvous.edge.pulse;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rendezvous.core.registry.ObservedAddress;
import dev.rendezvous.edge.observe.DropReason;
import dev.rendezvous.protocol.ResponseCode;
import dev.rendezvous.protocol.identity.ClientCredentials;
import dev.rendezvous.protocol.v1.PulseV1ReplyCodec;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class V1PulsePipelineTest {
  private final PipelineFixture edge = new PipelineFixture();

  private ResponseCode pulse(ClientCredentials c, InetSocketAddress from) {
    byte[] reply = edge.send(c.privateKey().toBytes(), from);
    assertThat(reply).as("a reply").isNotNull();
    return PulseV1ReplyCodec.decode(reply);
  }

  @Test
  void registeredClientIsAcceptedAndItsSourceRecorded() {
    ClientCredentials c = edge.register();
    InetSocketAddress from = PipelineFixture.sender(40001);

    assertThat(pulse(c, from)).isEqualTo(ResponseCode.ACCEPTED);

    assertThat(edge.registry.find(c.clientId()).orElseThrow().latestAddress())
        .contains(new ObservedAddress("203.0.113.7", 40001));
    assertThat(edge.metrics.replies(ResponseCode.ACCEPTED)).isEqualTo(1);
  }

  @Test
  void hexFormOfTheKeyIsAcceptedToo() {
    ClientCredentials c = edge.register();
    byte[] hex = c.privateKey().revealHex().getBytes(StandardCharsets.US_ASCII);

    byte[] reply = edge.send(hex, PipelineFixture.sender(40002));

    assertThat(PulseV1ReplyCodec.decode(reply)).isEqualTo(ResponseCode.ACCEPTED);
  }

  @Test
  void upperCaseHexIsTheSameKey() {
    ClientCredentials c = edge.register();
    byte[] hex =
        c.privateKey()
            .revealHex()
            .toUpperCase(java.util.Locale.ROOT)
            .getBytes(StandardCharsets.US_ASCII);

    assertThat(PulseV1ReplyCodec.decode(edge.send(hex, PipelineFixture.sender(40003))))
        .isEqualTo(ResponseCode.ACCEPTED);
  }

  @Test
  void unknownKeyGets1060() {
    assertThat(pulse(edge.unregistered(), PipelineFixture.sender(40004)))
        .isEqualTo(ResponseCode.UNKNOWN);
  }

  @Test
  void pendingClientGets1050UntilItVerifies() {
    ClientCredentials c = edge.register();
    edge.clock.advance(Duration.ofSeconds(4)); // past interval 2 s + grace 1 s

    assertThat(pulse(c, PipelineFixture.sender(40005))).isEqualTo(ResponseCode.PENDING);
    edge.registry.verify(c.privateKey());
    assertThat(pulse(c, PipelineFixture.sender(40005))).isEqualTo(ResponseCode.ACCEPTED);
  }

  @Test
  void loggedOutClientGets1060() {
    ClientCredentials c = edge.register();
    assertThat(pulse(c, PipelineFixture.sender(40006))).isEqualTo(ResponseCode.ACCEPTED);

    edge.registry.logout(c.privateKey());

    assertThat(pulse(c, PipelineFixture.sender(40006))).isEqualTo(ResponseCode.UNKNOWN);
  }

  @Test
  void expiredClientGets1060() {
    ClientCredentials c = edge.register();
    edge.clock.advance(Duration.ofSeconds(7)); // past interval 2 s + error time 4 s

    assertThat(pulse(c, PipelineFixture.sender(40007))).isEqualTo(ResponseCode.UNKNOWN);
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 1, 4, 31, 33, 52, 59, 61, 63, 65, 100, 1500, 2048})
  void anyOtherLengthGetsSilence(int length) {
    byte[] datagram = new byte[length];
    java.util.Arrays.fill(datagram, (byte) 0x41);

    assertThat(edge.send(datagram, PipelineFixture.sender(40008))).isNull();
    assertThat(edge.metrics.drops(DropReason.MALFORMED)).isEqualTo(1);
  }

  @Test
  void hexFormWithANonHexCharacterGetsSilence() {
    ClientCredentials c = edge.register();
    byte[] hex = c.privateKey().revealHex().getBytes(StandardCharsets.US_ASCII);
    hex[10] = 'g';

    assertThat(edge.send(hex, PipelineFixture.sender(40009))).isNull();
    assertThat(edge.metrics.drops(DropReason.MALFORMED)).isEqualTo(1);
  }

  @Test
  void v1TurnedOffGetsSilence() {
    PipelineFixture.Options options = PipelineFixture.Options.defaults();
    options.v1Enabled = false;
    PipelineFixture off = new PipelineFixture(options);
    ClientCredentials c = off.register();

    assertThat(off.send(c.privateKey().toBytes(), PipelineFixture.sender(40010))).isNull();
    assertThat(off.metrics.drops(DropReason.V1_DISABLED)).isEqualTo(1);
    assertThat(off.registry.find(c.clientId()).orElseThrow().latestPulseAt()).isEmpty();
  }

  @Test
  void perClientRateLimitDropsTheExcessAndRefills() {
    PipelineFixture.Options options = PipelineFixture.Options.defaults();
    options.clientRate = 1;
    options.clientBurst = 3;
    PipelineFixture limited = new PipelineFixture(options);
    ClientCredentials c = limited.register();
    byte[] key = c.privateKey().toBytes();

    for (int i = 0; i < 3; i++) {
      assertThat(limited.send(key, PipelineFixture.sender(40011 + i))).isNotNull();
    }
    assertThat(limited.send(key, PipelineFixture.sender(40020))).isNull();
    assertThat(limited.metrics.drops(DropReason.RATE_LIMITED_CLIENT)).isEqualTo(1);

    limited.clock.advance(Duration.ofSeconds(1));
    assertThat(limited.send(key, PipelineFixture.sender(40021))).isNotNull();
  }

  @Test
  void perSourceRateLimitDropsBeforeAnyStorageCall() {
    PipelineFixture.Options options = PipelineFixture.Options.defaults();
    options.sourceRate = 1;
    options.sourceBurst = 2;
    PipelineFixture limited = new PipelineFixture(options);
    ClientCredentials c = limited.register();
    byte[] key = c.privateKey().toBytes();

    assertThat(limited.send(key, PipelineFixture.sender(40030))).isNotNull();
    assertThat(limited.send(key, PipelineFixture.sender(40031))).isNotNull();
    int callsBefore = limited.recorder.calls();
    assertThat(limited.send(key, PipelineFixture.sender(40032))).isNull();
    assertThat(limited.recorder.calls()).isEqualTo(callsBefore);
    assertThat(limited.metrics.drops(DropReason.RATE_LIMITED_SOURCE)).isEqualTo(1);

    // Another source address has its own bucket.
    InetSocketAddress other = new InetSocketAddress(PipelineFixture.addr("198.51.100.9"), 40033);
    assertThat(limited.send(key, other)).isNotNull();
  }

  @Test
  void ipv6SourceIsRecordedAsTextWithoutAssumingFourBytes() {
    ClientCredentials c = edge.register();
    InetSocketAddress from = new InetSocketAddress(PipelineFixture.addr("2001:db8::7"), 40040);

    assertThat(pulse(c, from)).isEqualTo(ResponseCode.ACCEPTED);
    assertThat(edge.registry.find(c.clientId()).orElseThrow().latestAddress())
        .contains(new ObservedAddress("2001:db8:0:0:0:0:0:7", 40040));
  }
}
