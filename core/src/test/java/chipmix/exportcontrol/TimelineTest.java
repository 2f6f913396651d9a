package chipmix.exportcontrol;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

class TimelineTest {
  private static final ExportControl EC = ExportControl.bundled();
  private static final LocalDate END = LocalDate.of(2026, 6, 30);

  private static ExportControl.TimelineEntry on(List<ExportControl.TimelineEntry> t, String date) {
    return t.stream().filter(e -> e.date().equals(LocalDate.parse(date))).findFirst()
        .orElseThrow(() -> new AssertionError("no timeline entry on " + date + "; dates: "
            + t.stream().map(ExportControl.TimelineEntry::date).toList()));
  }

  @Test
  void timeline_h20China_showsTheAprilLicenceAndImportSideMeasures() {
    List<ExportControl.TimelineEntry> t = EC.timeline(Request.of(TestChips.H20, "CN", END), END);
    assertThat(t.get(0).date()).isEqualTo(RuleBook.EARLIEST);
    assertThat(t.get(0).determination().verdict().outcome()).isEqualTo(Outcome.NOT_CONTROLLED);
    var april = on(t, "2025-04-09");
    assertThat(april.determination().verdict().outcome()).isEqualTo(Outcome.LICENSE_REQUIRED);
    assertThat(april.started()).containsExactly("R2025-H20");
    assertThat(on(t, "2025-08-08").started()).containsExactly("R2025-H20-REVENUE-SHARE");
    assertThat(on(t, "2025-07-31").started()).containsExactly("CN-CAC-H20-SUMMONS (import-side)");
    assertThat(t).extracting(ExportControl.TimelineEntry::date).isSorted().doesNotHaveDuplicates();
  }

  @Test
  void timeline_h200China_goesFromDenialToCaseByCaseOn20260115() {
    List<ExportControl.TimelineEntry> t = EC.timeline(Request.of(TestChips.H200, "CN", END), END);
    assertThat(on(t, "2022-10-07").determination().verdict().reviewPolicy()).isEqualTo(ReviewPolicy.PRESUMPTION_OF_DENIAL);
    var jan = on(t, "2026-01-15");
    assertThat(jan.determination().verdict().reviewPolicy()).isEqualTo(ReviewPolicy.CASE_BY_CASE);
    assertThat(jan.started()).contains("R2026-H200");
  }

  @Test
  void timeline_a100India_showsAiDiffusionPendingThenRescinded() {
    List<ExportControl.TimelineEntry> t = EC.timeline(Request.of(TestChips.A100, "IN", END), END);
    assertThat(on(t, "2025-01-13").started()).contains("R2025-AID-TIER2 (pending)");
    assertThat(on(t, "2025-05-13").stopped()).contains("R2025-AID-TIER2 (pending)");
    assertThat(t).allSatisfy(e -> assertThat(e.determination().verdict().outcome())
        .isIn(Outcome.NOT_CONTROLLED, Outcome.NO_LICENSE_REQUIRED));
  }

  @Test
  void timeline_stopsAtTheEndDate() {
    List<ExportControl.TimelineEntry> t = EC.timeline(Request.of(TestChips.H20, "CN", LocalDate.of(2024, 1, 1)),
        LocalDate.of(2024, 1, 1));
    assertThat(t).allSatisfy(e -> assertThat(e.date()).isBeforeOrEqualTo(LocalDate.of(2024, 1, 1)));
  }
}
