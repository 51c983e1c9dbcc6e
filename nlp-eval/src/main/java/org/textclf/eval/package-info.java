/**
 * Evaluation of text classifiers, from predictions to reports: {@link org.textclf.eval.Evaluator} streams
 * predictions ({@code .predictions}) through the metrics ({@code .metrics}) into an
 * {@link org.textclf.eval.Evaluation}, which the renderers ({@code .report}) turn into a text table, JSON or a
 * self-contained HTML page. This module depends on nothing but Jackson; model provenance reaches the HTML report
 * through {@link org.textclf.eval.report.ReportContext}.
 */
package org.textclf.eval;
