package dev.rendezvous.edge.live;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class LiveTableTest {

  private record Key(long hi, long lo, boolean v6) {}

  @Test
  void randomAllocationsAndFreesAgreeWithAMap() {
    LiveTable table = new LiveTable(16, 5_000);
    Map<Key, Integer> model = new HashMap<>();
    List<Key> keys = new ArrayList<>();
    Random random = new Random(42);
    for (int step = 0; step < 200_000; step++) {
      if (model.size() < 4_000 && (keys.isEmpty() || random.nextInt(3) > 0)) {
        // Few distinct high bits so that probes collide and backward shifts are exercised.
        Key k = new Key(random.nextInt(4), random.nextLong(), random.nextBoolean());
        if (model.containsKey(k)) {
          continue;
        }
        int slot = table.allocate(k.hi, k.lo, k.v6);
        assertThat(slot).isNotNegative();
        table.setCounter(slot, k.lo);
        model.put(k, slot);
        keys.add(k);
      } else {
        Key k = keys.remove(random.nextInt(keys.size()));
        table.free(model.remove(k));
      }
      if (step % 997 == 0) {
        for (Map.Entry<Key, Integer> e : model.entrySet()) {
          Key k = e.getKey();
          assertThat(table.find(k.hi, k.lo, k.v6)).isEqualTo(e.getValue());
          assertThat(table.counter(e.getValue())).isEqualTo(k.lo);
        }
        assertThat(table.find(7, 7, false)).isEqualTo(-1);
      }
    }
    assertThat(table.size()).isEqualTo(model.size());
  }

  @Test
  void theTwoFamiliesOfAClientAreTwoSlots() {
    LiveTable table = new LiveTable(16, 100);
    int v4 = table.allocate(1, 2, false);
    int v6 = table.allocate(1, 2, true);

    assertThat(v4).isNotEqualTo(v6);
    assertThat(table.find(1, 2, false)).isEqualTo(v4);
    assertThat(table.find(1, 2, true)).isEqualTo(v6);
    assertThat(table.isV6(v6)).isTrue();
    assertThat(table.isV6(v4)).isFalse();
  }

  @Test
  void aFullTableRefusesAndAFreedSlotComesBackWithANewGeneration() {
    LiveTable table = new LiveTable(16, 20);
    for (int i = 0; i < 20; i++) {
      assertThat(table.allocate(0, i, false)).isNotNegative();
    }
    assertThat(table.allocate(0, 99, false)).isEqualTo(-1);

    int slot = table.find(0, 5, false);
    int generation = table.generation(slot);
    table.free(slot);
    int again = table.allocate(0, 99, false);

    assertThat(again).isEqualTo(slot);
    assertThat(table.generation(again)).isNotEqualTo(generation);
    assertThat(table.find(0, 5, false)).isEqualTo(-1);
    assertThat(table.capacity()).isEqualTo(20);
  }

  @Test
  void columnsHoldWhatWasWritten() {
    LiveTable table = new LiveTable(16, 100);
    int slot = table.allocate(11, 12, true);
    byte[] key = new byte[32];
    for (int i = 0; i < 32; i++) {
      key[i] = (byte) (200 + i);
    }
    table.setMacKey(slot, key);
    table.setAddress(slot, -1L, 0x0102030405060708L, 65535);
    table.setState(slot, LiveTable.OWNED);
    table.setFlag(slot, SlotFlags.WRITING, true);
    table.setFlag(slot, SlotFlags.QUEUED, true);
    table.setFlag(slot, SlotFlags.WRITING, false);

    assertThat(table.macKey(slot)).isEqualTo(key);
    assertThat(table.hasAddress(slot, -1L, 0x0102030405060708L, 65535)).isTrue();
    assertThat(table.port(slot)).isEqualTo(65535);
    assertThat(table.state(slot)).isEqualTo(LiveTable.OWNED);
    assertThat(table.isV6(slot)).isTrue();
    assertThat(table.hasFlag(slot, SlotFlags.QUEUED)).isTrue();
    assertThat(table.hasFlag(slot, SlotFlags.WRITING)).isFalse();
  }
}
