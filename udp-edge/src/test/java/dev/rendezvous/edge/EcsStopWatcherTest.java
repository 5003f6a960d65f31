package dev.rendezvous.edge;

import static dev.rendezvous.testkit.Await.awaitUntil;
import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** The ECS task metadata endpoint (a local HTTP server here) says when the task is stopping. */
class EcsStopWatcherTest {

  @Test
  void aStoppingTaskIsReportedOnceAndARunningOneNever() throws Exception {
    AtomicReference<String> desired = new AtomicReference<>("RUNNING");
    HttpServer metadata =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    metadata.createContext(
        "/v4/abc/task",
        exchange -> {
          byte[] body =
              ("{\"Cluster\":\"c\",\"DesiredStatus\": \""
                      + desired.get()
                      + "\",\"KnownStatus\":\"RUNNING\"}")
                  .getBytes(StandardCharsets.UTF_8);
          exchange.sendResponseHeaders(200, body.length);
          exchange.getResponseBody().write(body);
          exchange.close();
        });
    metadata.start();
    AtomicInteger stopping = new AtomicInteger();
    String uri = "http://127.0.0.1:" + metadata.getAddress().getPort() + "/v4/abc";
    try (EcsStopWatcher watcher =
        EcsStopWatcher.start(uri, Duration.ofMillis(50), stopping::incrementAndGet)) {
      Thread.sleep(300);
      assertThat(stopping.get()).as("while RUNNING").isZero();

      desired.set("STOPPED");
      awaitUntil(Duration.ofSeconds(5), watcher::fired, "the stop to be seen");
      Thread.sleep(300);

      assertThat(stopping.get()).isEqualTo(1);
    } finally {
      metadata.stop(0);
    }
  }
}
