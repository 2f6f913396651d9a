package chipmix.search;

import static org.assertj.core.api.Assertions.assertThat;

import chipmix.model.ModelPresets;
import chipmix.perfmodel.TrainingOptions;
import chipmix.testing.TestChips;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Issue 15: the top-N list is not padded with twins (ZeRO-1 and the distributed optimizer, same figures). */
class DistinctTopLayoutsTest {
  @Test
  void search_topTen_hasNoTwoLayoutsThatDifferOnlyInShardingWithTheSameFigures() {
    TrainingRequest open = new TrainingRequest(ModelPresets.find("llama3-70b").orElseThrow(), TestChips.hardware("h100"), 64,
        TrainingOptions.of(8192, 128), PartialLayout.OPEN);
    List<TrainingEstimate> best = TrainingEstimator.search(open, 10, Objective.TIME).best();
    assertThat(best).hasSizeGreaterThan(1);
    for (int i = 0; i < best.size(); i++) {
      for (int j = i + 1; j < best.size(); j++) {
        TrainingEstimate a = best.get(i), b = best.get(j);
        chipmix.perfmodel.Layout x = a.layout(), y = b.layout();
        boolean sameButSharding = x.sharding() != y.sharding() && new chipmix.perfmodel.Layout(x.tp(), x.pp(), x.dp(), x.cp(),
            x.ep(), x.vpp(), x.microBatch(), x.recompute(), y.sharding()).equals(y);
        boolean sameFigures = a.stepSeconds() == b.stepSeconds() && a.memoryPerDeviceGiB() == b.memoryPerDeviceGiB();
        assertThat(sameButSharding && sameFigures).as("%s and %s", a.layout(), b.layout()).isFalse();
      }
    }
  }
}
