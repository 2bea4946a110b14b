/**
 * The default anomaly model family: a linear autoencoder over normalised windows, trained in closed form
 * ({@link dev.continuum.inference.modelgen.Autoencoder#train}) or by gradient steps from a given model
 * ({@link dev.continuum.inference.modelgen.GradientTrainer}, for federated rounds), exported to ONNX with
 * its manifest; and the deterministic signal processes it learns from. Used at build time (the default
 * models) and at run time (federated learning on gateways and the coordinator).
 */
@Version("1.1.0")
package dev.continuum.inference.modelgen;

import org.osgi.annotation.versioning.Version;
