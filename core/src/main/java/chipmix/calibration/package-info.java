/**
 * How the calibration constants are obtained and how well they generalise: the fit as data
 * ({@code chipmix/calibration/calibration-fit.yaml}), a deterministic coordinate-descent fitting
 * routine ({@link chipmix.calibration.TrainingFit}), generic leave-one-family-out
 * cross-validation ({@link chipmix.calibration.CrossValidation}) and the accuracy report of
 * {@code chipmix validate} ({@link chipmix.calibration.Accuracy}). Pure functions over the case
 * lists, the catalog and the spec; no I/O beyond the loader.
 */
package chipmix.calibration;
