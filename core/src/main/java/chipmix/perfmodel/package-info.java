/**
 * The analytical performance model: device profiles ({@link chipmix.perfmodel.Hardware}),
 * per-chip, per-kernel-class calibration ({@link chipmix.perfmodel.Calibration}) and the
 * training cost model, and the inference model ({@link chipmix.perfmodel.InferenceModel}: prefill,
 * decode, KV cache, batch; serving constants in {@link chipmix.perfmodel.InferenceCalibration}). Pure functions from records to records: no I/O (except loading the
 * bundled calibration table), no clock.
 */
package chipmix.perfmodel;
