/**
 * Hole punching on the session's socket: the RZP1 peer message format, punch attempts with retries
 * and a timeout, and the links they open.
 */
package dev.rendezvous.client.punch;
