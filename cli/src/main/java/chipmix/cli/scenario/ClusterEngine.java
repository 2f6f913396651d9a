package chipmix.cli.scenario;

import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;

/**
 * A sweep engine that runs outside this process's threads (Apache Spark, in the {@code spark}
 * module's job jar), found with {@link java.util.ServiceLoader} when its jar is on the class path.
 * It distributes the tasks and retries failed ones; each task is planned by the same pure function
 * as on the local engine ({@link chipmix.sweep.SweepJob#run}, rebuilt on each worker from
 * {@link SweepInputs}), so the rows are the same.
 */
public interface ClusterEngine extends AutoCloseable {
  /** The {@code --engine} name that selects it. */
  String name();

  /**
   * Starts the engine (a Spark session).
   *
   * @param master the cluster to run on ({@code local[2]}, {@code spark://host:7077}); empty: the
   *     one {@code spark-submit} was given
   */
  void start(String appName, Optional<String> master);

  /**
   * Plans the tasks and returns their rows as CSV lines ({@link SweepCsv#line}) as they come back,
   * in any order.
   *
   * @param tasks each task as {@code point * samples + sample}
   */
  Iterator<String> run(SweepInputs inputs, List<Long> tasks);

  /**
   * Writes rows (CSV lines under {@code header}) as a Parquet data set at {@code dir}, replacing it.
   *
   * @param types each column's type ({@link SweepCsv#types})
   */
  void writeParquet(List<String> header, List<String> types, List<String> lines, Path dir);

  @Override
  void close();
}
