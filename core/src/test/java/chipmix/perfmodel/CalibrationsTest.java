package chipmix.perfmodel;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CalibrationsTest {
  @Test
  void bundled_defaultIsMarkedUncalibrated() {
    Calibrations c = Calibrations.bundled();
    assertThat(c.fallback().calibrated()).isFalse();
    assertThat(c.fallback().note()).isEqualTo(Calibration.UNCALIBRATED);
  }

  @Test
  void bundled_everyChipEntryIsCalibratedOrSaysItIsNot_andSourced() {
    assertThat(Calibrations.bundled().chips()).allSatisfy(c -> {
      // an entry of the transfer rule (train9) is not calibrated on the chip's runs, and its note says so
      if (!c.calibrated()) {
        assertThat(c.note()).startsWith("uncalibrated");
        assertThat(c.gemmMaxEfficiency().source()).startsWith("transfer rule");
      }
      assertThat(c.chipIds()).isNotEmpty();
      assertThat(c.gemmMaxEfficiency().source()).isNotBlank();
    });
    assertThat(Calibrations.bundled().chips()).anySatisfy(c -> assertThat(c.calibrated()).isTrue());
  }

  @Test
  void gemmEfficiency_risesWithSizeTowardsCeiling() {
    Calibration c = Calibrations.bundled().fallback();
    double half = c.gemmHalfDim().value();
    assertThat(c.gemmEfficiency(half)).isEqualTo(c.gemmMaxEfficiency().value() / 2);
    assertThat(c.gemmEfficiency(100 * half)).isLessThan(c.gemmMaxEfficiency().value()).isGreaterThan(c.gemmEfficiency(half));
  }
}
