/**
 * Neural text classifiers on SameDiff: token ids and padding masks in, class probabilities out.
 *
 * <p>The sub-packages follow the data flow: {@code embed} (embedding lookup with a correct gradient,
 * pretrained vectors) -> {@code network} (graph builders: GRU + attention, Transformer encoder,
 * fastText-style baseline) -> {@code train} (training loop, schedules, early stopping) ->
 * {@code bundle} (the single-file model format).
 */
package org.textclf.models;
