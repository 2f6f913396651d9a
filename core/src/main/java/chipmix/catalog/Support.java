package chipmix.catalog;

/**
 * How a catalog value is supported. PRIMARY: at least one cited source is of a primary
 * {@link SourceKind} and states the value. SECONDARY: only compilations, press or blogs give it,
 * or the catalog marks it so because its primary source does not state it directly (an analogy
 * or a calculation from another product's figure).
 */
public enum Support {
  PRIMARY,
  SECONDARY
}
