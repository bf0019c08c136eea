package io.recon4j.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import io.recon4j.data.DataLoader;
import io.recon4j.data.DatasetPipelines;
import io.recon4j.data.PointCloudDataset;
import io.recon4j.data.Seeds;
import io.recon4j.model.ModelCard;
import io.recon4j.model.Patches;
import io.recon4j.model.PretrainLoss;
import io.recon4j.model.PretrainOutput;
import io.recon4j.model.ReconConfig;
import io.recon4j.model.ReconPretrainer;
import io.recon4j.model.SmcHead;
import io.recon4j.model.Weights;
import io.recon4j.nn.ModuleBlock;
import io.recon4j.pth.PthWriter;
import io.recon4j.teacher.ContrastiveLoss;
import io.recon4j.teacher.DistillationConfig;
import io.recon4j.teacher.DistillationTargets;
import io.recon4j.util.RunFolder;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Masked point pretraining of ReCon (or Point-MAE† with the teachers off), the official recipe:
 * random {@code npoints} subset + pc_norm + random y-rotation per cloud, rand masking, AdamW with the
 * official no-decay groups, per-epoch cosine with warm-up. Writes checkpoints, {@code metrics.jsonl},
 * {@code loss.png}, {@code numerics.txt} (the float path of every start and resume) and the final
 * {@code pretrained.pth} into the run folder.
 *
 * <p>With teachers ({@link DistillationTargets}): {@code csc_img}/{@code csc_text} = SmoothL1 between the
 * projected img/text queries and the frozen features of the batch's shapes (one random prompt per sample);
 * with SMC on, {@code smc} = {@link ContrastiveLoss#smc} on the {@code cls_proj} of the cls query. The loss is
 * mdm plus the weighted terms (official weights 1); every term is logged.
 */
public final class Pretraining implements AutoCloseable {

    private final NDManager manager;
    private final DataLoader loader;
    private final ReconPretrainer model;
    private final SmcHead smcHead;
    private final ModuleBlock trained;
    private final GroupedAdamW optimizer;
    private final TrainingLoop<io.recon4j.data.Batch> loop;
    private final RunFolder run;
    private final ModelCard card;

    /** The pretrainer plus the official {@code cls_proj} head, one state dict in the official key order. */
    private static final class WithSmcHead extends ModuleBlock {
        WithSmcHead(ReconPretrainer model, SmcHead head) {
            module("", model);
            module("cls_proj", head);
        }

        @Override
        protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
            throw new UnsupportedOperationException("run through Pretraining");
        }
    }

    private Pretraining(PretrainConfig config, PointCloudDataset data, DistillationTargets targets, RunFolder run,
                        NDManager parent) {
        ReconConfig mc = config.model();
        DistillationConfig dc = config.distillation();
        checkTeachers(config, targets);
        this.run = run;
        this.manager = parent.newSubManager();
        this.loader = DataLoader.builder(data).transform(DatasetPipelines.shapeNetPretrain(mc.numPoints()))
                .batchSize(config.batchSize()).shuffle(true).dropLast(true).seed(config.seed()).build();
        if (loader.batchesPerEpoch() == 0) {
            close();
            throw new IllegalArgumentException(data.name() + " has " + data.size() + " samples, fewer than one batch of "
                    + config.batchSize());
        }
        ai.djl.engine.Engine.getInstance().setRandomSeed((int) config.seed());
        model = ReconPretrainer.builder(mc).optMethod(config.method()).optImageTeacher(config.imgDim())
                .optTextTeacher(config.textDim()).optStopGradient(config.stopGradient()).build();
        smcHead = dc.smc() ? new SmcHead(mc.transDim()) : null;
        trained = smcHead == null ? model : new WithSmcHead(model, smcHead);
        trained.initialize(manager);
        optimizer = optimizer(trained, config.weightDecay(), manager);
        loop = new TrainingLoop<>(trained, manager, optimizer, TrainingLoop.of(loader),
                new TrainingLoop.Options(config.epochs(), config.schedule(), config.clipNorm(), config.seed(), config.toJson(), null),
                run, (ps, batch, epoch, index, step, logs) -> {
                    Patches patches = model.patching().patchify(batch.points(), batch.size(), step);
                    // Masks get their own stream, keyed like every other draw of the step.
                    boolean[] mask = config.masking().sample(patches.grouping().centers(), batch.size(), mc.numGroups(),
                            mc.maskRatio(), Seeds.random(Seeds.mix(config.seed() ^ 0x6D61736BL, batch.epoch(), batch.index())));
                    // Frozen teacher features of this batch (none for Point-MAE†): cached rows, one random prompt per sample.
                    NDArray img = targets == null ? null : targets.image(batch, step);
                    NDArray text = targets == null ? null : targets.text(batch, config.seed(), step);
                    return objective(model.forward(ps, patches, mask, img, text, true), smcHead, dc, ps, batch.labels(), logs);
                });
        card = ModelCard.pretrained(mc, config.method(), data.classNames(), data.upAxis(), dc.textTeacher(), dc.imageTeacher());
        loop.checkpointEntry(ModelCard.ENTRY, card.toEntry());
    }

    /** AdamW over every trainable tensor of {@code trained} (cls_token/cls_pos too), with the official groups. */
    static GroupedAdamW optimizer(ModuleBlock trained, float weightDecay, NDManager manager) {
        return new GroupedAdamW(manager, GroupedAdamW.select(trained.stateDict(), k -> true), ParamGroups.pretraining(weightDecay));
    }

    /**
     * The loss of one step from the model's output: its terms, plus SMC on the cls query when {@code smcHead} is
     * given, each logged, then weighted and summed.
     */
    static NDArray objective(PretrainOutput out, SmcHead smcHead, DistillationConfig dc, ParameterStore ps, int[] labels,
                             Map<String, NDArray> logs) {
        Map<String, NDArray> terms = new LinkedHashMap<>(out.losses());
        if (smcHead != null) {
            NDArray z = smcHead.forward(ps, out.encoded().cls(), true);
            terms.put("smc", ContrastiveLoss.smc(z, labels, dc.smcTemperature()));
        }
        logs.putAll(terms);
        return weightedSum(terms, dc);
    }

    /** mdm + w_img·csc_img + w_text·csc_text + w_smc·smc (official: every weight 1). */
    private static NDArray weightedSum(Map<String, NDArray> terms, DistillationConfig dc) {
        return new PretrainLoss(dc.imgWeight(), dc.textWeight(), dc.smcWeight()).total(terms);
    }

    /** The widths and identities in the config must be those of the prepared features (they key resume). */
    private static void checkTeachers(PretrainConfig config, DistillationTargets targets) {
        int text = targets == null ? 0 : targets.textDim();
        int img = targets == null ? 0 : targets.imageDim();
        if (config.textDim() != text || config.imgDim() != img) {
            throw new IllegalArgumentException("the config asks for teacher widths text " + config.textDim() + " / image "
                    + config.imgDim() + " but the prepared teacher features have text " + text + " / image " + img);
        }
        DistillationConfig dc = config.distillation();
        String textId = targets == null ? "" : targets.textIdentity();
        String imgId = targets == null ? "" : targets.imageIdentity();
        if (!dc.textTeacher().equals(textId) || !dc.imageTeacher().equals(imgId)) {
            throw new IllegalArgumentException("the config names teachers '" + dc.textTeacher() + "' / '" + dc.imageTeacher()
                    + "' but the features come from '" + textId + "' / '" + imgId + "'");
        }
    }

    /**
     * Prepares a run: loader, model (seeded init), optimizer and loop. Close it when done.
     *
     * @param config the run's definition
     * @param data training shapes (clouds of at least npoints)
     * @param run output folder
     * @param parent parent manager; the model lives in a sub-manager closed by {@link #close()}
     */
    public static Pretraining create(PretrainConfig config, PointCloudDataset data, RunFolder run, NDManager parent) {
        return new Pretraining(config, data, null, run, parent);
    }

    /**
     * Prepares a ReCon run with teachers: as {@link #create(PretrainConfig, PointCloudDataset, RunFolder, NDManager)},
     * distilling the prepared features of {@code data} (see {@link PretrainConfig#withDistillation}).
     *
     * @param targets teacher features of {@code data}, or null for none
     */
    public static Pretraining create(PretrainConfig config, PointCloudDataset data, DistillationTargets targets,
                                     RunFolder run, NDManager parent) {
        return new Pretraining(config, data, targets, run, parent);
    }

    /** Runs (or resumes) pretraining and writes {@code pretrained.pth}; see {@link #create}. */
    public static TrainingLoop.Result run(PretrainConfig config, PointCloudDataset data, RunFolder run, boolean resume,
                                          NDManager parent) throws IOException {
        return run(config, data, null, run, resume, parent);
    }

    /** Runs (or resumes) pretraining with teacher features and writes {@code pretrained.pth}. */
    public static TrainingLoop.Result run(PretrainConfig config, PointCloudDataset data, DistillationTargets targets,
                                          RunFolder run, boolean resume, NDManager parent) throws IOException {
        try (Pretraining p = create(config, data, targets, run, parent)) {
            return p.train(resume);
        }
    }

    /** Trains to the end (or until stopped) and writes the final weights as {@code pretrained.pth}. */
    public TrainingLoop.Result train(boolean resume) throws IOException {
        TrainingLoop.Result r = loop.run(resume);
        // With SMC on, cls_proj is saved too, as in the official checkpoints (loaders skip it). The weights go under
        // base_model, as the official save_checkpoint writes them, beside the model card.
        Map<String, Object> top = new LinkedHashMap<>();
        top.put("base_model", Weights.toStateDict(trained));
        top.put(ModelCard.ENTRY, card.toEntry());
        PthWriter.writeCheckpoint(run.resolve("pretrained.pth"), top);
        return r;
    }

    /** @return the training loop (to add an epoch hook or request a stop) */
    public TrainingLoop<io.recon4j.data.Batch> loop() {
        return loop;
    }

    /** @return the model being trained */
    public ReconPretrainer model() {
        return model;
    }

    /** @return the SMC projection head, or null when SMC is off */
    public SmcHead smcHead() {
        return smcHead;
    }

    @Override
    public void close() {
        if (optimizer != null) {
            optimizer.close();
        }
        loader.close();
        manager.close();
    }
}
