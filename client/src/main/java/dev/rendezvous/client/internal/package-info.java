/**
 * The SDK's own plumbing (threads, ordering of callbacks, the datagram sender). Not API: it may
 * change in any release.
 */
package dev.rendezvous.client.internal;
