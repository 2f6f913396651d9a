package chipmix.web.store;

import java.util.Locale;

/** Where a scenario run stands. Stored as the lower-case name. */
public enum RunStatus {
  /** Started and not finished yet. */
  RUNNING,
  /** Finished with a plan; the result holds the report JSON. */
  SUCCEEDED,
  /** The scenario was invalid; the result holds every issue. */
  INVALID,
  /** The scenario was valid but has no answer; the result says why. */
  INFEASIBLE,
  /** An internal error stopped it. */
  FAILED,
  /** The server stopped while it ran (found still running at the next start). */
  INTERRUPTED;

  public String text() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static RunStatus ofText(String text) {
    return valueOf(text.toUpperCase(Locale.ROOT));
  }
}
