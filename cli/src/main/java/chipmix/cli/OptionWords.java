package chipmix.cli;

import chipmix.validation.FieldRef;
import java.io.Writer;

/**
 * The command line's words for the request fields that core texts name ({@link FieldRef}): each
 * text a command prints says {@code --usd-per-device-hour} where the core wrote the field key
 * {@code `usd_per_device_hour`}, and the web says the JSON field or the form's label. A text is
 * rendered per write; commands print whole texts, so a reference is never split between writes.
 */
final class OptionWords extends TextMappingWriter {
  OptionWords(Writer out) {
    super(out, FieldRef::asOption);
  }
}
