/**
 * The storage port ({@link dev.rendezvous.core.registry.ClientRegistry} for the HTTP functions and
 * the expiry job, {@link dev.rendezvous.core.registry.PulseRecorder} for the UDP edge), the records
 * they exchange, and the typed exceptions a store turns its failures into.
 */
package dev.rendezvous.core.registry;
