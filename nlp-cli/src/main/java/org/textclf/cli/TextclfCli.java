package org.textclf.cli;

import java.io.PrintWriter;
import java.io.InputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Properties;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.IVersionProvider;

/**
 * The {@code textclf} command: one verb per stage of the data flow.
 *
 * <p>Exit codes are the same for every verb: {@code 0} success, {@code 1} failure (bad input data, I/O
 * errors, a failed document), {@code 2} bad usage (unknown option, missing or invalid argument).
 */
@Command(
    name = "textclf",
    mixinStandardHelpOptions = true,
    versionProvider = TextclfCli.Version.class,
    description = "Raw, messy text to trained text classifiers and honest evaluations.",
    subcommands = {
      PreprocessCommand.class,
      VocabCommand.class,
      MetricsCommand.class,
      TrainCommand.class,
      EvalCommand.class,
      DemoCommand.class,
      ClassifyCommand.class,
      ExperimentCommand.class,
      ReproduceCommand.class,
      CommandLine.HelpCommand.class
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:success", "1:failure (bad data, I/O error)", "2:bad usage"})
public final class TextclfCli implements Runnable {

  /** Exit code for bad data or an I/O failure. */
  public static final int EXIT_FAILURE = 1;
  /** Exit code for invalid command-line usage. */
  public static final int EXIT_USAGE = 2;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    // No verb given: show what there is rather than doing nothing silently.
    throw new CommandLine.ParameterException(spec.commandLine(), "a verb is required");
  }

  public static void main(String[] args) {
    System.exit(execute(args));
  }

  /** Runs the command line with {@code args} and returns the exit code, without exiting the JVM. */
  public static int execute(String... args) {
    return commandLine().execute(args);
  }

  /** The configured picocli command line; exposed so tests can redirect its output streams. */
  public static CommandLine commandLine() {
    CommandLine cl = new CommandLine(new TextclfCli());
    cl.setExecutionExceptionHandler(TextclfCli::reportFailure);
    return cl;
  }

  /**
   * Bad data and I/O errors are a user's problem to fix, so they get one line naming what went wrong
   * (the exceptions of the data modules already name file, line and document); the stack trace is only
   * printed with {@code TEXTCLF_DEBUG=1}, where it helps us rather than the user.
   */
  private static int reportFailure(
      Exception e, CommandLine cl, CommandLine.ParseResult parseResult) {
    PrintWriter err = cl.getErr();
    String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    if (e instanceof UncheckedIOException && e.getCause() != null) {
      message = e.getCause().getMessage();
    }
    err.println("textclf " + cl.getCommandName() + ": error: " + message);
    if ("1".equals(System.getenv("TEXTCLF_DEBUG"))) {
      e.printStackTrace(err);
    }
    err.flush();
    return e instanceof CommandLine.ParameterException ? EXIT_USAGE : EXIT_FAILURE;
  }

  /** Reads the version Maven wrote into {@code version.properties} at build time. */
  static final class Version implements IVersionProvider {
    @Override
    public String[] getVersion() {
      Properties p = new Properties();
      try (InputStream in = TextclfCli.class.getResourceAsStream("version.properties")) {
        if (in != null) {
          p.load(in);
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      return new String[] {
        "textclf " + p.getProperty("version", "unknown"),
        "Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + ")"
      };
    }
  }
}
