package dev.rendezvous.edge.pulse;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rendezvous.core.registry.ObservedAddress;
import dev.rendezvous.edge.observe.DropReason;
import dev.rendezvous.protocol.ResponseCode;
import dev.rendezvous.protocol.identity.ClientCredentials;
import dev.rendezvous.protocol.identity.PulseMacKey;
import dev.rendezvous.protocol.v2.PulseV2Reply;
import dev.rendezvous.protocol.v2.PulseV2ReplyCodec;
import dev.rendezvous.protocol.v2.PulseV2RequestCodec;
import java.net.InetSocketAddress;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class V2PulsePipelineTest {
  private final PipelineFixture edge = new PipelineFixture();

  private byte[] pulse(ClientCredentials c, long counter) {
    return PulseV2RequestCodec.encode(c.clientId(), counter, c.privateKey().pulseMacKey());
  }

  private long now() {
    return edge.clock.millis();
  }

  private PulseV2Reply decode(byte[] reply, ClientCredentials c) {
    assertThat(reply).as("a reply").isNotNull();
    return PulseV2ReplyCodec.decode(reply, c.privateKey().pulseMacKey());
  }

  @Test
  void authenticPulseIsRecordedAndTheReplyTellsTheObservedMapping() {
    ClientCredentials c = edge.register();
    InetSocketAddress from = PipelineFixture.sender(41001);
    long counter = now();

    PulseV2Reply reply = decode(edge.send(pulse(c, counter), from), c);

    assertThat(reply.code()).isEqualTo(ResponseCode.ACCEPTED);
    assertThat(reply.counter()).isEqualTo(counter);
    assertThat(reply.observedAddress()).isEqualTo(from.getAddress());
    assertThat(reply.observedPort()).isEqualTo(41001);
    var stored = edge.registry.find(c.clientId()).orElseThrow();
    assertThat(stored.latestAddress()).contains(new ObservedAddress("203.0.113.7", 41001));
    assertThat(stored.highestCounter()).isEqualTo(counter);
  }

  @Test
  void theKeyIsReadFromStorageOnceThenCached() {
    ClientCredentials c = edge.register();
    edge.send(pulse(c, now()), PipelineFixture.sender(41002));
    int callsAfterFirst = edge.recorder.calls(); // lookUp + write

    edge.send(pulse(c, now() + 1), PipelineFixture.sender(41002));

    assertThat(callsAfterFirst).isEqualTo(2);
    assertThat(edge.recorder.calls()).isEqualTo(3); // the write only
  }

  @Test
  void replayedDatagramGetsSilenceAndChangesNothing() {
    ClientCredentials c = edge.register();
    byte[] datagram = pulse(c, now());
    assertThat(edge.send(datagram, PipelineFixture.sender(41003))).isNotNull();

    InetSocketAddress attacker = new InetSocketAddress(PipelineFixture.addr("192.0.2.66"), 9999);
    assertThat(edge.send(datagram, attacker)).isNull();

    assertThat(edge.metrics.drops(DropReason.REPLAYED)).isEqualTo(1);
    assertThat(edge.registry.find(c.clientId()).orElseThrow().latestAddress())
        .contains(new ObservedAddress("203.0.113.7", 41003));
  }

  @Test
  void olderCounterIsAReplayToo() {
    ClientCredentials c = edge.register();
    long counter = now();
    assertThat(edge.send(pulse(c, counter), PipelineFixture.sender(41004))).isNotNull();

    assertThat(edge.send(pulse(c, counter - 1), PipelineFixture.sender(41004))).isNull();
    assertThat(edge.metrics.drops(DropReason.REPLAYED)).isEqualTo(1);
  }

  @Test
  void counterTooFarFromTheClockGetsSilence() {
    ClientCredentials c = edge.register();
    long skew = Duration.ofSeconds(301).toMillis();

    assertThat(edge.send(pulse(c, now() - skew), PipelineFixture.sender(41005))).isNull();
    assertThat(edge.send(pulse(c, now() + skew), PipelineFixture.sender(41005))).isNull();

    assertThat(edge.metrics.drops(DropReason.STALE)).isEqualTo(2);
    assertThat(edge.recorder.calls()).isZero();
  }

  @Test
  void wrongMacGetsSilenceWhicheverByteIsTampered() {
    ClientCredentials c = edge.register();
    for (int i : new int[] {4, 19, 20, 27, 44, 59}) {
      byte[] datagram = pulse(c, now() + i);
      datagram[i] ^= 0x01;
      assertThat(edge.send(datagram, PipelineFixture.sender(41006))).as("byte " + i).isNull();
    }
    assertThat(edge.registry.find(c.clientId()).orElseThrow().latestPulseAt()).isEmpty();
  }

  @Test
  void pulseSignedWithAnotherClientsKeyGetsSilence() {
    ClientCredentials c = edge.register();
    ClientCredentials other = edge.register();
    byte[] forged =
        PulseV2RequestCodec.encode(c.clientId(), now(), other.privateKey().pulseMacKey());

    assertThat(edge.send(forged, PipelineFixture.sender(41007))).isNull();
    assertThat(edge.metrics.drops(DropReason.UNAUTHENTICATED)).isEqualTo(1);
  }

  @Test
  void clientWithNoStoredItemGetsSilence() {
    ClientCredentials never = edge.unregistered();

    assertThat(edge.send(pulse(never, now()), PipelineFixture.sender(41008))).isNull();
    assertThat(edge.metrics.drops(DropReason.UNKNOWN_CLIENT)).isEqualTo(1);
  }

  @Test
  void pendingClientGetsAnAuthenticated1050() {
    ClientCredentials c = edge.register();
    edge.clock.advance(Duration.ofSeconds(4));

    assertThat(decode(edge.send(pulse(c, now()), PipelineFixture.sender(41009)), c).code())
        .isEqualTo(ResponseCode.PENDING);
  }

  @Test
  void expiredButUnsweptClientGetsAnAuthenticated1060() {
    ClientCredentials c = edge.register();
    edge.clock.advance(Duration.ofSeconds(7));

    assertThat(decode(edge.send(pulse(c, now()), PipelineFixture.sender(41010)), c).code())
        .isEqualTo(ResponseCode.UNKNOWN);
  }

  @Test
  void afterLogoutACachedKeyGivesOneAuthenticated1060ThenSilence() {
    ClientCredentials c = edge.register();
    assertThat(edge.send(pulse(c, now()), PipelineFixture.sender(41011))).isNotNull();
    edge.registry.logout(c.privateKey());

    assertThat(decode(edge.send(pulse(c, now() + 1), PipelineFixture.sender(41011)), c).code())
        .isEqualTo(ResponseCode.UNKNOWN);
    assertThat(edge.send(pulse(c, now() + 2), PipelineFixture.sender(41011))).isNull();
    assertThat(edge.metrics.drops(DropReason.UNKNOWN_CLIENT)).isEqualTo(1);
  }

  @Test
  void replyIsAuthenticatedUnderTheClientsKeyOnly() {
    ClientCredentials c = edge.register();
    byte[] reply = edge.send(pulse(c, now()), PipelineFixture.sender(41012));
    PulseMacKey wrong = edge.unregistered().privateKey().pulseMacKey();

    org.assertj.core.api.Assertions.assertThatThrownBy(() -> PulseV2ReplyCodec.decode(reply, wrong))
        .isInstanceOf(dev.rendezvous.protocol.MalformedPulseException.class);
  }

  @Test
  void v2StillWorksWithV1TurnedOff() {
    PipelineFixture.Options options = PipelineFixture.Options.defaults();
    options.v1Enabled = false;
    PipelineFixture off = new PipelineFixture(options);
    ClientCredentials c = off.register();

    byte[] reply =
        off.send(
            PulseV2RequestCodec.encode(
                c.clientId(), off.clock.millis(), c.privateKey().pulseMacKey()),
            PipelineFixture.sender(41013));

    assertThat(PulseV2ReplyCodec.decode(reply, c.privateKey().pulseMacKey()).code())
        .isEqualTo(ResponseCode.ACCEPTED);
  }

  @Test
  void badHeaderOrReservedBytesGetSilence() {
    ClientCredentials c = edge.register();
    for (int i : new int[] {1, 2, 3, 28, 43}) {
      byte[] datagram = pulse(c, now() + i);
      datagram[i] ^= 0x10;
      assertThat(edge.send(datagram, PipelineFixture.sender(41014))).as("byte " + i).isNull();
    }
    assertThat(edge.metrics.drops(DropReason.MALFORMED)).isEqualTo(5);
    assertThat(edge.recorder.calls()).isZero();
  }
}
