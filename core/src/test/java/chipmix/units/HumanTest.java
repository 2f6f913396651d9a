package chipmix.units;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class HumanTest {
  @Test
  void count_belowTenMillion_hasThousandsSeparators() {
    assertThat(Human.count(332_690, 3)).isEqualTo("332,690");
    assertThat(Human.count(9_999_999, 3)).isEqualTo("9,999,999");
    assertThat(Human.count(2.5, 3)).isEqualTo("2.5");
  }

  @Test
  void count_fromTenMillion_isInWords() {
    assertThat(Human.count(1.577e7, 3)).isEqualTo("15.8 million");
    assertThat(Human.count(14.8e12, 3)).isEqualTo("14.8 trillion");
    assertThat(Human.count(8.977e11, 3)).isEqualTo("898 billion");
    assertThat(Human.count(3e11, 3)).isEqualTo("300 billion");
  }

  @Test
  void usd_usesBAndMAboveAMillion() {
    assertThat(Human.usd(1.860e9)).isEqualTo("$1.86B");
    assertThat(Human.usd(7.584e6)).isEqualTo("$7.58M");
    assertThat(Human.usd(319_017)).isEqualTo("$319,017");
  }

  @Test
  void plain_neverWritesScientificNotation() {
    assertThat(Human.plain(1.25e-4, 3)).isEqualTo("0.000125");
    assertThat(Human.plain(1e20, 3)).isEqualTo("100000000000000000000");
  }

  @Test
  void nonFiniteValues_areInternalErrors() {
    for (double bad : new double[] {Double.NaN, Double.POSITIVE_INFINITY}) {
      assertThatThrownBy(() -> Human.count(bad, 3)).isInstanceOf(IllegalArgumentException.class);
    }
  }
}
