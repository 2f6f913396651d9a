package chipmix.search;

import chipmix.perfmodel.Layout;
import chipmix.perfmodel.Recompute;
import chipmix.perfmodel.Sharding;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** A layout with any part left open; open parts are filled by the search. */
public record PartialLayout(
    Optional<Integer> tp,
    Optional<Integer> pp,
    Optional<Integer> dp,
    Optional<Integer> cp,
    Optional<Integer> ep,
    Optional<Integer> vpp,
    Optional<Integer> microBatch,
    Optional<Recompute> recompute,
    Optional<Sharding> sharding) {

  public PartialLayout {
    Objects.requireNonNull(tp);
    Objects.requireNonNull(pp);
    Objects.requireNonNull(dp);
    Objects.requireNonNull(cp);
    Objects.requireNonNull(ep);
    Objects.requireNonNull(vpp);
    Objects.requireNonNull(microBatch);
    Objects.requireNonNull(recompute);
    Objects.requireNonNull(sharding);
  }

  public static final PartialLayout OPEN = new PartialLayout(Optional.empty(), Optional.empty(), Optional.empty(),
      Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());

  public static PartialLayout of(Layout l) {
    return new PartialLayout(Optional.of(l.tp()), Optional.of(l.pp()), Optional.of(l.dp()), Optional.of(l.cp()),
        Optional.of(l.ep()), Optional.of(l.vpp()), Optional.of(l.microBatch()), Optional.of(l.recompute()),
        Optional.of(l.sharding()));
  }

  public boolean complete() {
    return tp.isPresent() && pp.isPresent() && dp.isPresent() && cp.isPresent() && ep.isPresent() && vpp.isPresent()
        && microBatch.isPresent() && recompute.isPresent() && sharding.isPresent();
  }

  /** The CLI option names of the parts left open, in order. */
  public List<String> openParts() {
    List<String> open = new ArrayList<>();
    if (tp.isEmpty()) open.add("tp");
    if (pp.isEmpty()) open.add("pp");
    if (dp.isEmpty()) open.add("dp");
    if (cp.isEmpty()) open.add("cp");
    if (ep.isEmpty()) open.add("ep");
    if (vpp.isEmpty()) open.add("vpp");
    if (microBatch.isEmpty()) open.add("micro-batch");
    if (recompute.isEmpty()) open.add("recompute");
    if (sharding.isEmpty()) open.add("zero");
    return open;
  }

  public PartialLayout withTp(int v) {
    return new PartialLayout(Optional.of(v), pp, dp, cp, ep, vpp, microBatch, recompute, sharding);
  }

  public PartialLayout withPp(int v) {
    return new PartialLayout(tp, Optional.of(v), dp, cp, ep, vpp, microBatch, recompute, sharding);
  }

  public PartialLayout withDp(int v) {
    return new PartialLayout(tp, pp, Optional.of(v), cp, ep, vpp, microBatch, recompute, sharding);
  }

  public PartialLayout withCp(int v) {
    return new PartialLayout(tp, pp, dp, Optional.of(v), ep, vpp, microBatch, recompute, sharding);
  }

  public PartialLayout withEp(int v) {
    return new PartialLayout(tp, pp, dp, cp, Optional.of(v), vpp, microBatch, recompute, sharding);
  }

  public PartialLayout withVpp(int v) {
    return new PartialLayout(tp, pp, dp, cp, ep, Optional.of(v), microBatch, recompute, sharding);
  }

  public PartialLayout withMicroBatch(int v) {
    return new PartialLayout(tp, pp, dp, cp, ep, vpp, Optional.of(v), recompute, sharding);
  }

  public PartialLayout withRecompute(Recompute v) {
    return new PartialLayout(tp, pp, dp, cp, ep, vpp, microBatch, Optional.of(v), sharding);
  }

  public PartialLayout withSharding(Sharding v) {
    return new PartialLayout(tp, pp, dp, cp, ep, vpp, microBatch, recompute, Optional.of(v));
  }
}
