package chipmix.calibration;

import static org.assertj.core.api.Assertions.assertThat;

import chipmix.catalog.Catalog;
import chipmix.catalog.CatalogLoader;
import chipmix.perfmodel.Calibration;
import chipmix.perfmodel.Calibrations;
import chipmix.published.PublishedCases;
import chipmix.published.TrainingCase;
import java.util.List;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Reruns the fit of calibration-fit.yaml on the bundled fit cases and catalog and checks that it
 * gives calibration.yaml's training constants. The fit moves on a grid, so "reproduces" means the
 * same grid value: the tolerance (1e-9) only absorbs the decimal text of the files.
 */
class CalibrationFitReproductionTest {
  static final double SAME_GRID_VALUE = 1e-9;
  static Catalog catalog;
  static TrainingFit.Result fit;

  @BeforeAll
  static void refit() {
    catalog = CatalogLoader.bundled();
    List<TrainingCase> cases = PublishedCases.bundled().stream().map(TrainingCase.class::cast).toList();
    fit = TrainingFit.fit(FitSpecs.bundled(), cases, catalog, Calibrations.bundled());
  }

  @Test
  void refit_everyFittedChip_reproducesCalibrationYaml() {
    // every chip of the spec has an entry: fitted when its fit cases are bundled, else by the transfer rule (train9)
    assertThat(fit.calibrations().chips()).flatExtracting(Calibration::chipIds)
        .containsExactlyInAnyOrderElementsOf(FitSpecs.bundled().chips().stream().map(FitSpec.ChipFit::chip).toList());
    assertThat(fit.chips()).isNotEmpty();
    for (Calibration refit : fit.calibrations().chips()) {
      Calibration bundled = Calibrations.bundled().forChip(catalog.chip("chip", refit.chipIds().get(0)));
      for (int i = 0; i < Calibrations.CONSTANTS.size(); i++) {
        assertThat(refit.constants().get(i).value()).as(refit.chipIds() + " " + Calibrations.CONSTANTS.get(i))
            .isCloseTo(bundled.constants().get(i).value(), Offset.offset(SAME_GRID_VALUE));
      }
    }
  }

  @Test
  void refit_default_isTheConservativeRuleOverTheFits() {
    Calibration refit = fit.calibrations().fallback();
    Calibration bundled = Calibrations.bundled().fallback();
    for (int i = 0; i < Calibrations.CONSTANTS.size(); i++) {
      assertThat(refit.constants().get(i).value()).as("default " + Calibrations.CONSTANTS.get(i))
          .isCloseTo(bundled.constants().get(i).value(), Offset.offset(SAME_GRID_VALUE));
    }
  }

  @Test
  void refit_moeHostConstant_reproducesCalibrationYamlForEveryChip() {
    assertThat(fit.crossChip()).extracting(TrainingFit.CrossChipResult::key).containsExactly(Calibrations.MOE_HOST);
    double bundledDefault = Calibrations.bundled().fallback().moeHostPerLocalExpertUs().value();
    assertThat(fit.crossChip().get(0).value()).isCloseTo(bundledDefault, Offset.offset(SAME_GRID_VALUE));
    assertThat(fit.calibrations().fallback().moeHostPerLocalExpertUs().value()).isCloseTo(bundledDefault,
        Offset.offset(SAME_GRID_VALUE));
    for (Calibration bundled : Calibrations.bundled().chips()) {
      assertThat(bundled.moeHostPerLocalExpertUs().value()).as(bundled.chipIds().toString())
          .isCloseTo(bundledDefault, Offset.offset(SAME_GRID_VALUE));
    }
  }

  @Test
  void refit_usesOnlyFitRoleCases_eachInOneFit() {
    List<String> fitIds = PublishedCases.bundled().stream().filter(c -> c.role() == chipmix.published.PublishedCase.Role.FIT)
        .map(chipmix.published.PublishedCase::id).toList();
    List<String> chipIds = fit.chips().stream().flatMap(c -> c.caseIds().stream()).toList();
    List<String> crossIds = fit.crossChip().stream().flatMap(c -> c.caseIds().stream()).toList();
    assertThat(chipIds).doesNotContainAnyElementsOf(crossIds);
    assertThat(java.util.stream.Stream.concat(chipIds.stream(), crossIds.stream()).toList())
        .containsExactlyInAnyOrderElementsOf(fitIds);
  }
}
