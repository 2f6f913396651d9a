package chipmix.scenario.engines;

import static org.assertj.core.api.Assertions.assertThat;

import chipmix.catalog.Catalog;
import chipmix.catalog.CatalogLoader;
import chipmix.perfmodel.Calibrations;
import chipmix.scenario.Engines.TrainingRate;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TrainingSearchTest {

  @Test
  void candidates_arePowersOfTwoTimesSmallOddFactorsAtMostTheOffer() {
    // 33,000 devices: 2^15 = 32,768; 3 x 2^13 = 24,576; 5 x 2^12 = 20,480; 7 x 2^12 = 28,672; 9 x 2^11 = 18,432;
    // 15 x 2^11 = 30,720. Above 64 nodes of 8 the raw offer is not tried.
    assertThat(TrainingSearch.candidates(33_000, 8))
        .containsExactlyInAnyOrder(32_768L, 24_576L, 20_480L, 28_672L, 18_432L, 30_720L);
    assertThat(TrainingSearch.candidates(100, 8)).contains(100L).allMatch(n -> n <= 100);
  }

  @Test
  void best_usesNoMoreDevicesThanOfferedAndNamesTheLayout() {
    Catalog c = CatalogLoader.bundled();
    Optional<TrainingRate> r = new TrainingSearch(Calibrations.bundled()).best("llama3-8b", 4096, 512,
        c.chip("chip", "h100-sxm"), c.findSystem("hgx-h100-8"), Optional.of(400.0), 200);
    assertThat(r).isPresent();
    assertThat(r.get().devicesUsed()).isLessThanOrEqualTo(200);
    assertThat(r.get().layout()).contains("tp=").contains("MFU");
  }

  @Test
  void best_underARecipe_usesThatFrameworksSettings() {
    // DeepSpeed's defaults (no DP overlap, no interleaving, no TP overlap) are slower than NVIDIA's current recipe
    Catalog c = CatalogLoader.bundled();
    TrainingSearch engine = new TrainingSearch(Calibrations.bundled());
    Optional<TrainingRate> nvidia = engine.best("llama3-8b", 4096, 512, c.chip("chip", "h100-sxm"), c.findSystem("hgx-h100-8"),
        Optional.empty(), 64, Optional.empty());
    Optional<TrainingRate> deepspeed = engine.best("llama3-8b", 4096, 512, c.chip("chip", "h100-sxm"), c.findSystem("hgx-h100-8"),
        Optional.empty(), 64, Optional.of("deepspeed"));
    assertThat(deepspeed.orElseThrow().tokensPerSecond()).isLessThan(nvidia.orElseThrow().tokensPerSecond());
  }

  @Test
  void best_modelThatFitsNowhere_isEmpty() {
    Catalog c = CatalogLoader.bundled();
    // Llama 3 405B needs terabytes of weights and optimizer state; 8 devices of 96 GB cannot hold it.
    assertThat(new TrainingSearch(Calibrations.bundled()).best("llama3-405b", 4096, 512, c.chip("chip", "h20"),
        c.findSystem("hgx-h20-8"), Optional.empty(), 8)).isEmpty();
  }
}
