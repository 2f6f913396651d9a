package chipmix.serving;

import chipmix.model.Models;
import chipmix.model.TransformerModel;
import chipmix.perfmodel.InferenceDevice;
import chipmix.perfmodel.ServingRecipe;
import chipmix.perfmodel.ServingRecipes;
import chipmix.perfmodel.ServingStack;
import chipmix.perfmodel.Speculation;
import chipmix.validation.InvalidInputException;
import chipmix.validation.Issues;
import java.util.Locale;
import java.util.Optional;

/**
 * The serving stack a question asks for ({@code --recipe}, {@code --spec}, {@code --accept-len},
 * {@code --draft-model}, {@code --draft-tokens}), checked with every problem listed under its option.
 *
 * @param recipe the recipe asked for; empty for each chip's default
 * @param speculation the speculative decoding asked for
 */
record StackChoice(Optional<ServingRecipe> recipe, Speculation speculation) {
  static final StackChoice DEFAULT = new StackChoice(Optional.empty(), new Speculation.None());

  /** {@code dev} on this stack: the recipe asked for, else the chip's default recipe. */
  InferenceDevice apply(InferenceDevice dev) {
    return dev.with(new ServingStack(recipe.orElse(dev.recipe()), speculation));
  }

  /**
   * The choice in {@code o}; problems go to {@code issues} and leave the default in their place.
   * The draft model is resolved by {@code models} (the CLI: a preset or a file; the web API: presets only).
   */
  static StackChoice check(ServingOptions o, Issues issues, Models.Resolver models) {
    Optional<ServingRecipe> recipe = Optional.empty();
    if (o.recipe().isPresent()) {
      try {
        recipe = Optional.of(ServingRecipes.find("`recipe`", o.recipe().get()));
      } catch (InvalidInputException e) {
        issues.addAll(e.issues());
      }
    }
    String kind = o.spec().map(s -> s.trim().toLowerCase(Locale.ROOT)).orElse("none");
    Speculation spec = new Speculation.None();
    switch (kind) {
      case "none" -> {
        o.acceptLength().ifPresent(a -> issues.add("`accept_len`", "needs `spec` mtp or `spec` draft"));
        o.draftModel().ifPresent(a -> issues.add("`draft_model`", "needs `spec` draft"));
        o.draftTokens().ifPresent(a -> issues.add("`draft_tokens`", "needs `spec` mtp or `spec` draft"));
      }
      case "mtp" -> {
        o.draftModel().ifPresent(a -> issues.add("`draft_model`", "MTP drafts with the model's own MTP modules; a draft model"
            + " needs `spec` draft"));
        int modules = o.draftTokens().orElse(1);
        Optional<Double> accept = required(o, issues);
        if (modules < 1 || modules > 8) {
          issues.add("`draft_tokens`", "MTP modules must be 1 to 8, got " + modules);
        } else if (accept.isPresent()) {
          spec = speculation(issues, () -> new Speculation.Mtp(modules, accept.get()));
        }
      }
      case "draft" -> {
        Optional<Double> accept = required(o, issues);
        Optional<TransformerModel> draft = Optional.empty();
        if (o.draftModel().isEmpty()) {
          issues.add("`draft_model`", "is required with `spec` draft (a model preset or file, e.g. llama3-8b)");
        } else {
          try {
            draft = Optional.of(models.resolve("`draft_model`", o.draftModel().get()));
          } catch (InvalidInputException e) {
            issues.addAll(e.issues());
          }
        }
        if (o.draftTokens().isEmpty()) {
          issues.add("`draft_tokens`", "is required with `spec` draft: tokens the draft proposes per pass, 1 to 16");
        } else if (o.draftTokens().get() < 1 || o.draftTokens().get() > 16) {
          issues.add("`draft_tokens`", "must be 1 to 16 tokens per pass, got " + o.draftTokens().get());
        } else if (accept.isPresent() && draft.isPresent()) {
          TransformerModel d = draft.get();
          int k = o.draftTokens().get();
          spec = speculation(issues, () -> new Speculation.Draft(d, k, accept.get()));
        }
      }
      default -> issues.add("`spec`", "must be none, mtp or draft, got " + o.spec().orElse(""));
    }
    return new StackChoice(recipe, spec);
  }

  private static Optional<Double> required(ServingOptions o, Issues issues) {
    if (o.acceptLength().isEmpty()) {
      issues.add("`accept_len`", "is required with speculative decoding: the average tokens accepted per pass, verified"
          + " token included (e.g. 1.8 for DeepSeek-V3 MTP, whose report gives 85-90% second-token acceptance)");
      return Optional.empty();
    }
    double a = o.acceptLength().get();
    if (!(a >= 1) || Double.isInfinite(a)) {
      issues.add("`accept_len`", "must be at least 1 token per pass, got " + a);
      return Optional.empty();
    }
    return o.acceptLength();
  }

  private static Speculation speculation(Issues issues, java.util.function.Supplier<Speculation> make) {
    try {
      return make.get();
    } catch (IllegalArgumentException e) {
      issues.add("`accept_len`", e.getMessage());
      return new Speculation.None();
    }
  }
}
