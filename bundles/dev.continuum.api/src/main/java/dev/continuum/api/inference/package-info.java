/**
 * On-device inference: models as data in the gateway's model store, run in-process by ONNX Runtime.
 *
 * <p>A model version is an ONNX file plus a {@link dev.continuum.api.inference.ModelManifest} that
 * states everything the gateway needs to run it safely: the graph's inputs and outputs, how samples
 * become a window (pre-processing), how the output becomes a score and label (post-processing), a
 * golden test vector that must reproduce before the version is accepted, and the reference statistics
 * of its training data for drift monitoring.
 *
 * <p>{@link dev.continuum.api.inference.InferenceService} installs, swaps, shadows and rolls back
 * versions and scores windows; {@link dev.continuum.api.inference.InferenceStage} turns a stream of
 * {@link dev.continuum.api.data.Sample}s into windows and {@link dev.continuum.api.inference.InferenceResult}s
 * for pipelines; {@link dev.continuum.api.inference.WindowScorer} lets a stage's windows be scored elsewhere
 * (workload placement: a MEC or cloud inference service).
 *
 * @see <a href="https://onnx.ai/onnx/repo-docs/IR.html">ONNX IR specification</a>
 */
@Version("1.3.0")
package dev.continuum.api.inference;

import org.osgi.annotation.versioning.Version;
