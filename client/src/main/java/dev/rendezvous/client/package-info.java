/**
 * The Java client SDK: {@link dev.rendezvous.client.RendezvousClient} (HTTP routes), identities and
 * their files, and the server-corrected clock used for v2 pulse counters.
 */
package dev.rendezvous.client;
