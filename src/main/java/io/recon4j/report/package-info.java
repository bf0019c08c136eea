/**
 * Self-contained HTML reports: {@link io.recon4j.report.HtmlPage} (text, tables, SVG charts, interactive 3D
 * {@link io.recon4j.report.CloudView}s with three.js inline, so a page opens offline from a file),
 * {@link io.recon4j.report.RunReport}, the report of a fine-tuning run folder, and
 * {@link io.recon4j.report.QuickstartReport}, the page of {@code recon quickstart}; and two PNGs:
 * {@link io.recon4j.report.PairedFoldsPlot}, a paired few-shot comparison drawn fold by fold, and
 * {@link io.recon4j.report.DataScalingPlot}, accuracy against the pretraining fraction.
 *
 * <p>Axes: N points (clouds are row-major (N, 3), y up), G patches, K classes.
 */
package io.recon4j.report;
