/**
 * One-sided connect: a caller asks the service to ring a callee, whose owner edge pushes a
 * PUNCH_NOW down the callee's live mapping; both then punch with a pair key the service derives
 * (and never stores). docs/protocol.md ("Calls") has the formats and derivations.
 */
package dev.rendezvous.core.call;
