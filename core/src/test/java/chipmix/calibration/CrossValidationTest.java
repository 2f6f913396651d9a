package chipmix.calibration;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CrossValidationTest {
  /** A case: a family, whether it is a fit case, and a value; the "constant" fitted is the mean of the fit values. */
  record C(String family, boolean fit, double value) {}

  @Test
  void leaveOneFamilyOut_predictsEachFamilyFromTheOthersFitCasesOnly() {
    List<C> cases = List.of(new C("a", true, 1), new C("a", false, 10), new C("b", true, 3), new C("c", false, 7));
    List<List<C>> fitCalls = new ArrayList<>();
    List<Double> constantUsed = CrossValidation.leaveOneFamilyOut(cases, C::family, C::fit, fitSet -> {
      fitCalls.add(fitSet);
      return fitSet.stream().mapToDouble(C::value).average().orElse(0);
    }, (k, c) -> k);
    // family a is predicted from b's fit case alone (3); b from a's (1); c, with no fit case, from both ((1 + 3) / 2)
    assertThat(constantUsed).containsExactly(3.0, 3.0, 1.0, 2.0);
    assertThat(fitCalls).hasSize(3);
  }

  @Test
  void leaveOneFamilyOut_familiesLeavingTheSameFitSet_shareOneFit() {
    List<C> cases = List.of(new C("a", true, 1), new C("b", false, 2), new C("c", false, 3), new C("d", false, 4));
    int[] fits = {0};
    CrossValidation.leaveOneFamilyOut(cases, C::family, C::fit, fitSet -> ++fits[0], (k, c) -> k);
    // a: fit on nothing; b, c and d: fit on a's case, once
    assertThat(fits[0]).isEqualTo(2);
  }
}
