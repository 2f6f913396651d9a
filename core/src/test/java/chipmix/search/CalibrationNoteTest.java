package chipmix.search;

import static org.junit.jupiter.api.Assertions.assertEquals;

import chipmix.catalog.Catalog;
import chipmix.catalog.CatalogLoader;
import chipmix.perfmodel.HardwareProfiles;
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
}
