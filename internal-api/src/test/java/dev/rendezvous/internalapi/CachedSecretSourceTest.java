package dev.rendezvous.internalapi;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rendezvous.core.directory.InternalSecret;
import dev.rendezvous.testkit.MutableClock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CachedSecretSourceTest {
  private static final InternalSecret FIRST = secret(1);
  private static final InternalSecret SECOND = secret(2);

  private final Deque<Optional<InternalSecret>> stored = new ArrayDeque<>();
  private int reads;
  private final MutableClock clock = MutableClock.startingAt("2026-01-01T00:00:00Z");

  private CachedSecretSource source() {
    return new CachedSecretSource(
        () -> {
          reads++;
          return stored.size() > 1 ? stored.poll() : stored.peek();
        },
        clock);
  }

  @Test
  void readsOnceAndKeepsIt() {
    stored.add(Optional.of(FIRST));
    CachedSecretSource source = source();
    for (int i = 0; i < 5; i++) {
      assertThat(source.current()).contains(FIRST);
    }
    assertThat(reads).isEqualTo(1);
  }

  @Test
  void readsAgainAfterARefusalAtMostOncePerSecond() {
    stored.add(Optional.of(FIRST));
    stored.add(Optional.of(SECOND));
    CachedSecretSource source = source();
    assertThat(source.current()).contains(FIRST);
    source.rejected(FIRST);
    assertThat(source.current()).as("within a second of the last read").contains(FIRST);
    assertThat(reads).isEqualTo(1);
    clock.advanceSeconds(1);
    assertThat(source.current()).contains(SECOND);
    assertThat(reads).isEqualTo(2);
    source.rejected(FIRST); // a late refusal of the old secret changes nothing
    clock.advanceSeconds(5);
    assertThat(source.current()).contains(SECOND);
    assertThat(reads).isEqualTo(2);
  }

  @Test
  void withoutASecretYetItTriesAgainAtMostOncePerSecond() {
    stored.add(Optional.empty());
    stored.add(Optional.of(FIRST));
    CachedSecretSource source = source();
    assertThat(source.current()).isEmpty();
    assertThat(source.current()).isEmpty();
    assertThat(reads).isEqualTo(1);
    clock.advance(Duration.ofMillis(1000));
    assertThat(source.current()).contains(FIRST);
    assertThat(reads).isEqualTo(2);
  }

  private static InternalSecret secret(int fill) {
    byte[] bytes = new byte[InternalSecret.LENGTH_BYTES];
    java.util.Arrays.fill(bytes, (byte) fill);
    return new InternalSecret(bytes);
  }
}
