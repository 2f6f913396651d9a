package chipmix.cli;

/** Output formats shared by the commands (not every command offers every one). */
public enum OutputFormat {
  TEXT,
  TABLE,
  JSON,
  CSV
}
