/**
 * One training job compared across chips ({@code chipmix train compare}, {@code POST
 * /api/train/compare}): a pure function from a {@link chipmix.comparison.TrainCompareRequest} to a
 * {@link chipmix.comparison.TrainCompareResult}; the command line and the web API only read their
 * input into the request and render the result. It holds no training formula (the training search
 * answers) and no export rule (the compliance screen answers).
 */
package chipmix.comparison;
