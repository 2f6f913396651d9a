package chipmix.cli;

import chipmix.validation.FieldRef;
import java.io.FilterWriter;
import java.io.IOException;
import java.io.Writer;

/**
 * The command line's words for the request fields that core texts name ({@link FieldRef}): each
 * text a command prints says {@code --usd-per-device-hour} where the core wrote the field key
 * {@code `usd_per_device_hour`}, and the web says the JSON field or the form's label. A text is
 * rendered per write; commands print whole texts, so a reference is never split between writes.
 */
final class OptionWords extends FilterWriter {
  OptionWords(Writer out) {
    super(out);
  }

  @Override
  public void write(int c) throws IOException {
    out.write(c);
  }

  @Override
  public void write(char[] cbuf, int off, int len) throws IOException {
    write(new String(cbuf, off, len), 0, len);
  }

  @Override
  public void write(String str, int off, int len) throws IOException {
    String s = FieldRef.asOption(str.substring(off, off + len));
    out.write(s, 0, s.length());
  }
}
