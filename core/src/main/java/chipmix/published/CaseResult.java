package chipmix.published;

/**
 * Published versus predicted for one case.
 *
 * @param error signed relative error (predicted − published) / published
 * @param detail what the prediction used (layout filled in, accounting)
 */
public record CaseResult(String id, String kind, PublishedCase.Role role, String source, String metric, String unit,
    double published, double predicted, double error, double tolerance, String detail) {

  public boolean withinTolerance() {
    return Math.abs(error) <= tolerance;
  }
}
