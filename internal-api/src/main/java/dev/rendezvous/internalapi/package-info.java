/**
 * The edge's internal API as both sides use it (docs/architecture.md, "The internal API"): the
 * routes, request signing and checking, the JSON bodies, and the asynchronous client that the HTTP
 * routes (through {@link dev.rendezvous.internalapi.InternalApiOwnerChannel}) and the edges (to
 * revoke a previous owner) call owners with. The server lives in the edge.
 */
package dev.rendezvous.internalapi;
