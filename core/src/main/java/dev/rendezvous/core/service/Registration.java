package dev.rendezvous.core.service;

import dev.rendezvous.protocol.identity.ClientCredentials;
import java.time.Instant;

/** A new client: its credentials (the key is shown to the client once) and when it registered. */
public record Registration(ClientCredentials credentials, Instant registeredAt) {}
