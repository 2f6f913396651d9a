package chipmix.web;

import static org.assertj.core.api.Assertions.assertThat;

import chipmix.catalog.Catalog;
import chipmix.catalog.CatalogLoader;
import chipmix.perfmodel.Precision;
import chipmix.serving.ServingJson;
import chipmix.serving.SizingInput;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** {@code /api/infer} over real HTTP with the bundled catalog and calibration. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class InferApiTest {
  @TempDir static Path dir;
  static final Catalog CATALOG = CatalogLoader.bundled();
  WebApp app;
  Http http;

  @BeforeAll
  void start() {
    app = WebApp.start(new WebApp.Settings("127.0.0.1", 0, dir.resolve("i.db"), CATALOG, new FakeScenarioEngine()));
    http = new Http(app.port());
  }

  @AfterAll
  void stop() {
    app.close();
  }

  @Test
  void size_returnsTheSameDocumentAsTheCore() {
    Http.Response r = http.post("/api/infer/size", "{\"model\":\"llama3-70b\",\"prompt_tokens\":2000,\"output_tokens\":500,"
        + "\"demand_rps\":10,\"ttft_ms\":2000,\"tpot_ms\":50,\"weights\":\"fp8\",\"kv\":\"fp8\"}");
    assertThat(r.status()).as(r.body()).isEqualTo(200);
    SizingInput asked = new SizingInput("llama3-70b", 2000, 500, Precision.FP8, Precision.FP8, Optional.empty(),
        Optional.of(10.0), Optional.empty(), 2000, 50, List.of(), false, 4.0, 0.10);
    JsonNode expected = FieldWords.render(Json.tree(Json.write(ServingJson.size(asked.size(CATALOG)))));
    assertThat(r.json()).isEqualTo(expected);
    assertThat(r.json().get("plans")).isNotEmpty();
    // the core names fields; the web says the JSON fields where the CLI says --disaggregated (golden infer-size-llama3-70b.txt pins the CLI)
    assertThat(r.json().get("explanation").toString())
        .contains("try disaggregated (with scale_out_gbps for chips the catalog gives no NIC bandwidth)")
        .doesNotContain("--disaggregated", "`");
    assertThat(r.body()).doesNotContain("--amortization-years");
  }

  @Test
  @DisplayName("an unreachable TPOT target is 422, and the advice names the JSON field tpot_ms, not the CLI option")
  void estimate_unreachableTpot_is422NamingTheField() {
    // 5 ms per output token: below the memory-bound floor of any replica (weights read per decode step).
    Http.Response r = http.post("/api/infer/estimate", "{\"model\":\"llama3-70b\",\"chip\":\"h20\","
        + "\"prompt_tokens\":2000,\"output_tokens\":500,\"tpot_ms\":5}");
    assertThat(r.status()).as(r.body()).isEqualTo(422);
    assertThat(r.json().get("error").get("message").asText()).contains("tpot_ms").doesNotContain("--");
  }

  @Test
  @DisplayName("a body that is JSON but not an object is one issue at 'body'")
  void estimate_arrayBody_isOneIssueAtBody() {
    Http.Response r = http.post("/api/infer/estimate", "[]");
    assertThat(r.status()).isEqualTo(400);
    assertThat(r.json().get("error").get("issues")).singleElement()
        .satisfies(i -> assertThat(i.get("path").asText()).isEqualTo("body"));
  }

  @Test
  void estimate_returnsTheSameDocumentAsTheCore() {
    Http.Response r = http.post("/api/infer/estimate", "{\"model\":\"llama3-70b\",\"chip\":\"h100-sxm\","
        + "\"prompt_tokens\":2000,\"output_tokens\":500,\"tpot_ms\":50}");
    assertThat(r.status()).as(r.body()).isEqualTo(200);
    // the REST default weight precision is auto, as the CLI's
    chipmix.serving.EstimateInput asked = new chipmix.serving.EstimateInput("llama3-70b", "h100-sxm", 2000, 500,
        chipmix.serving.WeightsRequest.AUTO, Precision.BF16, Optional.empty(), Optional.empty(), Optional.empty(),
        Optional.empty(), Optional.empty(), Optional.of(50.0), chipmix.serving.ServingOptions.DEFAULT);
    chipmix.serving.EstimateInput.Result e = asked.estimate(CATALOG);
    var expected = ServingJson.estimate(e.estimate(), e.device(), e.range());
    expected.set("curve", ServingJson.curve(e.curve()));
    assertThat(r.json()).isEqualTo(FieldWords.render(Json.tree(Json.write(expected))));
    assertThat(r.json().get("curve").size()).isGreaterThan(1);
  }

  @Test
  void estimate_batchAndTpotTogether_isAnIssueOnBatch() {
    Http.Response r = http.post("/api/infer/estimate", "{\"model\":\"llama3-70b\",\"chip\":\"h100-sxm\","
        + "\"prompt_tokens\":2000,\"output_tokens\":500,\"tpot_ms\":50,\"batch\":8}");
    assertThat(r.status()).isEqualTo(400);
    assertThat(r.json().get("error").get("issues").get(0).get("path").asText()).isEqualTo("batch");
  }

  @Test
  void size_withSeveralProblems_listsEveryIssueByField() {
    Http.Response r = http.post("/api/infer/size", "{\"model\":\"llama3-70b\",\"prompt_tokens\":2000,\"output_tokens\":500,"
        + "\"demand_rps\":10,\"ttft_ms\":-1,\"tpot_ms\":50,\"chips\":[\"h20\",\"h2o\"],\"kv\":\"fp3\"}");
    assertThat(r.status()).isEqualTo(400);
    assertThat(r.json().get("error").get("issues")).extracting(i -> i.get("path").asText()).contains("kv");
    Http.Response r2 = http.post("/api/infer/size", "{\"model\":\"llama3-70b\",\"prompt_tokens\":2000,\"output_tokens\":500,"
        + "\"demand_rps\":10,\"ttft_ms\":-1,\"tpot_ms\":50,\"chips\":[\"h20\",\"h2o\"]}");
    assertThat(r2.status()).isEqualTo(400);
    assertThat(r2.json().get("error").get("issues")).extracting(i -> i.get("path").asText())
        .contains("ttft_ms", "chips[1]");
  }

  @Test
  @DisplayName("a missing required field does not hide the core's checks on the other fields")
  void size_missingTpotAndBadDemand_listsBoth() {
    Http.Response r = http.post("/api/infer/size", "{\"model\":\"llama3-7O\",\"output_tokens\":500,"
        + "\"demand_rps\":-1,\"ttft_ms\":2000,\"chips\":[\"h20\",\"h2o\"],\"scale_out_gbps\":0}");
    assertThat(r.status()).isEqualTo(400);
    assertThat(r.json().get("error").get("issues")).extracting(i -> i.get("path").asText())
        .containsExactlyInAnyOrder("prompt_tokens", "tpot_ms", "demand_rps", "scale_out_gbps", "chips[1]", "model");
    assertThat(r.body()).doesNotContain("--").doesNotContain("got NaN").doesNotContain("got 0,");
  }

  @Test
  @DisplayName("an estimate with a missing field still lists the core's field, catalog and layout checks")
  void estimate_missingPromptTokensAndBadLayout_listsAll() {
    Http.Response r = http.post("/api/infer/estimate", "{\"model\":\"llama3-70b\",\"chip\":\"h100-sxm\","
        + "\"output_tokens\":500,\"devices\":8,\"tp\":3,\"batch\":0}");
    assertThat(r.status()).isEqualTo(400);
    assertThat(r.json().get("error").get("issues")).extracting(i -> i.get("path").asText())
        .containsExactlyInAnyOrder("prompt_tokens", "batch", "tp");
    r = http.post("/api/infer/estimate", "{\"chip\":\"h2000\",\"prompt_tokens\":2000,\"output_tokens\":500}");
    assertThat(r.json().get("error").get("issues")).extracting(i -> i.get("path").asText())
        .containsExactlyInAnyOrder("model", "chip");
  }

  @Test
  @DisplayName("an issue names the JSON field the API reads (accept_length), where the core's key (accept_len) differs")
  void speculativeFieldsWithoutSpec_nameTheApisFields() {
    Http.Response r = http.post("/api/infer/estimate", "{\"model\":\"llama3-70b\",\"chip\":\"h100-sxm\",\"prompt_tokens\":2000,"
        + "\"output_tokens\":500,\"accept_length\":1.5}");
    assertThat(r.status()).as(r.body()).isEqualTo(400);
    JsonNode issue = r.json().get("error").get("issues").get(0);
    assertThat(issue.get("path").asText()).isEqualTo("accept_length");
    assertThat(issue.get("message").asText()).isEqualTo("needs spec mtp or spec draft");
  }
}
