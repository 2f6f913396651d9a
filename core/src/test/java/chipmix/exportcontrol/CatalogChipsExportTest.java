package chipmix.exportcontrol;

import static org.assertj.core.api.Assertions.assertThat;

import chipmix.catalog.Catalog;
import chipmix.catalog.CatalogLoader;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The engine on the bundled catalog's chips (not the test fixtures): B.6 rows and coverage. */
class CatalogChipsExportTest {
  private static final Catalog CATALOG = CatalogLoader.bundled();
  private static final ExportControl EC = ExportControl.bundled();

  private static String label(String chip, String date) {
    return EC.classify(CATALOG.chip("chip", chip), LocalDate.parse(date)).label();
  }

  @Test
  void catalogH20_notControlledIn2024_licenceRequiredIn2025() {
    var h20 = CATALOG.chip("chip", "h20");
    assertThat(EC.determine(Request.of(h20, "CN", LocalDate.of(2024, 6, 1))).verdict())
        .isEqualTo(Verdict.of(Outcome.NOT_CONTROLLED));
    assertThat(EC.determine(Request.of(h20, "CN", LocalDate.of(2025, 6, 1))).verdict())
        .isEqualTo(new Verdict(Outcome.LICENSE_REQUIRED, ReviewPolicy.NOT_PUBLISHED));
  }

  @Test
  void catalogChips_matchB6Classifications() {
    // chips-and-rules.md B.6 rows 1, 2, 3, 5, 6, 7, 10, 11, 13.
    assertThat(label("a100", "2023-06-01")).isEqualTo("3A090 (2022 text)");
    assertThat(label("a800", "2023-06-01")).isEqualTo("not 3A090");
    assertThat(label("a800", "2024-06-01")).isEqualTo("3A090.a.1");
    assertThat(label("h100", "2024-06-01")).isEqualTo("3A090.a.1");
    assertThat(label("h800", "2023-06-01")).isEqualTo("not 3A090");
    assertThat(label("h20", "2024-06-01")).isEqualTo("not 3A090");
    assertThat(label("h200", "2024-06-01")).isEqualTo("3A090.a.1");
    assertThat(label("l40s", "2023-06-01")).isEqualTo("not 3A090");
    assertThat(label("l40s", "2024-06-01")).isEqualTo("3A090.a.1");
    assertThat(label("l20", "2024-06-01")).isEqualTo("not 3A090");
    assertThat(label("rtx-4090", "2024-06-01")).isEqualTo("3A090.a.1 (non-datacenter)");
    // #13: no NVLink, so its I/O (PCIe Gen4, at most 64 GB/s) is below the 2022 rule's 600 GB/s.
    assertThat(label("rtx-4090", "2023-06-01")).isEqualTo("not 3A090");
  }

  @Test
  void everyCatalogChip_getsAnAnswerForEveryDefaultDestination() {
    LocalDate d = LocalDate.of(2026, 3, 1);
    for (var chip : CATALOG.chips()) {
      for (String to : List.of("CN", "HK", "AE", "DE", "US")) {
        Determination det = EC.determine(Request.of(chip, to, d));
        assertThat(det.reasons()).as("%s to %s", chip.id(), to).isNotEmpty();
        assertThat(det.notice()).startsWith("Not legal advice");
      }
    }
  }

  @Test
  void chipNamedByEachChipSpecificRule_isInTheCatalog() {
    // Rules that name chips must name at least one chip the catalog knows, or they can never fire.
    for (Rule r : EC.book().rules()) {
      if (!r.items().chips().isEmpty()) {
        assertThat(r.items().chips()).as(r.id()).anyMatch(n -> CATALOG.findChip(n).isPresent());
      }
    }
  }

  @Test
  void catalogH200Nvl_theJanuary2026RuleNamesIt_caseByCaseToChina() {
    // R16 (FR Doc 2026-00789) names the H200 NVL with the H200; S46: dense FP8 3,341 / 2 x 8 = 13364 and
    // BF16 1,671 / 2 x 16 = 13368, both under the rule's 21,000; DRAM 4,800 GB/s under 6,500.
    var nvl = CATALOG.chip("chip", "h200-nvl");
    assertThat(chipmix.catalog.ChipFigures.tpp(nvl).orElseThrow().nominal()).isEqualTo(1671.0 / 2 * 16);
    Determination d = EC.determine(Request.of(nvl, "CN", LocalDate.of(2026, 3, 1)));
    assertThat(d.verdict()).isEqualTo(new Verdict(Outcome.LICENSE_REQUIRED, ReviewPolicy.CASE_BY_CASE));
    assertThat(d.drivers()).extracting(Determination.Driver::rule).contains("R2026-H200");
  }
}
