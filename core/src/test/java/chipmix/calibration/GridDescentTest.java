package chipmix.calibration;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class GridDescentTest {
  static final List<Double> GRID = List.of(0.0, 1.0, 2.0, 3.0, 4.0);

  @Test
  void minimise_separableBowl_reachesTheGridMinimum() {
    // (x - 3)^2 + (y - 1)^2 has its minimum at (3, 1), a grid point
    GridDescent.Result r = GridDescent.minimise(new double[] {0, 4}, List.of(GRID, GRID), new boolean[2],
        p -> Math.pow(p[0] - 3, 2) + Math.pow(p[1] - 1, 2), 4);
    assertThat(r.x()).containsExactly(3, 1);
    assertThat(r.loss()).isZero();
  }

  @Test
  void minimise_frozenCoordinate_staysAtItsStart() {
    GridDescent.Result r = GridDescent.minimise(new double[] {0, 4}, List.of(GRID, GRID), new boolean[] {false, true},
        p -> Math.pow(p[0] - 3, 2) + Math.pow(p[1] - 1, 2), 4);
    assertThat(r.x()).containsExactly(3, 4);
  }

  @Test
  void minimise_tie_keepsTheEarlierValue() {
    // flat loss: nothing is strictly better, so the start stays
    GridDescent.Result r = GridDescent.minimise(new double[] {2}, List.of(GRID), new boolean[1], p -> 1.0, 4);
    assertThat(r.x()).containsExactly(2);
    assertThat(r.passes()).isEqualTo(1);
  }

  @Test
  void minimise_refusedPoints_areNeverChosen() {
    // the bowl's minimum (3) is refused (infinite loss): the descent stops at the best point it may take, 2 or 4
    GridDescent.Result r = GridDescent.minimise(new double[] {0}, List.of(GRID), new boolean[1],
        p -> p[0] == 3 ? Double.POSITIVE_INFINITY : Math.pow(p[0] - 3, 2), 4);
    assertThat(r.x()).containsExactly(2);
    assertThat(r.loss()).isEqualTo(1);
  }

  @Test
  void minimise_refusedStart_movesToTheBestPointThatCanBeScored() {
    GridDescent.Result r = GridDescent.minimise(new double[] {0}, List.of(GRID), new boolean[1],
        p -> p[0] == 0 ? Double.POSITIVE_INFINITY : Math.pow(p[0] - 3, 2), 4);
    assertThat(r.x()).containsExactly(3);
    assertThat(r.loss()).isZero();
  }
}
