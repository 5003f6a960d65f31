/**
 * The directory in process memory ({@code RENDEZVOUS_STORE=memory} and tests): the same rules as
 * the DynamoDB directory over concurrent maps. {@link
 * dev.rendezvous.core.directory.memory.InMemoryDirectory} is the HTTP side, its {@code live()} the
 * edge's.
 */
package dev.rendezvous.core.directory.memory;
