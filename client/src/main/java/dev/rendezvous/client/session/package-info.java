/**
 * A session: one UDP socket for pulses and peer traffic, the pulse loop (v2 by default, v1
 * selectable), automatic /verify, NAT mapping probe, and the app's listener.
 */
package dev.rendezvous.client.session;
