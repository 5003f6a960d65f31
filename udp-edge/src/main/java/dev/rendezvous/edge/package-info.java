/**
 * The UDP edge: {@link dev.rendezvous.edge.EdgeMain} reads the environment, {@link
 * dev.rendezvous.edge.Edge} wires the pulse pipeline to a storage port, {@link
 * dev.rendezvous.edge.EdgeServer} only binds and unbinds the sockets.
 */
package dev.rendezvous.edge;
