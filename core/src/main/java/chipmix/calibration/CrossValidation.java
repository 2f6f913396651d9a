package chipmix.calibration;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Leave-one-family-out cross-validation, for any kind of case. For each family: refit the
 * constants on the fit cases of every other family, then predict that family's cases with them.
 * A family none of whose cases are fit cases gets the fit on all fit cases: its cross-validated
 * error equals its in-sample error, which says that leaving it out changes no constant, not
 * that it was tested twice.
 *
 * <p>Fits are shared between families whose removal leaves the same fit set, so a catalog with
 * three fitted families and ten held-out ones costs four fits.
 */
public final class CrossValidation {
  private CrossValidation() {}

  /**
   * @param cases every case, in report order
   * @param family a case's family
   * @param inFit whether a case's error enters the fit (by its role)
   * @param fit the constants fitted to a list of fit cases (never called with a list it was called with before)
   * @param predict a case's result under constants
   * @return one result per case, in the order of {@code cases}
   */
  public static <C, K, R> List<R> leaveOneFamilyOut(List<C> cases, Function<? super C, String> family,
      Predicate<? super C> inFit, Function<List<C>, K> fit, BiFunction<K, C, R> predict) {
    Map<String, List<C>> byFamily = new LinkedHashMap<>();
    for (C c : cases) {
      byFamily.computeIfAbsent(family.apply(c), f -> new ArrayList<>()).add(c);
    }
    Map<List<C>, K> fits = new HashMap<>();
    Map<C, R> results = new IdentityHashMap<>();
    for (Map.Entry<String, List<C>> f : byFamily.entrySet()) {
      List<C> fitSet = cases.stream().filter(inFit).filter(c -> !family.apply(c).equals(f.getKey())).toList();
      K constants = fits.computeIfAbsent(fitSet, fit);
      for (C c : f.getValue()) {
        results.put(c, predict.apply(constants, c));
      }
    }
    return cases.stream().map(results::get).toList();
  }
}
