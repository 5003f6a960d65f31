/**
 * The pure core of the rendezvous service: identities and key handling, the timing rules that
 * decide whether a client is ONLINE, PENDING or expired, the UDP pulse wire codec, and the narrow
 * storage port that adapters implement. Nothing here imports AWS, Netty or Micronaut.
 */
package dev.rendezvous.core;
