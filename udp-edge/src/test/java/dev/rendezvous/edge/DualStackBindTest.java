package dev.rendezvous.edge;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rendezvous.core.directory.AddressFamily;
import dev.rendezvous.core.directory.DirectoryEntry;
import dev.rendezvous.core.directory.memory.InMemoryDirectory;
import dev.rendezvous.core.registry.ObservedAddress;
import dev.rendezvous.core.timing.LivenessRules;
import dev.rendezvous.core.timing.PulseTimings;
import dev.rendezvous.protocol.ResponseCode;
import dev.rendezvous.protocol.identity.ClientCredentials;
import dev.rendezvous.protocol.identity.CredentialFactory;
import dev.rendezvous.protocol.v1.PulseV1ReplyCodec;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * An edge bound to {@code ::} (as the AWS stack runs it) serves IPv4 and IPv6 senders on one
 * socket, records IPv4 senders as dotted IPv4 (never {@code ::ffff:127.0.0.1}) in the IPv4 family
 * and IPv6 senders in canonical text ({@code ::1}) in the IPv6 family.
 */
class DualStackBindTest {
  @Test
  void oneWildcardIpv6BindServesBothFamiliesWithCanonicalHosts() throws Exception {
    InMemoryDirectory directory =
        new InMemoryDirectory(new LivenessRules(PulseTimings.DEFAULTS), Clock.systemUTC());
    ClientCredentials client = new CredentialFactory().issue();
    directory.register(client);
    EdgeSettings settings =
        EdgeSettings.fromEnvironment(
            Map.of(
                "RENDEZVOUS_BIND_ADDRESS", "::",
                "RENDEZVOUS_UDP_PORT", "0",
                "RENDEZVOUS_HEALTH_PORT", "0",
                "RENDEZVOUS_INTERNAL_PORT", "0",
                "RENDEZVOUS_EDGE_THREADS", "2"));
    try (Edge edge = Edge.start(settings, directory.live(), Clock.systemUTC());
        DatagramSocket v4 = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0));
        DatagramSocket v6 = new DatagramSocket(new InetSocketAddress("::1", 0))) {
      assertThat(pulse(v4, new InetSocketAddress("127.0.0.1", edge.udpPort()), client))
          .isEqualTo(ResponseCode.ACCEPTED);
      assertThat(pulse(v6, new InetSocketAddress("::1", edge.udpPort()), client))
          .isEqualTo(ResponseCode.ACCEPTED);

      DirectoryEntry entry = directory.find(client.clientId()).orElseThrow();
      assertThat(entry.family(AddressFamily.IPV4).orElseThrow().address())
          .isEqualTo(new ObservedAddress("127.0.0.1", v4.getLocalPort()));
      assertThat(entry.family(AddressFamily.IPV6).orElseThrow().address())
          .isEqualTo(new ObservedAddress("::1", v6.getLocalPort()));
    }
  }

  private static ResponseCode pulse(
      DatagramSocket socket, InetSocketAddress edge, ClientCredentials client) throws Exception {
    byte[] key = client.privateKey().toBytes();
    socket.setSoTimeout(5000);
    socket.send(new DatagramPacket(key, key.length, edge));
    DatagramPacket reply = new DatagramPacket(new byte[64], 64);
    socket.receive(reply);
    assertThat(reply.getAddress()).isEqualTo(InetAddress.getByName(edge.getHostString()));
    return PulseV1ReplyCodec.decode(java.util.Arrays.copyOf(reply.getData(), reply.getLength()));
  }
}
