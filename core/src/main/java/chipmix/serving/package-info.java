/**
 * Serving capacity sizing: given a demand (request rate, prompt and output lengths, TTFT and TPOT
 * targets), the replicas, devices, cost per million output tokens and power per candidate chip and
 * per prefill/decode pair of chips, ranked and explained. Pure functions over the inference model
 * in {@link chipmix.perfmodel.InferenceModel}; cost assumptions are explicit inputs.
 */
package chipmix.serving;
