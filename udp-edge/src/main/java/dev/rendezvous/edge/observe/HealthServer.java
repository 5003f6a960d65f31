package dev.rendezvous.edge.observe;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.timeout.ReadTimeoutHandler;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * A tiny HTTP server for the load balancer's health check (UDP has none) and for scraping:
 *
 * <ul>
 *   <li>{@code GET /health}: 200 {@code {"status":"UP"}} while the UDP sockets are bound and the
 *       edge is not draining, 503 otherwise;
 *   <li>{@code GET /metrics}: the meters in Prometheus text format.
 * </ul>
 *
 * Anything else is 404 (405 for another method). One event-loop thread, NIO.
 */
public final class HealthServer implements AutoCloseable {
  private final EventLoopGroup group;
  private final Channel channel;

  private HealthServer(EventLoopGroup group, Channel channel) {
    this.group = group;
    this.channel = channel;
  }

  public static HealthServer start(
      String bindAddress, int port, BooleanSupplier healthy, PrometheusMeterRegistry registry)
      throws InterruptedException {
    EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    Routes routes = new Routes(healthy, registry);
    try {
      Channel channel =
          new ServerBootstrap()
              .group(group)
              .channel(NioServerSocketChannel.class)
              .childHandler(
                  new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel c) {
                      c.pipeline()
                          .addLast(new ReadTimeoutHandler(10))
                          .addLast(new HttpServerCodec(4096, 8192, 8192))
                          .addLast(new HttpObjectAggregator(1024))
                          .addLast(routes);
                    }
                  })
              .bind(bindAddress, port)
              .sync()
              .channel();
      return new HealthServer(group, channel);
    } catch (Exception e) { // sync() rethrows a bind failure as a (checked) IOException
      group.shutdownGracefully(0, 0, TimeUnit.SECONDS).awaitUninterruptibly();
      if (e instanceof RuntimeException || e instanceof InterruptedException) {
        throw e;
      }
      throw new IllegalStateException(
          "cannot listen on " + bindAddress + ":" + port + ": " + e.getMessage(), e);
    }
  }

  public int port() {
    return ((InetSocketAddress) channel.localAddress()).getPort();
  }

  @Override
  public void close() {
    channel.close().awaitUninterruptibly();
    group.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly();
  }

  @Sharable
  private static final class Routes extends SimpleChannelInboundHandler<FullHttpRequest> {
    private final BooleanSupplier healthy;
    private final PrometheusMeterRegistry registry;

    Routes(BooleanSupplier healthy, PrometheusMeterRegistry registry) {
      this.healthy = healthy;
      this.registry = registry;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
      String path = request.uri();
      int query = path.indexOf('?');
      if (query >= 0) {
        path = path.substring(0, query);
      }
      FullHttpResponse response;
      if (!path.equals("/health") && !path.equals("/metrics")) {
        response =
            text(HttpResponseStatus.NOT_FOUND, "application/json", "{\"error\":\"not_found\"}");
      } else if (!request.method().equals(HttpMethod.GET)) {
        response =
            text(
                HttpResponseStatus.METHOD_NOT_ALLOWED,
                "application/json",
                "{\"error\":\"method_not_allowed\"}");
        response.headers().set(HttpHeaderNames.ALLOW, "GET");
      } else if (path.equals("/health")) {
        boolean up = healthy.getAsBoolean();
        response =
            text(
                up ? HttpResponseStatus.OK : HttpResponseStatus.SERVICE_UNAVAILABLE,
                "application/json",
                up ? "{\"status\":\"UP\"}" : "{\"status\":\"DOWN\"}");
      } else {
        response =
            text(
                HttpResponseStatus.OK,
                "text/plain; version=0.0.4; charset=utf-8",
                registry.scrape());
      }
      ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
      ctx.channel().close().awaitUninterruptibly();
    }

    private static FullHttpResponse text(HttpResponseStatus status, String type, String body) {
      FullHttpResponse response =
          new DefaultFullHttpResponse(
              HttpVersion.HTTP_1_1,
              status,
              Unpooled.wrappedBuffer(body.getBytes(StandardCharsets.UTF_8)));
      response.headers().set(HttpHeaderNames.CONTENT_TYPE, type);
      response.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, response.content().readableBytes());
      return response;
    }
  }
}
