package chipmix.catalog;

/**
 * What kind of document a source is. The first five are primary: the vendor's (or, for a system
 * it built, the operator's) own statement of a figure. The last three are secondary: they repeat
 * or estimate figures others published.
 */
public enum SourceKind {
  /** A vendor data sheet or product brief. */
  DATASHEET,
  /** A vendor architecture or technical white paper. */
  WHITEPAPER,
  /** A filing with a regulator (SEC 8-K/10-K, prospectus, annual report) or a legal text. */
  FILING,
  /** A vendor's (or a government's) own documentation pages, product pages and announcements. */
  OFFICIAL_DOCS,
  /** A paper or technical report by the vendor, or by the operator about its own system. */
  PAPER,
  /** A third-party table or dataset that collects figures from elsewhere (Epoch, trackers, wikis). */
  COMPILATION,
  /** News coverage and analyst reports. */
  PRESS,
  /** A personal or company blog post. */
  BLOG;

  /** True for datasheets, white papers, filings, official documentation and first-party papers. */
  public boolean isPrimary() {
    return switch (this) {
      case DATASHEET, WHITEPAPER, FILING, OFFICIAL_DOCS, PAPER -> true;
      case COMPILATION, PRESS, BLOG -> false;
    };
  }
}
