package chipmix.cli;

import chipmix.validation.InvalidInputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Checks on the files a command writes (reports), before any work is done. */
public final class OutputFiles {
  private OutputFiles() {}

  /**
   * Refuses an output file that is one of the command's input files (compared as real files, so
   * a relative path, a symbolic or a hard link to the input is caught too): writing the report
   * would destroy the input. An input error at {@code option} (exit code 2).
   */
  public static void checkNotInput(String option, Path output, List<Path> inputs) {
    if (output == null || !Files.exists(output)) {
      return;
    }
    for (Path in : inputs) {
      if (in != null && Files.exists(in) && same(output, in)) {
        throw InvalidInputException.of(option, "'" + output + "' is the input file " + in
            + "; writing the report there would overwrite it: give another file name");
      }
    }
  }

  private static boolean same(Path a, Path b) {
    try {
      return Files.isSameFile(a, b);
    } catch (IOException e) {
      return a.toAbsolutePath().normalize().equals(b.toAbsolutePath().normalize());
    }
  }
}
