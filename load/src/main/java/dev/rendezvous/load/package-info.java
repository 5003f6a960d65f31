/**
 * A load driver that plays many clients against a running service (normally the local stack from
 * {@code ./run-local}) and checks every answer against what the protocol says it must be: zero
 * wrong codes, zero lost registrations, peer status consistent with the pulses sent. Loopback or
 * the project's own namespaces only; bounded in count and time.
 */
package dev.rendezvous.load;
