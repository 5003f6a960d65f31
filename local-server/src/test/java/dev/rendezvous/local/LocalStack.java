package dev.rendezvous.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rendezvous.core.directory.LiveDirectory;
import dev.rendezvous.core.timing.LivenessRules;
import dev.rendezvous.edge.Edge;
import dev.rendezvous.edge.EdgeSettings;
import dev.rendezvous.protocol.ResponseCode;
import dev.rendezvous.protocol.identity.PrivateKey;
import dev.rendezvous.protocol.v1.PulseV1ReplyCodec;
import dev.rendezvous.protocol.v1.PulseV1Request;
import dev.rendezvous.protocol.v1.PulseV1RequestCodec;
import dev.rendezvous.store.dynamodb.DynamoLiveDirectory;
import dev.rendezvous.store.dynamodb.DynamoStoreSettings;
import dev.rendezvous.store.dynamodb.testing.DynaliteExtension;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClient;

/**
 * The local run's parts in one JVM, on dynalite: the HTTP server (the functions' controllers) and a
 * real edge, with short timings (interval 2 s, grace 1 s: ONLINE for 3 s after a pulse). The HTTP
 * server asks the edge over the internal API on loopback, as the functions ask tasks in AWS.
 */
final class LocalStack implements AutoCloseable {
  static final ObjectMapper JSON = new ObjectMapper();
  static final Map<String, String> TIMINGS =
      Map.of(
          "RENDEZVOUS_PULSE_INTERVAL_SECONDS", "2",
          "RENDEZVOUS_GRACE_SECONDS", "1",
          "RENDEZVOUS_ERROR_TIME_SECONDS", "30");

  final String table;
  final LiveDirectory directory;
  final Edge edge;
  final ApplicationContext server;
  final URI base;
  private final DynamoDbAsyncClient async;
  private final HttpClient http = HttpClient.newHttpClient();
  private final DatagramSocket udp;

  LocalStack(DynaliteExtension dynalite, Duration ownerTimeout) throws Exception {
    table = dynalite.createTable();
    Map<String, String> env = new java.util.HashMap<>(TIMINGS);
    env.put("RENDEZVOUS_TABLE", table);
    env.put("RENDEZVOUS_UDP_PORT", "0");
    env.put("RENDEZVOUS_HEALTH_PORT", "0");
    env.put("RENDEZVOUS_EDGE_THREADS", "1");
    env.put("RENDEZVOUS_INTERNAL_PORT", "0");
    EdgeSettings settings = EdgeSettings.fromEnvironment(env);
    async = dynalite.newAsyncClient(64);
    directory =
        new DynamoLiveDirectory(
            async,
            DynamoStoreSettings.forTable(table),
            new LivenessRules(settings.shared().timings()),
            Clock.systemUTC());
    edge = Edge.start(settings, directory, Clock.systemUTC());
    server =
        LocalHttpServerMain.start(
            "--micronaut.server.port=-1",
            "--aws.endpoint-url-dynamodb=" + dynalite.endpoint(),
            "--aws.region=us-east-1",
            "--rendezvous.table=" + table,
            "--rendezvous.pulse-interval-seconds=2",
            "--rendezvous.grace-seconds=1",
            "--rendezvous.error-time-seconds=30",
            "--rendezvous.owner-timeout-millis=" + ownerTimeout.toMillis(),
            "--rendezvous.local.expiry-schedule=false");
    base = URI.create("http://127.0.0.1:" + server.getBean(EmbeddedServer.class).getPort());
    udp = new DatagramSocket(0, InetAddress.getLoopbackAddress());
    udp.setSoTimeout(5_000);
  }

  /** A registered client's key. */
  PrivateKey register() throws IOException, InterruptedException {
    JsonNode body = JSON.readTree(send("POST", "/register", null).body());
    return PrivateKey.parse(body.get("private_id").asText());
  }

  /** A v1 pulse for {@code key} from this stack's one UDP socket, and the edge's answer. */
  ResponseCode pulse(PrivateKey key) throws IOException {
    byte[] datagram = PulseV1RequestCodec.encode(key, PulseV1Request.Form.RAW);
    udp.send(
        new DatagramPacket(
            datagram, datagram.length, InetAddress.getLoopbackAddress(), edge.udpPort()));
    byte[] buffer = new byte[64];
    DatagramPacket reply = new DatagramPacket(buffer, buffer.length);
    udp.receive(reply);
    return PulseV1ReplyCodec.decode(Arrays.copyOf(buffer, reply.getLength()));
  }

  int udpSourcePort() {
    return udp.getLocalPort();
  }

  HttpResponse<String> send(String method, String path, PrivateKey bearer)
      throws IOException, InterruptedException {
    return send(method, path, bearer, null);
  }

  /** A request with a JSON body ({@code null}: none). */
  HttpResponse<String> send(String method, String path, PrivateKey bearer, String json)
      throws IOException, InterruptedException {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(base.resolve(path))
            .timeout(Duration.ofSeconds(30))
            .method(
                method,
                json == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(json));
    if (json != null) {
      request.header("Content-Type", "application/json");
    }
    if (bearer != null) {
      request.header("Authorization", "Bearer " + bearer.revealHex());
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  JsonNode status(PrivateKey requester, PrivateKey peer) throws IOException, InterruptedException {
    HttpResponse<String> response =
        send("GET", "/peer/" + peer.clientId().hex() + "/udp/status", requester);
    if (response.statusCode() != 200) {
      throw new AssertionError("status answered " + response.statusCode() + ": " + response.body());
    }
    return JSON.readTree(response.body());
  }

  @Override
  public void close() {
    udp.close();
    server.close();
    edge.close();
    async.close();
  }
}
