package chipmix.exportcontrol;

import chipmix.io.Node;


/** The closed set of answers, from least to most restrictive (declaration order). */
public enum Outcome {
  NOT_CONTROLLED("not controlled", "-", false),
  NO_LICENSE_REQUIRED("no license required", "NLR", false),
  LICENSE_EXCEPTION_ACA("license exception ACA", "ACA", false),
  LICENSE_EXCEPTION_NAC("license exception NAC", "NAC", false),
  LICENSE_REQUIRED("license required", "LIC", true),
  ENTITY_LIST("license required (Entity List)", "EL", true);

  private final String text;
  private final String shortLabel;
  private final boolean hasReviewPolicy;

  Outcome(String text, String shortLabel, boolean hasReviewPolicy) {
    this.text = text;
    this.shortLabel = shortLabel;
    this.hasReviewPolicy = hasReviewPolicy;
  }

  public String text() {
    return text;
  }

  /** The stable key in YAML and JSON ({@code license-exception-nac}). */
  public String key() {
    return Node.enumText(this);
  }

  public String shortLabel() {
    return shortLabel;
  }

  public boolean hasReviewPolicy() {
    return hasReviewPolicy;
  }
}
