/**
 * What the SDK and the service share, in plain Java that runs on Java 17 and on Android API level
 * 26: client identities and keys ({@code identity}), the UDP pulse wire formats ({@code v1}, {@code
 * v2}), the {@link dev.rendezvous.protocol.ResponseCode}s and the decode failure type {@link
 * dev.rendezvous.protocol.MalformedPulseException}. Nothing here depends on storage, services or a
 * framework. See docs/protocol.md for the byte layouts.
 */
package dev.rendezvous.protocol;
