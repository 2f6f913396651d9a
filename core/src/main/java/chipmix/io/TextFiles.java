package chipmix.io;

import chipmix.validation.InvalidInputException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Locale;

/**
 * Reads the user's input files (scenarios, catalogs, rule packs, models) safely: only regular
 * files (a device such as {@code /dev/zero}, a FIFO or a folder is refused before it is opened),
 * at most {@value #MAX_BYTES} bytes (checked on the file's size and again while reading, so a
 * file that grows cannot exceed it), and UTF-8 text (a byte-order mark of UTF-8 is skipped; UTF-16
 * or bytes that are not UTF-8 are named with their offset).
 */
public final class TextFiles {
  /** The largest input file read: 4 MiB, a hundred times the largest bundled data file. */
  public static final int MAX_BYTES = 4 * 1024 * 1024;

  private TextFiles() {}

  /** The text of {@code file}; every failure is an input error at the file's name. */
  public static String read(Path file) {
    return decode(bytes(file), file.toString());
  }

  /** The bytes of {@code file}, with the checks of {@link #read} but no decoding (for fingerprints). */
  public static byte[] bytes(Path file) {
    String name = file.toString();
    BasicFileAttributes attrs;
    try {
      attrs = Files.readAttributes(file, BasicFileAttributes.class);
    } catch (NoSuchFileException e) {
      throw InvalidInputException.of(name, "file not found");
    } catch (IOException e) {
      throw InvalidInputException.of(name, "cannot read file: " + e.getMessage());
    }
    if (attrs.isDirectory()) {
      throw InvalidInputException.of(name, "is a folder, not a file");
    }
    if (!attrs.isRegularFile()) {
      throw InvalidInputException.of(name, "is not a regular file (a device, pipe or socket); give a YAML file");
    }
    if (attrs.size() > MAX_BYTES) {
      throw tooLarge(name, attrs.size());
    }
    byte[] bytes;
    try (InputStream in = Files.newInputStream(file)) {
      bytes = in.readNBytes(MAX_BYTES + 1);
    } catch (AccessDeniedException e) {
      throw InvalidInputException.of(name, "cannot read file: permission denied");
    } catch (IOException e) {
      throw InvalidInputException.of(name, "cannot read file: " + e.getMessage());
    }
    if (bytes.length > MAX_BYTES) {
      throw tooLarge(name, bytes.length);
    }
    return bytes;
  }

  /** Refuses text longer than the file cap (YAML given as a string, such as a web request's scenario). */
  static void checkLength(String text, String name) {
    // a char is at least one UTF-8 byte: a text of more chars is surely over the cap
    if (text.length() > MAX_BYTES) {
      throw tooLarge(name, text.length());
    }
  }

  /** {@code bytes} as UTF-8 text, or an input error naming the first byte that is not UTF-8. */
  static String decode(byte[] bytes, String name) {
    if (bytes.length >= 2 && ((bytes[0] == (byte) 0xFE && bytes[1] == (byte) 0xFF)
        || (bytes[0] == (byte) 0xFF && bytes[1] == (byte) 0xFE))) {
      throw InvalidInputException.of(name, "file is UTF-16 text (it starts with a UTF-16 byte-order mark); save it as UTF-8");
    }
    int start = bytes.length >= 3 && bytes[0] == (byte) 0xEF && bytes[1] == (byte) 0xBB && bytes[2] == (byte) 0xBF ? 3 : 0;
    CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
        .onMalformedInput(CodingErrorAction.REPORT)
        .onUnmappableCharacter(CodingErrorAction.REPORT);
    ByteBuffer in = ByteBuffer.wrap(bytes, start, bytes.length - start);
    CharBuffer out = CharBuffer.allocate(bytes.length);
    CoderResult r = decoder.decode(in, out, true);
    if (!r.isError()) {
      r = decoder.flush(out);
    }
    if (r.isError()) {
      int at = in.position();
      throw InvalidInputException.of(name, String.format(Locale.ROOT,
          "file is not UTF-8 text (byte %d is 0x%02X); save it as UTF-8", at, bytes[at] & 0xFF));
    }
    out.flip();
    String text = out.toString();
    if (text.indexOf('\0') >= 0) {
      throw InvalidInputException.of(name, "file is not text (byte " + utf8Offset(text, text.indexOf('\0')) + " is 0x00)");
    }
    return text;
  }

  private static int utf8Offset(String text, int charIndex) {
    return text.substring(0, charIndex).getBytes(StandardCharsets.UTF_8).length;
  }

  private static InvalidInputException tooLarge(String name, long size) {
    return InvalidInputException.of(name, String.format(Locale.ROOT,
        "file is too large (%,d bytes or more); the limit is %,d bytes (4 MiB)", size, MAX_BYTES));
  }
}
