package chipmix.exportcontrol;

/** Three-valued truth for a test whose input fact may be unknown or a range straddling a threshold. */
public enum Tri {
  YES,
  NO,
  UNKNOWN;

  public static Tri of(boolean b) {
    return b ? YES : NO;
  }

  public Tri and(Tri other) {
    if (this == NO || other == NO) {
      return NO;
    }
    return this == YES && other == YES ? YES : UNKNOWN;
  }

  public Tri or(Tri other) {
    if (this == YES || other == YES) {
      return YES;
    }
    return this == NO && other == NO ? NO : UNKNOWN;
  }
}
