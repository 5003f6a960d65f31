package dev.rendezvous.core.directory;

import dev.rendezvous.core.registry.ObservedAddress;

/**
 * IPv4 or IPv6. A client may pulse over both at once; the two flows reach different edge tasks, so
 * ownership, live state and the recorded address are kept per family and never fight.
 */
public enum AddressFamily {
  IPV4("v4"),
  IPV6("v6");

  private final String tag;

  AddressFamily(String tag) {
    this.tag = tag;
  }

  /** A short name for attribute prefixes and logs: {@code v4} or {@code v6}. */
  public String tag() {
    return tag;
  }

  /** The family of an observed address (its textual host: IPv6 text always contains ':'). */
  public static AddressFamily of(ObservedAddress address) {
    return address.host().indexOf(':') >= 0 ? IPV6 : IPV4;
  }
}
