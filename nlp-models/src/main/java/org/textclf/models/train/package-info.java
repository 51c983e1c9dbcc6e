/**
 * Step 3: training. {@link org.textclf.models.train.Trainer} fits a
 * {@link org.textclf.models.network.TextNetwork} on {@link org.textclf.models.train.LabelledData}
 * (unpadded ids + label indices) under a {@link org.textclf.models.train.TrainerConfig}, reporting
 * progress to a {@link org.textclf.models.train.TrainingListener} and returning the per-epoch curves.
 */
package org.textclf.models.train;
