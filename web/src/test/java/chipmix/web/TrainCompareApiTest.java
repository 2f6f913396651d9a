package chipmix.web;

import static org.assertj.core.api.Assertions.assertThat;

import chipmix.catalog.Catalog;
import chipmix.catalog.CatalogLoader;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** {@code POST /api/train/compare} over real HTTP with the bundled catalog, calibration and rules. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TrainCompareApiTest {
  @TempDir static Path dir;
  static final Catalog CATALOG = CatalogLoader.bundled();
  WebApp app;
  Http http;

  static final String JOB = "\"model\":\"llama3-70b\",\"devices\":1024,\"seq_len\":4096,\"global_batch\":512,"
      + "\"tokens\":15e12,\"scale_out_gbps\":400";

  @BeforeAll
  void start() {
    app = WebApp.start(new WebApp.Settings("127.0.0.1", 0, dir.resolve("t.db"), CATALOG, new FakeScenarioEngine()));
    http = new Http(app.port());
  }

  @AfterAll
  void stop() {
    app.close();
  }

  @Test
  void compare_ranksByThroughput_andDaysFollowFromEachChipsRate() {
    Http.Response r = http.post("/api/train/compare", "{" + JOB + ",\"chips\":[\"h20\",\"ascend-910b\",\"h100\"]}");
    assertThat(r.status()).as(r.body()).isEqualTo(200);
    JsonNode chips = r.json().get("chips");
    assertThat(chips).hasSize(3);
    double previous = Double.MAX_VALUE;
    for (int i = 0; i < chips.size(); i++) {
      JsonNode c = chips.get(i);
      assertThat(c.get("rank").asInt()).isEqualTo(i + 1);
      double tps = c.get("tokens_per_second").asDouble();
      assertThat(tps).isLessThanOrEqualTo(previous);
      previous = tps;
      assertThat(c.get("days").asDouble()).isCloseTo(15e12 / tps / 86400, org.assertj.core.api.Assertions.within(1e-6));
    }
    assertThat(r.json().has("compliance")).isFalse();
  }

  @Test
  void chineseBuyerIn2025_markMode_saysWhenTheFirstRankedChipMayNotBeObtained() {
    Http.Response r = http.post("/api/train/compare", "{" + JOB
        + ",\"chips\":[\"h20\",\"h100-sxm\"],\"buyer_hq\":\"CN\",\"date\":\"2025-06-01\"}");
    assertThat(r.status()).as(r.body()).isEqualTo(200);
    JsonNode first = r.json().get("chips").get(0);
    // the H100 is the faster chip on 1,024 devices, and a licence to China is reviewed under a presumption of denial
    assertThat(first.get("chip").asText()).isEqualTo("h100-sxm");
    assertThat(first.get("may_not_get").asBoolean()).isTrue();
    assertThat(r.json().get("compliance").get("first_ranked_may_not_be_obtained").asBoolean()).isTrue();
    assertThat(r.json().get("compliance").get("disclaimer").asText()).contains("not legal advice");
  }

  @Test
  void chineseBuyerIn2025_dropMode_neverRanksTheChipItMayNotGet() {
    Http.Response r = http.post("/api/train/compare", "{" + JOB
        + ",\"chips\":[\"h20\",\"h100-sxm\"],\"buyer_hq\":\"CN\",\"date\":\"2025-06-01\",\"compliance\":\"drop\"}");
    assertThat(r.status()).as(r.body()).isEqualTo(200);
    JsonNode chips = r.json().get("chips");
    assertThat(chips.get(0).get("chip").asText()).isEqualTo("h20");
    assertThat(chips.get(0).get("rank").asInt()).isEqualTo(1);
    assertThat(chips.get(1).get("dropped").asBoolean()).isTrue();
    assertThat(chips.get(1).get("rank").isNull()).isTrue();
    assertThat(r.json().get("compliance").get("first_ranked_may_not_be_obtained").asBoolean()).isFalse();
  }

  @Test
  void badFields_areAllListedAtOnce_underTheirJsonNames() {
    Http.Response r = http.post("/api/train/compare", "{\"model\":\"llama3-70b\",\"chips\":[\"h2O\"],\"seq_len\":4096,"
        + "\"global_batch\":0,\"finish_by\":\"2025-13-01\",\"to\":\"CN\"}");
    assertThat(r.status()).as(r.body()).isEqualTo(400);
    List<String> paths = new ArrayList<>();
    r.json().get("error").get("issues").forEach(i -> paths.add(i.get("path").asText()));
    assertThat(paths).contains("chips[0]", "global_batch", "finish_by", "to");
    assertThat(r.body()).doesNotContain("--");
  }

  @Test
  void aModelGivenAsAFilePath_isRefused_neverRead() {
    Http.Response r = http.post("/api/train/compare", "{\"model\":\"/etc/passwd\",\"chips\":[\"h20\"],\"seq_len\":4096,"
        + "\"global_batch\":512}");
    assertThat(r.status()).isEqualTo(400);
    assertThat(r.body()).contains("not a model preset");
  }

  @Test
  void moreChipsThanTheLimit_areRefusedBeforeAnyWork() {
    StringBuilder ids = new StringBuilder();
    List<String> all = CATALOG.chips().stream().map(c -> c.id()).limit(Limits.MAX_COMPARE_CHIPS + 1).toList();
    for (String id : all) {
      ids.append(ids.isEmpty() ? "" : ",").append('"').append(id).append('"');
    }
    Http.Response r = http.post("/api/train/compare", "{" + JOB + ",\"chips\":[" + ids + "]}");
    assertThat(r.status()).isEqualTo(422);
    assertThat(r.body()).contains("Limits.MAX_COMPARE_CHIPS");
  }
}
