package dev.rendezvous.bench;

import dev.rendezvous.edge.live.LiveTable;
import dev.rendezvous.edge.live.TimerWheel;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Heap per live (client, family): fills the edge's real live table (columns, index) and timer wheel
 * with N owned entries as a shard holds them, and reads the heap before and after (after full
 * collections). Run with a serial collector so the figure is the live data, not collector slack:
 *
 * <pre>
 * java -XX:+UseSerialGC -Xmx2g -cp bench/target/rendezvous-bench.jar \
 *   dev.rendezvous.bench.LiveStateMemory 1000000 [growing]
 * </pre>
 */
public final class LiveStateMemory {
  private LiveStateMemory() {}

  public static void main(String[] args) {
    int n = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
    // "growing": the table grows by 1.5x as it fills (worst case just after a growth), instead of
    // being at its maximum exactly.
    int max = args.length > 1 && args[1].equals("growing") ? 100_000_000 : n;
    long before = UdpTargets.usedHeapAfterGc();
    Object[] held = fill(n, max);
    long after = UdpTargets.usedHeapAfterGc();
    LiveTable table = (LiveTable) held[0];
    double perEntry = (after - before) / (double) n;
    System.out.printf(
        Locale.ROOT,
        "%d (client, family) entries: %.1f MB of heap, %.1f bytes per entry"
            + " (table capacity %d, %.0f%% full)%n",
        n,
        (after - before) / 1e6,
        perEntry,
        table.capacity(),
        100.0 * n / table.capacity());
  }

  /** A shard's structures holding {@code n} owned entries with every column set. */
  static Object[] fill(int n, int max) {
    LiveTable table = new LiveTable(1024, max);
    TimerWheel wheel = new TimerWheel(4096, 100, 0);
    SplittableRandom random = new SplittableRandom(1);
    byte[] key = new byte[32];
    long now = 1_795_694_400_000L;
    for (int i = 0; i < n; i++) {
      int slot = table.allocate(random.nextLong(), random.nextLong(), (i & 7) == 0);
      if (slot < 0) {
        throw new IllegalStateException("table full at " + i);
      }
      wheel.ensureCapacity(table.capacity());
      random.nextBytes(key);
      table.setMacKey(slot, key);
      table.setAddress(slot, 0, 0x0000_ffff_cb00_7107L + i, 1024 + (i % 60000));
      table.setState(slot, LiveTable.OWNED);
      table.setEpoch(slot, 1 + (i % 5));
      table.setCounter(slot, now + i);
      table.setLastPulse(slot, now + i);
      table.setLease(slot, now + 420_000);
      table.setDue(slot, now + 150_000 + random.nextInt(150_000));
      wheel.schedule(slot, now + random.nextInt(300_000));
    }
    return new Object[] {table, wheel};
  }
}
