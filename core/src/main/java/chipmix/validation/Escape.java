package chipmix.validation;

/**
 * Makes text from input safe to echo to a terminal: control characters (C0 but tab and, where
 * asked, newline; DEL; C1), and the bidirectional overrides that reorder what a reader sees, are
 * written as escapes ({@code \e} for ESC, {@code \x07} for BEL, a backslash-u escape for U+009B or U+202E), so a name holding a
 * terminal escape sequence is shown, not obeyed. Used by validation messages and the command
 * line's output and error printers.
 */
public final class Escape {
  private Escape() {}

  /** {@code text} with every control character escaped, newlines included (for one-line values). */
  public static String controls(String text) {
    return escape(text, false);
  }

  /** {@code text} with every control character but newline and tab escaped (for multi-line output). */
  public static String terminal(String text) {
    return escape(text, true);
  }

  /** Whether {@code c} is written as an escape (newline and tab aside). */
  public static boolean unsafe(char c) {
    return c < 0x20 || (c >= 0x7f && c <= 0x9f) || (c >= 0x202a && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069);
  }

  private static String escape(String text, boolean keepLines) {
    if (text == null) {
      return null;
    }
    int i = 0;
    while (i < text.length() && !needs(text.charAt(i), keepLines)) {
      i++;
    }
    if (i == text.length()) {
      return text;
    }
    StringBuilder b = new StringBuilder(text.length() + 16).append(text, 0, i);
    for (; i < text.length(); i++) {
      char c = text.charAt(i);
      if (!needs(c, keepLines)) {
        b.append(c);
      } else {
        b.append(escaped(c));
      }
    }
    return b.toString();
  }

  private static boolean needs(char c, boolean keepLines) {
    if (c == '\t' || (keepLines && (c == '\n' || c == '\r'))) {
      return false;
    }
    return unsafe(c);
  }

  /** The escape of one unsafe character. */
  public static String escaped(char c) {
    return switch (c) {
      case 0x1b -> "\\e";
      case '\n' -> "\\n";
      case '\r' -> "\\r";
      // C0 as \x1f; DEL, C1 and the bidirectional controls as a backslash-u escape, which is also valid inside a
      // JSON string, so a JSON document printed through the escaping stays valid (and means the same)
      default -> c < 0x20 ? String.format("\\x%02x", (int) c) : String.format("\\u%04x", (int) c);
    };
  }
}
