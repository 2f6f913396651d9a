package chipmix.scenario;

import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * The performance model's cross-validated error per chip family, what {@code plan --samples} draws
 * each chip's model error from (data: {@code chipmix/scenario/model-error.yaml}, derived from
 * {@code chipmix validate}'s leave-one-family-out results by {@link ModelErrors#derive}).
 *
 * <p>A family's figure is used for its chips when it rests on at least {@code minCases} cases from
 * at least {@code minCaseFamilies} case families (independent sources); otherwise, and for a chip
 * in no family, the pooled figure of every case of that kind is used, and the basis says so.
 *
 * @param pooledTraining every training case's cross-validated error
 * @param pooledServing every serving case's cross-validated error
 */
public record ModelErrorTable(int minCases, int minCaseFamilies, Figure pooledTraining, Figure pooledServing,
    List<ChipFamily> families) {

  public ModelErrorTable {
    if (minCases < 1 || minCaseFamilies < 1) {
      throw new IllegalArgumentException("min_cases and min_case_families must be at least 1, got " + minCases + ", "
          + minCaseFamilies);
    }
    Objects.requireNonNull(pooledTraining, "pooledTraining");
    Objects.requireNonNull(pooledServing, "pooledServing");
    families = List.copyOf(families);
  }

  /** Which throughput an error applies to. */
  public enum Kind {
    TRAINING, SERVING;

    public String word() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /**
   * The error over a set of cases.
   *
   * @param caseFamilies the validation families the cases come from
   * @param medianAbsLogError median over the cases of |ln(predicted / published)|
   * @param sigma one standard deviation of the log error: the median read as a normal's (median |z| = 0.6745)
   */
  public record Figure(int cases, List<String> caseFamilies, double medianAbsLogError, double sigma) {
    public Figure {
      caseFamilies = List.copyOf(caseFamilies);
      if (cases < 1) {
        throw new IllegalArgumentException("a figure needs at least one case, got " + cases);
      }
      if (!(medianAbsLogError >= 0) || !Double.isFinite(medianAbsLogError) || !(sigma >= 0) || !Double.isFinite(sigma)) {
        throw new IllegalArgumentException("errors must be finite and non-negative, got " + medianAbsLogError + ", " + sigma);
      }
    }
  }

  /**
   * Chips that share an architecture and software stack, so the cases of one stand for the others.
   *
   * @param why the shared silicon, in words
   * @param training the family's training cases (empty when none)
   * @param serving the family's serving cases (empty when none)
   */
  public record ChipFamily(String id, List<String> chips, String why, Optional<Figure> training, Optional<Figure> serving) {
    public ChipFamily {
      Objects.requireNonNull(id, "id");
      chips = List.copyOf(chips);
      Objects.requireNonNull(why, "why");
      Objects.requireNonNull(training, "training");
      Objects.requireNonNull(serving, "serving");
    }

    public Optional<Figure> figure(Kind kind) {
      return switch (kind) {
        case TRAINING -> training;
        case SERVING -> serving;
      };
    }
  }

  /** The sigma a chip's samples use for one kind, and where it comes from, in words. */
  public record Used(double sigma, String basis) {}

  /** The sigma for {@code chipId}'s {@code kind} throughput. */
  public Used sigma(String chipId, Kind kind) {
    Figure pooled = kind == Kind.TRAINING ? pooledTraining : pooledServing;
    Optional<ChipFamily> family = families.stream().filter(f -> f.chips().contains(chipId)).findFirst();
    if (family.isPresent()) {
      Optional<Figure> own = family.get().figure(kind);
      if (own.isPresent() && own.get().cases() >= minCases && own.get().caseFamilies().size() >= minCaseFamilies) {
        return new Used(own.get().sigma(), family.get().id() + " " + kind.word() + " cases: " + describe(own.get()));
      }
      String few = own.map(f -> f.cases() + " " + kind.word() + " case(s) in " + f.caseFamilies().size() + " case family(ies)")
          .orElse("no " + kind.word() + " cases");
      return new Used(pooled.sigma(), "pooled " + kind.word() + " cases (" + family.get().id() + " has " + few
          + ", fewer than " + minCases + " cases in " + minCaseFamilies + " case families): " + describe(pooled));
    }
    return new Used(pooled.sigma(), "pooled " + kind.word() + " cases (the chip is in no measured chip family): "
        + describe(pooled));
  }

  private static String describe(Figure f) {
    return String.format(Locale.ROOT, "%d cases in %d case families, median |ln(predicted/published)| %.1f%%", f.cases(),
        f.caseFamilies().size(), f.medianAbsLogError() * 100);
  }
}
