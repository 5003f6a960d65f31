package dev.rendezvous.load;

import java.net.InetSocketAddress;
import java.net.URI;

/** What to run: where the service is, how many clients, for how long, with which timings. */
record LoadOptions(
    URI http,
    InetSocketAddress edge,
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
    String host = edge.getAddress().getHostAddress();
    if (!edge.getAddress().isLoopbackAddress() && !host.startsWith("203.0.113.")) {
      throw new IllegalArgumentException(
          "load goes only to loopback or the test namespaces (203.0.113.0/24), not " + host);
    }
  }
}
