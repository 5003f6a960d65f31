/**
 * The {@code rendezvous} command line (picocli) over the client SDK: register, pulse, peer, status,
 * verify, logout, and connect (punch, then exchange lines of text).
 */
package dev.rendezvous.cli;
