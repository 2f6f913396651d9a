package chipmix.cli;

import chipmix.validation.Escape;
import chipmix.validation.InfeasibleException;
import chipmix.validation.InvalidInputException;
import chipmix.validation.ValidationIssue;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import picocli.CommandLine;
import picocli.CommandLine.MissingParameterException;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.UnmatchedArgumentException;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;

/** The one place that maps failures to exit codes and messages. */
final class Errors implements IExecutionExceptionHandler, IParameterExceptionHandler {
  /** At most this many command-line problems are collected for one message. */
  private static final int MAX_PARSE_PROBLEMS = 20;

  /** Builds a fresh command line, to re-parse the arguments without an offending one. */
  private final Supplier<CommandLine> fresh;

  Errors(Supplier<CommandLine> fresh) {
    this.fresh = fresh;
  }

  static ExitCode exitCodeOf(Throwable t) {
    if (t instanceof InvalidInputException || t instanceof ParameterException) {
      return ExitCode.INVALID_INPUT;
    }
    if (t instanceof InfeasibleException) {
      return ExitCode.INFEASIBLE;
    }
    if (t instanceof IOException || t instanceof UncheckedIOException) {
      return ExitCode.FAILURE;
    }
    return ExitCode.INTERNAL;
  }

  @Override
  public int handleExecutionException(Exception ex, CommandLine cmd, ParseResult parseResult) {
    ExitCode code = exitCodeOf(ex);
    PrintWriter err = cmd.getErr();
    String message = ex.getMessage() == null ? ex.getClass().getSimpleName() : ex.getMessage();
    String prefix = switch (code) {
      case INVALID_INPUT -> "error: ";
      case INFEASIBLE -> "no answer: ";
      case FAILURE -> "failed: ";
      case INTERNAL -> "internal error (" + ex.getClass().getSimpleName() + "): ";
      case OK -> "";
    };
    err.println(prefix + Escape.terminal(chipmix.validation.FieldRef.asOption(message)));
    if (stacktraceRequested(parseResult)) {
      ex.printStackTrace(err);
    } else if (code == ExitCode.INTERNAL) {
      err.println("Rerun with --stacktrace to see where it failed.");
    }
    err.flush();
    return code.code();
  }

  /**
   * Picocli stops at the first bad argument. To list every problem at once, the arguments are
   * parsed again without each offending option (or unmatched word) until no new problem appears;
   * options removed that way are not then reported as missing.
   */
  @Override
  public int handleParseException(ParameterException ex, String[] args) {
    CommandLine cmd = ex.getCommandLine();
    PrintWriter err = cmd.getErr();
    List<String> problems = new ArrayList<>(List.of(ex.getMessage()));
    Set<String> removed = new HashSet<>();
    String[] rest = args;
    ParameterException current = ex;
    while (problems.size() < MAX_PARSE_PROBLEMS) {
      Optional<String[]> next = withoutOffender(rest, current, removed);
      if (next.isEmpty()) {
        break;
      }
      rest = next.get();
      try {
        ParseResult leaf = fresh.get().parseArgs(rest);
        while (leaf.hasSubcommand()) {
          leaf = leaf.subcommand();
        }
        problems.addAll(inputProblems(leaf.commandSpec().userObject(), removed));
        break;
      } catch (MissingParameterException missing) {
        List<String> reallyMissing = missing.getMissing().stream()
            .filter(a -> !(a instanceof OptionSpec o && removed.contains(o.longestName())))
            .map(Errors::label)
            .toList();
        // Picocli checks required options before it reports words it could not match, so those
        // are read from the parser.
        for (String word : missing.getCommandLine().getUnmatchedArguments()) {
          problems.add(word.startsWith("-") ? "Unknown option: '" + word + "'" : "Unmatched argument: '" + word + "'");
        }
        if (!reallyMissing.isEmpty()) {
          problems.add("Missing required " + (reallyMissing.size() == 1 ? "option: " : "options: ")
              + String.join(", ", reallyMissing));
        } else {
          // only options removed above are missing: every other field is set, so the core can check them
          problems.addAll(inputProblems(missing.getCommandLine().getCommand(), removed));
        }
        break;
      } catch (ParameterException again) {
        if (problems.contains(again.getMessage())) {
          break;
        }
        problems.add(again.getMessage());
        current = again;
      }
    }
    // the problems quote what was typed: its control characters are shown, not obeyed
    if (problems.size() == 1) {
      err.println("error: " + Escape.terminal(problems.get(0)));
    } else {
      err.println("error: " + problems.size() + " problems:");
      problems.forEach(p -> err.println("  - " + Escape.terminal(p)));
    }
    UnmatchedArgumentException.printSuggestions(ex, err);
    err.println("Run '" + cmd.getCommandSpec().qualifiedName() + " --help' for usage.");
    err.flush();
    return ExitCode.INVALID_INPUT.code();
  }

  /**
   * The core's problems with the options that did parse, when the command checks its input
   * ({@link ValidatesInput}); issues about an option removed as unparseable are left out (it now
   * holds a default, not what the user typed). A check that fails in another way (a file that
   * cannot be read) is not an input problem and is not listed: it shows once the listed ones are fixed.
   */
  private static List<String> inputProblems(Object userObject, Set<String> removed) {
    if (!(userObject instanceof ValidatesInput command)) {
      return List.of();
    }
    try {
      command.validateInput();
      return List.of();
    } catch (InvalidInputException e) {
      return e.issues().stream().filter(i -> !removed.contains(chipmix.validation.FieldRef.asOption(i.path()))).map(i -> chipmix.validation.FieldRef.asOption(i.toString())).toList();
    } catch (RuntimeException e) {
      return List.of();
    }
  }

  /** The arguments without the ones {@code ex} complains about, or empty when they cannot be told apart. */
  private static Optional<String[]> withoutOffender(String[] args, ParameterException ex, Set<String> removed) {
    List<String> list = new ArrayList<>(Arrays.asList(args));
    if (ex instanceof UnmatchedArgumentException u) {
      boolean any = false;
      for (String word : u.getUnmatched()) {
        any |= list.remove(word);
      }
      return any ? Optional.of(list.toArray(String[]::new)) : Optional.empty();
    }
    ArgSpec spec = ex.getArgSpec();
    String value = ex.getValue();
    if (!(spec instanceof OptionSpec option) || value == null) {
      return Optional.empty();
    }
    for (int i = 0; i < list.size(); i++) {
      String a = list.get(i);
      for (String name : option.names()) {
        if (a.equals(name) && i + 1 < list.size() && list.get(i + 1).equals(value)) {
          list.subList(i, i + 2).clear();
          removed.add(option.longestName());
          return Optional.of(list.toArray(String[]::new));
        }
        if (a.equals(name + "=" + value)) {
          list.remove(i);
          removed.add(option.longestName());
          return Optional.of(list.toArray(String[]::new));
        }
      }
    }
    return Optional.empty();
  }

  private static String label(ArgSpec a) {
    return a instanceof OptionSpec o ? "'" + o.longestName() + "=" + o.paramLabel() + "'" : "'" + a.paramLabel() + "'";
  }

  private static boolean stacktraceRequested(ParseResult parseResult) {
    ParseResult p = parseResult;
    while (p != null) {
      if (p.hasMatchedOption("--stacktrace")) {
        return true;
      }
      p = p.hasSubcommand() ? p.subcommand() : null;
    }
    return false;
  }
}
