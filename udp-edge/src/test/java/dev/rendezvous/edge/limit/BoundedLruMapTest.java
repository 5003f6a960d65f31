package dev.rendezvous.edge.limit;

import static org.assertj.core.api.Assertions.assertThat;

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
}
