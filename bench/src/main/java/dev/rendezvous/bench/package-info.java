/**
 * The load harness for the UDP edge (not a test): a closed-loop UDP driver on loopback and the
 * three scenarios of docs/benchmarks.md. Run with {@code ./mvnw -B -pl bench -am -DskipTests
 * -Pbench verify}.
 */
package dev.rendezvous.bench;
