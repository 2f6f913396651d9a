package chipmix.published;

import chipmix.model.ModelPresets;
import chipmix.model.TransformerModel;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * How many routed experts per device the published MoE runs the model was checked on hold: the yardstick for a searched
 * layout with more, whose host-issued expert cost (calibration {@code moe_host_per_local_expert_us}) is then an
 * extrapolation beyond every checked run.
 */
public final class CheckedExpertLayouts {
  private CheckedExpertLayouts() {}

  /** The checked run with the most local experts per device. */
  public record Widest(String caseId, int localExperts) {
    public Widest {
      Objects.requireNonNull(caseId, "caseId");
      if (localExperts < 1) {
        throw new IllegalArgumentException("local experts must be at least 1, got " + localExperts);
      }
    }
  }

  /** A layout holding {@code localExperts} routed experts per device, more than the widest checked run. */
  public record Beyond(int localExperts, Widest widest) {
    public Beyond {
      Objects.requireNonNull(widest, "widest");
      if (localExperts <= widest.localExperts()) {
        throw new IllegalArgumentException("beyond means more than the widest checked run's " + widest.localExperts() + ", got "
            + localExperts);
      }
    }
  }

  /** The bundled training cases' widest, read once. */
  private static final class Bundled {
    static final Optional<Widest> WIDEST = widest(
        PublishedCases.bundled().stream().filter(TrainingCase.class::isInstance).map(TrainingCase.class::cast).toList(),
        ModelPresets::find);
  }

  /**
   * For {@code model} laid out at expert parallelism {@code ep}: the widest bundled checked run, when the layout holds more
   * routed experts per device than it; empty for a dense model or a layout within the checked range.
   */
  public static Optional<Beyond> beyondBundled(TransformerModel model, int ep) {
    return model.moe().flatMap(m -> Bundled.WIDEST.filter(w -> m.experts() / ep > w.localExperts())
        .map(w -> new Beyond(m.experts() / ep, w)));
  }

  /**
   * The training case with the most routed experts per device (experts / ep) among MoE cases that state their expert
   * parallelism; empty when there is none.
   *
   * @param models a case's model by its name (cases whose model is not found are skipped)
   */
  public static Optional<Widest> widest(List<TrainingCase> cases, Function<String, Optional<TransformerModel>> models) {
    return cases.stream().flatMap(c -> c.layout().ep().flatMap(ep -> models.apply(c.model()).flatMap(TransformerModel::moe)
            .map(m -> new Widest(c.id(), Math.max(1, m.experts() / ep)))).stream())
        .max(Comparator.comparingInt(Widest::localExperts));
  }
}
