package dev.rendezvous.edge.live;

import dev.rendezvous.edge.pulse.InboundPulse;
import dev.rendezvous.protocol.identity.ClientId;
import dev.rendezvous.protocol.v2.PulseV2Request;
import java.net.InetSocketAddress;

/**
 * One decoded pulse at its shard, with what the shard needs at hand: the client id and the source
 * as longs (see {@link Addresses}), the source's family, and the time it was taken up.
 */
record Arrival(
    InboundPulse pulse,
    long idHi,
    long idLo,
    boolean v6,
    long srcHi,
    long srcLo,
    int srcPort,
    long nowMillis) {

  static Arrival of(InboundPulse pulse, long nowMillis) {
    byte[] id = pulse.clientId().toBytes();
    InetSocketAddress sender = pulse.sender();
    return new Arrival(
        pulse,
        longAt(id, 0),
        longAt(id, 8),
        Addresses.isV6(sender.getAddress()),
        Addresses.hi(sender.getAddress()),
        Addresses.lo(sender.getAddress()),
        sender.getPort(),
        nowMillis);
  }

  boolean isV2() {
    return pulse instanceof InboundPulse.V2;
  }

  /** The v2 request; only when {@link #isV2()}. */
  PulseV2Request v2() {
    return ((InboundPulse.V2) pulse).request();
  }

  /** The v2 counter, 0 for v1. */
  long counter() {
    return isV2() ? v2().counter() : 0;
  }

  ClientId clientId() {
    return pulse.clientId();
  }

  InetSocketAddress sender() {
    return pulse.sender();
  }

  static long longAt(byte[] bytes, int offset) {
    long v = 0;
    for (int i = 0; i < 8; i++) {
      v = (v << 8) | (bytes[offset + i] & 0xff);
    }
    return v;
  }

  /** The shard of a client id: both families of a client land in the same one. */
  static int shardOf(ClientId clientId, int shards) {
    byte[] id = clientId.toBytes();
    return Math.floorMod((int) (longAt(id, 0) >>> 33), shards);
  }
}
