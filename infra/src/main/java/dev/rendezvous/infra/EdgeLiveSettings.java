package dev.rendezvous.infra;

import static dev.rendezvous.infra.ContextReader.requireRange;

/**
 * What the stack tells the live-state processes (docs/architecture.md): where the edge serves its
 * internal API, how long a reader waits for an owner, how many (client, family) entries one edge
 * task may own, and how often an owner checkpoints a client's lease.
 *
 * @param internalPort TCP port of each edge task's internal API (reachable only from the API
 *     function's security group)
 * @param ownerTimeoutMillis how long the API function waits for the live owners of a client before
 *     answering from the directory
 * @param maxClientsPerTask (client, family) entries one edge task owns at most; past it the task
 *     refuses takeovers (docs/deploy.md, "Clients per task")
 * @param checkpointIntervals pulse intervals between two checkpoints of an owned client (the cost
 *     of a live client is one write per checkpoint)
 */
public record EdgeLiveSettings(
    int internalPort, int ownerTimeoutMillis, int maxClientsPerTask, int checkpointIntervals) {

  /** The edge's internal API port, as the edge and the local run default it. */
  public static final int DEFAULT_INTERNAL_PORT = 5027;

  /** 250 ms: several times a warm in-VPC round trip, small against the API's 10 s timeout. */
  public static final int DEFAULT_OWNER_TIMEOUT_MILLIS = 250;

  /** The CPU-bound figure of docs/deploy.md ("Clients per task"), far below the heap's bound. */
  public static final int DEFAULT_MAX_CLIENTS_PER_TASK = 100_000;

  public static final int DEFAULT_CHECKPOINT_INTERVALS = 10;

  /** The edge's measured bound per (client, family) entry, with room to spare. */
  static final long BYTES_PER_ENTRY = 300;

  /** The edge image's {@code -XX:MaxRAMPercentage=75}, as a fraction. */
  static final double HEAP_FRACTION = 0.75;

  public EdgeLiveSettings {
    requireRange("internalPort", internalPort, 1, 65535);
    requireRange("ownerTimeoutMillis", ownerTimeoutMillis, 1, 10_000);
    requireRange("edgeMaxClientsPerTask", maxClientsPerTask, 16, 100_000_000);
    requireRange("checkpointIntervals", checkpointIntervals, 1, 1_000);
  }

  static EdgeLiveSettings fromContext(ContextReader read) {
    return new EdgeLiveSettings(
        (int) read.integer("internalPort", DEFAULT_INTERNAL_PORT),
        (int) read.integer("ownerTimeoutMillis", DEFAULT_OWNER_TIMEOUT_MILLIS),
        (int) read.integer("edgeMaxClientsPerTask", DEFAULT_MAX_CLIENTS_PER_TASK),
        (int) read.integer("checkpointIntervals", DEFAULT_CHECKPOINT_INTERVALS));
  }

  /**
   * The most entries a task of {@code memoryMb} can hold in half of its heap, the share the edge
   * gives its live table (the other half is for Netty, the SDK and buffers).
   */
  static long heapBoundEntries(int memoryMb) {
    return (long) (memoryMb * 1024L * 1024L * HEAP_FRACTION / 2 / BYTES_PER_ENTRY);
  }
}
