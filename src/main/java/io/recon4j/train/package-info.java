/**
 * Training runs of the ReCon model with the official recipes: the shared {@link io.recon4j.train.TrainingLoop}
 * (epochs, one {@link io.recon4j.train.TrainStep} per batch, checkpoints and resume through
 * {@link io.recon4j.train.TrainCheckpoint}, {@link io.recon4j.train.MetricsLog}, divergence checks), its optimizers
 * ({@link io.recon4j.train.GroupedAdamW} with {@link io.recon4j.train.ParamGroups}, {@link io.recon4j.train.MomentumSgd},
 * {@link io.recon4j.train.GradClip}) and learning-rate schedules ({@link io.recon4j.train.LrSchedule}), and the two
 * runs built on it: {@link io.recon4j.train.Pretraining} ({@link io.recon4j.train.PretrainConfig}) and
 * {@link io.recon4j.train.FineTuning} ({@link io.recon4j.train.FineTuneConfig}). {@link io.recon4j.train.TrajectoryReplay}
 * checks a step against the official code's recorded trajectory.
 *
 * <p>Axis letters: B batch, N points per cloud, S recorded steps of a trajectory; class logits are written
 * (B, classes).
 */
package io.recon4j.train;
