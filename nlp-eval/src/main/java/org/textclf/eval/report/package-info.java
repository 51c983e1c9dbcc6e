/**
 * Evaluations to documents people read: {@link org.textclf.eval.report.TextReport} (a scikit-learn-like
 * classification report and confusion matrix), {@link org.textclf.eval.report.JsonReport} (machine-readable, the
 * keys of the {@code metrics} verb) and {@link org.textclf.eval.report.HtmlReport} (one self-contained page with
 * inline SVG charts; provenance and training curves come in through
 * {@link org.textclf.eval.report.ReportContext}). All renderers are stateless and thread-safe; files are written
 * atomically.
 */
package org.textclf.eval.report;
