package chipmix.cli.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import chipmix.cli.CliRun;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class TrainCompareCommandTest {
  private static JsonNode run(String finishBy, String... more) throws Exception {
    String[] base = {"train", "compare", "--chips", "h20,ascend-910b,h100", "--model", "llama3-70b", "--devices", "1024",
        "--seq-len", "4096", "--global-batch", "512", "--tokens", "15e12", "--start", "2025-04-01", "--finish-by", finishBy,
        "--scale-out-gbps", "400", "--format", "json"};
    String[] args = java.util.Arrays.copyOf(base, base.length + more.length);
    System.arraycopy(more, 0, args, base.length, more.length);
    CliRun r = CliRun.of(args);
    assertThat(r.exitCode()).isZero();
    return new ObjectMapper().readTree(r.out());
  }

  @Test
  void finishBy_aLaterDateNeverNeedsMoreDevices_andDaysFollowFromTheRate() throws Exception {
    JsonNode soon = run("2025-08-31");
    JsonNode later = run("2026-03-31");
    for (int i = 0; i < 3; i++) {
      JsonNode a = soon.get("chips").get(i);
      assertThat(later.get("chips").get(i).get("devices_needed").asInt()).isLessThanOrEqualTo(a.get("devices_needed").asInt());
      assertThat(a.get("days").asDouble()).isCloseTo(15e12 / a.get("tokens_per_second").asDouble() / 86400,
          org.assertj.core.api.Assertions.within(1e-6));
    }
  }

  @Test
  void chineseBuyer_drop_leavesOutTheChipItMayNotGet_withTheReason() throws Exception {
    JsonNode r = run("2025-08-31", "--buyer-hq", "CN", "--date", "2025-06-01", "--compliance", "drop");
    JsonNode h100 = r.get("chips").get(2);
    assertThat(h100.get("chip").asText()).isEqualTo("h100-sxm");
    assertThat(h100.get("dropped").asBoolean()).isTrue();
    assertThat(h100.get("reason").asText()).contains("presumption of denial");
    assertThat(h100.has("tokens_per_second")).isFalse();
  }

  @Test
  void csv_hasOneRowPerChip_inTheJsonsOrder_withItsKeysAsColumns() throws Exception {
    JsonNode json = run("2025-08-31");
    String[] args = {"train", "compare", "--chips", "h20,ascend-910b,h100", "--model", "llama3-70b", "--devices", "1024",
        "--seq-len", "4096", "--global-batch", "512", "--tokens", "15e12", "--start", "2025-04-01", "--finish-by", "2025-08-31",
        "--scale-out-gbps", "400", "--format", "csv"};
    CliRun r = CliRun.of(args);
    assertThat(r.exitCode()).as(r.err()).isZero();
    java.util.List<String> lines = r.out().lines().toList();
    assertThat(lines).hasSize(1 + json.get("chips").size());
    java.util.List<String> header = java.util.List.of(lines.get(0).split(","));
    assertThat(header).contains("chip", "rank", "tokens_per_second", "devices_needed");
    for (int i = 0; i < json.get("chips").size(); i++) {
      assertThat(lines.get(1 + i)).startsWith(json.get("chips").get(i).get("chip").asText() + ",");
    }
    assertThat(r.out()).doesNotContainPattern("\\d\\.\\d+[eE][+-]?\\d");
  }
}
