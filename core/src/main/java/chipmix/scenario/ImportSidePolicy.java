package chipmix.scenario;

import chipmix.io.Node;

/**
 * What the planner does with an import-side finding of the destination (China's customs or
 * regulators) or a third country's measure (Malaysia's permit): scenario setting
 * {@code settings.import_side}. The US outcome is never changed by it.
 */
public enum ImportSidePolicy {
  /** Import-side findings are reported but do not change the delivery's verdict. */
  IGNORE,
  /** A delivery with an import-side finding is at risk (the default, and chipmix's behaviour before the setting). */
  AT_RISK,
  /** A delivery with an import-side finding is assumed not to arrive. */
  BLOCK;

  public String key() {
    return Node.enumText(this);
  }
}
