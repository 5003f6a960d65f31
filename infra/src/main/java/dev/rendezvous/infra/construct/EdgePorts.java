package dev.rendezvous.infra.construct;

/**
 * The edge's three ports: pulses (UDP, the load balancer's listener and the tasks' target port),
 * the HTTP health check (TCP, from the load balancer only) and the internal API (TCP, from the API
 * function only).
 */
public record EdgePorts(int udp, int health, int internal) {
  public EdgePorts {
    for (int port : new int[] {udp, health, internal}) {
      if (port < 1 || port > 65535) {
        throw new IllegalArgumentException("ports must be 1..65535, got " + port);
      }
    }
    if (udp == health || udp == internal || health == internal) {
      throw new IllegalArgumentException(
          "the edge's ports must differ: udp "
              + udp
              + ", health "
              + health
              + ", internal "
              + internal);
    }
  }
}
