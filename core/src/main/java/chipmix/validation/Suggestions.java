package chipmix.validation;

import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/** "Did you mean" suggestions for unknown names (chip ids, YAML keys, presets). */
public final class Suggestions {
  private Suggestions() {}

  /** Up to {@code max} candidates closest to {@code given} by edit distance, nearest first. */
  public static List<String> nearest(String given, Collection<String> candidates, int max) {
    String g = given.toLowerCase(Locale.ROOT);
    int limit = Math.max(2, g.length() / 2);
    return candidates.stream()
        .distinct()
        .map(c -> new Scored(c, score(g, c.toLowerCase(Locale.ROOT))))
        .filter(s -> s.distance <= limit)
        .sorted(Comparator.comparingInt(Scored::distance).thenComparing(Scored::name))
        .limit(max)
        .map(Scored::name)
        .toList();
  }

  /** A sentence such as {@code ; did you mean 'h20' or 'h200'?}, or empty when nothing is close. */
  public static String didYouMean(String given, Collection<String> candidates) {
    List<String> near = nearest(given, candidates, 3);
    if (near.isEmpty()) {
      return "";
    }
    return "; did you mean " + String.join(" or ", near.stream().map(n -> "'" + n + "'").toList()) + "?";
  }

  private record Scored(String name, int distance) {}

  private static int score(String a, String b) {
    // A prefix or substring match counts as close ("h100" for "h100-sxm").
    if (b.startsWith(a) || a.startsWith(b) || b.contains(a)) {
      return 1;
    }
    // The edit distance is at least the difference in length: skip the quadratic comparison when
    // that alone rules the candidate out (most of a long list, so many unknown names stay fast).
    int floor = Math.abs(a.length() - b.length());
    if (floor > Math.max(2, a.length() / 2)) {
      return floor;
    }
    return levenshtein(a, b);
  }

  static int levenshtein(String a, String b) {
    int[] prev = new int[b.length() + 1];
    int[] cur = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      prev[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      cur[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
      }
      int[] t = prev;
      prev = cur;
      cur = t;
    }
    return prev[b.length()];
  }
}
