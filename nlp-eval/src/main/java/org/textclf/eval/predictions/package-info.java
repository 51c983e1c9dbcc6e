/**
 * The one predictions format used everywhere (JSON Lines): {@link org.textclf.eval.predictions.Prediction},
 * streamed by {@link org.textclf.eval.predictions.PredictionReader} (errors name the line) and written atomically
 * by {@link org.textclf.eval.predictions.PredictionWriter}.
 */
package org.textclf.eval.predictions;
