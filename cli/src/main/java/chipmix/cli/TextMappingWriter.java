package chipmix.cli;

import java.io.FilterWriter;
import java.io.IOException;
import java.io.Writer;
import java.util.function.UnaryOperator;

/**
 * A writer that passes each written text through one mapping before the underlying writer sees
 * it. Commands print whole texts (a line, a message, a report), so the mapping sees each text
 * whole; a single character is mapped on its own.
 */
class TextMappingWriter extends FilterWriter {
  private final UnaryOperator<String> mapping;

  TextMappingWriter(Writer out, UnaryOperator<String> mapping) {
    super(out);
    this.mapping = mapping;
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
    String s = mapping.apply(str.substring(off, off + len));
    out.write(s, 0, s.length());
  }
}
