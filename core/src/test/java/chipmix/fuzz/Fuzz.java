package chipmix.fuzz;

import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;

/**
 * Bounded fuzzing for the loaders, driven by jqwik: each try's input is drawn from jqwik's random
 * source (fixed by the properties' {@code seed}) mixed with the system property
 * {@code chipmix.fuzz.seed} (default {@value #DEFAULT_SEED}; {@code -Dchipmix.fuzz.seed=123} runs
 * other inputs), so CI is reproducible and a longer local hunt is one flag away. Each try runs
 * with a time limit ({@link #PER_TRY}), so a hang fails the test naming the input instead of
 * stalling the build.
 */
final class Fuzz {
  static final long DEFAULT_SEED = 20_261_203L;
  static final long SEED = Long.getLong("chipmix.fuzz.seed", DEFAULT_SEED);
  /** The longest one try may take. */
  static final Duration PER_TRY = Duration.ofSeconds(10);

  private static final ExecutorService EXECUTOR = Executors.newCachedThreadPool(r -> {
    Thread t = new Thread(r, "fuzz");
    t.setDaemon(true);
    return t;
  });
  private final Random random;

  private Fuzz(Random random) {
    this.random = random;
  }

  /** Inputs: one in four random YAML-like text, the others {@code base} with a few random edits. */
  static Arbitrary<String> inputs(String base) {
    return Arbitraries.randomValue(r -> {
      Fuzz f = new Fuzz(new Random(r.nextLong() ^ SEED));
      return f.random.nextInt(4) == 0 ? f.randomYaml() : f.mutate(base);
    });
  }

  /** Runs {@code check} on {@code input} within {@link #PER_TRY}; a timeout or an unexpected failure names the input. */
  static void run(String input, Consumer<String> check) {
    Future<?> f = EXECUTOR.submit(() -> check.accept(input));
    try {
      f.get(PER_TRY.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      f.cancel(true);
      throw new AssertionError("hung for more than " + PER_TRY + " (seed " + SEED + ") on input:\n" + shown(input));
    } catch (ExecutionException e) {
      throw new AssertionError("unexpected " + e.getCause() + " (seed " + SEED + ") on input:\n" + shown(input), e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  private static String shown(String input) {
    return input.length() <= 2000 ? input : input.substring(0, 2000) + "\n... (" + input.length() + " chars)";
  }

  private static final java.util.regex.Pattern NUMBER = java.util.regex.Pattern.compile("(?<=: )-?[0-9][0-9_.eE+-]*");
  /** Numbers at and beyond the documented ranges. */
  static final List<String> EXTREMES = List.of("1e308", "-1e308", ".nan", ".inf", "-.inf", "1e-320", "0", "-1",
      "2147483647", "2147483648", "9223372036854775807", "99999999999999999999", "1e16", "10000001", "3651");

  /** Tokens that stress a YAML reader and the checks after it. */
  static final List<String> TOKENS = List.of("*a", "&a ", "*nm", ".nan", ".inf", "-.inf", "1e308", "1e-320", "-1", "0",
      "2147483648", "99999999999999999999", "{", "}", "[", "]", ": ", "- ", "\t", "\u0000", "\u001b[2J", "\u202e", "!!binary ",
      "!!python/object ", "<<: ", "? ", "|", ">", "'", "\"", "#", "%YAML 1.1\n", "---\n", "...\n", "\n", "  ", "~", "null",
      "yes", "NO", "2025-13-45", "\uFEFF", "\uD800", "é", "id: x\n", "count: 5\n");

  /** A random text over an alphabet heavy in YAML syntax. */
  String randomYaml() {
    int n = random.nextInt(200);
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < n; i++) {
      if (random.nextInt(3) == 0) {
        b.append(TOKENS.get(random.nextInt(TOKENS.size())));
      } else {
        String chars = "abcxyz019_-.:,[]{}&*!|>'\"#%@ \n";
        for (int k = random.nextInt(8); k > 0; k--) {
          b.append(chars.charAt(random.nextInt(chars.length())));
        }
      }
    }
    return b.toString();
  }

  /** {@code base} with one to five random edits: a span deleted, duplicated or moved, a token inserted, a digit changed. */
  String mutate(String base) {
    StringBuilder b = new StringBuilder(base);
    int edits = 1 + random.nextInt(5);
    for (int e = 0; e < edits && b.length() > 0; e++) {
      int at = random.nextInt(b.length());
      int len = Math.min(b.length() - at, 1 + random.nextInt(40));
      switch (random.nextInt(6)) {
        case 0 -> b.delete(at, at + len);
        case 1 -> b.insert(at, b.substring(at, at + len));
        case 2 -> b.insert(at, TOKENS.get(random.nextInt(TOKENS.size())));
        case 3 -> {
          String span = b.substring(at, at + len);
          b.delete(at, at + len);
          b.insert(random.nextInt(b.length() + 1), span);
        }
        case 4 -> {
          // a number replaced by an extreme one: the range checks must catch what the parser accepts
          java.util.regex.Matcher num = NUMBER.matcher(b);
          if (num.find(at)) {
            b.replace(num.start(), num.end(), EXTREMES.get(random.nextInt(EXTREMES.size())));
          }
        }
        default -> {
          int d = b.indexOf(String.valueOf((char) ('0' + random.nextInt(10))), at);
          if (d >= 0) {
            b.setCharAt(d, (char) ('0' + random.nextInt(10)));
            b.insert(d, random.nextBoolean() ? "99999" : "-");
          }
        }
      }
    }
    return b.toString();
  }
}
