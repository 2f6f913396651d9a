package chipmix.web;

import chipmix.model.ModelPresets;
import chipmix.model.TransformerModel;
import java.util.List;
import java.util.Locale;

/** {@code /api/models}: the bundled model presets, for the training and serving forms. */
final class ModelRoutes implements ApiModule {

  record ModelView(String name, String label, int layers, int hidden, int heads, int kvHeads, int vocab,
      double totalParams, double activeParams, boolean moe, String attention, String source) {
    static ModelView of(TransformerModel m) {
      String size = String.format(Locale.ROOT, "%.1fB", m.totalParams() / 1e9);
      return new ModelView(m.name(), m.name() + " (" + size + (m.moe().isPresent()
          ? String.format(Locale.ROOT, ", %.1fB active", m.activeParams() / 1e9) : "") + ")",
          m.layers(), m.hidden(), m.heads(), m.kvHeads(), m.vocab(), m.totalParams(), m.activeParams(),
          m.moe().isPresent(), m.attentionKind().name().toLowerCase(Locale.ROOT), m.source());
    }
  }

  record ModelList(List<ModelView> models) {}

  @Override
  public List<ApiRoute> routes() {
    return List.of(ApiRoute.get("/api/models",
        ctx -> Reply.ok(new ModelList(ModelPresets.all().stream().map(ModelView::of).toList()))));
  }
}
