/**
 * Image data: the IDX file format (MNIST family), an in-memory labelled image set and the Fashion-MNIST
 * loader used to probe the CAE encoder.
 */
package io.recon4j.image;
