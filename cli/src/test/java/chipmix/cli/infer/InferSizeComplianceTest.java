package chipmix.cli.infer;

import static org.assertj.core.api.Assertions.assertThat;

import chipmix.cli.CliRun;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

/** infer size for a buyer: chips it may not get are marked (and a first rank on one is said) or dropped. */
class InferSizeComplianceTest {
  private static final String[] SIZE = {"infer", "size", "--model", "llama3-70b", "--prompt-tokens", "1000",
      "--output-tokens", "400", "--demand-rps", "10", "--ttft-ms", "2000", "--tpot-ms", "50", "--buyer-hq", "CN",
      "--date", "2025-06-01"};

  private static String[] with(String... more) {
    String[] out = java.util.Arrays.copyOf(SIZE, SIZE.length + more.length);
    System.arraycopy(more, 0, out, SIZE.length, more.length);
    return out;
  }

  @Test
  void chineseBuyer2025_text_saysOnItsFirstLineThatTheFirstRankedChipMayNotBeObtained() {
    String out = CliRun.of(SIZE).out();
    // the H100 ranks first on cost for this demand; a Chinese buyer may not get it (presumption of denial)
    assertThat(out.lines().findFirst().orElse("")).startsWith("WARNING: the first-ranked plan uses H100 SXM5 80GB")
        .contains("presumption of denial");
  }

  @Test
  void chineseBuyer2025_mark_neverRanksAChipItMayNotGetFirstWithoutSayingSo() throws Exception {
    JsonNode root = new ObjectMapper().readTree(CliRun.of(with("--format", "json")).out());
    String first = root.get("plans").get(0).get("pools").get(0).get("chip").asText();
    JsonNode c = root.get("compliance");
    boolean firstMayNotGet = false;
    for (JsonNode x : c.get("chips")) {
      if (x.get("chip").asText().equals(first) && x.get("may_not_get").asBoolean()) {
        firstMayNotGet = true;
      }
    }
    assertThat(c.get("first_ranked_may_not_be_obtained").asBoolean()).isEqualTo(firstMayNotGet);
    assertThat(c.get("chips")).anySatisfy(x -> {
      assertThat(x.get("chip").asText()).isEqualTo("h100-sxm");
      assertThat(x.get("may_not_get").asBoolean()).isTrue();
      assertThat(x.get("reason").asText()).contains("presumption of denial");
    });
  }

  @Test
  void chineseBuyer2025_drop_ranksOnlyChipsItMayGet() {
    String out = CliRun.of(with("--compliance", "drop")).out();
    assertThat(out).contains("dropped: H100 SXM5 80GB").doesNotContain("WARNING");
    String ranking = out.substring(0, out.indexOf("Compliance for the buyer"));
    assertThat(ranking).doesNotContain("h100-sxm:");
  }
}
