/** {@code chipmix infer estimate|size}: a thin adapter from options to the inference model and sizing, with text and JSON output. */
package chipmix.cli.infer;
