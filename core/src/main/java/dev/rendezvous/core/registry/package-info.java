/**
 * The HTTP side of the directory ({@link dev.rendezvous.core.registry.ClientRegistry}, for the
 * routes and the expiry job), the per-pulse write path the edge is leaving ({@link
 * dev.rendezvous.core.registry.PulseRecorder}), the values they exchange, and the typed exceptions
 * a store turns its failures into.
 */
package dev.rendezvous.core.registry;
