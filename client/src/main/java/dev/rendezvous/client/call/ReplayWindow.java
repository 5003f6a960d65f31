package dev.rendezvous.client.call;

/**
 * Accepts each authenticated sequence number at most once: any number above the highest seen, or
 * one of the 64 just below it not seen yet (datagrams may arrive out of order); everything older is
 * dropped. Thread-safe.
 */
final class ReplayWindow {
  static final int WIDTH = 64;

  private long highest;
  private long seen; // bit i: highest - i was accepted

  /** True (and remembered) when {@code sequence} was not accepted before and is not too old. */
  synchronized boolean accept(long sequence) {
    if (sequence <= 0) {
      return false;
    }
    if (sequence > highest) {
      long shift = sequence - highest;
      seen = shift >= WIDTH ? 1L : (seen << shift) | 1L;
      highest = sequence;
      return true;
    }
    long age = highest - sequence;
    if (age >= WIDTH || (seen & (1L << age)) != 0) {
      return false;
    }
    seen |= 1L << age;
    return true;
  }
}
