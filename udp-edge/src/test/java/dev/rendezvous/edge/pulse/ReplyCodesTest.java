package dev.rendezvous.edge.pulse;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rendezvous.core.registry.PulseOutcome;
import dev.rendezvous.protocol.ResponseCode;
import org.junit.jupiter.api.Test;

class ReplyCodesTest {
  @Test
  void everyRecordedOrRefusedOutcomeHasItsCodeAndAReplayHasNone() {
    assertThat(ReplyCodes.forOutcome(PulseOutcome.ACCEPTED)).contains(ResponseCode.ACCEPTED);
    assertThat(ReplyCodes.forOutcome(PulseOutcome.PENDING)).contains(ResponseCode.PENDING);
    assertThat(ReplyCodes.forOutcome(PulseOutcome.UNKNOWN)).contains(ResponseCode.UNKNOWN);
    assertThat(ReplyCodes.forOutcome(PulseOutcome.REPLAYED)).isEmpty();
  }

  @Test
  void theCodesOnTheWireAreTheProtocolsNumbers() {
    assertThat(ReplyCodes.forOutcome(PulseOutcome.ACCEPTED).orElseThrow().code()).isEqualTo(1020);
    assertThat(ReplyCodes.forOutcome(PulseOutcome.PENDING).orElseThrow().code()).isEqualTo(1050);
    assertThat(ReplyCodes.forOutcome(PulseOutcome.UNKNOWN).orElseThrow().code()).isEqualTo(1060);
  }
}
