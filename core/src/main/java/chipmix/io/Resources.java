package chipmix.io;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** Bundled classpath resources (absolute names, {@code /chipmix/...}); a missing one is a packaging bug. */
public final class Resources {
  private Resources() {}

  /** The resource's bytes. */
  public static byte[] bytes(String resource) {
    try (InputStream in = Resources.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("bundled resource " + resource + " is missing from the jar");
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read bundled resource " + resource, e);
    }
  }

  /** The resource as UTF-8 text. */
  public static String text(String resource) {
    return new String(bytes(resource), StandardCharsets.UTF_8);
  }
}
