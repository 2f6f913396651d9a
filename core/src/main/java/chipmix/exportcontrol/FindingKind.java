package chipmix.exportcontrol;

import chipmix.io.Node;


/** Findings that are not US license requirements and never change the outcome. */
public enum FindingKind {
  /** A measure by the importing country (China's regulators, customs). */
  IMPORT_SIDE("import side"),
  /** A measure by a transit or third country (Malaysia's permit). */
  THIRD_COUNTRY("third country"),
  /** US guidance that is not a license requirement (the May 2025 Ascend guidance). */
  US_GUIDANCE("US guidance"),
  /** A US rule in force but not yet binding on the date (AI Diffusion before its compliance date). */
  PENDING("pending (not binding on this date)"),
  /** Background that explains the classification. */
  INFO("note");

  private final String text;

  FindingKind(String text) {
    this.text = text;
  }

  public String text() {
    return text;
  }

  public String key() {
    return Node.enumText(this);
  }
}
