package dev.rendezvous.edge.pulse;

import static dev.rendezvous.testkit.Await.awaitUntil;
import static org.assertj.core.api.Assertions.assertThat;

import dev.rendezvous.edge.TroubledRecorder.Mode;
import dev.rendezvous.edge.observe.DropReason;
import dev.rendezvous.protocol.ResponseCode;
import dev.rendezvous.protocol.identity.ClientCredentials;
import dev.rendezvous.protocol.v1.PulseV1ReplyCodec;
import dev.rendezvous.protocol.v2.PulseV2RequestCodec;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Slow, failing or throttling storage: no reply at all, never a wrong 1060, and recovery. */
class StorageTroubleTest {

  @Test
  void unavailableStorageGivesSilenceNot1060AndRecovers() {
    PipelineFixture edge = new PipelineFixture();
    ClientCredentials c = edge.register();
    byte[] key = c.privateKey().toBytes();

    edge.recorder.mode(Mode.FAIL_UNAVAILABLE);
    assertThat(edge.send(key, PipelineFixture.sender(42001))).isNull();
    edge.recorder.mode(Mode.FAIL_THROTTLED);
    assertThat(edge.send(key, PipelineFixture.sender(42001))).isNull();

    assertThat(edge.metrics.drops(DropReason.STORAGE_UNAVAILABLE)).isEqualTo(1);
    assertThat(edge.metrics.drops(DropReason.STORAGE_THROTTLED)).isEqualTo(1);
    assertThat(edge.metrics.allStorageErrors()).isEqualTo(2);
    assertThat(edge.metrics.replies(ResponseCode.UNKNOWN)).isZero();
    assertThat(edge.gate.inFlight()).isZero();

    edge.recorder.mode(Mode.PASS);
    assertThat(PulseV1ReplyCodec.decode(edge.send(key, PipelineFixture.sender(42001))))
        .isEqualTo(ResponseCode.ACCEPTED);
  }

  @Test
  void unavailableStorageDuringV2KeyLookUpGivesSilence() {
    PipelineFixture edge = new PipelineFixture();
    ClientCredentials c = edge.register();
    edge.recorder.mode(Mode.FAIL_UNAVAILABLE);

    byte[] datagram =
        PulseV2RequestCodec.encode(c.clientId(), edge.clock.millis(), c.privateKey().pulseMacKey());

    assertThat(edge.send(datagram, PipelineFixture.sender(42002))).isNull();
    assertThat(edge.metrics.drops(DropReason.STORAGE_UNAVAILABLE)).isEqualTo(1);
    assertThat(edge.metrics.drops(DropReason.UNKNOWN_CLIENT)).isZero();
  }

  @Test
  void slowStorageTimesOutWithSilenceEvenIfItLaterSucceeds() throws Exception {
    PipelineFixture.Options options = PipelineFixture.Options.defaults();
    options.storageTimeout = Duration.ofMillis(50);
    PipelineFixture edge = new PipelineFixture(options);
    ClientCredentials c = edge.register();
    edge.recorder.mode(Mode.HOLD);

    assertThat(edge.send(c.privateKey().toBytes(), PipelineFixture.sender(42003))).isNull();
    awaitUntil(
        Duration.ofSeconds(5),
        () -> edge.metrics.drops(DropReason.STORAGE_TIMEOUT) > 0,
        "the storage timeout to drop the held pulse");
    assertThat(edge.metrics.drops(DropReason.STORAGE_TIMEOUT)).isEqualTo(1);
    // The call storage still has keeps its slot until it really ends.
    assertThat(edge.gate.inFlight()).isEqualTo(1);

    edge.recorder.releaseAll();

    assertThat(edge.reply(32, PipelineFixture.sender(42003))).isNull();
    assertThat(edge.gate.inFlight()).isZero();
    assertThat(edge.metrics.replies(ResponseCode.ACCEPTED)).isZero();
  }

  @Test
  void beyondTheInFlightBoundPulsesAreShedThenServedAgain() {
    PipelineFixture.Options options = PipelineFixture.Options.defaults();
    options.maxInFlight = 2;
    PipelineFixture edge = new PipelineFixture(options);
    ClientCredentials a = edge.register();
    ClientCredentials b = edge.register();
    ClientCredentials shed = edge.register();
    edge.recorder.mode(Mode.HOLD);

    assertThat(edge.send(a.privateKey().toBytes(), PipelineFixture.sender(42010))).isNull();
    assertThat(edge.send(b.privateKey().toBytes(), PipelineFixture.sender(42011))).isNull();
    assertThat(edge.send(shed.privateKey().toBytes(), PipelineFixture.sender(42012))).isNull();

    assertThat(edge.metrics.drops(DropReason.OVERLOADED)).isEqualTo(1);
    assertThat(edge.recorder.heldCount()).isEqualTo(2);

    edge.recorder.releaseAll();
    assertThat(PulseV1ReplyCodec.decode(edge.reply(32, PipelineFixture.sender(42010))))
        .isEqualTo(ResponseCode.ACCEPTED);
    assertThat(PulseV1ReplyCodec.decode(edge.reply(32, PipelineFixture.sender(42011))))
        .isEqualTo(ResponseCode.ACCEPTED);
    assertThat(edge.gate.inFlight()).isZero();

    edge.recorder.mode(Mode.PASS);
    assertThat(edge.send(shed.privateKey().toBytes(), PipelineFixture.sender(42012))).isNotNull();
  }
}
