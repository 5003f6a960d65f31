/**
 * The edge's internal API server (docs/architecture.md, "The internal API"): Netty HTTP/1.1 on its
 * own event loop, serving core's {@link dev.rendezvous.core.directory.OwnedClients} to the HTTP
 * routes and to other edges, every request authenticated by {@link
 * dev.rendezvous.internalapi.RequestSigning}.
 */
package dev.rendezvous.edge.internal;
