package chipmix.web;

import static org.assertj.core.api.Assertions.assertThat;

import chipmix.catalog.Catalog;
import chipmix.catalog.CatalogLoader;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Sweeps started over the REST API: a background job with progress, then its summary; bad and oversized sweeps refused. */
class SweepApiTest {
  @TempDir Path dir;
  WebApp app;
  Http http;

  @BeforeEach
  void start() {
    Catalog catalog = CatalogLoader.bundled();
    app = WebApp.start(new WebApp.Settings("127.0.0.1", 0, dir.resolve("chipmix.db"), catalog,
        PlannerEngine.bundled(catalog, List.of())));
    http = new Http(app.port());
  }

  @AfterEach
  void stop() {
    app.close();
  }

  private static String body(String sweepYaml) {
    return "{\"sweep\": " + Http.q(sweepYaml) + "}";
  }

  static final String TINY = """
      scenario: example
      samples: 3
      seed: 9
      axes:
        - name: frac
          path: orders[ascend-910b].slip.delivered_fraction
          values: [0.5, 1]
      """;

  @Test
  void sweep_runsInTheBackground_thenGivesPercentilesPerPointAndAPage() throws Exception {
    Http.Response started = http.post("/api/sweeps", body(TINY));
    assertThat(started.status()).as(started.body()).isEqualTo(201);
    String id = started.json().get("id").asText();
    assertThat(started.json().get("total").asInt()).isEqualTo(2 * 3);
    JsonNode view = started.json();
    for (int i = 0; i < 600 && view.get("status").asText().equals("running"); i++) {
      Thread.sleep(100);
      view = http.get("/api/sweeps/" + id).json();
    }
    assertThat(view.get("status").asText()).as(view.toString()).isEqualTo("succeeded");
    assertThat(view.get("done").asInt()).isEqualTo(2 * 3);
    JsonNode summary = view.get("summary");
    assertThat(summary.get("sampled").asBoolean()).isTrue();
    assertThat(summary.get("points")).hasSize(2);
    for (JsonNode p : summary.get("points")) {
      assertThat(p.get("samples").asInt()).isEqualTo(3);
      assertThat(p.get("outcomes").get("cost_usd").has("p90")).isTrue();
    }
    assertThat(summary.get("sensitivity")).isNotEmpty();
    Http.Response page = http.get("/api/sweeps/" + id + "/report.html");
    assertThat(page.status()).isEqualTo(200);
    assertThat(page.body()).contains("tornado-0").contains("Per point");
  }

  @Test
  void sweep_badAxis_isRefusedWithItsPath() {
    Http.Response r = http.post("/api/sweeps", body("""
        scenario: example
        axes:
          - path: orders[no-such-order].quantity
            values: [1]
        """));
    assertThat(r.status()).as(r.body()).isEqualTo(400);
    assertThat(r.body()).contains("axes[0]").contains("no-such-order");
  }

  @Test
  void sweep_overTheRowLimit_isRefusedBeforeAnythingRuns() {
    Http.Response r = http.post("/api/sweeps", body(TINY.replace("samples: 3", "samples: " + (Limits.MAX_SWEEP_ROWS / 2 + 1))));
    assertThat(r.status()).as(r.body()).isEqualTo(422);
    assertThat(r.body()).contains("MAX_SWEEP_ROWS");
  }

  @Test
  void sweep_unknownId_is404() {
    assertThat(http.get("/api/sweeps/nope").status()).isEqualTo(404);
    assertThat(http.delete("/api/sweeps/nope").status()).isEqualTo(404);
  }
}
