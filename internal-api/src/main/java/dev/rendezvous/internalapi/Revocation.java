package dev.rendezvous.internalapi;

import dev.rendezvous.core.directory.AddressFamily;

/** The body of {@code POST .../revoke}: another task owns {@code family} with {@code epoch}. */
public record Revocation(AddressFamily family, long epoch) {}
