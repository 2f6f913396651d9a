package chipmix.cancel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import chipmix.catalog.Catalog;
import chipmix.catalog.CatalogLoader;
import chipmix.exportcontrol.ExportControl;
import chipmix.perfmodel.Precision;
import chipmix.search.Objective;
import chipmix.search.TrainingEstimator;
import chipmix.search.TrainingInput;
import chipmix.serving.ServingOptions;
import chipmix.serving.SizingInput;
import chipmix.serving.WeightsRequest;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The long computations stop when the thread running them is interrupted (the web server does
 * so when a client disconnects), and run as before when it is not.
 */
class CancellationTest {
  static final Catalog CATALOG = CatalogLoader.bundled();

  @AfterEach
  void clearInterrupt() {
    Thread.interrupted();
  }

  static TrainingInput llama70b() {
    return new TrainingInput("llama3-70b", "h100-sxm", Optional.empty(), 1024, 8192, 512, Optional.empty(),
        Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
        Optional.empty(), Optional.empty(), "bf16", Optional.empty(), 1.0, Optional.empty(), 4.0, Optional.empty(),
        TrainingInput.Settings.DEFAULT);
  }

  static SizingInput llama70bServing() {
    return new SizingInput("llama3-70b", 2000, 500, WeightsRequest.AUTO, Precision.FP8, Optional.of(400.0), Optional.of(20.0),
        Optional.empty(), 2000, 50, List.of("h100-sxm", "h200"), true, 4, 0.10, ServingOptions.DEFAULT);
  }

  @Test
  void check_onAnInterruptedThread_throwsAndLeavesTheFlagSet() {
    Thread.currentThread().interrupt();
    assertThatThrownBy(Cancellation::check).isInstanceOf(CancelledException.class);
    assertThat(Thread.currentThread().isInterrupted()).isTrue();
  }

  @Test
  void check_onAThreadNotInterrupted_returns() {
    assertThatCode(Cancellation::check).doesNotThrowAnyException();
  }

  @Test
  void layoutSearch_interrupted_stopsWithCancelled() {
    var request = llama70b().request(CATALOG);
    assertThat(TrainingEstimator.search(request, 1, Objective.TIME).best()).isNotEmpty();
    Thread.currentThread().interrupt();
    assertThatThrownBy(() -> TrainingEstimator.search(request, 1, Objective.TIME)).isInstanceOf(CancelledException.class);
  }

  @Test
  void servingSizing_interrupted_stopsWithCancelled() {
    assertThat(llama70bServing().size(CATALOG).ranked()).isNotEmpty();
    Thread.currentThread().interrupt();
    assertThatThrownBy(() -> llama70bServing().size(CATALOG)).isInstanceOf(CancelledException.class);
  }

  @Test
  void exportMatrix_interrupted_stopsWithCancelled() {
    ExportControl ec = ExportControl.bundled();
    var chips = List.of(CATALOG.chip("chip", "h100-sxm"));
    LocalDate date = LocalDate.of(2026, 12, 2);
    assertThat(ec.matrix(chips, List.of("DE"), Optional.empty(), "US", List.of(), date).cells()).hasSize(1);
    Thread.currentThread().interrupt();
    assertThatThrownBy(() -> ec.matrix(chips, List.of("DE"), Optional.empty(), "US", List.of(), date))
        .isInstanceOf(CancelledException.class);
  }
}
