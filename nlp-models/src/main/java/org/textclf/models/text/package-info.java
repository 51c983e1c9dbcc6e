/**
 * Step 5: raw text at both ends. {@link org.textclf.models.text.TextModelTrainer} turns labelled
 * documents into a trained {@link org.textclf.models.bundle.ModelBundle};
 * {@link org.textclf.models.text.NeuralTextClassifier} classifies raw text with a bundle, running the
 * same pipeline and encoder as training; {@link org.textclf.models.text.Classifier} is the thread-safe
 * front door for serving (top-k / threshold decisions, attention aligned to tokens, streaming, a pool of
 * network copies for concurrent callers); {@link org.textclf.models.text.Ensemble} averages several
 * classifiers' probabilities.
 */
package org.textclf.models.text;
