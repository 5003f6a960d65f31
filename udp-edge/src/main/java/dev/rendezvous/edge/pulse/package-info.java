/**
 * The pulse pipeline of one UDP socket: source rate limit, decoding through the pure core codecs,
 * and the handler that asks storage (asynchronously, bounded, with timeouts) and answers.
 */
package dev.rendezvous.edge.pulse;
