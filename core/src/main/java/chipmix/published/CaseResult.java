package chipmix.published;

/**
 * Published versus predicted for one case.
 *
 * @param error signed relative error (predicted − published) / published
 * @param detail what the prediction used (layout filled in, accounting)
 * @param family the case's source-and-hardware family
 */
public record CaseResult(String id, String kind, PublishedCase.Role role, String family, String source, String metric, String unit,
    double published, double predicted, double error, double tolerance, String detail) {

  public boolean withinTolerance() {
    return Math.abs(error) <= tolerance;
  }
}
