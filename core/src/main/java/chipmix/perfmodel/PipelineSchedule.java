package chipmix.perfmodel;

import java.util.Optional;

/**
 * Pipeline schedule. {@code ONE_F_ONE_B}: 1F1B, interleaved when vpp > 1 (Narayanan et al. 2021 §2.2),
 * bubble (p−1)/v micro-batch times. {@code DUALPIPE}: DeepSeek-V3's bidirectional schedule (arXiv
 * 2412.19437 §3.2.1, Table 2): bubble (p/2 − 1)(F&B + B − 3W), which is (p/2 − 1)·2/3 of a micro-batch time with F = 1, B = 2, W = 1; two copies of the stage parameters (pp > 1),
 * p + 1 micro-batches of activations in flight.
 */
public enum PipelineSchedule implements Keyword {
  ONE_F_ONE_B("1f1b"),
  DUALPIPE("dualpipe");

  private final String text;

  PipelineSchedule(String text) {
    this.text = text;
  }

  @Override
  public String text() {
    return text;
  }

  public static Optional<PipelineSchedule> parse(String s) {
    return Keyword.parse(PipelineSchedule.class, s);
  }
}
