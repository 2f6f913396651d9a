package chipmix.cli;

/** The process exit codes, defined here only and listed in {@code chipmix --help}. */
public enum ExitCode {
  OK(0, "success"),
  FAILURE(1, "the command failed (for example a file could not be written)"),
  INVALID_INPUT(2, "invalid input: a bad option, file, value or unknown name"),
  INFEASIBLE(3, "valid input without an answer (for example a model that fits in no layout)"),
  INTERNAL(4, "internal error: a bug in chipmix (rerun with --stacktrace and report it)");

  private final int code;
  private final String meaning;

  ExitCode(int code, String meaning) {
    this.code = code;
    this.meaning = meaning;
  }

  public int code() {
    return code;
  }

  public String meaning() {
    return meaning;
  }
}
