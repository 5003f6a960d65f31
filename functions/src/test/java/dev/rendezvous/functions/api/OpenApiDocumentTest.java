package dev.rendezvous.functions.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rendezvous.functions.testing.Contexts;
import io.micronaut.context.ApplicationContext;
import io.micronaut.web.router.Router;
import io.micronaut.web.router.UriRouteInfo;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * docs/openapi.yaml describes exactly the routes the application serves: every path and method in
 * the document is routed, and every route is in the document.
 */
class OpenApiDocumentTest {
  private static final Set<String> HTTP_METHODS =
      Set.of("get", "put", "post", "delete", "options", "head", "patch", "trace");

  @Test
  void documentAndRoutesAgree() throws IOException {
    Set<String> documented = documentedOperations();
    Set<String> routed;
    try (ApplicationContext context =
        Contexts.lambda(Map.of("rendezvous.store", "memory"), null).build().start()) {
      routed =
          context
              .getBean(Router.class)
              .uriRoutes()
              .map(UriRouteInfo.class::cast)
              .map(r -> r.getHttpMethod().name() + " " + r.getUriMatchTemplate().toPathString())
              .collect(Collectors.toCollection(TreeSet::new));
    }

    assertThat(documented).hasSize(10);
    assertThat(routed).isEqualTo(documented);
  }

  @SuppressWarnings("unchecked")
  private static Set<String> documentedOperations() throws IOException {
    Path file = Path.of(System.getProperty("rendezvous.root", "..")).resolve("docs/openapi.yaml");
    Map<String, Object> document;
    try (InputStream in = Files.newInputStream(file)) {
      document = new Yaml().load(in);
    }
    assertThat(document.get("openapi").toString()).startsWith("3.");
    Map<String, Map<String, Object>> paths =
        (Map<String, Map<String, Object>>) document.get("paths");
    Set<String> operations = new TreeSet<>();
    paths.forEach(
        (path, item) ->
            item.keySet().stream()
                .filter(HTTP_METHODS::contains)
                .forEach(method -> operations.add(method.toUpperCase() + " " + path)));
    return operations;
  }
}
