package io.recon4j.protocol;

import io.recon4j.data.DatasetPipelines;
import io.recon4j.data.PointCloudDataset;
import io.recon4j.data.Transforms;
import io.recon4j.eval.CloudFunction;
import io.recon4j.eval.ConfusionImage;
import io.recon4j.eval.Evaluation;
import io.recon4j.eval.Evaluator;
import io.recon4j.eval.Voting;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * The test protocol of a fine-tuned classifier ({@code tools/runner_finetune.py} test + vote): one plain pass (FPS to
 * npoints), then {@code passes} honest {@link Voting} passes, each reported as it is, and optionally the official
 * "best of N voting passes" (the maximum, selected on the test set, labelled as such).
 */
public final class VotingTest {

    /** Seed offset of the best-of passes: draws distinct from the honest passes. */
    private static final long BEST_OF_SEED = 0x4245535446L;

    private VotingTest() {
    }

    /**
     * @param votes views averaged per sample in a voting pass (official 10)
     * @param passes independent voting passes, each reported; 0 skips voting
     * @param officialBestOf passes of the official best-of protocol, or null to skip it
     * @param batchSize evaluation batch size
     * @param seed seed of the voting draws
     * @param progress receives a line per pass
     */
    public record Options(int votes, int passes, Integer officialBestOf, int batchSize, long seed, Consumer<String> progress) {
        public Options {
            if (passes < 0 || (officialBestOf != null && officialBestOf <= 0)) {
                throw new IllegalArgumentException("--passes must be >= 0 and --official-best-of > 0");
            }
            progress = progress == null ? line -> { } : progress;
        }
    }

    /**
     * @param source what was evaluated (a checkpoint), for the report
     * @param dataset the test split's name
     * @param plain the plain pass
     * @param plainLine its one-line summary
     * @param voting the honest voting passes, or null when none ran
     * @param bestOf the official best-of passes, or null when not asked for
     * @param predictions each test shape's prediction by the plain pass and by each honest voting pass (not the best-of
     *     passes, which are selected on the test set)
     */
    public record Result(String source, String dataset, Evaluation plain, String plainLine, Voting.Result voting,
                         Voting.Result bestOf, TestPredictions predictions) {

        /** @return test.md: the passes, then the plain pass's per-class table */
        public String toMarkdown() {
            StringBuilder md = new StringBuilder("# Test\n\nCheckpoint `" + source + "` on " + dataset + ".\n\n");
            md.append(plainLine).append("\n\n");
            for (Voting.Result r : new Voting.Result[] {voting, bestOf}) {
                if (r != null) {
                    md.append(r.describe()).append("\n\n");
                }
            }
            return md.append("## Per class (plain test)\n\n").append(plain.matrix().toMarkdown()).toString();
        }

        /** Writes the plain pass's confusion matrix as a picture. */
        public void writeConfusion(Path png) throws IOException {
            ConfusionImage.write(plain.matrix(), String.format(Locale.ROOT, "%s, plain test: OA %.2f %%, mAcc %.2f %%", dataset,
                    plain.accuracy(), plain.meanClassAccuracy()), png);
        }
    }

    /**
     * @param logits the classifier, (B, N, 3) to (B, classes)
     * @param test the test split
     * @param npoints points per cloud after FPS
     * @param source what is evaluated, for the report
     * @throws IOException when a test shape's label or id cannot be read
     */
    public static Result run(CloudFunction logits, PointCloudDataset test, int npoints, String source, Options o)
            throws IOException {
        Evaluation plain = Evaluator.evaluate(logits, test, DatasetPipelines.modelNetTest(npoints), o.batchSize(), o.seed(), "test");
        String plainLine = String.format(Locale.ROOT, "plain test (FPS to %d, no voting): OA %.2f %%, mAcc %.2f %%, loss %.4f",
                npoints, plain.accuracy(), plain.meanClassAccuracy(), plain.loss());
        o.progress().accept(plainLine);
        var vote = DatasetPipelines.modelNetVote(Transforms.fpsPoolSizeOrScaled(npoints), npoints);
        Voting.Result voting = null;
        if (o.passes() > 0) {
            voting = Voting.run(logits, test, vote, new Voting.Options(o.votes(), o.batchSize(), o.seed()), o.passes(),
                    p -> o.progress().accept(String.format(Locale.ROOT, "voting pass %d/%d (%d votes): OA %.2f %%, mAcc %.2f %%",
                            p.index() + 1, o.passes(), o.votes(), p.evaluation().accuracy(), p.evaluation().meanClassAccuracy())));
            o.progress().accept(voting.describe());
        }
        Voting.Result bestOf = null;
        if (o.officialBestOf() != null) {
            double[] max = {Double.NEGATIVE_INFINITY};
            bestOf = Voting.officialBestOf(logits, test, vote, new Voting.Options(o.votes(), o.batchSize(), o.seed() ^ BEST_OF_SEED),
                    o.officialBestOf(), p -> {
                        max[0] = Math.max(max[0], p.evaluation().accuracy());
                        o.progress().accept(String.format(Locale.ROOT, "[official best-of] pass %d/%d: OA %.2f %%, max so far %.2f %%",
                                p.index() + 1, o.officialBestOf(), p.evaluation().accuracy(), max[0]));
                    });
            o.progress().accept(bestOf.describe());
        }
        return new Result(source, test.name(), plain, plainLine, voting, bestOf, predictions(test, plain, voting));
    }

    private static TestPredictions predictions(PointCloudDataset test, Evaluation plain, Voting.Result voting) throws IOException {
        int[] labels = new int[test.size()];
        for (int i = 0; i < labels.length; i++) {
            labels[i] = test.labelOf(i);
        }
        Map<String, int[]> columns = new LinkedHashMap<>();
        columns.put(TestPredictions.PLAIN, plain.predictions());
        for (Voting.Pass p : voting == null ? List.<Voting.Pass>of() : voting.passes()) {
            columns.put(p.index() == 0 ? TestPredictions.VOTE : TestPredictions.VOTE + "-" + (p.index() + 1),
                    p.evaluation().predictions());
        }
        return new TestPredictions(test.classNames(), TestPredictions.idsOf(test), labels, columns);
    }
}
