package chipmix.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import picocli.CommandLine.TypeConversionException;

class LargeCountTest {
  @Test
  void parse_suffixes_scaleByTheirPowerOfTen() {
    assertThat(LargeCount.parse("1T")).isEqualTo(1e12);
    assertThat(LargeCount.parse("14.8t")).isEqualTo(14.8 * 1e12);
    assertThat(LargeCount.parse("800B")).isEqualTo(800 * 1e9);
    assertThat(LargeCount.parse("2G")).isEqualTo(2 * 1e9);
    assertThat(LargeCount.parse("20M")).isEqualTo(20 * 1e6);
    assertThat(LargeCount.parse("5k")).isEqualTo(5 * 1e3);
  }

  @Test
  void parse_plainAndScientificNumbers_areReadAsWritten() {
    assertThat(LargeCount.parse("15e12")).isEqualTo(15e12);
    assertThat(LargeCount.parse("1_000_000")).isEqualTo(1e6);
    assertThat(LargeCount.parse("1,500")).isEqualTo(1500);
  }

  @Test
  void parse_wordsAndNonFiniteValues_areRefusedWithTheAcceptedForms() {
    for (String bad : new String[] {"lots", "1X", "NaN", "Infinity", "1e400", "T", ""}) {
      assertThatThrownBy(() -> LargeCount.parse(bad)).as(bad)
          .isInstanceOf(TypeConversionException.class).hasMessageContaining("1.5T");
    }
  }
}
