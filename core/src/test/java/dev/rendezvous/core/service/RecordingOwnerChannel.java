package dev.rendezvous.core.service;

import dev.rendezvous.core.directory.AddressFamily;
import dev.rendezvous.core.directory.OwnedState;
import dev.rendezvous.core.directory.OwnerChannel;
import dev.rendezvous.core.directory.TaskId;
import dev.rendezvous.core.directory.TaskRecord;
import dev.rendezvous.protocol.identity.ClientId;
import java.time.Instant;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * An owner channel for core's tests, with the contract of the real one (internal-api's, tested over
 * real sockets there): a task that answers gives its families; a task that is slow, dead or owns
 * nothing is simply left out. Records what was asked and told.
 */
final class RecordingOwnerChannel implements OwnerChannel {
  final Map<TaskId, List<OwnedState>> answers = new HashMap<>();
  final List<String> asked = new CopyOnWriteArrayList<>();
  final List<String> told = new CopyOnWriteArrayList<>();

  @Override
  public Map<AddressFamily, OwnedState> ask(ClientId clientId, List<TaskRecord> owners) {
    Map<AddressFamily, OwnedState> exact = new EnumMap<>(AddressFamily.class);
    for (TaskRecord owner : owners) {
      asked.add(owner.task() + " " + clientId);
      for (OwnedState state : answers.getOrDefault(owner.task(), List.of())) {
        exact.merge(state.family(), state, (a, b) -> a.epoch() >= b.epoch() ? a : b);
      }
    }
    return exact;
  }

  @Override
  public void verified(ClientId clientId, Instant at, List<TaskRecord> owners) {
    owners.forEach(o -> told.add("verified " + o.task() + " " + at));
  }

  @Override
  public void loggedOut(ClientId clientId, List<TaskRecord> owners) {
    owners.forEach(o -> told.add("loggedOut " + o.task()));
  }
}
