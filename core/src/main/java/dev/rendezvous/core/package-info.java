/**
 * The pure core of the rendezvous service: the timing rules that decide whether a client is ONLINE,
 * PENDING or expired, the narrow storage port that adapters implement, the service over it, and the
 * settings. Identities, keys and the UDP wire codecs come from the protocol module ({@code
 * dev.rendezvous.protocol}), which the client SDK shares. Nothing here imports AWS, Netty or
 * Micronaut.
 */
package dev.rendezvous.core;
