package chipmix.exportcontrol;

import java.util.List;
import java.util.Objects;

/** What a rule does when it applies. Closed set, handled by exhaustive switches in {@link ExportControl}. */
public sealed interface Effect permits Effect.Require, Effect.Relax, Effect.AddConditions, Effect.Report {

  /** A US requirement: the outcome (and review policy) this rule imposes, with conditions. */
  record Require(Outcome outcome, ReviewPolicy reviewPolicy, List<Condition> conditions) implements Effect {
    public Require {
      Objects.requireNonNull(outcome, "outcome");
      Objects.requireNonNull(reviewPolicy, "reviewPolicy");
      conditions = List.copyOf(conditions);
      if (outcome.hasReviewPolicy() == (reviewPolicy == ReviewPolicy.NONE)) {
        throw new IllegalArgumentException("outcome " + outcome.text() + " " + (outcome.hasReviewPolicy()
            ? "needs a review policy" : "takes no review policy, got " + reviewPolicy.text()));
      }
    }
  }

  /** Softens the review policy of requirements from the named rules (never below {@code reviewPolicy}). */
  record Relax(List<String> rules, ReviewPolicy reviewPolicy, List<Condition> conditions) implements Effect {
    public Relax {
      rules = List.copyOf(rules);
      Objects.requireNonNull(reviewPolicy, "reviewPolicy");
      conditions = List.copyOf(conditions);
    }
  }

  /** Attaches conditions to requirements from the named rules (a revenue share, a certification). */
  record AddConditions(List<String> rules, List<Condition> conditions) implements Effect {
    public AddConditions {
      rules = List.copyOf(rules);
      conditions = List.copyOf(conditions);
    }
  }

  /** A finding of its own kind (import side, guidance, pending rule, note) that never changes the US outcome. */
  record Report(FindingKind kind) implements Effect {
    public Report {
      Objects.requireNonNull(kind, "kind");
    }
  }
}
