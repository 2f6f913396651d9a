package chipmix.cli.chips;

import chipmix.catalog.Catalog;
import chipmix.catalog.Source;
import java.util.Collection;

/** The "Sources" block of text output: one line per cited source. */
final class SourcesText {
  private SourcesText() {}

  static String render(Catalog catalog, Collection<String> ids) {
    StringBuilder sb = new StringBuilder();
    for (Source s : catalog.sources().values()) {
      if (ids.contains(s.id())) {
        sb.append("  ").append(s.id()).append("  ")
            .append(s.kind().map(k -> "[" + chipmix.io.Node.enumText(k) + "] ").orElse(""))
            .append(s.publisher()).append(": ").append(s.title())
            .append(" (").append(s.date()).append(") ").append(s.url()).append('\n');
      }
    }
    return sb.toString();
  }
}
