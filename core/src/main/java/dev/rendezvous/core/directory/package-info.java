/**
 * The directory: the durable record of every client in storage (DynamoDB in production), written on
 * change, not on every pulse; and the live owners that keep each client's exact state in memory
 * (docs/architecture.md). The ports here are implemented by the store, the edge and the HTTP
 * adapters; the types are what they exchange.
 */
package dev.rendezvous.core.directory;
