package dev.rendezvous.edge.limit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class BoundedLruMapTest {

  @Test
  void neverHoldsMoreThanItsCapacity() {
    BoundedLruMap<Integer, String> map = new BoundedLruMap<>(160);
    for (int i = 0; i < 100_000; i++) {
      map.put(i, "v" + i);
    }
    assertThat(map.size()).isLessThanOrEqualTo(160);
  }

  @Test
  void keepsRecentlyUsedEntries() {
    BoundedLruMap<Integer, String> map = new BoundedLruMap<>(16 * 4);
    map.put(7, "seven");
    for (int i = 1000; i < 5000; i++) {
      map.put(i, "x");
      assertThat(map.get(7)).isEqualTo("seven");
    }
  }

  @Test
  void removeForgets() {
    BoundedLruMap<String, String> map = new BoundedLruMap<>(100);
    map.put("a", "1");
    map.remove("a");
    assertThat(map.get("a")).isNull();
  }

  @Test
  void keysOfOneStripeSpreadOverAllOfItsBuckets() {
    // A stripe's LinkedHashMap picks a bucket from the low bits of (h ^ h >>> 16): the keys that
    // land in one stripe must still use all of its buckets, or they pile up in treeified chains.
    SplittableRandom random = new SplittableRandom(7);
    int buckets = 1024;
    Set<Integer> used = new HashSet<>();
    int inStripe = 0;
    while (inStripe < 20 * buckets) {
      int h = random.nextInt();
      if (BoundedLruMap.stripeOf(h) == 0) {
        inStripe++;
        used.add((h ^ (h >>> 16)) & (buckets - 1));
      }
    }
    assertThat(used).hasSizeGreaterThan(buckets * 99 / 100);
  }
}
