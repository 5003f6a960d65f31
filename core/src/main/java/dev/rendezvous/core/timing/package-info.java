/**
 * The timing rules: a client is ONLINE while its last sign of life is at most interval + grace old,
 * PENDING after that, and expired once it is more than interval + error time old. Status is always
 * computed from stored times and an injected {@link java.time.Clock}, never stored.
 */
package dev.rendezvous.core.timing;
