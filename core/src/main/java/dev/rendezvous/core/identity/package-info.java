/**
 * Client identities and key handling: the public {@link dev.rendezvous.core.identity.ClientId}, the
 * secret {@link dev.rendezvous.core.identity.PrivateKey}, and what the server stores instead of the
 * key (a {@link dev.rendezvous.core.identity.KeyVerifier} for Bearer checks and a {@link
 * dev.rendezvous.core.identity.PulseMacKey} for authenticated pulses).
 */
package dev.rendezvous.core.identity;
