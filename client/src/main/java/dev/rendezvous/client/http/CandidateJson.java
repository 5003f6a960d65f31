package dev.rendezvous.client.http;

import com.fasterxml.jackson.jr.ob.JSON;
import dev.rendezvous.protocol.net.HostText;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The candidates' JSON: the report body, and the lists in replies. */
final class CandidateJson {
  private CandidateJson() {}

  /** {@code {"candidates": [{"host": "10.0.1.2", "port": 40000}, ...]}}. */
  static byte[] report(List<InetSocketAddress> lan) {
    List<Map<String, Object>> list = new ArrayList<>();
    for (InetSocketAddress a : lan) {
      Map<String, Object> c = new LinkedHashMap<>();
      c.put("host", HostText.of(a.getAddress()));
      c.put("port", a.getPort());
      list.add(c);
    }
    try {
      return JSON.std
          .asString(Collections.singletonMap("candidates", list))
          .getBytes(StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new IllegalStateException("lists of strings and numbers always serialize", e);
    }
  }

  /** The candidates of a reply; empty when the member is absent (an older service). */
  static List<Candidate> read(Object member) {
    if (member == null) {
      return Collections.emptyList();
    }
    if (!(member instanceof List<?> items)) {
      throw new UnexpectedReplyException("candidates is not a list");
    }
    List<Candidate> out = new ArrayList<>();
    for (Object item : items) {
      if (!(item instanceof Map<?, ?> c)
          || !(c.get("host") instanceof String host)
          || !(c.get("port") instanceof Number port)
          || !(c.get("kind") instanceof String kind)) {
        throw new UnexpectedReplyException("a candidate is not {host, port, kind}");
      }
      try {
        HostText.parseLiteral(host);
      } catch (IllegalArgumentException e) {
        throw new UnexpectedReplyException("candidate host " + host + " is not an IP literal");
      }
      out.add(new Candidate(host, JsonBody.port(port.doubleValue()), Candidate.Kind.parse(kind)));
    }
    return out;
  }
}
