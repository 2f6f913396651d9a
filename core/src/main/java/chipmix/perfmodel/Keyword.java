package chipmix.perfmodel;

import java.util.Arrays;
import java.util.Optional;

/**
 * A closed choice that recipe files, options and outputs write as one fixed word ({@code two-batch},
 * {@code eager}, {@code bf16}). The enums of recipe settings implement it, so each one's parsing and its list
 * of accepted words for messages are the same code.
 */
public interface Keyword {
  /** The word this choice is written as. */
  String text();

  /** The constant of {@code type} written {@code s} (any case, surrounding space ignored); empty for null or no match. */
  static <E extends Enum<E> & Keyword> Optional<E> parse(Class<E> type, String s) {
    if (s == null) {
      return Optional.empty();
    }
    String word = s.strip();
    return Arrays.stream(type.getEnumConstants()).filter(e -> e.text().equalsIgnoreCase(word)).findFirst();
  }

  /** Every accepted word of {@code type}, comma-separated in declaration order, for messages. */
  static <E extends Enum<E> & Keyword> String choices(Class<E> type) {
    return String.join(", ", Arrays.stream(type.getEnumConstants()).map(Keyword::text).toList());
  }
}
