package chipmix.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;

import chipmix.catalog.Catalog;
import chipmix.catalog.CatalogLoader;
import chipmix.io.Yaml;
import chipmix.perfmodel.Calibrations;
import chipmix.perfmodel.HardwareProfiles;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CalibrationNoteTest {
  private static final Catalog CATALOG = CatalogLoader.bundled();

  @Test
  void aChipThatSharesAnotherChipsFitSaysWhoseConstantsItUses() {
    // calibration.yaml gives the Grand Teton H100 the H100 SXM's fitted entry; it has no fit runs of its own
    assertEquals("calibrated: h100-sxm's constants, which h100-sxm-hbm2e-500w shares (calibration.yaml)",
        TrainingEstimator.calibrationNote(HardwareProfiles.resolve(CATALOG, "h100-sxm-hbm2e-500w", Optional.empty())));
  }

  @Test
  void theFittedChipIsCalledCalibrated_andTheChipsSharingItsEntryAreNamedAsSharers() {
    assertEquals("calibrated: h100-sxm (calibration.yaml; shared by h100-sxm-hbm2e-500w)",
        TrainingEstimator.calibrationNote(HardwareProfiles.resolve(CATALOG, "h100-sxm", Optional.empty())));
  }

  @Test
  void anAliasOfTheChipItselfInChipIds_isNotNamedAsAnotherChipSharingTheEntry() {
    // calibration.yaml's A100 entry lists a100-sxm4-80gb, an alias of a100-80gb-sxm in the catalog: no other chip
    assertEquals("calibrated: a100-80gb-sxm",
        TrainingEstimator.calibrationNote(HardwareProfiles.resolve(CATALOG, "a100-80gb-sxm", Optional.empty())));
    assertEquals("calibrated: a100-80gb-sxm",
        TrainingEstimator.calibrationNote(HardwareProfiles.resolve(CATALOG, "a100-sxm4-80gb", Optional.empty())));
  }

  @Test
  void chipIdsGivenAsAliases_areNamedByTheirCatalogIds() {
    // the H100 entry written with aliases: h100 (h100-sxm's) first, h100-grand-teton (h100-sxm-hbm2e-500w's) second
    String bundled = bundledText();
    String ids = "  - chip_ids: [h100-sxm, h100-sxm-hbm2e-500w]\n";
    assertThat(bundled).contains(ids);
    Calibrations aliased = Calibrations.parse(Yaml.parse(bundled.replace(ids, "  - chip_ids: [h100, h100-grand-teton]\n"),
        "calibration.yaml"), "calibration.yaml");
    assertEquals("calibrated: h100-sxm (calibration.yaml; shared by h100-sxm-hbm2e-500w)",
        TrainingEstimator.calibrationNote(HardwareProfiles.resolve(CATALOG, "h100-sxm", Optional.empty(), aliased)));
    assertEquals("calibrated: h100-sxm's constants, which h100-sxm-hbm2e-500w shares (calibration.yaml)",
        TrainingEstimator.calibrationNote(HardwareProfiles.resolve(CATALOG, "h100-sxm-hbm2e-500w", Optional.empty(), aliased)));
  }

  private static String bundledText() {
    try (InputStream in = CalibrationNoteTest.class.getResourceAsStream(Calibrations.RESOURCE)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
