package chipmix.validation;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RangeTest {

  @Test
  void nonFiniteAndOutOfRangeValues_areProblemsNamingTheAcceptedRange() {
    Issues issues = new Issues();
    Limits.PUE.check(issues, "pue", Double.NaN);
    Limits.PUE.check(issues, "pue2", Double.POSITIVE_INFINITY);
    Limits.PUE.check(issues, "pue3", 0.99);
    Limits.SCALE_OUT_GBPS.check(issues, "gbps", 0);
    Limits.DEVICES.check(issues, "devices", 2.5);
    assertThat(issues.list()).extracting(ValidationIssue::toString).containsExactly(
        "pue: must be a number from 1 to 3, got NaN",
        "pue2: must be a number from 1 to 3, got Infinity",
        "pue3: must be a number from 1 to 3, got 0.99",
        "gbps: must be a number above 0 and at most 1,000,000 Gb/s, got 0",
        "devices: must be a whole number from 1 to 10,000,000 devices, got 2.5");
  }

  @Test
  void boundsAreIncludedExceptAnExcludedMinimum() {
    assertThat(Limits.PUE.contains(1)).isTrue();
    assertThat(Limits.PUE.contains(3)).isTrue();
    assertThat(Limits.PUE.contains(Math.nextUp(3.0))).isFalse();
    assertThat(Limits.SCALE_OUT_GBPS.contains(0)).isFalse();
    assertThat(Limits.SCALE_OUT_GBPS.contains(Double.MIN_VALUE)).isTrue();
    assertThat(Limits.DEVICES.contains(10_000_000)).isTrue();
    assertThat(Limits.DEVICES.contains(10_000_001)).isFalse();
  }

  @Test
  void everyNamedLimit_isFiniteWithAReason() throws Exception {
    for (var f : Limits.class.getFields()) {
      Range r = (Range) f.get(null);
      assertThat(r.why()).as(f.getName()).isNotBlank();
      assertThat(Double.isFinite(r.max())).as(f.getName()).isTrue();
      // whole-number ranges are read into ints by the loaders
      if (r.whole()) {
        assertThat(r.max()).as(f.getName()).isLessThanOrEqualTo(Integer.MAX_VALUE);
      }
    }
  }

  @Test
  void fmt_writesNumbersAsUsersDo() {
    assertThat(Range.fmt(10_000_000)).isEqualTo("10,000,000");
    assertThat(Range.fmt(0.1)).isEqualTo("0.1");
    assertThat(Range.fmt(1e308)).isEqualTo("1.0E308");
    assertThat(Range.fmt(Double.NaN)).isEqualTo("NaN");
  }
}
