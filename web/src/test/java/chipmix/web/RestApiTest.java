package chipmix.web;

import static chipmix.web.Http.q;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The REST API over real HTTP, against a server on a free port with a temporary database. */
class RestApiTest {
  @TempDir Path dir;
  FakeScenarioEngine engine;
  WebApp app;
  Http http;

  @BeforeEach
  void start() {
    engine = new FakeScenarioEngine();
    app = startApp();
    http = new Http(app.port());
  }

  @AfterEach
  void stop() {
    engine.release.countDown();
    app.close();
  }

  private WebApp startApp() {
    return WebApp.start(new WebApp.Settings("127.0.0.1", 0, dir.resolve("db/chipmix.db"), TestCatalog.catalog(), engine));
  }

  // --- chips

  @Test
  @DisplayName("the chip list gives every chip with each number's unit, range, sources and the cited source details")
  void chips_list_everyNumberHasUnitAndSource() {
    Http.Response r = http.get("/api/chips");
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.contentType()).startsWith("application/json");
    JsonNode body = r.json();
    assertThat(body.get("chips")).hasSize(3);
    JsonNode h100 = body.get("chips").get(0);
    assertThat(h100.get("id").asText()).isEqualTo("h100-sxm");
    JsonNode bf16 = h100.get("specs").get("bf16_tflops");
    assertThat(bf16.get("value").asDouble()).isEqualTo(TestCatalog.H100_BF16);
    assertThat(bf16.get("unit").asText()).isEqualTo("TFLOP/s");
    assertThat(bf16.get("sources").get(0).asText()).isEqualTo("S02");
    assertThat(bf16.get("confidence").asText()).isEqualTo("high");
    // TPP = dense FP8 rate x 8 bits (EAR 3A090; reference B.1: 1979 x 8 = 15832).
    assertThat(h100.get("derived").get("tpp").get("value").asDouble()).isEqualTo(TestCatalog.H100_FP8 * 8);
    assertThat(body.get("sources").get("S02").get("url").asText()).startsWith("https://");
  }

  @Test
  void chips_sourcesDisagree_keepLowAndHigh() {
    JsonNode bf16 = http.get("/api/chips/910b").json().get("chip").get("specs").get("bf16_tflops");
    assertThat(bf16.get("low").asDouble()).isEqualTo(TestCatalog.ASCEND_910B_FP16_LOW);
    assertThat(bf16.get("high").asDouble()).isEqualTo(TestCatalog.ASCEND_910B_FP16_HIGH);
    assertThat(bf16.get("confidence").asText()).isEqualTo("low");
  }

  @Test
  void chips_show_marksEachStatedValuesSupportAndEachSourcesKind() {
    JsonNode body = http.get("/api/chips/h100").json();
    // S02 is a datasheet (primary); the system's scale-out cites only S01, a compilation; the 910B's
    // memory cites S03, which states no kind, so it cannot count as primary.
    assertThat(body.get("chip").get("specs").get("bf16_tflops").get("support").asText()).isEqualTo("primary");
    assertThat(body.get("chip").get("derived").get("tpp").has("support")).isFalse();
    assertThat(body.get("systems").get(0).get("scale_out_bandwidth").get("support").asText()).isEqualTo("secondary");
    assertThat(body.get("sources").get("S02").get("kind").asText()).isEqualTo("datasheet");
    JsonNode ascend = http.get("/api/chips/910b").json();
    assertThat(ascend.get("chip").get("specs").get("memory_gb").get("support").asText()).isEqualTo("secondary");
    assertThat(ascend.get("sources").get("S03").has("kind")).isFalse();
  }

  @Test
  void chips_show_includesSystems() {
    JsonNode body = http.get("/api/chips/h100").json();
    assertThat(body.get("chip").get("id").asText()).isEqualTo("h100-sxm");
    assertThat(body.get("systems").get(0).get("devices_per_node").asInt()).isEqualTo(8);
  }

  @Test
  void chips_showUnknown_is400WithSuggestion() {
    Http.Response r = http.get("/api/chips/h2O");
    assertThat(r.status()).isEqualTo(400);
    JsonNode issue = r.json().get("error").get("issues").get(0);
    assertThat(issue.get("path").asText()).isEqualTo("id");
    assertThat(issue.get("message").asText()).contains("unknown chip 'h2O'").contains("'h20'");
  }

  @Test
  void chips_compare_returnsChipsInOrderAsked() {
    JsonNode body = http.get("/api/chips/compare?ids=h20,ascend-910b").json();
    assertThat(body.get("chips")).extracting(c -> c.get("id").asText()).containsExactly("h20", "ascend-910b");
  }

  @Test
  void chips_compareWithTwoUnknownIds_listsBothProblems() {
    Http.Response r = http.get("/api/chips/compare?ids=h20,nope,h1OO");
    assertThat(r.status()).isEqualTo(400);
    assertThat(r.json().get("error").get("code").asText()).isEqualTo("invalid_input");
    assertThat(r.json().get("error").get("issues")).extracting(i -> i.get("path").asText())
        .containsExactly("ids[1]", "ids[2]");
  }

  // --- errors

  @Test
  void unknownRoute_is404Json() {
    Http.Response r = http.get("/api/nothing-here");
    assertThat(r.status()).isEqualTo(404);
    assertThat(r.json().get("error").get("code").asText()).isEqualTo("not_found");
    assertThat(r.json().get("error").get("message").asText()).contains("/api/nothing-here");
  }

  @Test
  void oversizedBody_is413() {
    String big = "x".repeat((int) WebServer.MAX_BODY_BYTES + 10);
    Http.Response r = http.post("/api/scenarios", "{\"name\":\"big\",\"yaml\":" + q(big) + "}");
    assertThat(r.status()).isEqualTo(413);
    assertThat(r.json().get("error").get("code").asText()).isEqualTo("payload_too_large");
  }

  @Test
  void malformedJson_is400NamingLineAndColumn() {
    Http.Response r = http.post("/api/scenarios", "{\"name\": ");
    assertThat(r.status()).isEqualTo(400);
    JsonNode issue = r.json().get("error").get("issues").get(0);
    assertThat(issue.get("path").asText()).isEqualTo("body");
    assertThat(issue.get("message").asText()).contains("not valid JSON").contains("line 1");
  }

  @Test
  @DisplayName("a body with several problems gets a 400 listing every one with its path")
  void create_withSeveralProblems_listsEveryIssue() {
    Http.Response r = http.post("/api/scenarios", "{\"nmae\": \"x\", \"yaml\": 3}");
    assertThat(r.status()).isEqualTo(400);
    JsonNode issues = r.json().get("error").get("issues");
    assertThat(issues).extracting(i -> i.get("path").asText()).containsExactlyInAnyOrder("nmae", "name", "yaml");
    assertThat(issues.toString()).contains("did you mean 'name'");
    assertThat(r.body()).doesNotContain("Exception").doesNotContain("at chipmix.");
  }

  // --- scenarios

  @Test
  void scenario_crud_roundTrips() {
    Http.Response created = http.post("/api/scenarios", "{\"name\":\"fleet\",\"yaml\":" + q(FakeScenarioEngine.EXAMPLE) + "}");
    assertThat(created.status()).isEqualTo(201);
    String id = created.json().get("id").asText();
    assertThat(created.json().get("version").asInt()).isEqualTo(1);

    assertThat(http.get("/api/scenarios").json().get("scenarios")).extracting(s -> s.get("id").asText()).containsExactly(id);
    assertThat(http.get("/api/scenarios/" + id).json().get("yaml").asText()).isEqualTo(FakeScenarioEngine.EXAMPLE);

    Http.Response updated = http.put("/api/scenarios/" + id, "{\"name\":\"fleet 2\",\"yaml\":\"name: b\\nchips: 2\\n\",\"version\":1}");
    assertThat(updated.status()).isEqualTo(200);
    assertThat(updated.json().get("version").asInt()).isEqualTo(2);
    assertThat(updated.json().get("name").asText()).isEqualTo("fleet 2");

    assertThat(http.delete("/api/scenarios/" + id).status()).isEqualTo(204);
    assertThat(http.get("/api/scenarios/" + id).status()).isEqualTo(404);
    assertThat(http.delete("/api/scenarios/" + id).status()).isEqualTo(404);
  }

  @Test
  void scenario_updateFromStaleVersion_is409AndKeepsTheNewerSave() {
    String id = create("a", FakeScenarioEngine.EXAMPLE);
    assertThat(http.put("/api/scenarios/" + id, "{\"name\":\"first\",\"yaml\":\"name: a\\nchips: 1\",\"version\":1}").status())
        .isEqualTo(200);
    Http.Response stale = http.put("/api/scenarios/" + id, "{\"name\":\"second\",\"yaml\":\"name: a\\nchips: 9\",\"version\":1}");
    assertThat(stale.status()).isEqualTo(409);
    assertThat(stale.json().get("error").get("message").asText()).contains("version 2").contains("version 1");
    assertThat(http.get("/api/scenarios/" + id).json().get("name").asText()).isEqualTo("first");
  }

  @Test
  void scenario_validate_reportsEveryIssue() {
    assertThat(http.post("/api/scenarios/validate", "{\"yaml\":" + q(FakeScenarioEngine.EXAMPLE) + "}").json()
        .get("valid").asBoolean()).isTrue();
    Http.Response bad = http.post("/api/scenarios/validate", "{\"yaml\":\"chips: 0\\n\"}");
    assertThat(bad.status()).isEqualTo(400);
    assertThat(bad.json().get("error").get("issues")).extracting(i -> i.get("path").asText()).containsExactly("name", "chips");
  }

  @Test
  void scenario_example_isServed() {
    assertThat(http.get("/api/scenarios/example").json().get("yaml").asText()).isEqualTo(FakeScenarioEngine.EXAMPLE);
  }

  @Test
  void runReport_isTheHtmlOfASucceededRun_onlyWhileTheScenarioIsAtTheRunsVersion() {
    String id = create("report", FakeScenarioEngine.EXAMPLE);
    String ok = http.post("/api/scenarios/" + id + "/runs", "").json().get("id").asText();
    Http.Response html = http.get("/api/scenarios/" + id + "/runs/" + ok + "/report.html");
    assertThat(html.status()).isEqualTo(200);
    assertThat(html.contentType()).startsWith("text/html");
    assertThat(html.body()).isEqualTo(new FakeScenarioEngine().runHtml(FakeScenarioEngine.EXAMPLE));

    http.put("/api/scenarios/" + id, "{\"name\":\"report\",\"yaml\":\"chips: -1\",\"version\":1}");
    Http.Response changed = http.get("/api/scenarios/" + id + "/runs/" + ok + "/report.html");
    assertThat(changed.status()).isEqualTo(409);
    assertThat(changed.json().get("error").get("code").asText()).isEqualTo("scenario_changed");

    String invalid = http.post("/api/scenarios/" + id + "/runs", "").json().get("id").asText();
    Http.Response none = http.get("/api/scenarios/" + id + "/runs/" + invalid + "/report.html");
    assertThat(none.status()).isEqualTo(409);
    assertThat(none.json().get("error").get("code").asText()).isEqualTo("no_report");
  }

  @Test
  void scenario_runs_areRecordedWithTheirOutcome() {
    String id = create("ok", FakeScenarioEngine.EXAMPLE);
    Http.Response ok = http.post("/api/scenarios/" + id + "/runs", "");
    assertThat(ok.status()).isEqualTo(201);
    assertThat(ok.json().get("status").asText()).isEqualTo("succeeded");
    assertThat(ok.json().get("result").get("chips").asInt()).isEqualTo(8);

    http.put("/api/scenarios/" + id, "{\"name\":\"ok\",\"yaml\":\"chips: -1\",\"version\":1}");
    Http.Response invalid = http.post("/api/scenarios/" + id + "/runs", "");
    assertThat(invalid.json().get("status").asText()).isEqualTo("invalid");
    assertThat(invalid.json().get("scenario_version").asInt()).isEqualTo(2);
    assertThat(invalid.json().get("error").get("issues")).hasSize(2);

    http.put("/api/scenarios/" + id, "{\"name\":\"ok\",\"yaml\":\"name: x\\nchips: 1\\ninfeasible: true\",\"version\":2}");
    assertThat(http.post("/api/scenarios/" + id + "/runs", "").json().get("status").asText()).isEqualTo("infeasible");

    JsonNode runs = http.get("/api/scenarios/" + id + "/runs").json().get("runs");
    assertThat(runs).extracting(r -> r.get("status").asText()).containsExactly("infeasible", "invalid", "succeeded");
    String firstRun = runs.get(2).get("id").asText();
    assertThat(http.get("/api/scenarios/" + id + "/runs/" + firstRun).json().get("result").get("scenario").asText())
        .isEqualTo("example");
    assertThat(http.get("/api/scenarios/" + id + "/runs/nope").status()).isEqualTo(404);
    assertThat(http.post("/api/scenarios/nope/runs", "").status()).isEqualTo(404);
  }

  @Test
  @DisplayName("a saved scenario and its runs are still there after the server restarts on the same database")
  void restart_keepsScenariosAndRuns() {
    String id = create("persist", FakeScenarioEngine.EXAMPLE);
    http.post("/api/scenarios/" + id + "/runs", "");
    app.close();

    app = startApp();
    http = new Http(app.port());
    JsonNode s = http.get("/api/scenarios/" + id).json();
    assertThat(s.get("name").asText()).isEqualTo("persist");
    assertThat(s.get("yaml").asText()).isEqualTo(FakeScenarioEngine.EXAMPLE);
    assertThat(http.get("/api/scenarios/" + id + "/runs").json().get("runs")).hasSize(1);
  }

  @Test
  @DisplayName("while a long run is in progress, 8 other requests in parallel (reads and writes) all complete")
  void longRun_doesNotBlockOtherRequests() throws Exception {
    String id = create("slow", "name: slow\nchips: 1\nblock: true\n");
    ExecutorService clients = Executors.newFixedThreadPool(9);
    try {
      Future<Http.Response> slow = clients.submit(() -> http.post("/api/scenarios/" + id + "/runs", ""));
      assertThat(engine.blockedRunStarted.await(10, TimeUnit.SECONDS)).as("the long run started").isTrue();
      List<Future<Http.Response>> quick = new ArrayList<>();
      for (int i = 0; i < 8; i++) {
        int n = i;
        quick.add(clients.submit(() -> n % 2 == 0 ? http.get("/api/chips")
            : http.post("/api/scenarios", "{\"name\":\"p" + n + "\",\"yaml\":\"name: p\\nchips: 1\"}")));
      }
      for (Future<Http.Response> f : quick) {
        assertThat(f.get(20, TimeUnit.SECONDS).status()).isIn(200, 201);
      }
      assertThat(slow.isDone()).as("the long run is still waiting while the others finished").isFalse();
      engine.release.countDown();
      assertThat(slow.get(20, TimeUnit.SECONDS).status()).isEqualTo(201);
      assertThat(http.get("/api/scenarios").json().get("scenarios")).hasSize(5);
    } finally {
      engine.release.countDown();
      clients.shutdownNow();
    }
  }

  // --- UI and docs

  @Test
  void ui_andChartLibrary_areServedFromTheJar() {
    Http.Response index = http.get("/");
    assertThat(index.status()).isEqualTo(200);
    assertThat(index.body()).contains("<title>chipmix</title>");
    assertThat(http.get("/app.js").status()).isEqualTo(200);
    assertThat(http.get("/webjars/echarts/5.3.1/dist/echarts.min.js").status()).isEqualTo(200);
    assertThat(http.get("/plan-charts.js").body()).contains("var chipmixPlanCharts");
  }

  @Test
  void ui_servingRecipeChoicesAndApiDocs_nameEveryBundledRecipe() {
    // the web form's recipe list lacked trtllm-bench, rtp-llm-pd-ep and vllm-ascend until review8
    String app = http.get("/app.js").body();
    String openApi = http.get("/api/openapi.json").body();
    for (chipmix.perfmodel.ServingRecipe r : chipmix.perfmodel.ServingRecipes.bundled()) {
      assertThat(app).as("app.js recipe choice " + r.id()).contains("'" + r.id() + "'");
      assertThat(openApi).as("openapi.json recipe " + r.id()).containsPattern("serving recipe: [^\"]*\\b" + r.id() + "[,( ]");
    }
  }

  private String create(String name, String yaml) {
    Http.Response r = http.post("/api/scenarios", "{\"name\":" + q(name) + ",\"yaml\":" + q(yaml) + "}");
    assertThat(r.status()).as(r.body()).isEqualTo(201);
    return r.json().get("id").asText();
  }
}
