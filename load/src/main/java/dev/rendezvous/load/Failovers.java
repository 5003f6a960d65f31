package dev.rendezvous.load;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the clients of a killed edge saw: for each, how many of its pulses went unanswered, how long
 * from the kill until a 1020 from the edge its flow moved to, and how long from the move (its first
 * pulse there) until that 1020 (a v2 client answers a challenge first).
 */
final class Failovers {
  private final List<long[]> recoveries = new ArrayList<>();
  private final Map<Integer, Integer> firstCodes = new TreeMap<>();
  private long killedAtMillis = -1;
  private int clientsOnKilledEdge;

  synchronized void killed(long atMillis, int clients) {
    killedAtMillis = atMillis;
    clientsOnKilledEdge = clients;
  }

  /** The first answer a client of the killed edge got from the edge its flow moved to. */
  synchronized void firstAnswerAfterMove(int code) {
    firstCodes.merge(code, 1, Integer::sum);
  }

  /** A client of the killed edge got 1020 again. */
  synchronized void recovered(int unanswered, long nowMillis, long movedAtMillis) {
    recoveries.add(new long[] {unanswered, nowMillis - killedAtMillis, nowMillis - movedAtMillis});
  }

  synchronized void print(PrintStream out) {
    if (killedAtMillis < 0) {
      return;
    }
    Map<Long, Integer> byUnanswered = new TreeMap<>();
    for (long[] r : recoveries) {
      byUnanswered.merge(r[0], 1, Integer::sum);
    }
    out.printf(
        Locale.ROOT,
        "%nkilled edge: %d clients were on it; %d got 1020 again from the other edge%n"
            + "  first answer there, by code: %s%n"
            + "  unanswered pulses before it (pulses: clients): %s%n"
            + "  from the kill to 1020 again: %s%n"
            + "  from the first pulse at the new edge to 1020: %s%n",
        clientsOnKilledEdge,
        recoveries.size(),
        firstCodes,
        byUnanswered,
        spread(1),
        spread(2));
  }

  private String spread(int column) {
    List<Long> values = new ArrayList<>();
    for (long[] r : recoveries) {
      values.add(r[column]);
    }
    if (values.isEmpty()) {
      return "-";
    }
    values.sort(null);
    return String.format(
        Locale.ROOT,
        "median %d ms, p99 %d ms, max %d ms",
        values.get(values.size() / 2),
        values.get(Math.min(values.size() - 1, values.size() * 99 / 100)),
        values.get(values.size() - 1));
  }
}
