package chipmix.search;

/** What the search minimises. */
public enum Objective {
  /** Step time. */
  TIME,
  /**
   * Cost per step: step time x devices x $/device-hour. With one device count and one price
   * this ranks layouts exactly as {@link #TIME} does; it is offered so scripts can ask for it
   * and so that cost-aware ranking stays one switch away when the price varies.
   */
  COST
}
