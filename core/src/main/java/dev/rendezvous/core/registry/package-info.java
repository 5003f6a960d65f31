/**
 * The HTTP side of the directory ({@link dev.rendezvous.core.registry.ClientRegistry}, for the
 * routes and the expiry job), the values it exchanges, and the typed exceptions a store turns its
 * failures into.
 */
package dev.rendezvous.core.registry;
