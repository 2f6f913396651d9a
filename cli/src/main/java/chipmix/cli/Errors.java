package chipmix.cli;

import chipmix.validation.InfeasibleException;
import chipmix.validation.InvalidInputException;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;

/** The one place that maps failures to exit codes and messages. */
final class Errors implements IExecutionExceptionHandler, IParameterExceptionHandler {

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
    err.println(prefix + message);
    if (stacktraceRequested(parseResult)) {
      ex.printStackTrace(err);
    } else if (code == ExitCode.INTERNAL) {
      err.println("Rerun with --stacktrace to see where it failed.");
    }
    err.flush();
    return code.code();
  }

  @Override
  public int handleParseException(ParameterException ex, String[] args) {
    CommandLine cmd = ex.getCommandLine();
    PrintWriter err = cmd.getErr();
    err.println("error: " + ex.getMessage());
    CommandLine.UnmatchedArgumentException.printSuggestions(ex, err);
    err.println("Run '" + cmd.getCommandSpec().qualifiedName() + " --help' for usage.");
    err.flush();
    return ExitCode.INVALID_INPUT.code();
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
