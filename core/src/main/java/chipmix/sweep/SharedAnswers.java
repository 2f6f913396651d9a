package chipmix.sweep;

import chipmix.catalog.Chip;
import chipmix.catalog.SystemSpec;
import chipmix.scenario.Engines;
import chipmix.scenario.ImportSidePolicy;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * The planner's engines with every answer remembered by its question, shared by all the threads
 * of a sweep: a sweep asks the same compliance, training-layout and serving-replica questions for
 * thousands of plans. A question being answered is answered once (later askers wait for it);
 * answered questions are read without a lock. The engines behind are asked through
 * {@code perThread} suppliers, so that distinct questions are worked on in parallel even where
 * an engine serialises its own calls. Answers depend only on the question (chips are named by
 * id: one sweep uses one catalog).
 */
public final class SharedAnswers {
  private final Map<List<Object>, CompletableFuture<Engines.Finding>> compliance = new ConcurrentHashMap<>();
  private final Map<List<Object>, CompletableFuture<Optional<Engines.TrainingRate>>> training = new ConcurrentHashMap<>();
  private final Map<List<Object>, CompletableFuture<Optional<Engines.Replica>>> serving = new ConcurrentHashMap<>();

  /**
   * @param engines the engines answering (their compliance engine is shared: it keeps no state)
   * @param trainingPerThread each thread's own training engine
   * @param servingPerThread each thread's own serving engine
   */
  public Engines wrap(Engines engines, Supplier<Engines.Training> trainingPerThread, Supplier<Engines.Serving> servingPerThread) {
    ThreadLocal<Engines.Training> t = ThreadLocal.withInitial(trainingPerThread);
    ThreadLocal<Engines.Serving> s = ThreadLocal.withInitial(servingPerThread);
    Engines.Compliance c = engines.compliance();
    Engines.Compliance memoCompliance = new Engines.Compliance() {
      @Override
      public Engines.Finding check(Chip chip, String shipsFrom, String destination, String hq, List<String> parties,
          LocalDate date) {
        return memo(compliance, Arrays.asList(chip.id(), shipsFrom, destination, hq, List.copyOf(parties), date),
            () -> c.check(chip, shipsFrom, destination, hq, parties, date));
      }

      @Override
      public Engines.Finding check(Chip chip, String shipsFrom, String destination, String hq, List<String> parties,
          LocalDate date, ImportSidePolicy importSide) {
        return memo(compliance, Arrays.asList(chip.id(), shipsFrom, destination, hq, List.copyOf(parties), date, importSide),
            () -> c.check(chip, shipsFrom, destination, hq, parties, date, importSide));
      }
    };
    // Both methods are memoised, the recipe part of the question: a run's recipe must reach the training
    // engine in a sweep as in a plan (the interface's default would drop it).
    Engines.Training memoTraining = new Engines.Training() {
      @Override
      public Optional<Engines.TrainingRate> best(String model, int seq, int batch, Chip chip, Optional<SystemSpec> system,
          Optional<Double> scaleOut, int devices) {
        return best(model, seq, batch, chip, system, scaleOut, devices, Optional.empty());
      }

      @Override
      public Optional<Engines.TrainingRate> best(String model, int seq, int batch, Chip chip, Optional<SystemSpec> system,
          Optional<Double> scaleOut, int devices, Optional<String> recipe) {
        return memo(training, Arrays.asList(model, seq, batch, chip.id(), system.map(SystemSpec::id), scaleOut, devices, recipe),
            () -> t.get().best(model, seq, batch, chip, system, scaleOut, devices, recipe));
      }
    };
    Engines.Serving memoServing = (model, prompt, output, ttft, tpot, weights, kv, chip, system, scaleOut) -> memo(serving,
        Arrays.asList(model, prompt, output, ttft, tpot, weights, kv, chip.id(), system.map(SystemSpec::id), scaleOut),
        () -> s.get().replica(model, prompt, output, ttft, tpot, weights, kv, chip, system, scaleOut));
    return new Engines(memoCompliance, memoTraining, memoServing, engines.asOf());
  }

  /** Questions answered so far (compliance, training, serving). */
  public int size() {
    return compliance.size() + training.size() + serving.size();
  }

  private static <T> T memo(Map<List<Object>, CompletableFuture<T>> answers, List<Object> question, Supplier<T> answer) {
    CompletableFuture<T> mine = new CompletableFuture<>();
    CompletableFuture<T> earlier = answers.putIfAbsent(question, mine);
    if (earlier != null) {
      try {
        return earlier.join();
      } catch (CompletionException e) {
        if (e.getCause() instanceof RuntimeException r) {
          throw r;
        }
        throw e;
      }
    }
    try {
      T value = answer.get();
      mine.complete(value);
      return value;
    } catch (RuntimeException | Error e) {
      // Not remembered: the next asker gets the same error from its own attempt; an Error too, so
      // no thread waits for ever on an answer that will not come.
      answers.remove(question, mine);
      mine.completeExceptionally(e);
      throw e;
    }
  }

}
