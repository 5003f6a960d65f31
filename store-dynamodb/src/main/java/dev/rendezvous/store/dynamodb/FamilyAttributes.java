package dev.rendezvous.store.dynamodb;

import dev.rendezvous.core.directory.AddressFamily;

/**
 * The attribute names of one address family in a client item: {@code v4Owner}, {@code v4Epoch}, ...
 * and the same with {@code v6}. Only the family's owner writes them (conditional on owner and
 * epoch), except a takeover, which replaces the owner.
 */
record FamilyAttributes(
    AddressFamily family,
    String owner,
    String epoch,
    String host,
    String port,
    String pulseAtMillis,
    String onlineUntilMillis,
    String counter,
    String previousOwner) {

  static final FamilyAttributes V4 = of(AddressFamily.IPV4);
  static final FamilyAttributes V6 = of(AddressFamily.IPV6);

  static FamilyAttributes of(AddressFamily family) {
    String p = family.tag();
    return new FamilyAttributes(
        family,
        p + "Owner",
        p + "Epoch",
        p + "Host",
        p + "Port",
        p + "PulseAtMillis",
        p + "OnlineUntilMillis",
        p + "Counter",
        p + "PreviousOwner");
  }

  static FamilyAttributes get(AddressFamily family) {
    return family == AddressFamily.IPV4 ? V4 : V6;
  }
}
