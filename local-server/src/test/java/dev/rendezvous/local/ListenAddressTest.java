package dev.rendezvous.local;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.context.ApplicationContext;
import io.micronaut.context.env.MapPropertySource;
import io.micronaut.context.env.PropertySource;
import io.micronaut.runtime.Micronaut;
import io.micronaut.runtime.server.EmbeddedServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * RENDEZVOUS_HTTP_PORT and RENDEZVOUS_BIND_ADDRESS, read like environment variables, decide where
 * it listens.
 */
class ListenAddressTest {

  @Test
  void listensWhereTheEnvironmentSays() throws IOException {
    int port;
    try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = probe.getLocalPort();
    }
    try (ApplicationContext context =
        Micronaut.build(new String[0])
            .mainClass(LocalHttpServerMain.class)
            .environments(LocalHttpServerMain.ENVIRONMENT)
            .banner(false)
            .propertySources(
                new EnvironmentVariables(
                    Map.of(
                        "RENDEZVOUS_HTTP_PORT", Integer.toString(port),
                        "RENDEZVOUS_BIND_ADDRESS", "127.0.0.1",
                        "RENDEZVOUS_STORE", "memory")))
            .start()) {
      EmbeddedServer server = context.getBean(EmbeddedServer.class);
      assertThat(server.getPort()).isEqualTo(port);
      assertThat(server.getHost()).isEqualTo("127.0.0.1");
    }
  }

  /** A map read with the naming convention of environment variables, like the real ones. */
  private static final class EnvironmentVariables extends MapPropertySource {
    EnvironmentVariables(Map<String, Object> variables) {
      super("test-environment", variables);
    }

    @Override
    public PropertySource.PropertyConvention getConvention() {
      return PropertySource.PropertyConvention.ENVIRONMENT_VARIABLE;
    }
  }
}
