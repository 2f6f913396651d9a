package chipmix.cli.chips;

import java.util.ArrayList;
import java.util.List;

/** A plain aligned text table: the first column left-aligned, the others as declared. */
final class TextTable {
  private final List<String> header;
  private final boolean[] rightAligned;
  private final List<List<String>> rows = new ArrayList<>();

  TextTable(List<String> header, boolean... rightAligned) {
    this.header = List.copyOf(header);
    this.rightAligned = new boolean[header.size()];
    for (int i = 0; i < rightAligned.length && i < header.size(); i++) {
      this.rightAligned[i] = rightAligned[i];
    }
  }

  TextTable row(List<String> cells) {
    if (cells.size() != header.size()) {
      throw new IllegalArgumentException("row has " + cells.size() + " cells, header has " + header.size());
    }
    rows.add(List.copyOf(cells));
    return this;
  }

  /** A row spanning nothing: a section title on its own line. */
  TextTable section(String title) {
    List<String> cells = new ArrayList<>();
    cells.add(title);
    for (int i = 1; i < header.size(); i++) {
      cells.add("");
    }
    rows.add(cells);
    return this;
  }

  String render() {
    int[] width = new int[header.size()];
    for (int i = 0; i < header.size(); i++) {
      width[i] = header.get(i).length();
    }
    for (List<String> r : rows) {
      for (int i = 0; i < r.size(); i++) {
        width[i] = Math.max(width[i], r.get(i).length());
      }
    }
    StringBuilder sb = new StringBuilder();
    line(sb, header, width);
    for (List<String> r : rows) {
      line(sb, r, width);
    }
    return sb.toString();
  }

  private void line(StringBuilder sb, List<String> cells, int[] width) {
    StringBuilder l = new StringBuilder();
    for (int i = 0; i < cells.size(); i++) {
      String c = cells.get(i);
      String pad = " ".repeat(width[i] - c.length());
      if (i > 0) {
        l.append("  ");
      }
      l.append(rightAligned[i] ? pad + c : c + pad);
    }
    sb.append(l.toString().stripTrailing()).append('\n');
  }
}
