package chipmix.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import chipmix.exportcontrol.DescribedChip;
import chipmix.validation.InvalidInputException;
import chipmix.validation.Issues;
import chipmix.validation.ValidationIssue;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue #16 finding 4: a 1e308 spec in a user catalog made every later command exit 4. */
class CatalogRangeTest {

  @Test
  void hugeAndNanSpecs_areCatalogIssuesWithFileAndPath(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("mine.yaml");
    Files.writeString(file, """
        chips:
          - id: big-x
            vendor: Acme
            name: Acme Big
            design_origin: US
            market: datacenter
            sources: [S01]
            specs:
              bf16_tflops: {value: 1e308, source: S01, confidence: high}
              memory_bandwidth_tbs: {value: .nan, source: S01, confidence: high}
              die_area_mm2: {value: 800, high: 1e9, source: S01, confidence: low}
        """);
    assertThatThrownBy(() -> CatalogLoader.loadFiles(List.of(file)))
        .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.issues())
            .extracting(ValidationIssue::toString).containsExactlyInAnyOrder(
                file + ": chips[0].specs.bf16_tflops.value: must be a number above 0 and at most 1,000,000 TFLOP/s, got 1.0E308",
                file + ": chips[0].specs.memory_bandwidth_tbs.value: must be a number above 0 and at most 100,000 TB/s, got NaN",
                file + ": chips[0].specs.die_area_mm2.high: must be a number above 0 and at most 70,686 mm², got 1,000,000,000"));
  }

  @Test
  void everyBundledSpec_isWithinItsMetricRange() {
    for (Chip c : CatalogLoader.bundled().chips()) {
      c.specs().forEach((m, s) -> {
        assertThat(MetricRanges.of(m).contains(s.low())).as(c.id() + " " + m).isTrue();
        assertThat(MetricRanges.of(m).contains(s.high())).as(c.id() + " " + m).isTrue();
      });
    }
  }

  @Test
  void describedChip_nanAndInfinity_areIssuesNamingTheOption() {
    Issues issues = new Issues();
    // before: Numbers.fmt(NaN) threw NumberFormatException (exit 4)
    new DescribedChip("x", OptionalDouble.of(Double.NaN), OptionalDouble.of(Double.POSITIVE_INFINITY), OptionalDouble.empty(),
        OptionalDouble.of(-1), Market.DATACENTER, "US").toChip(issues, Map.of("tpp", "`tpp`", "die_area", "`die_area`",
            "io_bandwidth", "`io_bandwidth`"));
    assertThat(issues.list()).extracting(ValidationIssue::toString).containsExactly(
        "`tpp`: must be a number above 0 and at most 100,000,000 bit-TOPS, got NaN",
        "`die_area`: must be a number above 0 and at most 70,686 mm², got Infinity",
        "`io_bandwidth`: must be a number above 0 and at most 1,000,000 GB/s, got -1");
  }
}
