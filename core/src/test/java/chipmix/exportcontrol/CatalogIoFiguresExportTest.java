package chipmix.exportcontrol;

import static org.assertj.core.api.Assertions.assertThat;

import chipmix.catalog.Catalog;
import chipmix.catalog.CatalogLoader;
import chipmix.catalog.Metric;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

/** The export answers that depend on the catalog's I/O figures (issue #17, catalog fixes). */
class CatalogIoFiguresExportTest {
  private static final Catalog CATALOG = CatalogLoader.bundled();
  private static final ExportControl EC = ExportControl.bundled();

  @Test
  void rtx4090d_withItsPcieIoFigure_isNotAnUncertainLicenceCase() {
    // Issue #17: without an I/O figure the H20-letter interconnect test was undecided and this consumer
    // card came out "LICENSE REQUIRED (uncertain)". A PCIe Gen4 x16 card with no NVLink carries at most
    // 16 lanes x 16 GT/s x 2 directions = 64 GB/s (calc, as for the RTX 4090, chips-and-rules.md B.6 #13).
    var d = CATALOG.chip("chip", "rtx-4090-d");
    assertThat(d.spec(Metric.IO_BANDWIDTH).orElseThrow().nominal()).isEqualTo(16 * 16 * 2 / 8.0);
    assertThat(EC.determine(Request.of(d, "CN", LocalDate.of(2025, 6, 1))).verdict())
        .isEqualTo(Verdict.of(Outcome.NOT_CONTROLLED));
  }

  @Test
  void gaudi2_embeddedRoceAt600GBs_meetsThe2022IoCriterion() {
    // Intel, Hot Chips 2024 (S54): Gaudi 2 embedded NICs 4.8 Tb/s bidirectional = 600 GB/s; with TPP
    // 432 x 16 = 6912 to 450 x 16 = 7200 >= 4800, both criteria of the Oct-2022 text hold (>= 600 GB/s).
    var g = CATALOG.chip("chip", "gaudi2");
    assertThat(g.spec(Metric.IO_BANDWIDTH).orElseThrow().nominal()).isEqualTo(4800 / 8.0);
    assertThat(EC.classify(g, LocalDate.of(2023, 6, 1)).label()).isEqualTo("3A090 (2022 text)");
  }

  @Test
  void everyPcieCardInTheCatalog_hasAnIoFigure() {
    // PCIe cards only: the Gaudi 3 China entry covers an OAM module with unpublished RoCE ports too,
    // so its I/O stays unknown (see its notes).
    for (var chip : CATALOG.chips()) {
      if (chip.formFactor().orElse("").startsWith("PCIe")) {
        assertThat(chip.has(Metric.IO_BANDWIDTH)).as(chip.id()).isTrue();
      }
    }
  }
}
