package chipmix.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The served OpenAPI document and the server's routes describe the same API. */
class OpenApiTest {
  @TempDir Path dir;

  @Test
  void openApi_listsExactlyTheServedRoutes() {
    try (WebApp app = WebApp.start(new WebApp.Settings("127.0.0.1", 0, dir.resolve("t.db"), TestCatalog.catalog(),
        new FakeScenarioEngine()))) {
      Http.Response r = new Http(app.port()).get("/api/openapi.json");
      assertThat(r.status()).isEqualTo(200);
      JsonNode doc = r.json();
      assertThat(doc.get("openapi").asText()).startsWith("3.");
      Set<String> documented = new TreeSet<>();
      Iterator<Map.Entry<String, JsonNode>> paths = doc.get("paths").fields();
      while (paths.hasNext()) {
        Map.Entry<String, JsonNode> p = paths.next();
        p.getValue().fieldNames().forEachRemaining(m -> documented.add(m + " " + p.getKey()));
      }
      Set<String> served = new TreeSet<>();
      app.routes().forEach(route -> served.add(route.method().text() + " " + route.path()));
      assertThat(documented).isEqualTo(served);
    }
  }
}
