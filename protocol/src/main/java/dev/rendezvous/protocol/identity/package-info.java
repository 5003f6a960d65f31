/**
 * Client identities and key handling: the public {@link dev.rendezvous.protocol.identity.ClientId},
 * the secret {@link dev.rendezvous.protocol.identity.PrivateKey} (everything else derives from it),
 * the pair of the two as {@link dev.rendezvous.protocol.identity.ClientCredentials}, and what the
 * server stores instead of the key (a {@link dev.rendezvous.protocol.identity.KeyVerifier} for
 * Bearer checks and a {@link dev.rendezvous.protocol.identity.PulseMacKey} for authenticated
 * pulses).
 */
package dev.rendezvous.protocol.identity;
