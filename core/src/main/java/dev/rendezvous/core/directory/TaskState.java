package dev.rendezvous.core.directory;

/** Whether a task takes part in serving clients. */
public enum TaskState {
  /** Answering pulses and the internal API. */
  SERVING,
  /** Shutting down: readers skip it, and new owners may take its clients over at once. */
  DRAINING
}
