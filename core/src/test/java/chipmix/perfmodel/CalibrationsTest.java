package chipmix.perfmodel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import chipmix.io.Yaml;
import chipmix.validation.InvalidInputException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
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
    // the uncalibrated branch above is exercised: calibration.yaml holds transfer-rule entries (calibrated: false)
    assertThat(Calibrations.bundled().chips()).anySatisfy(c -> assertThat(c.calibrated()).isFalse());
  }

  @Test
  void parse_calibratedOnTheDefaultOrNotABoolean_isAnErrorNamingTheField() {
    String bundled = bundledText();
    String def = "default:\n  note: \"uncalibrated: default efficiencies\"\n";
    String chip = "  - chip_ids: [mi300x]\n    calibrated: false\n";
    assertThat(bundled).contains(def).contains(chip);
    String yaml = bundled.replace(def, def + "  calibrated: true\n")
        .replace(chip, "  - chip_ids: [mi300x]\n    calibrated: \"no\"\n");
    assertThatThrownBy(() -> Calibrations.parse(Yaml.parse(yaml, "calibration.yaml"), "calibration.yaml"))
        .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.issues()).extracting(i -> i.path())
            .contains("default.calibrated").anySatisfy(p -> assertThat(p).endsWith("].calibrated")))
        .hasMessageContaining("only for chip entries").hasMessageContaining("must be true or false");
  }

  @Test
  void parse_aTrainingChipEntryCalibratedFalseWithoutANote_isAnErrorNamingTheNote() {
    // the note is what every estimate on the chip shows as the reason it is not calibrated
    String bundled = bundledText();
    String head = "  - chip_ids: [mi325x]\n    calibrated: false\n";
    int at = bundled.indexOf(head + "    note: ");
    assertThat(at).isNotNegative();
    int noteEnd = bundled.indexOf('\n', at + head.length()) + 1;
    String yaml = bundled.substring(0, at + head.length()) + bundled.substring(noteEnd);
    assertThatThrownBy(() -> Calibrations.parse(Yaml.parse(yaml, "calibration.yaml"), "calibration.yaml"))
        .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.issues()).extracting(i -> i.path())
            .singleElement().satisfies(p -> assertThat(p).startsWith("chips[").endsWith("].note")))
        .hasMessageContaining("required when calibrated is false");
  }

  private static String bundledText() {
    try (InputStream in = CalibrationsTest.class.getResourceAsStream(Calibrations.RESOURCE)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Test
  void gemmEfficiency_risesWithSizeTowardsCeiling() {
    Calibration c = Calibrations.bundled().fallback();
    double half = c.gemmHalfDim().value();
    assertThat(c.gemmEfficiency(half)).isEqualTo(c.gemmMaxEfficiency().value() / 2);
    assertThat(c.gemmEfficiency(100 * half)).isLessThan(c.gemmMaxEfficiency().value()).isGreaterThan(c.gemmEfficiency(half));
  }
}
