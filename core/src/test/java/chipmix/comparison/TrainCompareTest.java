package chipmix.comparison;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import chipmix.catalog.Catalog;
import chipmix.catalog.CatalogLoader;
import chipmix.catalog.Metric;
import chipmix.comparison.TrainCompareResult.Estimated;
import chipmix.comparison.TrainCompareResult.Needed;
import chipmix.comparison.TrainCompareResult.NoEstimate;
import chipmix.exportcontrol.ExportControl;
import chipmix.model.Models;
import chipmix.scenario.Engines.TrainingRate;
import chipmix.scenario.engines.ComplianceScreen;
import chipmix.validation.InvalidInputException;
import chipmix.validation.ValidationIssue;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** {@link TrainCompare} on a stated fake rate, so that expected figures are derived by hand. */
class TrainCompareTest {
  static final Catalog CATALOG = CatalogLoader.bundled();

  /** Fake training rate: 1,000 tokens/s per device per 100 TFLOP/s of BF16 peak, on 8 devices or more; nothing below. */
  static double perDevice(chipmix.catalog.Chip c) {
    return c.spec(Metric.BF16).orElseThrow().nominal() * 10;
  }

  static final TrainCompare.Rates RATES = (model, seq, batch, chip, sys, scaleOut, n) -> n < 8 ? Optional.empty()
      : Optional.of(new TrainingRate(n * perDevice(chip), n, "DP " + n));

  static TrainCompare.Context context() {
    ExportControl rules = ExportControl.bundled();
    return new TrainCompare.Context(CATALOG, Models::preset, RATES,
        new ComplianceScreen(new chipmix.scenario.engines.ExportCompliance(rules)), rules.book().asOf());
  }

  static TrainCompareRequest request(List<String> chips, long devices, Optional<String> finishBy,
      TrainCompareRequest.Screening screening) {
    return new TrainCompareRequest("llama3-70b", chips, devices, 4096, 512, Optional.of(1e12), Optional.of("2025-04-01"),
        finishBy, Optional.empty(), screening);
  }

  @Test
  void ranksByThroughput_daysAreTheBudgetOverTheRate_andDevicesNeededMeetTheDateWithinASixtyFourth() {
    TrainCompareResult r = TrainCompare.compare(request(List.of("h20", "h100"), 1024, Optional.of("2025-04-11"),
        TrainCompareRequest.Screening.NONE), context());
    assertThat(r.rows()).extracting(TrainCompareResult.Row::chipId).containsExactly("h100-sxm", "h20");
    assertThat(r.rows()).extracting(x -> x.rank().orElseThrow()).containsExactly(1, 2);
    for (TrainCompareResult.Row row : r.rows()) {
      Estimated e = (Estimated) row.outcome();
      double perDevice = perDevice(CATALOG.findChip(row.chipId()).orElseThrow());
      assertThat(e.days().orElseThrow()).isCloseTo(1e12 / (1024 * perDevice) / 86400, within(1e-9));
      // 1e12 tokens in 10 days need 1e12 / 864,000 s tokens/s: the exact count, rounded up, and at most 1/64 above it
      double exact = 1e12 / (10 * 86400.0) / perDevice;
      int needed = ((Needed) e.devicesNeeded().orElseThrow()).devices();
      assertThat(needed).isGreaterThanOrEqualTo((int) Math.ceil(exact)).isLessThanOrEqualTo((int) Math.ceil(exact * 65 / 64) + 8);
    }
    assertThat(r.compliance()).isEmpty();
    assertThat(r.finishBy()).contains(LocalDate.of(2025, 4, 11));
  }

  @Test
  void aChipWithoutAnEstimate_isListedLastWithTheReason_andUnranked() {
    TrainCompareResult r = TrainCompare.compare(request(List.of("h20", "h100"), 4, Optional.empty(),
        TrainCompareRequest.Screening.NONE), context());
    assertThat(r.rows()).allSatisfy(x -> {
      assertThat(x.rank()).isEmpty();
      assertThat(x.outcome()).isInstanceOf(NoEstimate.class);
      assertThat(((NoEstimate) x.outcome()).reason()).contains("does not fit on 4 devices");
    });
  }

  @Test
  void chineseBuyerIn2025_mark_flagsTheFirstRankedChipItMayNotGet() {
    TrainCompareResult r = TrainCompare.compare(request(List.of("h20", "h100"), 1024, Optional.empty(),
        new TrainCompareRequest.Screening(Optional.of("CN"), Optional.empty(), Optional.of("2025-06-01"), "mark")), context());
    assertThat(r.rows().get(0).chipId()).isEqualTo("h100-sxm");
    assertThat(r.rows().get(0).mayNotGet()).isTrue();
    assertThat(r.compliance().orElseThrow().firstRankedMayNotBeObtained()).isTrue();
  }

  @Test
  void everyBadField_isListedAtOnce_underItsOptionName() {
    TrainCompareRequest bad = new TrainCompareRequest("llama3-70b", List.of("h2O", "h20"), 0, 4096, 0, Optional.of(-1.0),
        Optional.empty(), Optional.of("2025-13-01"), Optional.empty(),
        new TrainCompareRequest.Screening(Optional.empty(), Optional.of("CN"), Optional.empty(), "drop"));
    assertThatThrownBy(() -> TrainCompare.compare(bad, context())).isInstanceOfSatisfying(InvalidInputException.class,
        e -> assertThat(e.issues()).extracting(ValidationIssue::path).contains("`devices`", "`global_batch`", "`tokens`",
            "`finish_by`", "`chips`[0]", "`to`", "`compliance`"));
  }
}
