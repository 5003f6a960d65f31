package dev.rendezvous.client.nat;

import static dev.rendezvous.client.nat.NatLab.START;
import static dev.rendezvous.client.nat.NatLab.peer;
import static dev.rendezvous.client.nat.NatLab.topology;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * What phones meet, through real networks ({@link NatLab}): two peers behind one NAT that does not
 * hairpin, two peers on IPv6 behind stateful firewalls, two dual-stack peers pulsing both families
 * (they keep the IPv6 path over the IPv4 mappings), and a peer whose route moves to another NAT in
 * the middle of a session (its link comes back; the downtime is printed).
 */
@Tag("nat")
@ExtendWith(NatLab.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class NatMobilityTest {
  private static final String EDGE_V6 = "2001:db8::1";
  private static final int STREAM_SECONDS = 30;
  private static final Pattern STREAM =
      Pattern.compile("STREAM received=(\\d+) maxGapMs=(\\d+) lastMs=(-?\\d+)");

  @Test
  @Order(1)
  void twoPeersBehindOneNatWithoutHairpinConnectThroughTheirLanCandidates() throws Exception {
    try (ChildProcess a = peer("a", NatLab.SERVER_IP, "exchange");
        ChildProcess c = peer("c", NatLab.SERVER_IP, "exchange")) {
      String idA = a.expect("ID ", START).substring(3);
      String idC = c.expect("ID ", START).substring(3);
      assertThat(a.expect("MAPPING ", START)).startsWith("MAPPING 203.0.113.10:");
      assertThat(c.expect("MAPPING ", START)).startsWith("MAPPING 203.0.113.10:");
      a.expect("NAT ", START);
      c.expect("NAT ", START);
      Thread.sleep(1000); // both have reported their LAN candidates by now (one HTTP call each)
      a.send("PEER " + idC);
      c.send("PEER " + idA);
      String candidates = a.expect("CANDIDATES ", START);
      assertThat(candidates).contains("lan 10.0.1.3:").contains("mapping 203.0.113.10:");
      String okA = a.expect("PUNCH ", START);
      String okC = c.expect("PUNCH ", START);
      System.out.println("NAT test, one NAT, no hairpin: A " + okA + "; C " + okC);
      assertThat(okA)
          .startsWith("PUNCH OK")
          .containsPattern("remote=(10\\.0\\.1\\.3|\\[2001:db8:a::3\\]):");
      assertThat(okC)
          .startsWith("PUNCH OK")
          .containsPattern("remote=(10\\.0\\.1\\.2|\\[2001:db8:a::2\\]):");
      assertThat(a.expect("RECV", START)).isEqualTo("RECV hello from c");
      assertThat(c.expect("RECV", START)).isEqualTo("RECV hello from a");
    }
  }

  @Test
  @Order(2)
  void twoPeersOnIpv6BehindStatefulFirewallsConnectOverIpv6() throws Exception {
    Assumptions.assumeTrue(NatLab.realEdge(), "needs the real edge (bound to ::)");
    try (ChildProcess a = peer("a", EDGE_V6, "exchange");
        ChildProcess b = peer("b", EDGE_V6, "exchange")) {
      String idA = a.expect("ID ", START).substring(3);
      String idB = b.expect("ID ", START).substring(3);
      assertThat(a.expect("MAPPING ", START)).startsWith("MAPPING [2001:db8:a::2]:");
      assertThat(b.expect("MAPPING ", START)).startsWith("MAPPING [2001:db8:b::2]:");
      a.expect("NAT ", START);
      b.expect("NAT ", START);
      a.send("PEER " + idB);
      b.send("PEER " + idA);
      assertThat(a.expect("PEERADDR ", START)).isEqualTo("PEERADDR 2001:db8:b::2:" + port(b));
      String okA = a.expect("PUNCH ", START);
      String okB = b.expect("PUNCH ", START);
      System.out.println("NAT test, IPv6 behind stateful firewalls: A " + okA + "; B " + okB);
      assertThat(okA).startsWith("PUNCH OK").contains("remote=[2001:db8:b::2]:");
      assertThat(okB).startsWith("PUNCH OK").contains("remote=[2001:db8:a::2]:");
      assertThat(a.expect("RECV", START)).isEqualTo("RECV hello from b");
      assertThat(b.expect("RECV", START)).isEqualTo("RECV hello from a");
    }
  }

  @Test
  @Order(3)
  void dualStackPeersPulseBothFamiliesAndKeepTheIpv6Path() throws Exception {
    Assumptions.assumeTrue(NatLab.realEdge(), "needs the real edge (bound to ::)");
    try (ChildProcess a = peer("a", NatLab.SERVER_IP, "exchange", EDGE_V6);
        ChildProcess b = peer("b", NatLab.SERVER_IP, "exchange", EDGE_V6)) {
      String idA = a.expect("ID ", START).substring(3);
      String idB = b.expect("ID ", START).substring(3);
      assertThat(a.expect("MAPPING ", START)).startsWith("MAPPING 203.0.113.10:");
      assertThat(b.expect("MAPPING ", START)).startsWith("MAPPING 203.0.113.20:");
      a.expect("NAT ", START);
      b.expect("NAT ", START);
      a.send("PEER " + idB);
      b.send("PEER " + idA);
      assertThat(a.expect("CANDIDATES ", START))
          .contains("ipv6 [2001:db8:b::2]:")
          .contains("mapping 203.0.113.20:");
      String okA = a.expect("PUNCH ", START);
      String okB = b.expect("PUNCH ", START);
      System.out.println("NAT test, dual-stack peers: A " + okA + "; B " + okB);
      assertThat(okA).startsWith("PUNCH OK").contains("remote=[2001:db8:b::2]:");
      assertThat(okB).startsWith("PUNCH OK").contains("remote=[2001:db8:a::2]:");
      assertThat(a.expect("RECV", START)).isEqualTo("RECV hello from b");
      assertThat(b.expect("RECV", START)).isEqualTo("RECV hello from a");
    }
  }

  @Test
  @Order(4)
  void aPeerWhoseRouteMovesToAnotherNatGetsItsLinkBack() throws Exception {
    ChildProcess a = peer("a", NatLab.SERVER_IP, "stream:" + STREAM_SECONDS);
    ChildProcess b = peer("b", NatLab.SERVER_IP, "stream:" + STREAM_SECONDS);
    try {
      String idA = a.expect("ID ", START).substring(3);
      String idB = b.expect("ID ", START).substring(3);
      assertThat(a.expect("MAPPING ", START)).startsWith("MAPPING 203.0.113.10:");
      a.expect("NAT ", START);
      b.expect("NAT ", START);
      a.send("PEER " + idB);
      b.send("PEER " + idA);
      assertThat(a.expect("PUNCH ", START)).startsWith("PUNCH OK");
      assertThat(b.expect("PUNCH ", START)).startsWith("PUNCH OK");
      a.expect("STREAMING", START);
      b.expect("STREAMING", START);
      Thread.sleep(5000);
      topology("route", "a2"); // peer-a now leaves through nat-a2; nat-a no longer reaches it
      Duration stream = Duration.ofSeconds(STREAM_SECONDS + 30);
      Matcher atA = STREAM.matcher(a.expect("STREAM ", stream));
      Matcher atB = STREAM.matcher(b.expect("STREAM ", stream));
      assertThat(atA.matches()).isTrue();
      assertThat(atB.matches()).isTrue();
      System.out.println(
          "NAT test, route moved to another NAT mid-session: link down "
              + atB.group(2)
              + " ms at the peer that stayed, "
              + atA.group(2)
              + " ms at the peer that moved (pulse every 2 s, keepalive every 1 s)");
      assertThat(a.transcript())
          .anyMatch(l -> l.startsWith("MOVED ") && l.contains("203.0.113.11"));
      assertThat(Long.parseLong(atB.group(3)))
          .as("b hears a again at the end")
          .isBetween(0L, 1000L);
      assertThat(Long.parseLong(atA.group(3)))
          .as("a hears b again at the end")
          .isBetween(0L, 1000L);
      assertThat(Long.parseLong(atB.group(2))).as("the longest outage").isLessThan(20_000L);
    } finally {
      a.close();
      b.close();
      System.out.println("handover: peer a " + a.transcript() + "\n  peer b " + b.transcript());
      topology("route", "a");
    }
  }

  private static String port(ChildProcess peer) {
    String mapping =
        peer.transcript().stream().filter(l -> l.startsWith("MAPPING ")).findFirst().orElseThrow();
    return mapping.substring(mapping.lastIndexOf(':') + 1);
  }
}
