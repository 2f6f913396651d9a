package chipmix.cli;

import chipmix.validation.Escape;
import java.io.FilterWriter;
import java.io.IOException;
import java.io.Writer;

/**
 * The terminal side of the command line's output and error streams: control characters and
 * terminal escape sequences (from a chip, scenario or file name) are written as visible escapes
 * ({@link Escape#terminal}), newlines and tabs as they are. JSON stays valid: Jackson already
 * escapes C0 characters, and the others are written as {@code \\uXXXX}.
 */
final class TerminalWriter extends FilterWriter {
  TerminalWriter(Writer out) {
    super(out);
  }

  @Override
  public void write(int c) throws IOException {
    write(String.valueOf((char) c), 0, 1);
  }

  @Override
  public void write(char[] cbuf, int off, int len) throws IOException {
    write(new String(cbuf, off, len), 0, len);
  }

  @Override
  public void write(String str, int off, int len) throws IOException {
    String s = Escape.terminal(str.substring(off, off + len));
    out.write(s, 0, s.length());
  }
}
