package chipmix.exportcontrol;

import chipmix.io.Node;


/** How license applications are reviewed, from most to least favourable (declaration order). */
public enum ReviewPolicy {
  NONE("none", ""),
  PRESUMPTION_OF_APPROVAL("presumption of approval", "approval"),
  CASE_BY_CASE("case-by-case review", "case"),
  /** A license is required but no review policy was published (the 2025 is-informed letters). */
  NOT_PUBLISHED("review policy not published", "unpub"),
  PRESUMPTION_OF_DENIAL("presumption of denial", "denial");

  private final String text;
  private final String shortLabel;

  ReviewPolicy(String text, String shortLabel) {
    this.text = text;
    this.shortLabel = shortLabel;
  }

  public String text() {
    return text;
  }

  public String key() {
    return Node.enumText(this);
  }

  public String shortLabel() {
    return shortLabel;
  }
}
