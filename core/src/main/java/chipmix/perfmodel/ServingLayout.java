package chipmix.perfmodel;

/**
 * How one serving replica (one copy of the model) is spread over devices.
 *
 * <p>Attention and dense layers are tensor-parallel over {@code tp} devices; the replica holds
 * {@code devices / tp} such attention groups side by side (data-parallel attention, as SGLang and
 * DeepSeek deploy MLA models), each serving its own share of the batch. Routed experts of a
 * mixture-of-experts model are either tensor-parallel with the rest ({@code ep = 1}) or spread one
 * expert shard per device over the whole replica ({@code ep = devices}).
 *
 * @param devices devices in one replica
 * @param tp tensor-parallel degree of attention and dense layers; divides {@code devices}
 * @param ep expert-parallel degree: 1 or {@code devices}
 */
public record ServingLayout(int devices, int tp, int ep) {
  public ServingLayout {
    if (devices < 1 || tp < 1 || ep < 1) {
      throw new IllegalArgumentException("devices, tp and ep must be at least 1, got devices=" + devices + " tp=" + tp + " ep=" + ep);
    }
    if (devices % tp != 0) {
      throw new IllegalArgumentException("tp " + tp + " must divide devices " + devices);
    }
    if (ep != 1 && ep != devices) {
      throw new IllegalArgumentException("ep must be 1 or equal to devices " + devices + ", got " + ep);
    }
  }

  /** Data-parallel attention groups in the replica. */
  public int attentionGroups() {
    return devices / tp;
  }

  @Override
  public String toString() {
    return devices + " devices (tp=" + tp + ", ep=" + ep + ")";
  }
}
