package chipmix.cli;

import chipmix.catalog.CatalogLoader;
import chipmix.validation.Issues;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Checks on the files a command writes (reports), before any work is done. */
public final class OutputFiles {
  private OutputFiles() {}

  /**
   * Writes a report or answer file (creating its folder), its field references in the CLI's words
   * ({@link chipmix.validation.FieldRef#asOption}); a failure is an I/O error (exit code 1) naming
   * the file.
   */
  public static void write(Path file, String text) {
    try {
      Path parent = file.toAbsolutePath().getParent();
      if (parent != null) {
        Files.createDirectories(parent);
      }
      Files.writeString(file, chipmix.validation.FieldRef.asOption(text), java.nio.charset.StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
    }
  }

  /** The files a scenario command reads: {@code scenarios}, the {@code --catalog} files and the user catalog folder's. */
  public static List<Path> inputs(List<Path> scenarios, CatalogOptions catalog) {
    List<Path> in = new ArrayList<>(scenarios);
    in.addAll(catalog.files());
    in.addAll(CatalogLoader.userDirectoryFiles(CatalogLoader.userDirectory()));
    return in;
  }

  /**
   * Adds an issue at {@code option} when {@code output} is one of the command's input files
   * (compared as real files, so a relative path or a symbolic or hard link to the input is caught
   * too): writing the report would destroy the input (exit code 2).
   */
  public static void checkNotInput(Issues issues, String option, Path output, List<Path> inputs) {
    if (output == null) {
      return;
    }
    for (Path in : inputs) {
      if (in != null && Files.exists(in) && same(output, in)) {
        issues.add(option, "'" + output + "' is the input file " + in
            + "; writing the report there would overwrite it: give another file name");
        return;
      }
    }
  }

  /** Adds an issue when two output options name the same file (the second write would replace the first). */
  public static void checkDistinct(Issues issues, String option, Path output, String otherOption, Path other) {
    if (output != null && other != null && (output.toAbsolutePath().normalize().equals(other.toAbsolutePath().normalize())
        || (Files.exists(output) && Files.exists(other) && same(output, other)))) {
      issues.add(option, "'" + output + "' is also the " + otherOption + " file; give two different files");
    }
  }

  /**
   * Whether writing {@code out} would write {@code in}: the same file (links included) when both
   * exist; otherwise the same path once {@code ..} is resolved as the writer resolves it (it
   * creates missing folders, so {@code sub/../x.yaml} is {@code x.yaml} even without {@code sub}).
   */
  private static boolean same(Path out, Path in) {
    Path lexical = out.toAbsolutePath().normalize();
    try {
      if (Files.exists(out)) {
        return Files.isSameFile(out, in);
      }
      Path real = in.toRealPath();
      Path parent = lexical.getParent();
      return lexical.equals(in.toAbsolutePath().normalize()) || lexical.equals(real)
          || (parent != null && Files.isDirectory(parent) && parent.toRealPath().resolve(lexical.getFileName()).equals(real));
    } catch (IOException e) {
      return lexical.equals(in.toAbsolutePath().normalize());
    }
  }
}
