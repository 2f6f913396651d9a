package chipmix.cli;

import chipmix.validation.Escape;
import java.io.Writer;

/**
 * The terminal side of the command line's output and error streams: control characters and
 * terminal escape sequences (from a chip, scenario or file name) are written as visible escapes
 * ({@link Escape#terminal}), newlines and tabs as they are. JSON stays valid: Jackson already
 * escapes C0 characters, and the others are written as {@code \\uXXXX}.
 */
final class TerminalWriter extends TextMappingWriter {
  TerminalWriter(Writer out) {
    super(out, Escape::terminal);
  }
}
