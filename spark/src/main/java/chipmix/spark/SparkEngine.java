package chipmix.spark;

import chipmix.cli.scenario.ClusterEngine;
import chipmix.cli.scenario.SweepInputs;
import chipmix.cli.scenario.SweepSetup;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * The sweep on Apache Spark. The driver (this process) sends the tasks, {@code point * samples +
 * sample}, in batches; Spark splits each batch into partitions of consecutive tasks (so a point's
 * samples mostly share one plan on one worker), runs them on its executors, and retries a failed
 * task ({@code spark.task.maxFailures}; stragglers with {@code spark.speculation}). Each executor
 * rebuilds the sweep's job once from the shipped {@link SweepInputs} and plans with the same pure
 * function as the local engine, so the rows are the same.
 */
public final class SparkEngine implements ClusterEngine {
  /** Tasks per partition of a batch, at most: enough to share a point's plan, small enough to spread. */
  static final int PARTITION_TASKS = 250;

  private SparkSession spark;

  @Override
  public String name() {
    return "spark";
  }

  @Override
  public void start(String appName, Optional<String> master) {
    SparkSession.Builder b = SparkSession.builder().appName(appName);
    master.ifPresent(b::master);
    if (master.map(m -> m.startsWith("local")).orElse(false)) {
      // a local run needs no web UI (and tests must not bind its port)
      b.config("spark.ui.enabled", "false");
    }
    spark = b.getOrCreate();
  }

  @Override
  public Iterator<String> run(SweepInputs inputs, List<Long> tasks) {
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(session().sparkContext());
    int parallelism = Math.max(1, jsc.defaultParallelism());
    int batch = Math.max(parallelism * PARTITION_TASKS, 1000);
    PlanPartition plan = new PlanPartition(inputs);
    return new Iterator<>() {
      int next;
      Iterator<String> current = List.<String>of().iterator();

      @Override
      public boolean hasNext() {
        while (!current.hasNext() && next < tasks.size()) {
          List<Long> slice = new ArrayList<>(tasks.subList(next, Math.min(tasks.size(), next + batch)));
          next += slice.size();
          int partitions = Math.max(1, Math.min(slice.size(), Math.max(parallelism * 2, slice.size() / PARTITION_TASKS)));
          current = jsc.parallelize(slice, partitions).mapPartitions(plan).collect().iterator();
        }
        return current.hasNext();
      }

      @Override
      public String next() {
        if (!hasNext()) {
          throw new NoSuchElementException();
        }
        return current.next();
      }
    };
  }

  @Override
  public void writeParquet(List<String> header, List<String> types, List<String> lines, Path dir) {
    List<StructField> fields = new ArrayList<>();
    for (int i = 0; i < header.size(); i++) {
      fields.add(DataTypes.createStructField(header.get(i), type(types.get(i)), true));
    }
    List<String> bare = lines.stream().map(l -> l.endsWith("\r\n") ? l.substring(0, l.length() - 2) : l).toList();
    Dataset<String> csv = session().createDataset(bare, Encoders.STRING());
    session().read().schema(new StructType(fields.toArray(StructField[]::new)))
        .option("header", "false").option("quote", "\"").option("escape", "\"").option("mode", "FAILFAST")
        .option("dateFormat", "yyyy-MM-dd").csv(csv)
        .coalesce(1).write().mode(SaveMode.Overwrite).parquet(dir.toAbsolutePath().toString());
  }

  private static DataType type(String t) {
    return switch (t) {
      case "int" -> DataTypes.IntegerType;
      case "long" -> DataTypes.LongType;
      case "double" -> DataTypes.DoubleType;
      case "decimal" -> DataTypes.createDecimalType(22, 2);
      case "boolean" -> DataTypes.BooleanType;
      case "date" -> DataTypes.DateType;
      case "string" -> DataTypes.StringType;
      default -> throw new IllegalArgumentException("no Parquet type for column type '" + t + "'");
    };
  }

  private SparkSession session() {
    if (spark == null) {
      throw new IllegalStateException("the Spark engine is not started");
    }
    return spark;
  }

  @Override
  public void close() {
    if (spark != null) {
      spark.stop();
      spark = null;
    }
  }

  /** Plans a partition's tasks on an executor: the job is rebuilt once per executor JVM and sweep. */
  static final class PlanPartition implements FlatMapFunction<Iterator<Long>, String> {
    private static final long serialVersionUID = 1L;
    private static final Map<SweepInputs, SweepSetup.Rebuilt> JOBS = new ConcurrentHashMap<>();

    private final SweepInputs inputs;

    PlanPartition(SweepInputs inputs) {
      this.inputs = Objects.requireNonNull(inputs, "inputs");
    }

    @Override
    public Iterator<String> call(Iterator<Long> tasks) {
      if (JOBS.size() > 4 && !JOBS.containsKey(inputs)) {
        JOBS.clear(); // one sweep at a time is the rule; never hold many
      }
      SweepSetup.Rebuilt job = JOBS.computeIfAbsent(inputs, SweepSetup::rebuild);
      List<String> out = new ArrayList<>();
      tasks.forEachRemaining(t -> out.add(job.line(t)));
      return out.iterator();
    }
  }
}
