package dev.rendezvous.client.session;

import java.net.InetSocketAddress;
import java.util.concurrent.CompletableFuture;

/** A pulse waiting for its reply: where it went, when, and who waits for the answer. */
final class OutstandingPulse {
  private final InetSocketAddress target;
  private final long sentAtMillis;
  private final CompletableFuture<PulseReply> reply;

  OutstandingPulse(
      InetSocketAddress target, long sentAtMillis, CompletableFuture<PulseReply> reply) {
    this.target = target;
    this.sentAtMillis = sentAtMillis;
    this.reply = reply;
  }

  /** The edge port it went to (main or probe). */
  InetSocketAddress target() {
    return target;
  }

  /** When it was sent, on the local clock. */
  long sentAtMillis() {
    return sentAtMillis;
  }

  /** Completed with the reply, or failed when none came within the reply timeout. */
  CompletableFuture<PulseReply> reply() {
    return reply;
  }
}
