package dev.rendezvous.client.http;

import dev.rendezvous.protocol.call.CallId;
import dev.rendezvous.protocol.identity.ClientId;
import java.time.Instant;

/**
 * {@code POST /peer/{id}/connect} (the callee and its address) or {@code GET /calls/{call_id}} (the
 * caller and its address): the call, the other peer, where to punch, and the pair key (secret: it
 * is never printed).
 */
public final class CallReply {
  private final CallId call;
  private final ClientId peer;
  private final String host;
  private final int port;
  private final byte[] pairKey;
  private final Instant serverTime;

  public CallReply(
      CallId call, ClientId peer, String host, int port, byte[] pairKey, Instant serverTime) {
    this.call = call;
    this.peer = peer;
    this.host = host;
    this.port = port;
    this.pairKey = pairKey.clone();
    this.serverTime = serverTime;
  }

  public CallId call() {
    return call;
  }

  /** The other side of the call. */
  public ClientId peer() {
    return peer;
  }

  /** The other side's public address, as text (an IP literal). */
  public String host() {
    return host;
  }

  public int port() {
    return port;
  }

  public byte[] pairKey() {
    return pairKey.clone();
  }

  public Instant serverTime() {
    return serverTime;
  }

  @Override
  public String toString() {
    return "CallReply[" + call + " with " + peer + " at " + host + ":" + port + "]";
  }
}
