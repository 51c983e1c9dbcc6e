/**
 * Step 5: raw text at both ends. {@link org.textclf.models.text.TextModelTrainer} turns labelled
 * documents into a trained {@link org.textclf.models.bundle.ModelBundle};
 * {@link org.textclf.models.text.NeuralTextClassifier} classifies raw text with a bundle, running the
 * same pipeline and encoder as training.
 */
package org.textclf.models.text;
