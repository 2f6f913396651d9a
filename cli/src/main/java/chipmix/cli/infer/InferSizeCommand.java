package chipmix.cli.infer;

import chipmix.cli.CatalogOptions;
import chipmix.cli.ExitCode;
import chipmix.cli.OutputFormat;
import chipmix.cli.ValidatesInput;
import chipmix.serving.ServingJson;
import chipmix.serving.ServingOptions;
import chipmix.serving.SizingInput;
import chipmix.serving.SizingResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;

/** {@code chipmix infer size}: devices, cost and power to serve a demand, ranked across chips. */
@Command(
    name = "size",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    header = "Size a serving deployment: devices, cost per million output tokens and power per chip, ranked.",
    description = {
      "For each candidate chip (and with --disaggregated each prefill/decode pair of chips) finds the",
      "cheapest replica shape and batch that meet the TTFT and TPOT targets, the replicas the demand",
      "needs, and ranks the plans by cost per million output tokens, explaining why the winner wins.",
      "Cost = catalog unit price amortised over --amortization-years, running 24/7, plus device TDP at",
      "--usd-per-kwh: planning assumptions, not sourced figures."
    })
public final class InferSizeCommand implements Callable<Integer>, ValidatesInput {

  @picocli.CommandLine.Spec CommandSpec spec;
  @Mixin CatalogOptions catalogOptions;
  @Mixin WorkloadOptions workload;
  @Mixin ServingStackOptions stack;
  @Mixin chipmix.cli.ComplianceOptions compliance;

  @Option(names = "--demand-rps", paramLabel = "R", description = "Demand in requests per second (sustained average).")
  Double demandRps;

  @Option(names = "--demand-tokens-per-day", paramLabel = "T", description = "Demand in output tokens per day (instead of --demand-rps).")
  Double demandTokensPerDay;

  @Option(names = "--ttft-ms", required = true, paramLabel = "MS", description = "Time-to-first-token target.")
  double ttftMs;

  @Option(names = "--tpot-ms", required = true, paramLabel = "MS", description = "Time-per-output-token target.")
  double tpotMs;

  @Option(names = "--chips", split = ",", paramLabel = "ID",
      description = "Candidate chips, comma-separated (default: h20,h100-sxm,ascend-910b).")
  List<String> chips = new ArrayList<>();

  @Option(names = "--disaggregated", description = "Also size prefill and decode on separate pools, for every pair of candidate chips.")
  boolean disaggregated;

  @Option(names = "--kv-transfer-gbps", paramLabel = "GBPS",
      description = "Declared KV-cache transfer path between prefill and decode pools, Gb/s per prefill device (with"
          + " --disaggregated). Without it the KV cache moves over the NICs and only between chips of the same vendor.")
  Double kvTransferGbps;

  @Option(names = "--amortization-years", paramLabel = "YEARS", defaultValue = "4",
      description = "Years over which the unit price is spread (default 4; an assumption).")
  double amortizationYears;

  @Option(names = "--usd-per-kwh", paramLabel = "USD", defaultValue = "0.10",
      description = "Electricity price applied to device TDP (default 0.10; an assumption).")
  double usdPerKwh;

  @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "text",
      description = "text (default), json, or csv (one row per ranked plan, the JSON keys of 'plans' as columns).")
  String format;

  @Override
  public void validateInput() {
    InferOutput.json(format, this::checkInput);
    checkInput();
  }

  private void checkInput() {
    input().validate(catalogOptions.catalog());
  }

  @Override
  public Integer call() {
    OutputFormat f = InferOutput.format(format, this::checkInput);
    boolean json = f == OutputFormat.JSON;
    List<String> ids = chips.isEmpty() ? SizingInput.DEFAULT_CHIPS : chips;
    var screened = compliance.screen(catalogOptions.catalog(), ids);
    if (screened.isPresent() && compliance.drop()) {
      List<String> kept = ids.stream().filter(id -> screened.get().values().stream()
          .noneMatch(x -> x.mayNotGet() && (x.chip().id().equals(id) || x.chip().aliases().contains(id)))).toList();
      if (kept.isEmpty()) {
        throw new chipmix.validation.InfeasibleException("the buyer may get none of the candidate chips: "
            + String.join("; ", screened.get().values().stream().map(x -> x.reason()).toList()));
      }
      chips = new ArrayList<>(kept);
    }
    SizingResult r = input().size(catalogOptions.catalog());
    if (f == OutputFormat.CSV) {
      spec.commandLine().getOut().print(InferOutput.csv(ServingJson.size(r), "plans"));
      spec.commandLine().getOut().flush();
      return ExitCode.OK.code();
    }
    OutputFormat.print(spec.commandLine().getOut(), json, () -> {
      var node = ServingJson.size(r);
      screened.ifPresent(sc -> node.set("compliance", chipmix.cli.ComplianceOptions.json(sc, compliance.drop(),
          r.ranked().isEmpty() ? List.of() : r.ranked().get(0).pools().stream().map(p -> p.chipId()).toList())));
      return OutputFormat.jsonText(node);
    }, () -> {
      List<String> first = r.ranked().isEmpty() ? List.of() : r.ranked().get(0).pools().stream().map(p -> p.chipId()).toList();
      return screened.map(sc -> chipmix.cli.ComplianceOptions.warning(sc, compliance.drop(), first)).orElse("")
          + InferOutput.sizeText(r)
          + screened.map(sc -> chipmix.cli.ComplianceOptions.text(sc, compliance.drop())).orElse("");
    });
    return ExitCode.OK.code();
  }

  /** The options as a core {@link SizingInput}. */
  SizingInput input() {
    return new SizingInput(workload.model, workload.promptTokens, workload.outputTokens, workload.weights, workload.kv,
        Optional.ofNullable(workload.scaleOutGbps), Optional.ofNullable(demandRps), Optional.ofNullable(demandTokensPerDay),
        ttftMs, tpotMs, chips, disaggregated, amortizationYears, usdPerKwh, serving());
  }

  private ServingOptions serving() {
    return new ServingOptions(stack.recipe(), stack.spec(), stack.acceptLength(), stack.draftModel(), stack.draftTokens(),
        Optional.ofNullable(kvTransferGbps));
  }
}
