/**
 * Transformer model shapes: parameter, FLOP and KV-cache counts, published presets and the
 * YAML loader for user models. Pure arithmetic, no I/O except in {@link chipmix.model.ModelLoader}.
 */
package chipmix.model;
