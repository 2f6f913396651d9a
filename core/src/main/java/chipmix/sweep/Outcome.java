package chipmix.sweep;

import java.util.Locale;

/** The outcomes a result row carries, in groups a sweep file may keep ({@code keep:}). */
public final class Outcome {
  private Outcome() {}

  /** A group of result columns. */
  public enum Group {
    /** Per training run: finish date, deadline met, days late. */
    TRAINING,
    /** Per serving demand: the largest unmet demand in any month (requests/s). */
    SERVING,
    /** The plan's total cost (US dollars). */
    COST,
    /** Devices blocked and devices at risk under the export rules. */
    DEVICES;

    public String text() {
      return name().toLowerCase(Locale.ROOT);
    }
  }
}
