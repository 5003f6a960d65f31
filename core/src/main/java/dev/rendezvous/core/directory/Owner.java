package dev.rendezvous.core.directory;

/**
 * Who owns one (client, family): the task, and the epoch the directory gave it when it took
 * ownership. Epochs of a (client, family) rise at every takeover; every owner write is conditional
 * on both fields, so a task that lost a client never writes over the newer owner.
 */
public record Owner(TaskId task, long epoch) {
  public Owner {
    if (task == null) {
      throw new IllegalArgumentException("task must not be null");
    }
    if (epoch < 1) {
      throw new IllegalArgumentException("epochs start at 1, got " + epoch);
    }
  }
}
