package dev.rendezvous.client.call;

import java.util.concurrent.atomic.AtomicLong;

/**
 * What a call's punching and its link share: the keys, this side's sequence counter (every message
 * sent takes the next one, so no nonce repeats under a key) and the replay window of what arrives.
 */
final class LinkState {
  final LinkKeys keys;
  private final AtomicLong sent = new AtomicLong();
  private final ReplayWindow window = new ReplayWindow();

  LinkState(LinkKeys keys) {
    this.keys = keys;
  }

  /** A sealed message of {@code type} with the next sequence number. */
  byte[] seal(byte type, byte[] plaintext) {
    return SecureMessage.seal(type, keys.tag(), sent.incrementAndGet(), plaintext, keys.sendKey());
  }

  /** The message if it authenticates and was not seen before; null otherwise. */
  SecureMessage open(byte[] datagram) {
    SecureMessage m = SecureMessage.open(datagram, keys.receiveKey());
    return m != null && window.accept(m.sequence()) ? m : null;
  }
}
