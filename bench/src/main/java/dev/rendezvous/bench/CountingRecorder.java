package dev.rendezvous.bench;

import dev.rendezvous.core.directory.DirectoryEntry;
import dev.rendezvous.core.registry.ObservedAddress;
import dev.rendezvous.core.registry.PulseOutcome;
import dev.rendezvous.core.registry.PulseRecorder;
import dev.rendezvous.protocol.identity.ClientId;
import dev.rendezvous.protocol.identity.PrivateKey;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.LongAdder;

/** Counts the storage calls the edge makes (writes: pulses; reads: key look-ups). */
final class CountingRecorder implements PulseRecorder {
  private final PulseRecorder real;
  final LongAdder writes = new LongAdder();
  final LongAdder reads = new LongAdder();

  CountingRecorder(PulseRecorder real) {
    this.real = real;
  }

  @Override
  public CompletionStage<PulseOutcome> pulse(PrivateKey key, ObservedAddress source) {
    writes.increment();
    return real.pulse(key, source);
  }

  @Override
  public CompletionStage<PulseOutcome> authenticatedPulse(
      ClientId clientId, long counter, ObservedAddress source) {
    writes.increment();
    return real.authenticatedPulse(clientId, counter, source);
  }

  @Override
  public CompletionStage<Optional<DirectoryEntry>> find(ClientId clientId) {
    reads.increment();
    return real.find(clientId);
  }
}
