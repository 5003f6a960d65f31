/**
 * Bounded-memory protection for the edge: a striped LRU map and per-key token buckets (per source
 * address, per client_id). Nothing here grows with the number of distinct senders.
 */
package dev.rendezvous.edge.limit;
