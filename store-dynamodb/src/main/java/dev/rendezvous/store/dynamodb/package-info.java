/**
 * The storage port on DynamoDB with the AWS SDK v2: one item per client keyed by its client_id,
 * every state change a single conditional write, a TTL attribute, and a sharded, coarse-grained
 * expiry index that the sweep queries instead of scanning the table. See store-dynamodb/README.md
 * for the item layout and the cost per pulse.
 */
package dev.rendezvous.store.dynamodb;
