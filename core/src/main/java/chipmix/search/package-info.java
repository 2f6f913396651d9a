/**
 * Parallel-layout search for training: validated requests with any layout part fixed
 * ({@link chipmix.search.TrainingRequest}, {@link chipmix.search.PartialLayout}), the
 * allocation-free enumeration ({@link chipmix.search.LayoutSearch}) and the estimates built
 * from it ({@link chipmix.search.TrainingEstimator}). Pure: no I/O; the only clock read is the
 * search's own duration, which is reported, never used in a decision.
 */
package chipmix.search;
