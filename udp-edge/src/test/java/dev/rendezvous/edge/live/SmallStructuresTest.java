package dev.rendezvous.edge.live;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rendezvous.protocol.v2.ChallengeNonce;
import java.net.InetAddress;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class SmallStructuresTest {

  @Test
  void negativeCacheRemembersForItsTimeAndStaysFixedInSize() {
    NegativeCache cache = new NegativeCache(1024, 1_000);
    cache.add(1, 2, 0);

    assertThat(cache.contains(1, 2, 999)).isTrue();
    assertThat(cache.contains(1, 2, 1_000)).isFalse();
    assertThat(cache.contains(1, 3, 0)).isFalse();
    cache.remove(1, 2);
    assertThat(cache.contains(1, 2, 10)).isFalse();

    Random random = new Random(1);
    for (int i = 0; i < 100_000; i++) {
      cache.add(random.nextLong(), random.nextLong(), 0);
    }
    cache.add(5, 6, 0);
    assertThat(cache.contains(5, 6, 1)).isTrue();
  }

  @Test
  void takeoverQueuePopsEarliestDeadlineFirst() {
    TakeoverQueue queue = new TakeoverQueue();
    Random random = new Random(3);
    for (int i = 0; i < 1_000; i++) {
      queue.push(random.nextInt(100_000), i, i * 2);
    }
    List<Long> order = new ArrayList<>();
    while (!queue.isEmpty()) {
      assertThat(queue.peekGeneration()).isEqualTo(queue.peekSlot() * 2);
      order.add(queue.peekDeadline());
      queue.pop();
    }
    assertThat(order).hasSize(1_000).isSorted();
  }

  @Test
  void aNonceIsBoundToClientFamilySourceAndTimeAndToTheTaskThatMintedIt() throws Exception {
    ChallengeNonces task = new ChallengeNonces(new SecureRandom());
    ChallengeNonces otherTask = new ChallengeNonces(new SecureRandom());
    InetAddress a = InetAddress.getByName("203.0.113.7");
    long hi = Addresses.hi(a);
    long lo = Addresses.lo(a);
    long now = 1_000_000;
    ChallengeNonce nonce = task.mint(1, 2, false, hi, lo, 4000, now);

    assertThat(task.verify(nonce, 1, 2, false, hi, lo, 4000, now)).isTrue();
    assertThat(task.verify(nonce, 1, 2, false, hi, lo, 4000, now + 30_000)).isTrue();
    assertThat(task.verify(nonce, 1, 2, false, hi, lo, 4000, now + 60_000)).isFalse();
    assertThat(task.verify(nonce, 1, 2, false, hi, lo, 4001, now)).isFalse();
    assertThat(task.verify(nonce, 1, 2, false, hi, lo + 1, 4000, now)).isFalse();
    assertThat(task.verify(nonce, 1, 2, true, hi, lo, 4000, now)).isFalse();
    assertThat(task.verify(nonce, 1, 3, false, hi, lo, 4000, now)).isFalse();
    assertThat(otherTask.verify(nonce, 1, 2, false, hi, lo, 4000, now)).isFalse();
  }

  @Test
  void addressesRoundTripBothFamilies() throws Exception {
    for (String text : new String[] {"203.0.113.7", "2001:db8::7", "0.0.0.1", "::1"}) {
      InetAddress a = InetAddress.getByName(text);
      boolean v6 = Addresses.isV6(a);
      assertThat(Addresses.toInetAddress(Addresses.hi(a), Addresses.lo(a), v6)).isEqualTo(a);
    }
    InetAddress v4 = InetAddress.getByName("203.0.113.7");
    assertThat(Addresses.observed(Addresses.hi(v4), Addresses.lo(v4), false, 9).host())
        .isEqualTo("203.0.113.7");
  }
}
