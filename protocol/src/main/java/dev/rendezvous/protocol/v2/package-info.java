/**
 * The authenticated (v2) pulse format: a 4-byte header (version, type, flags), then the message;
 * every message carries a truncated HMAC-SHA256 under the client's pulse MAC key. See
 * docs/protocol.md for the byte diagrams.
 */
package dev.rendezvous.protocol.v2;
