/**
 * The seed (v1) pulse format, kept for existing clients: the private key itself as the request, a
 * 4-byte big-endian code as the reply. Operators can turn it off in favour of v2.
 */
package dev.rendezvous.protocol.v1;
