/**
 * An in-process implementation of the storage port with the same rules as the DynamoDB one (the
 * shared contract suite runs against both). It keeps nothing across restarts: it exists to measure
 * the edge's own speed ({@code RENDEZVOUS_STORE=memory}), never to run the service.
 */
package dev.rendezvous.core.registry.memory;
