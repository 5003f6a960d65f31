package dev.rendezvous.edge.live;

import dev.rendezvous.core.directory.LiveDirectory;
import dev.rendezvous.core.directory.TaskId;
import dev.rendezvous.core.timing.LivenessRules;
import dev.rendezvous.edge.observe.EdgeMetrics;
import dev.rendezvous.edge.pulse.StorageGate;
import java.time.Clock;
import java.util.function.Supplier;

/**
 * What every shard of a task shares: the directory, who the task is, its times and limits.
 *
 * @param nonces makes one {@link ChallengeNonces} per shard, all under the task's one secret
 * @param maxClientsPerShard the shard's share of {@code RENDEZVOUS_EDGE_MAX_CLIENTS}
 * @param negativeEntries the negative cache's size per shard
 * @param trackedKeys rate-limit buckets per limiter per shard
 * @param takeoverRatePerSecond deferred takeovers written per second by this shard
 */
public record ShardConfig(
    LiveDirectory directory,
    TaskId task,
    OwnerTimings timings,
    LivenessRules rules,
    StorageGate gate,
    EdgeMetrics metrics,
    Clock clock,
    PreviousOwners previousOwners,
    Supplier<ChallengeNonces> nonces,
    int maxClientsPerShard,
    int negativeEntries,
    double sourceRatePerSecond,
    double sourceBurst,
    double clientRatePerSecond,
    double clientBurst,
    int trackedKeys,
    double takeoverRatePerSecond) {}
