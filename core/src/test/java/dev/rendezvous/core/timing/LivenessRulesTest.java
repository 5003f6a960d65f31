package dev.rendezvous.core.timing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LivenessRulesTest {
  private final LivenessRules rules = new LivenessRules(new PulseTimings(30, 5, 180));
  private final Instant seen = Instant.parse("2026-11-26T12:00:00Z");

  @ParameterizedTest(name = "{0} ms after the last sign of life: {1}")
  @CsvSource({
    "0, ONLINE",
    "35000, ONLINE",
    "35001, PENDING",
    "210000, PENDING",
    "210001, EXPIRED",
    "999999999, EXPIRED"
  })
  void boundariesAreExactToTheMillisecond(long afterMillis, Liveness expected) {
    assertThat(rules.liveness(seen, seen.plusMillis(afterMillis))).isEqualTo(expected);
  }

  @Test
  void aTimeInTheFutureCountsAsOnline() {
    assertThat(rules.liveness(seen.plusSeconds(3), seen)).isEqualTo(Liveness.ONLINE);
  }

  @Test
  void theTtlIsTheFirstWholeSecondAtWhichTheClientIsExpired() {
    long ttl = rules.expiresAtEpochSeconds(seen);
    assertThat(rules.liveness(seen, Instant.ofEpochSecond(ttl))).isEqualTo(Liveness.EXPIRED);
    assertThat(rules.liveness(seen, Instant.ofEpochSecond(ttl - 1))).isNotEqualTo(Liveness.EXPIRED);
  }

  @Property
  void theTtlIsNeverEarlierThanExpiry(
      @ForAll @LongRange(min = 0, max = 4_000_000_000_000L) long ms) {
    Instant lastSeen = Instant.ofEpochMilli(ms);
    long ttl = rules.expiresAtEpochSeconds(lastSeen);
    assertThat(rules.liveness(lastSeen, Instant.ofEpochSecond(ttl))).isEqualTo(Liveness.EXPIRED);
    assertThat(rules.liveness(lastSeen, Instant.ofEpochSecond(ttl).minusMillis(1001)))
        .isNotEqualTo(Liveness.EXPIRED);
  }

  @Test
  void timingsRejectNonsense() {
    assertThatThrownBy(() -> new PulseTimings(0, 0, 10))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new PulseTimings(30, -1, 10))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new PulseTimings(30, 5, 5))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(new PulseTimings(2, 1, 4).lifetime().toSeconds()).isEqualTo(6);
  }
}
