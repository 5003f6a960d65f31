package dev.rendezvous.client.nat;

import static dev.rendezvous.client.nat.NatLab.START;
import static dev.rendezvous.client.nat.NatLab.peer;
import static dev.rendezvous.client.nat.NatLab.pulsesOf;
import static dev.rendezvous.client.nat.NatLab.topology;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Two SDK clients behind two real Linux NATs (network namespaces, nftables masquerade, unsolicited
 * inbound dropped) register, pulse, look each other up, punch and exchange data through a real
 * rendezvous server in the "public" namespace, which keeps its clients in dynalite through the real
 * DynamoDB store. Needs root and nftables; skips with a message otherwise. The topology is built by
 * src/test/nat/nat-topology.sh and always torn down.
 */
@Tag("nat")
@ExtendWith(NatLab.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class NatTraversalTest {
  @Test
  @Order(1)
  void peersBehindTwoConeNatsPunchAndTalkBothWays() throws Exception {
    try (ChildProcess a = peer("a");
        ChildProcess b = peer("b")) {
      String idA = a.expect("ID ", START).substring(3);
      String idB = b.expect("ID ", START).substring(3);
      assertThat(a.expect("MAPPING ", START)).startsWith("MAPPING 203.0.113.10:");
      assertThat(b.expect("MAPPING ", START)).startsWith("MAPPING 203.0.113.20:");
      assertThat(a.expect("NAT ", START)).startsWith("NAT ENDPOINT_INDEPENDENT");
      assertThat(b.expect("NAT ", START)).startsWith("NAT ENDPOINT_INDEPENDENT");

      a.send("PEER " + idB);
      b.send("PEER " + idA);
      assertThat(a.expect("PEERADDR ", START)).startsWith("PEERADDR 203.0.113.20:");
      assertThat(b.expect("PEERADDR ", START)).startsWith("PEERADDR 203.0.113.10:");
      String okA = a.expect("PUNCH ", START);
      String okB = b.expect("PUNCH ", START);
      System.out.println("NAT test, cone/cone: A " + okA + "; B " + okB);
      assertThat(okA).startsWith("PUNCH OK").contains("remote=203.0.113.20:");
      assertThat(okB).startsWith("PUNCH OK").contains("remote=203.0.113.10:");
      assertThat(a.expect("RECV", START)).isEqualTo("RECV hello from b");
      assertThat(b.expect("RECV", START)).isEqualTo("RECV hello from a");
      a.expect("DONE", START);
      b.expect("DONE", START);

      // what the service recorded: the NATs' public addresses, never the private ones
      // (PEERADDR above came from the store through HTTP; with the test edge, check every pulse)
      if (!NatLab.realEdge()) {
        assertThat(pulsesOf(idA)).isNotEmpty().allMatch(s -> s.startsWith("203.0.113.10:"));
        assertThat(pulsesOf(idB)).isNotEmpty().allMatch(s -> s.startsWith("203.0.113.20:"));
      }
      assertThat(NatLab.server.transcript()).noneMatch(l -> l.contains(" 10.0."));
    }
  }

  @Test
  @Order(2)
  void aNatThatRemapsPortsButKeepsOneMappingPerSocketStillPunches() throws Exception {
    topology("mode", "b", "cone-remap"); // masquerade to ports 20000-29999, endpoint-independent
    ChildProcess a = peer("a");
    ChildProcess b = peer("b");
    try {
      String idA = a.expect("ID ", START).substring(3);
      String idB = b.expect("ID ", START).substring(3);
      String mappingB = b.expect("MAPPING ", START);
      int portB = Integer.parseInt(mappingB.substring(mappingB.lastIndexOf(':') + 1));
      assertThat(portB).isBetween(20000, 29999);
      assertThat(b.expect("NAT ", START)).startsWith("NAT ENDPOINT_INDEPENDENT");
      // Each peer looks the other up as soon as it reads PEER: both must have pulsed by then
      // (MAPPING follows the first accepted pulse), or the lookup is rightly answered 404.
      a.expect("MAPPING ", START);
      a.expect("NAT ", START);
      a.send("PEER " + idB);
      b.send("PEER " + idA);
      assertThat(a.expect("PUNCH ", START))
          .startsWith("PUNCH OK")
          .contains("remote=203.0.113.20:" + portB);
      assertThat(b.expect("PUNCH ", START)).startsWith("PUNCH OK");
      assertThat(a.expect("RECV", START)).isEqualTo("RECV hello from b");
      assertThat(b.expect("RECV", START)).isEqualTo("RECV hello from a");
    } finally {
      a.close();
      b.close();
      System.out.println("cone-remap: peer a " + a.transcript() + "\n  peer b " + b.transcript());
      topology("mode", "b", "cone");
    }
  }

  @Test
  @Order(3)
  void aSymmetricNatMakesThePunchFailWithTheReasonInsteadOfHanging() throws Exception {
    topology("mode", "a", "symmetric");
    try (ChildProcess a = peer("a");
        ChildProcess b = peer("b")) {
      String idA = a.expect("ID ", START).substring(3);
      String idB = b.expect("ID ", START).substring(3);
      assertThat(a.expect("NAT ", START)).startsWith("NAT ADDRESS_DEPENDENT 203.0.113.10:");
      assertThat(b.expect("NAT ", START)).startsWith("NAT ENDPOINT_INDEPENDENT");
      long start = System.nanoTime();
      a.send("PEER " + idB);
      b.send("PEER " + idA);
      String failA = a.expect("PUNCH ", START);
      String failB = b.expect("PUNCH ", START);
      long tookSeconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - start);
      assertThat(failA).startsWith("PUNCH FAIL MAPPING_ADDRESS_DEPENDENT");
      assertThat(failB).startsWith("PUNCH FAIL NO_REPLY");
      assertThat(tookSeconds).isLessThan(NatLab.PUNCH_TIMEOUT_SECONDS + 10);
      if (!NatLab.realEdge()) {
        assertThat(pulsesOf(idA)).isNotEmpty().allMatch(s -> s.startsWith("203.0.113.10:"));
      }
    } finally {
      topology("mode", "a", "cone");
    }
  }

  @Test
  @Order(4)
  void oneSidedCallThroughTheRealStackOnlyTheCallerStarts() throws Exception {
    assumeRealStack();
    try (ChildProcess a = peer("a");
        ChildProcess b = peer("b")) {
      callFromAToListeningB(a, b);
      String okA = a.expect("CALL ", START);
      assertThat(b.expect("RUNG ", START)).startsWith("RUNG ");
      String okB = b.expect("CALL ", START);
      assertThat(okA).startsWith("CALL OK").contains("remote=203.0.113.20:");
      assertThat(okB).startsWith("CALL OK").contains("remote=203.0.113.10:");
      String firstByte = a.expect("FIRSTBYTE ", START);
      System.out.println(
          "NAT test, one-sided call, cone/cone: A "
              + okA
              + "; B "
              + okB
              + "; from A's call to A's first data byte: "
              + firstByte.substring(10)
              + " ms");
      assertThat(a.expect("RECV", START)).isEqualTo("RECV hello from b");
      assertThat(b.expect("RECV", START)).isEqualTo("RECV hello from a");
    }
  }

  @Test
  @Order(5)
  void aCalleeBehindASymmetricNatReportsItInsteadOfHanging() throws Exception {
    assumeRealStack();
    topology("mode", "a", "symmetric");
    try (ChildProcess a = peer("a");
        ChildProcess b = peer("b")) {
      String idA = a.expect("ID ", START).substring(3);
      assertThat(a.expect("NAT ", START)).startsWith("NAT ADDRESS_DEPENDENT 203.0.113.10:");
      b.expect("NAT ", START);
      a.send("LISTEN");
      b.send("CALL " + idA);
      String failB = b.expect("CALL ", START);
      assertThat(a.expect("RUNG ", START)).as("the push reaches it anyway").startsWith("RUNG ");
      String failA = a.expect("CALL ", START);
      System.out.println(
          "NAT test, one-sided call to a symmetric NAT: A " + failA + "; B " + failB);
      assertThat(failA).startsWith("CALL FAIL MAPPING_ADDRESS_DEPENDENT");
      assertThat(failB).startsWith("CALL FAIL NO_REPLY");
    } finally {
      topology("mode", "a", "cone");
    }
  }

  /**
   * Not a test but the harness behind docs/benchmarks.md ("Time to connect"), skipped unless {@code
   * -Drendezvous.nat.connectRounds=N}: N rounds, each a two-sided punch and a one-sided call
   * between fresh peers behind the two cone NATs; prints each round's time from the command to peer
   * A's first data byte, and the medians.
   */
  @Test
  @Order(6)
  void timeToConnectOneSidedAgainstTwoSided() throws Exception {
    int rounds = Integer.getInteger("rendezvous.nat.connectRounds", 0);
    Assumptions.assumeTrue(rounds > 0, "set -Drendezvous.nat.connectRounds=N to measure");
    assumeRealStack();
    List<Long> one = new ArrayList<>();
    List<Long> two = new ArrayList<>();
    for (int round = 1; round <= rounds; round++) {
      try (ChildProcess a = peer("a");
          ChildProcess b = peer("b")) {
        String idA = a.expect("ID ", START).substring(3);
        String idB = b.expect("ID ", START).substring(3);
        a.expect("NAT ", START);
        b.expect("NAT ", START);
        a.send("PEER " + idB);
        b.send("PEER " + idA);
        two.add(Long.parseLong(a.expect("FIRSTBYTE ", START).substring(10)));
      }
      try (ChildProcess a = peer("a");
          ChildProcess b = peer("b")) {
        callFromAToListeningB(a, b);
        one.add(Long.parseLong(a.expect("FIRSTBYTE ", START).substring(10)));
      }
      System.out.printf(
          "NAT connect round %d: one-sided %d ms, two-sided %d ms%n",
          round, one.get(round - 1), two.get(round - 1));
    }
    long m1 = median(one);
    long m2 = median(two);
    System.out.printf(
        "NAT connect, median of %d rounds: one-sided (call, push) %d ms, two-sided (lookup,"
            + " punch) %d ms, ratio %.2f%n",
        rounds, m1, m2, (double) m1 / m2);
  }

  /** Once both peers know their NAT, B listens and A calls B: a one-sided call. */
  private static void callFromAToListeningB(ChildProcess a, ChildProcess b) throws Exception {
    a.expect("NAT ", START);
    String idB = b.expect("ID ", START).substring(3);
    b.expect("NAT ", START);
    b.send("LISTEN");
    a.send("CALL " + idB);
  }

  private static long median(List<Long> values) {
    List<Long> sorted = new ArrayList<>(values);
    Collections.sort(sorted);
    return sorted.get(sorted.size() / 2);
  }

  private static void assumeRealStack() {
    Assumptions.assumeTrue(
        NatLab.realStack(),
        "one-sided calls need the real edge and HTTP routes (their jars were not built)");
  }
}
