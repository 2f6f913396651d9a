package chipmix.cli;

/**
 * A command whose option values the core checks (an unknown chip, a layout that does not divide).
 * When picocli rejects some arguments (a word where a number belongs, an unknown option), the
 * error handler parses the rest and runs these checks too, so that one message lists every
 * problem instead of the core's coming in a second round.
 */
public interface ValidatesInput {
  /** Runs every check of the parsed options without computing the answer; throws InvalidInputException listing them all. */
  void validateInput();
}
