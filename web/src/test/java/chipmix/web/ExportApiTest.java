package chipmix.web;

import static org.assertj.core.api.Assertions.assertThat;

import chipmix.catalog.Catalog;
import chipmix.catalog.CatalogLoader;
import chipmix.exportcontrol.ExportControl;
import chipmix.exportcontrol.ExportJson;
import chipmix.exportcontrol.Request;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** {@code /api/export} over real HTTP with the bundled catalog and rules. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ExportApiTest {
  @TempDir static Path dir;
  static final Catalog CATALOG = CatalogLoader.bundled();
  static final ExportControl RULES = ExportControl.bundled();
  WebApp app;
  Http http;

  @BeforeAll
  void start() {
    app = WebApp.start(new WebApp.Settings("127.0.0.1", 0, dir.resolve("e.db"), CATALOG, new FakeScenarioEngine()));
    http = new Http(app.port());
  }

  @AfterAll
  void stop() {
    app.close();
  }

  @Test
  void check_returnsTheSameDocumentAsTheCli() {
    Http.Response r = http.post("/api/export/check", "{\"chip\":\"h20\",\"to\":\"CN\",\"date\":\"2025-06-01\"}");
    assertThat(r.status()).as(r.body()).isEqualTo(200);
    Request asked = new Request(CATALOG.chip("chip", "h20"), "CN", Optional.empty(), "US", List.of(), LocalDate.parse("2025-06-01"));
    JsonNode expected = Json.tree(Json.write(ExportJson.check(RULES, RULES.determine(asked))));
    assertThat(r.json()).isEqualTo(expected);
    assertThat(r.json().get("notice").asText()).containsIgnoringCase("not legal advice");
    assertThat(r.json().get("reasons")).isNotEmpty();
  }

  @Test
  void check_withSeveralBadFields_listsEveryProblem() {
    Http.Response r = http.post("/api/export/check",
        "{\"chip\":\"h2o\",\"to\":\"XX\",\"date\":\"2020-01-01\",\"buyer\":\"CN\"}");
    assertThat(r.status()).isEqualTo(400);
    assertThat(r.json().get("error").get("issues")).extracting(i -> i.get("path").asText())
        .containsExactlyInAnyOrder("buyer", "chip", "to", "date");
    assertThat(r.json().get("error").get("issues").toString()).contains("2022-10-07").contains("did you mean");
  }

  @Test
  void check_missingRequiredFields_namesThem() {
    Http.Response r = http.post("/api/export/check", "{}");
    assertThat(r.status()).isEqualTo(400);
    assertThat(r.json().get("error").get("issues")).extracting(i -> i.get("path").asText()).containsExactly("chip", "to");
  }

  @Test
  void timeline_listsDatedChanges() {
    Http.Response r = http.post("/api/export/timeline", "{\"chip\":\"h100-sxm\",\"to\":\"CN\",\"until\":\"2025-12-31\"}");
    assertThat(r.status()).as(r.body()).isEqualTo(200);
    JsonNode entries = r.json().get("entries");
    assertThat(entries).isNotEmpty();
    assertThat(entries.get(0).get("date").asText()).isEqualTo("2022-10-07");
  }

  @Test
  void matrix_coversEveryChipAndDestinationAsked() {
    Http.Response r = http.post("/api/export/matrix", "{\"chips\":[\"h20\",\"h100-sxm\"],\"to\":[\"CN\",\"DE\"],\"date\":\"2025-06-01\"}");
    assertThat(r.status()).as(r.body()).isEqualTo(200);
    assertThat(r.json().get("rows")).hasSize(2);
    assertThat(r.json().get("rows").get(0).get("cells")).hasSize(2);
  }

  @Test
  @org.junit.jupiter.api.DisplayName("a long-running route (matrix, on the worker pool) reports bad input as 400 with every issue")
  void matrix_withBadInput_is400FromTheWorkerPool() {
    Http.Response r = http.post("/api/export/matrix", "{\"chips\":[\"h20\",\"nope\"],\"to\":[\"ZZ\"]}");
    assertThat(r.status()).isEqualTo(400);
    assertThat(r.json().get("error").get("issues")).extracting(i -> i.get("path").asText()).containsExactly("chips[1]", "to[0]");
  }

  @Test
  void countries_listsCodesAndMatrixDefaults() {
    JsonNode body = http.get("/api/export/countries").json();
    assertThat(body.get("countries").toString()).contains("\"code\":\"CN\"");
    assertThat(body.get("matrix_defaults")).hasSize(ExportControl.MATRIX_DESTINATIONS.size());
  }
}
