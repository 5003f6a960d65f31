package dev.rendezvous.client.punch;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rendezvous.protocol.identity.ClientId;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PeerMessageTest {
  private static final ClientId ID = ClientId.parse("00112233445566778899aabbccddeeff");
  private static final HexFormat HEX = HexFormat.of();

  private static InetSocketAddress v4(String ip, int port) throws Exception {
    return new InetSocketAddress(
        InetAddress.getByAddress(InetAddress.getByName(ip).getAddress()), port);
  }

  private static byte[] ipv6Loopback() {
    byte[] a = new byte[16];
    a[15] = 1;
    return a;
  }

  @Test
  void punchHasTheDocumentedBytes() throws Exception {
    byte[] bytes =
        PeerMessage.punch(0x0102030405060708L, ID, Optional.of(v4("203.0.113.10", 5000))).encode();
    assertThat(HEX.formatHex(bytes))
        .isEqualTo(
            "525a5031"
                + "01"
                + "00"
                + "0000"
                + "0102030405060708"
                + "00112233445566778899aabbccddeeff"
                + "04"
                + "00"
                + "1388"
                + "cb00710a"
                + "00".repeat(12));
    assertThat(bytes).hasSize(PeerMessage.PUNCH_LENGTH);
  }

  @Test
  void everyTypeRoundTrips() throws Exception {
    for (PeerMessage m :
        new PeerMessage[] {
          PeerMessage.punch(7, ID, Optional.empty()),
          PeerMessage.punch(7, ID, Optional.of(v4("10.0.1.2", 65535))),
          PeerMessage.punchAck(
              -1, ID, new InetSocketAddress(InetAddress.getByAddress(ipv6Loopback()), 1)),
          PeerMessage.data(9, "hi".getBytes(StandardCharsets.UTF_8)),
          PeerMessage.data(9, new byte[0]),
          PeerMessage.keepalive(3)
        }) {
      byte[] bytes = m.encode();
      assertThat(PeerMessage.decode(bytes, bytes.length)).contains(m);
    }
  }

  @Test
  void malformedMessagesAreDropped() throws Exception {
    byte[] good = PeerMessage.punch(7, ID, Optional.of(v4("10.0.1.2", 9))).encode();
    assertThat(PeerMessage.decode(good, good.length - 1)).isEmpty();
    for (int offset : new int[] {0, 3, 5, 6, 7, 33}) {
      byte[] bad = good.clone();
      bad[offset] ^= 0x40;
      assertThat(PeerMessage.decode(bad, bad.length)).as("flip at %d", offset).isEmpty();
    }
    byte[] unknownType = good.clone();
    unknownType[4] = 0x7f;
    assertThat(PeerMessage.decode(unknownType, unknownType.length)).isEmpty();
    byte[] badFamily = good.clone();
    badFamily[32] = 5;
    assertThat(PeerMessage.decode(badFamily, badFamily.length)).isEmpty();
    byte[] trailingAddress = good.clone();
    trailingAddress[51] = 1;
    assertThat(PeerMessage.decode(trailingAddress, trailingAddress.length)).isEmpty();
    byte[] ackWithoutAddress = PeerMessage.punch(7, ID, Optional.empty()).encode();
    ackWithoutAddress[4] = 0x02;
    assertThat(PeerMessage.decode(ackWithoutAddress, ackWithoutAddress.length)).isEmpty();
    byte[] keepaliveWithBody = new byte[20];
    System.arraycopy(PeerMessage.keepalive(1).encode(), 0, keepaliveWithBody, 0, 16);
    assertThat(PeerMessage.decode(keepaliveWithBody, 20)).isEmpty();
    assertThat(PeerMessage.decode(new byte[4], 4)).isEmpty();
  }

  @Test
  void aV2PulseReplyIsNeverAPeerMessage() {
    byte[] reply = new byte[52];
    reply[0] = 0x02;
    reply[1] = (byte) 0x81;
    assertThat(PeerMessage.looksLikePeerMessage(reply, reply.length)).isFalse();
  }
}
