package dev.rendezvous.client.call;

import dev.rendezvous.client.punch.PeerPath;
import java.util.concurrent.ScheduledFuture;

/** An open call link being punched again after a handover, until a sealed PUNCH_ACK or 30 s. */
final class CallRepunch {
  final SecureLink link;
  final PeerPath from;
  volatile ScheduledFuture<?> ticker;
  volatile ScheduledFuture<?> deadline;

  CallRepunch(SecureLink link) {
    this.link = link;
    this.from = link.path();
  }

  void cancel() {
    if (ticker != null) {
      ticker.cancel(false);
    }
    if (deadline != null) {
      deadline.cancel(false);
    }
  }
}
