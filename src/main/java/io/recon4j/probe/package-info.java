/** Probing frozen image encoders: linear and attentive probes, and the raw-pixel baseline. */
package io.recon4j.probe;
