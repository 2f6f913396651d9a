package chipmix.cli.scenario;

import chipmix.cli.CatalogOptions;
import chipmix.cli.ExitCode;
import chipmix.cli.OutputFormat;
import chipmix.io.Yaml;
import chipmix.io.YamlPositions;
import chipmix.scenario.Scenario;
import chipmix.scenario.engines.Planning;
import chipmix.sweep.LocalEngine;
import chipmix.sweep.Row;
import chipmix.sweep.Summary;
import chipmix.sweep.SweepJob;
import chipmix.sweep.SweepReader;
import chipmix.sweep.SweepReport;
import chipmix.sweep.SweepSpec;
import chipmix.validation.InvalidInputException;
import chipmix.validation.Issues;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code chipmix sweep FILE}: one scenario planned over a grid of assumptions, with the sensitivity of each outcome. */
@Command(
    name = "sweep",
    mixinStandardHelpOptions = true,
    header = "Plan a scenario over a grid of assumptions and show which assumption moves each outcome most.",
    description = {
      "Reads a sweep file (a base scenario, axes over its fields, outcomes to keep; see docs/sweeps.md),",
      "plans every point of the axes' Cartesian product on all local cores, and prints a summary: per",
      "outcome, the range of its mean over each axis's values (the sensitivity), and per point the",
      "outcomes. With --rows the result rows are appended to a CSV file as they finish; a rerun with the",
      "same sweep file and --rows skips the rows already there (stop with Ctrl-C, resume later).",
      "",
      "Sampling: with 'samples: N' (N > 1) or a 'seed' in the sweep file, each point's plan is replayed",
      "against N sampled futures by the planner's Monte Carlo (as plan --samples N --seed S), one row per",
      "sample; the summary gives P10 / P50 / P90 per point. The rows do not depend on the engine or the",
      "number of threads. Export-control findings are not legal advice."
    })
public final class SweepCommand implements Callable<Integer> {
  @picocli.CommandLine.Spec CommandSpec spec;
  @Mixin CatalogOptions catalogOptions;

  @Parameters(paramLabel = "FILE", description = "The sweep file (YAML).")
  Path file;

  @Option(names = "--rows", paramLabel = "FILE",
      description = "Append one CSV row per plan to FILE as plans finish; rows already in FILE from an earlier run of the same sweep are kept and skipped.")
  Path rows;

  @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "text",
      description = "The summary on standard output: text (default), json (see docs/sweeps.md) or csv (one row per grid"
          + " point: its axis values and each outcome's mean, P10, P50 and P90).")
  String format;

  @Option(names = "--html", paramLabel = "FILE",
      description = "Also write a self-contained HTML page with the sensitivity tables and a tornado chart per outcome.")
  Path html;

  @Option(names = "--threads", paramLabel = "N",
      description = "Plans run at once (default: one per processor). The rows do not depend on it.")
  Integer threads;

  @Option(names = {"-q", "--quiet"}, description = "Do not print progress on stderr.")
  boolean quiet;

  @Option(names = "--engine", paramLabel = "ENGINE", defaultValue = "local",
      description = "local (default: this machine's threads) or spark (Apache Spark: needs the chipmix-spark job jar on"
          + " the class path, see docs/sweeps.md). Both give the same rows.")
  String engine;

  @Option(names = "--master", paramLabel = "URL",
      description = "With --engine spark: the Spark master (local[2], spark://host:7077); default: spark-submit's.")
  String master;

  @Option(names = "--parquet", paramLabel = "DIR",
      description = "With --engine spark: also write every row as a Parquet data set at DIR (replaced).")
  Path parquet;

  @Override
  public Integer call() throws Exception {
    Issues issues = new Issues();
    OutputFormat f = OutputFormat.parse(issues, format, OutputFormat.TEXT, OutputFormat.JSON, OutputFormat.CSV);
    if (threads != null && threads < 1) {
      issues.add("--threads", "must be at least 1, got " + threads);
    }
    boolean spark = engine.equals("spark");
    if (!spark && !engine.equals("local")) {
      issues.add("--engine", "unknown engine '" + engine + "'; accepted: local, spark");
    }
    if (!spark && master != null) {
      issues.add("--master", "applies to --engine spark only");
    }
    if (!spark && parquet != null) {
      issues.add("--parquet", "is written by the Spark engine (--engine spark): the local engine writes CSV only, so that"
          + " the CLI jar does not carry Hadoop (docs/sweeps.md)");
    }
    if (spark && master == null && System.getProperty("spark.master") == null) {
      issues.add("--master", "is needed with --engine spark unless run under spark-submit (which sets the master):"
          + " for example local[2] (two threads of this machine) or spark://host:7077");
    }
    if (spark && threads != null) {
      issues.add("--threads", "applies to the local engine; Spark's parallelism comes from --master (local[N]) or the cluster");
    }
    issues.throwIfAny();
    ClusterEngine cluster = spark ? findCluster() : null;
    PrintWriter err = spec.commandLine().getErr();

    String sweepText = read(file);
    JsonNode sweepTree = Yaml.parseFile(file);
    String fallback = file.getFileName().toString().replaceFirst("\\.ya?ml$", "");
    SweepSpec sweep = YamlPositions.placing(sweepText, () -> SweepReader.read(sweepTree, fallback));
    Path parent = file.toAbsolutePath().getParent();
    Path scenarioFile = parent == null ? Path.of(sweep.scenario()) : parent.resolve(sweep.scenario());
    if (!Files.isRegularFile(scenarioFile)) {
      YamlPositions.placing(sweepText, () -> {
        throw InvalidInputException.of("scenario", "no scenario file at " + scenarioFile
            + " (the path is taken relative to the sweep file)");
      });
    }
    Issues outputs = new Issues();
    List<Path> inputs = chipmix.cli.OutputFiles.inputs(List.of(file, scenarioFile), catalogOptions);
    chipmix.cli.OutputFiles.checkNotInput(outputs, "--rows", rows, inputs);
    chipmix.cli.OutputFiles.checkNotInput(outputs, "--html", html, inputs);
    chipmix.cli.OutputFiles.checkDistinct(outputs, "--rows", rows, "--html", html);
    chipmix.cli.OutputFiles.checkNotInput(outputs, "--parquet", parquet, inputs);
    outputs.throwIfAny();
    Planning planning = Planning.of(catalogOptions.catalog(), catalogOptions.files());
    Scenario base = planning.load(scenarioFile);
    JsonNode baseTree = Yaml.parseFile(scenarioFile);
    var loader = planning.loader();
    String scenarioName = base.name();
    YamlPositions.placing(sweepText, () -> {
      SweepReader.check(sweep, baseTree, base.variants().stream().map(Scenario.Variant::name).toList(),
          t -> loader.load(t, scenarioName));
      return null;
    });

    String scenarioText = read(scenarioFile);
    String fingerprint = fingerprint(scenarioText, sweep, planning);
    SweepJob job = SweepSetup.job(sweep, baseTree, scenarioName, planning, fingerprint);
    SweepCsv csv = SweepSetup.csv(sweep, base);

    List<LocalEngine.Task> tasks = LocalEngine.tasks(job);
    Set<String> wanted = new HashSet<>();
    tasks.forEach(t -> wanted.add(job.key(t.point(), t.sample())));
    List<Row> all = new ArrayList<>();
    Set<String> done = new HashSet<>();
    if (rows != null && Files.exists(rows)) {
      SweepCsv.Existing earlier = csv.read(rows);
      if (!earlier.header().equals(csv.header())) {
        throw InvalidInputException.of("--rows", rows + " holds rows of another sweep (its columns are "
            + String.join(",", earlier.header()) + "); name a new file, or delete it to start again");
      }
      for (Row r : earlier.rows()) {
        if (wanted.contains(r.key()) && done.add(r.key())) {
          all.add(r);
        }
      }
    }
    boolean showProgress = !quiet && stderrIsTerminal();
    Progress progress = new Progress(err, showProgress);
    long computed;
    try (BufferedWriter out = rows == null ? null : open(rows, done.isEmpty(), csv)) {
      java.util.function.Consumer<Row> sink = row -> {
        Row kept = csv.roundTrip(row);
        all.add(kept);
        if (out != null) {
          try {
            out.write(csv.line(row));
            out.flush();
          } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + rows + ": " + e.getMessage(), e);
          }
        }
      };
      if (cluster == null) {
        LocalEngine engine = threads == null ? LocalEngine.allCores() : new LocalEngine(threads);
        computed = engine.run(job, tasks, done, sink, progress::update);
      } else {
        SweepInputs shipped = new SweepInputs(sweepText, fallback, scenarioText, scenarioFile.getFileName().toString(),
            catalogOptions.files().stream().map(p -> p.toAbsolutePath().toString()).toList(), fingerprint);
        cluster.start("chipmix sweep " + sweep.name(), java.util.Optional.ofNullable(master));
        computed = runOnCluster(cluster, shipped, job, tasks, done, csv, sink, progress);
      }
    } catch (RuntimeException | Error e) {
      if (cluster != null) {
        cluster.close();
      }
      throw e;
    }
    progress.finish();
    all.sort(Comparator.comparingInt(Row::point).thenComparingInt(Row::sample));
    if (rows != null) {
      rewrite(rows, csv, all);
    }
    if (cluster != null) {
      try {
        if (parquet != null) {
          cluster.writeParquet(csv.header(), csv.types(), all.stream().map(csv::line).toList(), parquet);
          if (!quiet) {
            err.println("chipmix: wrote " + parquet + " (Parquet, " + all.size() + " rows)");
          }
        }
      } finally {
        cluster.close();
      }
    }
    if (!quiet) {
      err.println("chipmix: planned " + computed + " of " + tasks.size() + " plans"
          + (tasks.size() > computed ? " (" + (tasks.size() - computed) + " kept from " + rows + ")" : "")
          + (rows == null ? "" : "; rows in " + rows));
      err.flush();
    }
    Summary summary = Summary.of(sweep.axes(), sweep.keep(), all);
    SweepReport.Context context = SweepReport.Context.of(sweep, scenarioFile.getFileName().toString(), planning.asOf());
    if (html != null) {
      ScenarioSupport.write(html, SweepReport.html(context, summary));
      if (!quiet) {
        err.println("chipmix: wrote " + html);
        err.flush();
      }
    }
    PrintWriter out = spec.commandLine().getOut();
    out.print(switch (f) {
      case JSON -> SweepReport.json(context, summary);
      // the JSON's points as rows: values.AXIS and outcomes.OUTCOME.mean/p10/p50/p90 columns
      case CSV -> chipmix.cli.Tabular.of(OutputFormat.readJson(SweepReport.json(context, summary)).path("points")).csv();
      case TEXT, TABLE -> SweepReport.text(context, summary);
    });
    out.flush();
    return ExitCode.OK.code();
  }

  /** The Spark engine, when the chipmix-spark jar is on the class path; otherwise an input error saying how to get it. */
  private static ClusterEngine findCluster() {
    for (ClusterEngine e : java.util.ServiceLoader.load(ClusterEngine.class)) {
      if (e.name().equals("spark")) {
        return e;
      }
    }
    throw InvalidInputException.of("--engine", "spark: the Spark engine is not in this jar. It lives in the chipmix-spark job"
        + " jar (module spark): from a checkout run ./chipmix with --engine spark (it builds and uses that module), or"
        + " spark-submit --class chipmix.cli.Main spark/target/chipmix-spark-job.jar sweep ... (docs/sweeps.md)");
  }

  /** The tasks not done, as {@code point * samples + sample}, planned by the cluster; each row read back from its line. */
  private static long runOnCluster(ClusterEngine cluster, SweepInputs inputs, SweepJob job, List<LocalEngine.Task> tasks,
      Set<String> done, SweepCsv csv, java.util.function.Consumer<Row> sink, Progress progress) {
    int samples = job.spec().samples();
    List<Long> todo = new ArrayList<>();
    for (LocalEngine.Task t : tasks) {
      if (!done.contains(job.key(t.point(), t.sample()))) {
        todo.add((long) t.point().index() * samples + t.sample());
      }
    }
    long skipped = tasks.size() - todo.size();
    progress.update(skipped, tasks.size(), skipped);
    long n = 0;
    for (java.util.Iterator<String> it = cluster.run(inputs, todo); it.hasNext();) {
      sink.accept(csv.parseLine(it.next()));
      n++;
      progress.update(skipped + n, tasks.size(), skipped);
    }
    if (n != todo.size()) {
      throw new IllegalStateException("the cluster returned " + n + " rows for " + todo.size() + " tasks");
    }
    return n;
  }

  /**
   * Whether the process runs on a terminal. From Java 22 {@code System.console()} is present even
   * when output is redirected and {@code Console.isTerminal()} tells; it is called by reflection
   * because the code is compiled for Java 21.
   */
  static boolean stderrIsTerminal() {
    java.io.Console c = System.console();
    if (c == null) {
      return false;
    }
    try {
      return (Boolean) java.io.Console.class.getMethod("isTerminal").invoke(c);
    } catch (ReflectiveOperationException e) {
      return true; // Java 21: a console is only present on a terminal
    }
  }

  private static String read(Path p) {
    try {
      return Files.readString(p, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw InvalidInputException.of(p.toString(), Files.exists(p) ? "cannot read file: " + e.getMessage() : "file not found");
    }
  }

  /** What every row rests on besides its point: the scenario text, the variant, data versions, outcomes kept. */
  static String fingerprint(String scenarioText, SweepSpec sweep, Planning planning) {
    try {
      MessageDigest d = MessageDigest.getInstance("SHA-256");
      d.update(scenarioText.getBytes(StandardCharsets.UTF_8));
      // samples and seed are in each row's key (SweepJob.key); the count is not, so more samples plan only the new ones
      String rest = sweep.variant().orElse("") + "|" + new java.util.TreeMap<>(planning.asOf()) + "|" + sweep.keep();
      d.update(rest.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(d.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }

  private static BufferedWriter open(Path rows, boolean fresh, SweepCsv csv) throws IOException {
    Path p = rows.toAbsolutePath().getParent();
    if (p != null) {
      Files.createDirectories(p);
    }
    if (fresh) {
      BufferedWriter w = Files.newBufferedWriter(rows, StandardCharsets.UTF_8);
      w.write(chipmix.cli.Tabular.line(csv.header()));
      w.flush();
      return w;
    }
    return Files.newBufferedWriter(rows, StandardCharsets.UTF_8, StandardOpenOption.APPEND);
  }

  /** Writes the finished rows in point order (the appended file is in finishing order), replacing the file at once. */
  private static void rewrite(Path rows, SweepCsv csv, List<Row> all) throws IOException {
    StringBuilder sb = new StringBuilder(chipmix.cli.Tabular.line(csv.header()));
    all.forEach(r -> sb.append(csv.line(r)));
    Path tmp = rows.resolveSibling(rows.getFileName() + ".tmp");
    Files.writeString(tmp, sb.toString(), StandardCharsets.UTF_8);
    Files.move(tmp, rows, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }

  /** The progress line on a terminal: plans done of all, plans per second, time left. */
  private static final class Progress {
    private final PrintWriter err;
    private final boolean on;
    private final long started = System.nanoTime();
    private long lastPrint;
    private long skippedAtStart = -1;

    Progress(PrintWriter err, boolean on) {
      this.err = err;
      this.on = on;
    }

    void update(long done, long total, long skipped) {
      if (skippedAtStart < 0) {
        skippedAtStart = skipped;
      }
      long now = System.nanoTime();
      if (!on || (now - lastPrint < 200_000_000L && done < total)) {
        return;
      }
      lastPrint = now;
      double seconds = (now - started) / 1e9;
      long fresh = done - skippedAtStart;
      double rate = seconds > 0 ? fresh / seconds : 0;
      String left = rate > 0 ? String.format(Locale.ROOT, "%.0f s left", (total - done) / rate) : "time left unknown";
      err.print(String.format(Locale.ROOT, "\rchipmix: sweep %d/%d plans, %.1f plans/s, %s   ", done, total, rate, left));
      err.flush();
    }

    void finish() {
      if (on) {
        err.println();
        err.flush();
      }
    }
  }
}
