package chipmix.comparison;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A training comparison as the user gives it ({@code chipmix train compare} options, the web API's
 * JSON fields): values are unchecked here; {@link TrainCompare#compare} checks every one and lists
 * all problems at once under field references ({@code `finish_by`}, {@code `chips`[1]}; chipmix.validation.FieldRef).
 *
 * @param model a preset name, or the name a {@link chipmix.model.Models.Resolver} resolves (the web API: an inline model)
 * @param chips candidate chip ids or aliases, in the order given
 * @param devices devices per chip the comparison is made on
 * @param tokens token budget: adds days on {@code devices}, and is needed by {@code finishBy}
 * @param start start date (YYYY-MM-DD), needed by {@code finishBy}
 * @param finishBy date (YYYY-MM-DD) by which the budget must be trained: the devices each chip needs
 * @param scaleOutGbps per-device network bandwidth applied to every chip (where the catalog states none)
 * @param screening the buyer whose access to each chip is screened
 */
public record TrainCompareRequest(String model, List<String> chips, long devices, long seqLen, long globalBatch,
    Optional<Double> tokens, Optional<String> start, Optional<String> finishBy, Optional<Double> scaleOutGbps,
    Screening screening) {

  public TrainCompareRequest {
    Objects.requireNonNull(model, "model");
    chips = List.copyOf(chips);
    Objects.requireNonNull(tokens, "tokens");
    Objects.requireNonNull(start, "start");
    Objects.requireNonNull(finishBy, "finishBy");
    Objects.requireNonNull(scaleOutGbps, "scaleOutGbps");
    Objects.requireNonNull(screening, "screening");
  }

  /** Devices per chip when none are given (as the command line's default). */
  public static final long DEFAULT_DEVICES = 1024;

  /**
   * The buyer, as given: without {@code buyerHq} nothing is screened (and the other fields must be
   * left out); {@code mode} is {@code mark} (list chips the buyer may not get, and say so when one
   * ranks first) or {@code drop} (leave them out).
   */
  public record Screening(Optional<String> buyerHq, Optional<String> to, Optional<String> date, String mode) {
    public Screening {
      Objects.requireNonNull(buyerHq, "buyerHq");
      Objects.requireNonNull(to, "to");
      Objects.requireNonNull(date, "date");
      Objects.requireNonNull(mode, "mode");
    }

    /** No buyer: nothing screened. */
    public static final Screening NONE = new Screening(Optional.empty(), Optional.empty(), Optional.empty(), "mark");
  }
}
