package chipmix.exportcontrol;

import java.util.List;

/** Formats a citation: the document and the source ids that carry it. */
final class Citations {
  private Citations() {}

  static String of(String document, List<String> sources) {
    String ids = "[" + String.join(", ", sources) + "]";
    return document.isBlank() ? ids : document + " " + ids;
  }
}
