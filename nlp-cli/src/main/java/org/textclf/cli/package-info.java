/**
 * The {@code textclf} command line: a thin picocli layer over the library modules.
 *
 * <p>Each verb is one class named after it ({@code PreprocessCommand}, {@code VocabCommand}, ...) and
 * does no work of its own beyond reading options, opening inputs and writing outputs; everything
 * else is a call into {@code org.textclf.corpora}, {@code org.textclf.preprocess},
 * {@code org.textclf.models} or {@code org.textclf.eval}. Shared options live in mixins
 * ({@link org.textclf.cli.InputOptions}, {@link org.textclf.cli.PipelineOptions},
 * {@link org.textclf.cli.CorpusFormatOptions}); {@code train} also reads options from a JSON/YAML file through
 * {@link org.textclf.cli.ConfigFileDefaults}. Outputs go through {@link org.textclf.cli.AtomicOutput} (text) and
 * {@link org.textclf.cli.BundleFiles} (model bundles) so that a failed run never leaves a half-written file.
 * {@code train}, {@code eval} and {@code demo} share {@link org.textclf.cli.TrainingProgress} and
 * {@link org.textclf.cli.ModelEvaluation}, so they report the same numbers the same way.
 *
 * <p>{@code classify} adds the machinery of a long streaming run: {@link org.textclf.cli.OrderedParallel}
 * (bounded, order-preserving parallel map), {@link org.textclf.cli.InputItems} (documents of several
 * inputs, a read error becoming a counted failure), {@link org.textclf.cli.PartialOutput} (checkpointed
 * partial output for {@code --resume}) and {@link org.textclf.cli.Progress}.
 */
package org.textclf.cli;
