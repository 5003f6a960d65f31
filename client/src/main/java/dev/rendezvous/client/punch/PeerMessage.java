package dev.rendezvous.client.punch;

import dev.rendezvous.protocol.identity.ClientId;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;

/**
 * Peer-to-peer messages sent by the SDK on the pulse socket (docs/protocol.md, "Peer-to-peer
 * messages (client SDK)"). Every message starts with a 16-byte header:
 *
 * <pre>
 *  0               4       5       6               8                               16
 * +---------------+-------+-------+---------------+-------------------------------+
 * | "RZP1" ASCII  | type  | flags | reserved (0)  |   session nonce (u64)         |
 * +---------------+-------+-------+---------------+-------------------------------+
 * </pre>
 *
 * PUNCH (0x01) and PUNCH_ACK (0x02) then carry 36 more bytes (52 in all):
 *
 * <pre>
 *  16                              32      33      34              36                      52
 * +-------------------------------+-------+-------+---------------+-----------------------+
 * |   sender client_id (16)       |family | 0     | port (u16)    | address (16)          |
 * +-------------------------------+-------+-------+---------------+-----------------------+
 * </pre>
 *
 * In a PUNCH the address is the sender's own public mapping as the edge reported it (family 0 when
 * unknown); in a PUNCH_ACK it is the source address the PUNCH arrived from. The nonce of a PUNCH is
 * the sender's; a PUNCH_ACK echoes the nonce of the PUNCH it answers. DATA (0x03) carries the
 * sender's nonce and then the application's bytes; KEEPALIVE (0x04) is the bare header.
 */
public final class PeerMessage {
  public static final int HEADER_LENGTH = 16;
  public static final int PUNCH_LENGTH = 52;

  /** The largest DATA payload: keeps a datagram under a 1280-byte IPv6 MTU with headers. */
  public static final int MAX_PAYLOAD = 1200;

  static final byte[] MAGIC = "RZP1".getBytes(StandardCharsets.US_ASCII);
  private static final int TYPE_OFFSET = 4;
  private static final int NONCE_OFFSET = 8;
  private static final int SENDER_OFFSET = 16;
  private static final int FAMILY_OFFSET = 32;
  private static final int PORT_OFFSET = 34;
  private static final int ADDRESS_OFFSET = 36;

  private final Type type;
  private final long nonce;
  private final Optional<ClientId> sender;
  private final Optional<InetSocketAddress> address;
  private final byte[] payload;

  private PeerMessage(
      Type type,
      long nonce,
      Optional<ClientId> sender,
      Optional<InetSocketAddress> address,
      byte[] payload) {
    this.type = type;
    this.nonce = nonce;
    this.sender = sender;
    this.address = address;
    this.payload = payload;
  }

  /** The message types. */
  public enum Type {
    PUNCH(0x01),
    PUNCH_ACK(0x02),
    DATA(0x03),
    KEEPALIVE(0x04);

    final int code;

    Type(int code) {
      this.code = code;
    }

    static Optional<Type> of(int code) {
      return Arrays.stream(values()).filter(t -> t.code == code).findFirst();
    }
  }

  public Type type() {
    return type;
  }

  /** The session nonce: the sender's (PUNCH, DATA, KEEPALIVE) or the one echoed (PUNCH_ACK). */
  public long nonce() {
    return nonce;
  }

  /** The sender's client_id (PUNCH and PUNCH_ACK only). */
  public Optional<ClientId> sender() {
    return sender;
  }

  /** PUNCH: the sender's public mapping, if known; PUNCH_ACK: where the PUNCH came from. */
  public Optional<InetSocketAddress> address() {
    return address;
  }

  /** DATA: the application's bytes (the array itself, not a copy); empty for the other types. */
  public byte[] payload() {
    return payload;
  }

  public static PeerMessage punch(long nonce, ClientId sender, Optional<InetSocketAddress> mine) {
    return new PeerMessage(Type.PUNCH, nonce, Optional.of(sender), mine, new byte[0]);
  }

  public static PeerMessage punchAck(long nonce, ClientId sender, InetSocketAddress seen) {
    return new PeerMessage(
        Type.PUNCH_ACK, nonce, Optional.of(sender), Optional.of(seen), new byte[0]);
  }

  public static PeerMessage data(long nonce, byte[] payload) {
    if (payload.length > MAX_PAYLOAD) {
      throw new IllegalArgumentException(
          "payload is " + payload.length + " bytes; at most " + MAX_PAYLOAD + " fit a datagram");
    }
    return new PeerMessage(Type.DATA, nonce, Optional.empty(), Optional.empty(), payload.clone());
  }

  public static PeerMessage keepalive(long nonce) {
    return new PeerMessage(Type.KEEPALIVE, nonce, Optional.empty(), Optional.empty(), new byte[0]);
  }

  /** True when the datagram starts with the magic: a cheap test before {@link #decode}. */
  public static boolean looksLikePeerMessage(byte[] datagram, int length) {
    return length >= HEADER_LENGTH
        && datagram[0] == MAGIC[0]
        && datagram[1] == MAGIC[1]
        && datagram[2] == MAGIC[2]
        && datagram[3] == MAGIC[3];
  }

  public byte[] encode() {
    boolean punchLike = type == Type.PUNCH || type == Type.PUNCH_ACK;
    int length = punchLike ? PUNCH_LENGTH : HEADER_LENGTH + payload.length;
    ByteBuffer out = ByteBuffer.allocate(length);
    out.put(MAGIC).put((byte) type.code).put((byte) 0).putShort((short) 0).putLong(nonce);
    if (punchLike) {
      out.put(sender.get().toBytes());
      if (address.isPresent()) {
        InetAddress ip = address.get().getAddress();
        out.put((byte) (ip instanceof Inet4Address ? 4 : 6)).put((byte) 0);
        out.putShort((short) address.get().getPort());
        out.put(ip.getAddress());
      }
    } else {
      out.put(payload);
    }
    return out.array();
  }

  /**
   * Decodes a peer message, or empty for anything malformed (wrong magic, unknown type, wrong
   * length, non-zero flags): peers drop such datagrams silently.
   */
  public static Optional<PeerMessage> decode(byte[] datagram, int length) {
    if (!looksLikePeerMessage(datagram, length)
        || datagram[5] != 0
        || datagram[6] != 0
        || datagram[7] != 0) {
      return Optional.empty();
    }
    Optional<Type> type = Type.of(datagram[TYPE_OFFSET] & 0xff);
    if (!type.isPresent()) {
      return Optional.empty();
    }
    ByteBuffer in = ByteBuffer.wrap(datagram, 0, length);
    long nonce = in.getLong(NONCE_OFFSET);
    return switch (type.get()) {
      case PUNCH, PUNCH_ACK -> decodePunch(type.get(), nonce, datagram, length);
      case DATA ->
          length - HEADER_LENGTH > MAX_PAYLOAD
              ? Optional.empty()
              : Optional.of(
                  new PeerMessage(
                      Type.DATA,
                      nonce,
                      Optional.empty(),
                      Optional.empty(),
                      Arrays.copyOfRange(datagram, HEADER_LENGTH, length)));
      case KEEPALIVE -> length == HEADER_LENGTH ? Optional.of(keepalive(nonce)) : Optional.empty();
    };
  }

  private static Optional<PeerMessage> decodePunch(
      Type type, long nonce, byte[] datagram, int length) {
    if (length != PUNCH_LENGTH || datagram[FAMILY_OFFSET + 1] != 0) {
      return Optional.empty();
    }
    ClientId sender =
        ClientId.fromBytes(
            Arrays.copyOfRange(datagram, SENDER_OFFSET, SENDER_OFFSET + ClientId.LENGTH_BYTES));
    int family = datagram[FAMILY_OFFSET];
    int port = ((datagram[PORT_OFFSET] & 0xff) << 8) | (datagram[PORT_OFFSET + 1] & 0xff);
    Optional<InetSocketAddress> address = Optional.empty();
    if (family == 4 || family == 6) {
      int n = family == 4 ? 4 : 16;
      for (int i = ADDRESS_OFFSET + n; i < PUNCH_LENGTH; i++) {
        if (datagram[i] != 0) {
          return Optional.empty();
        }
      }
      try {
        address =
            Optional.of(
                new InetSocketAddress(
                    InetAddress.getByAddress(
                        Arrays.copyOfRange(datagram, ADDRESS_OFFSET, ADDRESS_OFFSET + n)),
                    port));
      } catch (UnknownHostException | IllegalArgumentException e) {
        return Optional.empty();
      }
    } else if (family != 0) {
      return Optional.empty();
    }
    if (type == Type.PUNCH_ACK && !address.isPresent()) {
      return Optional.empty();
    }
    return Optional.of(new PeerMessage(type, nonce, Optional.of(sender), address, new byte[0]));
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof PeerMessage m
        && type == m.type
        && nonce == m.nonce
        && sender.equals(m.sender)
        && address.equals(m.address)
        && Arrays.equals(payload, m.payload);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(payload) * 31 + Long.hashCode(nonce);
  }

  @Override
  public String toString() {
    return "PeerMessage["
        + type
        + ", nonce="
        + Long.toHexString(nonce)
        + ", sender="
        + sender
        + ", address="
        + address
        + ", payload="
        + payload.length
        + " bytes]";
  }
}
