package chipmix.cli.scenario;

import java.io.Serializable;
import java.util.List;
import java.util.Objects;

/**
 * Everything a machine other than the one that read the sweep needs to plan its rows: the texts of
 * the sweep and scenario files, the extra catalog files' paths, and the fingerprint the rows rest
 * on. A cluster engine ships this to its workers, which rebuild the same job from it
 * ({@link SweepSetup#rebuild}) and refuse to plan when their data differ from the driver's.
 *
 * @param sweepName the sweep's name when the file gives none (the file name without .yaml)
 * @param scenarioName the scenario file's name (the scenario's name when the file gives none)
 * @param catalogFiles the {@code --catalog} files, as paths every worker reads
 * @param fingerprint the driver's fingerprint (scenario text, variant, data versions, outcomes kept)
 */
public record SweepInputs(String sweepText, String sweepName, String scenarioText, String scenarioName,
    List<String> catalogFiles, String fingerprint) implements Serializable {
  private static final long serialVersionUID = 1L;

  public SweepInputs {
    Objects.requireNonNull(sweepText, "sweepText");
    Objects.requireNonNull(sweepName, "sweepName");
    Objects.requireNonNull(scenarioText, "scenarioText");
    Objects.requireNonNull(scenarioName, "scenarioName");
    catalogFiles = List.copyOf(catalogFiles);
    Objects.requireNonNull(fingerprint, "fingerprint");
  }
}
