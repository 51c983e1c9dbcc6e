/**
 * The {@code textclf} command line: a thin picocli layer over the library modules.
 *
 * <p>Each verb is one class named after it ({@code PreprocessCommand}, {@code VocabCommand}, ...) and
 * does no work of its own beyond reading options, opening inputs and writing outputs; everything
 * else is a call into {@code org.textclf.corpora}, {@code org.textclf.preprocess},
 * {@code org.textclf.models} or {@code org.textclf.eval}. Shared options live in mixins
 * ({@link org.textclf.cli.InputOptions}, {@link org.textclf.cli.PipelineOptions}); outputs go through
 * {@link org.textclf.cli.AtomicOutput} so that a failed run never leaves a half-written file.
 *
 * <p>{@code classify} adds the machinery of a long streaming run: {@link org.textclf.cli.OrderedParallel}
 * (bounded, order-preserving parallel map), {@link org.textclf.cli.InputItems} (documents of several
 * inputs, a read error becoming a counted failure), {@link org.textclf.cli.PartialOutput} (checkpointed
 * partial output for {@code --resume}) and {@link org.textclf.cli.Progress}.
 */
package org.textclf.cli;
