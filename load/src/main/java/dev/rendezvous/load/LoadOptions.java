package dev.rendezvous.load;

import java.net.InetSocketAddress;
import java.net.URI;

/**
 * What to run: where the service is, how many clients, for how long, with which timings.
 *
 * @param secondEdge a second edge task (null: none); clients alternate between the two, and a
 *     client whose pulse goes unanswered moves its flow to the other one (as the NLB moves flows
 *     away from a lost target)
 * @param killSecondEdgePid the second edge's process, killed with SIGKILL {@code killAtSeconds}
 *     into the run (0: never)
 * @param checkpointSeconds the edge's checkpoint period: how old the directory's {@code
 *     last_online} of a client may be while its owner is down
 */
record LoadOptions(
    URI http,
    InetSocketAddress edge,
    InetSocketAddress secondEdge,
    long killSecondEdgePid,
    int killAtSeconds,
    long checkpointSeconds,
    int clients,
    int durationSeconds,
    long intervalSeconds,
    long graceSeconds,
    long errorSeconds,
    double silentFraction,
    double logoutFraction,
    double v1Fraction,
    int peerChecksPerSecond,
    int httpInFlight,
    int receiverThreads,
    long seed) {

  LoadOptions {
    if (durationSeconds < 1 || durationSeconds > 1800) {
      throw new IllegalArgumentException("duration must be 1..1800 s (the driver is bounded)");
    }
    if (clients < 1 || clients > 100_000) {
      throw new IllegalArgumentException("clients must be 1..100000");
    }
    requireTestTarget(edge);
    if (secondEdge != null) {
      requireTestTarget(secondEdge);
    }
    if (killSecondEdgePid != 0 && (secondEdge == null || killAtSeconds >= durationSeconds)) {
      throw new IllegalArgumentException(
          "killing the second edge needs --second-edge-port and a kill time within the run");
    }
  }

  InetSocketAddress[] edges() {
    return secondEdge == null
        ? new InetSocketAddress[] {edge}
        : new InetSocketAddress[] {edge, secondEdge};
  }

  private static void requireTestTarget(InetSocketAddress target) {
    String host = target.getAddress().getHostAddress();
    if (!target.getAddress().isLoopbackAddress() && !host.startsWith("203.0.113.")) {
      throw new IllegalArgumentException(
          "load goes only to loopback or the test namespaces (203.0.113.0/24), not " + host);
    }
  }
}
