package chipmix.scenario.engines;

import static org.assertj.core.api.Assertions.assertThat;

import chipmix.catalog.Catalog;
import chipmix.catalog.CatalogLoader;
import chipmix.perfmodel.Calibrations;
import chipmix.scenario.Engines.Replica;
import chipmix.scenario.Scenario.NumberFormat;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class InferenceSizingTest {
  static final Catalog CATALOG = CatalogLoader.bundled();
  static final InferenceSizing SIZING = new InferenceSizing(Calibrations.bundled());

  @Test
  void replica_reachableTargets_giveADeviceCountAndARequestRate() {
    Optional<Replica> r = SIZING.replica("llama3-70b", 1000, 300, 2000, 50, NumberFormat.FP8, NumberFormat.BF16,
        CATALOG.chip("chip", "h100-sxm"), CATALOG.findSystem("hgx-h100-8"), Optional.empty());
    assertThat(r).isPresent();
    // 70B parameters at one byte each need at least one 80 GB device; a replica stays inside the 8-GPU board here.
    assertThat(r.get().devices()).isBetween(1, 8);
    assertThat(r.get().requestsPerSecond()).isPositive();
    assertThat(r.get().layout()).contains("devices").contains("batch");
  }

  @Test
  void replica_unreachableTpot_isEmpty() {
    // 0.01 ms per output token is far below one decode step on any chip (a step streams the weights from HBM).
    assertThat(SIZING.replica("llama3-70b", 1000, 300, 2000, 0.01, NumberFormat.FP8, NumberFormat.BF16,
        CATALOG.chip("chip", "h100-sxm"), CATALOG.findSystem("hgx-h100-8"), Optional.empty())).isEmpty();
  }
}
