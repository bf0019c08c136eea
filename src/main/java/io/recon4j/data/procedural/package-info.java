/**
 * The embedded procedural dataset ({@link io.recon4j.data.procedural.ProceduralShapes}): labelled
 * shapes built from parametric parts, generated deterministically from a seed. Part primitives,
 * recipes and the generator are package-private.
 */
package io.recon4j.data.procedural;
