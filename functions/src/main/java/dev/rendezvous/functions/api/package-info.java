/**
 * The five HTTP routes as thin Micronaut controllers over the core's {@code RendezvousService},
 * with their JSON bodies. The same controllers run on Lambda and in the local server.
 */
package dev.rendezvous.functions.api;
