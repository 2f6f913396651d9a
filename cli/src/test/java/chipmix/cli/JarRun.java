package chipmix.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs the packaged jar ({@code cli/target/chipmix.jar}, from the {@code chipmix.jar} system
 * property that Failsafe sets) in a separate JVM, for *IT tests.
 */
public record JarRun(int exitCode, String out, String err) {

  public static JarRun of(String... args) {
    return withEnv(Map.of(), args);
  }

  /** Runs with extra environment variables (for example CHIPMIX_HOME pointing at a temp dir). */
  public static JarRun withEnv(Map<String, String> env, String... args) {
    String jar = System.getProperty("chipmix.jar", "target/chipmix.jar");
    if (!Files.isRegularFile(Path.of(jar))) {
      throw new IllegalStateException("packaged jar not found at " + jar + "\nMaybe run 'mvn package' first.");
    }
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    List<String> cmd = new ArrayList<>(List.of(java, "-jar", jar));
    cmd.addAll(List.of(args));
    try {
      Path out = Files.createTempFile("chipmix-out", ".txt");
      Path err = Files.createTempFile("chipmix-err", ".txt");
      ProcessBuilder pb = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile());
      pb.environment().putAll(env);
      Process p = pb.start();
      if (!p.waitFor(120, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new IllegalStateException("chipmix did not finish within 120 s: " + cmd);
      }
      JarRun r = new JarRun(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
          Files.readString(err, StandardCharsets.UTF_8));
      Files.deleteIfExists(out);
      Files.deleteIfExists(err);
      return r;
    } catch (IOException e) {
      throw new IllegalStateException("cannot run " + cmd, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted running " + cmd, e);
    }
  }
}
