package dev.rendezvous.edge.internal;

import dev.rendezvous.core.call.PushChannel;
import dev.rendezvous.core.directory.OwnedClients;
import dev.rendezvous.core.directory.OwnedState;
import dev.rendezvous.internalapi.InternalAction;
import dev.rendezvous.internalapi.InternalBodyException;
import dev.rendezvous.internalapi.InternalJson;
import dev.rendezvous.internalapi.InternalRoute;
import dev.rendezvous.internalapi.PunchNowRequest;
import dev.rendezvous.internalapi.RequestSigning;
import dev.rendezvous.internalapi.Revocation;
import dev.rendezvous.protocol.identity.ClientId;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.timeout.IdleStateEvent;
import java.net.SocketAddress;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * One connection's requests: authenticate first (anything not authentic is 401 without detail and
 * the connection closes), then route, then ask the live table. Answers go out in request order even
 * when the live table answers out of order (HTTP/1.1 pipelining), and never from a blocked event
 * loop: the live table's stages complete wherever they complete, and Netty hands the write to this
 * connection's loop.
 */
final class InternalRequestHandler extends SimpleChannelInboundHandler<FullHttpRequest> {
  private final OwnedClients owned;
  private final Supplier<RequestSigning> signing;
  private final Clock clock;
  private final InternalServerLimits limits;
  private final InternalServerEvents events;
  private CompletableFuture<Void> lastWrite = CompletableFuture.completedFuture(null);

  InternalRequestHandler(
      OwnedClients owned,
      Supplier<RequestSigning> signing,
      Clock clock,
      InternalServerLimits limits,
      InternalServerEvents events) {
    this.owned = owned;
    this.signing = signing;
    this.clock = clock;
    this.limits = limits;
    this.events = events;
  }

  @Override
  protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
    boolean close = !HttpUtil.isKeepAlive(request);
    CompletableFuture<FullHttpResponse> answer;
    if (!request.decoderResult().isSuccess()) {
      answer = done(InternalResponses.error(HttpResponseStatus.BAD_REQUEST, "bad_request"));
      close = true;
    } else {
      byte[] body = ByteBufUtil.getBytes(request.content());
      if (authentic(request, body)) {
        answer = answer(request, body);
      } else {
        events.refused(ctx.channel().remoteAddress());
        answer = done(InternalResponses.error(HttpResponseStatus.UNAUTHORIZED, "unauthorized"));
        close = true;
      }
    }
    boolean closeAfter = close;
    lastWrite =
        lastWrite
            .exceptionally(failedWrite -> null)
            .thenCompose(written -> answer)
            .thenAccept(response -> write(ctx, response, closeAfter));
  }

  private boolean authentic(FullHttpRequest request, byte[] body) {
    return signing
        .get()
        .accepts(
            request.method().name(),
            request.uri(),
            request.headers().get(RequestSigning.TIMESTAMP_HEADER),
            request.headers().get(RequestSigning.SIGNATURE_HEADER),
            body,
            clock.instant());
  }

  private CompletableFuture<FullHttpResponse> answer(FullHttpRequest request, byte[] body) {
    Optional<InternalRoute> parsed = InternalRoute.parse(request.uri());
    if (parsed.isEmpty()) {
      return done(InternalResponses.error(HttpResponseStatus.NOT_FOUND, "not_found"));
    }
    InternalRoute route = parsed.get();
    if (!request.method().name().equals(route.method())) {
      FullHttpResponse response =
          InternalResponses.error(HttpResponseStatus.METHOD_NOT_ALLOWED, "method_not_allowed");
      response.headers().set(HttpHeaderNames.ALLOW, route.method());
      return done(response);
    }
    CompletionStage<FullHttpResponse> stage;
    try {
      stage = ask(route.action(), route.clientId(), body);
    } catch (InternalBodyException e) {
      return done(InternalResponses.error(HttpResponseStatus.BAD_REQUEST, "malformed_body"));
    } catch (RuntimeException e) {
      return done(failed(e));
    }
    return stage
        .toCompletableFuture()
        .orTimeout(limits.answerTimeout().toMillis(), TimeUnit.MILLISECONDS)
        .exceptionally(this::failed);
  }

  /** The live table's answer; every stage here is a new one, never the table's own future. */
  private CompletionStage<FullHttpResponse> ask(
      InternalAction action, ClientId clientId, byte[] body) {
    return switch (action) {
      case LOOK_UP -> owned.lookUp(clientId).thenApply(states -> lookedUp(clientId, states));
      case VERIFIED -> {
        Instant at = InternalJson.parseVerified(body);
        yield owned.verified(clientId, at).thenApply(done -> InternalResponses.noContent());
      }
      case LOGGED_OUT -> owned.loggedOut(clientId).thenApply(done -> InternalResponses.noContent());
      case PUNCH_NOW -> {
        PunchNowRequest push = InternalJson.parsePunchNow(body);
        yield owned
            .punchNow(clientId, push.call(), push.first())
            .thenApply(InternalRequestHandler::pushed);
      }
      case REVOKE -> {
        Revocation revocation = InternalJson.parseRevocation(body);
        yield owned
            .revoke(clientId, revocation.family(), revocation.epoch())
            .thenApply(done -> InternalResponses.noContent());
      }
    };
  }

  private static FullHttpResponse pushed(PushChannel.Result result) {
    return switch (result.outcome()) {
      case ACKNOWLEDGED -> InternalResponses.noContent();
      case NOT_OWNED -> InternalResponses.error(HttpResponseStatus.NOT_FOUND, "not_owned");
      case NO_ACK -> InternalResponses.error(HttpResponseStatus.CONFLICT, "no_ack");
      case RATE_LIMITED ->
          InternalResponses.json(
              HttpResponseStatus.TOO_MANY_REQUESTS,
              InternalJson.rateLimited(result.retryAfterSeconds()));
      case FAILED -> InternalResponses.error(HttpResponseStatus.SERVICE_UNAVAILABLE, "unavailable");
    };
  }

  private static FullHttpResponse lookedUp(ClientId clientId, List<OwnedState> states) {
    if (states.isEmpty()) {
      return InternalResponses.error(HttpResponseStatus.NOT_FOUND, "not_owned");
    }
    return InternalResponses.json(
        HttpResponseStatus.OK, InternalJson.ownedStates(clientId, states));
  }

  private FullHttpResponse failed(Throwable error) {
    Throwable cause =
        error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
    if (cause instanceof TimeoutException) {
      events.slowAnswer();
      return InternalResponses.error(HttpResponseStatus.SERVICE_UNAVAILABLE, "unavailable");
    }
    events.failed(cause);
    return InternalResponses.error(HttpResponseStatus.INTERNAL_SERVER_ERROR, "internal_error");
  }

  private static void write(ChannelHandlerContext ctx, FullHttpResponse response, boolean close) {
    if (close) {
      response.headers().set(HttpHeaderNames.CONNECTION, "close");
      ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
    } else {
      ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE_ON_FAILURE);
    }
  }

  private static CompletableFuture<FullHttpResponse> done(FullHttpResponse response) {
    return CompletableFuture.completedFuture(response);
  }

  @Override
  public void userEventTriggered(ChannelHandlerContext ctx, Object event) throws Exception {
    if (event instanceof IdleStateEvent) {
      ctx.close().addListener(ChannelFutureListener.FIRE_EXCEPTION_ON_FAILURE);
    } else {
      super.userEventTriggered(ctx, event);
    }
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    SocketAddress remote = ctx.channel().remoteAddress();
    events.connectionError(remote, cause);
    ctx.close().addListener(ChannelFutureListener.FIRE_EXCEPTION_ON_FAILURE);
  }
}
