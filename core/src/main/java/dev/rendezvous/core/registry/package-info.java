/**
 * The HTTP side of the directory ({@link dev.rendezvous.core.registry.ClientRegistry}, for the
 * routes and the expiry job) and the values it exchanges; the failures it reports are core's typed
 * exceptions ({@link dev.rendezvous.core.RendezvousException}).
 */
package dev.rendezvous.core.registry;
