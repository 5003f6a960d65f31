package dev.rendezvous.internalapi;

import dev.rendezvous.core.call.PushChannel;
import dev.rendezvous.core.directory.TaskRecord;
import dev.rendezvous.protocol.call.CallId;
import dev.rendezvous.protocol.identity.ClientId;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP routes' {@link PushChannel} over the internal API: one {@code POST .../punch-now} per
 * attempt, bounded by the owner's acknowledgement wait plus the client's owner timeout. A call that
 * fails or times out is {@link PushChannel.Outcome#FAILED}; the caller tries the next owner.
 */
public final class InternalApiPushChannel implements PushChannel {
  private static final Logger LOG = LoggerFactory.getLogger(InternalApiPushChannel.class);
  private static final long SLACK_MILLIS = 20;

  private final InternalApiClient client;
  private final Duration bound;

  public InternalApiPushChannel(InternalApiClient client) {
    this.client = client;
    this.bound = ACK_WAIT.plus(client.timeout());
  }

  @Override
  public Result push(TaskRecord owner, ClientId callee, CallId call, boolean first) {
    try {
      return client
          .punchNow(InternalEndpoint.of(owner), callee, new PunchNowRequest(call, first), bound)
          .get(bound.toMillis() + SLACK_MILLIS, TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Result.of(Outcome.FAILED);
    } catch (ExecutionException | TimeoutException e) {
      LOG.debug("punch-now to {} failed: {}", owner.task(), e.toString());
      return Result.of(Outcome.FAILED);
    }
  }
}
