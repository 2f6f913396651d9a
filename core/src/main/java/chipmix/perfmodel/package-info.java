/**
 * The analytical performance model: device profiles ({@link chipmix.perfmodel.Hardware}),
 * per-chip, per-kernel-class calibration ({@link chipmix.perfmodel.Calibration}) and the
 * training cost model. Pure functions from records to records: no I/O (except loading the
 * bundled calibration table), no clock.
 */
package chipmix.perfmodel;
