package dev.rendezvous.internalapi;

import dev.rendezvous.core.directory.TaskRecord;
import java.net.URI;

/** Where a task's internal API listens: its private address and the internal port. */
public record InternalEndpoint(String host, int port) {
  public InternalEndpoint {
    if (host == null || host.isBlank()) {
      throw new IllegalArgumentException("host must not be empty");
    }
    if (port < 1 || port > 65535) {
      throw new IllegalArgumentException("port must be 1..65535, got " + port);
    }
  }

  public static InternalEndpoint of(TaskRecord task) {
    return new InternalEndpoint(task.internalHost(), task.internalPort());
  }

  URI uri(String path) {
    String literal = host.indexOf(':') >= 0 ? "[" + host + "]" : host;
    return URI.create("http://" + literal + ":" + port + path);
  }

  @Override
  public String toString() {
    return host + ":" + port;
  }
}
